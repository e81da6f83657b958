#pragma once

#include <QObject>
#include <QString>

namespace QKeychain {
class Job;
}

namespace confab::core {

// Keeps refresh tokens in the operating system's keychain (Secret Service on
// Linux, Keychain on macOS, Credential Manager on Windows) through
// qtkeychain, keyed by server and user. Never falls back to a plain file.
//
// Every operation is asynchronous: it returns at once and answers with the
// matching signal on the thread that owns the store.
// qtkeychain runs one operation at a time, so the answers come in the order
// of the calls. A locked keychain may prompt the user; the answer then waits
// for them, so the store itself puts no time limit on it.
class TokenStore : public QObject {
    Q_OBJECT

public:
    enum class Status {
        Ok,
        NotFound,    // the keychain works, but holds no token for this key
        Unavailable, // no keychain: no session bus, no secret service, locked, denied ...
    };
    Q_ENUM(Status)

    explicit TokenStore(QObject* parent = nullptr);
    // The service name under which entries are stored ("confab" by
    // default; tests use their own).
    explicit TokenStore(const QString& service, QObject* parent = nullptr);

    // The key of a (server, username) pair.
    static QString keyFor(const QString& server, const QString& username);

    void read(const QString& key);
    void write(const QString& key, const QString& token);
    void remove(const QString& key);

signals:
    // `token` is empty unless status is Ok; `detail` says why in plain words
    // when status is Unavailable.
    void readFinished(const QString& key, const QString& token,
                      confab::core::TokenStore::Status status, const QString& detail);
    void writeFinished(const QString& key, confab::core::TokenStore::Status status,
                       const QString& detail);
    // Removing what is not there is Ok.
    void removeFinished(const QString& key, confab::core::TokenStore::Status status,
                        const QString& detail);

private:
    static void prepare(QKeychain::Job* job, const QString& key);
    // Why a job failed, in plain words followed by the backend's own message.
    static QString unavailableDetail(const QKeychain::Job& job, const char* operation);

    QString m_service;
};

} // namespace confab::core
