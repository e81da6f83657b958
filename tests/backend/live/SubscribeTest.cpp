#include "ChatServerFixture.h"
#include "StatusMatchers.h"
#include "Subscription.h"
#include "TestServer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <future>
#include <set>
#include <thread>

namespace confab::test {
namespace {

using SubscribeTest = ChatServerFixture;

TEST_F(SubscribeTest, SubscribeBackfillsThenGoesLive)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    sendOk(anna, room.id(), "before");
    const std::uint64_t backlog = room.last_seq() + 1;

    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());
    EXPECT_EQ(seqsOf(sub.roomEvents(room.id())), range(1, backlog));
    EXPECT_EQ(sub.syncedAt(), static_cast<int>(backlog));

    sendOk(anna, room.id(), "live");
    ASSERT_TRUE(sub.waitRoomEvents(room.id(), backlog + 1));
    const auto events = sub.roomEvents(room.id());
    EXPECT_EQ(events.back().message_posted().text(), "live");
    EXPECT_EQ(seqsOf(events), range(1, backlog + 1));
    // The marker came once, between the backfill and the live event.
    const auto all = sub.events();
    EXPECT_EQ(std::count_if(all.begin(), all.end(), [](const auto& e) { return e.has_synced(); }),
              1);
}

TEST_F(SubscribeTest, SubscribeResumesFromCursors)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    const v1::Room other = createRoom(anna, "Other", v1::VISIBILITY_PRIVATE, {"bob"});
    for (int i = 0; i < 5; ++i) {
        sendOk(anna, room.id(), "m" + std::to_string(i));
    }
    std::uint64_t cursor = 0;
    {
        Subscription sub(*client.chat, bob.access_token());
        ASSERT_TRUE(sub.waitSynced());
        cursor = sub.roomEvents(room.id()).back().seq();
    }
    for (int i = 0; i < 7; ++i) {
        sendOk(anna, room.id(), "missed " + std::to_string(i));
    }
    v1::RoomCursor roomCursor;
    roomCursor.set_room_id(room.id());
    roomCursor.set_last_seq(cursor);
    // A cursor for a room bob is not in is ignored and leaks nothing.
    const v1::Room secret = createRoom(carol, "Secret");
    sendOk(carol, secret.id(), "private");
    v1::RoomCursor foreign;
    foreign.set_room_id(secret.id());
    foreign.set_last_seq(0);

    Subscription sub(*client.chat, bob.access_token(), {roomCursor, foreign});
    ASSERT_TRUE(sub.waitSynced());
    EXPECT_EQ(seqsOf(sub.roomEvents(room.id())), range(cursor + 1, cursor + 7));
    EXPECT_EQ(sub.roomEvents(room.id()).front().message_posted().text(), "missed 0");
    // A room without a cursor starts at the beginning.
    EXPECT_EQ(seqsOf(sub.roomEvents(other.id())), range(1, other.last_seq()));
    EXPECT_TRUE(sub.roomEvents(secret.id()).empty());
}

TEST_F(SubscribeTest, RoomsJoinedWhileSubscribedArriveFromTheStart)
{
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    const v1::Message hello = sendOk(anna, room.id(), "hello");
    ASSERT_TRUE(sub.waitRoomEvents(room.id(), hello.seq()));
    EXPECT_EQ(seqsOf(sub.roomEvents(room.id())), range(1, hello.seq()));

    const v1::Room lobby = createRoom(anna, "Lobby", v1::VISIBILITY_PUBLIC);
    sendOk(anna, lobby.id(), "earlier");
    ASSERT_OK(join(bob, lobby.id()));
    const std::uint64_t lobbyLast = roomOf(bob, lobby.id()).last_seq();
    ASSERT_TRUE(sub.waitRoomEvents(lobby.id(), lobbyLast));
    EXPECT_EQ(seqsOf(sub.roomEvents(lobby.id())), range(1, lobbyLast));

    ASSERT_OK(leave(bob, lobby.id()));
    ASSERT_TRUE(sub.waitFor([&](const auto& events) {
        return std::any_of(events.begin(), events.end(), [&](const v1::Event& e) {
            return e.has_room_removed() && e.room_removed().room_id() == lobby.id();
        });
    }));
    sendOk(anna, lobby.id(), "after bob left");
    sendOk(anna, room.id(), "still in this one");
    ASSERT_TRUE(sub.waitRoomEvents(room.id(), hello.seq() + 1));
    for (const auto& event : sub.roomEvents(lobby.id())) {
        EXPECT_NE(event.message_posted().text(), "after bob left");
    }
}

TEST_F(SubscribeTest, TypingReadMarkersProfilesAndPresenceReachMembers)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());

    const auto has = [&](auto predicate) {
        return sub.waitFor([&](const auto& events) {
            return std::any_of(events.begin(), events.end(), predicate);
        });
    };

    {
        Subscription annaOnline(*client.chat, anna.access_token());
        ASSERT_TRUE(annaOnline.waitSynced());
        EXPECT_TRUE(has([&](const v1::Event& e) {
            return e.has_presence() && e.presence().user_id() == anna.user().id() &&
                   e.presence().presence() == v1::PRESENCE_ONLINE;
        }));
        v1::GetUserRequest who;
        who.set_user_id(anna.user().id());
        v1::User user;
        ASSERT_OK(client.accounts->GetUser(Client::context(bob.access_token()).get(), who, &user));
        EXPECT_EQ(user.presence(), v1::PRESENCE_ONLINE);
    }
    EXPECT_TRUE(has([&](const v1::Event& e) {
        return e.has_presence() && e.presence().user_id() == anna.user().id() &&
               e.presence().presence() == v1::PRESENCE_OFFLINE;
    }));

    v1::SetTypingRequest typing;
    typing.set_room_id(room.id());
    typing.set_typing(true);
    v1::SetTypingResponse typed;
    ASSERT_OK(client.chat->SetTyping(Client::context(anna.access_token()).get(), typing, &typed));
    EXPECT_TRUE(has([&](const v1::Event& e) {
        return e.has_typing() && e.typing().user_id() == anna.user().id() && e.typing().typing();
    }));
    EXPECT_STATUS(
        client.chat->SetTyping(Client::context(carol.access_token()).get(), typing, &typed),
        PERMISSION_DENIED);
    // Sending a message ends the typing notice.
    sendOk(anna, room.id(), "done typing");
    EXPECT_TRUE(has([&](const v1::Event& e) {
        return e.has_typing() && e.typing().user_id() == anna.user().id() && !e.typing().typing();
    }));

    v1::MarkReadRequest read;
    read.set_room_id(room.id());
    read.set_seq(room.last_seq());
    v1::MarkReadResponse marked;
    ASSERT_OK(client.chat->MarkRead(Client::context(anna.access_token()).get(), read, &marked));
    EXPECT_TRUE(has([&](const v1::Event& e) {
        return e.has_read() && e.read().user_id() == anna.user().id() &&
               e.read().seq() == room.last_seq();
    }));

    v1::UpdateProfileRequest profile;
    profile.set_display_name("Anna K.");
    v1::User updated;
    ASSERT_OK(client.accounts->UpdateProfile(Client::context(anna.access_token()).get(), profile,
                                             &updated));
    EXPECT_TRUE(has([&](const v1::Event& e) {
        return e.has_profile() && e.profile().user().display_name() == "Anna K.";
    }));
}

TEST_F(SubscribeTest, TypingRunsOutAfterSixSeconds)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());
    v1::SetTypingRequest typing;
    typing.set_room_id(room.id());
    typing.set_typing(true);
    v1::SetTypingResponse typed;
    const auto start = std::chrono::steady_clock::now();
    ASSERT_OK(client.chat->SetTyping(Client::context(anna.access_token()).get(), typing, &typed));
    ASSERT_TRUE(sub.waitFor(
        [](const auto& events) {
            return std::any_of(events.begin(), events.end(), [](const v1::Event& e) {
                return e.has_typing() && !e.typing().typing();
            });
        },
        std::chrono::seconds(9)));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_GE(elapsed, std::chrono::seconds(6));
}

TEST_F(SubscribeTest, RevokingTheSessionEndsItsStreams)
{
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());
    v1::LogoutResponse response;
    ASSERT_OK(client.auth->Logout(Client::context(bob.access_token()).get(), {}, &response));
    const auto status = sub.waitFinished();
    ASSERT_TRUE(status.has_value());
    EXPECT_STATUS(*status, UNAUTHENTICATED);

    Subscription refused(*client.chat, bob.access_token());
    const auto again = refused.waitFinished();
    ASSERT_TRUE(again.has_value());
    EXPECT_STATUS(*again, UNAUTHENTICATED);
}

TEST_F(SubscribeTest, ConcurrentSendersReachEverySubscriberOnceInOrder)
{
    const v1::Room room = createRoom(anna, "Busy", v1::VISIBILITY_PRIVATE, {"bob", "carol"});
    std::vector<std::unique_ptr<Subscription>> subs;
    for (const auto* who : {&anna, &bob, &carol}) {
        subs.push_back(std::make_unique<Subscription>(*client.chat, who->access_token()));
        ASSERT_TRUE(subs.back()->waitSynced());
    }

    constexpr int kSenders = 4;
    constexpr int kEach = 150;
    std::vector<std::future<int>> senders;
    for (int s = 0; s < kSenders; ++s) {
        senders.push_back(std::async(std::launch::async, [&, s] {
            const v1::Session& who = s % 2 ? bob : carol;
            int sent = 0;
            for (int i = 0; i < kEach; ++i) {
                sent += send(who, room.id(), "s" + std::to_string(s) + " #" + std::to_string(i),
                             nullptr, "s" + std::to_string(s) + "-" + std::to_string(i))
                            .ok();
            }
            return sent;
        }));
    }
    for (auto& sender : senders) {
        EXPECT_EQ(sender.get(), kEach);
    }
    const std::uint64_t last = room.last_seq() + kSenders * kEach;
    for (const auto& sub : subs) {
        ASSERT_TRUE(sub->waitRoomEvents(room.id(), last, std::chrono::seconds(30)));
        const auto events = sub->roomEvents(room.id());
        EXPECT_EQ(seqsOf(events), range(1, last));
        std::set<std::string> texts;
        for (const auto& event : events) {
            if (event.has_message_posted()) {
                texts.insert(event.message_posted().text());
            }
        }
        EXPECT_EQ(texts.size(), static_cast<std::size_t>(kSenders * kEach));
    }
}

TEST_F(SubscribeTest, ABackfillThatFillsTheOutboxStillEndsWithSynced)
{
    // More than two store pages (256 each) of events big enough that a
    // client that does not read leaves nearly all of them in the server's
    // outbox (512): the last page lands with the outbox full.
    const v1::Room room = createRoom(anna, "Backlog", v1::VISIBILITY_PRIVATE, {"bob"});
    const std::string text(3000, 'y');
    for (int i = 0; i < 600; ++i) {
        ASSERT_OK(send(anna, room.id(), text + std::to_string(i)));
    }
    const std::uint64_t last = room.last_seq() + 600;

    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
    auto stub = v1::Chat::NewStub(
        grpc::CreateCustomChannel(server.target(), grpc::InsecureChannelCredentials(), args));
    Subscription sub(*stub, bob.access_token(), {}, /*paused=*/true);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    sub.resume();
    ASSERT_TRUE(sub.waitSynced(std::chrono::seconds(30)))
        << sub.roomEvents(room.id()).size() << " events arrived, and no synced";
    EXPECT_EQ(seqsOf(sub.roomEvents(room.id())), range(1, last));
}

// A client that loops SetTyping reaches the others at most once every few
// seconds: typing starts once, is renewed quietly, and a start right after
// a stop waits for its turn.
TEST_F(SubscribeTest, TypingIsToldAtMostOnceEveryFewSeconds)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());
    const auto typingIn = [&](const Subscription::Events& events) {
        std::vector<bool> told;
        for (const auto& event : events) {
            if (event.has_typing() && event.typing().user_id() == anna.user().id()) {
                told.push_back(event.typing().typing());
            }
        }
        return told;
    };
    const auto typingEvents = [&] { return typingIn(sub.events()); };
    const auto setTyping = [&](bool typing) {
        v1::SetTypingRequest request;
        request.set_room_id(room.id());
        request.set_typing(typing);
        v1::SetTypingResponse response;
        return client.chat->SetTyping(Client::context(anna.access_token()).get(), request,
                                      &response);
    };

    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 300; ++i) {
        ASSERT_OK(setTyping(true));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ASSERT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2500))
        << "the loop took too long to say anything about coalescing";
    EXPECT_EQ(typingEvents(), std::vector<bool>{true});

    // Stop, start, stop…: the stop is told, the starts wait.
    for (int i = 0; i < 50; ++i) {
        ASSERT_OK(setTyping(false));
        ASSERT_OK(setTyping(true));
    }
    ASSERT_OK(setTyping(false));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(typingEvents(), (std::vector<bool>{true, false}));

    // A few seconds on, a start is told again.
    std::this_thread::sleep_for(std::chrono::milliseconds(3200));
    ASSERT_OK(setTyping(true));
    ASSERT_TRUE(sub.waitFor([&](const auto& events) { return typingIn(events).size() == 3; }));
    EXPECT_EQ(typingEvents(), (std::vector<bool>{true, false, true}));
}

// The backfill stops with the outbox full and the only room left to read;
// the user then leaves that room: nothing is left to read, and the marker
// must still come.
TEST_F(SubscribeTest, LeavingTheLastRoomLeftToReadStillEndsWithSynced)
{
    const v1::Room room = createRoom(anna, "Backlog", v1::VISIBILITY_PRIVATE, {"bob"});
    const std::string text(3000, 'y');
    for (int i = 0; i < 2000; ++i) {
        ASSERT_OK(send(anna, room.id(), text + std::to_string(i)));
    }

    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
    auto stub = v1::Chat::NewStub(
        grpc::CreateCustomChannel(server.target(), grpc::InsecureChannelCredentials(), args));
    Subscription sub(*stub, bob.access_token(), {}, /*paused=*/true);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    ASSERT_OK(leave(bob, room.id()));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    sub.resume();
    ASSERT_TRUE(sub.waitSynced(std::chrono::seconds(10)))
        << sub.roomEvents(room.id()).size() << " events arrived, and no synced";
}

// A log damaged outside the server (a row lost to a bad restore): a stream
// skips the hole, says so in the log, and still catches up and says synced,
// instead of reading the same page for ever.
TEST(SubscribeDamagedLog, AHoleInTheLogIsSkippedAndTheStreamSyncs)
{
    TempDir dir;
    const backend::ServerConfig config = testConfig(dir.path());
    std::string roomId;
    std::uint64_t last = 0;
    {
        TestServer server(config);
        Client client(server.channel());
        const v1::Session anna = client.registerUser("anna");
        client.registerUser("bob");
        v1::CreateRoomRequest create;
        create.set_name("Plans");
        create.add_member_usernames("bob");
        v1::Room room;
        ASSERT_OK(
            client.chat->CreateRoom(Client::context(anna.access_token()).get(), create, &room));
        roomId = room.id();
        for (int i = 0; i < 10; ++i) {
            v1::SendMessageRequest request;
            request.set_room_id(roomId);
            request.set_text("m" + std::to_string(i));
            v1::Message message;
            ASSERT_OK(client.chat->SendMessage(Client::context(anna.access_token()).get(), request,
                                               &message));
            last = message.seq();
        }
    }
    const std::uint64_t hole = last - 4;
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open((dir.path() / "confab.db").c_str(), &db), SQLITE_OK);
        const std::string sql =
            "DELETE FROM events WHERE room_id = '" + roomId + "' AND seq = " + std::to_string(hole);
        EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
        EXPECT_EQ(sqlite3_changes(db), 1);
        sqlite3_close(db);
    }
    TestServer server(config);
    Client client(server.channel());
    v1::Session bob;
    ASSERT_OK(client.login("bob", "correct horse", &bob));
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced(std::chrono::seconds(10)));
    std::vector<std::uint64_t> expected = range(1, last);
    expected.erase(std::find(expected.begin(), expected.end(), hole));
    EXPECT_EQ(seqsOf(sub.roomEvents(roomId)), expected);
}

class StreamLimitTest : public ChatServerFixture {
protected:
    StreamLimitTest() : ChatServerFixture(config()) {}
    static backend::ServerConfig config()
    {
        backend::ServerConfig c = testConfig({});
        c.streamsPerUser = 3;
        c.streamsPerSession = 2;
        return c;
    }
};

// Streams are capped per session and per account: the one past the cap is
// refused at once, the open ones go on, and closing one makes room.
TEST_F(StreamLimitTest, StreamsPerSessionAndPerAccountAreCapped)
{
    const auto refusedWith = [](Subscription& sub, const std::string& words) {
        const auto status = sub.waitFinished(std::chrono::seconds(5));
        return status && status->error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED &&
               status->error_message().find(words) != std::string::npos;
    };
    auto first = std::make_unique<Subscription>(*client.chat, bob.access_token());
    Subscription second(*client.chat, bob.access_token());
    ASSERT_TRUE(first->waitSynced());
    ASSERT_TRUE(second.waitSynced());
    Subscription third(*client.chat, bob.access_token());
    EXPECT_TRUE(refusedWith(third, "this session has 2 streams open"));

    // Another device of bob's: one more, then the account is full.
    v1::Session laptop;
    ASSERT_OK(client.login("bob", "correct horse", &laptop));
    Subscription fourth(*client.chat, laptop.access_token());
    ASSERT_TRUE(fourth.waitSynced());
    Subscription fifth(*client.chat, laptop.access_token());
    EXPECT_TRUE(refusedWith(fifth, "this account has 3 streams open"));

    // The open ones still get their events; others are not limited by bob's.
    const v1::Room room = createRoom(anna, "Plans", v1::VISIBILITY_PRIVATE, {"bob"});
    sendOk(anna, room.id(), "still here");
    EXPECT_TRUE(second.waitRoomEvents(room.id(), 1));
    EXPECT_TRUE(fourth.waitRoomEvents(room.id(), 1));
    Subscription annas(*client.chat, anna.access_token());
    EXPECT_TRUE(annas.waitSynced());

    // Closing one makes room for another.
    first.reset();
    bool admitted = false;
    for (int attempt = 0; attempt < 20 && !admitted; ++attempt) {
        Subscription again(*client.chat, laptop.access_token());
        admitted = again.waitSynced(std::chrono::seconds(2));
        if (!admitted) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    EXPECT_TRUE(admitted);
}

class SlowSubscriberTest : public ChatServerFixture {
protected:
    SlowSubscriberTest() : ChatServerFixture(smallQueue()) {}

    static backend::ServerConfig smallQueue()
    {
        backend::ServerConfig c = testConfig({});
        c.subscriberMaxQueued = 16;
        return c;
    }
};

TEST_F(SlowSubscriberTest, IsEndedAndLosesNothingOnResubscribe)
{
    const v1::Room room = createRoom(anna, "Flood", v1::VISIBILITY_PRIVATE, {"bob"});
    // A client whose flow-control window stays small, so that what it does
    // not read backs up on the server.
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
    auto stub = v1::Chat::NewStub(
        grpc::CreateCustomChannel(server.target(), grpc::InsecureChannelCredentials(), args));
    auto slow = std::make_unique<Subscription>(*stub, bob.access_token());
    ASSERT_TRUE(slow->waitSynced());
    // Live now; from here on the client stops reading.
    slow->pause();

    const std::string text(3000, 'x');
    int sent = 0;
    for (int i = 0; i < 3000; ++i) {
        sent += send(anna, room.id(), text + std::to_string(i)).ok();
    }
    ASSERT_EQ(sent, 3000);
    slow->resume();
    const auto status = slow->waitFinished(std::chrono::seconds(30));
    ASSERT_TRUE(status.has_value()) << slow->roomEvents(room.id()).size() << " events arrived";
    EXPECT_STATUS(*status, RESOURCE_EXHAUSTED, "subscriber: ");

    // What it did get is gap-free; resuming from there brings the rest.
    const auto got = slow->roomEvents(room.id());
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(seqsOf(got), range(1, got.back().seq()));
    const std::uint64_t last = room.last_seq() + 3000;
    ASSERT_LT(got.back().seq(), last);
    v1::RoomCursor cursor;
    cursor.set_room_id(room.id());
    cursor.set_last_seq(got.back().seq());
    Subscription resumed(*client.chat, bob.access_token(), {cursor});
    ASSERT_TRUE(resumed.waitSynced(std::chrono::seconds(30)));
    EXPECT_EQ(seqsOf(resumed.roomEvents(room.id())), range(got.back().seq() + 1, last));
}

} // namespace
} // namespace confab::test
