#include "models/InvitesModel.h"

#include "chat/UserCache.h"
#include "net/ProtoConvert.h"

#include <algorithm>

namespace confab::core {

InvitesModel::InvitesModel(UserCache& users, QObject* parent)
    : QAbstractListModel(parent), m_users(users)
{
    connect(&m_users, &UserCache::userChanged, this, [this](const QString& userId) {
        for (int i = 0; i < rowCount(); ++i) {
            if (toQString(m_invites[static_cast<std::size_t>(i)].inviter().id()) == userId) {
                emit dataChanged(index(i), index(i), {InviterNameRole});
            }
        }
    });
}

int InvitesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_invites.size());
}

QVariant InvitesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const v1::Invite& invite = m_invites[static_cast<std::size_t>(index.row())];
    switch (role) {
    case RoomIdRole:
        return toQString(invite.room().id());
    case Qt::DisplayRole:
    case RoomNameRole:
        // A direct room is named after the one who opened it.
        if (invite.room().direct()) {
            return m_users.displayName(toQString(invite.inviter().id()));
        }
        return toQString(invite.room().name());
    case TopicRole:
        return toQString(invite.room().topic());
    case MemberCountRole:
        return static_cast<int>(invite.room().member_count());
    case DirectRole:
        return invite.room().direct();
    case InviterIdRole:
        return toQString(invite.inviter().id());
    case InviterNameRole:
        return m_users.displayName(toQString(invite.inviter().id()));
    case InvitedAtRole:
        return toDateTime(invite.invited_at());
    default:
        return {};
    }
}

QHash<int, QByteArray> InvitesModel::roleNames() const
{
    return {
        {RoomIdRole, "roomId"},           {RoomNameRole, "roomName"},  {TopicRole, "topic"},
        {MemberCountRole, "memberCount"}, {DirectRole, "direct"},      {InviterIdRole, "inviterId"},
        {InviterNameRole, "inviterName"}, {InvitedAtRole, "invitedAt"}};
}

void InvitesModel::reset(const std::vector<v1::Invite>& invites)
{
    beginResetModel();
    m_invites = invites;
    for (const auto& invite : m_invites) {
        m_users.insert(invite.inviter());
    }
    endResetModel();
    emit countChanged();
}

int InvitesModel::rowOf(const QString& roomId) const
{
    const std::string id = roomId.toStdString();
    const auto it = std::find_if(m_invites.begin(), m_invites.end(), [&](const v1::Invite& invite) {
        return invite.room().id() == id;
    });
    return it == m_invites.end() ? -1 : static_cast<int>(it - m_invites.begin());
}

bool InvitesModel::add(const v1::Invite& invite)
{
    m_users.insert(invite.inviter());
    const bool fresh = !contains(toQString(invite.room().id()));
    remove(toQString(invite.room().id()));
    beginInsertRows({}, 0, 0); // newest first
    m_invites.insert(m_invites.begin(), invite);
    endInsertRows();
    emit countChanged();
    return fresh;
}

void InvitesModel::remove(const QString& roomId)
{
    const int row = rowOf(roomId);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_invites.erase(m_invites.begin() + row);
    endRemoveRows();
    emit countChanged();
}

} // namespace confab::core
