#include "models/DirectoryModel.h"

#include "account/Session.h"
#include "models/RoomsModel.h"
#include "net/ProtoConvert.h"

namespace confab::core {

DirectoryModel::DirectoryModel(Session& session, const RoomsModel* rooms, QObject* parent)
    : QAbstractListModel(parent), m_session(session), m_rooms(rooms)
{
    if (m_rooms) {
        // Joining or leaving changes the Joined role.
        const auto refresh = [this] {
            if (!m_results.empty()) {
                emit dataChanged(index(0), index(rowCount() - 1), {JoinedRole});
            }
        };
        connect(m_rooms, &QAbstractItemModel::rowsInserted, this, refresh);
        connect(m_rooms, &QAbstractItemModel::rowsRemoved, this, refresh);
        connect(m_rooms, &QAbstractItemModel::modelReset, this, refresh);
    }
}

DirectoryModel::~DirectoryModel() = default;

int DirectoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_results.size());
}

QVariant DirectoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const v1::Room& room = m_results[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return toQString(room.name());
    case IdRole:
        return toQString(room.id());
    case TopicRole:
        return toQString(room.topic());
    case MemberCountRole:
        return static_cast<int>(room.member_count());
    case JoinedRole:
        return m_rooms && m_rooms->contains(toQString(room.id()));
    default:
        return {};
    }
}

QHash<int, QByteArray> DirectoryModel::roleNames() const
{
    return {{IdRole, "roomId"},
            {NameRole, "name"},
            {TopicRole, "topic"},
            {MemberCountRole, "memberCount"},
            {JoinedRole, "joined"}};
}

void DirectoryModel::search(const QString& query, int limit)
{
    m_query = query;
    const quint64 request = ++m_request;
    if (!m_searching) {
        m_searching = true;
        emit searchingChanged(true);
    }
    v1::ListPublicRoomsRequest message;
    message.set_query(query.toStdString());
    message.set_limit(static_cast<quint32>(std::max(limit, 1)));
    m_session.call(&ChatApi::ListPublicRooms, message, this,
                   [this, request](const Error& error, v1::ListPublicRoomsResponse response) {
                       if (request != m_request) {
                           return; // a newer search is under way
                       }
                       m_searching = false;
                       emit searchingChanged(false);
                       if (!error.ok()) {
                           emit searchFailed(error);
                           return;
                       }
                       beginResetModel();
                       m_results.assign(response.rooms().begin(), response.rooms().end());
                       endResetModel();
                       emit searchFinished();
                   });
}

} // namespace confab::core
