#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace confab::backend {

// Counts the open Subscribe streams per user on this instance: a user is
// online while the count is above zero here, or while another instance of
// the deployment says so (`elsewhere`).
class PresenceRegistry {
public:
    explicit PresenceRegistry(std::function<bool(const std::string&)> elsewhere = {})
        : m_elsewhere(std::move(elsewhere))
    {}

    // True when this stream made the user come online.
    bool streamOpened(const std::string& userId)
    {
        std::lock_guard lock(m_mutex);
        return ++m_streams[userId] == 1;
    }

    // True when this stream was the user's last.
    bool streamClosed(const std::string& userId)
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_streams.find(userId);
        if (it == m_streams.end()) {
            return false;
        }
        if (--it->second > 0) {
            return false;
        }
        m_streams.erase(it);
        return true;
    }

    bool isOnline(const std::string& userId) const
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_streams.contains(userId)) {
                return true;
            }
        }
        return m_elsewhere && m_elsewhere(userId);
    }

private:
    std::function<bool(const std::string&)> m_elsewhere;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, int> m_streams;
};

} // namespace confab::backend
