#pragma once

#include "base/Config.h"

#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace confab::backend {

// Per-user token buckets for what a user can make the server store or work
// for: messages (sends, edits, deletions), new rooms (and direct rooms),
// invitations, searches, uploads; and, keyed by client address and for the server as
// a whole, new accounts. Each bucket refills at its rate and holds a burst;
// a call with its bucket empty is refused with RESOURCE_EXHAUSTED and the
// time to wait. Memory is one small entry per user who acted lately.
class RateLimits {
public:
    enum class Action { Message, Room, Invite, Search, Upload, Registration, AnyRegistration };
    using Clock = std::chrono::steady_clock;

    explicit RateLimits(const RateLimitsConfig& config);

    // Takes one token of `action` for `userId` (the client's address for
    // Registration, anything for AnyRegistration); throws the refusal.
    void take(const std::string& userId, Action action);
    // As take(), at a given time (tests).
    void take(const std::string& userId, Action action, Clock::time_point now);

    std::size_t trackedUsers() const;

private:
    struct Bucket {
        double tokens = -1; // < 0: never used, full
        Clock::time_point at;
    };
    using Buckets = std::array<Bucket, 7>;

    const RateLimitsConfig::Rate& rateOf(Action action) const;
    void purge(Clock::time_point now);

    RateLimitsConfig m_config;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, Buckets> m_users;
    Clock::time_point m_lastPurge;
};

} // namespace confab::backend
