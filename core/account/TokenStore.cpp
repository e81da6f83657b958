#include "account/TokenStore.h"

#include "Logging.h"

#include <qt6keychain/keychain.h>

// qtkeychain talks to the Secret Service over the D-Bus session bus on these systems (libsecret),
// and reports "no bus" and "no secret service" alike as OtherError; the bus itself can tell them
// apart.
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID) && !defined(Q_OS_HAIKU)
#define CONFAB_KEYCHAIN_ON_DBUS 1
#include <QDBusConnection>
#include <QDBusMessage>
#else
#define CONFAB_KEYCHAIN_ON_DBUS 0
#endif

namespace confab::core {

namespace {

const QString kDefaultService = QStringLiteral("confab");
#if CONFAB_KEYCHAIN_ON_DBUS
constexpr int kBusTimeoutMs = 1000;
#endif

QString reasonFor(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoBackendAvailable:
        return TokenStore::tr("No keychain is available (no secret service running)");
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return TokenStore::tr("The keychain is locked or access was denied");
    case QKeychain::NotImplemented:
        return TokenStore::tr("The keychain of this system does not support this");
    case QKeychain::CouldNotDeleteEntry:
        return TokenStore::tr("The keychain could not delete the entry");
    case QKeychain::EntryNotFound:
        return TokenStore::tr("The keychain did not find the entry");
    case QKeychain::NoError:
    case QKeychain::OtherError:
        break;
    }
    return TokenStore::tr("The keychain could not be used");
}

} // namespace

TokenStore::TokenStore(QObject* parent) : TokenStore(kDefaultService, parent)
{}

TokenStore::TokenStore(const QString& service, QObject* parent)
    : QObject(parent), m_service(service)
{}

QString TokenStore::keyFor(const QString& server, const QString& username)
{
    // Usernames never contain '@' (API.md), so a key names exactly one pair.
    return username + QLatin1Char('@') + server;
}

void TokenStore::read(const QString& key)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    prepare(job, key);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job* finished) {
        switch (finished->error()) {
        case QKeychain::NoError:
            emit readFinished(key, static_cast<QKeychain::ReadPasswordJob*>(finished)->textData(),
                              Status::Ok, {});
            return;
        case QKeychain::EntryNotFound:
            emit readFinished(key, {}, Status::NotFound, {});
            return;
        default:
            emit readFinished(key, {}, Status::Unavailable, unavailableDetail(*finished, "read"));
            return;
        }
    });
    job->start();
}

void TokenStore::write(const QString& key, const QString& token)
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    prepare(job, key);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job* finished) {
        if (finished->error() == QKeychain::NoError) {
            emit writeFinished(key, Status::Ok, {});
            return;
        }
        // Whatever the error, the token is not stored, so the caller must not count on it.
        emit writeFinished(key, Status::Unavailable, unavailableDetail(*finished, "write"));
    });
    job->start();
}

void TokenStore::remove(const QString& key)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    prepare(job, key);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job* finished) {
        switch (finished->error()) {
        case QKeychain::NoError:
        case QKeychain::EntryNotFound: // what is not there is as good as removed
            emit removeFinished(key, Status::Ok, {});
            return;
        default:
            emit removeFinished(key, Status::Unavailable, unavailableDetail(*finished, "remove"));
            return;
        }
    });
    job->start();
}

void TokenStore::prepare(QKeychain::Job* job, const QString& key)
{
    job->setKey(key);
    // The job deletes itself once it has finished. It has no parent on purpose: the backend
    // (libsecret, D-Bus) holds a pointer to it until it answers, so it must outlive this store
    // if the store goes first; its connection to the store ends with the store.
    job->setAutoDelete(true);
    // Never let qtkeychain put a token into a plain QSettings file when the keychain fails.
    job->setInsecureFallback(false);
}

QString TokenStore::unavailableDetail(const QKeychain::Job& job, const char* operation)
{
    QString reason = reasonFor(job.error());
#if CONFAB_KEYCHAIN_ON_DBUS
    if (job.error() == QKeychain::OtherError || job.error() == QKeychain::NoBackendAvailable) {
        // Only on this failure path, and answered by the local bus daemon at once: waiting for it
        // keeps the answers in the order of the calls. Asked after the failure, so an
        // activatable service has had its chance to start.
        const QDBusConnection bus = QDBusConnection::sessionBus();
        if (!bus.isConnected()) {
            reason = tr("No keychain is available (no D-Bus session bus)");
        } else {
            QDBusMessage hasOwner = QDBusMessage::createMethodCall(
                QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
                QStringLiteral("org.freedesktop.DBus"), QStringLiteral("NameHasOwner"));
            hasOwner << QStringLiteral("org.freedesktop.secrets");
            const QDBusMessage reply = bus.call(hasOwner, QDBus::Block, kBusTimeoutMs);
            if (reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty() &&
                !reply.arguments().constFirst().toBool()) {
                reason = tr("No keychain is available (no secret service running)");
            }
        }
    }
#endif
    const QString backendText = job.errorString().trimmed();
    const QString detail = backendText.isEmpty() ? reason : tr("%1: %2").arg(reason, backendText);
    // A key names a user and a server, never a secret; tokens are never logged.
    qCWarning(lcKeychain).noquote()
        << "keychain" << operation << "failed for" << job.key() << "-" << detail;
    return detail;
}

} // namespace confab::core
