#pragma once

#include "account/AccountContext.h"
#include "account/Client.h"
#include "chat/ChatView.h"
#include "chat/ConnectionBanner.h"
#include "chat/MembersPanel.h"
#include "chat/RoomListPanel.h"
#include "chat/SearchPanel.h"

#include <QLabel>
#include <QMainWindow>
#include <QPointer>
#include <QSplitter>
#include <QStackedWidget>

class QSystemTrayIcon;

namespace confab::core {
class ChatClient;
class Notifier;
} // namespace confab::core

class QDialog;

namespace confab::ui {

// The window after sign-in: the rooms on the left, the room on screen in
// the middle with its members on the right, the connection's state over
// it; the account and the app's settings in the menus. Shows an account of
// the client's registry: it neither owns it nor orders its teardown, and
// lets go of it (its views go) when the account is about to be removed.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    MainWindow(core::Client& client, core::AccountContext& account, QWidget* parent = nullptr);
    ~MainWindow() override;

    void openProfile();
    void openSettings();
    void openRoom(const QString& roomId);
    void createRoom();
    void joinRoom();
    void startDirectMessage();
    void invite(const QString& roomId);
    void leave(const QString& roomId);
    // Closes the window whatever the tray setting (a sign-out, a restart).
    void closeForGood();
    // Quits the app (the menus' Quit).
    void quit();
    // Whether closing the window leaves the app in the tray.
    bool closesToTray() const;
    QSystemTrayIcon* trayIcon() const { return m_tray; }
    // Asks first when messages are still waiting to be sent.
    void signOut(bool allDevices);

    QLabel* nameLabel() const { return m_name; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* noticeLabel() const { return m_notice; }
    // The account shown; null once it has left the registry.
    core::AccountContext* accountContext() const { return m_account; }
    core::ChatClient* chat() const;
    core::Notifier* notifier() const;
    RoomListPanel* roomList() const { return m_rooms; }
    ChatView* chatView() const { return m_chatView; }
    MembersPanel* membersPanel() const { return m_members; }
    SearchPanel* searchPanel() const { return m_search; }
    // Ctrl+F: the search panel, with the keyboard in its query.
    void findMessages();
    ConnectionBanner* banner() const { return m_banner; }

signals:
    void signOutRequested(bool allDevices);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // Opens a dialog of this window without running it (see MainWindow.cpp).
    void present(QDialog* dialog);
    QWidget* buildSidebar(QWidget* parent);
    QWidget* buildCentre(QWidget* parent);
    void buildMenus();
    void buildTray();
    void connectViews();
    void connectAccount();
    void showAccountNotice();
    void releaseAccount();
    void showWindow();
    void updateUser();
    void updateUnread();
    void showActionError(const QString& text);
    void placeBanner();

    core::Client& m_client;
    QPointer<core::AccountContext> m_account;
    // The views, which go with the account (see releaseAccount()).
    QPointer<QLabel> m_avatar;
    bool m_closingForGood = false;
    QPointer<QLabel> m_name;
    QPointer<QLabel> m_status;
    QPointer<QLabel> m_notice;
    QPointer<QSplitter> m_splitter;
    QPointer<RoomListPanel> m_rooms;
    QPointer<ConnectionBanner> m_banner;
    QPointer<QStackedWidget> m_centre;
    QPointer<QLabel> m_empty;
    QPointer<ChatView> m_chatView;
    QPointer<MembersPanel> m_members;
    QPointer<SearchPanel> m_search;
    QSystemTrayIcon* m_tray = nullptr;
    QString m_lastNotifiedRoom;
};

} // namespace confab::ui
