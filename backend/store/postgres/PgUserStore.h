#pragma once

#include "store/UserStore.h"
#include "store/postgres/PgEngine.h"

namespace confab::backend {

class PgUserStore final : public UserStore {
public:
    explicit PgUserStore(pg::Engine& engine) : m_db(engine) {}

    void create(const UserRecord& user) override;
    std::optional<UserRecord> byId(const std::string& id, bool withAvatar) override;
    std::optional<UserRecord> byUsername(const std::string& username, bool withAvatar) override;
    std::vector<UserRecord> byIds(const std::vector<std::string>& ids) override;
    std::vector<UserRecord> search(const std::string& prefix, std::size_t limit) override;
    UserRecord updateProfile(const std::string& userId, const ProfileUpdate& update) override;
    void setPasswordHash(const std::string& userId, const std::string& hash) override;
    std::vector<std::string> remove(const std::string& userId) override;

private:
    pg::Engine& m_db;
};

} // namespace confab::backend
