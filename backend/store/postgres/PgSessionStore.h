#pragma once

#include "store/SessionStore.h"
#include "store/postgres/PgEngine.h"

namespace confab::backend {

class PgSessionStore final : public SessionStore {
public:
    explicit PgSessionStore(pg::Engine& engine) : m_db(engine) {}

    void create(const SessionRecord& session, const TokenHashes& tokens) override;
    std::optional<Principal> authenticate(const std::string& accessHash, Micros now) override;
    RotateResult rotate(const std::string& refreshHash, const TokenHashes& next,
                        Micros now) override;
    std::vector<SessionRecord> list(const std::string& userId) override;
    bool revoke(const std::string& userId, const std::string& sessionId) override;
    std::vector<std::string> revokeAll(const std::string& userId,
                                       const std::string& keepSessionId) override;
    void touch(const std::string& sessionId, Micros now) override;
    void purgeExpired(Micros now) override;

private:
    pg::Engine& m_db;
};

} // namespace confab::backend
