#include "store/postgres/PgUserStore.h"

#include "base/ApiError.h"
#include "base/Crypto.h"
#include "store/postgres/PgRows.h"

#include <unordered_set>

namespace confab::backend {

namespace {

using namespace pg;

std::optional<UserRecord> selectUserByUsername(Connection& db, const std::string& username,
                                               bool withAvatar)
{
    const auto rows = db.query(CONFAB_PG_USER_SELECT("username = $1"), username, withAvatar);
    if (rows.empty()) {
        return std::nullopt;
    }
    return readUser(rows, 0, withAvatar);
}

} // namespace

void PgUserStore::create(const UserRecord& user)
{
    m_db.write(Engine::kAccounts, [&](Connection& db) {
        try {
            db.query("INSERT INTO users (id, username, display_name, bio, status_text, avatar, "
                     "avatar_sha256, password_hash, created_at) "
                     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                     user.id, user.username, user.displayName, user.bio, user.statusText,
                     user.avatar.empty() ? std::optional<Bytes>()
                                         : std::optional(Bytes{user.avatar}),
                     user.avatarSha256, user.passwordHash, user.createdAt);
        } catch (const Error& e) {
            if (e.isUniqueViolation()) {
                throw ApiError(grpc::StatusCode::ALREADY_EXISTS, "username: already taken");
            }
            throw;
        }
    });
}

std::optional<UserRecord> PgUserStore::byId(const std::string& id, bool withAvatar)
{
    return m_db.read([&](Connection& db) { return selectUserById(db, id, withAvatar); });
}

std::optional<UserRecord> PgUserStore::byUsername(const std::string& username, bool withAvatar)
{
    return m_db.read(
        [&](Connection& db) { return selectUserByUsername(db, username, withAvatar); });
}

std::vector<UserRecord> PgUserStore::search(const std::string& prefix, std::size_t limit)
{
    return m_db.read([&](Connection& db) {
        // ASCII letters in either case, as SQLite's LIKE (the columns and
        // the pattern are in the "C" collation, whose lower() folds ASCII).
        const auto rows = db.query(
            CONFAB_PG_USER_SELECT(
                "NOT deleted AND (lower(username) LIKE lower($1 COLLATE \"C\") "
                "OR lower(display_name) LIKE lower($1 COLLATE \"C\")) ORDER BY username LIMIT $3"),
            likePrefixPattern(prefix), false, static_cast<unsigned long long>(limit));
        std::vector<UserRecord> users;
        for (int i = 0; i < rows.rows(); ++i) {
            users.push_back(readUser(rows, i, false));
        }
        return users;
    });
}

UserRecord PgUserStore::updateProfile(const std::string& userId, const ProfileUpdate& update)
{
    return m_db.write(Engine::kAccounts, [&](Connection& db) {
        std::optional<std::string> sha;
        if (update.avatar && !update.avatar->empty()) {
            sha = crypto::sha256Hex(*update.avatar);
        } else if (update.avatar) {
            sha = std::string();
        }
        const auto changed =
            db.query("UPDATE users SET display_name = COALESCE($1, display_name), "
                     "bio = COALESCE($2, bio), status_text = COALESCE($3, status_text), "
                     "avatar = CASE WHEN $4::bytea IS NULL THEN avatar "
                     "WHEN length($4::bytea) = 0 THEN NULL ELSE $4::bytea END, "
                     "avatar_sha256 = COALESCE($5, avatar_sha256) WHERE id = $6 AND NOT deleted",
                     update.displayName, update.bio, update.statusText,
                     update.avatar ? std::optional(Bytes{*update.avatar}) : std::optional<Bytes>(),
                     sha, userId);
        if (changed.affected() == 0) {
            throw notFound("user: not found");
        }
        return *selectUserById(db, userId, true);
    });
}

void PgUserStore::setPasswordHash(const std::string& userId, const std::string& hash)
{
    m_db.write(Engine::kAccounts, [&](Connection& db) {
        db.query("UPDATE users SET password_hash = $1 WHERE id = $2 AND NOT deleted", hash, userId);
    });
}

std::vector<std::string> PgUserStore::remove(const std::string& userId)
{
    return m_db.write(Engine::kAccounts, [&](Connection& db) {
        const auto removed =
            db.query("DELETE FROM sessions WHERE user_id = $1 RETURNING id", userId);
        std::vector<std::string> sessions;
        for (int i = 0; i < removed.rows(); ++i) {
            sessions.push_back(removed.text(i, 0));
        }
        db.query("UPDATE users SET display_name = '', bio = '', status_text = '', avatar = NULL, "
                 "avatar_sha256 = '', password_hash = '', deleted = true WHERE id = $1",
                 userId);
        return sessions;
    });
}

std::vector<UserRecord> PgUserStore::byIds(const std::vector<std::string>& ids)
{
    return m_db.read([&](Connection& db) {
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
