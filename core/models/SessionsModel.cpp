#include "models/SessionsModel.h"

#include "net/ProtoConvert.h"

namespace confab::core {

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

} // namespace confab::core
