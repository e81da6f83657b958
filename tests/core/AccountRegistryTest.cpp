#include "account/AccountRegistry.h"
#include "TestServer.h"
#include "account/AccountContext.h"
#include "account/Client.h"
#include "chat/ChatClient.h"

#include <QAbstractItemModelTester>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <gtest/gtest.h>

namespace confab::test {
namespace {

// The client's registry of signed-in accounts against a real server.
class AccountRegistryTest : public ::testing::Test {
protected:
    TempDir dir;
    std::unique_ptr<TestServer> server;
    std::unique_ptr<core::Client> client;

    void SetUp() override
    {
        backend::ServerConfig config = testConfig(dir.path() / "server");
        config.listen = "127.0.0.1:0";
        server = std::make_unique<TestServer>(config);
        core::Client::Options options;
        options.tokenService =
            QStringLiteral("confab-registry-test-") + QUuid::createUuid().toString();
        options.dataDir = QString::fromStdString((dir.path() / "app").string());
        options.settingsFile = QString::fromStdString((dir.path() / "settings.ini").string());
        client = std::make_unique<core::Client>(options);
        client->useRemote(QStringLiteral("127.0.0.1:%1").arg(server->server().port()), true);
        ASSERT_TRUE(QTest::qWaitFor([&] { return client->session() != nullptr; }, 10000));
    }

    void signIn()
    {
        client->session()->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"),
                                           QStringLiteral("Anna"), false);
        ASSERT_TRUE(QTest::qWaitFor(
            [&] { return client->session()->state() == core::Session::State::SignedIn; }, 10000));
    }
};

TEST_F(AccountRegistryTest, SigningInAddsTheAccountAndSigningOutRemovesItBeforeItIsDeleted)
{
    core::AccountRegistry& accounts = client->accounts();
    QAbstractItemModelTester tester(&accounts,
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy added(&accounts, &core::AccountRegistry::accountAdded);
    EXPECT_TRUE(accounts.isEmpty());

    ASSERT_NO_FATAL_FAILURE(signIn());
    ASSERT_EQ(added.count(), 1);
    ASSERT_EQ(accounts.rowCount(), 1);
    QPointer<core::AccountContext> account = accounts.at(0);
    EXPECT_EQ(added.at(0).at(0).value<core::AccountContext*>(), account.data());
    const QModelIndex row = accounts.index(0);
    EXPECT_EQ(row.data(core::AccountRegistry::UsernameRole).toString(), QStringLiteral("anna"));
    EXPECT_EQ(row.data(core::AccountRegistry::DisplayNameRole).toString(), QStringLiteral("Anna"));
    EXPECT_EQ(row.data(core::AccountRegistry::UserIdRole).toString(),
              QString::fromStdString(client->session()->user().id()));
    EXPECT_EQ(row.data(core::AccountRegistry::ServerRole).toString(), client->serverKey());
    EXPECT_EQ(row.data(core::AccountRegistry::AccountRole).value<core::AccountContext*>(),
              account.data());
    // The account's chat runs without any window.
    EXPECT_TRUE(QTest::qWaitFor(
        [&] { return account->chat()->connectionState() == core::EventStream::State::Live; },
        10000));

    // Views hear of the removal while the account still works; it is
    // deleted only once control is back in the event loop.
    bool usableWhenTold = false;
    QObject::connect(account, &core::AccountContext::aboutToBeRemoved, [&] {
        usableWhenTold = account->chat()->rooms() != nullptr && accounts.rowOf(account) == 0;
    });
    QSignalSpy aboutToRemove(&accounts, &core::AccountRegistry::accountAboutToBeRemoved);
    QSignalSpy removed(&accounts, &core::AccountRegistry::accountRemoved);
    client->session()->logout();
    EXPECT_EQ(aboutToRemove.count(), 1);
    EXPECT_EQ(removed.count(), 1);
    EXPECT_TRUE(usableWhenTold);
    EXPECT_TRUE(accounts.isEmpty());
    ASSERT_FALSE(account.isNull());
    EXPECT_EQ(account->chat()->connectionState(), core::EventStream::State::Disconnected);
    EXPECT_TRUE(QTest::qWaitFor([&] { return account.isNull(); }, 5000));
}

TEST_F(AccountRegistryTest, AnotherServerRemovesTheAccountBeforeItsSessionGoes)
{
    ASSERT_NO_FATAL_FAILURE(signIn());
    QPointer<core::AccountContext> account = client->accounts().at(0);
    ASSERT_FALSE(account.isNull());
    QPointer<core::Session> session = client->session();
    bool sessionAliveWhenAccountWent = false;
    QObject::connect(account, &QObject::destroyed,
                     [&] { sessionAliveWhenAccountWent = !session.isNull(); });

    client->useRemote(QStringLiteral("127.0.0.1:9"), true);
    EXPECT_TRUE(client->accounts().isEmpty());
    EXPECT_NE(client->session(), session.data());
    EXPECT_TRUE(QTest::qWaitFor([&] { return account.isNull() && session.isNull(); }, 5000));
    EXPECT_TRUE(sessionAliveWhenAccountWent);
}

} // namespace
} // namespace confab::test
