#include "auth/Authenticator.h"

#include "base/ApiError.h"
#include "base/Crypto.h"

#include <algorithm>

namespace confab::backend {

namespace {
// last_used_at of a session is written at most this often.
constexpr Micros kTouchInterval = 60 * kMicrosPerSecond;
// How long a checked token is taken on trust before the store is asked again
// (revocations are applied at once regardless).
constexpr Micros kCacheLifetime = 10 * kMicrosPerSecond;
constexpr std::size_t kCacheMax = 100000;
} // namespace

Authenticator::Authenticator(SessionStore& sessions) : m_sessions(sessions)
{}

std::optional<Principal> Authenticator::cached(const std::string& hash, Micros now)
{
    std::lock_guard lock(m_mutex);
    if (const auto it = m_cache.find(hash); it != m_cache.end()) {
        if (it->second.validUntil > now) {
            return it->second.principal;
        }
        m_cache.erase(it);
    }
    return std::nullopt;
}

std::optional<Principal> Authenticator::remembered(const std::string& token)
{
    return cached(crypto::sha256(token), nowMicros());
}

Principal Authenticator::authenticate(const std::string& token)
{
    const Micros now = nowMicros();
    const std::string hash = crypto::sha256(token);
    if (auto who = cached(hash, now)) {
        return *who;
    }
    std::optional<Principal> who = m_sessions.authenticate(hash, now);
    if (!who) {
        throw unauthenticated("authentication required: the access token is invalid or expired");
    }
    if (now - who->lastUsedAt > kTouchInterval) {
        m_sessions.touch(who->sessionId, now);
        who->lastUsedAt = now;
    }
    std::lock_guard lock(m_mutex);
    if (m_cache.size() >= kCacheMax) {
        m_cache.clear();
    }
    m_cache[hash] = {*who, std::min(who->accessExpiresAt, now + kCacheLifetime)};
    return *who;
}

void Authenticator::forget(const std::vector<std::string>& sessionIds)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_cache, [&](const auto& entry) {
        return std::find(sessionIds.begin(), sessionIds.end(), entry.second.principal.sessionId) !=
               sessionIds.end();
    });
}

void Authenticator::setRevocationListener(
    std::function<void(const std::vector<std::string>&)> listener)
{
    m_revocationListener = std::move(listener);
}

void Authenticator::sessionsRevoked(const std::vector<std::string>& sessionIds)
{
    forget(sessionIds);
    if (m_revocationListener && !sessionIds.empty()) {
        m_revocationListener(sessionIds);
    }
}

} // namespace confab::backend
