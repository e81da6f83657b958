#include "bus/Publisher.h"

#include "base/Log.h"

#include <pthread.h>

namespace confab::backend {

Publisher::Publisher(Bus& bus, std::size_t maxQueued)
    : m_bus(bus), m_maxQueued(std::max<std::size_t>(maxQueued, 1)), m_thread([this] {
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
        if (m_queue.size() >= m_maxQueued) {
            switch (message.kind) {
            case BusMessage::Kind::RoomEvent: {
                auto& seq = m_overflow[message.roomId];
                seq = std::max(seq, message.seq);
                ++m_coalesced;
                break;
            }
            case BusMessage::Kind::Ephemeral:
                break;
            default:
                m_queue.push_back(std::move(message));
                break;
            }
            return;
        }
        m_queue.push_back(std::move(message));
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
    return m_coalesced;
}

void Publisher::run()
{
    std::deque<BusMessage> batch;
    std::unordered_map<std::string, std::uint64_t> notices;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock,
                        [this] { return m_stopping || !m_queue.empty() || !m_overflow.empty(); });
            if (m_queue.empty() && m_overflow.empty()) {
                return; // stopping, and everything is out
            }
            batch.swap(m_queue);
            notices.swap(m_overflow);
        }
        const auto publish = [this](const BusMessage& message) {
            try {
                m_bus.publish(message);
            } catch (const std::exception& e) {
                log::bus().error("publish: {}", e.what());
            }
        };
        for (const auto& message : batch) {
            publish(message);
        }
        for (const auto& [roomId, seq] : notices) {
            BusMessage notice;
            notice.kind = BusMessage::Kind::RoomEvent;
            notice.roomId = roomId;
            notice.seq = seq;
            publish(notice);
        }
        batch.clear();
        notices.clear();
    }
}

} // namespace confab::backend
