#include "ChatFixture.h"
#include "account/Account.h"

namespace confab::test {
namespace {

using core::ChatClient;
using core::RoomsModel;
using core::TimelineModel;
using Tester = QAbstractItemModelTester;

constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

class ChatClientTest : public ChatFixture {};

TEST_F(ChatClientTest, MessageReachesTheOtherUserOnce)
{
    auto anna = newUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    auto bob = newUser(QStringLiteral("bob"), QStringLiteral("Bob"));
    ASSERT_TRUE(startLive(*anna));
    ASSERT_TRUE(startLive(*bob));
    Tester annaRooms(anna->chat->rooms(), kFatal);
    Tester bobRooms(bob->chat->rooms(), kFatal);
    const QString roomId = createRoom(*anna, QStringLiteral("Plans"), {QStringLiteral("bob")},
                                      {anna.get(), bob.get()});
    ASSERT_FALSE(roomId.isEmpty());
    EXPECT_TRUE(
        QTest::qWaitFor([&] { return bob->rooms().name(roomId) == QLatin1String("Plans"); }, 5000));

    TimelineModel* annaTimeline = openTimeline(*anna, roomId);
    TimelineModel* bobTimeline = openTimeline(*bob, roomId);
    Tester annaTester(annaTimeline, kFatal);
    Tester bobTester(bobTimeline, kFatal);
    // The room's log so far: creation and the two members joining.
    EXPECT_TRUE(messageRows(*bobTimeline).empty());
    EXPECT_EQ(bobTimeline->rowCount(), 2);

    QSignalSpy sent(anna->chat->outbox(), &core::Outbox::messageSent);
    const QString clientId = anna->chat->sendMessage(roomId, QStringLiteral("hello bob"));
    ASSERT_FALSE(clientId.isEmpty());
    // Shown at once on the sender's side, as pending.
    ASSERT_EQ(messageRows(*annaTimeline).size(), 1u);
    const int pendingRow = annaTimeline->rowOfClientMessage(clientId);
    ASSERT_GE(pendingRow, 0);
    EXPECT_EQ(sendState(*annaTimeline, pendingRow), TimelineModel::SendState::Pending);
    EXPECT_TRUE(value(*annaTimeline, pendingRow, TimelineModel::OwnRole).toBool());

    ASSERT_TRUE(QTest::qWaitFor([&] { return messageTexts(*bobTimeline).size() == 1; }, 10000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return sent.count() == 1; }, 10000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const auto rows = messageRows(*annaTimeline);
            return rows.size() == 1 &&
                   sendState(*annaTimeline, rows[0]) == TimelineModel::SendState::Sent;
        },
        10000));
    QTest::qWait(300); // anything doubled would have arrived by now

    const auto bobRows = messageRows(*bobTimeline);
    ASSERT_EQ(bobRows.size(), 1u);
    const int row = bobRows[0];
    EXPECT_EQ(value(*bobTimeline, row, TimelineModel::TextRole).toString(), "hello bob");
    EXPECT_EQ(value(*bobTimeline, row, TimelineModel::AuthorNameRole).toString(), "Anna");
    EXPECT_EQ(value(*bobTimeline, row, TimelineModel::AuthorIdRole).toString(), anna->id());
    EXPECT_FALSE(value(*bobTimeline, row, TimelineModel::OwnRole).toBool());
    EXPECT_EQ(sendState(*bobTimeline, row), TimelineModel::SendState::Sent);
    EXPECT_EQ(value(*bobTimeline, row, TimelineModel::SeqRole).toULongLong(), 4u);
    EXPECT_EQ(value(*bobTimeline, row, TimelineModel::ClientMessageIdRole).toString(), clientId);
    EXPECT_TRUE(value(*bobTimeline, row, TimelineModel::SentAtRole).toDateTime().isValid());
    EXPECT_FALSE(value(*bobTimeline, row, TimelineModel::EditedRole).toBool());

    const auto annaRows = messageRows(*annaTimeline);
    ASSERT_EQ(annaRows.size(), 1u);
    EXPECT_EQ(value(*annaTimeline, annaRows[0], TimelineModel::IdRole),
              value(*bobTimeline, row, TimelineModel::IdRole));
    EXPECT_EQ(sent.count(), 1);
    EXPECT_EQ(anna->chat->outbox()->size(), 0);

    // The room list shows it too.
    const int bobRoomRow = bob->rooms().rowOf(roomId);
    EXPECT_EQ(value(bob->rooms(), bobRoomRow, RoomsModel::LastMessageRole).toString(), "hello bob");
    EXPECT_EQ(value(bob->rooms(), bobRoomRow, RoomsModel::LastSeqRole).toULongLong(), 4u);
}

TEST_F(ChatClientTest, ARoomLogSaysNothingOfPresence)
{
    auto anna = newUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    auto bob = newUser(QStringLiteral("bob"), QStringLiteral("Bob"));
    ASSERT_TRUE(startLive(*anna));
    ASSERT_TRUE(startLive(*bob));
    const QString first =
        createRoom(*anna, QStringLiteral("First"), {QStringLiteral("bob")}, {bob.get()});
    // The member list says who is online.
    anna->chat->members(first);
    bob->chat->members(first);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return anna->chat->users()->isOnline(bob->id()) &&
                   bob->chat->users()->isOnline(anna->id());
        },
        10000));

    // A new room's log tells of both joining; its copy of each user was
    // written without presence, and must not make anyone look offline.
    const QString second =
        createRoom(*bob, QStringLiteral("Second"), {QStringLiteral("anna")}, {anna.get()});
    core::TimelineModel* timeline = anna->chat->timeline(second);
    ASSERT_TRUE(QTest::qWaitFor([&] { return timeline->rowCount() >= 2; }, 10000));
    QTest::qWait(300);
    EXPECT_TRUE(anna->chat->users()->isOnline(bob->id()));
    EXPECT_TRUE(anna->chat->users()->isOnline(anna->id()));
    EXPECT_TRUE(bob->chat->users()->isOnline(anna->id()));
}

TEST_F(ChatClientTest, EditsDeletesAndRepliesPropagate)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    auto& anna = pair.anna;
    auto& bob = pair.bob;
    const QString roomId = pair.roomId;
    TimelineModel* annaTimeline = openTimeline(*anna, roomId);
    TimelineModel* bobTimeline = openTimeline(*bob, roomId);
    Tester annaTester(annaTimeline, kFatal);
    Tester bobTester(bobTimeline, kFatal);

    anna->chat->sendMessage(roomId, QStringLiteral("lunch at 12?"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*bobTimeline).size() == 1; }, 10000));
    const int original = messageRows(*bobTimeline)[0];
    const QString messageId = value(*bobTimeline, original, TimelineModel::IdRole).toString();
    ASSERT_FALSE(messageId.isEmpty());

    // Bob replies.
    bob->chat->sendMessage(roomId, QStringLiteral("sure"), messageId);
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*annaTimeline).size() == 2; }, 10000));
    const int reply = messageRows(*annaTimeline)[1];
    EXPECT_EQ(value(*annaTimeline, reply, TimelineModel::ReplyToRole).toString(), messageId);
    EXPECT_EQ(value(*annaTimeline, reply, TimelineModel::ReplyPreviewRole).toString(),
              "lunch at 12?");
    EXPECT_EQ(value(*annaTimeline, reply, TimelineModel::ReplyAuthorNameRole).toString(), "Anna");
    EXPECT_EQ(value(*annaTimeline, reply, TimelineModel::AuthorNameRole).toString(), "Bob");

    QSignalSpy edited(anna->chat.get(), &ChatClient::messageEdited);
    anna->chat->editMessage(messageId, QStringLiteral("lunch at 1?"));
    ASSERT_TRUE(edited.wait(10000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return value(*bobTimeline, original, TimelineModel::TextRole).toString() ==
                   QLatin1String("lunch at 1?");
        },
        10000));
    EXPECT_TRUE(value(*bobTimeline, original, TimelineModel::EditedRole).toBool());
    EXPECT_TRUE(value(*bobTimeline, original, TimelineModel::EditedAtRole).toDateTime().isValid());
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            return value(*annaTimeline, reply, TimelineModel::ReplyPreviewRole).toString() ==
                   QLatin1String("lunch at 1?");
        },
        10000));

    // Only the author edits.
    QSignalSpy failed(bob->chat.get(), &ChatClient::actionFailed);
    bob->chat->editMessage(messageId, QStringLiteral("no"));
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_EQ(failed.at(0).at(0).value<ChatClient::Action>(), ChatClient::Action::EditMessage);
    EXPECT_EQ(failed.at(0).at(1).value<core::Error>().code, core::Error::Code::PermissionDenied);

    QSignalSpy deleted(anna->chat.get(), &ChatClient::messageDeleted);
    anna->chat->deleteMessage(messageId);
    ASSERT_TRUE(deleted.wait(10000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return value(*bobTimeline, original, TimelineModel::DeletedRole).toBool(); }, 10000));
    EXPECT_TRUE(value(*bobTimeline, original, TimelineModel::TextRole).toString().isEmpty());
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            return value(*annaTimeline, reply, TimelineModel::ReplyPreviewRole).toString() ==
                   QLatin1String("Message deleted");
        },
        10000));
    // Still two messages on both sides: edits and deletes are not new rows.
    EXPECT_EQ(messageRows(*annaTimeline).size(), 2u);
    EXPECT_EQ(messageRows(*bobTimeline).size(), 2u);

    // A fresh timeline (from history) shows the same.
    auto bobAgain = newChat(*bob, bob->dataDir + QStringLiteral("-again"));
    TimelineModel* fresh = bobAgain->timeline(roomId);
    ASSERT_TRUE(QTest::qWaitFor([&] { return fresh->isLoaded(); }, 10000));
    const auto freshRows = messageRows(*fresh);
    ASSERT_EQ(freshRows.size(), 2u);
    EXPECT_TRUE(value(*fresh, freshRows[0], TimelineModel::DeletedRole).toBool());
    EXPECT_EQ(value(*fresh, freshRows[1], TimelineModel::TextRole).toString(), "sure");
}

TEST_F(ChatClientTest, NamesFollowProfileChangesAndDeletedAccounts)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    auto& anna = pair.anna;
    auto& bob = pair.bob;
    const QString roomId = pair.roomId;
    QSignalSpy opened(bob->chat.get(), &ChatClient::directRoomOpened);
    bob->chat->openDirectRoom(QStringLiteral("anna"));
    ASSERT_TRUE(opened.wait(10000));
    const QString direct = opened.at(0).at(0).toString();
    EXPECT_EQ(bob->rooms().name(direct), "Anna");

    TimelineModel* timeline = openTimeline(*bob, roomId);
    Tester tester(timeline, kFatal);
    anna->chat->sendMessage(roomId, QStringLiteral("hi"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*timeline).size() == 1; }, 10000));
    const int row = messageRows(*timeline)[0];
    const auto authorName = [&] {
        return value(*timeline, row, TimelineModel::AuthorNameRole).toString();
    };
    EXPECT_EQ(authorName(), "Anna");

    core::Account account(*anna->session);
    QSignalSpy updated(&account, &core::Account::profileUpdated);
    core::Account::ProfileChange change;
    change.displayName = QStringLiteral("Anna M.");
    account.updateProfile(change);
    ASSERT_TRUE(updated.wait(10000));
    EXPECT_TRUE(QTest::qWaitFor([&] { return authorName() == "Anna M."; }, 10000));
    EXPECT_TRUE(QTest::qWaitFor([&] { return bob->rooms().name(direct) == "Anna M."; }, 10000));

    // A new picture: fetched once for the timeline and the member list.
    EXPECT_TRUE(value(*timeline, row, TimelineModel::AuthorAvatarRole).toByteArray().isEmpty());
    const QByteArray picture = QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(64, 'p');
    change = {};
    change.avatar = picture;
    account.updateProfile(change);
    ASSERT_TRUE(updated.wait(10000));
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            return value(*timeline, row, TimelineModel::AuthorAvatarRole).toByteArray() == picture;
        },
        10000));
    core::MembersModel* members = bob->chat->members(roomId);
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            const int member = members->rowOf(anna->id());
            return member >= 0 &&
                   value(*members, member, core::MembersModel::AvatarRole).toByteArray() == picture;
        },
        10000));

    QSignalSpy deleted(&account, &core::Account::accountDeleted);
    account.deleteAccount(QStringLiteral("correct horse"));
    ASSERT_TRUE(deleted.wait(10000));
    EXPECT_TRUE(QTest::qWaitFor([&] { return authorName() == "Deleted user"; }, 10000));
    EXPECT_TRUE(
        QTest::qWaitFor([&] { return bob->rooms().name(direct) == "Deleted user"; }, 10000));
    EXPECT_EQ(value(*timeline, row, TimelineModel::TextRole).toString(), "hi");
}

TEST_F(ChatClientTest, TypingIsSentSparinglyShownAndExpires)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    auto& anna = pair.anna;
    auto& bob = pair.bob;
    const QString roomId = pair.roomId;
    TimelineModel* bobTimeline = openTimeline(*bob, roomId);

    QSignalSpy typingSent(anna->chat.get(), &ChatClient::typingSent);
    QSignalSpy typingChanged(bobTimeline, &TimelineModel::typingUsersChanged);
    for (int i = 0; i < 5; ++i) {
        anna->chat->userTyping(roomId); // keystrokes within 3 s: one typing=true
    }
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return bobTimeline->typingUsers() == QStringList{QStringLiteral("Anna")}; }, 10000));
    EXPECT_EQ(bobTimeline->typingUserIds(), QStringList{anna->id()});
    EXPECT_EQ(typingSent.count(), 1);
    EXPECT_TRUE(typingSent.at(0).at(1).toBool());

    // Stopping (or sending) says so at once.
    anna->chat->stopTyping(roomId);
    ASSERT_TRUE(QTest::qWaitFor([&] { return bobTimeline->typingUsers().isEmpty(); }, 10000));
    EXPECT_EQ(typingSent.count(), 2);
    EXPECT_FALSE(typingSent.at(1).at(1).toBool());
    anna->chat->stopTyping(roomId); // not typing: nothing to say
    EXPECT_EQ(typingSent.count(), 2);

    // Without renewal it runs out here by itself (6 s in the app).
    bobTimeline->setTypingLifetime(std::chrono::milliseconds(300));
    anna->chat->userTyping(roomId);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !bobTimeline->typingUsers().isEmpty(); }, 10000));
    QElapsedTimer shown;
    shown.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return bobTimeline->typingUsers().isEmpty(); }, 3000));
    EXPECT_LT(shown.elapsed(), 2000);

    // Sending ends typing too.
    anna->chat->userTyping(roomId);
    anna->chat->sendMessage(roomId, QStringLiteral("done"));
    EXPECT_FALSE(typingSent.last().at(1).toBool());
}

TEST_F(ChatClientTest, RoomOrderUnreadCountsAndReadMarkers)
{
    auto anna = newUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    auto bob = newUser(QStringLiteral("bob"), QStringLiteral("Bob"));
    ASSERT_TRUE(startLive(*anna));
    ASSERT_TRUE(startLive(*bob));
    Tester bobRooms(bob->chat->rooms(), kFatal);
    const QString first = createRoom(*anna, QStringLiteral("First"), {QStringLiteral("bob")},
                                     {anna.get(), bob.get()});
    QTest::qWait(20); // a later creation time
    const QString second = createRoom(*anna, QStringLiteral("Second"), {QStringLiteral("bob")},
                                      {anna.get(), bob.get()});
    ASSERT_EQ(bob->rooms().rowCount(), 2);
    // Newest activity first: the second room was made last.
    EXPECT_EQ(bob->rooms().roomIdAt(0), second);
    EXPECT_EQ(bob->rooms().totalUnread(), 0);

    QSignalSpy total(bob->chat->rooms(), &RoomsModel::totalUnreadChanged);
    QTest::qWait(20); // a later timestamp than the room's creation
    anna->chat->sendMessage(first, QStringLiteral("one"));
    anna->chat->sendMessage(first, QStringLiteral("two"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->rooms().unreadCount(first) == 2; }, 10000));
    EXPECT_EQ(bob->rooms().roomIdAt(0), first);
    EXPECT_EQ(value(bob->rooms(), 0, RoomsModel::LastMessageRole).toString(), "two");
    EXPECT_EQ(bob->rooms().totalUnread(), 2);
    EXPECT_GE(total.count(), 1);
    // Your own messages are not unread.
    EXPECT_TRUE(QTest::qWaitFor([&] { return anna->rooms().lastSeq(first) == 5; }, 10000));
    EXPECT_EQ(anna->rooms().unreadCount(first), 0);

    QTest::qWait(20);
    anna->chat->sendMessage(second, QStringLiteral("three"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->rooms().unreadCount(second) == 1; }, 10000));
    EXPECT_EQ(bob->rooms().roomIdAt(0), second);
    EXPECT_EQ(bob->rooms().roomIdAt(1), first);
    EXPECT_EQ(bob->rooms().totalUnread(), 3);

    // Bob reads the first room: his count drops, Anna sees his marker once.
    core::MembersModel* annaMembers = anna->chat->members(first);
    Tester membersTester(annaMembers, kFatal);
    ASSERT_TRUE(QTest::qWaitFor([&] { return annaMembers->isLoaded(); }, 10000));
    QSignalSpy markers(anna->chat.get(), &ChatClient::readMarkerReceived);
    const quint64 lastSeq = bob->rooms().lastSeq(first);
    EXPECT_EQ(lastSeq, 5u);
    bob->chat->markRead(first, lastSeq);
    EXPECT_EQ(bob->rooms().unreadCount(first), 0);
    EXPECT_EQ(bob->rooms().totalUnread(), 1);
    bob->chat->markRead(first, lastSeq); // not further: nothing sent
    bob->chat->markRead(first, lastSeq - 1);
    ASSERT_TRUE(markers.wait(10000));
    EXPECT_EQ(markers.at(0).at(1).toString(), bob->id());
    EXPECT_EQ(markers.at(0).at(2).toULongLong(), lastSeq);
    const int bobRow = annaMembers->rowOf(bob->id());
    ASSERT_GE(bobRow, 0);
    EXPECT_EQ(value(*annaMembers, bobRow, core::MembersModel::ReadSeqRole).toULongLong(), lastSeq);
    QTest::qWait(300);
    EXPECT_EQ(markers.count(), 1);

    // A new message by Anna counts again; one by Bob does not.
    anna->chat->sendMessage(first, QStringLiteral("four"));
    bob->chat->sendMessage(first, QStringLiteral("mine"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->rooms().lastSeq(first) == 7; }, 10000));
    EXPECT_EQ(bob->rooms().unreadCount(first), 1);

    // Muted rooms keep their count but leave the total; the flag stays.
    bob->chat->setMuted(second, true);
    EXPECT_TRUE(value(bob->rooms(), bob->rooms().rowOf(second), RoomsModel::MutedRole).toBool());
    EXPECT_EQ(bob->rooms().unreadCount(second), 1);
    EXPECT_EQ(bob->rooms().totalUnread(), 1);

    // A second client of Bob's starts from the server's counts.
    auto bobAgain = newChat(*bob, bob->dataDir + QStringLiteral("-again"));
    bobAgain->start();
    ASSERT_TRUE(waitLive(*bobAgain));
    EXPECT_TRUE(bobAgain->rooms()->isMuted(second));
    EXPECT_EQ(bobAgain->rooms()->unreadCount(first), 1);
    EXPECT_EQ(bobAgain->rooms()->unreadCount(second), 1);
    EXPECT_EQ(bobAgain->rooms()->totalUnread(), 1);
    EXPECT_EQ(bobAgain->rooms()->roomIdAt(0), first);
    // Reading on one device clears the count on the other.
    bobAgain->markRead(second);
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->rooms().unreadCount(second) == 0; }, 10000));
}

TEST_F(ChatClientTest, FetchMoreLoadsOlderHistoryWithoutDuplicates)
{
    auto anna = newUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    auto bob = newUser(QStringLiteral("bob"), QStringLiteral("Bob"));
    ASSERT_TRUE(startLive(*anna));
    const QString roomId =
        createRoom(*anna, QStringLiteral("Archive"), {QStringLiteral("bob")}, {anna.get()});
    sendRaw(*anna, roomId, numbered(QStringLiteral("m"), 0, 120));
    ASSERT_TRUE(startLive(*bob));

    TimelineModel* timeline = openTimeline(*bob, roomId);
    // The newest page first.
    ASSERT_EQ(timeline->rowCount(), TimelineModel::kPageSize);
    EXPECT_EQ(messageTexts(*timeline).last(), "m119");
    EXPECT_EQ(messageTexts(*timeline).first(), "m70");
    ASSERT_TRUE(timeline->canFetchMore({}));

    // Older pages as the view asks (the tester asks too, on every change).
    QSignalSpy fetched(timeline, &TimelineModel::historyFetched);
    Tester tester(timeline, kFatal);
    for (int round = 0; round < 10 && (timeline->canFetchMore({}) || timeline->isFetching());
         ++round) {
        timeline->fetchMore({});
        timeline->fetchMore({}); // asked twice while under way: fetched once
        ASSERT_TRUE(fetched.count() > round || fetched.wait(10000));
    }
    EXPECT_FALSE(timeline->canFetchMore({}));
    EXPECT_EQ(fetched.count(), 2); // 74..123 loaded first; then 24..73 and 1..23
    // Anna's new message during all this lands at the end, once.
    anna->chat->sendMessage(roomId, QStringLiteral("m120"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageTexts(*timeline).size() == 121; }, 10000));

    EXPECT_EQ(messageTexts(*timeline), numbered(QStringLiteral("m"), 0, 121));
    const auto seqs = confirmedSeqs(*timeline);
    std::vector<quint64> expected;
    for (quint64 seq = 2; seq <= 124; ++seq) {
        expected.push_back(seq); // (1 made the room) 2 joined, 121 messages
    }
    EXPECT_EQ(seqs, expected);
    EXPECT_FALSE(timeline->canFetchMore({}));
}

TEST_F(ChatClientTest, RoomActionsDirectoryAndSearch)
{
    auto anna = newUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    auto bob = newUser(QStringLiteral("bob"), QStringLiteral("Bob"));
    ASSERT_TRUE(startLive(*anna));
    ASSERT_TRUE(startLive(*bob));
    Tester bobRooms(bob->chat->rooms(), kFatal);

    const QString lobby =
        createRoom(*anna, QStringLiteral("Lobby"), {}, {anna.get()}, /*isPublic=*/true);
    createRoom(*anna, QStringLiteral("Hidden"), {}, {anna.get()});

    core::DirectoryModel* directory = bob->chat->directory();
    Tester directoryTester(directory, kFatal);
    QSignalSpy found(directory, &core::DirectoryModel::searchFinished);
    directory->search(QStringLiteral("Lob"));
    ASSERT_TRUE(found.wait(10000));
    ASSERT_EQ(directory->rowCount(), 1);
    EXPECT_EQ(value(*directory, 0, core::DirectoryModel::NameRole).toString(), "Lobby");
    EXPECT_FALSE(value(*directory, 0, core::DirectoryModel::JoinedRole).toBool());

    QSignalSpy joined(bob->chat.get(), &ChatClient::roomJoined);
    bob->chat->joinRoom(lobby);
    ASSERT_TRUE(joined.wait(10000));
    EXPECT_TRUE(bob->rooms().contains(lobby));
    EXPECT_EQ(bob->rooms().name(lobby), "Lobby");
    EXPECT_TRUE(value(*directory, 0, core::DirectoryModel::JoinedRole).toBool());

    QSignalSpy left(bob->chat.get(), &ChatClient::roomLeft);
    QSignalSpy removed(bob->chat.get(), &ChatClient::roomRemoved);
    bob->chat->leaveRoom(lobby);
    ASSERT_TRUE(left.wait(10000));
    EXPECT_FALSE(bob->rooms().contains(lobby));
    EXPECT_GE(removed.count(), 1);
    QTest::qWait(300); // the stream's room_removed changes nothing more
    EXPECT_FALSE(bob->rooms().contains(lobby));

    // A private room: only by invitation.
    const QString secret =
        createRoom(*anna, QStringLiteral("Secret"), {}, {anna.get()}, /*isPublic=*/false);
    QSignalSpy failed(bob->chat.get(), &ChatClient::actionFailed);
    bob->chat->joinRoom(secret);
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_EQ(failed.at(0).at(0).value<ChatClient::Action>(), ChatClient::Action::JoinRoom);
    EXPECT_NE(failed.at(0).at(1).value<core::Error>().code, core::Error::Code::None);
    QSignalSpy invited(anna->chat.get(), &ChatClient::memberInvited);
    anna->chat->invite(secret, QStringLiteral("bob"));
    ASSERT_TRUE(invited.wait(10000));
    bob->chat->joinRoom(secret);
    ASSERT_TRUE(joined.wait(10000));
    EXPECT_TRUE(bob->rooms().contains(secret));

    // Direct rooms carry the other person's name, on both sides.
    core::UserSearchModel* search = anna->chat->userSearch();
    Tester searchTester(search, kFatal);
    QSignalSpy searched(search, &core::UserSearchModel::searchFinished);
    search->search(QStringLiteral("bo"));
    ASSERT_TRUE(searched.wait(10000));
    ASSERT_EQ(search->rowCount(), 1);
    EXPECT_EQ(value(*search, 0, core::UserSearchModel::UsernameRole).toString(), "bob");
    EXPECT_EQ(value(*search, 0, core::UserSearchModel::DisplayNameRole).toString(), "Bob");
    EXPECT_TRUE(value(*search, 0, core::UserSearchModel::OnlineRole).toBool());

    QSignalSpy opened(anna->chat.get(), &ChatClient::directRoomOpened);
    anna->chat->openDirectRoom(QStringLiteral("bob"));
    ASSERT_TRUE(opened.wait(10000));
    const QString direct = opened.at(0).at(0).toString();
    EXPECT_EQ(anna->rooms().name(direct), "Bob");
    EXPECT_TRUE(value(anna->rooms(), anna->rooms().rowOf(direct), RoomsModel::DirectRole).toBool());
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->rooms().name(direct) == "Anna"; }, 10000));

    QSignalSpy annaFailed(anna->chat.get(), &ChatClient::actionFailed);
    anna->chat->createRoom(QString(), {}, false);
    ASSERT_TRUE(annaFailed.wait(10000));
    EXPECT_EQ(annaFailed.at(0).at(0).value<ChatClient::Action>(), ChatClient::Action::CreateRoom);
    EXPECT_EQ(annaFailed.at(0).at(1).value<core::Error>().code, core::Error::Code::InvalidInput);
}

TEST_F(ChatClientTest, MembersShowPresenceAndNames)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    auto& anna = pair.anna;
    auto& bob = pair.bob;
    const QString roomId = pair.roomId;
    core::MembersModel* members = anna->chat->members(roomId);
    Tester tester(members, kFatal);
    ASSERT_TRUE(QTest::qWaitFor([&] { return members->isLoaded(); }, 10000));
    ASSERT_EQ(members->rowCount(), 2);
    const int bobRow = members->rowOf(bob->id());
    ASSERT_GE(bobRow, 0);
    EXPECT_EQ(value(*members, bobRow, core::MembersModel::DisplayNameRole).toString(), "Bob");
    EXPECT_TRUE(value(*members, bobRow, core::MembersModel::OnlineRole).toBool());
    EXPECT_FALSE(value(*members, bobRow, core::MembersModel::OwnerRole).toBool());
    EXPECT_TRUE(
        value(*members, members->rowOf(anna->id()), core::MembersModel::OwnerRole).toBool());

    bob->chat->stop();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return !value(*members, bobRow, core::MembersModel::OnlineRole).toBool(); }, 10000));

    // A third member arrives while the list is shown.
    auto cleo = newUser(QStringLiteral("cleo"), QStringLiteral("Cleo"));
    QSignalSpy invited(anna->chat.get(), &ChatClient::memberInvited);
    anna->chat->invite(roomId, QStringLiteral("cleo"));
    ASSERT_TRUE(invited.wait(10000));
    ASSERT_TRUE(startLive(*cleo));
    cleo->chat->joinRoom(roomId);
    ASSERT_TRUE(QTest::qWaitFor([&] { return members->rowCount() == 3; }, 10000));
    EXPECT_EQ(
        value(*members, members->rowOf(cleo->id()), core::MembersModel::DisplayNameRole).toString(),
        "Cleo");
}

// A read marker that arrives while the member list is loading is kept: the
// list's snapshot, taken before it, does not set it back.
TEST_F(ChatClientTest, AReadMarkerArrivingWhileMembersLoadIsKept)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    const QString roomId = pair.roomId;
    pair.anna->chat->sendMessage(roomId, QStringLiteral("hello"));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return pair.bob->chat->rooms()->lastSeq(roomId) > 0 &&
                   pair.bob->chat->rooms()->lastSeq(roomId) ==
                       pair.anna->chat->rooms()->lastSeq(roomId);
        },
        10000));
    const quint64 seq = pair.bob->chat->rooms()->lastSeq(roomId);

    core::MembersModel* members = pair.bob->chat->members(roomId);
    ASSERT_FALSE(members->isLoaded());
    // What the stream does with Anna's read marker, before the list is in.
    members->setReadSeq(pair.anna->id(), seq);
    ASSERT_TRUE(QTest::qWaitFor([&] { return members->isLoaded(); }, 10000));
    const int row = members->rowOf(pair.anna->id());
    ASSERT_GE(row, 0);
    EXPECT_EQ(value(*members, row, core::MembersModel::ReadSeqRole).toULongLong(), seq);
}

} // namespace
} // namespace confab::test
