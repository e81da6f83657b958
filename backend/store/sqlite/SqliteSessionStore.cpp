#include "store/sqlite/SqliteSessionStore.h"

namespace confab::backend {

namespace {

using sqlite::Database;
using sqlite::Statement;

constexpr Micros kDay = 24LL * 3600 * kMicrosPerSecond;

void insertTokens(Database& db, const std::string& sessionId, const TokenHashes& tokens)
{
    db.prepare("INSERT INTO access_tokens (hash, session_id, expires_at) VALUES (?, ?, ?)")
        .with(std::string_view{}, sessionId, tokens.accessExpiresAt)
        .bindBlob(1, tokens.accessHash)
        .run();
    db.prepare("INSERT INTO refresh_tokens (hash, session_id) VALUES (?, ?)")
        .with(std::string_view{}, sessionId)
        .bindBlob(1, tokens.refreshHash)
        .run();
}

void revokeSessionRow(Database& db, const std::string& sessionId, Micros now)
{
    db.prepare("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .with(now, sessionId)
        .run();
    db.prepare("DELETE FROM access_tokens WHERE session_id = ?").with(sessionId).run();
}

} // namespace

void SqliteSessionStore::create(const SessionRecord& session, const TokenHashes& tokens)
{
    m_db.write([&](Database& db) {
        db.prepare("INSERT INTO sessions (id, user_id, device_name, created_at, last_used_at, "
                   "refresh_expires_at) VALUES (?, ?, ?, ?, ?, ?)")
            .with(session.id, session.userId, session.deviceName, session.createdAt,
                  session.lastUsedAt, tokens.refreshExpiresAt)
            .run();
        insertTokens(db, session.id, tokens);
    });
}

std::optional<Principal> SqliteSessionStore::authenticate(const std::string& accessHash, Micros now)
{
    return m_db.read([&](Database& db) -> std::optional<Principal> {
        Statement& st =
            db.prepare("SELECT s.user_id, s.id, s.last_used_at, a.expires_at FROM access_tokens a "
                       "JOIN sessions s ON s.id = a.session_id "
                       "WHERE a.hash = ? AND a.expires_at > ? AND s.revoked_at IS NULL");
        st.with(std::string_view{}, now).bindBlob(1, accessHash);
        if (!st.step()) {
            return std::nullopt;
        }
        return Principal{st.text(0), st.text(1), st.integer(2), st.integer(3)};
    });
}

RotateResult SqliteSessionStore::rotate(const std::string& refreshHash, const TokenHashes& next,
                                        Micros now)
{
    return m_db.write([&](Database& db) {
        RotateResult result;
        Statement& st = db.prepare(
            "SELECT s.id, s.user_id, r.used_at IS NOT NULL, s.revoked_at IS NOT NULL, "
            "s.refresh_expires_at FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id "
            "WHERE r.hash = ?");
        st.with(std::string_view{}).bindBlob(1, refreshHash);
        if (!st.step()) {
            return result;
        }
        result.sessionId = st.text(0);
        result.userId = st.text(1);
        const bool used = st.integer(2) != 0;
        const bool revoked = st.integer(3) != 0;
        const Micros expiresAt = st.integer(4);
        st.reset();
        if (revoked) {
            result.outcome = RotateResult::Outcome::Unknown;
        } else if (used) {
            revokeSessionRow(db, result.sessionId, now);
            result.outcome = RotateResult::Outcome::Reused;
        } else if (expiresAt <= now) {
            result.outcome = RotateResult::Outcome::Expired;
        } else {
            db.prepare("UPDATE refresh_tokens SET used_at = ? WHERE hash = ?")
                .with(now, std::string_view{})
                .bindBlob(2, refreshHash)
                .run();
            db.prepare("DELETE FROM access_tokens WHERE session_id = ? AND expires_at <= ?")
                .with(result.sessionId, now)
                .run();
            db.prepare("UPDATE sessions SET refresh_expires_at = ?, last_used_at = ? WHERE id = ?")
                .with(next.refreshExpiresAt, now, result.sessionId)
                .run();
            insertTokens(db, result.sessionId, next);
            result.outcome = RotateResult::Outcome::Rotated;
        }
        return result;
    });
}

std::vector<SessionRecord> SqliteSessionStore::list(const std::string& userId)
{
    return m_db.read([&](Database& db) {
        Statement& st =
            db.prepare("SELECT id, user_id, device_name, created_at, last_used_at FROM sessions "
                       "WHERE user_id = ? AND revoked_at IS NULL AND refresh_expires_at > ? "
                       "ORDER BY last_used_at DESC");
        st.with(userId, nowMicros());
        std::vector<SessionRecord> sessions;
        while (st.step()) {
            sessions.push_back({st.text(0), st.text(1), st.text(2), st.integer(3), st.integer(4)});
        }
        return sessions;
    });
}

bool SqliteSessionStore::revoke(const std::string& userId, const std::string& sessionId)
{
    return m_db.write([&](Database& db) {
        db.prepare("UPDATE sessions SET revoked_at = ? WHERE id = ? AND user_id = ? "
                   "AND revoked_at IS NULL")
            .with(nowMicros(), sessionId, userId)
            .run();
        if (db.changes() == 0) {
            return false;
        }
        db.prepare("DELETE FROM access_tokens WHERE session_id = ?").with(sessionId).run();
        return true;
    });
}

std::vector<std::string> SqliteSessionStore::revokeAll(const std::string& userId,
                                                       const std::string& keepSessionId)
{
    return m_db.write([&](Database& db) {
        std::vector<std::string> revoked;
        Statement& list = db.prepare(
            "SELECT id FROM sessions WHERE user_id = ? AND id != ? AND revoked_at IS NULL");
        list.with(userId, keepSessionId);
        while (list.step()) {
            revoked.push_back(list.text(0));
        }
        list.reset();
        const Micros now = nowMicros();
        for (const auto& id : revoked) {
            revokeSessionRow(db, id, now);
        }
        return revoked;
    });
}

void SqliteSessionStore::touch(const std::string& sessionId, Micros now)
{
    m_db.write([&](Database& db) {
        db.prepare("UPDATE sessions SET last_used_at = ? WHERE id = ?").with(now, sessionId).run();
    });
}

void SqliteSessionStore::purgeExpired(Micros now)
{
    m_db.write([&](Database& db) {
        db.prepare("DELETE FROM access_tokens WHERE expires_at <= ?").with(now).run();
        // Revoked and expired sessions are kept for a while so that a reused
        // refresh token is still recognised, then dropped with their tokens.
        db.prepare("DELETE FROM sessions WHERE (revoked_at IS NOT NULL AND revoked_at < ?1) "
                   "OR refresh_expires_at < ?1")
            .with(now - 30 * kDay)
            .run();
    });
}

} // namespace confab::backend
