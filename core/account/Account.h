#pragma once

#include "account/Session.h"
#include "models/SessionsModel.h"
#include "net/Error.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QObject>

#include <optional>

namespace confab::core {

// What a user does to their own account: profile, password, sessions,
// deletion. Results arrive as signals; errors as core::Error.
class Account : public QObject {
    Q_OBJECT

public:
    explicit Account(Session& session, QObject* parent = nullptr);

    struct ProfileChange {
        std::optional<QString> displayName;
        std::optional<QString> bio;
        std::optional<QString> statusText;
        // An encoded PNG/JPEG/WebP; an empty array removes the avatar.
        std::optional<QByteArray> avatar;
    };

    void updateProfile(const ProfileChange& change);
    void changePassword(const QString& oldPassword, const QString& newPassword);
    void deleteAccount(const QString& password);
    void loadSessions();
    void revokeSession(const QString& sessionId);

    SessionsModel* sessions() { return &m_sessions; }

signals:
    void profileUpdated();
    void profileUpdateFailed(const confab::core::Error& error);
    void passwordChanged();
    void passwordChangeFailed(const confab::core::Error& error);
    void accountDeleted();
    void accountDeletionFailed(const confab::core::Error& error);
    void sessionsLoaded();
    void sessionRevoked(const QString& sessionId);
    void sessionsFailed(const confab::core::Error& error);

private:
    Session& m_session;
    SessionsModel m_sessions;
};

} // namespace confab::core
