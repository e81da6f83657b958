#pragma once

#include "store/Records.h"

#include <optional>
#include <string>
#include <vector>

namespace confab::backend {

// Signed-in devices and their token hashes.
class SessionStore {
public:
    virtual ~SessionStore() = default;

    virtual void create(const SessionRecord& session, const TokenHashes& tokens) = 0;
    // The live session holding this access token, when it has not expired.
    virtual std::optional<Principal> authenticate(const std::string& accessHash, Micros now) = 0;
    // Replaces the refresh token `refreshHash` by `next`. A token that was
    // already used revokes its whole session.
    virtual RotateResult rotate(const std::string& refreshHash, const TokenHashes& next,
                                Micros now) = 0;
    // Live sessions of the user, most recently used first.
    virtual std::vector<SessionRecord> list(const std::string& userId) = 0;
    // False when the user has no such live session.
    virtual bool revoke(const std::string& userId, const std::string& sessionId) = 0;
    // Revokes every live session of the user except `keepSessionId`; returns
    // the revoked ids.
    virtual std::vector<std::string> revokeAll(const std::string& userId,
                                               const std::string& keepSessionId) = 0;
    virtual void touch(const std::string& sessionId, Micros now) = 0;
    // Drops expired tokens and long-dead sessions.
    virtual void purgeExpired(Micros now) = 0;
};

} // namespace confab::backend
