#include "GatedBus.h"

#include "bus/Publisher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace confab::test {
namespace {

using backend::BusMessage;
using namespace std::chrono_literals;

// What reached the bus's handler, in order.
class Heard {
public:
    explicit Heard(backend::Bus& bus)
    {
        bus.setHandler([this](const BusMessage& message) {
            std::lock_guard lock(m_mutex);
            m_messages.push_back(message);
        });
    }
    std::vector<BusMessage> messages()
    {
        std::lock_guard lock(m_mutex);
        return m_messages;
    }
    bool waitFor(std::size_t count)
    {
        for (int i = 0; i < 500; ++i) {
            if (messages().size() >= count) {
                return true;
            }
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }

private:
    std::mutex m_mutex;
    std::vector<BusMessage> m_messages;
};

backend::Appended roomEvents(const std::string& roomId, std::uint64_t first, std::uint64_t last)
{
    backend::Appended events;
    for (std::uint64_t seq = first; seq <= last; ++seq) {
        v1::RoomEvent event;
        event.set_room_id(roomId);
        event.set_seq(seq);
        event.mutable_message_posted()->set_text("m" + std::to_string(seq));
        events.push_back(event);
    }
    return events;
}

v1::Event typing()
{
    v1::Event event;
    event.mutable_typing()->set_room_id("r");
    return event;
}

TEST(Publisher, HandsOverInOrderWithoutTheCallerWaitingForTheBus)
{
    GatedBus bus;
    Heard heard(bus);
    backend::Publisher publisher(bus);
    bus.close();
    publisher.roomEvents(roomEvents("r", 1, 1));
    ASSERT_TRUE(bus.waitHeld(5s));

    // The bus is stuck; publishing returns at once all the same.
    const auto start = std::chrono::steady_clock::now();
    publisher.roomEvents(roomEvents("r", 2, 3));
    publisher.membershipChanged("r", "u1", true);
    publisher.ephemeral({"r"}, {"u1"}, typing());
    publisher.sessionsRevoked({"s1"});
    EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);
    EXPECT_EQ(publisher.queued(), 5u);
    EXPECT_TRUE(heard.messages().empty());

    bus.open();
    ASSERT_TRUE(heard.waitFor(6));
    const auto messages = heard.messages();
    ASSERT_EQ(messages.size(), 6u);
    EXPECT_EQ(messages[0].seq, 1u);
    EXPECT_EQ(messages[1].seq, 2u);
    EXPECT_EQ(messages[2].seq, 3u);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(messages[i].kind, BusMessage::Kind::RoomEvent);
        v1::Event event;
        ASSERT_TRUE(messages[i].payload && event.ParseFromString(*messages[i].payload));
        EXPECT_EQ(event.room_event().seq(), messages[i].seq);
    }
    EXPECT_EQ(messages[3].kind, BusMessage::Kind::MembershipAdded);
    EXPECT_EQ(messages[3].userId, "u1");
    EXPECT_EQ(messages[4].kind, BusMessage::Kind::Ephemeral);
    EXPECT_EQ(messages[5].kind, BusMessage::Kind::SessionsRevoked);
    EXPECT_EQ(messages[5].sessionIds, std::vector<std::string>{"s1"});
    EXPECT_EQ(publisher.coalesced(), 0u);
}

TEST(Publisher, PastItsBoundKeepsOneNoticePerRoomAndEveryMembershipChange)
{
    GatedBus bus;
    Heard heard(bus);
    backend::Publisher publisher(bus, 4);
    bus.close();
    publisher.roomEvents(roomEvents("a", 1, 1));
    ASSERT_TRUE(bus.waitHeld(5s)); // seq 1 is out of the queue, at the gate

    publisher.roomEvents(roomEvents("a", 2, 5)); // fills the queue
    publisher.roomEvents(roomEvents("a", 6, 50));
    publisher.roomEvents(roomEvents("b", 1, 7));
    publisher.ephemeral({"a"}, {}, typing());      // worth nothing late: dropped
    publisher.membershipChanged("a", "u2", false); // must arrive: kept
    publisher.sessionsRevoked({"s9"});             // must arrive: kept
    EXPECT_EQ(publisher.queued(), 6u);
    EXPECT_EQ(publisher.coalesced(), 45u + 7u);

    bus.open();
    ASSERT_TRUE(heard.waitFor(1 + 4 + 2 + 2));
    publisher.stop();
    const auto messages = heard.messages();
    ASSERT_EQ(messages.size(), 9u);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(messages[i].seq, static_cast<std::uint64_t>(i + 1));
        EXPECT_TRUE(messages[i].payload);
    }
    EXPECT_EQ(messages[5].kind, BusMessage::Kind::MembershipRemoved);
    EXPECT_EQ(messages[6].kind, BusMessage::Kind::SessionsRevoked);
    std::map<std::string, std::uint64_t> notices;
    for (int i = 7; i < 9; ++i) {
        EXPECT_EQ(messages[i].kind, BusMessage::Kind::RoomEvent);
        EXPECT_FALSE(messages[i].payload) << "a notice carries no event: the store has it";
        notices[messages[i].roomId] = messages[i].seq;
    }
    EXPECT_EQ(notices, (std::map<std::string, std::uint64_t>{{"a", 50}, {"b", 7}}));
}

TEST(Publisher, StopPublishesWhatIsQueued)
{
    GatedBus bus;
    Heard heard(bus);
    {
        backend::Publisher publisher(bus);
        bus.close();
        publisher.roomEvents(roomEvents("r", 1, 10));
        ASSERT_TRUE(bus.waitHeld(5s));
        std::thread opener([&] {
            std::this_thread::sleep_for(50ms);
            bus.open();
        });
        publisher.stop();
        opener.join();
        publisher.roomEvents(roomEvents("r", 11, 11)); // after stop: nowhere to go
    }
    EXPECT_EQ(heard.messages().size(), 10u);
}

} // namespace
} // namespace confab::test
