#include "live/Typing.h"

#include <pthread.h>

#include <vector>

namespace confab::backend {

Typing::Typing(Publisher& publisher, Clock::duration lifetime, Clock::duration interval)
    : m_publisher(publisher), m_lifetime(lifetime), m_interval(interval), m_thread([this] {
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
    bool tell = false;
    {
        std::lock_guard lock(m_mutex);
        const Key key(roomId, userId);
        const auto now = Clock::now();
        if (typing) {
            Notice& notice = m_typing[key];
            notice.expires = now + m_lifetime;
            if (!notice.told) {
                const auto last = m_lastStart.find(key);
                if (last == m_lastStart.end() || now - last->second >= m_interval) {
                    notice.told = true;
                    m_lastStart[key] = now;
                    tell = true;
                }
                // Otherwise the expiry thread tells it when its turn comes.
            }
        } else {
            const auto it = m_typing.find(key);
            if (it == m_typing.end()) {
                return; // was not typing: nothing to tell
            }
            tell = it->second.told;
            m_typing.erase(it);
        }
    }
    if (tell) {
        publish(roomId, userId, typing);
    }
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
        m_wake.wait_for(lock, std::chrono::milliseconds(250));
        const auto now = Clock::now();
        std::vector<std::pair<Key, bool>> tell;
        for (auto it = m_typing.begin(); it != m_typing.end();) {
            if (it->second.expires <= now) {
                if (it->second.told) {
                    tell.emplace_back(it->first, false);
                }
                it = m_typing.erase(it);
                continue;
            }
            // A start that waited for its turn, the user still typing.
            if (!it->second.told) {
                const auto last = m_lastStart.find(it->first);
                if (last == m_lastStart.end() || now - last->second >= m_interval) {
                    it->second.told = true;
                    m_lastStart[it->first] = now;
                    tell.emplace_back(it->first, true);
                }
            }
            ++it;
        }
        for (auto it = m_lastStart.begin(); it != m_lastStart.end();) {
            it = now - it->second >= m_interval ? m_lastStart.erase(it) : std::next(it);
        }
        lock.unlock();
        for (const auto& [key, typing] : tell) {
            publish(key.first, key.second, typing);
        }
        lock.lock();
    }
}

} // namespace confab::backend
