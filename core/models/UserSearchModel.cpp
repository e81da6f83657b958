#include "models/UserSearchModel.h"

#include "account/Session.h"
#include "net/ProtoConvert.h"

namespace confab::core {

UserSearchModel::UserSearchModel(Session& session, QObject* parent)
    : QAbstractListModel(parent), m_session(session)
{}

UserSearchModel::~UserSearchModel() = default;

int UserSearchModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_results.size());
}

QVariant UserSearchModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const v1::User& user = m_results[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole:
        return toQString(user.display_name().empty() ? user.username() : user.display_name());
    case UserIdRole:
        return toQString(user.id());
    case UsernameRole:
        return toQString(user.username());
    case OnlineRole:
        return user.presence() == v1::PRESENCE_ONLINE;
    case SelfRole:
        return user.id() == m_session.user().id();
    default:
        return {};
    }
}

QHash<int, QByteArray> UserSearchModel::roleNames() const
{
    return {{UserIdRole, "userId"},
            {UsernameRole, "username"},
            {DisplayNameRole, "displayName"},
            {OnlineRole, "online"},
            {SelfRole, "self"}};
}

void UserSearchModel::setSearching(bool searching)
{
    if (m_searching != searching) {
        m_searching = searching;
        emit searchingChanged(searching);
    }
}

void UserSearchModel::search(const QString& query, int limit)
{
    const quint64 request = ++m_request;
    if (query.trimmed().isEmpty()) {
        setSearching(false);
        beginResetModel();
        m_results.clear();
        endResetModel();
        emit searchFinished();
        return;
    }
    setSearching(true);
    v1::SearchUsersRequest message;
    message.set_query(query.trimmed().toStdString());
    message.set_limit(static_cast<quint32>(std::max(limit, 1)));
    m_session.call(&AccountsApi::SearchUsers, message, this,
                   [this, request](const Error& error, v1::SearchUsersResponse response) {
                       if (request != m_request) {
                           return;
                       }
                       setSearching(false);
                       if (!error.ok()) {
                           emit searchFailed(error);
                           return;
                       }
                       beginResetModel();
                       m_results.assign(response.users().begin(), response.users().end());
                       endResetModel();
                       emit searchFinished();
                   });
}

} // namespace confab::core
