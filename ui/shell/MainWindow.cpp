#include "shell/MainWindow.h"

#include "chat/ChatClient.h"
#include "chat/ChatView.h"
#include "chat/ConnectionBanner.h"
#include "chat/MembersPanel.h"
#include "chat/Notifier.h"
#include "chat/RoomListPanel.h"
#include "delegates/Avatar.h"
#include "dialogs/ErrorText.h"
#include "dialogs/ProfileDialog.h"
#include "dialogs/RoomDialogs.h"
#include "dialogs/SettingsDialog.h"
#include "net/ConnectivityWatcher.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QToolButton>
#include <QVBoxLayout>

namespace confab::ui {

namespace {

// The app's icon with the unread count on a red disc in its corner.
QIcon badgeIcon(const QIcon& base, int count)
{
    constexpr int kSize = 64;
    QPixmap pixmap = base.pixmap(kSize, kSize);
    if (pixmap.isNull()) {
        pixmap = QPixmap(kSize, kSize);
        pixmap.fill(QColor(0x3d, 0x7e, 0xff));
    }
    if (count <= 0) {
        return QIcon(pixmap);
    }
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF disc(kSize * 0.42, 0, kSize * 0.58, kSize * 0.58);
    painter.setBrush(QColor(0xe0, 0x31, 0x31));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(disc);
    QFont font = painter.font();
    font.setPixelSize(count > 99 ? 15 : 22);
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(disc, Qt::AlignCenter,
                     count > 99 ? QStringLiteral("99+") : QString::number(count));
    return QIcon(pixmap);
}

} // namespace

MainWindow::MainWindow(core::Client& client, QWidget* parent)
    : QMainWindow(parent), m_client(client)
{
    core::Session& session = *m_client.session();
    m_chat = std::make_unique<core::ChatClient>(
        session,
        core::ChatClient::Options{core::ChatClient::dataDirFor(
                                      session.serverKey(), session.username(), m_client.dataDir()),
                                  m_client.settingsFile()});
    m_notifier = std::make_unique<core::Notifier>(*m_chat);
    m_connectivity = std::make_unique<core::ConnectivityWatcher>();
    connect(m_connectivity.get(), &core::ConnectivityWatcher::reconnectAdvised, this,
            [this] { m_chat->reconnectNow(); });

    setWindowTitle(tr("Confab"));
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);

    // Left: who you are, and your rooms.
    auto* sidebar = new QWidget(m_splitter);
    sidebar->setObjectName(QStringLiteral("sidebar"));
    auto* sideLayout = new QVBoxLayout(sidebar);
    sideLayout->setContentsMargins(0, 10, 0, 0);
    auto* header = new QHBoxLayout;
    header->setContentsMargins(12, 0, 8, 4);
    m_avatar = new QLabel(sidebar);
    m_avatar->setFixedSize(40, 40);
    m_avatar->setAccessibleName(tr("Your picture"));
    auto* who = new QVBoxLayout;
    who->setSpacing(0);
    m_name = new QLabel(sidebar);
    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.1);
    m_name->setFont(nameFont);
    m_name->setAccessibleName(tr("Your name"));
    m_status = new QLabel(sidebar);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setAccessibleName(tr("Your status"));
    who->addWidget(m_name);
    who->addWidget(m_status);
    auto* profile = new QToolButton(sidebar);
    profile->setText(tr("Profile…"));
    profile->setAutoRaise(true);
    profile->setAccessibleName(tr("Edit your profile"));
    connect(profile, &QToolButton::clicked, this, &MainWindow::openProfile);
    header->addWidget(m_avatar);
    header->addLayout(who, 1);
    header->addWidget(profile);
    sideLayout->addLayout(header);
    m_rooms = new RoomListPanel(*m_chat, sidebar);
    sideLayout->addWidget(m_rooms, 1);

    // Middle: the connection, notices, and the room on screen.
    auto* centre = new QWidget(m_splitter);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    m_banner = new ConnectionBanner(*m_chat, centre);
    centreLayout->addWidget(m_banner);
    m_notice = new QLabel(centre);
    m_notice->setWordWrap(true);
    m_notice->setAccessibleName(tr("Notice"));
    m_notice->setContentsMargins(16, 8, 16, 8);
    m_notice->setAutoFillBackground(true);
    m_notice->setBackgroundRole(QPalette::AlternateBase);
    m_notice->hide();
    centreLayout->addWidget(m_notice);
    m_centre = new QStackedWidget(centre);
    m_empty = new QLabel(tr("Pick a conversation on the left, or start one with “New”."), m_centre);
    static_cast<QLabel*>(m_empty)->setAlignment(Qt::AlignCenter);
    static_cast<QLabel*>(m_empty)->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_chatView = new ChatView(*m_chat, m_centre);
    m_centre->addWidget(m_empty);
    m_centre->addWidget(m_chatView);
    centreLayout->addWidget(m_centre, 1);

    // Right: who is in the room.
    m_members = new MembersPanel(*m_chat, m_splitter);
    m_members->hide();

    m_splitter->addWidget(sidebar);
    m_splitter->addWidget(centre);
    m_splitter->addWidget(m_members);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setSizes({290, 700, 230});
    sidebar->setMinimumWidth(220);
    m_members->setMinimumWidth(180);
    setCentralWidget(m_splitter);

    auto* account = menuBar()->addMenu(tr("&Account"));
    account->addAction(tr("&Profile…"), this, &MainWindow::openProfile);
    account->addSeparator();
    account->addAction(tr("&Sign out"), this, [this] { emit signOutRequested(false); });
    account->addAction(tr("Sign out &everywhere"), this, [this] { emit signOutRequested(true); });
    auto* rooms = menuBar()->addMenu(tr("&Rooms"));
    rooms->addAction(tr("New &room…"), QKeySequence::New, this, &MainWindow::createRoom);
    rooms->addAction(tr("&Join a room…"), this, &MainWindow::joinRoom);
    rooms->addAction(tr("New &direct message…"), this, &MainWindow::startDirectMessage);
    auto* app = menuBar()->addMenu(tr("&Confab"));
    app->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    app->addSeparator();
    app->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    connect(m_rooms, &RoomListPanel::roomSelected, this, &MainWindow::openRoom);
    connect(m_rooms, &RoomListPanel::createRoomRequested, this, &MainWindow::createRoom);
    connect(m_rooms, &RoomListPanel::joinRoomRequested, this, &MainWindow::joinRoom);
    connect(m_rooms, &RoomListPanel::directMessageRequested, this, &MainWindow::startDirectMessage);
    connect(m_rooms, &RoomListPanel::inviteRequested, this, &MainWindow::invite);
    connect(m_rooms, &RoomListPanel::leaveRequested, this, &MainWindow::leave);
    connect(m_chatView, &ChatView::inviteRequested, this, &MainWindow::invite);
    connect(m_chatView, &ChatView::leaveRequested, this, &MainWindow::leave);
    connect(m_chatView, &ChatView::membersToggled, m_members, &QWidget::setVisible);

    // The newest room opens by itself once the list is there.
    auto openFirst = [this] {
        if (m_chatView->roomId().isEmpty() && m_chat->rooms()->rowCount() > 0) {
            openRoom(m_chat->rooms()->roomIdAt(0));
        }
    };
    connect(m_chat->rooms(), &QAbstractItemModel::modelReset, this, openFirst);
    connect(m_chat->rooms(), &QAbstractItemModel::rowsInserted, this, openFirst);
    connect(m_chat.get(), &core::ChatClient::roomRemoved, this, [this](const QString& roomId) {
        if (m_chatView->roomId() == roomId) {
            m_chatView->setRoom({});
            m_members->setRoom({});
            m_notifier->setViewedRoom({});
            m_centre->setCurrentWidget(m_empty);
            if (m_chat->rooms()->rowCount() > 0) {
                openRoom(m_chat->rooms()->roomIdAt(0));
            }
        }
    });
    connect(m_chat.get(), &core::ChatClient::actionFailed, this,
            [this](core::ChatClient::Action action, const core::Error& error) {
                using Action = core::ChatClient::Action;
                switch (action) {
                case Action::EditMessage:
                    showActionError(
                        tr("The message could not be edited: %1").arg(ErrorText::describe(error)));
                    break;
                case Action::DeleteMessage:
                    showActionError(
                        tr("The message could not be deleted: %1").arg(ErrorText::describe(error)));
                    break;
                case Action::LeaveRoom:
                    showActionError(
                        tr("Could not leave the room: %1").arg(ErrorText::describe(error)));
                    break;
                case Action::LoadRooms:
                    showActionError(
                        tr("Your rooms could not be loaded: %1").arg(ErrorText::describe(error)));
                    break;
                default:
                    break; // the dialogs that asked show these
                }
            });
    connect(m_chat->rooms(), &core::RoomsModel::totalUnreadChanged, this,
            &MainWindow::updateUnread);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(badgeIcon(QApplication::windowIcon(), 0), this);
        auto* trayMenu = new QMenu(this);
        trayMenu->addAction(tr("&Show Confab"), this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        trayMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
        m_tray->setContextMenu(trayMenu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](auto reason) {
            if (reason == QSystemTrayIcon::Trigger) {
                showNormal();
                raise();
                activateWindow();
            }
        });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!m_lastNotifiedRoom.isEmpty()) {
                openRoom(m_lastNotifiedRoom);
            }
            showNormal();
            raise();
            activateWindow();
        });
        m_tray->show();
    }
    connect(m_notifier.get(), &core::Notifier::notificationPosted, this,
            [this](const QString& roomId, const QString& title, const QString& body) {
                m_lastNotifiedRoom = roomId;
                QApplication::alert(this);
                if (m_tray && !m_notifier->usesDesktopService()) {
                    m_tray->showMessage(title, body, badgeIcon(QApplication::windowIcon(), 0));
                }
            });
    connect(m_notifier.get(), &core::Notifier::roomActivated, this, [this](const QString& roomId) {
        openRoom(roomId);
        showNormal();
        raise();
        activateWindow();
    });

    connect(&session, &core::Session::userChanged, this, &MainWindow::updateUser);
    connect(&session, &core::Session::noticeChanged, this, [this](const QString& notice) {
        m_notice->setText(notice);
        m_notice->setVisible(!notice.isEmpty());
    });
    m_notice->setText(session.notice());
    m_notice->setVisible(!session.notice().isEmpty());
    updateUser();
    if (!restoreGeometry(m_client.settings().windowGeometry(QStringLiteral("main")))) {
        resize(1120, 720);
    }
    m_chat->start();
}

MainWindow::~MainWindow()
{
    // The views go before the chat client whose models they show.
    delete takeCentralWidget();
    m_notifier.reset();
    m_chat.reset();
}

void MainWindow::stopChat()
{
    m_chat->stop();
    m_notifier->setEnabled(false);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_client.settings().setWindowGeometry(QStringLiteral("main"), saveGeometry());
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::ActivationChange) {
        m_notifier->setWindowActive(isActiveWindow());
        if (isActiveWindow()) {
            m_chatView->markSeen();
        }
    }
}

void MainWindow::updateUser()
{
    core::Session* session = m_client.session();
    if (!session) {
        return;
    }
    const v1::User& user = session->user();
    const QString name =
        QString::fromStdString(user.display_name().empty() ? user.username() : user.display_name());
    m_name->setText(name);
    m_status->setText(QString::fromStdString(user.status_text()));
    m_status->setVisible(!m_status->text().isEmpty());
    m_avatar->setPixmap(avatarPixmap(QByteArray::fromStdString(user.avatar()), name, 40));
    updateUnread();
}

void MainWindow::updateUnread()
{
    const int unread = m_chat->rooms()->totalUnread();
    const QString title = tr("Confab — %1").arg(m_name->text());
    setWindowTitle(unread > 0 ? tr("(%1) %2").arg(unread).arg(title) : title);
    if (m_tray) {
        m_tray->setIcon(badgeIcon(QApplication::windowIcon(), unread));
        m_tray->setToolTip(unread > 0 ? tr("Confab: %n unread message(s)", nullptr, unread)
                                      : tr("Confab"));
    }
}

void MainWindow::showActionError(const QString& text)
{
    statusBar()->showMessage(text, 10000);
}

void MainWindow::openRoom(const QString& roomId)
{
    if (roomId.isEmpty() || !m_chat->rooms()->contains(roomId)) {
        return;
    }
    m_rooms->selectRoom(roomId);
    m_chatView->setRoom(roomId);
    m_members->setRoom(roomId);
    m_notifier->setViewedRoom(roomId);
    m_centre->setCurrentWidget(m_chatView);
}

void MainWindow::createRoom()
{
    CreateRoomDialog dialog(*m_chat, this);
    if (dialog.exec() == QDialog::Accepted) {
        openRoom(dialog.createdRoomId());
    }
}

void MainWindow::joinRoom()
{
    DirectoryDialog dialog(*m_chat, this);
    if (dialog.exec() == QDialog::Accepted) {
        openRoom(dialog.joinedRoomId());
    }
}

void MainWindow::startDirectMessage()
{
    UserPickerDialog dialog(*m_chat, UserPickerDialog::Purpose::DirectMessage, {}, this);
    if (dialog.exec() == QDialog::Accepted) {
        openRoom(dialog.roomId());
    }
}

void MainWindow::invite(const QString& roomId)
{
    if (roomId.isEmpty()) {
        return;
    }
    UserPickerDialog dialog(*m_chat, UserPickerDialog::Purpose::Invite, roomId, this);
    dialog.exec();
}

void MainWindow::leave(const QString& roomId)
{
    if (roomId.isEmpty()) {
        return;
    }
    const QString name = m_chat->rooms()->name(roomId);
    const auto answer = QMessageBox::question(
        this, tr("Leave room"),
        tr("Leave “%1”? You will stop getting its messages; to come back you need an invitation "
           "unless the room is public.")
            .arg(name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes) {
        m_chat->leaveRoom(roomId);
    }
}

void MainWindow::openProfile()
{
    if (!m_client.session() || !m_client.account()) {
        return;
    }
    ProfileDialog dialog(*m_client.session(), *m_client.account(), this);
    dialog.exec();
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_client, this);
    dialog.exec();
}

} // namespace confab::ui
