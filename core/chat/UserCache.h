#pragma once

#include "net/Error.h"
#include "net/Rpc.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

namespace confab::core {

class Session;

// What the chat views know about other users: filled from member lists,
// member events, profile and presence events, and GetUser for anyone not
// seen yet. Lives on the GUI thread.
class UserCache : public QObject {
    Q_OBJECT

public:
    explicit UserCache(Session& session, QObject* parent = nullptr);
    ~UserCache() override;

    // Keeps `user` (its presence too, unless it is unspecified).
    // A user as a room's log tells of them (member joined or left): the log
    // was written without presence, so what is known of it stays.
    void insertFromLog(const v1::User& user);
    void insert(const v1::User& user);
    void setPresence(const QString& userId, v1::Presence presence);
    // nullptr when not known (yet).
    const v1::User* find(const QString& userId) const;
    // The name to show for `userId`: the display name, else the username;
    // "Deleted user" for a deleted account; empty while it is being fetched.
    QString displayName(const QString& userId);
    bool isOnline(const QString& userId) const;
    // The user's picture (encoded image bytes); empty when there is none or
    // while it is being fetched (userChanged() follows when it arrives).
    QByteArray avatar(const QString& userId);
    // How a deleted account is named wherever it shows.
    static QString deletedUserName() { return tr("Deleted user"); }
    // Asks the server about `userId` unless known or asked already.
    void fetch(const QString& userId);

signals:
    void userChanged(const QString& userId);

private:
    Session& m_session;
    struct Avatar {
        std::string sha256;
        QByteArray bytes;
    };

    void fetchAvatar(const QString& userId, const std::string& sha256);
    bool failedLately(const QString& userId) const;
    // GetUser; `done` runs only while this object lives.
    void getUser(const QString& userId, std::function<void(const Error&, v1::User)> done);

    QHash<QString, v1::User> m_users;
    QHash<QString, Avatar> m_avatars;
    QSet<QString> m_fetchingAvatars;
    QSet<QString> m_fetching;
    QHash<QString, qint64> m_failedAt;
};

} // namespace confab::core
