#include "StatusMatchers.h"
#include "TestServer.h"

#include <gtest/gtest.h>

#include <google/protobuf/util/time_util.h>

#include <thread>

namespace confab::test {
namespace {

using google::protobuf::util::TimeUtil;

google::protobuf::Timestamp now()
{
    return TimeUtil::MicrosecondsToTimestamp(
        std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count());
}

class AuthTest : public ::testing::Test {
protected:
    TestServer server;
    Client client{server.channel()};

    grpc::Status getMe(const std::string& token, v1::User* user = nullptr)
    {
        v1::User ignored;
        return client.accounts->GetMe(Client::context(token).get(), {}, user ? user : &ignored);
    }

    grpc::Status registerWith(const std::string& username, const std::string& password,
                              const std::string& displayName = {}, const std::string& device = {})
    {
        v1::RegisterRequest request;
        request.set_username(username);
        request.set_password(password);
        request.set_display_name(displayName);
        request.set_device_name(device);
        v1::Session session;
        return client.auth->Register(Client::context().get(), request, &session);
    }

    grpc::Status refresh(const std::string& refreshToken, v1::Session* session)
    {
        v1::RefreshRequest request;
        request.set_refresh_token(refreshToken);
        return client.auth->Refresh(Client::context().get(), request, session);
    }
};

TEST_F(AuthTest, RegisterCreatesAccountAndSession)
{
    v1::RegisterRequest request;
    request.set_username("anna");
    request.set_password("correct horse");
    request.set_display_name("Anna Müller");
    request.set_device_name("laptop");
    v1::Session session;
    const auto before = now();
    ASSERT_OK(client.auth->Register(Client::context().get(), request, &session));
    const auto after = now();

    EXPECT_EQ(session.access_token().size(), 43u);
    EXPECT_EQ(session.refresh_token().size(), 43u);
    EXPECT_NE(session.access_token(), session.refresh_token());
    EXPECT_FALSE(session.session_id().empty());
    EXPECT_EQ(session.user().username(), "anna");
    EXPECT_EQ(session.user().display_name(), "Anna Müller");
    EXPECT_FALSE(session.user().id().empty());
    EXPECT_FALSE(session.user().deleted());

    // About 15 minutes and 30 days from the moment of the call.
    EXPECT_GE(session.access_expires_at(), before + TimeUtil::SecondsToDuration(15 * 60));
    EXPECT_LE(session.access_expires_at(), after + TimeUtil::SecondsToDuration(15 * 60));
    EXPECT_GE(session.refresh_expires_at(), before + TimeUtil::SecondsToDuration(30 * 24 * 3600));
    EXPECT_LE(session.refresh_expires_at(), after + TimeUtil::SecondsToDuration(30 * 24 * 3600));

    v1::User me;
    ASSERT_OK(getMe(session.access_token(), &me));
    EXPECT_EQ(me.id(), session.user().id());
    EXPECT_EQ(me.presence(), v1::PRESENCE_OFFLINE);
}

TEST_F(AuthTest, RegisterWithoutDisplayNameUsesUsername)
{
    const v1::Session session = client.registerUser("bob");
    EXPECT_EQ(session.user().display_name(), "bob");
}

TEST_F(AuthTest, RegisterRejectsTakenUsername)
{
    client.registerUser("anna");
    EXPECT_STATUS(registerWith("anna", "another password"), ALREADY_EXISTS, "username: ");
}

TEST_F(AuthTest, RegisterRejectsEachBadField)
{
    const std::string good = "correct horse";
    for (const std::string& name :
         {std::string("ab"), std::string(33, 'a'), std::string("Anna"), std::string("an na"),
          std::string("anna!"), std::string("änna"), std::string()}) {
        EXPECT_STATUS(registerWith(name, good), INVALID_ARGUMENT,
                      "username: must be 3-32 characters of a-z 0-9 . _ -")
            << name;
    }
    EXPECT_STATUS(registerWith("anna", "short"), INVALID_ARGUMENT, "password: must be 8-1024");
    EXPECT_STATUS(registerWith("anna", std::string(1025, 'x')), INVALID_ARGUMENT, "password: ");
    EXPECT_STATUS(registerWith("anna", good, std::string(65, 'x')), INVALID_ARGUMENT,
                  "display_name: must be 1-64 characters");
    EXPECT_STATUS(registerWith("anna", good, "tab\tname"), INVALID_ARGUMENT,
                  "display_name: must not contain control characters");
    EXPECT_STATUS(registerWith("anna", good, "   "), INVALID_ARGUMENT,
                  "display_name: must not be only whitespace");
    EXPECT_STATUS(registerWith("anna", good, "Anna", std::string(65, 'd')), INVALID_ARGUMENT,
                  "device_name: ");

    // 64 characters of 2-byte UTF-8 are allowed: limits count characters.
    std::string wide;
    for (int i = 0; i < 64; ++i) {
        wide += "é";
    }
    EXPECT_OK(registerWith("anna", good, wide));
    // Nothing was created by the rejected attempts.
    EXPECT_STATUS(registerWith("anna", good), ALREADY_EXISTS);
    EXPECT_OK(registerWith("a.b_c-9", std::string(1024, 'x')));
}

TEST_F(AuthTest, LoginAnswersUnknownUserAndWrongPasswordAlike)
{
    client.registerUser("anna", "correct horse");
    v1::Session session;
    const grpc::Status wrong = client.login("anna", "wrong password", &session);
    const grpc::Status unknown = client.login("nobody", "wrong password", &session);
    EXPECT_STATUS(wrong, UNAUTHENTICATED);
    EXPECT_STATUS(unknown, UNAUTHENTICATED);
    EXPECT_EQ(wrong.error_message(), unknown.error_message());
    EXPECT_STATUS(client.login("", "x", &session), INVALID_ARGUMENT, "username: ");
    EXPECT_STATUS(client.login("anna", "", &session), INVALID_ARGUMENT, "password: ");

    ASSERT_OK(client.login(" Anna ", "correct horse", &session));
    EXPECT_EQ(session.user().username(), "anna");
    EXPECT_OK(getMe(session.access_token()));
}

TEST_F(AuthTest, EachLoginIsItsOwnSession)
{
    const v1::Session first = client.registerUser("anna");
    v1::Session second;
    ASSERT_OK(client.login("anna", "correct horse", &second));
    EXPECT_NE(first.session_id(), second.session_id());
    EXPECT_NE(first.access_token(), second.access_token());
    EXPECT_OK(getMe(first.access_token()));
    EXPECT_OK(getMe(second.access_token()));
}

TEST_F(AuthTest, RefreshRotatesAndKeepsSession)
{
    const v1::Session first = client.registerUser("anna");
    v1::Session second;
    ASSERT_OK(refresh(first.refresh_token(), &second));
    EXPECT_EQ(second.session_id(), first.session_id());
    EXPECT_NE(second.access_token(), first.access_token());
    EXPECT_NE(second.refresh_token(), first.refresh_token());
    EXPECT_EQ(second.user().username(), "anna");
    EXPECT_OK(getMe(second.access_token()));

    v1::Session third;
    ASSERT_OK(refresh(second.refresh_token(), &third));
    EXPECT_EQ(third.session_id(), first.session_id());
    EXPECT_OK(getMe(third.access_token()));
}

TEST_F(AuthTest, ReusedRefreshTokenRevokesTheSession)
{
    const v1::Session first = client.registerUser("anna");
    v1::Session other;
    ASSERT_OK(client.login("anna", "correct horse", &other));
    v1::Session rotated;
    ASSERT_OK(refresh(first.refresh_token(), &rotated));

    v1::Session stolen;
    EXPECT_STATUS(refresh(first.refresh_token(), &stolen), UNAUTHENTICATED, "refresh_token: ");
    // The whole session is gone: its newest tokens as well.
    EXPECT_STATUS(getMe(rotated.access_token()), UNAUTHENTICATED);
    EXPECT_STATUS(refresh(rotated.refresh_token(), &stolen), UNAUTHENTICATED);
    // Other sessions of the user are untouched.
    EXPECT_OK(getMe(other.access_token()));
}

TEST_F(AuthTest, RefreshRejectsGarbage)
{
    v1::Session session;
    EXPECT_STATUS(refresh("", &session), UNAUTHENTICATED, "refresh_token: ");
    EXPECT_STATUS(refresh("not a token", &session), UNAUTHENTICATED, "refresh_token: ");
    EXPECT_STATUS(refresh(std::string(43, 'A'), &session), UNAUTHENTICATED, "refresh_token: ");
    // An access token is not a refresh token.
    const v1::Session real = client.registerUser("anna");
    EXPECT_STATUS(refresh(real.access_token(), &session), UNAUTHENTICATED);
}

TEST_F(AuthTest, LogoutRevokesOnlyThisDevice)
{
    const v1::Session laptop = client.registerUser("anna", "correct horse", "laptop");
    v1::Session phone;
    ASSERT_OK(client.login("anna", "correct horse", &phone, "phone"));

    v1::LogoutResponse response;
    ASSERT_OK(client.auth->Logout(Client::context(laptop.access_token()).get(), {}, &response));
    EXPECT_STATUS(getMe(laptop.access_token()), UNAUTHENTICATED);
    v1::Session refreshed;
    EXPECT_STATUS(refresh(laptop.refresh_token(), &refreshed), UNAUTHENTICATED);
    EXPECT_OK(getMe(phone.access_token()));
}

TEST_F(AuthTest, LogoutAllDevicesRevokesEverySession)
{
    const v1::Session laptop = client.registerUser("anna", "correct horse", "laptop");
    v1::Session phone;
    ASSERT_OK(client.login("anna", "correct horse", &phone, "phone"));
    const v1::Session bob = client.registerUser("bob");

    v1::LogoutRequest request;
    request.set_all_devices(true);
    v1::LogoutResponse response;
    ASSERT_OK(client.auth->Logout(Client::context(phone.access_token()).get(), request, &response));
    EXPECT_STATUS(getMe(laptop.access_token()), UNAUTHENTICATED);
    EXPECT_STATUS(getMe(phone.access_token()), UNAUTHENTICATED);
    EXPECT_OK(getMe(bob.access_token()));
}

class ShortLivedTokensTest : public ::testing::Test {
protected:
    static backend::ServerConfig config()
    {
        backend::ServerConfig c = testConfig({});
        c.accessTtl = std::chrono::seconds(1);
        c.refreshTtl = std::chrono::seconds(2);
        return c;
    }
    TestServer server{config()};
    Client client{server.channel()};
};

TEST_F(ShortLivedTokensTest, ExpiredTokensAreRefused)
{
    const v1::Session session = client.registerUser("anna");
    v1::User me;
    EXPECT_OK(client.accounts->GetMe(Client::context(session.access_token()).get(), {}, &me));
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    EXPECT_STATUS(client.accounts->GetMe(Client::context(session.access_token()).get(), {}, &me),
                  UNAUTHENTICATED);

    v1::RefreshRequest request;
    request.set_refresh_token(session.refresh_token());
    v1::Session refreshed;
    ASSERT_OK(client.auth->Refresh(Client::context().get(), request, &refreshed));
    EXPECT_OK(client.accounts->GetMe(Client::context(refreshed.access_token()).get(), {}, &me));

    std::this_thread::sleep_for(std::chrono::milliseconds(2200));
    request.set_refresh_token(refreshed.refresh_token());
    EXPECT_STATUS(client.auth->Refresh(Client::context().get(), request, &refreshed),
                  UNAUTHENTICATED, "refresh_token: ");
}

} // namespace
} // namespace confab::test
