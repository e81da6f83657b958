#include "store/postgres/PgSessionStore.h"

namespace confab::backend {

namespace {

using namespace pg;

constexpr Micros kDay = 24LL * 3600 * kMicrosPerSecond;

void insertTokens(Connection& db, const std::string& sessionId, const TokenHashes& tokens)
{
    db.query("INSERT INTO access_tokens (hash, session_id, expires_at) VALUES ($1, $2, $3)",
             Bytes{tokens.accessHash}, sessionId, tokens.accessExpiresAt);
    db.query("INSERT INTO refresh_tokens (hash, session_id) VALUES ($1, $2)",
             Bytes{tokens.refreshHash}, sessionId);
}

void revokeSessionRow(Connection& db, const std::string& sessionId, Micros now)
{
    db.query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", now,
             sessionId);
    db.query("DELETE FROM access_tokens WHERE session_id = $1", sessionId);
}

} // namespace

void PgSessionStore::create(const SessionRecord& session, const TokenHashes& tokens)
{
    m_db.write(Engine::kAccounts, [&](Connection& db) {
        db.query("INSERT INTO sessions (id, user_id, device_name, created_at, last_used_at, "
                 "refresh_expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                 session.id, session.userId, session.deviceName, session.createdAt,
                 session.lastUsedAt, tokens.refreshExpiresAt);
        insertTokens(db, session.id, tokens);
    });
}

std::optional<Principal> PgSessionStore::authenticate(const std::string& accessHash, Micros now)
{
    return m_db.read([&](Connection& db) -> std::optional<Principal> {
        const auto rows =
            db.query("SELECT s.user_id, s.id, s.last_used_at, a.expires_at FROM access_tokens a "
                     "JOIN sessions s ON s.id = a.session_id "
                     "WHERE a.hash = $1 AND a.expires_at > $2 AND s.revoked_at IS NULL",
                     Bytes{accessHash}, now);
        if (rows.empty()) {
            return std::nullopt;
        }
        return Principal{rows.text(0, 0), rows.text(0, 1), rows.integer(0, 2), rows.integer(0, 3)};
    });
}

RotateResult PgSessionStore::rotate(const std::string& refreshHash, const TokenHashes& next,
                                    Micros now)
{
    return m_db.write(Engine::kAccounts, [&](Connection& db) {
        RotateResult result;
        // FOR UPDATE: two instances rotating the same token one after the
        // other see the first one's use.
        const auto rows = db.query(
            "SELECT s.id, s.user_id, r.used_at IS NOT NULL, s.revoked_at IS NOT NULL, "
            "s.refresh_expires_at FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id "
            "WHERE r.hash = $1 FOR UPDATE",
            Bytes{refreshHash});
        if (rows.empty()) {
            return result;
        }
        result.sessionId = rows.text(0, 0);
        result.userId = rows.text(0, 1);
        const bool used = rows.integer(0, 2) != 0;
        const bool revoked = rows.integer(0, 3) != 0;
        const Micros expiresAt = rows.integer(0, 4);
        if (revoked) {
            result.outcome = RotateResult::Outcome::Unknown;
        } else if (used) {
            revokeSessionRow(db, result.sessionId, now);
            result.outcome = RotateResult::Outcome::Reused;
        } else if (expiresAt <= now) {
            result.outcome = RotateResult::Outcome::Expired;
        } else {
            db.query("UPDATE refresh_tokens SET used_at = $1 WHERE hash = $2", now,
                     Bytes{refreshHash});
            db.query("DELETE FROM access_tokens WHERE session_id = $1 AND expires_at <= $2",
                     result.sessionId, now);
            db.query("UPDATE sessions SET refresh_expires_at = $1, last_used_at = $2 WHERE id = $3",
                     next.refreshExpiresAt, now, result.sessionId);
            insertTokens(db, result.sessionId, next);
            result.outcome = RotateResult::Outcome::Rotated;
        }
        return result;
    });
}

std::vector<SessionRecord> PgSessionStore::list(const std::string& userId)
{
    return m_db.read([&](Connection& db) {
        const auto rows =
            db.query("SELECT id, user_id, device_name, created_at, last_used_at FROM sessions "
                     "WHERE user_id = $1 AND revoked_at IS NULL AND refresh_expires_at > $2 "
                     "ORDER BY last_used_at DESC",
                     userId, nowMicros());
        std::vector<SessionRecord> sessions;
        for (int i = 0; i < rows.rows(); ++i) {
            sessions.push_back({rows.text(i, 0), rows.text(i, 1), rows.text(i, 2),
                                rows.integer(i, 3), rows.integer(i, 4)});
        }
        return sessions;
    });
}

bool PgSessionStore::revoke(const std::string& userId, const std::string& sessionId)
{
    return m_db.write(Engine::kAccounts, [&](Connection& db) {
        const auto changed = db.query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND "
                                      "user_id = $3 AND revoked_at IS NULL",
                                      nowMicros(), sessionId, userId);
        if (changed.affected() == 0) {
            return false;
        }
        db.query("DELETE FROM access_tokens WHERE session_id = $1", sessionId);
        return true;
    });
}

std::vector<std::string> PgSessionStore::revokeAll(const std::string& userId,
                                                   const std::string& keepSessionId)
{
    return m_db.write(Engine::kAccounts, [&](Connection& db) {
        const auto rows = db.query(
            "SELECT id FROM sessions WHERE user_id = $1 AND id != $2 AND revoked_at IS NULL",
            userId, keepSessionId);
        std::vector<std::string> revoked;
        const Micros now = nowMicros();
        for (int i = 0; i < rows.rows(); ++i) {
            revoked.push_back(rows.text(i, 0));
            revokeSessionRow(db, revoked.back(), now);
        }
        return revoked;
    });
}

void PgSessionStore::touch(const std::string& sessionId, Micros now)
{
    m_db.write(Engine::kAccounts, [&](Connection& db) {
        db.query("UPDATE sessions SET last_used_at = $1 WHERE id = $2", now, sessionId);
    });
}

void PgSessionStore::purgeExpired(Micros now)
{
    m_db.write(Engine::kAccounts, [&](Connection& db) {
        db.query("DELETE FROM access_tokens WHERE expires_at <= $1", now);
        // Revoked and expired sessions are kept for a while so that a reused
        // refresh token is still recognised, then dropped with their tokens.
        db.query("DELETE FROM sessions WHERE (revoked_at IS NOT NULL AND revoked_at < $1) "
                 "OR refresh_expires_at < $1",
                 now - 30 * kDay);
    });
}

} // namespace confab::backend
