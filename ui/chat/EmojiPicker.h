#pragma once

#include <QDialog>
#include <QStringList>

class QListWidget;

namespace confab::ui {

// The emoji a reaction is chosen from: the quick ones first, then the
// rest, in a grid the arrow keys move through; Enter or a click chooses.
class EmojiPicker : public QDialog {
    Q_OBJECT

public:
    explicit EmojiPicker(QWidget* parent = nullptr);

    // The six offered on the bar over a message, in order.
    static const QStringList& quickEmoji();
    static const QStringList& allEmoji();

    QListWidget* list() const { return m_list; }

signals:
    void chosen(const QString& emoji);

private:
    QListWidget* m_list;
};

} // namespace confab::ui
