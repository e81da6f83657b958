#pragma once

#include "bus/Publisher.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

namespace confab::backend {

// Who is typing where. A typing notice runs out `lifetime` after it was last
// renewed, and the members of the room are told that it stopped; so are
// they when the user stops, sends, or leaves.
class Typing {
public:
    explicit Typing(Publisher& publisher,
                    std::chrono::steady_clock::duration lifetime = std::chrono::seconds(6));
    ~Typing();
    Typing(const Typing&) = delete;
    Typing& operator=(const Typing&) = delete;

    void set(const std::string& roomId, const std::string& userId, bool typing);

private:
    void publish(const std::string& roomId, const std::string& userId, bool typing);
    void expire();

    Publisher& m_publisher;
    const std::chrono::steady_clock::duration m_lifetime;

    // (room, user) -> when their typing notice runs out.
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::map<std::pair<std::string, std::string>, std::chrono::steady_clock::time_point> m_typing;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace confab::backend
