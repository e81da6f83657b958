#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QSortFilterProxyModel;

namespace confab::core {
class ChatClient;
}

namespace confab::ui {

// Who is in the room on screen, online first, with their presence.
class MembersPanel : public QWidget {
    Q_OBJECT

public:
    explicit MembersPanel(core::ChatClient& chat, QWidget* parent = nullptr);

    void setRoom(const QString& roomId);
    QListView* view() const { return m_view; }
    QLabel* titleLabel() const { return m_title; }

private:
    void updateTitle();

    core::ChatClient& m_chat;
    QString m_roomId;
    QLabel* m_title;
    QListView* m_view;
    QSortFilterProxyModel* m_sorted;
};

} // namespace confab::ui
