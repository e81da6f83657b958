#include "account/Session.h"
#include "TestServer.h"
#include "account/Account.h"
#include "account/TokenStore.h"
#include "net/Rpc.h"

#include <QAbstractItemModelTester>
#include <QDirIterator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

#include <gtest/gtest.h>

#include <thread>

namespace confab::test {
namespace {

using core::Session;

// The client core against a real server running in this process.
class SessionTest : public ::testing::Test {
protected:
    static backend::ServerConfig config()
    {
        backend::ServerConfig c = testConfig({});
        c.accessTtl = std::chrono::seconds(1);
        return c;
    }

    TestServer server{config()};
    core::TokenStore tokens{QStringLiteral("confab-core-test-") + QUuid::createUuid().toString()};

    std::unique_ptr<Session> newSession()
    {
        auto connection = std::make_shared<core::Connection>(
            QString::fromStdString(server.target()), core::Connection::Security{});
        return std::make_unique<Session>(connection, QStringLiteral("local"), &tokens);
    }

    static bool signedIn(Session& session)
    {
        return QTest::qWaitFor([&] { return session.state() == Session::State::SignedIn; }, 10000);
    }
};

TEST_F(SessionTest, RegistersAndSignsIn)
{
    auto session = newSession();
    QSignalSpy states(session.get(), &Session::stateChanged);
    session->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"),
                             QStringLiteral("Anna"), false);
    EXPECT_EQ(session->state(), Session::State::SigningIn);
    ASSERT_TRUE(signedIn(*session));
    EXPECT_EQ(session->username(), QStringLiteral("anna"));
    EXPECT_EQ(session->user().display_name(), "Anna");
    EXPECT_FALSE(session->sessionId().isEmpty());
    EXPECT_EQ(states.count(), 2); // SigningIn, SignedIn

    auto again = newSession();
    QSignalSpy failed(again.get(), &Session::signInFailed);
    again->signIn(QStringLiteral("anna"), QStringLiteral("wrong password"), false);
    ASSERT_TRUE(failed.wait(10000));
    const auto error = failed.at(0).at(0).value<core::Error>();
    EXPECT_EQ(error.code, core::Error::Code::Unauthenticated);
    EXPECT_EQ(again->state(), Session::State::SignedOut);

    again->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"), {}, false);
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_EQ(failed.at(1).at(0).value<core::Error>().code, core::Error::Code::AlreadyExists);
    EXPECT_EQ(failed.at(1).at(0).value<core::Error>().field, QStringLiteral("username"));
}

TEST_F(SessionTest, RefreshesAnExpiredAccessTokenByItself)
{
    auto session = newSession();
    session->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"), {}, false);
    ASSERT_TRUE(signedIn(*session));
    const QString sessionId = session->sessionId();
    // Past the 1 s access lifetime (and past the server's token cache).
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));

    core::Account account(*session);
    QSignalSpy updated(&account, &core::Account::profileUpdated);
    QSignalSpy failed(&account, &core::Account::profileUpdateFailed);
    core::Account::ProfileChange change;
    change.statusText = QStringLiteral("still here");
    account.updateProfile(change);
    ASSERT_TRUE(updated.wait(10000)) << failed.count();
    EXPECT_EQ(session->user().status_text(), "still here");
    EXPECT_EQ(session->sessionId(), sessionId);
    EXPECT_EQ(session->state(), Session::State::SignedIn);
}

TEST_F(SessionTest, EditsTheProfile)
{
    auto session = newSession();
    session->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"), {}, false);
    ASSERT_TRUE(signedIn(*session));
    core::Account account(*session);
    QSignalSpy userChanged(session.get(), &Session::userChanged);
    QSignalSpy updated(&account, &core::Account::profileUpdated);
    QSignalSpy failed(&account, &core::Account::profileUpdateFailed);

    core::Account::ProfileChange change;
    change.displayName = QStringLiteral("Anna Müller");
    change.bio = QStringLiteral("Two\nlines");
    change.avatar = QByteArray("\x89PNG\r\n\x1a\n0000", 12);
    account.updateProfile(change);
    ASSERT_TRUE(updated.wait(10000));
    EXPECT_EQ(session->user().display_name(), "Anna Müller");
    EXPECT_EQ(session->user().bio(), "Two\nlines");
    EXPECT_EQ(session->user().avatar().size(), 12u);
    EXPECT_GE(userChanged.count(), 1);

    core::Account::ProfileChange bad;
    bad.displayName = QString(65, QLatin1Char('x'));
    account.updateProfile(bad);
    ASSERT_TRUE(failed.wait(10000));
    const auto error = failed.at(0).at(0).value<core::Error>();
    EXPECT_EQ(error.code, core::Error::Code::InvalidInput);
    EXPECT_EQ(error.field, QStringLiteral("display_name"));
    EXPECT_EQ(session->user().display_name(), "Anna Müller");
}

TEST_F(SessionTest, ListsAndRevokesSessions)
{
    auto laptop = newSession();
    laptop->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"), {}, false);
    ASSERT_TRUE(signedIn(*laptop));
    auto phone = newSession();
    phone->signIn(QStringLiteral("anna"), QStringLiteral("correct horse"), false);
    ASSERT_TRUE(signedIn(*phone));

    core::Account account(*laptop);
    QAbstractItemModelTester tester(account.sessions(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(&account, &core::Account::sessionsLoaded);
    account.loadSessions();
    ASSERT_TRUE(loaded.wait(10000));
    ASSERT_EQ(account.sessions()->rowCount(), 2);
    int current = 0;
    QString other;
    for (int row = 0; row < 2; ++row) {
        const QModelIndex index = account.sessions()->index(row);
        if (index.data(core::SessionsModel::CurrentRole).toBool()) {
            ++current;
            EXPECT_EQ(index.data(core::SessionsModel::SessionIdRole).toString(),
                      laptop->sessionId());
        } else {
            other = index.data(core::SessionsModel::SessionIdRole).toString();
        }
    }
    EXPECT_EQ(current, 1);
    EXPECT_EQ(other, phone->sessionId());

    QSignalSpy revoked(&account, &core::Account::sessionRevoked);
    account.revokeSession(other);
    ASSERT_TRUE(revoked.wait(10000));
    EXPECT_EQ(account.sessions()->rowCount(), 1);

    // The phone hears of it at its next call: the refresh fails, it is signed out.
    QSignalSpy ended(phone.get(), &Session::sessionEnded);
    core::Account phoneAccount(*phone);
    phoneAccount.loadSessions();
    ASSERT_TRUE(ended.wait(10000));
    EXPECT_EQ(phone->state(), Session::State::SignedOut);
}

TEST_F(SessionTest, ChangesThePasswordAndDeletesTheAccount)
{
    auto session = newSession();
    session->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"), {}, false);
    ASSERT_TRUE(signedIn(*session));
    core::Account account(*session);

    QSignalSpy changeFailed(&account, &core::Account::passwordChangeFailed);
    account.changePassword(QStringLiteral("wrong password"), QStringLiteral("battery staple"));
    ASSERT_TRUE(changeFailed.wait(10000));
    EXPECT_EQ(changeFailed.at(0).at(0).value<core::Error>().code,
              core::Error::Code::PermissionDenied);

    QSignalSpy changed(&account, &core::Account::passwordChanged);
    account.changePassword(QStringLiteral("correct horse"), QStringLiteral("battery staple"));
    ASSERT_TRUE(changed.wait(10000));

    QSignalSpy deleteFailed(&account, &core::Account::accountDeletionFailed);
    account.deleteAccount(QStringLiteral("correct horse"));
    ASSERT_TRUE(deleteFailed.wait(10000));
    EXPECT_EQ(session->state(), Session::State::SignedIn);

    QSignalSpy deleted(&account, &core::Account::accountDeleted);
    account.deleteAccount(QStringLiteral("battery staple"));
    ASSERT_TRUE(deleted.wait(10000));
    EXPECT_EQ(session->state(), Session::State::SignedOut);

    auto again = newSession();
    QSignalSpy failed(again.get(), &Session::signInFailed);
    again->signIn(QStringLiteral("anna"), QStringLiteral("battery staple"), false);
    ASSERT_TRUE(failed.wait(10000));
}

TEST_F(SessionTest, LogsOut)
{
    auto session = newSession();
    session->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"), {}, false);
    ASSERT_TRUE(signedIn(*session));
    auto other = newSession();
    other->signIn(QStringLiteral("anna"), QStringLiteral("correct horse"), false);
    ASSERT_TRUE(signedIn(*other));

    session->logout(true);
    EXPECT_EQ(session->state(), Session::State::SignedOut);
    QSignalSpy ended(other.get(), &Session::sessionEnded);
    core::Account account(*other);
    QTest::qWait(300); // the logout reaches the server
    account.loadSessions();
    ASSERT_TRUE(ended.wait(10000));
}

// Needs a real, unlocked Secret Service (scripts/test provides one).
class KeychainSession : public SessionTest {};

TEST_F(KeychainSession, SignsInAgainFromTheKeychainWithoutAPassword)
{
    {
        auto first = newSession();
        QSignalSpy written(&tokens, &core::TokenStore::writeFinished);
        first->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"), {}, true);
        ASSERT_TRUE(signedIn(*first));
        ASSERT_TRUE(written.count() > 0 || written.wait(10000));
        EXPECT_EQ(written.at(0).at(1).value<core::TokenStore::Status>(),
                  core::TokenStore::Status::Ok);
        EXPECT_TRUE(first->notice().isEmpty()) << first->notice().toStdString();
    } // the app is closed

    auto second = newSession();
    second->restore(QStringLiteral("anna"));
    ASSERT_TRUE(signedIn(*second));
    EXPECT_EQ(second->username(), QStringLiteral("anna"));

    // Signing out forgets the token: the next start asks for the password.
    second->logout();
    auto third = newSession();
    QSignalSpy failed(third.get(), &Session::signInFailed);
    third->restore(QStringLiteral("anna"));
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_EQ(third->state(), Session::State::SignedOut);
}

// Run only by the ctest entries that take the keychain away.
class KeychainUnavailableSession : public SessionTest {
protected:
    void SetUp() override
    {
        if (qEnvironmentVariableIsEmpty("CONFAB_TEST_EXPECT_NO_KEYCHAIN")) {
            GTEST_SKIP() << "CONFAB_TEST_EXPECT_NO_KEYCHAIN is not set";
        }
    }
};

TEST_F(KeychainUnavailableSession, StaysSignedInForThisRunOnlyAndSaysSo)
{
    auto session = newSession();
    QSignalSpy notice(session.get(), &Session::noticeChanged);
    session->registerAccount(QStringLiteral("anna"), QStringLiteral("correct horse"), {}, true);
    ASSERT_TRUE(signedIn(*session));
    ASSERT_TRUE(notice.count() > 0 || notice.wait(10000));
    EXPECT_TRUE(session->notice().contains(QStringLiteral("keychain")))
        << session->notice().toStdString();
    EXPECT_TRUE(session->notice().contains(QStringLiteral("until you quit")));

    // Still fully usable for this run.
    core::Account account(*session);
    QSignalSpy loaded(&account, &core::Account::sessionsLoaded);
    account.loadSessions();
    ASSERT_TRUE(loaded.wait(10000));

    // And nothing that looks like a token was written anywhere.
    const QRegularExpression tokenShape(QStringLiteral("[A-Za-z0-9_-]{43}"));
    for (const auto location : {QStandardPaths::AppConfigLocation, QStandardPaths::AppDataLocation,
                                QStandardPaths::GenericConfigLocation}) {
        QDirIterator it(QStandardPaths::writableLocation(location), QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            ASSERT_TRUE(file.open(QIODevice::ReadOnly));
            EXPECT_FALSE(tokenShape.match(QString::fromLatin1(file.readAll())).hasMatch())
                << file.fileName().toStdString();
        }
    }
}

} // namespace
} // namespace confab::test
