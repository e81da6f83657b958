#pragma once

#include "store/UserStore.h"
#include "store/sqlite/SqliteEngine.h"

namespace confab::backend {

class SqliteUserStore final : public UserStore {
public:
    explicit SqliteUserStore(sqlite::Engine& engine) : m_db(engine) {}

    void create(const UserRecord& user) override;
    std::optional<UserRecord> byId(const std::string& id, bool withAvatar) override;
    std::optional<UserRecord> byUsername(const std::string& username, bool withAvatar) override;
    std::vector<UserRecord> byIds(const std::vector<std::string>& ids) override;
    std::vector<UserRecord> search(const std::string& prefix, std::size_t limit) override;
    UserRecord updateProfile(const std::string& userId, const ProfileUpdate& update) override;
    void setPasswordHash(const std::string& userId, const std::string& hash) override;
    std::vector<std::string> remove(const std::string& userId) override;

private:
    sqlite::Engine& m_db;
};

} // namespace confab::backend
