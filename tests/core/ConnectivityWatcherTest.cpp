#include "net/ConnectivityWatcher.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QtDBus/QDBusConnectionInterface>
#include <QtDBus/QDBusMessage>

#include <gtest/gtest.h>

#include <memory>

namespace confab::test {
namespace {

using core::ConnectivityWatcher;
using Reachability = QNetworkInformation::Reachability;

// logind played on the session bus: a connection of its own that owns a
// name only this test process uses (ctest runs tests side by side on one bus).
class ConnectivityWatcherTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!QDBusConnection::sessionBus().isConnected()) {
            GTEST_SKIP() << "no session bus (scripts/test runs the tests in dbus-run-session)";
        }
        m_service =
            QStringLiteral("org.confab.test.login1.p%1").arg(QCoreApplication::applicationPid());
        m_logind = std::make_unique<QDBusConnection>(QDBusConnection::connectToBus(
            QDBusConnection::SessionBus, QStringLiteral("fake-logind")));
        ASSERT_TRUE(m_logind->isConnected());
        ASSERT_TRUE(m_logind->registerService(m_service))
            << m_logind->lastError().message().toStdString();
    }

    void TearDown() override
    {
        if (m_logind) {
            m_logind->unregisterService(m_service);
            m_logind.reset();
            QDBusConnection::disconnectFromBus(QStringLiteral("fake-logind"));
        }
    }

    ConnectivityWatcher::Options options(std::chrono::milliseconds minInterval) const
    {
        ConnectivityWatcher::Options o;
        o.bus = QDBusConnection::sessionBus();
        o.loginService = m_service;
        // Only the source under test: a real network change must not count.
        o.watchNetwork = false;
        o.watchClock = false;
        o.minInterval = minInterval;
        return o;
    }

    static void prepareForSleep(QDBusConnection& from, bool start)
    {
        QDBusMessage signal = QDBusMessage::createSignal(
            QStringLiteral("/org/freedesktop/login1"),
            QStringLiteral("org.freedesktop.login1.Manager"), QStringLiteral("PrepareForSleep"));
        signal << start;
        ASSERT_TRUE(from.send(signal));
    }

    QString m_service;
    std::unique_ptr<QDBusConnection> m_logind;
};

TEST_F(ConnectivityWatcherTest, AdvisesAReconnectWhenTheMachineWakes)
{
    ConnectivityWatcher watcher(options(std::chrono::milliseconds(0)));
    ASSERT_TRUE(watcher.watchesSleep());
    QSignalSpy advised(&watcher, &ConnectivityWatcher::reconnectAdvised);

    // Going to sleep is no reason; the bus keeps the order of one sender's
    // signals, so when the wake arrives the first one has been handled.
    prepareForSleep(*m_logind, true);
    prepareForSleep(*m_logind, false);
    ASSERT_TRUE(advised.wait(5000));
    QTest::qWait(100);
    ASSERT_EQ(advised.count(), 1);
    EXPECT_TRUE(advised.at(0).at(0).toString().contains(QStringLiteral("woke")))
        << advised.at(0).at(0).toString().toStdString();
}

TEST_F(ConnectivityWatcherTest, IgnoresPrepareForSleepFromAnyoneButLogind)
{
    ConnectivityWatcher watcher(options(std::chrono::milliseconds(0)));
    QSignalSpy advised(&watcher, &ConnectivityWatcher::reconnectAdvised);
    QDBusConnection impostor =
        QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("impostor"));
    ASSERT_TRUE(impostor.isConnected());
    prepareForSleep(impostor, false);
    // A round trip through the bus: the impostor's signal has been routed.
    ASSERT_TRUE(impostor.interface()->isServiceRegistered(m_service).value());
    prepareForSleep(*m_logind, false);
    ASSERT_TRUE(advised.wait(5000));
    QTest::qWait(200);
    EXPECT_EQ(advised.count(), 1);
    QDBusConnection::disconnectFromBus(QStringLiteral("impostor"));
}

TEST_F(ConnectivityWatcherTest, GivesOneAdviceForABurst)
{
    ConnectivityWatcher watcher(options(std::chrono::milliseconds(500)));
    QSignalSpy advised(&watcher, &ConnectivityWatcher::reconnectAdvised);
    // Sees every signal the watcher sees, without a debounce.
    ConnectivityWatcher witness(options(std::chrono::milliseconds(0)));
    QSignalSpy seen(&witness, &ConnectivityWatcher::reconnectAdvised);

    prepareForSleep(*m_logind, false);
    prepareForSleep(*m_logind, false);
    prepareForSleep(*m_logind, false);
    ASSERT_TRUE(QTest::qWaitFor([&] { return seen.count() == 3; }, 5000));
    EXPECT_EQ(advised.count(), 1);

    // Once the interval has passed, the next wake counts again.
    QTest::qWait(600);
    prepareForSleep(*m_logind, false);
    ASSERT_TRUE(QTest::qWaitFor([&] { return seen.count() == 4; }, 5000));
    EXPECT_EQ(advised.count(), 2);
}

TEST(ConnectivityWatcherDecision, SleepIsAWallClockAheadOfTheMonotonicOne)
{
    // An ordinary tick, and NTP nudging the clock.
    EXPECT_FALSE(ConnectivityWatcher::sleptBetween(5000, 5000));
    EXPECT_FALSE(ConnectivityWatcher::sleptBetween(5000, 5800));
    EXPECT_FALSE(ConnectivityWatcher::sleptBetween(5000, 15000));
    // The clock set back is no sleep.
    EXPECT_FALSE(ConnectivityWatcher::sleptBetween(5000, -3600 * 1000));
    // The monotonic clock stood still while the machine slept.
    EXPECT_TRUE(ConnectivityWatcher::sleptBetween(5000, 15001));
    EXPECT_TRUE(ConnectivityWatcher::sleptBetween(5000, 8 * 3600 * 1000));
    // A tick that came late because the process was busy is no sleep.
    EXPECT_FALSE(ConnectivityWatcher::sleptBetween(40000, 40050));
}

TEST(ConnectivityWatcherDecision, NetworkBackIsAReasonButTheFirstReportIsNot)
{
    EXPECT_TRUE(ConnectivityWatcher::reachabilityImproved(Reachability::Disconnected,
                                                          Reachability::Online));
    EXPECT_TRUE(
        ConnectivityWatcher::reachabilityImproved(Reachability::Disconnected, Reachability::Local));
    EXPECT_TRUE(
        ConnectivityWatcher::reachabilityImproved(Reachability::Site, Reachability::Online));
    EXPECT_FALSE(
        ConnectivityWatcher::reachabilityImproved(Reachability::Unknown, Reachability::Online));
    EXPECT_FALSE(ConnectivityWatcher::reachabilityImproved(Reachability::Online,
                                                           Reachability::Disconnected));
    EXPECT_FALSE(
        ConnectivityWatcher::reachabilityImproved(Reachability::Local, Reachability::Site));
    EXPECT_FALSE(
        ConnectivityWatcher::reachabilityImproved(Reachability::Online, Reachability::Online));
}

} // namespace
} // namespace confab::test
