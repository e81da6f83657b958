#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QtDBus/QDBusConnection>
#include <QtNetwork/QNetworkInformation>

#include <chrono>

namespace confab::core {

// Says when the chat client should reconnect at once instead of waiting for
// its backoff: the network came back, or the machine woke from sleep (told
// by logind, or seen as the wall clock jumping ahead of the monotonic one,
// which stops during suspend). Bursts (a wake is often followed by a
// network change) give one advice.
class ConnectivityWatcher : public QObject {
    Q_OBJECT

public:
    struct Options {
        // Where logind's PrepareForSleep comes from; tests use the session
        // bus and a name of their own.
        QDBusConnection bus = QDBusConnection::systemBus();
        QString loginService = QStringLiteral("org.freedesktop.login1");
        bool watchNetwork = true;
        bool watchClock = true;
        std::chrono::milliseconds clockInterval{5000};
        // At most one advice in this time.
        std::chrono::milliseconds minInterval{2000};
    };

    explicit ConnectivityWatcher(QObject* parent = nullptr);
    explicit ConnectivityWatcher(Options options, QObject* parent = nullptr);
    ~ConnectivityWatcher() override;

    // True when the wall clock ran more than a few seconds ahead of the
    // monotonic clock between two looks: the machine was asleep.
    static bool sleptBetween(qint64 monoDeltaMs, qint64 wallDeltaMs);
    // True when going from `before` to `now` is worth a reconnect: the
    // network is back (the first report after loading is not a change).
    static bool reachabilityImproved(QNetworkInformation::Reachability before,
                                     QNetworkInformation::Reachability now);

    bool watchesSleep() const { return m_watchesSleep; }
    bool watchesNetwork() const { return m_watchesNetwork; }

signals:
    void reconnectAdvised(const QString& reason);

private slots:
    // From logind: `start` is false when the machine has woken up.
    void onPrepareForSleep(bool start);

private:
    void watchSleep();
    void watchNetwork();
    void checkClock();
    void advise(const QString& reason);

    Options m_options;
    bool m_watchesSleep = false;
    bool m_watchesNetwork = false;
    QNetworkInformation::Reachability m_reachability = QNetworkInformation::Reachability::Unknown;
    QTimer m_clockTimer;
    QElapsedTimer m_monotonic;
    qint64 m_lastMonoMs = 0;
    qint64 m_lastWallMs = 0;
    QElapsedTimer m_sinceAdvice; // invalid until the first advice
};

} // namespace confab::core
