#include "store/sqlite/SqliteUserStore.h"

#include "base/ApiError.h"
#include "base/Crypto.h"
#include "store/sqlite/SqliteRows.h"

#include <unordered_set>

namespace confab::backend {

namespace {

using sqlite::Database;
using sqlite::Statement;
using namespace sqlite;

std::optional<UserRecord> selectUserByUsername(Database& db, const std::string& username,
                                               bool withAvatar)
{
    Statement& st = db.prepare(CONFAB_USER_SELECT("username = ?1"));
    st.with(username, withAvatar);
    if (!st.step()) {
        return std::nullopt;
    }
    auto user = readUser(st, withAvatar);
    st.reset();
    return user;
}

} // namespace

void SqliteUserStore::create(const UserRecord& user)
{
    m_db.write([&](Database& db) {
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

std::optional<UserRecord> SqliteUserStore::byId(const std::string& id, bool withAvatar)
{
    return m_db.read([&](Database& db) { return selectUserById(db, id, withAvatar); });
}

std::optional<UserRecord> SqliteUserStore::byUsername(const std::string& username, bool withAvatar)
{
    return m_db.read([&](Database& db) { return selectUserByUsername(db, username, withAvatar); });
}

std::vector<UserRecord> SqliteUserStore::search(const std::string& prefix, std::size_t limit)
{
    return m_db.read([&](Database& db) {
        Statement& st = db.prepare(CONFAB_USER_SELECT(
            "deleted = 0 AND (username LIKE ?1 ESCAPE '\\' OR display_name LIKE ?1 ESCAPE '\\') "
            "ORDER BY username LIMIT ?3"));
        st.with(likePrefixPattern(prefix), false, static_cast<std::int64_t>(limit));
        std::vector<UserRecord> users;
        while (st.step()) {
            users.push_back(readUser(st, false));
        }
        return users;
    });
}

UserRecord SqliteUserStore::updateProfile(const std::string& userId, const ProfileUpdate& update)
{
    return m_db.write([&](Database& db) {
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
        auto user = selectUserById(db, userId, true);
        return *user;
    });
}

void SqliteUserStore::setPasswordHash(const std::string& userId, const std::string& hash)
{
    m_db.write([&](Database& db) {
        db.prepare("UPDATE users SET password_hash = ? WHERE id = ? AND deleted = 0")
            .with(hash, userId)
            .run();
    });
}

std::vector<std::string> SqliteUserStore::remove(const std::string& userId)
{
    return m_db.write([&](Database& db) {
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

std::vector<UserRecord> SqliteUserStore::byIds(const std::vector<std::string>& ids)
{
    return m_db.read([&](Database& db) {
        std::vector<UserRecord> users;
        std::unordered_set<std::string> seen;
        for (const auto& id : ids) {
            if (!seen.insert(id).second) {
                continue;
            }
            if (auto user = selectUserById(db, id, false)) {
                users.push_back(std::move(*user));
            }
        }
        return users;
    });
}

} // namespace confab::backend
