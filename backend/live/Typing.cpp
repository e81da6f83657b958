#include "live/Typing.h"

#include <pthread.h>

#include <vector>

namespace confab::backend {

Typing::Typing(Publisher& publisher, std::chrono::steady_clock::duration lifetime)
    : m_publisher(publisher), m_lifetime(lifetime), m_thread([this] {
          pthread_setname_np(pthread_self(), "typing");
          expire();
      })
{}

Typing::~Typing()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void Typing::set(const std::string& roomId, const std::string& userId, bool typing)
{
    {
        std::lock_guard lock(m_mutex);
        const auto key = std::make_pair(roomId, userId);
        if (typing) {
            m_typing[key] = std::chrono::steady_clock::now() + m_lifetime;
        } else if (m_typing.erase(key) == 0) {
            return; // was not typing: nothing to tell
        }
    }
    publish(roomId, userId, typing);
}

void Typing::publish(const std::string& roomId, const std::string& userId, bool typing)
{
    v1::Event event;
    event.mutable_typing()->set_room_id(roomId);
    event.mutable_typing()->set_user_id(userId);
    event.mutable_typing()->set_typing(typing);
    m_publisher.ephemeral({roomId}, {}, event);
}

void Typing::expire()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_wake.wait_for(lock, std::chrono::milliseconds(500));
        const auto now = std::chrono::steady_clock::now();
        std::vector<std::pair<std::string, std::string>> expired;
        for (auto it = m_typing.begin(); it != m_typing.end();) {
            if (it->second <= now) {
                expired.push_back(it->first);
                it = m_typing.erase(it);
            } else {
                ++it;
            }
        }
        lock.unlock();
        for (const auto& [roomId, userId] : expired) {
            publish(roomId, userId, false);
        }
        lock.lock();
    }
}

} // namespace confab::backend
