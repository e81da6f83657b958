#include "net/ConnectivityWatcher.h"

#include "Logging.h"

#include <QDateTime>
#include <QtDBus/QDBusError>

#include <utility>

namespace confab::core {

namespace {

constexpr auto kLoginPath = "/org/freedesktop/login1";
constexpr auto kLoginInterface = "org.freedesktop.login1.Manager";
// NTP corrects the clock by far less than this; a suspend of a few seconds
// does not matter for a stream that survives it.
constexpr qint64 kSleepThresholdMs = 10 * 1000;

int rank(QNetworkInformation::Reachability reachability)
{
    using Reachability = QNetworkInformation::Reachability;
    switch (reachability) {
    case Reachability::Unknown:
    case Reachability::Disconnected:
        return 0;
    case Reachability::Local:
        return 1;
    case Reachability::Site:
        return 2;
    case Reachability::Online:
        return 3;
    }
    return 0;
}

} // namespace

ConnectivityWatcher::ConnectivityWatcher(QObject* parent) : ConnectivityWatcher(Options{}, parent)
{}

ConnectivityWatcher::ConnectivityWatcher(Options options, QObject* parent)
    : QObject(parent), m_options(std::move(options))
{
    watchSleep();
    if (m_options.watchNetwork) {
        watchNetwork();
    }
    if (m_options.watchClock) {
        m_monotonic.start();
        m_lastMonoMs = m_monotonic.elapsed();
        m_lastWallMs = QDateTime::currentMSecsSinceEpoch();
        m_clockTimer.setInterval(m_options.clockInterval);
        connect(&m_clockTimer, &QTimer::timeout, this, &ConnectivityWatcher::checkClock);
        m_clockTimer.start();
    }
}

ConnectivityWatcher::~ConnectivityWatcher() = default;

bool ConnectivityWatcher::sleptBetween(qint64 monoDeltaMs, qint64 wallDeltaMs)
{
    return wallDeltaMs - monoDeltaMs > kSleepThresholdMs;
}

bool ConnectivityWatcher::reachabilityImproved(QNetworkInformation::Reachability before,
                                               QNetworkInformation::Reachability now)
{
    using Reachability = QNetworkInformation::Reachability;
    if (before == Reachability::Unknown || rank(now) <= rank(before)) {
        return false;
    }
    // Local or Site after nothing at all may already reach a server on the
    // same network; between Local and Site nothing changes for us.
    return now == Reachability::Online || before == Reachability::Disconnected;
}

void ConnectivityWatcher::watchSleep()
{
    if (!m_options.bus.isConnected()) {
        qCInfo(lcNet) << "No D-Bus connection for logind: waking from sleep is seen by the clock "
                         "only";
        return;
    }
    // The service name makes the bus deliver only logind's own signal.
    m_watchesSleep = m_options.bus.connect(
        m_options.loginService, QLatin1String(kLoginPath), QLatin1String(kLoginInterface),
        QStringLiteral("PrepareForSleep"), this, SLOT(onPrepareForSleep(bool)));
    if (!m_watchesSleep) {
        qCWarning(lcNet) << "Cannot listen to logind's PrepareForSleep:"
                         << m_options.bus.lastError().message();
    }
}

void ConnectivityWatcher::watchNetwork()
{
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        qCInfo(lcNet) << "No network information backend: network changes are not watched";
        return;
    }
    QNetworkInformation* information = QNetworkInformation::instance();
    m_watchesNetwork = true;
    m_reachability = information->reachability();
    qCDebug(lcNet) << "Network information from" << information->backendName() << "reachability"
                   << m_reachability;
    connect(information, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability now) {
                const auto before = std::exchange(m_reachability, now);
                qCDebug(lcNet) << "Reachability" << before << "->" << now;
                if (reachabilityImproved(before, now)) {
                    advise(QStringLiteral("the network is back"));
                }
            });
}

void ConnectivityWatcher::onPrepareForSleep(bool start)
{
    qCDebug(lcNet) << (start ? "Going to sleep" : "Woke from sleep");
    if (!start) {
        advise(QStringLiteral("woke from sleep"));
    }
}

void ConnectivityWatcher::checkClock()
{
    const qint64 monoMs = m_monotonic.elapsed();
    const qint64 wallMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 monoDelta = monoMs - std::exchange(m_lastMonoMs, monoMs);
    const qint64 wallDelta = wallMs - std::exchange(m_lastWallMs, wallMs);
    if (sleptBetween(monoDelta, wallDelta)) {
        qCDebug(lcNet) << "The wall clock ran" << (wallDelta - monoDelta) / 1000
                       << "s ahead: woke from sleep";
        advise(QStringLiteral("woke from sleep (clock jump)"));
    }
}

void ConnectivityWatcher::advise(const QString& reason)
{
    // A dropped advice is covered: the reconnect made for the one before
    // reset the stream's backoff, so its next retry comes soon anyway.
    if (m_sinceAdvice.isValid() && m_sinceAdvice.elapsed() < m_options.minInterval.count()) {
        qCDebug(lcNet) << "Reconnect advice dropped (one was given just now):" << reason;
        return;
    }
    m_sinceAdvice.start();
    qCInfo(lcNet) << "Reconnect advised:" << reason;
    emit reconnectAdvised(reason);
}

} // namespace confab::core
