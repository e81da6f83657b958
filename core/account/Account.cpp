#include "account/Account.h"

namespace confab::core {

Account::Account(Session& session, QObject* parent) : QObject(parent), m_session(session)
{}

void Account::updateProfile(const ProfileChange& change)
{
    v1::UpdateProfileRequest request;
    if (change.displayName) {
        request.set_display_name(change.displayName->toStdString());
    }
    if (change.bio) {
        request.set_bio(change.bio->toStdString());
    }
    if (change.statusText) {
        request.set_status_text(change.statusText->toStdString());
    }
    if (change.avatar) {
        request.set_avatar(change.avatar->toStdString());
    }
    m_session.call(&AccountsApi::UpdateProfile, request, this,
                   [this](const Error& error, v1::User user) {
                       if (!error.ok()) {
                           emit profileUpdateFailed(error);
                           return;
                       }
                       m_session.setUser(user);
                       emit profileUpdated();
                   });
}

void Account::changePassword(const QString& oldPassword, const QString& newPassword)
{
    v1::ChangePasswordRequest request;
    request.set_old_password(oldPassword.toStdString());
    request.set_new_password(newPassword.toStdString());
    m_session.call(&AccountsApi::ChangePassword, request, this,
                   [this](const Error& error, v1::ChangePasswordResponse) {
                       if (error.ok()) {
                           emit passwordChanged();
                       } else {
                           emit passwordChangeFailed(error);
                       }
                   });
}

void Account::deleteAccount(const QString& password)
{
    v1::DeleteAccountRequest request;
    request.set_password(password.toStdString());
    m_session.call(&AccountsApi::DeleteAccount, request, this,
                   [this](const Error& error, v1::DeleteAccountResponse) {
                       if (!error.ok()) {
                           emit accountDeletionFailed(error);
                           return;
                       }
                       m_session.forget();
                       emit accountDeleted();
                   });
}

void Account::loadSessions()
{
    m_session.call(&AccountsApi::ListSessions, {}, this,
                   [this](const Error& error, v1::ListSessionsResponse response) {
                       if (!error.ok()) {
                           emit sessionsFailed(error);
                           return;
                       }
                       m_sessions.reset({response.sessions().begin(), response.sessions().end()});
                       emit sessionsLoaded();
                   });
}

void Account::revokeSession(const QString& sessionId)
{
    v1::RevokeSessionRequest request;
    request.set_session_id(sessionId.toStdString());
    m_session.call(&AccountsApi::RevokeSession, request, this,
                   [this, sessionId](const Error& error, v1::RevokeSessionResponse) {
                       if (!error.ok()) {
                           emit sessionsFailed(error);
                           return;
                       }
                       m_sessions.removeSession(sessionId);
                       emit sessionRevoked(sessionId);
                   });
}

} // namespace confab::core
