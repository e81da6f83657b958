#include "Server.h"
#include "StatusMatchers.h"
#include "TestServer.h"
#include "auth/PasswordHasher.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sqlite3.h>

#include <fstream>
#include <future>
#include <sstream>
#include <thread>

namespace confab::test {
namespace {

std::string slurp(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string storedPasswordHash(const std::filesystem::path& dataDir, const std::string& username)
{
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2((dataDir / "confab.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
              SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT password_hash FROM users WHERE username = ?", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, username.c_str(), -1, SQLITE_TRANSIENT);
    std::string hash;
    if (sqlite3_step(st) == SQLITE_ROW) {
        hash = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return hash;
}

TEST(Security, PasswordsAreArgon2idAndTokensAreNeverStored)
{
    TestServer server;
    Client client(server.channel());
    const v1::Session session = client.registerUser("anna", "correct horse");
    v1::RefreshRequest refresh;
    refresh.set_refresh_token(session.refresh_token());
    v1::Session rotated;
    ASSERT_OK(client.auth->Refresh(Client::context().get(), refresh, &rotated));

    const std::string hash = storedPasswordHash(server.dataDir(), "anna");
    EXPECT_TRUE(hash.starts_with("$argon2id$v=19$")) << hash;
    EXPECT_EQ(crypto_pwhash_str_verify(hash.c_str(), "correct horse", 13), 0);

    // Neither the tokens nor the password appear anywhere in the data
    // directory (database, WAL and all).
    server.stop();
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(server.dataDir())) {
        if (!entry.is_regular_file()) {
            continue;
        }
        ++files;
        const std::string bytes = slurp(entry.path());
        for (const std::string& secret :
             {session.access_token(), session.refresh_token(), rotated.access_token(),
              rotated.refresh_token(), std::string("correct horse")}) {
            EXPECT_EQ(bytes.find(secret), std::string::npos) << entry.path();
        }
    }
    EXPECT_GE(files, 1);
}

TEST(Security, DefaultPasswordCostMeetsTheFloor)
{
    const backend::ServerConfig defaults;
    backend::PasswordHasher hasher({defaults.passwordOpsLimit, defaults.passwordMemLimit}, 1, 1);
    const std::string hash = hasher.hashNow("correct horse");
    unsigned memoryKiB = 0;
    unsigned passes = 0;
    ASSERT_EQ(std::sscanf(hash.c_str(), "$argon2id$v=19$m=%u,t=%u,", &memoryKiB, &passes), 2)
        << hash;
    EXPECT_GE(memoryKiB, 19u * 1024);
    EXPECT_GE(passes, 2u);
    EXPECT_TRUE(hasher.verifyNow(hash, "correct horse").ok);
    EXPECT_FALSE(hasher.verifyNow(hash, "wrong").ok);
    // An unknown user is checked against a decoy and never matches.
    EXPECT_FALSE(hasher.verifyNow("", "").ok);
    EXPECT_FALSE(hasher.verifyNow("", "correct horse").ok);
    // The decoy is a well-formed hash with the very parameters of real ones,
    // so checking against it costs what a real check costs.
    const std::string& decoy = hasher.decoyHash();
    EXPECT_EQ(crypto_pwhash_str_needs_rehash(decoy.c_str(), defaults.passwordOpsLimit,
                                             defaults.passwordMemLimit),
              0)
        << decoy;
    EXPECT_EQ(decoy.size(), hash.size());
    EXPECT_EQ(decoy.substr(0, decoy.find('$', 20)), hash.substr(0, hash.find('$', 20)));
}

TEST(Security, WeakerStoredHashesAreUpgradedOnLogin)
{
    TempDir dir;
    backend::ServerConfig weak = testConfig(dir.path());
    {
        TestServer server(weak);
        Client(server.channel()).registerUser("anna", "correct horse");
    }
    const std::string before = storedPasswordHash(dir.path(), "anna");
    ASSERT_NE(before.find("t=1"), std::string::npos) << before;

    backend::ServerConfig stronger = weak;
    stronger.passwordOpsLimit = 3;
    stronger.passwordMemLimit = 1024 * 1024;
    {
        TestServer server(stronger);
        Client client(server.channel());
        v1::Session session;
        EXPECT_STATUS(client.login("anna", "wrong password", &session), UNAUTHENTICATED);
        EXPECT_EQ(storedPasswordHash(dir.path(), "anna"), before);
        ASSERT_OK(client.login("anna", "correct horse", &session));
    }
    const std::string after = storedPasswordHash(dir.path(), "anna");
    EXPECT_NE(after.find("m=1024,t=3"), std::string::npos) << after;
    EXPECT_EQ(crypto_pwhash_str_verify(after.c_str(), "correct horse", 13), 0);
}

TEST(Security, FailedLoginsAreThrottledPerAccount)
{
    TestServer server;
    Client client(server.channel());
    client.registerUser("anna", "correct horse");
    v1::Session session;
    for (int i = 0; i < 5; ++i) {
        EXPECT_STATUS(client.login("anna", "guess " + std::to_string(i), &session),
                      UNAUTHENTICATED);
        EXPECT_STATUS(client.login("ghost", "guess " + std::to_string(i), &session),
                      UNAUTHENTICATED);
    }
    const grpc::Status real = client.login("anna", "another guess", &session);
    const grpc::Status ghost = client.login("ghost", "another guess", &session);
    EXPECT_STATUS(real, RESOURCE_EXHAUSTED);
    EXPECT_STATUS(ghost, RESOURCE_EXHAUSTED);
    EXPECT_EQ(real.error_message(), ghost.error_message());
    // Even the right password waits for the delay to pass.
    EXPECT_STATUS(client.login("anna", "correct horse", &session), RESOURCE_EXHAUSTED);
    // Another account is not affected.
    client.registerUser("bob", "correct horse");
    EXPECT_OK(client.login("bob", "correct horse", &session));

    // After the (test-sized) delay one more attempt is let through.
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    EXPECT_OK(client.login("anna", "correct horse", &session));
    // Success forgives the account's failures.
    EXPECT_STATUS(client.login("anna", "wrong again", &session), UNAUTHENTICATED);
    EXPECT_STATUS(client.login("anna", "wrong again", &session), UNAUTHENTICATED);
}

TEST(Security, DelayGrowsWithEveryFurtherFailure)
{
    TestServer server;
    Client client(server.channel());
    client.registerUser("anna", "correct horse");
    v1::Session session;
    for (int i = 0; i < 5; ++i) {
        EXPECT_STATUS(client.login("anna", "guess", &session), UNAUTHENTICATED);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250)); // past 200 ms
    EXPECT_STATUS(client.login("anna", "guess", &session), UNAUTHENTICATED);
    std::this_thread::sleep_for(std::chrono::milliseconds(250)); // the next wait is 400 ms
    EXPECT_STATUS(client.login("anna", "correct horse", &session), RESOURCE_EXHAUSTED);
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    EXPECT_OK(client.login("anna", "correct horse", &session));
}

TEST(Security, FailedLoginsAreThrottledPerAddress)
{
    backend::ServerConfig config = testConfig({});
    config.throttle.freeFailuresPerAddress = 8;
    TestServer server(config);
    Client client(server.channel());
    v1::Session session;
    for (int i = 0; i < 8; ++i) {
        EXPECT_STATUS(client.login("user" + std::to_string(i), "guess", &session), UNAUTHENTICATED);
    }
    EXPECT_STATUS(client.login("someone.else", "guess", &session), RESOURCE_EXHAUSTED);
}

TEST(Security, ParallelGuessesAreThrottledToo)
{
    TestServer server;
    Client client(server.channel());
    client.registerUser("anna", "correct horse");
    std::vector<std::future<grpc::StatusCode>> attempts;
    for (int i = 0; i < 12; ++i) {
        attempts.push_back(std::async(std::launch::async, [&client, i] {
            v1::Session session;
            return client.login("anna", "guess " + std::to_string(i), &session).error_code();
        }));
    }
    int refused = 0;
    int wrong = 0;
    for (auto& attempt : attempts) {
        const auto code = attempt.get();
        refused += code == grpc::StatusCode::RESOURCE_EXHAUSTED;
        wrong += code == grpc::StatusCode::UNAUTHENTICATED;
    }
    EXPECT_EQ(wrong, 5);
    EXPECT_EQ(refused, 7);
}

TEST(Security, RefusesPublicAddressWithoutTls)
{
    TempDir dir;
    backend::ServerConfig config = testConfig(dir.path());
    config.listen = "0.0.0.0:0";
    backend::Server refused(config);
    try {
        refused.start();
        FAIL() << "a public address without TLS was accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("--insecure"), std::string::npos) << e.what();
    }
    config.insecure = true;
    backend::Server accepted(config);
    EXPECT_NO_THROW(accepted.start());
    EXPECT_GT(accepted.port(), 0);
}

TEST(Security, ServesTls)
{
    TempDir dir;
    const auto cert = dir.path() / "cert.pem";
    const auto key = dir.path() / "key.pem";
    const std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
        "-subj /CN=localhost -addext subjectAltName=DNS:localhost -keyout " +
        key.string() + " -out " + cert.string() + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << "openssl could not make a certificate";

    backend::ServerConfig config = testConfig(dir.path() / "data");
    config.tlsCertFile = cert.string();
    config.tlsKeyFile = key.string();
    TestServer server(config);

    grpc::SslCredentialsOptions options;
    options.pem_root_certs = slurp(cert);
    grpc::ChannelArguments args;
    args.SetSslTargetNameOverride("localhost");
    Client secure(grpc::CreateCustomChannel(server.target(), grpc::SslCredentials(options), args));
    const v1::Session session = secure.registerUser("anna");
    EXPECT_FALSE(session.access_token().empty());

    // Plain text to a TLS port does not get through.
    Client plain(grpc::CreateChannel(server.target(), grpc::InsecureChannelCredentials()));
    v1::Session ignored;
    EXPECT_STATUS(plain.login("anna", "correct horse", &ignored), UNAVAILABLE);
}

// A key that is not the certificate's is named as such (it once ended as
// "cannot listen … address in use", exit status 98).
TEST(Security, AKeyThatIsNotTheCertificatesIsSaidToBeSo)
{
    TempDir dir;
    for (const char* name : {"one", "two"}) {
        const std::string command =
            std::string("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 ") +
            "-nodes -days 1 -subj /CN=localhost -keyout " + (dir.path() / name).string() +
            ".key -out " + (dir.path() / name).string() + ".pem >/dev/null 2>&1";
        ASSERT_EQ(std::system(command.c_str()), 0);
    }
    backend::ServerConfig config = testConfig(dir.path() / "data");
    config.tlsCertFile = (dir.path() / "one.pem").string();
    config.tlsKeyFile = (dir.path() / "two.key").string();
    backend::Server server(config);
    try {
        server.start();
        FAIL() << "a key of another certificate was taken";
    } catch (const backend::ListenError& e) {
        FAIL() << "told as a listening problem: " << e.what();
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("--tls-key does not go with --tls-cert"),
                  std::string::npos)
            << e.what();
    }
    // Not PEM at all.
    config.tlsKeyFile = (dir.path() / "one.pem").string();
    config.tlsCertFile = (dir.path() / "one.key").string();
    backend::Server garbled(config);
    EXPECT_THROW(garbled.start(), std::runtime_error);
}

TEST(Security, OversizedRequestsAreRefusedAndTheServerGoesOn)
{
    TestServer server;
    Client client(server.channel());
    const v1::Session session = client.registerUser("anna");
    v1::UpdateProfileRequest huge;
    huge.set_bio(std::string(1024 * 1024 + 10, 'x'));
    v1::User user;
    EXPECT_STATUS(
        client.accounts->UpdateProfile(Client::context(session.access_token()).get(), huge, &user),
        RESOURCE_EXHAUSTED);
    EXPECT_OK(client.accounts->GetMe(Client::context(session.access_token()).get(), {}, &user));
    EXPECT_EQ(user.bio(), "");
}

TEST(Security, ConcurrentRegistrationsAllLand)
{
    TestServer server;
    Client client(server.channel());
    std::vector<std::future<grpc::Status>> calls;
    for (int i = 0; i < 24; ++i) {
        calls.push_back(std::async(std::launch::async, [&client, i] {
            v1::RegisterRequest request;
            request.set_username("user" + std::to_string(i % 20));
            request.set_password("correct horse");
            v1::Session session;
            return client.auth->Register(Client::context().get(), request, &session);
        }));
    }
    int created = 0;
    int taken = 0;
    for (auto& call : calls) {
        const grpc::Status status = call.get();
        created += status.ok();
        taken += status.error_code() == grpc::StatusCode::ALREADY_EXISTS;
    }
    EXPECT_EQ(created, 20);
    EXPECT_EQ(taken, 4);
    const v1::Session me = client.registerUser("last.one");
    v1::SearchUsersRequest search;
    search.set_query("user");
    search.set_limit(50);
    v1::SearchUsersResponse found;
    ASSERT_OK(
        client.accounts->SearchUsers(Client::context(me.access_token()).get(), search, &found));
    EXPECT_EQ(found.users_size(), 20);
}

} // namespace
} // namespace confab::test
