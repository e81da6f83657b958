#include "rpc/Runtime.h"

#include "base/Crypto.h"
#include "store/Convert.h"

#include <algorithm>

namespace confab::backend {

namespace {
// last_used_at of a session is written at most this often.
constexpr Micros kTouchInterval = 60LL * 1000 * 1000;
// How long a checked token is taken on trust before the store is asked again
// (revocations are applied at once regardless).
constexpr Micros kAuthCacheLifetime = 10LL * 1000 * 1000;
constexpr std::size_t kAuthCacheMax = 100000;
} // namespace

Runtime::Runtime(const ServerConfig& config, Store& store)
    : m_config(config),
      m_store(store),
      m_hasher({config.passwordOpsLimit, config.passwordMemLimit}, config.hashThreads,
               config.hashQueue),
      m_throttle(config.throttle),
      m_workers("worker", config.workerThreads, config.workerQueue)
{}

Runtime::~Runtime()
{
    stop();
}

void Runtime::stop()
{
    m_hasher.stop();
    m_workers.stop();
}

std::optional<std::string> Runtime::bearerToken(const grpc::CallbackServerContext* ctx)
{
    const auto& metadata = ctx->client_metadata();
    const auto [first, last] = metadata.equal_range("authorization");
    if (first == last || std::next(first) != last) {
        return std::nullopt;
    }
    const std::string_view value(first->second.data(), first->second.size());
    constexpr std::string_view kPrefix = "Bearer ";
    if (!value.starts_with(kPrefix)) {
        return std::nullopt;
    }
    const std::string_view token = value.substr(kPrefix.size());
    if (!crypto::looksLikeToken(token)) {
        return std::nullopt;
    }
    return std::string(token);
}

std::string Runtime::clientAddress(const grpc::CallbackServerContext* ctx)
{
    const std::string peer = ctx->peer();
    if (peer.starts_with("ipv4:")) {
        return peer.substr(5, peer.rfind(':') - 5);
    }
    if (peer.starts_with("ipv6:[")) {
        return peer.substr(6, peer.find(']') - 6);
    }
    return peer;
}

Principal Runtime::authenticate(const std::string& token)
{
    const Micros now = nowMicros();
    const std::string hash = crypto::sha256(token);
    {
        std::lock_guard lock(m_authMutex);
        if (const auto it = m_authCache.find(hash); it != m_authCache.end()) {
            if (it->second.validUntil > now) {
                return it->second.principal;
            }
            m_authCache.erase(it);
        }
    }
    std::optional<Principal> who = m_store.authenticate(hash, now);
    if (!who) {
        throw unauthenticated("authentication required: the access token is invalid or expired");
    }
    if (now - who->lastUsedAt > kTouchInterval) {
        m_store.touchSession(who->sessionId, now);
        who->lastUsedAt = now;
    }
    std::lock_guard lock(m_authMutex);
    if (m_authCache.size() >= kAuthCacheMax) {
        m_authCache.clear();
    }
    m_authCache[hash] = {*who, std::min(who->accessExpiresAt, now + kAuthCacheLifetime)};
    return *who;
}

void Runtime::forgetSessions(const std::vector<std::string>& sessionIds)
{
    std::lock_guard lock(m_authMutex);
    std::erase_if(m_authCache, [&](const auto& entry) {
        return std::find(sessionIds.begin(), sessionIds.end(), entry.second.principal.sessionId) !=
               sessionIds.end();
    });
}

void Runtime::setRevocationListener(std::function<void(const std::vector<std::string>&)> listener)
{
    m_revocationListener = std::move(listener);
}

void Runtime::sessionsRevoked(const std::vector<std::string>& sessionIds)
{
    forgetSessions(sessionIds);
    if (m_revocationListener && !sessionIds.empty()) {
        m_revocationListener(sessionIds);
    }
}

} // namespace confab::backend
