#include "account/Client.h"
#include "TestServer.h"
#include "base/Certificate.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <gtest/gtest.h>

namespace confab::test {
namespace {

// A self-signed certificate for "localhost", made with openssl.
struct Certificate {
    std::filesystem::path cert;
    std::filesystem::path key;

    static Certificate make(const std::filesystem::path& dir, const std::string& name)
    {
        Certificate c{dir / (name + ".pem"), dir / (name + ".key")};
        const std::string command =
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
            "-subj /CN=localhost -addext subjectAltName=DNS:localhost -keyout " +
            c.key.string() + " -out " + c.cert.string() + " >/dev/null 2>&1";
        EXPECT_EQ(std::system(command.c_str()), 0);
        return c;
    }
};

class ClientTest : public ::testing::Test {
protected:
    TempDir dir;

    std::unique_ptr<TestServer> tlsServer(const Certificate& certificate, int port = 0)
    {
        backend::ServerConfig config = testConfig(dir.path() / "server");
        config.listen = "127.0.0.1:" + std::to_string(port);
        config.tlsCertFile = certificate.cert.string();
        config.tlsKeyFile = certificate.key.string();
        return std::make_unique<TestServer>(config);
    }

    std::unique_ptr<core::Client> client()
    {
        core::Client::Options options;
        options.tokenService =
            QStringLiteral("confab-client-test-") + QUuid::createUuid().toString();
        options.dataDir = QString::fromStdString((dir.path() / "app").string());
        options.settingsFile = QString::fromStdString((dir.path() / "settings.ini").string());
        return std::make_unique<core::Client>(options);
    }
};

TEST_F(ClientTest, SelfSignedServerIsTrustedOnlyOnceAcceptedThenPinned)
{
    const Certificate first = Certificate::make(dir.path(), "first");
    auto server = tlsServer(first);
    const int port = server->server().port();
    const QString address = QStringLiteral("127.0.0.1:%1").arg(port);

    auto app = client();
    QSignalSpy approval(app.get(), &core::Client::certificateNeedsApproval);
    app->useRemote(address);
    ASSERT_TRUE(approval.wait(10000));
    const QString fingerprint = approval.at(0).at(0).toString();
    EXPECT_EQ(fingerprint.size(), 32 * 3 - 1); // AA:BB:... SHA-256
    EXPECT_EQ(app->state(), core::Client::State::Connecting);
    EXPECT_EQ(app->session(), nullptr);

    app->acceptCertificate();
    ASSERT_EQ(app->state(), core::Client::State::Ready);
    QSignalSpy signedIn(app->session(), &core::Session::stateChanged);
    app->session()->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"), {},
                                    false);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return app->session()->state() == core::Session::State::SignedIn; }, 10000));

    // Next time the pinned certificate is used without asking.
    auto again = client();
    QSignalSpy asked(again.get(), &core::Client::certificateNeedsApproval);
    QSignalSpy ready(again.get(), &core::Client::stateChanged);
    again->useRemote(address);
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return again->state() == core::Client::State::Ready; }, 10000));
    EXPECT_EQ(asked.count(), 0);

    // The server now shows another certificate: refused, with a warning.
    server.reset();
    const Certificate second = Certificate::make(dir.path(), "second");
    server = tlsServer(second, port);
    auto third = client();
    QSignalSpy changed(third.get(), &core::Client::certificateChanged);
    third->useRemote(address);
    ASSERT_TRUE(changed.wait(10000));
    EXPECT_EQ(changed.at(0).at(0).toString(), fingerprint);
    EXPECT_NE(changed.at(0).at(1).toString(), fingerprint);
    EXPECT_EQ(third->state(), core::Client::State::Failed);
    EXPECT_TRUE(third->errorString().contains(QStringLiteral("certificate has changed")));
    EXPECT_EQ(third->session(), nullptr);
}

TEST_F(ClientTest, TrustsAServerSignedByAGivenAuthority)
{
    const Certificate certificate = Certificate::make(dir.path(), "ca");
    auto server = tlsServer(certificate);
    auto app = client();
    QSignalSpy asked(app.get(), &core::Client::certificateNeedsApproval);
    app->useRemote(QStringLiteral("localhost:%1").arg(server->server().port()), false,
                   QString::fromStdString(certificate.cert.string()));
    ASSERT_EQ(app->state(), core::Client::State::Ready);
    app->session()->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"), {},
                                    false);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return app->session()->state() == core::Session::State::SignedIn; }, 10000));
    EXPECT_EQ(asked.count(), 0);

    auto missing = client();
    missing->useRemote(QStringLiteral("localhost:1"), false, QStringLiteral("/nonexistent.pem"));
    EXPECT_EQ(missing->state(), core::Client::State::Failed);
    EXPECT_TRUE(missing->errorString().contains(QStringLiteral("/nonexistent.pem")));
}

TEST_F(ClientTest, RefusesAnAddressThatIsNotOne)
{
    auto app = client();
    app->useRemote(QStringLiteral("not an address/"));
    EXPECT_EQ(app->state(), core::Client::State::Failed);
    EXPECT_FALSE(app->errorString().isEmpty());
}

TEST_F(ClientTest, ReportsAServerThatIsNotThere)
{
    auto app = client();
    app->useRemote(QStringLiteral("127.0.0.1:1"));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return app->state() == core::Client::State::Failed; }, 15000));
    EXPECT_TRUE(app->errorString().startsWith(QStringLiteral("Cannot reach the server")))
        << app->errorString().toStdString();
}

// A server without TLS reached as a TLS one: said in words, not OpenSSL's.
TEST_F(ClientTest, SaysWhenTheServerDoesNotUseTls)
{
    backend::ServerConfig config = testConfig(dir.path() / "server");
    config.listen = "127.0.0.1:0";
    TestServer server(config);
    auto app = client();
    app->useRemote(QStringLiteral("127.0.0.1:%1").arg(server.server().port()));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return app->state() == core::Client::State::Failed; }, 15000));
    const QString error = app->errorString();
    EXPECT_TRUE(error.contains(QStringLiteral("does not use TLS"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("Unencrypted connection"))) << error.toStdString();
    EXPECT_FALSE(error.contains(QStringLiteral("wrong version number"))) << error.toStdString();
}

// `confabd gen-cert` prints the fingerprint a user compares with the one the
// app shows on first contact: they are the same, and once accepted the app
// signs in over TLS with that certificate.
TEST_F(ClientTest, TheFingerprintOfGenCertIsTheOneTheAppShows)
{
    const auto certs = dir.path() / "certs";
    const std::string printed =
        backend::generateSelfSignedCertificate(certs, {"localhost", "127.0.0.1"});
    EXPECT_EQ(std::filesystem::status(certs / "confabd.key").permissions() &
                  std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    backend::ServerConfig config = testConfig(dir.path() / "server");
    config.tlsCertFile = (certs / "confabd.pem").string();
    config.tlsKeyFile = (certs / "confabd.key").string();
    TestServer server(config);

    auto app = client();
    QSignalSpy approval(app.get(), &core::Client::certificateNeedsApproval);
    app->useRemote(QStringLiteral("127.0.0.1:%1").arg(server.server().port()));
    ASSERT_TRUE(approval.wait(10000));
    EXPECT_EQ(approval.at(0).at(0).toString().toStdString(), printed);
    app->acceptCertificate();
    ASSERT_EQ(app->state(), core::Client::State::Ready);
    app->session()->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"), {},
                                    false);
    EXPECT_TRUE(QTest::qWaitFor(
        [&] { return app->session()->state() == core::Session::State::SignedIn; }, 10000));
}

} // namespace
} // namespace confab::test
