#pragma once

#include "store/Records.h"

#include <optional>
#include <string>
#include <vector>

namespace confab::backend {

// Accounts and their profiles. Like every store interface: thread-safe,
// blocking (workers only, never a gRPC reaction); the caller's mistakes are
// thrown as ApiError (ALREADY_EXISTS, NOT_FOUND), anything else is internal.
class UserStore {
public:
    virtual ~UserStore() = default;

    // ALREADY_EXISTS when the username is taken.
    virtual void create(const UserRecord& user) = 0;
    virtual std::optional<UserRecord> byId(const std::string& id, bool withAvatar) = 0;
    virtual std::optional<UserRecord> byUsername(const std::string& username, bool withAvatar) = 0;
    // The users of these ids that exist (deleted ones included), without
    // avatar bytes; in no particular order.
    virtual std::vector<UserRecord> byIds(const std::vector<std::string>& ids) = 0;
    // Not deleted users whose username or display name starts with
    // `prefix`, by username.
    virtual std::vector<UserRecord> search(const std::string& prefix, std::size_t limit) = 0;
    // NOT_FOUND for an unknown or deleted user. Returns the profile as now
    // stored, avatar included.
    virtual UserRecord updateProfile(const std::string& userId, const ProfileUpdate& update) = 0;
    virtual void setPasswordHash(const std::string& userId, const std::string& hash) = 0;
    // Clears the profile and password, removes every session; returns the
    // removed session ids. The user stays, marked deleted.
    virtual std::vector<std::string> remove(const std::string& userId) = 0;
};

} // namespace confab::backend
