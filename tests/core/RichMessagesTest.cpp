#include "ChatFixture.h"

namespace confab::test {
namespace {

using core::ChatClient;
using core::InvitesModel;
using core::RoomsModel;
using core::SearchModel;
using core::TimelineModel;
using Tester = QAbstractItemModelTester;

constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

class RichMessagesTest : public ChatFixture {};

TEST_F(RichMessagesTest, ReactionsReachTheOtherSideAndToggle)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    auto& anna = pair.anna;
    auto& bob = pair.bob;
    TimelineModel* annaTimeline = openTimeline(*anna, pair.roomId);
    TimelineModel* bobTimeline = openTimeline(*bob, pair.roomId);
    Tester annaTester(annaTimeline, kFatal);
    Tester bobTester(bobTimeline, kFatal);
    anna->chat->sendMessage(pair.roomId, QStringLiteral("cake?"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*bobTimeline).size() == 1; }, 10000));
    const int bobRow = messageRows(*bobTimeline)[0];
    const QString messageId = value(*bobTimeline, bobRow, TimelineModel::IdRole).toString();

    bob->chat->react(messageId, QStringLiteral("🎂"));
    bob->chat->react(messageId, QStringLiteral("👍🏽"));
    anna->chat->react(messageId, QStringLiteral("🎂"));
    const int annaRow = messageRows(*annaTimeline)[0];
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return reactionsOf(*annaTimeline, annaRow) == QStringLiteral("🎂2 👍🏽1"); },
        10000))
        << reactionsOf(*annaTimeline, annaRow).toStdString();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return reactionsOf(*bobTimeline, bobRow) == QStringLiteral("🎂2 👍🏽1"); },
        10000));
    EXPECT_EQ(value(*bobTimeline, bobRow, TimelineModel::MyReactionsRole).toStringList(),
              (QStringList{QStringLiteral("🎂"), QStringLiteral("👍🏽")}));
    EXPECT_EQ(value(*annaTimeline, annaRow, TimelineModel::MyReactionsRole).toStringList(),
              QStringList{QStringLiteral("🎂")});
    const auto users = value(*annaTimeline, annaRow, TimelineModel::ReactionsRole)
                           .value<QList<core::Reaction>>()[0]
                           .userIds;
    EXPECT_EQ(users, (QStringList{bob->id(), anna->id()}));

    // Taken back: gone from both sides; an emoji nobody keeps goes.
    bob->chat->react(messageId, QStringLiteral("👍🏽"), true);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return reactionsOf(*annaTimeline, annaRow) == QStringLiteral("🎂2"); }, 10000));

    // A timeline opened later has them from history.
    auto second = newChat(*bob, bob->dataDir + QStringLiteral("-second"));
    second->start();
    ASSERT_TRUE(waitLive(*second));
    TimelineModel* fresh = second->timeline(pair.roomId);
    ASSERT_TRUE(QTest::qWaitFor([&] { return fresh->isLoaded(); }, 10000));
    EXPECT_EQ(reactionsOf(*fresh, messageRows(*fresh)[0]), QStringLiteral("🎂2"));

    // Two emoji at once is refused with the server's words.
    QSignalSpy failed(bob->chat.get(), &ChatClient::actionFailed);
    bob->chat->react(messageId, QStringLiteral("🙂🙃"));
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_EQ(failed.at(0).at(0).value<ChatClient::Action>(), ChatClient::Action::React);
    EXPECT_EQ(failed.at(0).at(1).value<core::Error>().field, QStringLiteral("emoji"));
}

TEST_F(RichMessagesTest, MentionsAreMarkedAndCountedSeparately)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    auto& anna = pair.anna;
    auto& bob = pair.bob;
    TimelineModel* bobTimeline = openTimeline(*bob, pair.roomId);
    anna->chat->sendMessage(pair.roomId, QStringLiteral("plain words"));
    anna->chat->sendMessage(pair.roomId, QStringLiteral("@bob can you look?"));
    anna->chat->sendMessage(pair.roomId, QStringLiteral("and @carl is not here"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*bobTimeline).size() == 3; }, 10000));
    const auto rows = messageRows(*bobTimeline);
    EXPECT_FALSE(value(*bobTimeline, rows[0], TimelineModel::MentionsMeRole).toBool());
    EXPECT_TRUE(value(*bobTimeline, rows[1], TimelineModel::MentionsMeRole).toBool());
    EXPECT_EQ(value(*bobTimeline, rows[1], TimelineModel::MentionedIdsRole).toStringList(),
              QStringList{bob->id()});
    EXPECT_FALSE(value(*bobTimeline, rows[2], TimelineModel::MentionsMeRole).toBool());

    const int roomRow = bob->rooms().rowOf(pair.roomId);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return value(bob->rooms(), roomRow, RoomsModel::UnreadCountRole).toInt() == 3; },
        10000));
    EXPECT_EQ(value(bob->rooms(), roomRow, RoomsModel::MentionCountRole).toInt(), 1);
    EXPECT_EQ(value(anna->rooms(), anna->rooms().rowOf(pair.roomId), RoomsModel::MentionCountRole)
                  .toInt(),
              0);

    // The server's count agrees after a fresh start; reading clears both.
    auto again = newChat(*bob, bob->dataDir + QStringLiteral("-again"));
    again->start();
    ASSERT_TRUE(waitLive(*again));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const int row = again->rooms()->rowOf(pair.roomId);
            return row >= 0 && value(*again->rooms(), row, RoomsModel::MentionCountRole) == 1;
        },
        10000));
    bob->chat->markRead(pair.roomId);
    EXPECT_EQ(value(bob->rooms(), roomRow, RoomsModel::MentionCountRole).toInt(), 0);
    EXPECT_EQ(value(bob->rooms(), roomRow, RoomsModel::UnreadCountRole).toInt(), 0);
}

TEST_F(RichMessagesTest, InvitationsArriveLiveAndAreAcceptedOrDeclined)
{
    auto anna = newUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    auto bob = newUser(QStringLiteral("bob"), QStringLiteral("Bob"));
    ASSERT_TRUE(startLive(*anna));
    const QString first = createRoom(*anna, QStringLiteral("Before"), {}, {anna.get()});
    anna->chat->invite(first, QStringLiteral("bob"));
    QSignalSpy invitedSpy(anna->chat.get(), &ChatClient::memberInvited);
    ASSERT_TRUE(invitedSpy.wait(10000));

    // Known at start (ListInvites).
    ASSERT_TRUE(startLive(*bob));
    InvitesModel* invites = bob->chat->invites();
    Tester tester(invites, kFatal);
    ASSERT_TRUE(QTest::qWaitFor([&] { return invites->rowCount() == 1; }, 10000));
    EXPECT_EQ(value(*invites, 0, InvitesModel::RoomNameRole).toString(), "Before");
    EXPECT_EQ(value(*invites, 0, InvitesModel::InviterNameRole).toString(), "Anna");
    EXPECT_EQ(value(*invites, 0, InvitesModel::MemberCountRole).toInt(), 1);

    // And live, newest first, with a signal for the notification.
    QSignalSpy live(bob->chat.get(), &ChatClient::invited);
    const QString second = createRoom(*anna, QStringLiteral("After"), {}, {anna.get()});
    anna->chat->invite(second, QStringLiteral("bob"));
    ASSERT_TRUE(live.wait(10000));
    EXPECT_EQ(live.at(0).at(0).toString(), second);
    ASSERT_EQ(invites->rowCount(), 2);
    EXPECT_EQ(value(*invites, 0, InvitesModel::RoomIdRole).toString(), second);

    QSignalSpy joined(bob->chat.get(), &ChatClient::roomJoined);
    bob->chat->acceptInvite(second);
    ASSERT_TRUE(joined.wait(10000));
    EXPECT_TRUE(bob->rooms().contains(second));
    EXPECT_FALSE(invites->contains(second));
    bob->chat->declineInvite(first);
    ASSERT_TRUE(QTest::qWaitFor([&] { return invites->rowCount() == 0; }, 10000));
    EXPECT_FALSE(bob->rooms().contains(first));

    // Declined for good: a new start lists nothing.
    auto again = newChat(*bob, bob->dataDir + QStringLiteral("-again"));
    again->start();
    ASSERT_TRUE(waitLive(*again));
    QTest::qWait(300);
    EXPECT_EQ(again->invites()->rowCount(), 0);
}

TEST_F(RichMessagesTest, SearchFindsMessagesInTheUsersRoomsWithHighlights)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    auto& anna = pair.anna;
    auto& bob = pair.bob;
    const QString other = createRoom(*bob, QStringLiteral("Other"), {}, {bob.get()});
    anna->chat->sendMessage(pair.roomId, QStringLiteral("The blue whale sings"));
    bob->chat->sendMessage(other, QStringLiteral("A blue WHALE again"));
    bob->chat->sendMessage(other, QStringLiteral("nothing to see"));
    TimelineModel* timeline = openTimeline(*bob, other);
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*timeline).size() == 2; }, 10000));
    QTest::qWait(200);

    SearchModel* search = bob->chat->messageSearch();
    Tester tester(search, kFatal);
    QSignalSpy finished(search, &SearchModel::searchFinished);
    search->search(QStringLiteral("whale blue"));
    ASSERT_TRUE(finished.wait(10000));
    ASSERT_EQ(search->rowCount(), 2);
    EXPECT_EQ(value(*search, 0, SearchModel::RoomIdRole).toString(), other);
    EXPECT_EQ(value(*search, 0, SearchModel::RoomNameRole).toString(), "Other");
    EXPECT_EQ(value(*search, 1, SearchModel::AuthorNameRole).toString(), "Anna");
    const QString snippet = value(*search, 1, SearchModel::SnippetRole).toString();
    EXPECT_EQ(snippet, "The blue whale sings");
    const auto highlights =
        value(*search, 1, SearchModel::HighlightsRole).value<QList<QPair<int, int>>>();
    ASSERT_EQ(highlights.size(), 2);
    EXPECT_EQ(snippet.mid(highlights[0].first, highlights[0].second), "blue");
    EXPECT_EQ(snippet.mid(highlights[1].first, highlights[1].second), "whale");

    // One room only.
    search->search(QStringLiteral("whale"), pair.roomId);
    ASSERT_TRUE(finished.wait(10000));
    ASSERT_EQ(search->rowCount(), 1);
    EXPECT_EQ(value(*search, 0, SearchModel::RoomIdRole).toString(), pair.roomId);

    // Nothing to look for: an error with the server's words.
    QSignalSpy failed(search, &SearchModel::searchFailed);
    search->search(QStringLiteral("..."));
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_EQ(failed.at(0).at(0).value<core::Error>().field, QStringLiteral("query"));
    EXPECT_EQ(search->rowCount(), 0);
}

TEST(SearchSnippet, MarkersBecomeRanges)
{
    QList<QPair<int, int>> ranges;
    const QString plain = SearchModel::plainSnippet(QStringLiteral("…a \x02"
                                                                   "blue\x03 and \x02"
                                                                   "blue\x03\nline"),
                                                    &ranges);
    EXPECT_EQ(plain, QStringLiteral("…a blue and blue line"));
    ASSERT_EQ(ranges.size(), 2);
    EXPECT_EQ(ranges[0], (QPair<int, int>{3, 4}));
    EXPECT_EQ(ranges[1], (QPair<int, int>{12, 4}));
}

} // namespace
} // namespace confab::test
