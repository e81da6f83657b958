#pragma once

#include <QPlainTextEdit>

class QAbstractItemModel;
class QCompleter;
class QIdentityProxyModel;

namespace confab::ui {

// Where a message is written: Enter sends, Shift+Enter starts a new line,
// Up in an empty composer edits the last own message, Esc cancels a reply
// or an edit. Grows with its text up to a few lines. Typing @ offers the
// room's members by username (the arrow keys choose, Enter or Tab takes
// one, Esc closes the list). A pasted picture or file is attached.
class Composer : public QPlainTextEdit {
    Q_OBJECT

public:
    explicit Composer(QWidget* parent = nullptr);

    QString text() const { return toPlainText(); }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // Who @ offers: a core::MembersModel (or none).
    void setMentionModel(QAbstractItemModel* members);
    QCompleter* mentionCompleter() const { return m_completer; }

signals:
    void sendRequested();
    void editLastRequested();
    void cancelRequested();
    // Page Up (-1) or Page Down (1): the timeline scrolls by a page.
    void pageRequested(int direction);
    // A picture or files were pasted: they go with the message, not into its text.
    void imagePasted(const QImage& image);
    void filesPasted(const QStringList& paths);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool canInsertFromMimeData(const QMimeData* source) const override;
    void insertFromMimeData(const QMimeData* source) override;

private:
    int heightFor(int lines) const;
    void fitHeight();
    // The @word the cursor is at the end of (without the @), or null.
    QString mentionPrefix() const;
    void updateCompletion();
    void insertMention(const QString& username);

    QCompleter* m_completer;
    QIdentityProxyModel* m_mentionNames;
};

} // namespace confab::ui
