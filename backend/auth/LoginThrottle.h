#pragma once

#include "base/Config.h"

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace confab::backend {

// Throttles password guessing per account and per client address.
//
// Every attempt is counted as a failure when it begins and forgiven only when
// it succeeds, so guesses sent in parallel are limited just like serial ones.
// After the free failures each further attempt must wait a delay that doubles
// with every failure. Unknown accounts are tracked exactly like real ones, so
// the answers cannot tell them apart.
class LoginThrottle {
public:
    using Clock = std::chrono::steady_clock;

    explicit LoginThrottle(ThrottleConfig config) : m_config(config) {}

    // False when either key must wait; otherwise the attempt is counted.
    [[nodiscard]] bool begin(const std::string& account, const std::string& address);
    enum class Outcome {
        Success,  // the account's failures are forgiven
        Failure,  // the attempt stays counted
        Cancelled // the server could not check it: it does not count
    };
    // Settles an attempt that begin() admitted.
    void finish(const std::string& account, const std::string& address, Outcome outcome);

    // Time left before `account` may try again (zero when it may now).
    Clock::duration retryAfter(const std::string& account) const;

private:
    struct Entry {
        int failures = 0;
        Clock::time_point last{};
    };
    using Map = std::unordered_map<std::string, Entry>;

    Clock::duration delayFor(int failures, int free) const;
    bool blocked(const Map& map, const std::string& key, int free, Clock::time_point now) const;
    void forgetStale(Clock::time_point now);

    ThrottleConfig m_config;
    mutable std::mutex m_mutex;
    Map m_accounts;
    Map m_addresses;
    Clock::time_point m_lastSweep{};
};

} // namespace confab::backend
