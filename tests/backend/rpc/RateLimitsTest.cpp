#include "rpc/RateLimits.h"
#include "base/ApiError.h"

#include "ChatServerFixture.h"
#include "StatusMatchers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

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

TEST(RateLimits, RegistrationsAreLimitedPerAddressAndInAll)
{
    backend::RateLimitsConfig config;
    config.registrationsPerAddress = {1, 3};
    config.registrations = {60, 5};
    RateLimits rates(config);
    const auto t0 = RateLimits::Clock::now();
    for (int i = 0; i < 3; ++i) {
        rates.take("192.0.2.7", Action::Registration, t0);
    }
    try {
        rates.take("192.0.2.7", Action::Registration, t0);
        FAIL() << "a fourth account from one address went through";
    } catch (const backend::ApiError& e) {
        EXPECT_EQ(e.status().error_message(),
                  "registrations: too many accounts made from this address; try again in 60 s");
    }
    rates.take("192.0.2.8", Action::Registration, t0);
    for (int i = 0; i < 5; ++i) {
        rates.take("*", Action::AnyRegistration, t0);
    }
    EXPECT_THROW(rates.take("*", Action::AnyRegistration, t0), backend::ApiError);
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

// A registration flood from one address: past its burst it is refused at
// once, and the hashing it does get leaves room for the logins of others.
class RegistrationFloodTest : public ChatServerFixture {
protected:
    RegistrationFloodTest() : ChatServerFixture(config()) {}
    static backend::ServerConfig config()
    {
        backend::ServerConfig c = testConfig({});
        c.rates.registrationsPerAddress = {20.0 / 60, 5};
        c.rates.registrations = {60, 20};
        return c;
    }
};

TEST_F(RegistrationFloodTest, OneAddressGetsItsBurstAndNoMore)
{
    std::vector<std::future<grpc::Status>> calls;
    for (int i = 0; i < 30; ++i) {
        calls.push_back(std::async(std::launch::async, [&, i] {
            v1::RegisterRequest request;
            request.set_username("flood" + std::to_string(i));
            request.set_password("correct horse");
            v1::Session session;
            return client.auth->Register(Client::context().get(), request, &session);
        }));
    }
    int made = 0;
    int refused = 0;
    for (auto& call : calls) {
        const grpc::Status status = call.get();
        if (status.ok()) {
            ++made;
        } else {
            EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
            EXPECT_TRUE(status.error_message().starts_with("registrations: too many accounts"))
                << status.error_message();
            ++refused;
        }
    }
    // The burst is 5, and the fixture made anna, bob and carol from here.
    EXPECT_EQ(made, 2);
    EXPECT_EQ(refused, 28);
    v1::Session session;
    EXPECT_OK(client.login("anna", "correct horse", &session));
}

// With no registration limit at all, new accounts still only get a share of
// the hashing: the logins of existing accounts are neither refused as "too
// busy" nor queued behind every new account.
class HashingShareTest : public ChatServerFixture {
protected:
    HashingShareTest() : ChatServerFixture(config()) {}
    static backend::ServerConfig config()
    {
        backend::ServerConfig c = testConfig({});
        c.hashThreads = 2;
        c.hashQueue = 8;
        // Slow enough hashes that a flood piles up.
        c.passwordOpsLimit = 3;
        c.passwordMemLimit = 8 * 1024 * 1024;
        return c;
    }
};

TEST_F(HashingShareTest, LoginsOfExistingAccountsGoThroughARegistrationFlood)
{
    std::atomic<bool> flooding{true};
    std::vector<std::thread> flood;
    std::atomic<int> made{0};
    for (int t = 0; t < 24; ++t) {
        flood.emplace_back([&, t] {
            for (int i = 0; flooding; ++i) {
                v1::RegisterRequest request;
                request.set_username("f" + std::to_string(t) + "x" + std::to_string(i));
                request.set_password("correct horse");
                v1::Session session;
                made += client.auth->Register(Client::context().get(), request, &session).ok();
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // Anna's own app: a connection of its own, as another client has.
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    Client annasApp(
        grpc::CreateCustomChannel(server.target(), grpc::InsecureChannelCredentials(), args));
    for (int i = 0; i < 10; ++i) {
        v1::Session session;
        EXPECT_OK(annasApp.login("anna", "correct horse", &session)) << i;
    }
    flooding = false;
    for (auto& thread : flood) {
        thread.join();
    }
    EXPECT_GT(made.load(), 0) << "the flood made no account at all";
}

} // namespace
} // namespace confab::test
