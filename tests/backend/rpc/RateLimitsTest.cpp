#include "rpc/RateLimits.h"
#include "base/ApiError.h"

#include "ChatServerFixture.h"
#include "StatusMatchers.h"

#include <gtest/gtest.h>

namespace confab::test {
namespace {

using backend::RateLimits;
using Action = RateLimits::Action;
using namespace std::chrono_literals;

backend::RateLimitsConfig limits()
{
    backend::RateLimitsConfig config;
    config.messages = {60, 5}; // one a second, five at once
    config.rooms = {6, 2};
    config.invites = {0, 0}; // no limit
    config.searches = {60, 1};
    return config;
}

TEST(RateLimits, ABurstThenOneAtTheRateAndTheWaitIsSaid)
{
    RateLimits rates(limits());
    const auto t0 = RateLimits::Clock::now();
    for (int i = 0; i < 5; ++i) {
        EXPECT_NO_THROW(rates.take("u-anna", Action::Message, t0)) << i;
    }
    try {
        rates.take("u-anna", Action::Message, t0);
        FAIL() << "the sixth at once went through";
    } catch (const backend::ApiError& e) {
        EXPECT_EQ(e.status().error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
        EXPECT_EQ(e.status().error_message(),
                  "messages: too many in a short time; try again in 1 s");
    }
    // Others, and other actions, are not held back by it.
    EXPECT_NO_THROW(rates.take("u-bob", Action::Message, t0));
    EXPECT_NO_THROW(rates.take("u-anna", Action::Room, t0));
    // A second later, one more.
    EXPECT_NO_THROW(rates.take("u-anna", Action::Message, t0 + 1s));
    EXPECT_THROW(rates.take("u-anna", Action::Message, t0 + 1s), backend::ApiError);
    // Invitations are not limited here.
    for (int i = 0; i < 1000; ++i) {
        rates.take("u-anna", Action::Invite, t0);
    }
    // Rooms: 2 at once, then one every 10 s.
    rates.take("u-carl", Action::Room, t0);
    rates.take("u-carl", Action::Room, t0);
    try {
        rates.take("u-carl", Action::Room, t0);
        FAIL();
    } catch (const backend::ApiError& e) {
        EXPECT_EQ(e.status().error_message(), "rooms: too many in a short time; try again in 10 s");
    }
}

TEST(RateLimits, UsersWhoseBucketsRefilledAreForgotten)
{
    RateLimits rates(limits());
    const auto t0 = RateLimits::Clock::now();
    for (int i = 0; i < 1000; ++i) {
        rates.take("u-" + std::to_string(i), Action::Search, t0);
    }
    EXPECT_EQ(rates.trackedUsers(), 1000u);
    // Two minutes on, the next call tidies up: only its own user is left.
    rates.take("u-new", Action::Search, t0 + 2min);
    EXPECT_EQ(rates.trackedUsers(), 1u);
}

class RateLimitedServer : public ChatServerFixture {
protected:
    RateLimitedServer() : ChatServerFixture(config()) {}
    static backend::ServerConfig config()
    {
        backend::ServerConfig c = testConfig({});
        c.rates = limits();
        return c;
    }
};

// One user sending as fast as possible gets a clear refusal past the
// burst; what was refused is not stored, and others go on.
TEST_F(RateLimitedServer, SendsPastTheBurstAreRefusedAndOthersGoOn)
{
    const v1::Room room = createRoom(anna, "Plans", v1::VISIBILITY_PRIVATE, {"bob"});
    int stored = 0;
    int refused = 0;
    for (int i = 0; i < 20; ++i) {
        const grpc::Status status = send(anna, room.id(), "m" + std::to_string(i));
        if (status.ok()) {
            ++stored;
        } else {
            EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
            EXPECT_TRUE(status.error_message().starts_with("messages: too many"))
                << status.error_message();
            ++refused;
        }
    }
    EXPECT_GE(stored, 5);
    EXPECT_LE(stored, 7) << "about one a second past the burst";
    EXPECT_EQ(stored + refused, 20);
    EXPECT_OK(send(bob, room.id(), "bob is not held back"));
    v1::GetHistoryRequest history;
    history.set_room_id(room.id());
    history.set_limit(100);
    v1::GetHistoryResponse page;
    ASSERT_OK(client.chat->GetHistory(Client::context(bob.access_token()).get(), history, &page));
    int messages = 0;
    for (const auto& event : page.events()) {
        messages += event.has_message_posted() ? 1 : 0;
    }
    EXPECT_EQ(messages, stored + 1);
    // Searches are limited too.
    v1::SearchUsersRequest search;
    search.set_query("bo");
    v1::SearchUsersResponse found;
    EXPECT_OK(
        client.accounts->SearchUsers(Client::context(carol.access_token()).get(), search, &found));
    EXPECT_STATUS(
        client.accounts->SearchUsers(Client::context(carol.access_token()).get(), search, &found),
        RESOURCE_EXHAUSTED);
}

} // namespace
} // namespace confab::test
