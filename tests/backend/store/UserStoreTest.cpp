#include "StoreTest.h"

#include <algorithm>

namespace confab::test {
namespace {

using backend::ProfileUpdate;
using backend::UserRecord;

CONFAB_STORE_SUITE(UserStoreTest);

std::vector<std::string> usernames(const std::vector<UserRecord>& list)
{
    std::vector<std::string> names;
    for (const auto& user : list) {
        names.push_back(user.username);
    }
    return names;
}

TEST_P(UserStoreTest, CreatedUserIsFoundByIdAndUsername)
{
    UserRecord user;
    user.id = "u-anna";
    user.username = "anna";
    user.displayName = "Anna Karenina";
    user.bio = "trains";
    user.statusText = "reading";
    user.avatar = std::string("\x89PNG\r\n\x1a\n-pixels", 14);
    user.avatarSha256 = "abc";
    user.passwordHash = "argon2id$hash";
    user.createdAt = 1234;
    users().create(user);

    const auto byId = users().byId("u-anna", true);
    ASSERT_TRUE(byId);
    EXPECT_EQ(byId->username, "anna");
    EXPECT_EQ(byId->displayName, "Anna Karenina");
    EXPECT_EQ(byId->bio, "trains");
    EXPECT_EQ(byId->statusText, "reading");
    EXPECT_EQ(byId->avatar, user.avatar);
    EXPECT_EQ(byId->avatarSha256, "abc");
    EXPECT_EQ(byId->passwordHash, "argon2id$hash");
    EXPECT_EQ(byId->createdAt, 1234);
    EXPECT_FALSE(byId->deleted);

    const auto byName = users().byUsername("anna", false);
    ASSERT_TRUE(byName);
    EXPECT_EQ(byName->id, "u-anna");
    EXPECT_TRUE(byName->avatar.empty()) << "avatar bytes only when asked for";
    EXPECT_EQ(byName->avatarSha256, "abc");

    EXPECT_FALSE(users().byId("u-nobody", false));
    EXPECT_FALSE(users().byUsername("Anna", false)) << "usernames are exact";
}

TEST_P(UserStoreTest, TakenUsernameIsAlreadyExists)
{
    addUser("anna");
    UserRecord again;
    again.id = "u-other";
    again.username = "anna";
    again.displayName = "Other";
    again.passwordHash = "x";
    EXPECT_API_ERROR(users().create(again), grpc::StatusCode::ALREADY_EXISTS);
    EXPECT_FALSE(users().byId("u-other", false));
}

TEST_P(UserStoreTest, ByIdsReturnsTheUsersThatExistOnce)
{
    addUser("anna");
    addUser("bob");
    auto found = users().byIds({"u-bob", "u-nobody", "u-anna", "u-bob"});
    auto names = usernames(found);
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"anna", "bob"}));
    EXPECT_TRUE(users().byIds({}).empty());
}

TEST_P(UserStoreTest, SearchMatchesPrefixesOfUsernameOrDisplayName)
{
    addUser("anna", "Zoe Anna");
    addUser("annabel", "Belle");
    addUser("bob", "Annette");
    addUser("carl", "Carl");
    addUser("an_x", "Under Score");
    addUser("gone", "Annihilated");
    users().remove("u-gone");

    EXPECT_EQ(usernames(users().search("ann", 10)),
              (std::vector<std::string>{"anna", "annabel", "bob"}));
    EXPECT_EQ(usernames(users().search("ann", 2)), (std::vector<std::string>{"anna", "annabel"}));
    EXPECT_EQ(usernames(users().search("Carl", 10)), (std::vector<std::string>{"carl"}));
    // LIKE's wildcards are taken as themselves.
    EXPECT_EQ(usernames(users().search("an_", 10)), (std::vector<std::string>{"an_x"}));
    EXPECT_TRUE(users().search("%", 10).empty());
    EXPECT_TRUE(users().search("zzz", 10).empty());
}

TEST_P(UserStoreTest, UpdateProfileChangesOnlyTheGivenFields)
{
    addUser("anna", "Anna");
    ProfileUpdate bio;
    bio.bio = "new bio";
    UserRecord updated = users().updateProfile("u-anna", bio);
    EXPECT_EQ(updated.displayName, "Anna");
    EXPECT_EQ(updated.bio, "new bio");
    EXPECT_EQ(updated.statusText, "");

    ProfileUpdate avatar;
    avatar.avatar = std::string("image-bytes");
    avatar.statusText = "away";
    updated = users().updateProfile("u-anna", avatar);
    EXPECT_EQ(updated.bio, "new bio");
    EXPECT_EQ(updated.statusText, "away");
    EXPECT_EQ(updated.avatar, "image-bytes");
    EXPECT_EQ(updated.avatarSha256, backend::crypto::sha256Hex("image-bytes"));
    EXPECT_EQ(users().byId("u-anna", true)->avatar, "image-bytes");

    ProfileUpdate removeAvatar;
    removeAvatar.avatar = std::string();
    updated = users().updateProfile("u-anna", removeAvatar);
    EXPECT_TRUE(updated.avatar.empty());
    EXPECT_TRUE(updated.avatarSha256.empty());
    EXPECT_EQ(updated.statusText, "away");

    EXPECT_API_ERROR(users().updateProfile("u-nobody", bio), grpc::StatusCode::NOT_FOUND);
}

TEST_P(UserStoreTest, PasswordHashIsReplaced)
{
    addUser("anna");
    users().setPasswordHash("u-anna", "argon2id$new");
    EXPECT_EQ(users().byUsername("anna", false)->passwordHash, "argon2id$new");
}

TEST_P(UserStoreTest, RemovedUserKeepsItsIdAndLosesProfileAndSessions)
{
    addUser("anna", "Anna");
    ProfileUpdate avatar;
    avatar.avatar = std::string("image-bytes");
    users().updateProfile("u-anna", avatar);
    backend::TokenHashes tokens{"a1", 1'000'000'000'000'000, "r1", 1'000'000'000'000'000};
    sessions().create({"s1", "u-anna", "laptop", 10, 10}, tokens);
    tokens.accessHash = "a2";
    tokens.refreshHash = "r2";
    sessions().create({"s2", "u-anna", "phone", 10, 10}, tokens);

    auto removed = users().remove("u-anna");
    std::sort(removed.begin(), removed.end());
    EXPECT_EQ(removed, (std::vector<std::string>{"s1", "s2"}));

    const auto gone = users().byId("u-anna", true);
    ASSERT_TRUE(gone);
    EXPECT_TRUE(gone->deleted);
    EXPECT_EQ(gone->username, "anna");
    EXPECT_TRUE(gone->displayName.empty());
    EXPECT_TRUE(gone->avatar.empty());
    EXPECT_TRUE(gone->avatarSha256.empty());
    EXPECT_TRUE(gone->passwordHash.empty());
    EXPECT_FALSE(sessions().authenticate("a1", 20));
    EXPECT_TRUE(sessions().list("u-anna").empty());
    ProfileUpdate bio;
    bio.bio = "back";
    EXPECT_API_ERROR(users().updateProfile("u-anna", bio), grpc::StatusCode::NOT_FOUND);
}

} // namespace
} // namespace confab::test
