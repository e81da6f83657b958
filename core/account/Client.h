#pragma once

#include "account/AccountRegistry.h"
#include "account/Session.h"
#include "account/Settings.h"
#include "account/TokenStore.h"
#include "local/LocalServer.h"
#include "net/Rpc.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QTimer>

#include <memory>

namespace confab::core {

// The app's way to a server: the local confabd it runs itself, or a remote
// one over TLS (a certificate the system does not trust is shown to the
// user and, once accepted, pinned). Owns the session once connected, and
// the registry of signed-in accounts: when the session signs in, its
// account (chat, notifications, profile) joins the registry; when it signs
// out or the connection goes, the account leaves it.
class Client : public QObject {
    Q_OBJECT

public:
    enum class State { Idle, Connecting, Ready, Failed };
    Q_ENUM(State)

    struct Options {
        QString tokenService = QStringLiteral("confab");
        QString dataDir;      // default: the app's data dir
        QString confabd;      // default: LocalServer::findExecutable()
        QString settingsFile; // default: the app's QSettings
    };

    explicit Client(Options options, QObject* parent = nullptr);
    explicit Client(QObject* parent = nullptr) : Client(Options{}, parent) {}
    ~Client() override;

    Settings& settings() { return *m_settings; }
    TokenStore* tokens() { return m_tokens; }
    LocalServer* localServer() { return m_localServer; }
    Session* session() { return m_session.get(); }
    AccountRegistry& accounts() { return *m_accounts; }
    // Where this app keeps its data (the local server's, the outboxes).
    QString dataDir() const { return m_options.dataDir; }
    // The settings file given in the options; empty for the app's QSettings.
    QString settingsFile() const { return m_options.settingsFile; }
    State state() const { return m_state; }
    QString serverKey() const { return m_serverKey; }
    QString errorString() const { return m_error; }

    // Connects to the server this app runs (started if need be).
    void useLocal();
    // Stops the local server and starts it again; the session starts anew.
    void restartLocalServer();
    // Connects to `address` ("host:port"): TLS unless `insecure`; `caFile`
    // adds a CA to trust.
    void useRemote(const QString& address, bool insecure = false, const QString& caFile = {});
    // The user trusts the certificate shown by certificateNeedsApproval().
    void acceptCertificate();
    // Signs the last account of this server in from the keychain, if any;
    // false when there is none to try.
    bool restoreLastAccount();
    // The local server died and is being started again.
    bool isRestartingLocalServer() const;

signals:
    void stateChanged(confab::core::Client::State state);
    // A session object exists (after connecting); views connect to it here.
    void sessionCreated(confab::core::Session* session);
    // The session is about to go (another server, a restart); its account
    // leaves the registry now.
    void sessionEnding(confab::core::Session* session);
    void certificateNeedsApproval(const QString& fingerprint, const QString& subject);
    void certificateChanged(const QString& pinnedFingerprint, const QString& presentedFingerprint);
    // The local server died; it is started again in `seconds`.
    void localServerRestarting(int seconds);
    // It runs again on the same port: the session carried on.
    void localServerRecovered();

private:
    void setState(State state, const QString& error = {});
    void connectTo(const QString& target, const QString& serverKey,
                   const Connection::Security& security);
    void probe(const QString& host, quint16 port);
    void scheduleLocalRestart();
    void endSession();
    void openAccount();
    void closeAccount();

    Options m_options;
    std::unique_ptr<Settings> m_settings;
    TokenStore* m_tokens;
    LocalServer* m_localServer = nullptr;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<AccountRegistry> m_accounts;
    // The session's account while signed in.
    QPointer<AccountContext> m_account;
    State m_state = State::Idle;
    QString m_error;
    QString m_serverKey;
    QString m_pendingAddress;
    QSslCertificate m_pendingCertificate;
    QTimer m_localRestarts;
    QElapsedTimer m_localUpSince;
    int m_localRestartDelayMs = 0;
    // The local server ran in this session: from then on it is supervised.
    bool m_localEverUp = false;
};

QString fingerprintOf(const QSslCertificate& certificate);

} // namespace confab::core
