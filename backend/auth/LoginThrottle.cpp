#include "auth/LoginThrottle.h"

#include <algorithm>

namespace confab::backend {

LoginThrottle::Clock::duration LoginThrottle::delayFor(int failures, int free) const
{
    if (failures < free) {
        return Clock::duration::zero();
    }
    const int doublings = std::min(failures - free, 20);
    const auto delay = m_config.baseDelay * (1LL << doublings);
    return std::min<Clock::duration>(delay, m_config.maxDelay);
}

bool LoginThrottle::blocked(const Map& map, const std::string& key, int free,
                            Clock::time_point now) const
{
    const auto it = map.find(key);
    if (it == map.end() || now - it->second.last > m_config.window) {
        return false;
    }
    return now < it->second.last + delayFor(it->second.failures, free);
}

bool LoginThrottle::begin(const std::string& account, const std::string& address)
{
    const auto now = Clock::now();
    std::lock_guard lock(m_mutex);
    forgetStale(now);
    if (blocked(m_accounts, account, m_config.freeFailuresPerAccount, now) ||
        blocked(m_addresses, address, m_config.freeFailuresPerAddress, now)) {
        return false;
    }
    for (auto* entry : {&m_accounts[account], &m_addresses[address]}) {
        if (now - entry->last > m_config.window) {
            entry->failures = 0;
        }
        ++entry->failures;
        entry->last = now;
    }
    return true;
}

void LoginThrottle::finish(const std::string& account, const std::string& address, Outcome outcome)
{
    if (outcome == Outcome::Failure) {
        return;
    }
    const auto uncount = [](Map& map, const std::string& key) {
        if (const auto it = map.find(key); it != map.end() && --it->second.failures <= 0) {
            map.erase(it);
        }
    };
    std::lock_guard lock(m_mutex);
    if (outcome == Outcome::Success) {
        m_accounts.erase(account);
    } else {
        uncount(m_accounts, account);
    }
    uncount(m_addresses, address);
}

LoginThrottle::Clock::duration LoginThrottle::retryAfter(const std::string& account) const
{
    const auto now = Clock::now();
    std::lock_guard lock(m_mutex);
    const auto it = m_accounts.find(account);
    if (it == m_accounts.end()) {
        return Clock::duration::zero();
    }
    const auto until =
        it->second.last + delayFor(it->second.failures, m_config.freeFailuresPerAccount);
    return std::max<Clock::duration>(until - now, Clock::duration::zero());
}

void LoginThrottle::forgetStale(Clock::time_point now)
{
    if (now - m_lastSweep < std::chrono::minutes(1)) {
        return;
    }
    m_lastSweep = now;
    for (auto* map : {&m_accounts, &m_addresses}) {
        std::erase_if(*map,
                      [&](const auto& item) { return now - item.second.last > m_config.window; });
    }
}

} // namespace confab::backend
