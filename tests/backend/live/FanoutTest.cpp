#include "ChatServerFixture.h"
#include "GatedBus.h"
#include "StatusMatchers.h"
#include "Subscription.h"
#include "TestServer.h"

#include "bus/Publisher.h"

#include <gtest/gtest.h>

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

} // namespace
} // namespace confab::test
