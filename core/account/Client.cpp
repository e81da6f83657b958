#include "account/Client.h"

#include "Logging.h"

#include "account/AccountContext.h"
#include "chat/ChatClient.h"
#include "net/ServerAddress.h"

#include <QDir>
#include <QFile>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>

namespace confab::core {

namespace {
constexpr int kProbeTimeoutMs = 10000;
}

QString fingerprintOf(const QSslCertificate& certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

Client::Client(Options options, QObject* parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_settings(m_options.settingsFile.isEmpty()
                     ? std::make_unique<Settings>()
                     : std::make_unique<Settings>(m_options.settingsFile)),
      m_tokens(new TokenStore(m_options.tokenService, this)),
      m_accounts(std::make_unique<AccountRegistry>())
{
    if (m_options.dataDir.isEmpty()) {
        m_options.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    }
    m_localRestarts.setSingleShot(true);
    connect(&m_localRestarts, &QTimer::timeout, this, [this] {
        if (m_localServer && m_serverKey == QLatin1String("local")) {
            m_localServer->start();
        }
    });
}

Client::~Client()
{
    // Accounts use the session: they go first.
    m_accounts->clear();
    m_session.reset();
}

void Client::endSession()
{
    if (!m_session) {
        return;
    }
    emit sessionEnding(m_session.get());
    closeAccount();
    // The account's objects are deleted later (see AccountRegistry) and use
    // the session until then: it goes the same way, after them, and hears
    // nothing more meanwhile.
    m_session->close();
    m_session.release()->deleteLater();
}

void Client::openAccount()
{
    if (m_account && m_accounts->rowOf(m_account) >= 0) {
        return;
    }
    AccountContext::Options options{
        ChatClient::dataDirFor(m_session->serverKey(), m_session->username(), m_options.dataDir),
        m_options.settingsFile};
    m_account = m_accounts->add(std::make_unique<AccountContext>(*m_session, options));
}

void Client::closeAccount()
{
    if (m_account) {
        m_accounts->remove(m_account);
    }
}

void Client::setState(State state, const QString& error)
{
    m_error = error;
    if (m_state != state) {
        m_state = state;
    }
    emit stateChanged(state);
}

void Client::useLocal()
{
    m_localRestarts.stop();
    endSession();
    if (!m_localServer) {
        m_localServer = new LocalServer(QDir(m_options.dataDir).filePath("server"), this);
        if (!m_options.confabd.isEmpty()) {
            m_localServer->setExecutable(m_options.confabd);
        }
        connect(m_localServer, &LocalServer::stateChanged, this, [this](LocalServer::State state) {
            if (m_serverKey != QLatin1String("local")) {
                return;
            }
            if (state == LocalServer::State::Running) {
                m_localRestarts.stop();
                m_localUpSince.start();
                m_localEverUp = true;
                if (m_session && m_session->connection().target() == m_localServer->target()) {
                    // Back on the same port: the session and its streams
                    // carry on over the same connection.
                    m_session->connection().resetBackoff();
                    setState(State::Ready);
                    emit localServerRecovered();
                    return;
                }
                connectTo(m_localServer->target(), QStringLiteral("local"), {});
            } else if (state == LocalServer::State::Failed) {
                scheduleLocalRestart();
                setState(State::Failed, m_localServer->errorString());
            }
        });
    }
    m_serverKey = QStringLiteral("local");
    m_settings->setServerMode(QStringLiteral("local"));
    setState(State::Connecting);
    if (m_localServer->state() == LocalServer::State::Running) {
        connectTo(m_localServer->target(), m_serverKey, {});
    } else {
        m_localServer->start();
    }
}

void Client::restartLocalServer()
{
    m_localRestarts.stop();
    endSession();
    m_serverKey = QStringLiteral("local");
    if (!m_localServer) {
        useLocal();
        return;
    }
    setState(State::Connecting);
    // Started again once the old process is gone (on the same port).
    m_localServer->stop();
    m_localServer->start();
}

void Client::scheduleLocalRestart()
{
    // A server that ran in this session and then died is supervised: started
    // again at once, then after 2, 4 ... 30 s for as long as it will not
    // stay up (a failed restart is tried again too). One that never came up
    // is left to the user, who sees why.
    if (!m_localEverUp) {
        return;
    }
    constexpr qint64 kStableMs = 60 * 1000;
    if (m_localUpSince.isValid() && m_localUpSince.elapsed() > kStableMs) {
        m_localRestartDelayMs = 0;
    }
    m_localUpSince.invalidate();
    const int delay = m_localRestartDelayMs;
    m_localRestartDelayMs = std::clamp(delay * 2, 2000, 30000);
    qCInfo(lcNet) << "restarting the local server in" << delay << "ms";
    m_localRestarts.start(delay);
    emit localServerRestarting(delay / 1000);
}

bool Client::isRestartingLocalServer() const
{
    return m_localRestarts.isActive();
}

void Client::useRemote(const QString& address, bool insecure, const QString& caFile)
{
    m_localRestarts.stop();
    endSession();
    const auto parsed = ServerAddress::parse(address);
    if (!parsed) {
        setState(State::Failed,
                 tr("“%1” is not a server address (host or host:port).").arg(address));
        return;
    }
    m_serverKey = parsed->target();
    m_settings->setServerMode(QStringLiteral("remote"));
    m_settings->setRemoteAddress(address);
    m_settings->setInsecure(insecure);
    m_settings->setCaFile(caFile);
    setState(State::Connecting);
    if (insecure) {
        connectTo(parsed->target(), m_serverKey, {});
        return;
    }
    if (!caFile.isEmpty()) {
        QFile file(caFile);
        if (!file.open(QIODevice::ReadOnly)) {
            setState(State::Failed, tr("The CA file %1 cannot be read.").arg(caFile));
            return;
        }
        connectTo(parsed->target(), m_serverKey, {true, file.readAll(), {}});
        return;
    }
    probe(parsed->host, parsed->port);
}

void Client::probe(const QString& host, quint16 port)
{
    // Look at the certificate first: the system may trust it; if not, the
    // user decides, and the decision is pinned.
    auto* socket = new QSslSocket(this);
    auto errors = std::make_shared<QList<QSslError>>();
    auto* timeout = new QTimer(socket);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, socket, [this, socket] {
        socket->deleteLater();
        setState(State::Failed, tr("The server did not answer a secure connection in time."));
    });
    connect(socket, &QSslSocket::sslErrors, socket, [socket, errors](const QList<QSslError>& list) {
        *errors = list;
        socket->ignoreSslErrors();
    });
    connect(socket, &QSslSocket::encrypted, this, [this, socket, errors, host, port] {
        const QSslCertificate certificate = socket->peerCertificate();
        socket->disconnectFromHost();
        socket->deleteLater();
        const QString target = ServerAddress{host, port}.target();
        if (errors->isEmpty()) {
            connectTo(target, m_serverKey, {true, {}, {}});
            return;
        }
        const QByteArray pinned = m_settings->pinnedCertificate(m_serverKey);
        if (!pinned.isEmpty()) {
            const QSslCertificate known(pinned);
            if (known == certificate) {
                const QStringList names =
                    certificate.subjectAlternativeNames().values(QSsl::DnsEntry);
                connectTo(target, m_serverKey,
                          {true, pinned, names.isEmpty() ? QString() : names.first()});
            } else {
                setState(State::Failed,
                         tr("The server's certificate has changed since you accepted it. "
                            "This can mean someone is intercepting the connection. "
                            "Confab did not connect."));
                emit certificateChanged(fingerprintOf(known), fingerprintOf(certificate));
            }
            return;
        }
        m_pendingAddress = target;
        m_pendingCertificate = certificate;
        emit certificateNeedsApproval(fingerprintOf(certificate), certificate.subjectDisplayName());
    });
    connect(socket, &QSslSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError) {
        if (socket->isEncrypted()) {
            return;
        }
        const QString message = socket->errorString();
        const bool handshake = socket->error() == QAbstractSocket::SslHandshakeFailedError;
        socket->deleteLater();
        if (handshake && message.contains(QLatin1String("wrong version number"))) {
            // What OpenSSL says when the other end answers in plain text.
            setState(State::Failed, tr("This server does not use TLS: tick “Unencrypted "
                                       "connection” only on a network you trust."));
        } else if (handshake) {
            setState(State::Failed,
                     tr("A secure connection to the server could not be made (%1).").arg(message));
        } else {
            setState(State::Failed, tr("Cannot reach the server: %1").arg(message));
        }
    });
    timeout->start(kProbeTimeoutMs);
    socket->connectToHostEncrypted(host, port);
}

void Client::acceptCertificate()
{
    if (m_pendingCertificate.isNull()) {
        return;
    }
    const QByteArray pem = m_pendingCertificate.toPem();
    m_settings->pinCertificate(m_serverKey, pem);
    const QStringList names = m_pendingCertificate.subjectAlternativeNames().values(QSsl::DnsEntry);
    m_pendingCertificate = QSslCertificate();
    connectTo(m_pendingAddress, m_serverKey,
              {true, pem, names.isEmpty() ? QString() : names.first()});
}

void Client::connectTo(const QString& target, const QString& serverKey,
                       const Connection::Security& security)
{
    qCInfo(lcNet) << "connecting to" << target << (security.tls ? "over TLS" : "in plain text");
    endSession();
    m_session = std::make_unique<Session>(std::make_shared<Connection>(target, security), serverKey,
                                          m_tokens);
    connect(m_session.get(), &Session::stateChanged, this, [this](Session::State state) {
        if (state == Session::State::SignedIn) {
            m_settings->setLastUsername(m_serverKey, m_session->username());
            openAccount();
        } else if (state == Session::State::SignedOut) {
            closeAccount();
        }
    });
    emit sessionCreated(m_session.get());
    setState(State::Ready);
}

bool Client::restoreLastAccount()
{
    // Reconnected with the session still signed in (the local server came
    // back on its port): nothing to restore.
    if (!m_session || m_session->state() != Session::State::SignedOut) {
        return false;
    }
    const QString username = m_settings->lastUsername(m_serverKey);
    if (username.isEmpty()) {
        return false;
    }
    m_session->restore(username);
    return true;
}

} // namespace confab::core
