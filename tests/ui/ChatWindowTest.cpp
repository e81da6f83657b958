#include "Accessibility.h"
#include "ChatFixture.h"
#include "Widgets.h"
#include "account/AccountContext.h"
#include "account/Client.h"
#include "chat/AttachmentTray.h"
#include "chat/ChatView.h"
#include "chat/Composer.h"
#include "chat/ConnectionBanner.h"
#include "chat/EmojiPicker.h"
#include "chat/ImageViewer.h"
#include "chat/InvitationsPanel.h"
#include "chat/MembersPanel.h"
#include "chat/RoomListPanel.h"
#include "chat/SearchPanel.h"
#include "chat/TimelineView.h"
#include "delegates/MessageDelegate.h"
#include "delegates/RoomDelegate.h"
#include "dialogs/ElidedLabel.h"
#include "dialogs/SettingsDialog.h"
#include "shell/MainWindow.h"

#include "models/SearchModel.h"
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCompleter>
#include <QContextMenuEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QToolButton>
#include <QUuid>

namespace confab::test {
namespace {

using core::TimelineModel;

// The main window of Anna's app (a real core::Client on the in-process
// server) next to Bob, who uses the chat core directly.
class ChatWindowTest : public ChatFixture {
protected:
    std::unique_ptr<core::Client> client;
    std::unique_ptr<ui::MainWindow> window;
    std::unique_ptr<User> bob;

    void openAnnasWindow()
    {
        core::Client::Options options;
        options.tokenService = QStringLiteral("confab-ui-chat-") + QUuid::createUuid().toString();
        options.dataDir = QString::fromStdString((dir.path() / "anna-app").string());
        options.settingsFile = QString::fromStdString((dir.path() / "anna-app.ini").string());
        client = std::make_unique<core::Client>(options);
        client->useRemote(target(), true);
        ASSERT_TRUE(QTest::qWaitFor([&] { return client->session() != nullptr; }, 10000));
        client->session()->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"),
                                           QStringLiteral("Anna"), false);
        ASSERT_TRUE(QTest::qWaitFor(
            [&] { return client->session()->state() == core::Session::State::SignedIn; }, 10000));
        // Signed in, the account joins the client's registry; the window shows it.
        ASSERT_EQ(client->accounts().rowCount(), 1);
        core::AccountContext* account = client->accounts().at(0);
        EXPECT_EQ(account->username(), QStringLiteral("anna"));
        window = std::make_unique<ui::MainWindow>(*client, *account);
        window->show();
        QApplication::setActiveWindow(window.get());
        ASSERT_TRUE(waitLive(*window->chat()));
    }

    // Bob makes "Plans" with Anna in it; Anna's window shows it.
    QString roomWithBob(const QString& name = QStringLiteral("Plans"))
    {
        if (!bob) {
            bob = newUser(QStringLiteral("bob"), QStringLiteral("Bob"));
            EXPECT_TRUE(startLive(*bob));
        }
        const QString roomId = createRoom(*bob, name, {QStringLiteral("anna")}, {bob.get()});
        EXPECT_TRUE(
            QTest::qWaitFor([&] { return window->chat()->rooms()->contains(roomId); }, 10000));
        return roomId;
    }

    // Plans, with Bob, on screen; Garden, with Bob, has two messages from
    // him that Anna has not read.
    void plansOpenAndNewsInGarden(QString& plans, QString& garden)
    {
        plans = roomWithBob();
        ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == plans; }, 5000));
        garden = roomWithBob(QStringLiteral("Garden"));
        bob->chat->sendMessage(garden, QStringLiteral("the tomatoes are in"));
        bob->chat->sendMessage(garden, QStringLiteral("and the beans"));
        ASSERT_TRUE(QTest::qWaitFor(
            [&] { return window->chat()->rooms()->unreadCount(garden) == 2; }, 10000));
    }

    ui::ChatView& view() { return *window->chatView(); }

    // What the view gives its delegate to lay out and paint `index`.
    static QStyleOptionViewItem rowOption(ui::TimelineView& timeline, const QModelIndex& index)
    {
        QStyleOptionViewItem option;
        option.initFrom(timeline.viewport());
        option.font = timeline.font();
        option.rect = timeline.visualRect(index);
        return option;
    }
    ui::Composer& composer() { return *view().composer(); }

    void type(const QString& text) { QTest::keyClicks(&composer(), text); }
    void press(Qt::Key key, Qt::KeyboardModifiers mods = Qt::NoModifier)
    {
        QTest::keyClick(&composer(), key, mods);
    }

    // Waits until Bob's timeline of the room has `count` messages.
    bool bobSees(TimelineModel& timeline, int count)
    {
        return QTest::qWaitFor(
            [&] { return static_cast<int>(messageRows(timeline).size()) >= count; }, 10000);
    }
};

TEST_F(ChatWindowTest, SendsWithEnterNewLineWithShiftEnterAndEditsWithUp)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    const QString roomId = roomWithBob();
    // The only room opens by itself.
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == roomId; }, 5000));
    EXPECT_EQ(view().titleLabel()->text(), QStringLiteral("Plans"));
    TimelineModel* bobs = openTimeline(*bob, roomId);

    type(QStringLiteral("hello bob"));
    press(Qt::Key_Return);
    EXPECT_TRUE(composer().text().isEmpty());
    ASSERT_TRUE(bobSees(*bobs, 1));

    type(QStringLiteral("line one"));
    press(Qt::Key_Return, Qt::ShiftModifier);
    type(QStringLiteral("line two"));
    EXPECT_EQ(composer().text(), QStringLiteral("line one\nline two"));
    press(Qt::Key_Return);
    ASSERT_TRUE(bobSees(*bobs, 2));
    EXPECT_EQ(messageTexts(*bobs),
              (QStringList{QStringLiteral("hello bob"), QStringLiteral("line one\nline two")}));
    // Once each, and Anna's own timeline has them acknowledged (not pending).
    TimelineModel* annas = window->chat()->timeline(roomId);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const auto rows = messageRows(*annas);
            return rows.size() == 2 &&
                   sendState(*annas, rows.back()) == TimelineModel::SendState::Sent;
        },
        10000));

    // Up in the empty composer takes the last own message; Esc leaves it be.
    press(Qt::Key_Up);
    EXPECT_EQ(composer().text(), QStringLiteral("line one\nline two"));
    EXPECT_FALSE(view().editingId().isEmpty());
    EXPECT_TRUE(view().contextBar()->isVisibleTo(window.get()));
    press(Qt::Key_Escape);
    EXPECT_TRUE(composer().text().isEmpty());
    EXPECT_TRUE(view().editingId().isEmpty());

    // Up again, change it, Enter: Bob sees the edit, still two messages.
    type(QStringLiteral("draft kept"));
    composer().clear();
    press(Qt::Key_Up);
    composer().selectAll();
    type(QStringLiteral("two lines, fixed"));
    press(Qt::Key_Return);
    EXPECT_TRUE(composer().text().isEmpty());
    const int edited = messageRows(*bobs).back();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return value(*bobs, edited, TimelineModel::TextRole).toString() ==
                   QStringLiteral("two lines, fixed");
        },
        10000));
    EXPECT_TRUE(value(*bobs, edited, TimelineModel::EditedRole).toBool());
    EXPECT_EQ(messageRows(*bobs).size(), 2u);
}

TEST_F(ChatWindowTest, RepliesQuoteTheMessageAndTypingShowsForTheOther)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    const QString roomId = roomWithBob();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == roomId; }, 5000));
    TimelineModel* annas = window->chat()->timeline(roomId);
    bob->chat->sendMessage(roomId, QStringLiteral("lunch at noon?"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*annas).size() == 1; }, 10000));
    const int row = messageRows(*annas).front();

    view().startReply(annas->index(row));
    EXPECT_TRUE(view().contextLabel()->text().contains(QStringLiteral("lunch at noon?")));
    type(QStringLiteral("yes!"));
    press(Qt::Key_Return);
    TimelineModel* bobs = openTimeline(*bob, roomId);
    ASSERT_TRUE(bobSees(*bobs, 2));
    const int reply = messageRows(*bobs).back();
    EXPECT_EQ(value(*bobs, reply, TimelineModel::ReplyToRole).toString(),
              value(*annas, row, TimelineModel::IdRole).toString());
    EXPECT_EQ(value(*bobs, reply, TimelineModel::ReplyPreviewRole).toString(),
              QStringLiteral("lunch at noon?"));

    // Bob types: Anna's window says so, and stops saying it when he stops.
    bob->chat->userTyping(roomId);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return view().typingLabel()->text() == QStringLiteral("Bob is typing…"); }, 10000))
        << view().typingLabel()->text().toStdString();
    bob->chat->stopTyping(roomId);
    EXPECT_TRUE(QTest::qWaitFor([&] { return view().typingLabel()->text().isEmpty(); }, 10000));
}

TEST_F(ChatWindowTest, ScrollingBackLoadsHistoryWithoutMovingTheView)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    const QString plans = roomWithBob();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == plans; }, 5000));
    // Not opened until it has pages of history.
    const QString roomId = roomWithBob(QStringLiteral("Archive"));
    EXPECT_EQ(window->chat()->existingTimeline(roomId), nullptr);
    constexpr int kMessages = 180;
    for (int i = 1; i <= kMessages; ++i) {
        bob->chat->sendMessage(roomId, QStringLiteral("message %1").arg(i));
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->chat->outbox()->size() == 0; }, 30000));
    window->openRoom(roomId);
    ui::TimelineView& timelineView = *view().timelineView();
    TimelineModel* annas = window->chat()->timeline(roomId);
    ASSERT_TRUE(QTest::qWaitFor([&] { return annas->isLoaded(); }, 10000));
    QTest::qWait(100);
    // It opens at the newest, with one page (and perhaps one more to fill the screen).
    EXPECT_TRUE(timelineView.isAtBottom());
    const int firstLoad = annas->rowCount();
    EXPECT_LT(firstLoad, kMessages);
    EXPECT_EQ(messageTexts(*annas).back(), QStringLiteral("message %1").arg(kMessages));

    // Scrolled to the top: an older page comes, and the message that was at
    // the top of the screen is still there.
    QScrollBar* bar = timelineView.verticalScrollBar();
    bar->setValue(0);
    const QModelIndex topBefore = timelineView.indexAt(QPoint(40, 5));
    ASSERT_TRUE(topBefore.isValid());
    const QString textBefore = topBefore.data(TimelineModel::TextRole).toString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return annas->rowCount() > firstLoad; }, 10000));
    QTest::qWait(100);
    const QModelIndex topAfter = timelineView.indexAt(QPoint(40, 5));
    ASSERT_TRUE(topAfter.isValid());
    EXPECT_EQ(topAfter.data(TimelineModel::TextRole).toString(), textBefore);
    EXPECT_GT(bar->value(), 0);

    // Keep going up: all of it, each message once and in order.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            bar->setValue(0);
            return !annas->canFetchMore({}) && !annas->isFetching();
        },
        20000));
    QStringList expected;
    for (int i = 1; i <= kMessages; ++i) {
        expected.append(QStringLiteral("message %1").arg(i));
    }
    EXPECT_EQ(messageTexts(*annas), expected);
}

TEST_F(ChatWindowTest, OfflineBannerCountsDownAndMessagesGoOutOnceBack)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    window->chat()->stream()->setBackoffLimits(std::chrono::milliseconds(1500),
                                               std::chrono::milliseconds(3000));
    const QString roomId = roomWithBob();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == roomId; }, 5000));
    ui::ConnectionBanner& banner = *window->banner();
    EXPECT_FALSE(banner.isVisible());

    stopServer();
    ASSERT_TRUE(QTest::qWaitFor([&] { return banner.isVisible(); }, 10000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return banner.textLabel()->text().startsWith(
                QStringLiteral("Offline: reconnecting in"));
        },
        10000))
        << banner.textLabel()->text().toStdString();
    EXPECT_TRUE(banner.retryButton()->isVisible());

    // Written while offline: shown at once as on its way, and counted.
    type(QStringLiteral("sent while offline"));
    press(Qt::Key_Return);
    TimelineModel* annas = window->chat()->timeline(roomId);
    ASSERT_EQ(messageRows(*annas).size(), 1u);
    EXPECT_NE(sendState(*annas, messageRows(*annas).front()), TimelineModel::SendState::Sent);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return banner.textLabel()->text().contains(
                QStringLiteral("1 message will be sent once the connection is back."));
        },
        10000))
        << banner.textLabel()->text().toStdString();

    startServer();
    QTest::mouseClick(banner.retryButton(), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !banner.isVisible(); }, 15000))
        << banner.textLabel()->text().toStdString();
    TimelineModel* bobs = openTimeline(*bob, roomId);
    ASSERT_TRUE(bobSees(*bobs, 1));
    QTest::qWait(300);
    EXPECT_EQ(messageTexts(*bobs), QStringList{QStringLiteral("sent while offline")});
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return messageRows(*annas).size() == 1 &&
                   sendState(*annas, messageRows(*annas).front()) == TimelineModel::SendState::Sent;
        },
        10000));
}

TEST_F(ChatWindowTest, UnreadBadgesInTheTitleUntilTheRoomIsOpened)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    QString plans;
    QString other;
    ASSERT_NO_FATAL_FAILURE(plansOpenAndNewsInGarden(plans, other));
    core::RoomsModel& rooms = *window->chat()->rooms();
    EXPECT_EQ(view().roomId(), plans);
    // "(2) Anna": the platform adds " — Confab" (the application's display
    // name) itself, so the title must not name the app again.
    EXPECT_EQ(window->windowTitle(), QStringLiteral("(2) ") + window->nameLabel()->text());
    // The busier room is first in the list.
    EXPECT_EQ(rooms.roomIdAt(0), other);

    window->openRoom(other);
    EXPECT_EQ(window->roomList()->selectedRoom(), other);
    ASSERT_TRUE(QTest::qWaitFor([&] { return rooms.unreadCount(other) == 0; }, 10000));
    EXPECT_EQ(window->windowTitle(), window->nameLabel()->text());
    // Bob sees that Anna read it.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            core::MembersModel* members = bob->chat->members(other);
            const int row = members->rowOf(window->chat()->myId());
            return row >= 0 &&
                   value(*members, row, core::MembersModel::ReadSeqRole).toULongLong() >=
                       rooms.lastSeq(other);
        },
        10000));
    // The members panel lists both, with presence.
    window->chatView()->membersButton()->click();
    EXPECT_TRUE(window->membersPanel()->isVisible());
    // Presence may come a moment after the list.
    QLabel* title = window->membersPanel()->titleLabel();
    EXPECT_TRUE(QTest::qWaitFor(
        [&] { return title->text() == QStringLiteral("Members — 2 online of 2"); }, 10000))
        << title->text().toStdString();
    EXPECT_EQ(window->membersPanel()->view()->model()->rowCount(), 2);
}

// Signing out with messages not yet sent asks first; the messages stay with
// the account (not with whoever signs in next) and go out, once, when it
// signs in again.
TEST_F(ChatWindowTest, SigningOutWithUnsentMessagesAsksAndSendsThemAtTheNextSignIn)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    const QString roomId = roomWithBob();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == roomId; }, 5000));
    int signOuts = 0;
    QObject::connect(window.get(), &ui::MainWindow::signOutRequested, window.get(),
                     [&](bool) { ++signOuts; });
    QAction* signOut = menuAction(window.get(), ui::MainWindow::tr("&Sign out"));
    ASSERT_NE(signOut, nullptr);

    // Nothing waiting: signing out asks nothing.
    signOut->trigger();
    EXPECT_EQ(signOuts, 1);
    EXPECT_EQ(visibleChild<QMessageBox>(window.get()), nullptr);

    stopServer();
    type(QStringLiteral("kept for later"));
    press(Qt::Key_Return);
    ASSERT_EQ(window->chat()->outbox()->size(), 1);

    // Asked, and Cancel keeps the session.
    signOut->trigger();
    QMessageBox* question = visibleChild<QMessageBox>(window.get());
    ASSERT_NE(question, nullptr);
    EXPECT_TRUE(question->text().contains(QStringLiteral("1 message")))
        << question->text().toStdString();
    EXPECT_EQ(signOuts, 1);
    question->button(QMessageBox::Cancel)->click();
    QCoreApplication::processEvents();
    EXPECT_EQ(signOuts, 1);

    // Asked again; "Sign out" signs out.
    signOut->trigger();
    question = visibleChild<QMessageBox>(window.get());
    ASSERT_NE(question, nullptr);
    QAbstractButton* confirm = nullptr;
    for (QAbstractButton* button : question->buttons()) {
        if (question->buttonRole(button) == QMessageBox::AcceptRole) {
            confirm = button;
        }
    }
    ASSERT_NE(confirm, nullptr);
    confirm->click();
    QCoreApplication::processEvents();
    EXPECT_EQ(signOuts, 2);
    core::Session* session = client->session();
    session->logout();
    ASSERT_TRUE(QTest::qWaitFor([&] { return client->accounts().rowCount() == 0; }, 10000));

    // Carol signs in on this app: Anna's message is not hers to send.
    startServer();
    // The channel may still be waiting to reconnect: a refused try is tried again.
    QSignalSpy failures(session, &core::Session::signInFailed);
    auto until = [&](const std::function<void()>& attempt) {
        for (int i = 0; i < 30 && session->state() != core::Session::State::SignedIn; ++i) {
            failures.clear();
            attempt();
            (void)QTest::qWaitFor(
                [&] {
                    return session->state() == core::Session::State::SignedIn ||
                           !failures.isEmpty();
                },
                5000);
            if (!failures.isEmpty()) {
                QTest::qWait(500);
            }
        }
        return session->state() == core::Session::State::SignedIn;
    };
    ASSERT_TRUE(until([&] {
        session->registerAccount(QStringLiteral("carol"), QStringLiteral("correct horse"),
                                 QStringLiteral("Carol"), false);
    }));
    ASSERT_EQ(client->accounts().rowCount(), 1);
    EXPECT_EQ(client->accounts().at(0)->chat()->outbox()->size(), 0);
    TimelineModel* bobs = openTimeline(*bob, roomId);
    QTest::qWait(500);
    EXPECT_TRUE(messageRows(*bobs).empty());
    session->logout();
    ASSERT_TRUE(QTest::qWaitFor([&] { return client->accounts().rowCount() == 0; }, 10000));

    // Anna again: her message goes out, once, as hers.
    ASSERT_TRUE(until(
        [&] { session->signIn(QStringLiteral("anna"), QStringLiteral("correct horse"), false); }));
    ASSERT_EQ(client->accounts().rowCount(), 1);
    ASSERT_TRUE(bobSees(*bobs, 1));
    QTest::qWait(300);
    EXPECT_EQ(messageTexts(*bobs), QStringList{QStringLiteral("kept for later")});
    EXPECT_EQ(value(*bobs, messageRows(*bobs).front(), TimelineModel::AuthorIdRole).toString(),
              client->accounts().at(0)->userId());
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return client->accounts().at(0)->chat()->outbox()->size() == 0; }, 10000));
}

// The timeline as a screen reader and a keyboard get it: reached with Tab,
// each row named by what it says, the keyboard's row focused, and a
// message's actions both in its menu (Menu key) and as accessible actions.
TEST_F(ChatWindowTest, TheTimelineIsReachedWithTabReadRowByRowAndActedOnFromTheKeyboard)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    const QString roomId = roomWithBob();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == roomId; }, 5000));
    TimelineModel* annas = window->chat()->timeline(roomId);
    bob->chat->sendMessage(roomId, QStringLiteral("lunch at noon?"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*annas).size() == 1; }, 10000));
    view().startReply(annas->index(messageRows(*annas).front()));
    type(QStringLiteral("yes!"));
    press(Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return messageRows(*annas).size() == 2 &&
                   sendState(*annas, messageRows(*annas).back()) == TimelineModel::SendState::Sent;
        },
        10000));
    // Anna edits her reply.
    ASSERT_TRUE(view().startEdit(annas->index(messageRows(*annas).back())));
    composer().selectAll();
    type(QStringLiteral("yes, at noon!"));
    press(Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return value(*annas, messageRows(*annas).back(), TimelineModel::EditedRole).toBool();
        },
        10000));

    // Tab from the composer reaches the timeline.
    ui::TimelineView* timeline = view().timelineView();
    composer().setFocus();
    bool reached = false;
    for (int i = 0; i < 20 && !reached; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        reached = QApplication::focusWidget() == timeline;
    }
    ASSERT_TRUE(reached) << "Tab never reached the timeline";

    // A list of rows, each named by what it says; the newest is focused.
    QAccessibleInterface* list = QAccessible::queryAccessibleInterface(timeline);
    ASSERT_NE(list, nullptr);
    EXPECT_EQ(list->role(), QAccessible::List);
    EXPECT_EQ(list->text(QAccessible::Name), QStringLiteral("Messages"));
    ASSERT_EQ(list->childCount(), annas->rowCount());
    const int bobsRow = messageRows(*annas).front();
    const int annasRow = messageRows(*annas).back();
    EXPECT_EQ(timeline->currentIndex().row(), annasRow);
    QAccessibleInterface* reply = list->child(annasRow);
    ASSERT_NE(reply, nullptr);
    EXPECT_EQ(reply->role(), QAccessible::ListItem);
    EXPECT_TRUE(reply->state().focused);
    EXPECT_EQ(list->focusChild(), reply);
    const QString replyName = reply->text(QAccessible::Name);
    EXPECT_TRUE(replyName.contains(QStringLiteral("Anna, ")) &&
                replyName.contains(QStringLiteral(": yes, at noon!")) &&
                replyName.contains(QStringLiteral("(edited)")) &&
                replyName.contains(QStringLiteral("In reply to Bob: lunch at noon?")))
        << replyName.toStdString();
    EXPECT_EQ(list->indexOfChild(reply), annasRow);
    for (int row = 0; row < annas->rowCount(); ++row) {
        EXPECT_FALSE(list->child(row)->text(QAccessible::Name).isEmpty()) << row;
    }

    // Up: the keyboard is on Bob's message.
    QTest::keyClick(timeline, Qt::Key_Up);
    EXPECT_EQ(timeline->currentIndex().row(), bobsRow);
    QAccessibleInterface* question = list->child(bobsRow);
    EXPECT_TRUE(question->state().focused);
    EXPECT_FALSE(reply->state().focused);
    EXPECT_TRUE(question->text(QAccessible::Name).contains(QStringLiteral("Bob, ")))
        << question->text(QAccessible::Name).toStdString();

    // Someone else's message: reply and copy, no edit; Anna's own: edit and delete too.
    QAccessibleActionInterface* actions = question->actionInterface();
    ASSERT_NE(actions, nullptr);
    EXPECT_TRUE(actions->actionNames().contains(QStringLiteral("Reply")));
    EXPECT_TRUE(actions->actionNames().contains(QStringLiteral("Copy")));
    EXPECT_FALSE(actions->actionNames().contains(QStringLiteral("Edit")));
    EXPECT_TRUE(reply->actionInterface()->actionNames().contains(QStringLiteral("Edit")));
    EXPECT_TRUE(reply->actionInterface()->actionNames().contains(QStringLiteral("Delete")));
    EXPECT_EQ(actions->localizedActionName(QStringLiteral("Reply")), QStringLiteral("Reply"));
    actions->doAction(QStringLiteral("Reply"));
    EXPECT_EQ(view().replyingTo(), value(*annas, bobsRow, TimelineModel::IdRole).toString());
    view().cancel();

    // The Menu key opens the row's menu.
    timeline->setFocus();
    QContextMenuEvent menuKey(QContextMenuEvent::Keyboard, QPoint(), QPoint());
    QApplication::sendEvent(timeline, &menuKey);
    QMenu* menu = visibleChild<QMenu>(&view());
    ASSERT_NE(menu, nullptr);
    QStringList items;
    for (QAction* action : menu->actions()) {
        if (!action->isSeparator()) {
            items << action->text();
        }
    }
    EXPECT_EQ(items, (QStringList{QStringLiteral("&Reply"), QStringLiteral("Re&act…"),
                                  QStringLiteral("&Copy text")}));
    menu->close();
}

// Reactions: keys 1-6 on the message the keyboard is on, the bar over it,
// a click on a chip to take one back, and the picker from the row's
// actions; the other side sees each.
TEST_F(ChatWindowTest, ReactionsFromTheKeysTheBarTheChipsAndThePicker)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    const QString roomId = roomWithBob();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == roomId; }, 5000));
    TimelineModel* annas = window->chat()->timeline(roomId);
    TimelineModel* bobs = openTimeline(*bob, roomId);
    bob->chat->sendMessage(roomId, QStringLiteral("who's in for cake?"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*annas).size() == 1; }, 10000));
    const int row = messageRows(*annas).front();
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*bobs).size() == 1; }, 10000));
    const int bobsRow = messageRows(*bobs).front();

    ui::TimelineView* timeline = view().timelineView();
    timeline->setFocus();
    timeline->setCurrentIndex(timeline->model()->index(row, 0));
    // The bar shows over the message the keyboard is on.
    ASSERT_TRUE(timeline->reactionBar()->isVisible());
    EXPECT_TRUE(timeline->visualRect(timeline->currentIndex())
                    .intersects(timeline->reactionBar()->geometry()));
    QTest::keyClick(timeline, Qt::Key_1);
    ASSERT_TRUE(QTest::qWaitFor([&] { return reactionsOf(*bobs, bobsRow) == "👍1"; }, 10000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return reactionsOf(*annas, row) == "👍1"; }, 10000));

    // A button of the bar.
    QToolButton* heart = nullptr;
    for (auto* button : timeline->reactionBar()->findChildren<QToolButton*>()) {
        if (button->text() == QStringLiteral("❤️")) {
            heart = button;
        }
    }
    ASSERT_NE(heart, nullptr);
    EXPECT_EQ(heart->focusPolicy(), Qt::NoFocus);
    heart->click();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return reactionsOf(*bobs, bobsRow) == "👍1 ❤️1"; }, 10000));

    // Bob agrees; the chip counts two, and says who.
    bob->chat->react(value(*bobs, bobsRow, TimelineModel::IdRole).toString(), QStringLiteral("👍"));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return reactionsOf(*annas, row) == "👍2 ❤️1"; }, 10000));
    const QModelIndex index = timeline->model()->index(row, 0);
    // Names joined the locale's way ("You and Bob" in English).
    const QString both =
        QLocale().createSeparatedList({QStringLiteral("You"), QStringLiteral("Bob")});
    EXPECT_EQ(ui::MessageDelegate::reactorsText(index, 0),
              both + QStringLiteral(" reacted with 👍"));
    EXPECT_TRUE(ui::MessageDelegate::spokenText(index).contains(
        QStringLiteral("Reactions: %1 reacted with 👍; You reacted with ❤️.").arg(both)))
        << ui::MessageDelegate::spokenText(index).toStdString();

    // A click on Anna's ❤️ chip takes it back.
    QStyleOptionViewItem option = rowOption(*timeline, index);
    const auto layout = timeline->messageDelegate()->layout(option, index);
    ASSERT_EQ(layout.reactions.size(), 2);
    EXPECT_GT(layout.reactions[0].top(), layout.bubble.bottom());
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, layout.reactions[1].center());
    ASSERT_TRUE(QTest::qWaitFor([&] { return reactionsOf(*bobs, bobsRow) == "👍2"; }, 10000));

    // The picker, from the row's actions (as a screen reader does it).
    QAccessibleInterface* item = QAccessible::queryAccessibleInterface(timeline)->child(row);
    ASSERT_TRUE(item->actionInterface()->actionNames().contains(QStringLiteral("React")));
    item->actionInterface()->doAction(QStringLiteral("React"));
    // The picker deletes itself once closed.
    QPointer<ui::EmojiPicker> picker = visibleChild<ui::EmojiPicker>(&view());
    ASSERT_NE(picker, nullptr);
    QListWidget* grid = picker->list();
    EXPECT_EQ(grid->currentItem()->text(), QStringLiteral("👍"));
    const auto found = grid->findItems(QStringLiteral("🎉"), Qt::MatchExactly);
    ASSERT_EQ(found.size(), 1);
    grid->setCurrentItem(found.front());
    QTest::keyClick(grid, Qt::Key_Return);
    EXPECT_TRUE(picker.isNull() || !picker->isVisible());
    ASSERT_TRUE(QTest::qWaitFor([&] { return reactionsOf(*bobs, bobsRow) == "👍2 🎉1"; }, 10000));
    EXPECT_TRUE(QTest::qWaitFor([&] { return picker.isNull(); }, 5000));
}

// A message that mentions Anna stands out in the timeline, is said so, and
// the room list counts it apart from the other unread ones.
TEST_F(ChatWindowTest, MentionsStandOutAndAreCountedInTheRoomList)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    QString plans;
    QString garden;
    ASSERT_NO_FATAL_FAILURE(plansOpenAndNewsInGarden(plans, garden));
    bob->chat->sendMessage(garden, QStringLiteral("@anna are you coming?"));
    core::RoomsModel& rooms = *window->chat()->rooms();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return value(rooms, rooms.rowOf(garden), core::RoomsModel::MentionCountRole) == 1; },
        10000));
    EXPECT_EQ(rooms.unreadCount(garden), 3);
    QListView* list = window->roomList()->view();
    const QModelIndex gardenIndex = list->model()->index(0, 0);
    ASSERT_EQ(gardenIndex.data(core::RoomsModel::IdRole).toString(), garden);
    const QString spoken = gardenIndex.data(Qt::AccessibleTextRole).toString();
    EXPECT_TRUE(spoken.contains(QStringLiteral("3 unread, 1 mentioning you")))
        << spoken.toStdString();

    window->openRoom(garden);
    TimelineModel* annas = window->chat()->timeline(garden);
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*annas).size() == 3; }, 10000));
    const int mention = messageRows(*annas).back();
    EXPECT_TRUE(value(*annas, mention, TimelineModel::MentionsMeRole).toBool());
    EXPECT_FALSE(
        value(*annas, messageRows(*annas).front(), TimelineModel::MentionsMeRole).toBool());
    EXPECT_TRUE(ui::MessageDelegate::spokenText(annas->index(mention))
                    .contains(QStringLiteral("Mentions you.")));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return value(rooms, rooms.rowOf(garden), core::RoomsModel::MentionCountRole) == 0; },
        10000));
}

// Invitations wait above the room list: Accept joins and opens the room,
// Decline makes it go away.
TEST_F(ChatWindowTest, InvitationsAreAcceptedOrDeclinedFromTheRoomList)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    bob = newUser(QStringLiteral("bob"), QStringLiteral("Bob"));
    ASSERT_TRUE(startLive(*bob));
    ui::InvitationsPanel* panel = window->roomList()->invitations();
    EXPECT_FALSE(panel->isVisible());
    const QString secret = createRoom(*bob, QStringLiteral("Secret"), {}, {bob.get()});
    const QString other = createRoom(*bob, QStringLiteral("Other"), {}, {bob.get()});
    bob->chat->invite(secret, QStringLiteral("anna"));
    bob->chat->invite(other, QStringLiteral("anna"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return window->chat()->invites()->rowCount() == 2; }, 10000));
    ASSERT_TRUE(panel->isVisible());
    EXPECT_EQ(panel->heading()->text(), QStringLiteral("Invitations (2)"));

    const auto button = [&](const QString& name) -> QPushButton* {
        for (auto* candidate : panel->findChildren<QPushButton*>()) {
            if (candidate->accessibleName() == name) {
                return candidate;
            }
        }
        return nullptr;
    };
    QPushButton* accept = button(QStringLiteral("Accept the invitation to Secret"));
    ASSERT_NE(accept, nullptr);
    EXPECT_EQ(accept->focusPolicy() & Qt::TabFocus, Qt::TabFocus);
    accept->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == secret; }, 10000));
    EXPECT_TRUE(window->chat()->rooms()->contains(secret));
    ASSERT_TRUE(QTest::qWaitFor([&] { return window->chat()->invites()->rowCount() == 1; }, 5000));

    QPushButton* decline = button(QStringLiteral("Decline the invitation to Other"));
    ASSERT_NE(decline, nullptr);
    decline->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !panel->isVisible(); }, 10000));
    EXPECT_FALSE(window->chat()->rooms()->contains(other));
}

// @ in the composer offers the room's members; Enter takes one (and does
// not send), the message then mentions them.
TEST_F(ChatWindowTest, AtCompletesMemberNamesInTheComposer)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    const QString roomId = roomWithBob();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == roomId; }, 5000));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return window->chat()->members(roomId)->rowCount() == 2; }, 10000));
    composer().setFocus();
    type(QStringLiteral("lunch? @B"));
    QCompleter* completer = composer().mentionCompleter();
    ASSERT_TRUE(QTest::qWaitFor([&] { return completer->popup()->isVisible(); }, 2000));
    EXPECT_EQ(completer->completionCount(), 1);
    EXPECT_EQ(completer->popup()->currentIndex().data().toString(), QStringLiteral("Bob (@bob)"));
    QTest::keyClick(completer->popup(), Qt::Key_Return);
    EXPECT_FALSE(completer->popup()->isVisible());
    EXPECT_EQ(composer().text(), QStringLiteral("lunch? @bob "));
    // Escape closes the list and keeps what is written.
    type(QStringLiteral("@a"));
    ASSERT_TRUE(completer->popup()->isVisible());
    QTest::keyClick(completer->popup(), Qt::Key_Escape);
    EXPECT_FALSE(completer->popup()->isVisible());
    EXPECT_EQ(composer().text(), QStringLiteral("lunch? @bob @a"));
    QTest::keyClick(&composer(), Qt::Key_Backspace);
    QTest::keyClick(&composer(), Qt::Key_Backspace);
    type(QStringLiteral("at noon"));
    press(Qt::Key_Return);
    TimelineModel* bobs = openTimeline(*bob, roomId);
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*bobs).size() == 1; }, 10000));
    const int row = messageRows(*bobs).front();
    EXPECT_EQ(value(*bobs, row, TimelineModel::TextRole).toString(),
              QStringLiteral("lunch? @bob at noon"));
    EXPECT_TRUE(value(*bobs, row, TimelineModel::MentionsMeRole).toBool());
}

// Formatted text: the markup is rendered, a link asks before it opens
// (with the whole address shown), and Copy gives the words without markup.
TEST_F(ChatWindowTest, FormattedTextShowsLinksThatAskBeforeOpening)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    const QString roomId = roomWithBob();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == roomId; }, 5000));
    bob->chat->sendMessage(
        roomId, QStringLiteral("read **this**: [the plan](https://example.org/plan?x=1)"));
    TimelineModel* annas = window->chat()->timeline(roomId);
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*annas).size() == 1; }, 10000));
    ui::TimelineView* timeline = view().timelineView();
    const QModelIndex index = timeline->model()->index(messageRows(*annas).front(), 0);
    EXPECT_TRUE(
        ui::MessageDelegate::spokenText(index).contains(QStringLiteral(": read this: the plan")))
        << ui::MessageDelegate::spokenText(index).toStdString();

    QStyleOptionViewItem option = rowOption(*timeline, index);
    const auto layout = timeline->messageDelegate()->layout(option, index);
    QPoint onLink;
    for (int x = layout.text.left(); x <= layout.text.right() && onLink.isNull(); x += 2) {
        const QPoint at(x, layout.text.top() + layout.text.height() / 2);
        if (!timeline->messageDelegate()->linkAt(option, index, at).isEmpty()) {
            onLink = at;
        }
    }
    ASSERT_FALSE(onLink.isNull()) << "no link drawn";
    EXPECT_EQ(timeline->messageDelegate()->linkAt(option, index, onLink),
              QStringLiteral("https://example.org/plan?x=1"));
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, onLink);
    auto* question = view().findChild<QMessageBox*>(QStringLiteral("openLinkQuestion"));
    ASSERT_NE(question, nullptr);
    EXPECT_TRUE(question->isVisible());
    EXPECT_TRUE(question->text().contains(QStringLiteral("https://example.org/plan?x=1")));
    question->reject();

    emit timeline->messageActionRequested(index, ui::TimelineView::MessageAction::Copy);
    EXPECT_EQ(QApplication::clipboard()->text(), QStringLiteral("read this: the plan"));
    // The room list's preview has the words too, not the markup.
    const QString listed =
        window->roomList()->view()->model()->index(0, 0).data(Qt::AccessibleTextRole).toString();
    EXPECT_TRUE(listed.endsWith(QStringLiteral("Bob: read this: the plan")))
        << listed.toStdString();
}

// A picture from the Attach button, one pasted and a file dropped go with
// one message; Bob gets them with the pictures' sizes and thumbnails; the
// picture opens full size in the viewer, the file saves byte for byte.
TEST_F(ChatWindowTest, PicturesAndFilesAreAttachedShownAndSaved)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    const QString roomId = roomWithBob();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == roomId; }, 5000));
    const auto at = [&](const char* name) {
        return QString::fromStdString((dir.path() / name).string());
    };
    QImage photo(1200, 800, QImage::Format_RGB32);
    {
        QPainter painter(&photo);
        QLinearGradient sky(0, 0, 0, 800);
        sky.setColorAt(0, QColor(80, 150, 230));
        sky.setColorAt(1, QColor(240, 210, 150));
        painter.fillRect(photo.rect(), sky);
    }
    ASSERT_TRUE(photo.save(at("holiday.png")));
    QFile notesFile(at("notes.txt"));
    ASSERT_TRUE(notesFile.open(QIODevice::WriteOnly));
    QByteArray notes;
    for (int i = 0; i < 5000; ++i) {
        notes += "packing list line " + QByteArray::number(i) + "\n";
    }
    notesFile.write(notes);
    notesFile.close();

    // The Attach button asks for files.
    ui::AttachmentTray* tray = view().attachmentTray();
    EXPECT_FALSE(tray->isVisible());
    QTest::mouseClick(view().attachButton(), Qt::LeftButton);
    auto* dialog = view().findChild<QFileDialog*>(QStringLiteral("attachDialog"));
    ASSERT_NE(dialog, nullptr);
    dialog->selectFile(at("holiday.png"));
    static_cast<QDialog*>(dialog)->accept(); // as its Open button does
    ASSERT_EQ(tray->files().size(), 1);
    EXPECT_TRUE(tray->isVisible());
    const core::OutgoingFile chosen = tray->files()[0];
    EXPECT_EQ(chosen.fileName, QStringLiteral("holiday.png"));
    EXPECT_EQ(chosen.mimeType, QStringLiteral("image/png"));
    EXPECT_EQ(chosen.width, 1200);
    EXPECT_EQ(chosen.height, 800);
    ASSERT_FALSE(chosen.thumbnail.isEmpty());
    EXPECT_LE(chosen.thumbnail.size(), 64 * 1024);
    EXPECT_EQ(QImage::fromData(chosen.thumbnail).size(), QSize(320, 213));

    // A picture pasted into the composer is attached, not typed.
    QImage drawing(300, 200, QImage::Format_ARGB32);
    drawing.fill(QColor(200, 40, 40, 128));
    QApplication::clipboard()->setImage(drawing);
    composer().setFocus();
    composer().paste();
    ASSERT_EQ(tray->files().size(), 2);
    EXPECT_TRUE(composer().text().isEmpty());
    EXPECT_TRUE(tray->files()[1].fileName.startsWith(QStringLiteral("Pasted picture")));
    EXPECT_EQ(tray->files()[1].width, 300);
    EXPECT_EQ(QImage::fromData(tray->files()[1].bytes).size(), QSize(300, 200));

    // A file dropped on the room.
    QMimeData dropped;
    dropped.setUrls({QUrl::fromLocalFile(at("notes.txt"))});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&view(), &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&view(), &drop);
    ASSERT_EQ(tray->files().size(), 3);
    EXPECT_EQ(tray->files()[2].mimeType, QStringLiteral("text/plain"));
    // One too many, taken off again with its button.
    QMimeData droppedAgain;
    droppedAgain.setUrls({QUrl::fromLocalFile(at("holiday.png"))});
    QDragEnterEvent enterAgain(QPoint(50, 50), Qt::CopyAction, &droppedAgain, Qt::LeftButton,
                               Qt::NoModifier);
    QApplication::sendEvent(&view(), &enterAgain);
    QDropEvent again(QPointF(50, 50), Qt::CopyAction, &droppedAgain, Qt::LeftButton,
                     Qt::NoModifier);
    QApplication::sendEvent(&view(), &again);
    ASSERT_EQ(tray->files().size(), 4);
    QList<QToolButton*> removers;
    for (auto* button : tray->findChildren<QToolButton*>()) {
        if (button->accessibleName() == QStringLiteral("Remove holiday.png")) {
            removers.append(button);
        }
    }
    ASSERT_EQ(removers.size(), 2);
    QTest::mouseClick(removers.last(), Qt::LeftButton);
    ASSERT_EQ(tray->files().size(), 3);
    EXPECT_EQ(tray->files()[0].fileName, QStringLiteral("holiday.png"));

    type(QStringLiteral("from the trip"));
    press(Qt::Key_Return);
    EXPECT_TRUE(tray->files().isEmpty());
    EXPECT_FALSE(tray->isVisible());

    // Bob has them, with their sizes and thumbnails.
    TimelineModel* bobs = openTimeline(*bob, roomId);
    ASSERT_TRUE(bobSees(*bobs, 1));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return value(*bobs, messageRows(*bobs)[0], TimelineModel::AttachmentsRole)
                       .value<QList<core::Attachment>>()
                       .size() == 3;
        },
        10000));
    const auto arrived = value(*bobs, messageRows(*bobs)[0], TimelineModel::AttachmentsRole)
                             .value<QList<core::Attachment>>();
    EXPECT_EQ(arrived[0].width, 1200);
    EXPECT_EQ(arrived[0].thumbnail, chosen.thumbnail);
    EXPECT_EQ(arrived[1].mimeType, QStringLiteral("image/png"));
    EXPECT_EQ(arrived[2].fileName, QStringLiteral("notes.txt"));

    // Anna's row, once sent: the picture's box comes from its size, so it
    // is the same before its thumbnail is drawn as after.
    TimelineModel* annas = window->chat()->timeline(roomId);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const int row = messageRows(*annas).back();
            return sendState(*annas, row) == TimelineModel::SendState::Sent;
        },
        10000));
    ui::TimelineView* timeline = view().timelineView();
    const QModelIndex index = timeline->model()->index(messageRows(*annas).back(), 0);
    QStyleOptionViewItem option = rowOption(*timeline, index);
    const auto layout = timeline->messageDelegate()->layout(option, index);
    ASSERT_EQ(layout.attachments.size(), 3);
    EXPECT_EQ(layout.attachments[0].size(), QSize(320, 213));
    EXPECT_EQ(layout.attachments[1].size(), QSize(300, 200));
    EXPECT_LT(layout.attachments[0].bottom(), layout.text.top());
    EXPECT_TRUE(
        ui::TimelineView::actionsFor(index).contains(ui::TimelineView::MessageAction::Open));
    const QString spoken = ui::MessageDelegate::spokenText(index);
    EXPECT_TRUE(spoken.contains(QStringLiteral("Picture holiday.png, 1,200 × 800.")))
        << spoken.toStdString();
    EXPECT_TRUE(spoken.contains(QStringLiteral("File notes.txt,"))) << spoken.toStdString();

    // A click on the picture: the viewer, with the whole picture once in.
    timeline->scrollTo(index, QAbstractItemView::PositionAtBottom);
    option.rect = timeline->visualRect(index);
    const auto shown = timeline->messageDelegate()->layout(option, index);
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, shown.attachments[0].center());
    auto* viewer = view().findChild<ui::ImageViewer*>(QStringLiteral("imageViewer"));
    ASSERT_NE(viewer, nullptr);
    EXPECT_TRUE(viewer->isVisible());
    ASSERT_TRUE(QTest::qWaitFor([&] { return viewer->isComplete(); }, 10000))
        << viewer->statusLabel()->text().toStdString();
    EXPECT_EQ(viewer->image().size(), QSize(1200, 800));
    EXPECT_EQ(viewer->image().pixelColor(600, 0), photo.pixelColor(600, 0));
    viewer->reject();

    // A click on the file: saved where Anna says, byte for byte; the row says so.
    QString asked;
    view().setSaveLocationChooser([&](const QString& suggested) {
        asked = suggested;
        return at("saved-notes.txt");
    });
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, shown.attachments[2].center());
    EXPECT_TRUE(asked.endsWith(QStringLiteral("/notes.txt"))) << asked.toStdString();
    const QString fileId = value(*annas, index.row(), TimelineModel::AttachmentsRole)
                               .value<QList<core::Attachment>>()[2]
                               .id;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return window->chat()->downloads()->status(fileId).state ==
                   core::Downloads::State::Done;
        },
        10000));
    QFile saved(at("saved-notes.txt"));
    ASSERT_TRUE(saved.open(QIODevice::ReadOnly));
    EXPECT_EQ(saved.readAll(), notes);
    const auto annasFile = value(*annas, index.row(), TimelineModel::AttachmentsRole)
                               .value<QList<core::Attachment>>()[2];
    EXPECT_TRUE(
        timeline->messageDelegate()->fileStatusText(annasFile).contains(QStringLiteral("Saved")));

    // From the keyboard: Ctrl+U in the composer asks for files too; the
    // Attach button and the tray's buttons are named and on the Tab path.
    QApplication::setActiveWindow(window.get()); // back from the viewer
    composer().setFocus();
    QTest::keyClick(&composer(), Qt::Key_U, Qt::ControlModifier);
    QFileDialog* asking = nullptr;
    for (auto* candidate : view().findChildren<QFileDialog*>(QStringLiteral("attachDialog"))) {
        if (candidate->isVisible()) {
            asking = candidate;
        }
    }
    ASSERT_NE(asking, nullptr);
    asking->reject();
    EXPECT_EQ(view().attachButton()->accessibleName(), QStringLiteral("Attach pictures or files"));
    EXPECT_TRUE(view().attachButton()->focusPolicy() & Qt::TabFocus);
    view().attachFiles({at("notes.txt")});
    const auto trayButtons = tray->findChildren<QToolButton*>();
    ASSERT_EQ(trayButtons.size(), 1);
    EXPECT_EQ(trayButtons[0]->accessibleName(), QStringLiteral("Remove notes.txt"));
    EXPECT_TRUE(trayButtons[0]->focusPolicy() & Qt::TabFocus);
}

// Ctrl+F finds a message far back in the room; choosing it loads the
// history around it, scrolls there, and puts the keyboard on it.
TEST_F(ChatWindowTest, SearchFindsAnOldMessageAndJumpsToIt)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    const QString plans = roomWithBob();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == plans; }, 5000));
    // A long history in another room, which Anna's app has not loaded.
    const QString roomId = roomWithBob(QStringLiteral("Archive"));
    bob->chat->sendMessage(roomId, QStringLiteral("the spare key is under the blue pot"));
    for (int i = 0; i < 120; ++i) {
        bob->chat->sendMessage(roomId, QStringLiteral("filler %1").arg(i));
    }
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return value(*window->chat()->rooms(), window->chat()->rooms()->rowOf(roomId),
                         core::RoomsModel::LastMessageRole) == QStringLiteral("filler 119");
        },
        20000));
    EXPECT_EQ(view().roomId(), plans);

    QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
    ui::SearchPanel* panel = window->searchPanel();
    ASSERT_TRUE(panel->isVisible());
    EXPECT_EQ(QApplication::focusWidget(), panel->queryField());
    // Not in this room; in all of them.
    QTest::keyClicks(panel->queryField(), QStringLiteral("blue key"));
    QTest::keyClick(panel->queryField(), Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return panel->statusLabel()->text() == QStringLiteral("No messages found."); },
        10000))
        << panel->statusLabel()->text().toStdString();
    panel->allRoomsBox()->setChecked(true);
    QTest::keyClick(panel->queryField(), Qt::Key_Return);
    QListView* results = panel->results();
    ASSERT_TRUE(QTest::qWaitFor([&] { return results->model()->rowCount() == 1; }, 10000));
    const QModelIndex hit = results->model()->index(0, 0);
    EXPECT_EQ(hit.data(core::SearchModel::SnippetRole).toString(),
              QStringLiteral("the spare key is under the blue pot"));
    EXPECT_TRUE(hit.data(Qt::AccessibleTextRole).toString().startsWith(QStringLiteral("Archive")))
        << hit.data(Qt::AccessibleTextRole).toString().toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !panel->statusLabel()->text().isEmpty(); }, 5000));

    QTest::keyClick(panel->queryField(), Qt::Key_Down);
    EXPECT_EQ(QApplication::focusWidget(), results);
    QTest::keyClick(results, Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == roomId; }, 5000));
    TimelineModel* annas = window->chat()->timeline(roomId);
    ui::TimelineView* timeline = view().timelineView();
    const QString messageId = hit.data(core::SearchModel::MessageIdRole).toString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return annas->rowOfMessage(messageId) >= 0; }, 10000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return timeline->currentIndex().row() == annas->rowOfMessage(messageId); }, 5000));
    EXPECT_EQ(QApplication::focusWidget(), timeline);
    EXPECT_TRUE(timeline->viewport()->rect().intersects(
        timeline->visualRect(timeline->model()->index(annas->rowOfMessage(messageId), 0))));

    // Escape closes the panel and gives the keyboard back to the composer.
    panel->queryField()->setFocus();
    QTest::keyClick(panel->queryField(), Qt::Key_Escape);
    EXPECT_FALSE(panel->isVisible());
    EXPECT_EQ(QApplication::focusWidget(), &composer());
}

// The room list is browsed with the arrow keys (each room read out with its
// unread count and last message) without leaving it; Enter opens a room.
TEST_F(ChatWindowTest, TheRoomListIsBrowsedWithTheArrowKeysAndEnterOpensARoom)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    QString plans;
    QString garden;
    ASSERT_NO_FATAL_FAILURE(plansOpenAndNewsInGarden(plans, garden));
    core::RoomsModel& rooms = *window->chat()->rooms();
    ASSERT_EQ(rooms.roomIdAt(0), garden);

    QListView* list = window->roomList()->view();
    list->setFocus();
    ASSERT_EQ(QApplication::focusWidget(), list);
    list->setCurrentIndex(list->model()->index(1, 0));
    EXPECT_EQ(view().roomId(), plans);
    QTest::keyClick(list, Qt::Key_Up);
    EXPECT_EQ(list->currentIndex().data(core::RoomsModel::IdRole).toString(), garden);
    // Browsing is not opening: Plans stays, the keyboard stays in the list.
    EXPECT_EQ(view().roomId(), plans);
    EXPECT_EQ(QApplication::focusWidget(), list);
    QAccessibleInterface* item = QAccessible::queryAccessibleInterface(list)->child(0);
    ASSERT_NE(item, nullptr);
    const QString name = item->text(QAccessible::Name);
    EXPECT_TRUE(name.startsWith(QStringLiteral("Garden")) &&
                name.contains(QStringLiteral("2 unread")) &&
                name.contains(QStringLiteral("Bob: and the beans")))
        << name.toStdString();

    QTest::keyClick(list, Qt::Key_Return);
    EXPECT_EQ(view().roomId(), garden);
    EXPECT_EQ(window->roomList()->selectedRoom(), garden);
}

// The Send button (for the mouse and for screen readers) sends, and saves
// while a message is being edited.
TEST_F(ChatWindowTest, TheSendButtonSendsAndSavesAnEdit)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    const QString roomId = roomWithBob();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == roomId; }, 5000));
    QToolButton* send = view().sendButton();
    EXPECT_FALSE(send->isEnabled()) << "nothing to send";
    type(QStringLiteral("sent with the button"));
    ASSERT_TRUE(send->isEnabled());
    EXPECT_EQ(accessibleText(send), QStringLiteral("Send"));
    send->click();
    EXPECT_TRUE(composer().toPlainText().isEmpty());
    EXPECT_FALSE(send->isEnabled());
    TimelineModel* annas = window->chat()->timeline(roomId);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return messageRows(*annas).size() == 1 &&
                   sendState(*annas, messageRows(*annas).front()) == TimelineModel::SendState::Sent;
        },
        10000));

    ASSERT_TRUE(view().startEdit(annas->index(messageRows(*annas).front())));
    EXPECT_EQ(send->text(), QStringLiteral("Save"));
    composer().selectAll();
    type(QStringLiteral("edited with the button"));
    send->click();
    EXPECT_EQ(send->text(), QStringLiteral("Send"));
    TimelineModel* bobs = openTimeline(*bob, roomId);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return messageTexts(*bobs) == QStringList{QStringLiteral("edited with the button")};
        },
        10000))
        << messageTexts(*bobs).join(QLatin1Char('|')).toStdString();
}

// Long topics and statuses are cut with an ellipsis (the whole text in the
// tooltip and for screen readers): they never widen the window, and neither
// does the connection banner.
TEST_F(ChatWindowTest, LongTopicsStatusesAndTheBannerDoNotWidenTheWindow)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    const QString plans = roomWithBob();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == plans; }, 5000));
    window->resize(900, 600);
    QCoreApplication::processEvents();
    const int narrowest = window->minimumSizeHint().width();
    const int narrowestView = view().minimumSizeHint().width();
    const int narrowestSidebar = window->roomList()->parentWidget()->minimumSizeHint().width();

    const QString topic = QStringLiteral(
        "Everything about the garden: tomatoes, beans, the shed and the new fence posts");
    const QString garden = createRoom(*bob, QStringLiteral("Garden"), {QStringLiteral("anna")},
                                      {bob.get()}, false, topic);
    ASSERT_TRUE(QTest::qWaitFor([&] { return window->chat()->rooms()->contains(garden); }, 10000));
    window->openRoom(garden);
    window->statusLabel()->setText(
        QStringLiteral("Out in the garden all afternoon, back by six, call if it is urgent"));
    window->statusLabel()->show();
    QCoreApplication::processEvents();
    EXPECT_EQ(view().topicLabel()->text(), topic);
    EXPECT_LE(window->minimumSizeHint().width(), narrowest);
    EXPECT_LE(view().minimumSizeHint().width(), narrowestView);
    EXPECT_LE(window->roomList()->parentWidget()->minimumSizeHint().width(), narrowestSidebar);

    // Made narrow, the topic is cut, and still read out whole.
    window->resize(narrowest, 600);
    QCoreApplication::processEvents();
    auto* topicLabel = qobject_cast<ui::ElidedLabel*>(view().topicLabel());
    ASSERT_NE(topicLabel, nullptr);
    EXPECT_TRUE(topicLabel->isElided());
    EXPECT_EQ(accessibleText(topicLabel), topic);
    auto* statusLabel = qobject_cast<ui::ElidedLabel*>(window->statusLabel());
    ASSERT_NE(statusLabel, nullptr);
    EXPECT_TRUE(statusLabel->isElided());

    // Offline with a long notice: no wider either, and nothing moves: the
    // banner floats over the top of the timeline.
    window->resize(900, 600);
    QCoreApplication::processEvents();
    ui::TimelineView* timeline = view().timelineView();
    const QRect timelineBefore = timeline->geometry();
    const QRect headerBefore = view().topicLabel()->geometry();
    stopServer();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window->banner()->isVisible(); }, 10000));
    type(QStringLiteral("one"));
    press(Qt::Key_Return);
    QCoreApplication::processEvents();
    EXPECT_LE(window->minimumSizeHint().width(), narrowest);
    EXPECT_LE(view().minimumSizeHint().width(), narrowestView);
    EXPECT_EQ(timeline->geometry(), timelineBefore);
    EXPECT_EQ(view().topicLabel()->geometry(), headerBefore);
    const QPoint timelineTop = timeline->mapTo(window.get(), QPoint(0, 0));
    const QPoint bannerTop = window->banner()->mapTo(window.get(), QPoint(0, 0));
    EXPECT_EQ(bannerTop, timelineTop);
    EXPECT_EQ(window->banner()->width(), timeline->width());
    // Tall enough for all of its text.
    QLabel* bannerText = window->banner()->textLabel();
    EXPECT_LE(bannerText->heightForWidth(bannerText->width()), bannerText->height());
}

// The shortcuts people expect: Ctrl+K to go to a room by name, Alt+Up/Down
// between rooms, Page Up/Down in the timeline while writing, Ctrl+, for the
// settings.
TEST_F(ChatWindowTest, KeyboardShortcutsMoveBetweenRoomsPageTheTimelineAndOpenSettings)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    const QString plans = roomWithBob();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view().roomId() == plans; }, 5000));
    const QString garden = roomWithBob(QStringLiteral("Garden"));
    core::RoomsModel& rooms = *window->chat()->rooms();
    bob->chat->sendMessage(garden, QStringLiteral("first"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return rooms.roomIdAt(0) == garden; }, 10000));

    // Ctrl+K, a few letters, Enter.
    QTest::keyClick(&composer(), Qt::Key_K, Qt::ControlModifier);
    ASSERT_EQ(QApplication::focusWidget(), window->roomList()->searchField());
    QTest::keyClicks(window->roomList()->searchField(), QStringLiteral("gar"));
    QTest::keyClick(window->roomList()->searchField(), Qt::Key_Return);
    EXPECT_EQ(view().roomId(), garden);
    window->roomList()->searchField()->clear();

    // Alt+Down / Alt+Up: the next and previous room.
    QTest::keyClick(&composer(), Qt::Key_Down, Qt::AltModifier);
    EXPECT_EQ(view().roomId(), rooms.roomIdAt(1));
    QTest::keyClick(&composer(), Qt::Key_Up, Qt::AltModifier);
    EXPECT_EQ(view().roomId(), rooms.roomIdAt(0));

    // Page Up from the composer scrolls the timeline back.
    for (int i = 0; i < 40; ++i) {
        bob->chat->sendMessage(garden, QStringLiteral("line %1").arg(i));
    }
    TimelineModel* annas = window->chat()->timeline(garden);
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*annas).size() >= 41; }, 15000));
    QScrollBar* bar = view().timelineView()->verticalScrollBar();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return bar->maximum() > 0 && bar->value() == bar->maximum(); }, 5000));
    const int bottom = bar->value();
    QTest::keyClick(&composer(), Qt::Key_PageUp);
    EXPECT_LT(bar->value(), bottom);
    EXPECT_EQ(QApplication::focusWidget(), &composer());
    QTest::keyClick(&composer(), Qt::Key_PageDown);
    EXPECT_EQ(bar->value(), bottom);

    // Ctrl+, opens the settings.
    QTest::keyClick(&composer(), Qt::Key_Comma, Qt::ControlModifier);
    ui::SettingsDialog* settings = visibleChild<ui::SettingsDialog>(window.get());
    ASSERT_NE(settings, nullptr);
    settings->close();
}

// Without a system tray, closing the window closes it (and so the app).
TEST_F(ChatWindowTest, WithoutATrayClosingTheWindowClosesIt)
{
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        GTEST_FAIL() << "this test runs where there is no tray (offscreen)";
    }
    EXPECT_FALSE(window->closesToTray());
    EXPECT_TRUE(window->close());
    EXPECT_FALSE(window->isVisible());
}

// On a desktop with a system tray (run by tests/ui/with-tray): closing the
// window leaves the app in the tray, from where it comes back; with the
// setting off, or signing out, the window really closes.
class TrayTest : public ChatWindowTest {};

TEST_F(TrayTest, ClosingTheWindowKeepsTheAppInTheTrayUnlessTurnedOff)
{
    ASSERT_TRUE(QTest::qWaitFor([] { return QSystemTrayIcon::isSystemTrayAvailable(); }, 10000))
        << "no system tray on this display";
    ASSERT_NO_FATAL_FAILURE(openAnnasWindow());
    ASSERT_NE(window->trayIcon(), nullptr);
    ASSERT_TRUE(window->trayIcon()->isVisible());
    EXPECT_TRUE(window->closesToTray());

    // Closed: hidden, not closed; the app keeps its session.
    EXPECT_FALSE(window->close());
    EXPECT_FALSE(window->isVisible());
    EXPECT_EQ(client->session()->state(), core::Session::State::SignedIn);
    // "Show Confab" in the tray menu brings it back.
    QAction* show = nullptr;
    for (QAction* action : window->trayIcon()->contextMenu()->actions()) {
        if (action->text() == ui::MainWindow::tr("&Show Confab")) {
            show = action;
        }
    }
    ASSERT_NE(show, nullptr);
    show->trigger();
    EXPECT_TRUE(window->isVisible());

    // Turned off in the settings: closing closes.
    window->openSettings();
    ui::SettingsDialog* settings = visibleChild<ui::SettingsDialog>(window.get());
    ASSERT_NE(settings, nullptr);
    ASSERT_TRUE(settings->closeToTrayBox()->isEnabled());
    EXPECT_TRUE(settings->closeToTrayBox()->isChecked());
    settings->closeToTrayBox()->click();
    settings->close();
    EXPECT_FALSE(window->closesToTray());
    EXPECT_TRUE(window->close());

    // Back on: a sign-out still closes the window for good.
    client->settings().setCloseToTray(true);
    window->show();
    EXPECT_TRUE(window->closesToTray());
    window->closeForGood();
    EXPECT_FALSE(window->isVisible());
}

} // namespace
} // namespace confab::test
