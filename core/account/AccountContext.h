#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace confab::core {

class Account;
class ChatClient;
class ConnectivityWatcher;
class Notifier;
class Session;

// Everything that belongs to one signed-in account: what the user does to
// the account itself (profile, password, sessions), the chat client with
// its models, desktop notifications, and the connectivity watcher that
// tells the chat when to reconnect. Made when the account signs in and held
// by the AccountRegistry; views show it and let go of it on
// aboutToBeRemoved(). The session is the Client's and outlives this.
class AccountContext : public QObject {
    Q_OBJECT

public:
    struct Options {
        // Where the outbox is kept; empty for ChatClient::dataDirFor().
        QString dataDir;
        // Where the muted flags are kept; empty for the app's QSettings.
        QString settingsFile;
    };

    AccountContext(Session& session, Options options, QObject* parent = nullptr);
    ~AccountContext() override;

    Session& session() const { return m_session; }
    Account* account() const { return m_account.get(); }
    ChatClient* chat() const { return m_chat.get(); }
    Notifier* notifier() const { return m_notifier.get(); }
    ConnectivityWatcher* connectivity() const { return m_connectivity.get(); }

    QString userId() const;
    QString username() const;
    // The display name, else the username.
    QString displayName() const;
    // The server, as the keychain and the data directories name it.
    QString server() const;

    // The chat connects (stream, outbox) and notifications start.
    void start();
    // Nothing uses the session any more; done before the account is removed.
    void stop();

signals:
    // The profile (name, picture, status) changed.
    void userChanged();
    // The account is about to leave the registry: whoever shows it lets go
    // now. It is deleted once control returns to the event loop.
    void aboutToBeRemoved();

private:
    Session& m_session;
    // Made in this order and destroyed in the reverse: what uses the chat
    // client goes before it.
    std::unique_ptr<Account> m_account;
    std::unique_ptr<ChatClient> m_chat;
    std::unique_ptr<Notifier> m_notifier;
    std::unique_ptr<ConnectivityWatcher> m_connectivity;
};

} // namespace confab::core
