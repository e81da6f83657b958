#include "StoreTest.h"

#include "base/Time.h"

#include <algorithm>

namespace confab::test {
namespace {

using backend::Micros;
using backend::RotateResult;
using backend::TokenHashes;

CONFAB_STORE_SUITE(SessionStoreTest);

constexpr Micros kHour = 3600 * backend::kMicrosPerSecond;
constexpr Micros kDay = 24 * kHour;

// Token hashes named after `tag`, valid for an hour (access) and a month
// (refresh) from `now`.
TokenHashes tokensAt(const std::string& tag, Micros now)
{
    return {"access-" + tag, now + kHour, "refresh-" + tag, now + 30 * kDay};
}

TEST_P(SessionStoreTest, AccessTokenAuthenticatesItsSessionUntilItExpires)
{
    addUser("anna");
    const Micros now = backend::nowMicros();
    sessions().create({"s1", "u-anna", "laptop", now - 5, now - 5}, tokensAt("1", now));

    const auto who = sessions().authenticate("access-1", now);
    ASSERT_TRUE(who);
    EXPECT_EQ(who->userId, "u-anna");
    EXPECT_EQ(who->sessionId, "s1");
    EXPECT_EQ(who->lastUsedAt, now - 5);
    EXPECT_EQ(who->accessExpiresAt, now + kHour) << "callers cache the principal until then";

    EXPECT_FALSE(sessions().authenticate("access-1", now + kHour)) << "expired";
    EXPECT_FALSE(sessions().authenticate("refresh-1", now)) << "a refresh token is no access token";
    EXPECT_FALSE(sessions().authenticate("access-unknown", now));
}

TEST_P(SessionStoreTest, RotationReplacesTheRefreshTokenAndKeepsTheSession)
{
    addUser("anna");
    const Micros now = backend::nowMicros();
    sessions().create({"s1", "u-anna", "laptop", now, now}, tokensAt("1", now));

    const RotateResult rotated = sessions().rotate("refresh-1", tokensAt("2", now + 10), now + 10);
    EXPECT_EQ(rotated.outcome, RotateResult::Outcome::Rotated);
    EXPECT_EQ(rotated.sessionId, "s1");
    EXPECT_EQ(rotated.userId, "u-anna");
    const auto who = sessions().authenticate("access-2", now + 10);
    ASSERT_TRUE(who);
    EXPECT_EQ(who->sessionId, "s1");
    EXPECT_EQ(who->lastUsedAt, now + 10);

    // The next rotation works from the new token only.
    EXPECT_EQ(sessions().rotate("refresh-2", tokensAt("3", now + 20), now + 20).outcome,
              RotateResult::Outcome::Rotated);
    EXPECT_EQ(sessions().rotate("refresh-unknown", tokensAt("x", now), now).outcome,
              RotateResult::Outcome::Unknown);
}

TEST_P(SessionStoreTest, ReusedRefreshTokenRevokesTheWholeSession)
{
    addUser("anna");
    const Micros now = backend::nowMicros();
    sessions().create({"s1", "u-anna", "laptop", now, now}, tokensAt("1", now));
    sessions().create({"s2", "u-anna", "phone", now, now}, tokensAt("other", now));
    ASSERT_EQ(sessions().rotate("refresh-1", tokensAt("2", now), now).outcome,
              RotateResult::Outcome::Rotated);

    const RotateResult reused = sessions().rotate("refresh-1", tokensAt("3", now), now + 1);
    EXPECT_EQ(reused.outcome, RotateResult::Outcome::Reused);
    EXPECT_EQ(reused.sessionId, "s1");
    EXPECT_FALSE(sessions().authenticate("access-2", now + 2)) << "the thief's pair is dead too";
    EXPECT_FALSE(sessions().authenticate("access-3", now + 2));
    EXPECT_EQ(sessions().rotate("refresh-2", tokensAt("4", now), now + 2).outcome,
              RotateResult::Outcome::Unknown);
    EXPECT_TRUE(sessions().authenticate("access-other", now + 2)) << "other sessions live on";
}

TEST_P(SessionStoreTest, ExpiredRefreshTokenDoesNotRotate)
{
    addUser("anna");
    const Micros now = backend::nowMicros();
    sessions().create({"s1", "u-anna", "laptop", now, now}, tokensAt("1", now));
    EXPECT_EQ(sessions().rotate("refresh-1", tokensAt("2", now), now + 31 * kDay).outcome,
              RotateResult::Outcome::Expired);
    EXPECT_FALSE(sessions().authenticate("access-2", now));
}

TEST_P(SessionStoreTest, ListShowsLiveSessionsMostRecentlyUsedFirst)
{
    addUser("anna");
    addUser("bob");
    const Micros now = backend::nowMicros();
    sessions().create({"s1", "u-anna", "laptop", now - 30, now - 30}, tokensAt("1", now));
    sessions().create({"s2", "u-anna", "phone", now - 20, now - 20}, tokensAt("2", now));
    sessions().create({"s3", "u-anna", "tablet", now - 10, now - 10}, tokensAt("3", now));
    sessions().create({"s4", "u-bob", "desk", now, now}, tokensAt("4", now));
    sessions().touch("s1", now + 5);
    ASSERT_TRUE(sessions().revoke("u-anna", "s3"));

    const auto list = sessions().list("u-anna");
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].id, "s1");
    EXPECT_EQ(list[0].deviceName, "laptop");
    EXPECT_EQ(list[0].lastUsedAt, now + 5);
    EXPECT_EQ(list[0].createdAt, now - 30);
    EXPECT_EQ(list[1].id, "s2");
}

TEST_P(SessionStoreTest, RevokeEndsOnlyTheOwnersLiveSession)
{
    addUser("anna");
    addUser("bob");
    const Micros now = backend::nowMicros();
    sessions().create({"s1", "u-anna", "laptop", now, now}, tokensAt("1", now));

    EXPECT_FALSE(sessions().revoke("u-bob", "s1")) << "not bob's";
    EXPECT_TRUE(sessions().authenticate("access-1", now));
    EXPECT_TRUE(sessions().revoke("u-anna", "s1"));
    EXPECT_FALSE(sessions().revoke("u-anna", "s1")) << "already revoked";
    EXPECT_FALSE(sessions().authenticate("access-1", now));
    EXPECT_EQ(sessions().rotate("refresh-1", tokensAt("2", now), now).outcome,
              RotateResult::Outcome::Unknown);
}

TEST_P(SessionStoreTest, RevokeAllKeepsTheOneAsked)
{
    addUser("anna");
    addUser("bob");
    const Micros now = backend::nowMicros();
    for (const char* id : {"s1", "s2", "s3"}) {
        sessions().create({id, "u-anna", "device", now, now}, tokensAt(id, now));
    }
    sessions().create({"s4", "u-bob", "device", now, now}, tokensAt("s4", now));

    auto revoked = sessions().revokeAll("u-anna", "s2");
    std::sort(revoked.begin(), revoked.end());
    EXPECT_EQ(revoked, (std::vector<std::string>{"s1", "s3"}));
    EXPECT_FALSE(sessions().authenticate("access-s1", now));
    EXPECT_TRUE(sessions().authenticate("access-s2", now));
    EXPECT_FALSE(sessions().authenticate("access-s3", now));
    EXPECT_TRUE(sessions().authenticate("access-s4", now));
    EXPECT_EQ(sessions().revokeAll("u-anna", ""), (std::vector<std::string>{"s2"}));
}

TEST_P(SessionStoreTest, PurgeDropsExpiredTokensAndLongDeadSessions)
{
    addUser("anna");
    const Micros now = backend::nowMicros();
    sessions().create({"old", "u-anna", "laptop", now, now}, tokensAt("old", now));
    sessions().create({"new", "u-anna", "phone", now, now}, tokensAt("new", now));
    ASSERT_TRUE(sessions().revoke("u-anna", "old"));

    // A month later the revoked session is still known, so that its reused
    // refresh token is recognised...
    sessions().purgeExpired(now + 29 * kDay);
    EXPECT_EQ(sessions().rotate("refresh-old", tokensAt("x", now), now + 29 * kDay).outcome,
              RotateResult::Outcome::Unknown);
    EXPECT_EQ(sessions().list("u-anna").size(), 1u);
    // ...and after that neither it nor the session whose refresh token ran
    // out is kept.
    sessions().purgeExpired(now + 70 * kDay);
    EXPECT_FALSE(sessions().authenticate("access-new", now));
    EXPECT_EQ(sessions().rotate("refresh-new", tokensAt("y", now), now).outcome,
              RotateResult::Outcome::Unknown);
}

} // namespace
} // namespace confab::test
