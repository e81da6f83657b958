#pragma once

#include <QStyledItemDelegate>

namespace confab::core {
class ChatClient;
}

namespace confab::ui {

// A room in the room list: picture, name, when it was last active, the last
// message (with its author), and the unread count.
class RoomDelegate : public QStyledItemDelegate {
public:
    RoomDelegate(core::ChatClient& chat, QObject* parent);

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

    // The line under the name: the last message with its author.
    QString previewText(const QModelIndex& index) const;
    // A room as a screen reader says it: name, unread count, last message.
    QString spokenText(const QModelIndex& index) const;

private:
    core::ChatClient& m_chat;
};

} // namespace confab::ui
