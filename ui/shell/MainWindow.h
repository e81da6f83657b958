#pragma once

#include "account/Client.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QSplitter;
class QStackedWidget;
class QSystemTrayIcon;

namespace confab::core {
class ChatClient;
class ConnectivityWatcher;
class Notifier;
} // namespace confab::core

namespace confab::ui {

class ChatView;
class ConnectionBanner;
class MembersPanel;
class RoomListPanel;

// The window after sign-in: the rooms on the left, the room on screen in
// the middle with its members on the right, the connection's state over
// it; the account and the app's settings in the menus. Owns the chat client
// of the signed-in session.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(core::Client& client, QWidget* parent = nullptr);
    ~MainWindow() override;

    void openProfile();
    void openSettings();
    void openRoom(const QString& roomId);
    void createRoom();
    void joinRoom();
    void startDirectMessage();
    void invite(const QString& roomId);
    void leave(const QString& roomId);
    // The session is going away: the chat stops using it now.
    void stopChat();

    QLabel* nameLabel() const { return m_name; }
    QLabel* noticeLabel() const { return m_notice; }
    core::ChatClient* chat() const { return m_chat.get(); }
    core::Notifier* notifier() const { return m_notifier.get(); }
    RoomListPanel* roomList() const { return m_rooms; }
    ChatView* chatView() const { return m_chatView; }
    MembersPanel* membersPanel() const { return m_members; }
    ConnectionBanner* banner() const { return m_banner; }

signals:
    void signOutRequested(bool allDevices);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateUser();
    void updateUnread();
    void showActionError(const QString& text);

    core::Client& m_client;
    std::unique_ptr<core::ChatClient> m_chat;
    std::unique_ptr<core::Notifier> m_notifier;
    std::unique_ptr<core::ConnectivityWatcher> m_connectivity;
    QLabel* m_avatar;
    QLabel* m_name;
    QLabel* m_status;
    QLabel* m_notice;
    QSplitter* m_splitter;
    RoomListPanel* m_rooms;
    ConnectionBanner* m_banner;
    QStackedWidget* m_centre;
    QWidget* m_empty;
    ChatView* m_chatView;
    MembersPanel* m_members;
    QSystemTrayIcon* m_tray = nullptr;
    QString m_lastNotifiedRoom;
};

} // namespace confab::ui
