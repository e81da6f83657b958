#include "account/TokenStore.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QUuid>

#include <gtest/gtest.h>

#include <iostream>

using confab::core::TokenStore;
using Status = TokenStore::Status;

namespace confab::core {
// Lets GoogleTest print "Unavailable" instead of the enum's bytes.
void PrintTo(TokenStore::Status status, std::ostream* os)
{
    *os << QVariant::fromValue(status).toString().toStdString();
}
} // namespace confab::core

namespace {

// A working keychain answers in milliseconds; this only bounds a hang.
constexpr int kAnswerTimeoutMs = 15000;
const QString kServer = QStringLiteral("chat.example.org:40052");
// Set only by the ctest entries that run KeychainUnavailable in a broken environment.
constexpr char kExpectNoKeychainVar[] = "CONFAB_TEST_EXPECT_NO_KEYCHAIN";

QString uniqueId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// One service per test process, so that runs never see each other's entries.
const QString& testService()
{
    static const QString service = QStringLiteral("confab-tests-%1").arg(uniqueId());
    return service;
}

struct Answer {
    QString key;
    QString token; // reads only
    Status status = Status::Unavailable;
    QString detail;
    qint64 elapsedMs = 0;
};

// Calls `start` and waits for the single answer on `spy`; a missing answer is a failure.
template <typename Start>
Answer waitForAnswer(QSignalSpy& spy, Start start)
{
    QElapsedTimer timer;
    timer.start();
    start();
    EXPECT_EQ(spy.count(), 0) << "the store must answer later, never inside the call";
    if (spy.count() == 0 && !spy.wait(kAnswerTimeoutMs)) {
        ADD_FAILURE() << "no answer from the keychain within " << kAnswerTimeoutMs << " ms";
        Answer timedOut;
        timedOut.detail = QStringLiteral("(timed out)");
        timedOut.elapsedMs = timer.elapsed();
        return timedOut;
    }
    EXPECT_EQ(spy.count(), 1);
    const QList<QVariant> args = spy.takeFirst();
    Answer answer;
    answer.elapsedMs = timer.elapsed();
    answer.key = args.at(0).toString();
    if (args.size() == 4) {
        answer.token = args.at(1).toString();
        answer.status = args.at(2).value<Status>();
        answer.detail = args.at(3).toString();
    } else {
        answer.status = args.at(1).value<Status>();
        answer.detail = args.at(2).toString();
    }
    return answer;
}

Answer readToken(TokenStore& store, const QString& key)
{
    QSignalSpy spy(&store, &TokenStore::readFinished);
    return waitForAnswer(spy, [&] { store.read(key); });
}

Answer writeToken(TokenStore& store, const QString& key, const QString& token)
{
    QSignalSpy spy(&store, &TokenStore::writeFinished);
    return waitForAnswer(spy, [&] { store.write(key, token); });
}

Answer removeToken(TokenStore& store, const QString& key)
{
    QSignalSpy spy(&store, &TokenStore::removeFinished);
    return waitForAnswer(spy, [&] { store.remove(key); });
}

// Every regular file under `roots` whose bytes contain `needle`.
QStringList filesContaining(const QStringList& roots, const QByteArray& needle)
{
    QStringList hits;
    for (const QString& root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle)) {
                hits << file.fileName();
            }
        }
    }
    return hits;
}

QStringList settingsAndDataRoots()
{
    QStringList roots;
    for (const auto location : {QStandardPaths::AppConfigLocation, QStandardPaths::AppDataLocation,
                                QStandardPaths::GenericConfigLocation}) {
        const QString dir = QStandardPaths::writableLocation(location);
        if (!dir.isEmpty() && !roots.contains(dir)) {
            roots << dir;
        }
    }
    return roots;
}

} // namespace

TEST(TokenStore, KeyIsUsernameAtServer)
{
    EXPECT_EQ(TokenStore::keyFor(QStringLiteral("chat.example.org:40052"), QStringLiteral("alice")),
              QStringLiteral("alice@chat.example.org:40052"));
    EXPECT_EQ(TokenStore::keyFor(QStringLiteral("[::1]:40052"), QStringLiteral("bob.b")),
              QStringLiteral("bob.b@[::1]:40052"));
}

TEST(TokenStore, KeysOfDifferentPairsDiffer)
{
    const QString alice = TokenStore::keyFor(kServer, QStringLiteral("alice"));
    EXPECT_EQ(alice, TokenStore::keyFor(kServer, QStringLiteral("alice")));
    EXPECT_NE(alice, TokenStore::keyFor(kServer, QStringLiteral("alicia")));
    EXPECT_NE(alice,
              TokenStore::keyFor(QStringLiteral("127.0.0.1:40052"), QStringLiteral("alice")));
}

// These need a real, unlocked Secret Service on the session bus: scripts/test provides one.
class KeychainTokenStore : public ::testing::Test {
protected:
    void TearDown() override
    {
        for (const QString& key : std::as_const(m_keys)) {
            removeToken(m_store, key);
        }
    }

    // A key of this test's own, removed again at the end.
    QString newKey()
    {
        m_keys << TokenStore::keyFor(kServer, QStringLiteral("user-%1").arg(uniqueId()));
        return m_keys.last();
    }

    static QString newToken() { return QStringLiteral("refresh-token-%1").arg(uniqueId()); }

    TokenStore m_store{testService()};
    QStringList m_keys;
};

TEST_F(KeychainTokenStore, WriteThenReadReturnsTheToken)
{
    const QString key = newKey();
    const QString token = newToken();

    const Answer written = writeToken(m_store, key, token);
    EXPECT_EQ(written.key, key);
    ASSERT_EQ(written.status, Status::Ok) << written.detail.toStdString();
    EXPECT_TRUE(written.detail.isEmpty());

    const Answer read = readToken(m_store, key);
    EXPECT_EQ(read.key, key);
    ASSERT_EQ(read.status, Status::Ok) << read.detail.toStdString();
    EXPECT_EQ(read.token, token);
    EXPECT_TRUE(read.detail.isEmpty());

    // Another store on the same service sees it too: it is in the keychain, not in memory.
    TokenStore other(testService());
    EXPECT_EQ(readToken(other, key).token, token);
}

TEST_F(KeychainTokenStore, ReadOfUnknownKeyIsNotFound)
{
    const QString key = newKey();
    const Answer read = readToken(m_store, key);
    EXPECT_EQ(read.key, key);
    EXPECT_EQ(read.status, Status::NotFound) << read.detail.toStdString();
    EXPECT_TRUE(read.token.isEmpty());
}

TEST_F(KeychainTokenStore, WriteOverwritesTheOldToken)
{
    const QString key = newKey();
    const QString first = newToken();
    const QString second = newToken();
    ASSERT_EQ(writeToken(m_store, key, first).status, Status::Ok);
    ASSERT_EQ(writeToken(m_store, key, second).status, Status::Ok);

    const Answer read = readToken(m_store, key);
    ASSERT_EQ(read.status, Status::Ok) << read.detail.toStdString();
    EXPECT_EQ(read.token, second);
}

TEST_F(KeychainTokenStore, RemoveThenReadIsNotFound)
{
    const QString key = newKey();
    ASSERT_EQ(writeToken(m_store, key, newToken()).status, Status::Ok);
    ASSERT_EQ(readToken(m_store, key).status, Status::Ok);

    const Answer removed = removeToken(m_store, key);
    EXPECT_EQ(removed.key, key);
    EXPECT_EQ(removed.status, Status::Ok) << removed.detail.toStdString();

    const Answer read = readToken(m_store, key);
    EXPECT_EQ(read.status, Status::NotFound) << read.detail.toStdString();
    EXPECT_TRUE(read.token.isEmpty());
}

TEST_F(KeychainTokenStore, RemoveOfMissingKeyIsOk)
{
    const QString key = newKey();
    const Answer removed = removeToken(m_store, key);
    EXPECT_EQ(removed.key, key);
    EXPECT_EQ(removed.status, Status::Ok) << removed.detail.toStdString();
    EXPECT_TRUE(removed.detail.isEmpty());
}

TEST_F(KeychainTokenStore, DifferentKeysAreIndependent)
{
    const QString aliceKey = newKey();
    const QString bobKey = newKey();
    const QString aliceToken = newToken();
    const QString bobToken = newToken();
    ASSERT_EQ(writeToken(m_store, aliceKey, aliceToken).status, Status::Ok);
    ASSERT_EQ(writeToken(m_store, bobKey, bobToken).status, Status::Ok);

    EXPECT_EQ(readToken(m_store, aliceKey).token, aliceToken);
    EXPECT_EQ(readToken(m_store, bobKey).token, bobToken);

    ASSERT_EQ(removeToken(m_store, aliceKey).status, Status::Ok);
    EXPECT_EQ(readToken(m_store, aliceKey).status, Status::NotFound);
    const Answer bob = readToken(m_store, bobKey);
    ASSERT_EQ(bob.status, Status::Ok) << bob.detail.toStdString();
    EXPECT_EQ(bob.token, bobToken);
}

TEST_F(KeychainTokenStore, SameKeyUnderAnotherServiceIsIndependent)
{
    const QString key = newKey();
    const QString token = newToken();
    ASSERT_EQ(writeToken(m_store, key, token).status, Status::Ok);

    TokenStore otherService(testService() + QStringLiteral("-other"));
    EXPECT_EQ(readToken(otherService, key).status, Status::NotFound);
    EXPECT_EQ(readToken(m_store, key).token, token);
}

TEST_F(KeychainTokenStore, TokenNeverReachesSettingsOrDataFiles)
{
    const QStringList roots = settingsAndDataRoots();
    ASSERT_FALSE(roots.isEmpty());

    // The scan itself must find what is there, or its silence proves nothing.
    const QString appData = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    ASSERT_TRUE(QDir().mkpath(appData));
    const QByteArray canary = QStringLiteral("scan-canary-%1").arg(uniqueId()).toUtf8();
    QFile canaryFile(appData + QStringLiteral("/canary-%1.txt").arg(uniqueId()));
    ASSERT_TRUE(canaryFile.open(QIODevice::WriteOnly));
    canaryFile.write("before " + canary + " after");
    canaryFile.close();
    EXPECT_EQ(filesContaining(roots, canary), QStringList{canaryFile.fileName()});
    ASSERT_TRUE(canaryFile.remove());

    const QString key = newKey();
    const QString token = newToken();
    ASSERT_EQ(writeToken(m_store, key, token).status, Status::Ok);
    ASSERT_EQ(readToken(m_store, key).token, token);

    EXPECT_EQ(filesContaining(roots, token.toUtf8()), QStringList{})
        << "searched: " << roots.join(QStringLiteral(", ")).toStdString();
}

// Runs only from the ctest entries of tests/core/CMakeLists.txt that take the keychain away
// (no session bus; a session bus without a secret service). Those set kExpectNoKeychainVar to
// what is missing, and then every case must see Unavailable for that reason; anywhere else the
// cases skip, since a working keychain would make them fail for the wrong reason.
class KeychainUnavailable : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!qEnvironmentVariableIsSet(kExpectNoKeychainVar)) {
            GTEST_SKIP() << kExpectNoKeychainVar << " is not set";
        }
        m_environment = qEnvironmentVariable(kExpectNoKeychainVar);
        if (m_environment == QLatin1String("no-session-bus")) {
            m_expectedReason = QStringLiteral("No keychain is available (no D-Bus session bus)");
        } else if (m_environment == QLatin1String("no-secret-service")) {
            m_expectedReason =
                QStringLiteral("No keychain is available (no secret service running)");
        } else {
            FAIL() << "unknown " << kExpectNoKeychainVar << ": " << m_environment.toStdString();
        }
    }

    void expectUnavailable(const char* operation, const Answer& answer)
    {
        std::cout << "[" << m_environment.toStdString() << "] " << operation << ": "
                  << QVariant::fromValue(answer.status).toString().toStdString() << " after "
                  << answer.elapsedMs << " ms, detail: " << answer.detail.toStdString()
                  << std::endl;
        EXPECT_EQ(answer.status, Status::Unavailable) << answer.detail.toStdString();
        // The reason in plain words, followed by what the backend said.
        EXPECT_TRUE(answer.detail.startsWith(m_expectedReason + QStringLiteral(": ")))
            << answer.detail.toStdString();
        EXPECT_GT(answer.detail.size(), m_expectedReason.size() + 2);
        EXPECT_TRUE(answer.token.isEmpty());
    }

    TokenStore m_store{testService()};
    QString m_environment;
    QString m_expectedReason;
};

TEST_F(KeychainUnavailable, ReadIsUnavailableNotNotFound)
{
    const QString key = TokenStore::keyFor(kServer, QStringLiteral("nobody"));
    const Answer answer = readToken(m_store, key);
    EXPECT_EQ(answer.key, key);
    expectUnavailable("read", answer);
}

TEST_F(KeychainUnavailable, WriteIsUnavailable)
{
    const QString token = QStringLiteral("refresh-token-%1").arg(uniqueId());
    const QString key = TokenStore::keyFor(kServer, QStringLiteral("nobody"));
    const Answer answer = writeToken(m_store, key, token);
    EXPECT_EQ(answer.key, key);
    expectUnavailable("write", answer);
    // No fallback: the token must not have gone to a file instead.
    EXPECT_EQ(filesContaining(settingsAndDataRoots(), token.toUtf8()), QStringList{});
}

TEST_F(KeychainUnavailable, RemoveIsUnavailable)
{
    const QString key = TokenStore::keyFor(kServer, QStringLiteral("nobody"));
    const Answer answer = removeToken(m_store, key);
    EXPECT_EQ(answer.key, key);
    expectUnavailable("remove", answer);
}
