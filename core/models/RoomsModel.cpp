#include "models/RoomsModel.h"

#include "chat/UserCache.h"
#include "models/TimelineModel.h"
#include "net/ProtoConvert.h"

#include <algorithm>

namespace confab::core {

namespace {

constexpr int kPreviewLength = 200;

QString previewOf(const std::string& text)
{
    QString preview = toQString(text).simplified();
    if (preview.size() > kPreviewLength) {
        preview = preview.left(kPreviewLength - 1) + QChar(0x2026);
    }
    return preview;
}

qint64 msOf(const google::protobuf::Timestamp& at)
{
    const QDateTime time = toDateTime(at);
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

} // namespace

RoomsModel::RoomsModel(QObject* parent) : QAbstractListModel(parent)
{}

RoomsModel::~RoomsModel() = default;

int RoomsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rooms.size());
}

QVariant RoomsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Entry& room = m_rooms[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        if (room.name.isEmpty() && room.direct && room.listed) {
            // The server names a direct room after the peer; no name: deleted.
            return UserCache::deletedUserName();
        }
        return room.name;
    case IdRole:
        return room.id;
    case DirectRole:
        return room.direct;
    case TopicRole:
        return room.topic;
    case PublicRole:
        return room.isPublic;
    case MemberCountRole:
        return room.memberCount;
    case LastMessageRole:
        if (room.lastMessageId.isEmpty()) {
            return QString();
        }
        return room.lastMessageDeleted ? TimelineModel::deletedMessageText() : room.lastMessageText;
    case LastMessageAuthorIdRole:
        return room.lastMessageAuthorId;
    case LastActivityRole:
        return room.activityMs == 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(room.activityMs);
    case UnreadCountRole:
        return room.unread();
    case MentionCountRole:
        return room.mentions();
    case LastSeqRole:
        return QVariant::fromValue<qulonglong>(room.lastSeq);
    case MutedRole:
        return room.muted;
    default:
        return {};
    }
}

QHash<int, QByteArray> RoomsModel::roleNames() const
{
    return {{IdRole, "roomId"},
            {NameRole, "name"},
            {DirectRole, "direct"},
            {TopicRole, "topic"},
            {PublicRole, "isPublic"},
            {MemberCountRole, "memberCount"},
            {LastMessageRole, "lastMessage"},
            {LastMessageAuthorIdRole, "lastMessageAuthorId"},
            {LastActivityRole, "lastActivity"},
            {UnreadCountRole, "unreadCount"},
            {LastSeqRole, "lastSeq"},
            {MutedRole, "muted"},
            {MentionCountRole, "mentionCount"}};
}

void RoomsModel::setSettings(std::unique_ptr<QSettings> settings, const QString& group)
{
    m_settings = std::move(settings);
    m_group = group;
    m_muted.clear();
    if (m_settings) {
        const QStringList muted =
            m_settings->value(m_group + QStringLiteral("/muted")).toStringList();
        m_muted = QSet<QString>(muted.begin(), muted.end());
    }
    for (int row = 0; row < static_cast<int>(m_rooms.size()); ++row) {
        Entry& entry = m_rooms[static_cast<std::size_t>(row)];
        const bool muted = m_muted.contains(entry.id);
        if (entry.muted != muted) {
            entry.muted = muted;
            emit dataChanged(index(row), index(row), {MutedRole});
        }
    }
    updateTotal();
}

bool RoomsModel::before(const Entry& a, const Entry& b)
{
    if (a.activityMs != b.activityMs) {
        return a.activityMs > b.activityMs;
    }
    return a.id > b.id; // ids grow with time: the newer first
}

void RoomsModel::takeMetadata(Entry& entry, const v1::Room& room)
{
    entry.name = toQString(room.name());
    entry.topic = toQString(room.topic());
    entry.direct = room.direct();
    entry.isPublic = room.visibility() == v1::VISIBILITY_PUBLIC;
    entry.memberCount = static_cast<int>(room.member_count());
    entry.listed = true;
}

// What the server counted up to its last_seq replaces what was counted here
// up to there.
void RoomsModel::takeSnapshot(Entry& entry, const v1::Room& room)
{
    entry.readSeq = std::max<quint64>(entry.readSeq, room.read_seq());
    if (room.last_seq() >= entry.snapshotSeq) {
        entry.snapshotSeq = room.last_seq();
        entry.baseUnread = static_cast<int>(room.unread_count());
        entry.unreadSince.erase(entry.unreadSince.begin(),
                                entry.unreadSince.upper_bound(entry.snapshotSeq));
        entry.baseMentions = static_cast<int>(room.mention_count());
        entry.mentionsSince.erase(entry.mentionsSince.begin(),
                                  entry.mentionsSince.upper_bound(entry.snapshotSeq));
    }
    entry.lastSeq = std::max<quint64>(entry.lastSeq, room.last_seq());
    if (room.has_last_message() && room.last_message().seq() > entry.lastMessageSeq) {
        const v1::Message& message = room.last_message();
        entry.lastMessageId = toQString(message.id());
        entry.lastMessageSeq = message.seq();
        entry.lastMessageText = previewOf(message.text());
        entry.lastMessageAuthorId = toQString(message.author_id());
        entry.lastMessageDeleted = message.deleted();
        entry.activityMs = std::max(entry.activityMs, msOf(message.sent_at()));
    }
    entry.activityMs = std::max(entry.activityMs, msOf(room.created_at()));
}

RoomsModel::Entry RoomsModel::entryOf(const v1::Room& room) const
{
    Entry entry;
    entry.id = toQString(room.id());
    takeMetadata(entry, room);
    takeSnapshot(entry, room);
    entry.muted = m_muted.contains(entry.id);
    return entry;
}

void RoomsModel::reset(const std::vector<v1::Room>& rooms)
{
    beginResetModel();
    m_rooms.clear();
    for (const auto& room : rooms) {
        if (!room.id().empty()) {
            m_rooms.push_back(entryOf(room));
        }
    }
    std::sort(m_rooms.begin(), m_rooms.end(), before);
    endResetModel();
    updateTotal();
}

void RoomsModel::insertSorted(Entry entry)
{
    const auto at = std::lower_bound(m_rooms.begin(), m_rooms.end(), entry, before);
    const int position = static_cast<int>(at - m_rooms.begin());
    beginInsertRows({}, position, position);
    m_rooms.insert(at, std::move(entry));
    endInsertRows();
    updateTotal();
}

void RoomsModel::reposition(int row)
{
    const Entry& entry = m_rooms[static_cast<std::size_t>(row)];
    int target = 0;
    for (int i = 0; i < static_cast<int>(m_rooms.size()); ++i) {
        if (i != row && before(m_rooms[static_cast<std::size_t>(i)], entry)) {
            ++target;
        }
    }
    if (target != row) {
        beginMoveRows({}, row, row, {}, target > row ? target + 1 : target);
        if (target > row) {
            std::rotate(m_rooms.begin() + row, m_rooms.begin() + row + 1,
                        m_rooms.begin() + target + 1);
        } else {
            std::rotate(m_rooms.begin() + target, m_rooms.begin() + row, m_rooms.begin() + row + 1);
        }
        endMoveRows();
    }
    emit dataChanged(index(target), index(target));
    updateTotal();
}

void RoomsModel::merge(const std::vector<v1::Room>& rooms, const QSet<QString>& knownBefore,
                       const QSet<QString>& removedSince)
{
    QSet<QString> listed;
    for (const auto& room : rooms) {
        const QString id = toQString(room.id());
        listed.insert(id);
        if (removedSince.contains(id)) {
            continue; // left after the list was made
        }
        upsert(room);
    }
    for (const QString& id : knownBefore) {
        if (!listed.contains(id)) {
            removeRoom(id); // gone while we were away
        }
    }
}

void RoomsModel::upsert(const v1::Room& room)
{
    const int row = rowOf(toQString(room.id()));
    if (row < 0) {
        if (!room.id().empty()) {
            insertSorted(entryOf(room));
        }
        return;
    }
    Entry& entry = m_rooms[static_cast<std::size_t>(row)];
    takeMetadata(entry, room);
    takeSnapshot(entry, room);
    reposition(row);
}

bool RoomsModel::applyEvent(const v1::RoomEvent& event, const QString& myUserId)
{
    const QString roomId = toQString(event.room_id());
    int row = rowOf(roomId);
    const bool added = row < 0;
    if (added) {
        Entry entry;
        entry.id = roomId;
        entry.muted = m_muted.contains(roomId);
        entry.activityMs = msOf(event.at());
        insertSorted(std::move(entry));
        row = rowOf(roomId);
    }
    Entry& entry = m_rooms[static_cast<std::size_t>(row)];
    if (event.seq() <= entry.lastSeq) {
        return added; // counted in the room list already
    }
    entry.lastSeq = event.seq();
    switch (event.kind_case()) {
    case v1::RoomEvent::kMessagePosted: {
        const v1::Message& message = event.message_posted();
        entry.lastMessageId = toQString(message.id());
        entry.lastMessageSeq = event.seq();
        entry.lastMessageText = previewOf(message.text());
        entry.lastMessageAuthorId = toQString(message.author_id());
        entry.lastMessageDeleted = message.deleted();
        entry.activityMs = std::max(entry.activityMs, msOf(message.sent_at()));
        if (entry.lastMessageAuthorId != myUserId && !message.deleted() &&
            event.seq() > entry.readSeq && event.seq() > entry.snapshotSeq) {
            entry.unreadSince.emplace(event.seq(), entry.lastMessageId);
            const auto& mentioned = message.mentioned_user_ids();
            if (std::find(mentioned.begin(), mentioned.end(), myUserId.toStdString()) !=
                mentioned.end()) {
                entry.mentionsSince.insert(event.seq());
            }
        }
        break;
    }
    case v1::RoomEvent::kMessageEdited:
        if (toQString(event.message_edited().id()) == entry.lastMessageId) {
            entry.lastMessageText = previewOf(event.message_edited().text());
        }
        break;
    case v1::RoomEvent::kMessageDeleted: {
        const QString messageId = toQString(event.message_deleted().message_id());
        if (messageId == entry.lastMessageId) {
            entry.lastMessageDeleted = true;
            entry.lastMessageText.clear();
        }
        const auto it =
            std::find_if(entry.unreadSince.begin(), entry.unreadSince.end(),
                         [&](const auto& unread) { return unread.second == messageId; });
        if (it != entry.unreadSince.end()) {
            entry.mentionsSince.erase(it->first);
            entry.unreadSince.erase(it);
        } else if (entry.baseUnread > 0) {
            emit unreadStale(roomId);
        }
        break;
    }
    case v1::RoomEvent::kRoomUpdated: {
        const v1::Room& room = event.room_updated();
        if (!room.direct() && !entry.direct) {
            entry.name = toQString(room.name());
        }
        entry.topic = toQString(room.topic());
        entry.direct = entry.direct || room.direct();
        entry.isPublic = room.visibility() == v1::VISIBILITY_PUBLIC;
        entry.activityMs = std::max(entry.activityMs, msOf(room.created_at()));
        break;
    }
    case v1::RoomEvent::kMemberJoined:
        ++entry.memberCount;
        break;
    case v1::RoomEvent::kMemberLeft:
        entry.memberCount = std::max(0, entry.memberCount - 1);
        break;
    default:
        break;
    }
    reposition(row);
    return added;
}

void RoomsModel::removeRoom(const QString& roomId)
{
    const int row = rowOf(roomId);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_rooms.erase(m_rooms.begin() + row);
    endRemoveRows();
    updateTotal();
}

void RoomsModel::markRead(const QString& roomId, quint64 seq)
{
    const int row = rowOf(roomId);
    if (row < 0) {
        return;
    }
    Entry& entry = m_rooms[static_cast<std::size_t>(row)];
    if (seq <= entry.readSeq) {
        return;
    }
    entry.readSeq = seq;
    const int before = entry.unread();
    const int mentionsBefore = entry.mentions();
    entry.unreadSince.erase(entry.unreadSince.begin(), entry.unreadSince.upper_bound(seq));
    entry.mentionsSince.erase(entry.mentionsSince.begin(), entry.mentionsSince.upper_bound(seq));
    if (seq >= entry.snapshotSeq) {
        entry.baseUnread = 0;
        entry.baseMentions = 0;
    } else if (entry.baseUnread > 0) {
        emit unreadStale(roomId);
    }
    if (entry.mentions() != mentionsBefore) {
        emit dataChanged(index(row), index(row), {MentionCountRole});
    }
    if (entry.unread() != before) {
        emit dataChanged(index(row), index(row), {UnreadCountRole});
        updateTotal();
    }
}

void RoomsModel::setMuted(const QString& roomId, bool muted)
{
    if (muted) {
        m_muted.insert(roomId);
    } else {
        m_muted.remove(roomId);
    }
    saveMuted();
    const int row = rowOf(roomId);
    if (row >= 0 && m_rooms[static_cast<std::size_t>(row)].muted != muted) {
        m_rooms[static_cast<std::size_t>(row)].muted = muted;
        emit dataChanged(index(row), index(row), {MutedRole});
        updateTotal();
    }
}

bool RoomsModel::isMuted(const QString& roomId) const
{
    return m_muted.contains(roomId);
}

void RoomsModel::saveMuted()
{
    if (!m_settings) {
        return;
    }
    QStringList muted(m_muted.begin(), m_muted.end());
    muted.sort();
    m_settings->setValue(m_group + QStringLiteral("/muted"), muted);
    m_settings->sync();
}

int RoomsModel::totalUnread() const
{
    return m_total;
}

void RoomsModel::updateTotal()
{
    int total = 0;
    for (const auto& entry : m_rooms) {
        if (!entry.muted) {
            total += entry.unread();
        }
    }
    if (total != m_total) {
        m_total = total;
        emit totalUnreadChanged(total);
    }
}

int RoomsModel::rowOf(const QString& roomId) const
{
    for (int i = 0; i < static_cast<int>(m_rooms.size()); ++i) {
        if (m_rooms[static_cast<std::size_t>(i)].id == roomId) {
            return i;
        }
    }
    return -1;
}

QString RoomsModel::roomIdAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rooms.size())
               ? m_rooms[static_cast<std::size_t>(row)].id
               : QString();
}

QSet<QString> RoomsModel::roomIds() const
{
    QSet<QString> ids;
    for (const auto& entry : m_rooms) {
        ids.insert(entry.id);
    }
    return ids;
}

quint64 RoomsModel::lastSeq(const QString& roomId) const
{
    const int row = rowOf(roomId);
    return row < 0 ? 0 : m_rooms[static_cast<std::size_t>(row)].lastSeq;
}

quint64 RoomsModel::readSeq(const QString& roomId) const
{
    const int row = rowOf(roomId);
    return row < 0 ? 0 : m_rooms[static_cast<std::size_t>(row)].readSeq;
}

int RoomsModel::unreadCount(const QString& roomId) const
{
    const int row = rowOf(roomId);
    return row < 0 ? 0 : m_rooms[static_cast<std::size_t>(row)].unread();
}

QString RoomsModel::name(const QString& roomId) const
{
    const int row = rowOf(roomId);
    return row < 0 ? QString() : data(index(row), NameRole).toString();
}

} // namespace confab::core
