#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace confab::backend {

// Microseconds since the Unix epoch.
using Micros = std::int64_t;

struct UserRecord {
    std::string id;
    std::string username;
    std::string displayName;
    std::string bio;
    std::string statusText;
    std::string avatar; // bytes; left empty unless asked for
    std::string avatarSha256;
    std::string passwordHash;
    Micros createdAt = 0;
    bool deleted = false;
};

struct ProfileUpdate {
    std::optional<std::string> displayName;
    std::optional<std::string> bio;
    std::optional<std::string> statusText;
    std::optional<std::string> avatar; // empty string removes it
};

struct SessionRecord {
    std::string id;
    std::string userId;
    std::string deviceName;
    Micros createdAt = 0;
    Micros lastUsedAt = 0;
};

// Hashes (never the tokens themselves) and expiry times of a token pair.
struct TokenHashes {
    std::string accessHash;
    Micros accessExpiresAt = 0;
    std::string refreshHash;
    Micros refreshExpiresAt = 0;
};

// Who is calling: the result of checking an access token.
struct Principal {
    std::string userId;
    std::string sessionId;
    Micros lastUsedAt = 0;
};

struct RotateResult {
    enum class Outcome { Rotated, Unknown, Expired, Reused };
    Outcome outcome = Outcome::Unknown;
    // The session concerned (Rotated, and Reused: the session just revoked).
    std::string sessionId;
    std::string userId;
};

// Persistent storage. Implementations are thread-safe; every method may
// block on I/O, so it is called from worker threads only, never from a gRPC
// reaction. Failures are thrown: ApiError for the caller's mistakes
// (ALREADY_EXISTS, NOT_FOUND), anything else is an internal error.
class Store {
public:
    virtual ~Store() = default;

    // Users
    virtual void createUser(const UserRecord& user) = 0;
    virtual std::optional<UserRecord> userById(const std::string& id, bool withAvatar) = 0;
    virtual std::optional<UserRecord> userByUsername(const std::string& username,
                                                     bool withAvatar) = 0;
    // Not deleted users whose username or display name starts with `prefix`.
    virtual std::vector<UserRecord> searchUsers(const std::string& prefix, std::size_t limit) = 0;
    virtual UserRecord updateProfile(const std::string& userId, const ProfileUpdate& update) = 0;
    virtual void setPasswordHash(const std::string& userId, const std::string& hash) = 0;
    // Clears the profile and password, removes every session; returns the
    // removed session ids.
    virtual std::vector<std::string> deleteUser(const std::string& userId) = 0;

    // Sessions
    virtual void createSession(const SessionRecord& session, const TokenHashes& tokens) = 0;
    virtual std::optional<Principal> authenticate(const std::string& accessHash, Micros now) = 0;
    // Replaces the refresh token `refreshHash` by `next`. A token that was
    // already used revokes its whole session.
    virtual RotateResult rotateRefreshToken(const std::string& refreshHash, const TokenHashes& next,
                                            Micros now) = 0;
    virtual std::vector<SessionRecord> listSessions(const std::string& userId) = 0;
    // False when the user has no such live session.
    virtual bool revokeSession(const std::string& userId, const std::string& sessionId) = 0;
    // Revokes every live session of the user except `keepSessionId`; returns
    // the revoked ids.
    virtual std::vector<std::string> revokeUserSessions(const std::string& userId,
                                                        const std::string& keepSessionId) = 0;
    virtual void touchSession(const std::string& sessionId, Micros now) = 0;
    // Drops expired tokens and long-dead sessions.
    virtual void purgeExpired(Micros now) = 0;
};

} // namespace confab::backend
