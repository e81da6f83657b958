#include "models/MembersModel.h"

#include "account/Session.h"
#include "chat/UserCache.h"
#include "net/ProtoConvert.h"

namespace confab::core {

MembersModel::MembersModel(Session& session, UserCache& users, const QString& roomId,
                           QObject* parent)
    : QAbstractListModel(parent), m_session(session), m_users(users), m_roomId(roomId)
{
    connect(&m_users, &UserCache::userChanged, this,
            [this](const QString& userId) { userChanged(userId); });
}

MembersModel::~MembersModel() = default;

int MembersModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_members.size());
}

QVariant MembersModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const v1::Member& member = m_members[static_cast<std::size_t>(index.row())];
    const QString userId = toQString(member.user().id());
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole:
        return m_users.displayName(userId);
    case UserIdRole:
        return userId;
    case UsernameRole:
        if (const v1::User* user = m_users.find(userId)) {
            return toQString(user->username());
        }
        return toQString(member.user().username());
    case OnlineRole:
        return m_users.isOnline(userId);
    case OwnerRole:
        return member.role() == v1::ROLE_OWNER;
    case ReadSeqRole:
        return QVariant::fromValue<qulonglong>(member.read_seq());
    case AvatarRole:
        return m_users.avatar(userId);
    case DeletedRole:
        if (const v1::User* user = m_users.find(userId)) {
            return user->deleted();
        }
        return member.user().deleted();
    default:
        return {};
    }
}

QHash<int, QByteArray> MembersModel::roleNames() const
{
    return {{UserIdRole, "userId"},   {UsernameRole, "username"}, {DisplayNameRole, "displayName"},
            {OnlineRole, "online"},   {OwnerRole, "owner"},       {ReadSeqRole, "readSeq"},
            {DeletedRole, "deleted"}, {AvatarRole, "avatar"}};
}

int MembersModel::rowOf(const QString& userId) const
{
    for (int i = 0; i < static_cast<int>(m_members.size()); ++i) {
        if (toQString(m_members[static_cast<std::size_t>(i)].user().id()) == userId) {
            return i;
        }
    }
    return -1;
}

void MembersModel::load()
{
    if (m_loading) {
        return;
    }
    m_loading = true;
    v1::ListMembersRequest request;
    request.set_room_id(m_roomId.toStdString());
    m_session.call(&ChatApi::ListMembers, request, this,
                   [this](const Error& error, v1::ListMembersResponse response) {
                       m_loading = false;
                       if (!error.ok()) {
                           emit loadFailed(error);
                           return;
                       }
                       for (const auto& member : response.members()) {
                           m_users.insert(member.user());
                       }
                       beginResetModel();
                       m_members.assign(response.members().begin(), response.members().end());
                       endResetModel();
                       m_loaded = true;
                       // Joins, departures and read markers newer than the
                       // snapshot, in the order they came (each applies once).
                       for (const v1::RoomEvent& event : std::exchange(m_eventsWhileLoading, {})) {
                           applyEvent(event);
                       }
                       const auto reads = std::exchange(m_readWhileLoading, {});
                       for (auto it = reads.cbegin(); it != reads.cend(); ++it) {
                           setReadSeq(it.key(), it.value());
                       }
                       emit loadedChanged(true);
                   });
}

void MembersModel::applyEvent(const v1::RoomEvent& event)
{
    if (m_loading) {
        if (event.has_member_joined() || event.has_member_left()) {
            m_eventsWhileLoading.push_back(event);
        }
        return;
    }
    if (event.has_member_joined()) {
        const v1::User& user = event.member_joined().user();
        if (rowOf(toQString(user.id())) >= 0) {
            return;
        }
        v1::Member member;
        *member.mutable_user() = user;
        member.set_role(v1::ROLE_MEMBER);
        *member.mutable_joined_at() = event.at();
        const int row = static_cast<int>(m_members.size());
        beginInsertRows({}, row, row);
        m_members.push_back(std::move(member));
        endInsertRows();
    } else if (event.has_member_left()) {
        const int row = rowOf(toQString(event.member_left().user().id()));
        if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_members.erase(m_members.begin() + row);
            endRemoveRows();
        }
    }
}

void MembersModel::setReadSeq(const QString& userId, quint64 seq)
{
    if (m_loading) {
        quint64& pending = m_readWhileLoading[userId];
        pending = std::max(pending, seq);
        return;
    }
    const int row = rowOf(userId);
    if (row < 0 || m_members[static_cast<std::size_t>(row)].read_seq() >= seq) {
        return;
    }
    m_members[static_cast<std::size_t>(row)].set_read_seq(seq);
    emit dataChanged(index(row), index(row), {ReadSeqRole});
}

void MembersModel::userChanged(const QString& userId)
{
    const int row = rowOf(userId);
    if (row >= 0) {
        emit dataChanged(
            index(row), index(row),
            {Qt::DisplayRole, DisplayNameRole, UsernameRole, OnlineRole, DeletedRole, AvatarRole});
    }
}

} // namespace confab::core
