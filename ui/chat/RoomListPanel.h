#pragma once

#include <QWidget>

class QLineEdit;
class QListView;
class QLabel;
class QSortFilterProxyModel;
class QToolButton;

namespace confab::core {
class ChatClient;
}

namespace confab::ui {

class InvitationsPanel;

// The rooms and direct conversations of the user, newest activity first,
// with unread badges and a filter; actions to start or join more.
class RoomListPanel : public QWidget {
    Q_OBJECT

public:
    explicit RoomListPanel(core::ChatClient& chat, QWidget* parent = nullptr);

    void selectRoom(const QString& roomId);
    // Ctrl+K: the search field takes the keyboard; Enter opens the first
    // room that matches, Down goes into the list.
    void jumpToRoom();
    // Alt+Down / Alt+Up: opens the next / previous room of the list.
    void openNeighbour(int step);
    QString selectedRoom() const;

    QLineEdit* searchField() const { return m_search; }
    QListView* view() const { return m_view; }
    QToolButton* newButton() const { return m_new; }
    InvitationsPanel* invitations() const { return m_invitations; }

signals:
    void roomSelected(const QString& roomId);
    void createRoomRequested();
    void joinRoomRequested();
    void directMessageRequested();
    void inviteRequested(const QString& roomId);
    void leaveRequested(const QString& roomId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showMenu(const QPoint& pos);
    void updateEmpty();

    core::ChatClient& m_chat;
    QLineEdit* m_search;
    InvitationsPanel* m_invitations;
    QListView* m_view;
    QSortFilterProxyModel* m_filter;
    QToolButton* m_new;
    QLabel* m_empty;
    QString m_selected;
};

} // namespace confab::ui
