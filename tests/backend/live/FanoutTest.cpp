#include "ChatServerFixture.h"
#include "GatedBus.h"
#include "StatusMatchers.h"
#include "Subscription.h"
#include "TestServer.h"

#include "bus/LocalBus.h"
#include "bus/Publisher.h"
#include "live/Hub.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

namespace confab::test {
namespace {

using namespace std::chrono_literals;

// A server whose bus can be made to stall, as a bus across the network does.
class FanoutTest : public ::testing::Test {
protected:
    GatedBus* bus = nullptr;
    TestServer server{config(), [this] {
                          auto gated = std::make_unique<GatedBus>();
                          bus = gated.get();
                          return gated;
                      }};
    Client client{server.channel()};
    v1::Session anna = client.registerUser("anna");
    v1::Session bob = client.registerUser("bob");

    static backend::ServerConfig config()
    {
        auto config = testConfig({});
        config.publishQueueMax = 4;
        return config;
    }

    std::string roomOfAnnaAndBob()
    {
        v1::CreateRoomRequest request;
        request.set_name("stalls");
        request.add_member_usernames("bob");
        v1::Room room;
        EXPECT_OK(
            client.chat->CreateRoom(Client::context(anna.access_token()).get(), request, &room));
        return room.id();
    }

    grpc::Status send(const std::string& roomId, const std::string& text)
    {
        v1::SendMessageRequest request;
        request.set_room_id(roomId);
        request.set_text(text);
        v1::Message message;
        return client.chat->SendMessage(Client::context(anna.access_token()).get(), request,
                                        &message);
    }
};

TEST_F(FanoutTest, AStalledBusHoldsUpNeitherCommitsNorCallsAndLosesNothing)
{
    const std::string roomId = roomOfAnnaAndBob();
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());
    ASSERT_TRUE(sub.waitRoomEvents(roomId, 3)); // created, anna, bob

    bus->close();
    ASSERT_OK(send(roomId, "first"));
    ASSERT_TRUE(bus->waitHeld(5s));
    // Far more than the publish queue holds, each acknowledged while the bus
    // is stuck: commits and calls go on.
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 40; ++i) {
        ASSERT_OK(send(roomId, "m" + std::to_string(i)));
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, 8s);
    v1::GetHistoryResponse history;
    v1::GetHistoryRequest request;
    request.set_room_id(roomId);
    request.set_limit(200);
    ASSERT_OK(
        client.chat->GetHistory(Client::context(bob.access_token()).get(), request, &history));
    EXPECT_EQ(history.events_size(), 3 + 41);
    EXPECT_EQ(sub.roomEvents(roomId).size(), 3u) << "nothing reached the stream yet";
    EXPECT_GT(server.server().publisher().coalesced(), 0u);

    // Once the bus moves, the stream gets all of it once and in order: what
    // the queue could not hold is read from the store.
    bus->open();
    ASSERT_TRUE(sub.waitRoomEvents(roomId, 3 + 41));
    std::this_thread::sleep_for(200ms);
    const auto events = sub.roomEvents(roomId);
    EXPECT_EQ(seqsOf(events), range(1, 3 + 41));
    EXPECT_EQ(events.back().message_posted().text(), "m39");
}

// A bus that loses what it is given while `dropping`: an instance killed
// between its commit and its publish, or a Redis that lost its stream.
class DroppingBus final : public backend::Bus {
public:
    void publish(const backend::BusMessage& message) override
    {
        if (!dropping) {
            m_bus.publish(message);
        }
    }
    void setHandler(Handler handler) override { m_bus.setHandler(std::move(handler)); }
    std::atomic<bool> dropping{false};

private:
    backend::LocalBus m_bus;
};

class RecheckTest : public ::testing::Test {
protected:
    DroppingBus* bus = nullptr;
    TestServer server{testConfig({}), [this] {
                          auto dropping = std::make_unique<DroppingBus>();
                          bus = dropping.get();
                          return dropping;
                      }};
    Client client{server.channel()};
    v1::Session anna = client.registerUser("anna");
    v1::Session bob = client.registerUser("bob");

    v1::Room room(const std::string& name)
    {
        v1::CreateRoomRequest request;
        request.set_name(name);
        request.add_member_usernames("bob");
        v1::Room created;
        EXPECT_OK(
            client.chat->CreateRoom(Client::context(anna.access_token()).get(), request, &created));
        return created;
    }
};

// What the bus lost is found in the store by the hub's recheck: a room's
// new events, a room the user was added to, a session revoked meanwhile.
TEST_F(RecheckTest, WhatTheBusLostIsFoundInTheStore)
{
    const v1::Room first = room("first");
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());
    ASSERT_TRUE(sub.waitRoomEvents(first.id(), 3));

    bus->dropping = true;
    v1::SendMessageRequest send;
    send.set_room_id(first.id());
    send.set_text("lost on the way");
    v1::Message sent;
    ASSERT_OK(client.chat->SendMessage(Client::context(anna.access_token()).get(), send, &sent));
    const v1::Room second = room("second");
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(sub.roomEvents(first.id()).size(), 3u) << "the bus lost it";
    EXPECT_TRUE(sub.roomEvents(second.id()).empty());

    server.server().hub().recheck();
    ASSERT_TRUE(sub.waitRoomEvents(first.id(), 4));
    EXPECT_EQ(sub.roomEvents(first.id()).back().message_posted().text(), "lost on the way");
    ASSERT_TRUE(sub.waitRoomEvents(second.id(), 3)) << "the room bob was added to";
    EXPECT_EQ(seqsOf(sub.roomEvents(second.id())), range(1, 3));

    // A session revoked while the bus was losing things.
    const v1::Session laptop = client.registerUser("carl");
    Subscription carl(*client.chat, laptop.access_token());
    ASSERT_TRUE(carl.waitSynced());
    v1::RevokeSessionRequest revoke;
    revoke.set_session_id(laptop.session_id());
    v1::Session other;
    ASSERT_OK(client.login("carl", "correct horse", &other));
    v1::RevokeSessionResponse revoked;
    ASSERT_OK(client.accounts->RevokeSession(Client::context(other.access_token()).get(), revoke,
                                             &revoked));
    std::this_thread::sleep_for(300ms);
    EXPECT_FALSE(carl.waitFinished(100ms)) << "the bus lost the revocation";
    server.server().hub().recheck();
    const auto status = carl.waitFinished(5s);
    ASSERT_TRUE(status);
    EXPECT_EQ(status->error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

} // namespace
} // namespace confab::test
