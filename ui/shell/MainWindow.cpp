#include "shell/MainWindow.h"

#include "account/AccountContext.h"
#include "chat/ChatClient.h"
#include "chat/ChatView.h"
#include "chat/Composer.h"
#include "chat/ConnectionBanner.h"
#include "chat/MembersPanel.h"
#include "chat/Notifier.h"
#include "chat/RoomListPanel.h"
#include "delegates/Avatar.h"
#include "dialogs/CreateRoomDialog.h"
#include "dialogs/DirectoryDialog.h"
#include "dialogs/ElidedLabel.h"
#include "dialogs/ErrorText.h"
#include "dialogs/LiveText.h"
#include "dialogs/ProfileDialog.h"
#include "dialogs/SettingsDialog.h"
#include "dialogs/UserPickerDialog.h"
#include "shell/StartupTrace.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
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

MainWindow::MainWindow(core::Client& client, core::AccountContext& account, QWidget* parent)
    : QMainWindow(parent), m_client(client), m_account(&account)
{
    setWindowTitle(tr("Confab"));
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    QWidget* sidebar = buildSidebar(m_splitter);
    QWidget* centre = buildCentre(m_splitter);
    // Right: who is in the room.
    m_members = new MembersPanel(*chat(), m_splitter);
    m_members->hide();
    m_members->setMinimumWidth(180);
    // Right too, when asked for: messages found.
    m_search = new SearchPanel(*chat(), m_splitter);
    m_search->hide();
    m_search->setMinimumWidth(240);
    m_splitter->addWidget(sidebar);
    m_splitter->addWidget(centre);
    m_splitter->addWidget(m_members);
    m_splitter->addWidget(m_search);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setStretchFactor(3, 0);
    m_splitter->setSizes({290, 700, 230, 300});
    setCentralWidget(m_splitter);

    buildMenus();
    buildTray();
    connectViews();
    connectAccount();
    showAccountNotice();
    updateUser();
    if (!restoreGeometry(m_client.settings().windowGeometry(QStringLiteral("main")))) {
        resize(1120, 720);
    }
}

MainWindow::~MainWindow() = default;

core::ChatClient* MainWindow::chat() const
{
    return m_account ? m_account->chat() : nullptr;
}

core::Notifier* MainWindow::notifier() const
{
    return m_account ? m_account->notifier() : nullptr;
}

// Left: who you are, and your rooms.
QWidget* MainWindow::buildSidebar(QWidget* parent)
{
    auto* sidebar = new QWidget(parent);
    sidebar->setObjectName(QStringLiteral("sidebar"));
    sidebar->setMinimumWidth(220);
    auto* sideLayout = new QVBoxLayout(sidebar);
    sideLayout->setContentsMargins(0, 10, 0, 0);
    auto* header = new QHBoxLayout;
    header->setContentsMargins(12, 0, 8, 4);
    m_avatar = new QLabel(sidebar);
    m_avatar->setFixedSize(40, 40);
    m_avatar->setAccessibleName(tr("Your picture"));
    auto* who = new QVBoxLayout;
    who->setSpacing(0);
    m_name = new ElidedLabel(sidebar);
    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.1);
    m_name->setFont(nameFont);
    m_name->setAccessibleDescription(tr("Your name"));
    m_status = new ElidedLabel(sidebar);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setAccessibleDescription(tr("Your status"));
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
    m_rooms = new RoomListPanel(*chat(), sidebar);
    sideLayout->addWidget(m_rooms, 1);
    return sidebar;
}

// Middle: the connection, notices, and the room on screen.
QWidget* MainWindow::buildCentre(QWidget* parent)
{
    auto* centre = new QWidget(parent);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    // The connection's state floats over the top of the timeline: showing
    // and hiding it, or its text growing a line, moves nothing else.
    m_banner = new ConnectionBanner(*chat(), centre);
    m_banner->installEventFilter(this);
    m_notice = new QLabel(centre);
    m_notice->setWordWrap(true);
    LiveText::mark(m_notice, tr("Notice"));
    m_notice->setContentsMargins(16, 8, 16, 8);
    m_notice->setAutoFillBackground(true);
    m_notice->setBackgroundRole(QPalette::AlternateBase);
    m_notice->hide();
    centreLayout->addWidget(m_notice);
    m_centre = new QStackedWidget(centre);
    m_empty = new QLabel(tr("Pick a conversation on the left, or start one with “New”."), m_centre);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_chatView = new ChatView(*chat(), m_centre);
    m_centre->addWidget(m_empty);
    m_centre->addWidget(m_chatView);
    centreLayout->addWidget(m_centre, 1);
    m_centre->installEventFilter(this);
    m_chatView->timelineView()->installEventFilter(this);
    connect(m_centre, &QStackedWidget::currentChanged, this, &MainWindow::placeBanner);
    return centre;
}

void MainWindow::buildMenus()
{
    auto* account = menuBar()->addMenu(tr("&Account"));
    account->addAction(tr("&Profile…"), this, &MainWindow::openProfile);
    account->addSeparator();
    account->addAction(tr("&Sign out"), this, [this] { signOut(false); });
    account->addAction(tr("Sign out &everywhere"), this, [this] { signOut(true); });
    auto* rooms = menuBar()->addMenu(tr("&Rooms"));
    rooms->addAction(tr("New &room…"), QKeySequence::New, this, &MainWindow::createRoom);
    rooms->addAction(tr("&Join a room…"), this, &MainWindow::joinRoom);
    rooms->addAction(tr("New &direct message…"), this, &MainWindow::startDirectMessage);
    rooms->addSeparator();
    rooms->addAction(tr("&Go to a room…"), QKeySequence(Qt::CTRL | Qt::Key_K), m_rooms,
                     &RoomListPanel::jumpToRoom);
    rooms->addAction(tr("&Find in messages…"), QKeySequence::Find, this, &MainWindow::findMessages);
    rooms->addAction(tr("&Next room"), QKeySequence(Qt::ALT | Qt::Key_Down), this,
                     [this] { m_rooms->openNeighbour(1); });
    rooms->addAction(tr("&Previous room"), QKeySequence(Qt::ALT | Qt::Key_Up), this,
                     [this] { m_rooms->openNeighbour(-1); });
    auto* app = menuBar()->addMenu(tr("&Confab"));
    app->addAction(tr("&Settings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this,
                   &MainWindow::openSettings);
    app->addSeparator();
    app->addAction(tr("&Quit"), QKeySequence::Quit, this, &MainWindow::quit);
    // An open menu is named like its title in the menu bar.
    for (QMenu* menu : {account, rooms, app}) {
        menu->setAccessibleName(menu->title().remove(QLatin1Char('&')));
    }
}

void MainWindow::buildTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        return;
    }
    m_tray = new QSystemTrayIcon(badgeIcon(QApplication::windowIcon(), 0), this);
    auto* trayMenu = new QMenu(this);
    trayMenu->addAction(tr("&Show Confab"), this, &MainWindow::showWindow);
    trayMenu->addAction(tr("&Quit"), this, &MainWindow::quit);
    m_tray->setContextMenu(trayMenu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](auto reason) {
        if (reason == QSystemTrayIcon::Trigger) {
            showWindow();
        }
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (!m_lastNotifiedRoom.isEmpty()) {
            openRoom(m_lastNotifiedRoom);
        }
        showWindow();
    });
    m_tray->show();
}

void MainWindow::showWindow()
{
    showNormal();
    raise();
    activateWindow();
}

void MainWindow::connectViews()
{
    connect(m_rooms, &RoomListPanel::roomSelected, this, &MainWindow::openRoom);
    connect(m_rooms, &RoomListPanel::createRoomRequested, this, &MainWindow::createRoom);
    connect(m_rooms, &RoomListPanel::joinRoomRequested, this, &MainWindow::joinRoom);
    connect(m_rooms, &RoomListPanel::directMessageRequested, this, &MainWindow::startDirectMessage);
    connect(m_rooms, &RoomListPanel::inviteRequested, this, &MainWindow::invite);
    connect(m_rooms, &RoomListPanel::leaveRequested, this, &MainWindow::leave);
    connect(m_chatView, &ChatView::inviteRequested, this, &MainWindow::invite);
    connect(m_chatView, &ChatView::leaveRequested, this, &MainWindow::leave);
    connect(m_chatView, &ChatView::membersToggled, m_members, &QWidget::setVisible);
    connect(m_chatView, &ChatView::membersToggled, this, [this](bool shown) {
        if (shown) {
            m_search->hide();
        }
    });
    connect(m_search, &SearchPanel::hitChosen, this,
            [this](const QString& roomId, const QString& messageId, quint64 seq) {
                openRoom(roomId);
                if (m_chatView->roomId() == roomId) {
                    m_chatView->revealMessage(messageId, seq);
                }
            });
    connect(m_search, &SearchPanel::closed, this, [this] {
        if (m_chatView->isVisible()) {
            m_chatView->composer()->setFocus(Qt::OtherFocusReason);
        }
    });
}

void MainWindow::findMessages()
{
    if (!m_account) {
        return;
    }
    // The right side has room for one panel: search takes the members' place.
    if (m_chatView->membersButton()->isChecked()) {
        m_chatView->membersButton()->setChecked(false);
    }
    m_search->setRoom(m_chatView->roomId());
    m_search->start();
}

// Every connection from the account's objects to this window is made here
// and undone in releaseAccount().
void MainWindow::connectAccount()
{
    core::ChatClient* chatClient = m_account->chat();
    core::Notifier* notices = m_account->notifier();
    connect(m_account, &core::AccountContext::aboutToBeRemoved, this, &MainWindow::releaseAccount);
    // The newest room opens by itself once the list is there.
    auto openFirst = [this] {
        if (m_chatView->roomId().isEmpty() && chat()->rooms()->rowCount() > 0) {
            openRoom(chat()->rooms()->roomIdAt(0));
        }
    };
    connect(chatClient->rooms(), &QAbstractItemModel::modelReset, this, openFirst);
    // The list is in: once it is drawn, the start is over.
    connect(chatClient->rooms(), &QAbstractItemModel::modelReset, this, [this] {
        QTimer::singleShot(0, this, [this] {
            if (isVisible()) {
                StartupTrace::roomsShown();
            }
        });
    });
    connect(chatClient->rooms(), &QAbstractItemModel::rowsInserted, this, openFirst);
    connect(chatClient->rooms(), &core::RoomsModel::totalUnreadChanged, this,
            &MainWindow::updateUnread);
    connect(chatClient, &core::ChatClient::roomRemoved, this, [this](const QString& roomId) {
        if (m_chatView->roomId() == roomId) {
            m_chatView->setRoom({});
            m_members->setRoom({});
            notifier()->setViewedRoom({});
            m_centre->setCurrentWidget(m_empty);
            if (chat()->rooms()->rowCount() > 0) {
                openRoom(chat()->rooms()->roomIdAt(0));
            }
        }
    });
    connect(chatClient, &core::ChatClient::actionFailed, this,
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
                case Action::Attach:
                    showActionError(error.reason.startsWith(QLatin1String("must be at most"))
                                        ? tr("The file could not be attached: it is larger "
                                             "than 1 GiB.")
                                        : tr("The file could not be attached: it cannot be "
                                             "read."));
                    break;
                default:
                    break; // the dialogs that asked show these
                }
            });
    connect(notices, &core::Notifier::notificationPosted, this,
            [this](const QString& roomId, const QString& title, const QString& body) {
                m_lastNotifiedRoom = roomId;
                QApplication::alert(this);
                if (m_tray && !notifier()->usesDesktopService()) {
                    m_tray->showMessage(title, body, badgeIcon(QApplication::windowIcon(), 0));
                }
            });
    connect(notices, &core::Notifier::roomActivated, this, [this](const QString& roomId) {
        openRoom(roomId);
        showWindow();
    });
    core::Session& session = m_account->session();
    connect(&session, &core::Session::userChanged, this, &MainWindow::updateUser);
    connect(&session, &core::Session::noticeChanged, this, &MainWindow::showAccountNotice);
}

void MainWindow::showAccountNotice()
{
    const QString notice = m_account ? m_account->session().notice() : QString();
    LiveText::show(m_notice, notice);
}

void MainWindow::releaseAccount()
{
    if (!m_account) {
        return;
    }
    core::ChatClient* chatClient = m_account->chat();
    for (const QObject* source :
         std::initializer_list<const QObject*>{m_account, chatClient, chatClient->rooms(),
                                               m_account->notifier(), &m_account->session()}) {
        disconnect(source, nullptr, this, nullptr);
    }
    m_account = nullptr;
    // The views go before the account: its deletion is deferred too, and
    // posted after this.
    if (QWidget* views = takeCentralWidget()) {
        views->hide();
        views->deleteLater();
    }
}

// Over the top of the timeline (of the centre when no room is open), as wide
// as it and as tall as its text needs.
void MainWindow::placeBanner()
{
    if (!m_banner || !m_centre) {
        return;
    }
    QWidget* anchor = m_centre->currentWidget() == m_chatView
                          ? static_cast<QWidget*>(m_chatView->timelineView())
                          : static_cast<QWidget*>(m_centre);
    const QPoint topLeft = anchor->mapTo(m_banner->parentWidget(), QPoint(0, 0));
    const int width = anchor->width();
    const int height = m_banner->hasHeightForWidth() ? m_banner->heightForWidth(width)
                                                     : m_banner->sizeHint().height();
    m_banner->setGeometry(topLeft.x(), topLeft.y(), width, height);
    m_banner->raise();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    const QEvent::Type type = event->type();
    if ((watched == m_banner && (type == QEvent::Show || type == QEvent::LayoutRequest)) ||
        (watched != m_banner && (type == QEvent::Resize || type == QEvent::Move))) {
        placeBanner();
    }
    return QMainWindow::eventFilter(watched, event);
}

bool MainWindow::closesToTray() const
{
    return m_tray && m_tray->isVisible() && m_client.settings().closeToTray();
}

void MainWindow::closeForGood()
{
    m_closingForGood = true;
    close();
}

void MainWindow::quit()
{
    m_closingForGood = true;
    QApplication::quit();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_client.settings().setWindowGeometry(QStringLiteral("main"), saveGeometry());
    // Closed by the user where a tray exists: the app keeps running there
    // (and says so once); Quit quits.
    if (!m_closingForGood && closesToTray()) {
        event->ignore();
        hide();
        if (!m_client.settings().trayNoticeShown()) {
            m_client.settings().setTrayNoticeShown(true);
            m_tray->showMessage(tr("Confab is still running"),
                                tr("New messages still reach you. Choose Quit in the tray "
                                   "menu to close Confab, or turn this off in Settings."),
                                QApplication::windowIcon());
        }
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::ActivationChange && m_account) {
        notifier()->setWindowActive(isActiveWindow());
        if (isActiveWindow()) {
            m_chatView->markSeen();
        }
    }
}

void MainWindow::updateUser()
{
    if (!m_account) {
        return;
    }
    const v1::User& user = m_account->session().user();
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
    if (!m_account) {
        return;
    }
    const int unread = chat()->rooms()->totalUnread();
    // The platform adds " — Confab" (the application's display name).
    const QString title = m_name->text();
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
    if (!m_account || roomId.isEmpty() || !chat()->rooms()->contains(roomId)) {
        return;
    }
    m_rooms->selectRoom(roomId);
    m_chatView->setRoom(roomId);
    m_members->setRoom(roomId);
    m_search->setRoom(roomId);
    notifier()->setViewedRoom(roomId);
    m_centre->setCurrentWidget(m_chatView);
}

// Every dialog is opened, never run: the action that opens it returns at
// once, and a dialog is a child of this window, so whatever ends the window
// (a restart, a sign-out) ends its dialogs with it.
void MainWindow::present(QDialog* dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::createRoom()
{
    if (!m_account) {
        return;
    }
    auto* dialog = new CreateRoomDialog(*chat(), this);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { openRoom(dialog->createdRoomId()); });
    present(dialog);
}

void MainWindow::joinRoom()
{
    if (!m_account) {
        return;
    }
    auto* dialog = new DirectoryDialog(*chat(), this);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openRoom(dialog->joinedRoomId()); });
    present(dialog);
}

void MainWindow::startDirectMessage()
{
    if (!m_account) {
        return;
    }
    auto* dialog =
        new UserPickerDialog(*chat(), UserPickerDialog::Purpose::DirectMessage, {}, this);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openRoom(dialog->roomId()); });
    present(dialog);
}

void MainWindow::invite(const QString& roomId)
{
    if (!m_account || roomId.isEmpty()) {
        return;
    }
    present(new UserPickerDialog(*chat(), UserPickerDialog::Purpose::Invite, roomId, this));
}

void MainWindow::leave(const QString& roomId)
{
    if (!m_account || roomId.isEmpty()) {
        return;
    }
    const QString name = chat()->rooms()->name(roomId);
    auto* question = new QMessageBox(
        QMessageBox::Question, tr("Leave room"),
        tr("Leave “%1”? You will stop getting its messages; to come back you need an invitation "
           "unless the room is public.")
            .arg(name),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    question->setDefaultButton(QMessageBox::Cancel);
    connect(question, &QMessageBox::finished, this, [this, roomId](int answer) {
        if (answer == QMessageBox::Yes && m_account) {
            chat()->leaveRoom(roomId);
        }
    });
    present(question);
}

// Messages not yet sent stay with this account on this computer and go out
// when it signs in again; the user hears that before signing out.
void MainWindow::signOut(bool allDevices)
{
    const int unsent = m_account ? chat()->outbox()->size() : 0;
    if (unsent == 0) {
        emit signOutRequested(allDevices);
        return;
    }
    auto* question = new QMessageBox(
        QMessageBox::Question, tr("Sign out"),
        tr("%n message(s) have not been sent yet. They are kept on this computer and sent when "
           "you sign in to this account again.",
           "", unsent),
        QMessageBox::NoButton, this);
    QAbstractButton* confirm = question->addButton(tr("Sign out"), QMessageBox::AcceptRole);
    question->setDefaultButton(question->addButton(QMessageBox::Cancel));
    connect(question, &QMessageBox::finished, this, [this, question, confirm, allDevices] {
        if (question->clickedButton() == confirm) {
            emit signOutRequested(allDevices);
        }
    });
    present(question);
}

void MainWindow::openProfile()
{
    if (!m_account) {
        return;
    }
    present(new ProfileDialog(m_account->session(), *m_account->account(), this));
}

void MainWindow::openSettings()
{
    present(new SettingsDialog(m_client, this));
}

} // namespace confab::ui
