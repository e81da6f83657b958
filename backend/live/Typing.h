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
// they when the user stops, sends, or leaves. However often a client says
// it is typing, the others hear it at most once every `interval` per user
// and room: renewals are quiet, and a start soon after the last one waits
// for its turn (told then, if the user is still typing).
class Typing {
public:
    using Clock = std::chrono::steady_clock;

    explicit Typing(Publisher& publisher, Clock::duration lifetime = std::chrono::seconds(6),
                    Clock::duration interval = std::chrono::seconds(3));
    ~Typing();
    Typing(const Typing&) = delete;
    Typing& operator=(const Typing&) = delete;

    void set(const std::string& roomId, const std::string& userId, bool typing);

private:
    using Key = std::pair<std::string, std::string>; // room, user

    struct Notice {
        Clock::time_point expires;
        bool told = false; // the members were told that this one started
    };

    void publish(const std::string& roomId, const std::string& userId, bool typing);
    void expire();

    Publisher& m_publisher;
    const Clock::duration m_lifetime;
    const Clock::duration m_interval;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::map<Key, Notice> m_typing;
    // When each (room, user) was last told as typing; forgotten after
    // `interval`, so it holds at most what the last few seconds brought.
    std::map<Key, Clock::time_point> m_lastStart;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace confab::backend
