#pragma once

#include <QPlainTextEdit>

namespace confab::ui {

// Where a message is written: Enter sends, Shift+Enter starts a new line,
// Up in an empty composer edits the last own message, Esc cancels a reply
// or an edit. Grows with its text up to a few lines.
class Composer : public QPlainTextEdit {
    Q_OBJECT

public:
    explicit Composer(QWidget* parent = nullptr);

    QString text() const { return toPlainText(); }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void sendRequested();
    void editLastRequested();
    void cancelRequested();
    // Page Up (-1) or Page Down (1): the timeline scrolls by a page.
    void pageRequested(int direction);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    int heightFor(int lines) const;
    void fitHeight();
};

} // namespace confab::ui
