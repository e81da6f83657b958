#include "store/sqlite/SqliteStore.h"

#include "base/ApiError.h"
#include "base/Crypto.h"
#include "store/Convert.h"

#include <spdlog/spdlog.h>

#include <pthread.h>

namespace confab::backend {

namespace {

using sqlite::Database;
using sqlite::Statement;

constexpr std::size_t kMaxBatch = 512;
constexpr Micros kDay = 24LL * 3600 * 1000 * 1000;

// Schema migrations, applied in order; PRAGMA user_version records how many
// have run. Never edit one that has shipped: append a new one.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        bio TEXT NOT NULL DEFAULT '',
        status_text TEXT NOT NULL DEFAULT '',
        avatar BLOB,
        avatar_sha256 TEXT NOT NULL DEFAULT '',
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX users_display_name ON users (display_name COLLATE NOCASE);
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id),
        device_name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL,
        refresh_expires_at INTEGER NOT NULL,
        revoked_at INTEGER
    );
    CREATE INDEX sessions_user ON sessions (user_id);
    CREATE TABLE access_tokens (
        hash BLOB PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX access_tokens_session ON access_tokens (session_id);
    CREATE TABLE refresh_tokens (
        hash BLOB PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        used_at INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
    )sql",
    R"sql(
    CREATE TABLE rooms (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        topic TEXT NOT NULL DEFAULT '',
        visibility INTEGER NOT NULL,
        direct_key TEXT UNIQUE,
        created_at INTEGER NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX rooms_public_name ON rooms (name COLLATE NOCASE)
        WHERE visibility = 1 AND direct_key IS NULL;
    CREATE TABLE members (
        room_id TEXT NOT NULL REFERENCES rooms (id),
        user_id TEXT NOT NULL REFERENCES users (id),
        role INTEGER NOT NULL,
        joined_at INTEGER NOT NULL,
        read_seq INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (room_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX members_user ON members (user_id);
    CREATE TABLE invites (
        room_id TEXT NOT NULL REFERENCES rooms (id),
        user_id TEXT NOT NULL REFERENCES users (id),
        invited_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (room_id, user_id)
    ) WITHOUT ROWID;
    CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        room_id TEXT NOT NULL REFERENCES rooms (id),
        seq INTEGER NOT NULL,
        author_id TEXT NOT NULL,
        text TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        edited_at INTEGER,
        deleted INTEGER NOT NULL DEFAULT 0,
        client_message_id TEXT,
        reply_to TEXT
    );
    CREATE UNIQUE INDEX messages_room_seq ON messages (room_id, seq);
    CREATE UNIQUE INDEX messages_client_id ON messages (room_id, client_message_id)
        WHERE client_message_id IS NOT NULL;
    -- The room log. payload is the serialized confab.v1.RoomEvent.
    CREATE TABLE events (
        room_id TEXT NOT NULL REFERENCES rooms (id),
        seq INTEGER NOT NULL,
        message_id TEXT,
        payload BLOB NOT NULL,
        PRIMARY KEY (room_id, seq)
    ) WITHOUT ROWID;
    CREATE INDEX events_message ON events (message_id) WHERE message_id IS NOT NULL;
    )sql",
};

constexpr const char* kUserColumns =
    "id, username, display_name, bio, status_text, avatar_sha256, password_hash, created_at, "
    "deleted";

UserRecord readUser(const Statement& st, bool withAvatar)
{
    UserRecord user;
    user.id = st.text(0);
    user.username = st.text(1);
    user.displayName = st.text(2);
    user.bio = st.text(3);
    user.statusText = st.text(4);
    user.avatarSha256 = st.text(5);
    user.passwordHash = st.text(6);
    user.createdAt = st.integer(7);
    user.deleted = st.integer(8) != 0;
    if (withAvatar) {
        user.avatar = st.blob(9);
    }
    return user;
}

std::optional<UserRecord> selectUser(Database& db, const char* sql, const std::string& key,
                                     bool withAvatar)
{
    Statement& st = db.prepare(sql);
    st.with(key, withAvatar);
    if (!st.step()) {
        return std::nullopt;
    }
    return readUser(st, withAvatar);
}

// The sql of selectUser for a WHERE clause; built once per clause.
#define CONFAB_USER_SELECT(where)                                                                  \
    "SELECT id, username, display_name, bio, status_text, avatar_sha256, password_hash, "          \
    "created_at, deleted, CASE WHEN ?2 THEN avatar END FROM users WHERE " where

constexpr const char* kUserById = CONFAB_USER_SELECT("id = ?1");
constexpr const char* kUserByUsername = CONFAB_USER_SELECT("username = ?1");

std::string escapeLike(const std::string& value)
{
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

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

SqliteStore::SqliteStore(const std::filesystem::path& file, std::size_t readers)
    : m_file(file), m_readersMax(std::max<std::size_t>(readers, 1))
{
    m_writer = std::make_unique<Database>(file, false);
    m_writer->exec("PRAGMA journal_mode = WAL");
    m_writer->exec("PRAGMA synchronous = FULL");
    m_writer->exec("PRAGMA foreign_keys = ON");
    // The default 2 MB page cache thrashes on a database of a few hundred MB;
    // memory-mapped reads spare a copy per page and are shared by all
    // connections.
    m_writer->exec("PRAGMA cache_size = -65536");
    m_writer->exec("PRAGMA mmap_size = 1073741824");
    migrate();
    m_writerThread = std::thread([this] {
        pthread_setname_np(pthread_self(), "sqlite-writer");
        writerLoop();
    });
}

SqliteStore::~SqliteStore()
{
    {
        std::lock_guard lock(m_writeMutex);
        m_stopping = true;
    }
    m_writeWake.notify_all();
    if (m_writerThread.joinable()) {
        m_writerThread.join();
    }
    std::lock_guard lock(m_readMutex);
    m_readers.clear();
}

void SqliteStore::migrate()
{
    const int current = schemaVersion();
    const int target = static_cast<int>(std::size(kMigrations));
    if (current > target) {
        throw std::runtime_error("the database was written by a newer confabd (schema " +
                                 std::to_string(current) + ")");
    }
    for (int version = current; version < target; ++version) {
        m_writer->exec("BEGIN IMMEDIATE");
        try {
            m_writer->exec(kMigrations[version]);
            m_writer->exec("PRAGMA user_version = " + std::to_string(version + 1));
            m_writer->exec("COMMIT");
        } catch (...) {
            m_writer->exec("ROLLBACK");
            throw;
        }
        spdlog::info("database schema migrated to version {}", version + 1);
    }
}

int SqliteStore::schemaVersion()
{
    Statement st(m_writer->handle(), "PRAGMA user_version");
    st.step();
    return static_cast<int>(st.integer(0));
}

std::string SqliteStore::integrityCheck()
{
    return read([](Database& db) {
        Statement st(db.handle(), "PRAGMA integrity_check");
        std::string result;
        while (st.step()) {
            result += (result.empty() ? "" : "\n") + st.text(0);
        }
        return result;
    });
}

void SqliteStore::writerLoop()
{
    std::vector<WriteJob> batch;
    std::vector<std::exception_ptr> errors;
    for (;;) {
        batch.clear();
        {
            std::unique_lock lock(m_writeMutex);
            m_writeWake.wait(lock, [this] { return m_stopping || !m_writeQueue.empty(); });
            if (m_writeQueue.empty()) {
                return;
            }
            while (!m_writeQueue.empty() && batch.size() < kMaxBatch) {
                batch.push_back(std::move(m_writeQueue.front()));
                m_writeQueue.pop_front();
            }
        }
        errors.assign(batch.size(), nullptr);
        try {
            m_writer->exec("BEGIN IMMEDIATE");
            for (std::size_t i = 0; i < batch.size(); ++i) {
                m_writer->exec("SAVEPOINT job");
                try {
                    batch[i].run(*m_writer);
                    m_writer->exec("RELEASE job");
                } catch (...) {
                    errors[i] = std::current_exception();
                    m_writer->exec("ROLLBACK TO job");
                    m_writer->exec("RELEASE job");
                }
            }
            m_writer->resetAll();
            m_writer->exec("COMMIT");
        } catch (...) {
            // The transaction itself failed (disk full, I/O error): nothing of
            // the batch is stored, and every job hears so.
            const auto failure = std::current_exception();
            try {
                m_writer->exec("ROLLBACK");
            } catch (...) {
            }
            for (auto& error : errors) {
                if (!error) {
                    error = failure;
                }
            }
        }
        for (std::size_t i = 0; i < batch.size(); ++i) {
            try {
                batch[i].done(errors[i]);
            } catch (const std::exception& e) {
                spdlog::error("after commit: {}", e.what());
            }
        }
    }
}

void SqliteStore::enqueue(WriteJob job)
{
    {
        std::lock_guard lock(m_writeMutex);
        m_writeQueue.push_back(std::move(job));
    }
    m_writeWake.notify_one();
}

std::unique_ptr<Database> SqliteStore::acquireReader()
{
    std::unique_lock lock(m_readMutex);
    for (;;) {
        if (!m_readers.empty()) {
            auto db = std::move(m_readers.back());
            m_readers.pop_back();
            return db;
        }
        if (m_readersOpen < m_readersMax) {
            ++m_readersOpen;
            lock.unlock();
            try {
                auto db = std::make_unique<Database>(m_file, false);
                db->exec("PRAGMA query_only = ON");
                db->exec("PRAGMA cache_size = -16384");
                db->exec("PRAGMA mmap_size = 1073741824");
                return db;
            } catch (...) {
                lock.lock();
                --m_readersOpen;
                throw;
            }
        }
        m_readerFree.wait(lock);
    }
}

void SqliteStore::releaseReader(std::unique_ptr<Database> db)
{
    db->resetAll();
    {
        std::lock_guard lock(m_readMutex);
        m_readers.push_back(std::move(db));
    }
    m_readerFree.notify_one();
}

void SqliteStore::createUser(const UserRecord& user)
{
    write([&](Database& db) {
        try {
            Statement& st = db.prepare(
                "INSERT INTO users (id, username, display_name, bio, status_text, avatar, "
                "avatar_sha256, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            st.with(user.id, user.username, user.displayName, user.bio, user.statusText,
                    std::string_view{}, user.avatarSha256, user.passwordHash, user.createdAt);
            if (user.avatar.empty()) {
                st.bindNull(6);
            } else {
                st.bindBlob(6, user.avatar);
            }
            st.run();
        } catch (const sqlite::Error& e) {
            if (e.isConstraint()) {
                throw ApiError(grpc::StatusCode::ALREADY_EXISTS, "username: already taken");
            }
            throw;
        }
    });
}

std::optional<UserRecord> SqliteStore::userById(const std::string& id, bool withAvatar)
{
    return read([&](Database& db) { return selectUser(db, kUserById, id, withAvatar); });
}

std::optional<UserRecord> SqliteStore::userByUsername(const std::string& username, bool withAvatar)
{
    return read(
        [&](Database& db) { return selectUser(db, kUserByUsername, username, withAvatar); });
}

std::vector<UserRecord> SqliteStore::searchUsers(const std::string& prefix, std::size_t limit)
{
    return read([&](Database& db) {
        Statement& st = db.prepare(CONFAB_USER_SELECT(
            "deleted = 0 AND (username LIKE ?1 ESCAPE '\\' OR display_name LIKE ?1 ESCAPE '\\') "
            "ORDER BY username LIMIT ?3"));
        st.with(escapeLike(prefix) + "%", false, static_cast<std::int64_t>(limit));
        std::vector<UserRecord> users;
        while (st.step()) {
            users.push_back(readUser(st, false));
        }
        return users;
    });
}

UserRecord SqliteStore::updateProfile(const std::string& userId, const ProfileUpdate& update)
{
    return write([&](Database& db) {
        Statement& st = db.prepare(
            "UPDATE users SET display_name = COALESCE(?1, display_name), "
            "bio = COALESCE(?2, bio), status_text = COALESCE(?3, status_text), "
            "avatar = CASE WHEN ?4 IS NULL THEN avatar WHEN length(?4) = 0 THEN NULL ELSE ?4 END, "
            "avatar_sha256 = COALESCE(?5, avatar_sha256) WHERE id = ?6 AND deleted = 0");
        st.with(update.displayName, update.bio, update.statusText, std::string_view{},
                std::optional<std::string>{}, userId);
        if (update.avatar) {
            st.bindBlob(4, *update.avatar);
            st.bind(5, update.avatar->empty() ? std::string() : crypto::sha256Hex(*update.avatar));
        } else {
            st.bindNull(4);
        }
        st.run();
        if (db.changes() == 0) {
            throw notFound("user: not found");
        }
        auto user = selectUser(db, kUserById, userId, true);
        return *user;
    });
}

void SqliteStore::setPasswordHash(const std::string& userId, const std::string& hash)
{
    write([&](Database& db) {
        db.prepare("UPDATE users SET password_hash = ? WHERE id = ? AND deleted = 0")
            .with(hash, userId)
            .run();
    });
}

std::vector<std::string> SqliteStore::deleteUser(const std::string& userId)
{
    return write([&](Database& db) {
        std::vector<std::string> sessions;
        Statement& list = db.prepare("SELECT id FROM sessions WHERE user_id = ?");
        list.with(userId);
        while (list.step()) {
            sessions.push_back(list.text(0));
        }
        list.reset();
        db.prepare("DELETE FROM sessions WHERE user_id = ?").with(userId).run();
        db.prepare("UPDATE users SET display_name = '', bio = '', status_text = '', avatar = NULL, "
                   "avatar_sha256 = '', password_hash = '', deleted = 1 WHERE id = ?")
            .with(userId)
            .run();
        return sessions;
    });
}

void SqliteStore::createSession(const SessionRecord& session, const TokenHashes& tokens)
{
    write([&](Database& db) {
        db.prepare("INSERT INTO sessions (id, user_id, device_name, created_at, last_used_at, "
                   "refresh_expires_at) VALUES (?, ?, ?, ?, ?, ?)")
            .with(session.id, session.userId, session.deviceName, session.createdAt,
                  session.lastUsedAt, tokens.refreshExpiresAt)
            .run();
        insertTokens(db, session.id, tokens);
    });
}

std::optional<Principal> SqliteStore::authenticate(const std::string& accessHash, Micros now)
{
    return read([&](Database& db) -> std::optional<Principal> {
        Statement& st =
            db.prepare("SELECT s.user_id, s.id, s.last_used_at FROM access_tokens a "
                       "JOIN sessions s ON s.id = a.session_id "
                       "WHERE a.hash = ? AND a.expires_at > ? AND s.revoked_at IS NULL");
        st.with(std::string_view{}, now).bindBlob(1, accessHash);
        if (!st.step()) {
            return std::nullopt;
        }
        return Principal{st.text(0), st.text(1), st.integer(2), st.integer(3)};
    });
}

RotateResult SqliteStore::rotateRefreshToken(const std::string& refreshHash,
                                             const TokenHashes& next, Micros now)
{
    return write([&](Database& db) {
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

std::vector<SessionRecord> SqliteStore::listSessions(const std::string& userId)
{
    return read([&](Database& db) {
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

bool SqliteStore::revokeSession(const std::string& userId, const std::string& sessionId)
{
    return write([&](Database& db) {
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

std::vector<std::string> SqliteStore::revokeUserSessions(const std::string& userId,
                                                         const std::string& keepSessionId)
{
    return write([&](Database& db) {
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

void SqliteStore::touchSession(const std::string& sessionId, Micros now)
{
    write([&](Database& db) {
        db.prepare("UPDATE sessions SET last_used_at = ? WHERE id = ?").with(now, sessionId).run();
    });
}

void SqliteStore::purgeExpired(Micros now)
{
    write([&](Database& db) {
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
