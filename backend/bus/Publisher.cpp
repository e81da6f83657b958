#include "bus/Publisher.h"

#include "base/Log.h"

#include <pthread.h>

namespace confab::backend {

Publisher::Publisher(Bus& bus, std::size_t maxQueued)
    : m_bus(bus), m_queue(maxQueued), m_thread([this] {
          pthread_setname_np(pthread_self(), "publisher");
          run();
      })
{}

Publisher::~Publisher()
{
    stop();
}

void Publisher::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void Publisher::roomEvents(const Appended& appended)
{
    for (const auto& roomEvent : appended) {
        v1::Event event;
        *event.mutable_room_event() = roomEvent;
        BusMessage message;
        message.kind = BusMessage::Kind::RoomEvent;
        message.roomId = roomEvent.room_id();
        message.seq = roomEvent.seq();
        message.payload = BusMessage::encode(event);
        push(std::move(message));
    }
}

void Publisher::membershipChanged(const std::string& roomId, const std::string& userId, bool added)
{
    BusMessage message;
    message.kind = added ? BusMessage::Kind::MembershipAdded : BusMessage::Kind::MembershipRemoved;
    message.roomId = roomId;
    message.userId = userId;
    push(std::move(message));
}

void Publisher::ephemeral(std::vector<std::string> rooms, std::vector<std::string> users,
                          const v1::Event& event)
{
    BusMessage message;
    message.kind = BusMessage::Kind::Ephemeral;
    message.lossy = event.has_typing() || event.has_presence();
    message.rooms = std::move(rooms);
    message.users = std::move(users);
    message.payload = BusMessage::encode(event);
    push(std::move(message));
}

void Publisher::sessionsRevoked(const std::vector<std::string>& sessionIds)
{
    if (sessionIds.empty()) {
        return;
    }
    BusMessage message;
    message.kind = BusMessage::Kind::SessionsRevoked;
    message.sessionIds = sessionIds;
    push(std::move(message));
}

void Publisher::push(BusMessage message)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            return;
        }
        m_queue.push(std::move(message));
    }
    m_wake.notify_one();
}

std::size_t Publisher::queued() const
{
    std::lock_guard lock(m_mutex);
    return m_queue.size();
}

std::uint64_t Publisher::coalesced() const
{
    std::lock_guard lock(m_mutex);
    return m_queue.coalesced();
}

void Publisher::run()
{
    for (;;) {
        std::vector<BusMessage> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty()) {
                return; // stopping, and everything is out
            }
            batch = m_queue.takeAll();
        }
        for (const auto& message : batch) {
            try {
                m_bus.publish(message);
            } catch (const std::exception& e) {
                log::bus().error("publish: {}", e.what());
            }
        }
    }
}

} // namespace confab::backend
