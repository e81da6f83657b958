#include "StatusMatchers.h"
#include "TestServer.h"
#include "base/Crypto.h"

#include <gtest/gtest.h>

namespace confab::test {
namespace {

std::string pngBytes(std::size_t size = 64)
{
    std::string bytes("\x89PNG\r\n\x1a\n", 8);
    bytes.resize(std::max<std::size_t>(size, 8), '\x01');
    return bytes;
}

std::string jpegBytes()
{
    return std::string("\xff\xd8\xff\xe0", 4) + std::string(60, '\x02');
}

std::string webpBytes()
{
    return std::string("RIFF\x20\x00\x00\x00WEBPVP8 ", 16) + std::string(40, '\x03');
}

class AccountsTest : public ::testing::Test {
protected:
    TestServer server;
    Client client{server.channel()};
    v1::Session anna = client.registerUser("anna", "correct horse", "laptop");

    grpc::Status update(const v1::UpdateProfileRequest& request, v1::User* user = nullptr,
                        const std::string& token = {})
    {
        v1::User ignored;
        return client.accounts->UpdateProfile(
            Client::context(token.empty() ? anna.access_token() : token).get(), request,
            user ? user : &ignored);
    }

    grpc::Status getUser(const v1::GetUserRequest& request, v1::User* user)
    {
        return client.accounts->GetUser(Client::context(anna.access_token()).get(), request, user);
    }

    grpc::Status getMe(const std::string& token, v1::User* user = nullptr)
    {
        v1::User ignored;
        return client.accounts->GetMe(Client::context(token).get(), {}, user ? user : &ignored);
    }

    std::vector<v1::SessionInfo> sessions(const std::string& token)
    {
        v1::ListSessionsResponse response;
        EXPECT_OK(client.accounts->ListSessions(Client::context(token).get(), {}, &response));
        return {response.sessions().begin(), response.sessions().end()};
    }
};

TEST_F(AccountsTest, UpdateProfileChangesOnlyTheFieldsSet)
{
    v1::UpdateProfileRequest request;
    request.set_display_name("Anna");
    request.set_bio("Line one\nLine two");
    request.set_status_text("in a meeting");
    v1::User user;
    ASSERT_OK(update(request, &user));
    EXPECT_EQ(user.display_name(), "Anna");
    EXPECT_EQ(user.bio(), "Line one\nLine two");
    EXPECT_EQ(user.status_text(), "in a meeting");

    v1::UpdateProfileRequest onlyBio;
    onlyBio.set_bio("");
    ASSERT_OK(update(onlyBio, &user));
    EXPECT_EQ(user.bio(), "");
    EXPECT_EQ(user.display_name(), "Anna");
    EXPECT_EQ(user.status_text(), "in a meeting");

    v1::User me;
    ASSERT_OK(getMe(anna.access_token(), &me));
    EXPECT_EQ(me.display_name(), "Anna");
    EXPECT_EQ(me.bio(), "");
}

TEST_F(AccountsTest, UpdateProfileRejectsBadFieldsAndKeepsTheOldValues)
{
    v1::UpdateProfileRequest good;
    good.set_display_name("Anna");
    ASSERT_OK(update(good));

    const auto rejected = [&](auto set, const std::string& prefix) {
        v1::UpdateProfileRequest request;
        set(request);
        EXPECT_STATUS(update(request), INVALID_ARGUMENT, prefix) << prefix;
    };
    rejected([](auto& r) { r.set_display_name(""); }, "display_name: must be 1-64");
    rejected([](auto& r) { r.set_display_name(std::string(65, 'x')); }, "display_name: ");
    rejected([](auto& r) { r.set_bio(std::string(501, 'x')); }, "bio: must be at most 500");
    rejected([](auto& r) { r.set_status_text(std::string(101, 'x')); }, "status_text: ");
    rejected([](auto& r) { r.set_status_text("two\nlines"); }, "status_text: ");
    rejected([](auto& r) { r.set_avatar("GIF89a" + std::string(40, '\0')); },
             "avatar: must be a PNG, JPEG or WebP image");
    rejected([](auto& r) { r.set_avatar("not an image at all"); }, "avatar: ");
    rejected([](auto& r) { r.set_avatar(pngBytes(256 * 1024 + 1)); }, "avatar: must be at most");
    // A good field beside a bad one changes nothing.
    rejected(
        [](auto& r) {
            r.set_display_name("Changed");
            r.set_bio(std::string(501, 'x'));
        },
        "bio: ");

    v1::User me;
    ASSERT_OK(getMe(anna.access_token(), &me));
    EXPECT_EQ(me.display_name(), "Anna");
    EXPECT_EQ(me.bio(), "");
}

TEST_F(AccountsTest, AvatarsAreCheckedByContentAndCanBeRemoved)
{
    for (const std::string& image : {pngBytes(), jpegBytes(), webpBytes(), pngBytes(256 * 1024)}) {
        v1::UpdateProfileRequest request;
        request.set_avatar(image);
        v1::User user;
        ASSERT_OK(update(request, &user));
        EXPECT_EQ(user.avatar(), image);
        EXPECT_EQ(user.avatar_sha256(), backend::crypto::sha256Hex(image));
    }

    const v1::Session bob = client.registerUser("bob");
    v1::GetUserRequest byName;
    byName.set_username("anna");
    v1::User seen;
    ASSERT_OK(client.accounts->GetUser(Client::context(bob.access_token()).get(), byName, &seen));
    EXPECT_EQ(seen.avatar(), pngBytes(256 * 1024));

    v1::UpdateProfileRequest remove;
    remove.set_avatar("");
    v1::User user;
    ASSERT_OK(update(remove, &user));
    EXPECT_TRUE(user.avatar().empty());
    EXPECT_TRUE(user.avatar_sha256().empty());
}

TEST_F(AccountsTest, GetUserByIdOrUsername)
{
    const v1::Session bob = client.registerUser("bob");
    v1::GetUserRequest request;
    v1::User user;
    request.set_user_id(bob.user().id());
    ASSERT_OK(getUser(request, &user));
    EXPECT_EQ(user.username(), "bob");
    EXPECT_EQ(user.presence(), v1::PRESENCE_OFFLINE);

    request.set_username("bob");
    ASSERT_OK(getUser(request, &user));
    EXPECT_EQ(user.id(), bob.user().id());

    request.set_username("nobody");
    EXPECT_STATUS(getUser(request, &user), NOT_FOUND);
    request.set_user_id("0123456789abcdef0123456789abcdef");
    EXPECT_STATUS(getUser(request, &user), NOT_FOUND);
    EXPECT_STATUS(getUser(v1::GetUserRequest{}, &user), INVALID_ARGUMENT, "user_id: ");
    request.set_user_id("");
    EXPECT_STATUS(getUser(request, &user), INVALID_ARGUMENT, "user_id: ");
}

TEST_F(AccountsTest, SearchUsersMatchesPrefixesOfNames)
{
    client.registerUser("bob");
    client.registerUser("bobby");
    const v1::Session carol = client.registerUser("carol");
    v1::UpdateProfileRequest rename;
    rename.set_display_name("Bobbie Carol");
    ASSERT_OK(update(rename, nullptr, carol.access_token()));

    const auto search = [&](const std::string& query, unsigned limit = 0) {
        v1::SearchUsersRequest request;
        request.set_query(query);
        request.set_limit(limit);
        v1::SearchUsersResponse response;
        EXPECT_OK(client.accounts->SearchUsers(Client::context(anna.access_token()).get(), request,
                                               &response));
        std::vector<std::string> names;
        for (const auto& user : response.users()) {
            names.push_back(user.username());
            EXPECT_TRUE(user.avatar().empty());
        }
        return names;
    };
    EXPECT_EQ(search("bob"), (std::vector<std::string>{"bob", "bobby", "carol"}));
    EXPECT_EQ(search("BOBB"), (std::vector<std::string>{"bobby", "carol"}));
    EXPECT_EQ(search("car"), (std::vector<std::string>{"carol"}));
    EXPECT_EQ(search("bob", 1), (std::vector<std::string>{"bob"}));
    EXPECT_TRUE(search("zed").empty());
    EXPECT_TRUE(search("%").empty());
    EXPECT_TRUE(search("_").empty());

    v1::SearchUsersRequest empty;
    v1::SearchUsersResponse response;
    EXPECT_STATUS(
        client.accounts->SearchUsers(Client::context(anna.access_token()).get(), empty, &response),
        INVALID_ARGUMENT, "query: ");
}

TEST_F(AccountsTest, ChangePasswordChecksTheOldOneAndRevokesOtherSessions)
{
    v1::Session phone;
    ASSERT_OK(client.login("anna", "correct horse", &phone, "phone"));

    v1::ChangePasswordRequest request;
    request.set_old_password("wrong password");
    request.set_new_password("battery staple");
    v1::ChangePasswordResponse response;
    EXPECT_STATUS(client.accounts->ChangePassword(Client::context(anna.access_token()).get(),
                                                  request, &response),
                  PERMISSION_DENIED, "password: incorrect");
    EXPECT_OK(getMe(anna.access_token()));
    EXPECT_OK(getMe(phone.access_token()));

    request.set_old_password("correct horse");
    request.set_new_password("short");
    EXPECT_STATUS(client.accounts->ChangePassword(Client::context(anna.access_token()).get(),
                                                  request, &response),
                  INVALID_ARGUMENT, "new_password: ");

    request.set_new_password("battery staple");
    ASSERT_OK(client.accounts->ChangePassword(Client::context(anna.access_token()).get(), request,
                                              &response));
    EXPECT_OK(getMe(anna.access_token()));
    EXPECT_STATUS(getMe(phone.access_token()), UNAUTHENTICATED);

    v1::Session session;
    EXPECT_STATUS(client.login("anna", "correct horse", &session), UNAUTHENTICATED);
    EXPECT_OK(client.login("anna", "battery staple", &session));
}

TEST_F(AccountsTest, DeleteAccountKeepsATombstone)
{
    const v1::Session bob = client.registerUser("bob");
    v1::UpdateProfileRequest profile;
    profile.set_bio("about anna");
    profile.set_avatar(pngBytes());
    ASSERT_OK(update(profile));

    v1::DeleteAccountRequest request;
    request.set_password("wrong password");
    v1::DeleteAccountResponse response;
    EXPECT_STATUS(client.accounts->DeleteAccount(Client::context(anna.access_token()).get(),
                                                 request, &response),
                  PERMISSION_DENIED, "password: incorrect");
    EXPECT_OK(getMe(anna.access_token()));

    request.set_password("correct horse");
    ASSERT_OK(client.accounts->DeleteAccount(Client::context(anna.access_token()).get(), request,
                                             &response));
    EXPECT_STATUS(getMe(anna.access_token()), UNAUTHENTICATED);

    v1::GetUserRequest byId;
    byId.set_user_id(anna.user().id());
    v1::User gone;
    ASSERT_OK(client.accounts->GetUser(Client::context(bob.access_token()).get(), byId, &gone));
    EXPECT_TRUE(gone.deleted());
    EXPECT_EQ(gone.id(), anna.user().id());
    EXPECT_TRUE(gone.display_name().empty());
    EXPECT_TRUE(gone.bio().empty());
    EXPECT_TRUE(gone.avatar().empty());
    EXPECT_TRUE(gone.avatar_sha256().empty());
    EXPECT_EQ(gone.presence(), v1::PRESENCE_OFFLINE);

    v1::Session session;
    EXPECT_STATUS(client.login("anna", "correct horse", &session), UNAUTHENTICATED);
    v1::SearchUsersRequest search;
    search.set_query("ann");
    v1::SearchUsersResponse found;
    ASSERT_OK(
        client.accounts->SearchUsers(Client::context(bob.access_token()).get(), search, &found));
    EXPECT_EQ(found.users_size(), 0);

    // The name stays reserved, so nobody can pass for the old account.
    v1::RegisterRequest again;
    again.set_username("anna");
    again.set_password("correct horse");
    EXPECT_STATUS(client.auth->Register(Client::context().get(), again, &session), ALREADY_EXISTS);
}

TEST_F(AccountsTest, ListAndRevokeSessions)
{
    v1::Session phone;
    ASSERT_OK(client.login("anna", "correct horse", &phone, "phone"));
    const v1::Session bob = client.registerUser("bob");

    auto list = sessions(anna.access_token());
    ASSERT_EQ(list.size(), 2u);
    int current = 0;
    for (const auto& info : list) {
        if (info.current()) {
            ++current;
            EXPECT_EQ(info.session_id(), anna.session_id());
            EXPECT_EQ(info.device_name(), "laptop");
        } else {
            EXPECT_EQ(info.session_id(), phone.session_id());
            EXPECT_EQ(info.device_name(), "phone");
        }
        EXPECT_GT(info.created_at().seconds(), 0);
        EXPECT_GE(info.last_used_at().seconds(), info.created_at().seconds());
    }
    EXPECT_EQ(current, 1);

    v1::RevokeSessionRequest request;
    v1::RevokeSessionResponse response;
    // Somebody else's session is not found, and stays alive.
    request.set_session_id(bob.session_id());
    EXPECT_STATUS(client.accounts->RevokeSession(Client::context(anna.access_token()).get(),
                                                 request, &response),
                  NOT_FOUND);
    EXPECT_OK(getMe(bob.access_token()));
    request.set_session_id("no-such-session");
    EXPECT_STATUS(client.accounts->RevokeSession(Client::context(anna.access_token()).get(),
                                                 request, &response),
                  NOT_FOUND, "session_id: ");
    request.set_session_id("");
    EXPECT_STATUS(client.accounts->RevokeSession(Client::context(anna.access_token()).get(),
                                                 request, &response),
                  INVALID_ARGUMENT, "session_id: ");

    request.set_session_id(phone.session_id());
    ASSERT_OK(client.accounts->RevokeSession(Client::context(anna.access_token()).get(), request,
                                             &response));
    EXPECT_STATUS(getMe(phone.access_token()), UNAUTHENTICATED);
    list = sessions(anna.access_token());
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].session_id(), anna.session_id());
    // Revoking it twice: it is no longer there.
    EXPECT_STATUS(client.accounts->RevokeSession(Client::context(anna.access_token()).get(),
                                                 request, &response),
                  NOT_FOUND);
}

} // namespace
} // namespace confab::test
