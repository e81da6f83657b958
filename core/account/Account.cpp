#include "account/Account.h"

#include <google/protobuf/util/time_util.h>

namespace confab::core {

namespace {

QDateTime toDateTime(const google::protobuf::Timestamp& at)
{
    return QDateTime::fromMSecsSinceEpoch(
        google::protobuf::util::TimeUtil::TimestampToMilliseconds(at));
}

} // namespace

int SessionsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_sessions.size());
}

QVariant SessionsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const v1::SessionInfo& info = m_sessions[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case DeviceNameRole: {
        const QString name = QString::fromStdString(info.device_name());
        return name.isEmpty() ? tr("Unnamed device") : name;
    }
    case SessionIdRole:
        return QString::fromStdString(info.session_id());
    case CreatedAtRole:
        return toDateTime(info.created_at());
    case LastUsedAtRole:
        return toDateTime(info.last_used_at());
    case CurrentRole:
        return info.current();
    default:
        return {};
    }
}

QHash<int, QByteArray> SessionsModel::roleNames() const
{
    return {{SessionIdRole, "sessionId"},
            {DeviceNameRole, "deviceName"},
            {CreatedAtRole, "createdAt"},
            {LastUsedAtRole, "lastUsedAt"},
            {CurrentRole, "current"}};
}

void SessionsModel::reset(const std::vector<v1::SessionInfo>& sessions)
{
    beginResetModel();
    m_sessions = sessions;
    endResetModel();
}

void SessionsModel::removeSession(const QString& sessionId)
{
    for (std::size_t i = 0; i < m_sessions.size(); ++i) {
        if (QString::fromStdString(m_sessions[i].session_id()) == sessionId) {
            beginRemoveRows({}, static_cast<int>(i), static_cast<int>(i));
            m_sessions.erase(m_sessions.begin() + static_cast<long>(i));
            endRemoveRows();
            return;
        }
    }
}

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
