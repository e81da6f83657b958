#pragma once

#include "store/SessionStore.h"

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace confab::backend {

// Checks access tokens. Recently checked tokens are remembered (by hash) for
// a few seconds, so that a busy client costs no storage read per call;
// a revoked session is forgotten at once, on this instance directly and on
// the others through the bus.
class Authenticator {
public:
    explicit Authenticator(SessionStore& sessions);

    // The caller of `token` (blocking; workers only). Throws UNAUTHENTICATED.
    Principal authenticate(const std::string& token);
    // The caller of `token` when it was checked a moment ago; never reads
    // the store, so it may run in a gRPC reaction.
    std::optional<Principal> remembered(const std::string& token);

    // Sessions were revoked here: forget them, and tell the listener (which
    // publishes the revocation so that every instance ends their streams).
    void sessionsRevoked(const std::vector<std::string>& sessionIds);
    void setRevocationListener(std::function<void(const std::vector<std::string>&)> listener);
    // Drops what is remembered of these sessions' tokens; called for every
    // revocation heard on the bus, from any instance.
    void forget(const std::vector<std::string>& sessionIds);

private:
    struct Cached {
        Principal principal;
        Micros validUntil = 0;
    };

    std::optional<Principal> cached(const std::string& hash, Micros now);

    SessionStore& m_sessions;
    std::mutex m_mutex;
    std::unordered_map<std::string, Cached> m_cache;
    std::function<void(const std::vector<std::string>&)> m_revocationListener;
};

} // namespace confab::backend
