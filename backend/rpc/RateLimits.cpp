#include "rpc/RateLimits.h"

#include "base/ApiError.h"

#include <algorithm>
#include <cmath>

namespace confab::backend {

namespace {

std::string refusal(RateLimits::Action action)
{
    switch (action) {
    case RateLimits::Action::Message:
        return "messages: too many in a short time";
    case RateLimits::Action::Room:
        return "rooms: too many in a short time";
    case RateLimits::Action::Invite:
        return "invitations: too many in a short time";
    case RateLimits::Action::Search:
        return "searches: too many in a short time";
    case RateLimits::Action::Upload:
        return "uploads: too many in a short time";
    case RateLimits::Action::Registration:
        return "registrations: too many accounts made from this address";
    case RateLimits::Action::AnyRegistration:
        return "registrations: too many accounts being made on this server";
    }
    return "requests: too many in a short time";
}

} // namespace

RateLimits::RateLimits(const RateLimitsConfig& config) : m_config(config)
{}

const RateLimitsConfig::Rate& RateLimits::rateOf(Action action) const
{
    switch (action) {
    case Action::Message:
        return m_config.messages;
    case Action::Room:
        return m_config.rooms;
    case Action::Invite:
        return m_config.invites;
    case Action::Search:
        return m_config.searches;
    case Action::Upload:
        return m_config.uploads;
    case Action::Registration:
        return m_config.registrationsPerAddress;
    case Action::AnyRegistration:
        return m_config.registrations;
    }
    return m_config.messages;
}

void RateLimits::take(const std::string& userId, Action action)
{
    take(userId, action, Clock::now());
}

void RateLimits::take(const std::string& userId, Action action, Clock::time_point now)
{
    const RateLimitsConfig::Rate& rate = rateOf(action);
    if (rate.perMinute <= 0) {
        return; // unlimited
    }
    const double perSecond = rate.perMinute / 60.0;
    double wait = 0;
    {
        std::lock_guard lock(m_mutex);
        if (now - m_lastPurge > std::chrono::minutes(1)) {
            purge(now);
        }
        Bucket& bucket = m_users[userId][static_cast<std::size_t>(action)];
        if (bucket.tokens < 0) {
            bucket.tokens = rate.burst;
        } else {
            const double elapsed = std::chrono::duration<double>(now - bucket.at).count();
            bucket.tokens = std::min<double>(rate.burst, bucket.tokens + elapsed * perSecond);
        }
        bucket.at = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return;
        }
        wait = (1 - bucket.tokens) / perSecond;
    }
    throw resourceExhausted(refusal(action) + "; try again in " +
                            std::to_string(static_cast<long long>(std::ceil(wait))) + " s");
}

// Forgets users whose buckets have all refilled: they are as if new.
void RateLimits::purge(Clock::time_point now)
{
    m_lastPurge = now;
    for (auto it = m_users.begin(); it != m_users.end();) {
        bool full = true;
        for (std::size_t i = 0; i < it->second.size() && full; ++i) {
            const Bucket& bucket = it->second[i];
            if (bucket.tokens < 0) {
                continue;
            }
            const RateLimitsConfig::Rate& rate = rateOf(static_cast<Action>(i));
            const double elapsed = std::chrono::duration<double>(now - bucket.at).count();
            full = bucket.tokens + elapsed * rate.perMinute / 60.0 >= rate.burst;
        }
        it = full ? m_users.erase(it) : std::next(it);
    }
}

std::size_t RateLimits::trackedUsers() const
{
    std::lock_guard lock(m_mutex);
    return m_users.size();
}

} // namespace confab::backend
