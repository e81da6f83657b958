#include "models/TimelineModel.h"

#include "Logging.h"

#include "account/Session.h"
#include "chat/UserCache.h"
#include "net/ProtoConvert.h"

#include <algorithm>

namespace confab::core {

TimelineModel::TimelineModel(Session& session, UserCache& users, Outbox& outbox,
                             const QString& roomId, QObject* parent)
    : QAbstractListModel(parent),
      m_session(session),
      m_users(users),
      m_outbox(outbox),
      m_roomId(roomId)
{
    for (const OutboxItem& item : m_outbox.items(m_roomId)) {
        setLocalItem(item);
    }
    connect(&m_outbox, &Outbox::itemAdded, this, &TimelineModel::setLocalItem);
    connect(&m_outbox, &Outbox::itemChanged, this, &TimelineModel::setLocalItem);
    connect(&m_outbox, &Outbox::itemDiscarded, this,
            [this](const QString& roomId, const QString& clientMessageId) {
                if (roomId == m_roomId) {
                    removeLocalItem(clientMessageId);
                }
            });
    // Shown now, where its seq puts it; the stream's copy finds it there.
    connect(&m_outbox, &Outbox::messageSent, this,
            [this](const QString& roomId, const QString&, const v1::Message& message) {
                if (roomId == m_roomId) {
                    insertConfirmed(rowOf(message, message.seq()));
                }
            });
    m_typingTimer.setSingleShot(true);
    connect(&m_typingTimer, &QTimer::timeout, this, [this] { expireTyping(); });
    connect(&m_users, &UserCache::userChanged, this, [this](const QString& userId) {
        authorChanged(userId);
        if (m_typingUntil.contains(userId)) {
            emit typingUsersChanged();
        }
    });
}

TimelineModel::~TimelineModel() = default;

QString TimelineModel::myId() const
{
    return toQString(m_session.user().id());
}

int TimelineModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant TimelineModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return row.text;
    case IdRole:
        return row.id;
    case SeqRole:
        return QVariant::fromValue<qulonglong>(row.seq);
    case KindRole:
        return QVariant::fromValue(row.kind);
    case AuthorIdRole:
        return row.authorId;
    case AuthorNameRole:
        return m_users.displayName(row.authorId);
    case AuthorAvatarRole:
        return m_users.avatar(row.authorId);
    case SentAtRole:
        return row.sentAt;
    case EditedRole:
        return row.editedAt.isValid();
    case EditedAtRole:
        return row.editedAt;
    case DeletedRole:
        return row.deleted;
    case ReplyToRole:
        return row.replyTo;
    case ReplyPreviewRole:
    case ReplyAuthorNameRole: {
        const int replied = rowOfMessage(row.replyTo);
        if (row.replyTo.isEmpty() || replied < 0) {
            return QString();
        }
        const Row& original = m_rows[static_cast<std::size_t>(replied)];
        if (role == ReplyAuthorNameRole) {
            return m_users.displayName(original.authorId);
        }
        return original.deleted ? deletedMessageText() : original.text;
    }
    case OwnRole:
        return row.authorId == myId();
    case SendStateRole:
        return QVariant::fromValue(row.state);
    case ErrorRole:
        return QVariant::fromValue(row.error);
    case ErrorTextRole:
        if (row.error.ok()) {
            return QString();
        }
        return row.error.field.isEmpty()
                   ? row.error.reason
                   : row.error.field + QStringLiteral(": ") + row.error.reason;
    case ClientMessageIdRole:
        return row.clientMessageId;
    case ReactionsRole:
        return QVariant::fromValue(row.reactions);
    case MyReactionsRole: {
        QStringList mine;
        for (const Reaction& reaction : row.reactions) {
            if (reaction.userIds.contains(myId())) {
                mine.append(reaction.emoji);
            }
        }
        return mine;
    }
    case MentionsMeRole:
        return !row.deleted && row.mentionedIds.contains(myId());
    case MentionedIdsRole:
        return row.mentionedIds;
    case AttachmentsRole:
        return QVariant::fromValue(row.attachments);
    case UploadProgressRole:
        return row.uploadProgress;
    case ReactorNamesRole: {
        QList<QStringList> names;
        for (const Reaction& reaction : row.reactions) {
            QStringList who;
            for (const QString& userId : reaction.userIds) {
                who.append(userId == myId() ? tr("You") : m_users.displayName(userId));
            }
            names.append(who);
        }
        return QVariant::fromValue(names);
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> TimelineModel::roleNames() const
{
    return {{IdRole, "messageId"},
            {SeqRole, "seq"},
            {KindRole, "kind"},
            {AuthorIdRole, "authorId"},
            {AuthorNameRole, "authorName"},
            {TextRole, "text"},
            {SentAtRole, "sentAt"},
            {EditedRole, "edited"},
            {EditedAtRole, "editedAt"},
            {DeletedRole, "deleted"},
            {ReplyToRole, "replyTo"},
            {ReplyPreviewRole, "replyPreview"},
            {ReplyAuthorNameRole, "replyAuthorName"},
            {OwnRole, "own"},
            {SendStateRole, "sendState"},
            {ErrorRole, "error"},
            {ErrorTextRole, "errorText"},
            {ClientMessageIdRole, "clientMessageId"},
            {AuthorAvatarRole, "authorAvatar"},
            {ReactionsRole, "reactions"},
            {MyReactionsRole, "myReactions"},
            {MentionsMeRole, "mentionsMe"},
            {MentionedIdsRole, "mentionedIds"},
            {AttachmentsRole, "attachments"},
            {UploadProgressRole, "uploadProgress"},
            {ReactorNamesRole, "reactorNames"}};
}

int TimelineModel::confirmedRowOfSeq(quint64 seq) const
{
    const auto end = m_rows.begin() + m_confirmed;
    const auto it = std::lower_bound(m_rows.begin(), end, seq,
                                     [](const Row& row, quint64 value) { return row.seq < value; });
    if (it == end || it->seq != seq) {
        return -1;
    }
    return static_cast<int>(it - m_rows.begin());
}

int TimelineModel::rowOfMessage(const QString& messageId) const
{
    if (messageId.isEmpty()) {
        return -1;
    }
    const auto it = m_seqOfMessage.constFind(messageId);
    return it == m_seqOfMessage.cend() ? -1 : confirmedRowOfSeq(*it);
}

int TimelineModel::rowOfClientMessage(const QString& clientMessageId) const
{
    if (clientMessageId.isEmpty()) {
        return -1;
    }
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0; --i) {
        if (m_rows[static_cast<std::size_t>(i)].clientMessageId == clientMessageId) {
            return i;
        }
    }
    return -1;
}

namespace {

// What a message carries besides its text: reactions, mentions, files.
template <typename Row>
void fillRich(Row& row, const v1::Message& message)
{
    row.reactions.clear();
    for (const auto& summary : message.reactions()) {
        Reaction reaction;
        reaction.emoji = toQString(summary.emoji());
        for (const auto& userId : summary.user_ids()) {
            reaction.userIds.append(toQString(userId));
        }
        row.reactions.append(reaction);
    }
    row.mentionedIds.clear();
    for (const auto& userId : message.mentioned_user_ids()) {
        row.mentionedIds.append(toQString(userId));
    }
    row.attachments.clear();
    for (const auto& attachment : message.attachments()) {
        row.attachments.append(Attachment::from(attachment));
    }
}

} // namespace

TimelineModel::Row TimelineModel::rowOf(const v1::Message& message, quint64 seq) const
{
    Row row;
    row.kind = Kind::Message;
    row.seq = seq != 0 ? seq : message.seq();
    row.id = toQString(message.id());
    row.authorId = toQString(message.author_id());
    row.text = message.deleted() ? QString() : toQString(message.text());
    row.sentAt = toDateTime(message.sent_at());
    row.editedAt = toDateTime(message.edited_at());
    row.deleted = message.deleted();
    row.replyTo = toQString(message.reply_to_message_id());
    row.clientMessageId = toQString(message.client_message_id());
    fillRich(row, message);
    return row;
}

void TimelineModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    const Row& removed = m_rows[static_cast<std::size_t>(row)];
    if (row < m_confirmed) {
        if (!removed.id.isEmpty()) {
            m_seqOfMessage.remove(removed.id);
        }
        --m_confirmed;
    }
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

void TimelineModel::insertConfirmed(Row row)
{
    if (row.seq == 0) {
        return;
    }
    if (row.kind == Kind::Message && !row.clientMessageId.isEmpty() && row.authorId == myId()) {
        // Our own outbox row turns into this message, once.
        removeLocalItem(row.clientMessageId);
    }
    if (confirmedRowOfSeq(row.seq) >= 0) {
        return; // shown already
    }
    const auto at =
        std::lower_bound(m_rows.begin(), m_rows.begin() + m_confirmed, row.seq,
                         [](const Row& existing, quint64 value) { return existing.seq < value; });
    const int position = static_cast<int>(at - m_rows.begin());
    const QString id = row.id;
    beginInsertRows({}, position, position);
    if (!id.isEmpty()) {
        m_seqOfMessage.insert(id, row.seq);
    }
    m_rows.insert(m_rows.begin() + position, std::move(row));
    ++m_confirmed;
    endInsertRows();
    if (!id.isEmpty()) {
        repliesChanged(id);
    }
}

void TimelineModel::updateMessage(const v1::Message& message, bool deleted)
{
    const int rowIndex = rowOfMessage(toQString(message.id()));
    if (rowIndex < 0) {
        return; // older than what is loaded: its page will bring it as it is now
    }
    Row& row = m_rows[static_cast<std::size_t>(rowIndex)];
    if (deleted) {
        if (row.deleted) {
            return;
        }
        row.deleted = true;
        row.text.clear();
        row.reactions.clear();
        row.mentionedIds.clear();
        row.attachments.clear();
    } else {
        const QDateTime editedAt = toDateTime(message.edited_at());
        if (row.deleted || (row.editedAt.isValid() && editedAt < row.editedAt)) {
            return; // an older state than the one shown
        }
        row.text = toQString(message.text());
        row.editedAt = editedAt;
        fillRich(row, message);
    }
    const QModelIndex changed = index(rowIndex);
    emit dataChanged(changed, changed,
                     {TextRole, Qt::DisplayRole, EditedRole, EditedAtRole, DeletedRole,
                      ReactionsRole, MyReactionsRole, MentionsMeRole, MentionedIdsRole,
                      AttachmentsRole});
    repliesChanged(row.id);
}

void TimelineModel::applyReaction(const v1::Reaction& reaction, bool added)
{
    const int rowIndex = rowOfMessage(toQString(reaction.message_id()));
    if (rowIndex < 0) {
        return; // its page will bring it as it is now
    }
    Row& row = m_rows[static_cast<std::size_t>(rowIndex)];
    const QString emoji = toQString(reaction.emoji());
    const QString userId = toQString(reaction.user_id());
    auto it = std::find_if(row.reactions.begin(), row.reactions.end(),
                           [&](const Reaction& r) { return r.emoji == emoji; });
    if (added) {
        if (it == row.reactions.end()) {
            row.reactions.append(Reaction{emoji, {}});
            it = std::prev(row.reactions.end());
        }
        if (it->userIds.contains(userId)) {
            return;
        }
        it->userIds.append(userId);
    } else {
        if (it == row.reactions.end() || !it->userIds.removeOne(userId)) {
            return;
        }
        if (it->userIds.isEmpty()) {
            row.reactions.erase(it);
        }
    }
    const QModelIndex changed = index(rowIndex);
    emit dataChanged(changed, changed, {ReactionsRole, MyReactionsRole, ReactorNamesRole});
}

void TimelineModel::repliesChanged(const QString& messageId)
{
    for (int i = 0; i < static_cast<int>(m_rows.size()); ++i) {
        if (m_rows[static_cast<std::size_t>(i)].replyTo == messageId) {
            const QModelIndex changed = index(i);
            emit dataChanged(changed, changed, {ReplyPreviewRole, ReplyAuthorNameRole});
        }
    }
}

void TimelineModel::authorChanged(const QString& userId)
{
    int first = -1;
    int last = -1;
    for (int i = 0; i < static_cast<int>(m_rows.size()); ++i) {
        if (m_rows[static_cast<std::size_t>(i)].authorId == userId) {
            if (first < 0) {
                first = i;
            }
            last = i;
        }
    }
    if (first >= 0) {
        emit dataChanged(index(first), index(last),
                         {AuthorNameRole, AuthorAvatarRole, ReplyAuthorNameRole});
    }
}

void TimelineModel::apply(const v1::RoomEvent& event)
{
    switch (event.kind_case()) {
    case v1::RoomEvent::kMessagePosted:
        insertConfirmed(rowOf(event.message_posted(), event.seq()));
        break;
    case v1::RoomEvent::kMessageEdited:
        updateMessage(event.message_edited(), false);
        break;
    case v1::RoomEvent::kMessageDeleted: {
        v1::Message message;
        message.set_id(event.message_deleted().message_id());
        updateMessage(message, true);
        break;
    }
    case v1::RoomEvent::kMemberJoined:
    case v1::RoomEvent::kMemberLeft: {
        const bool joined = event.has_member_joined();
        const v1::User& user = joined ? event.member_joined().user() : event.member_left().user();
        Row row;
        row.kind = joined ? Kind::MemberJoined : Kind::MemberLeft;
        row.seq = event.seq();
        row.authorId = toQString(user.id());
        row.sentAt = toDateTime(event.at());
        insertConfirmed(std::move(row));
        break;
    }
    case v1::RoomEvent::kReactionAdded:
        applyReaction(event.reaction_added(), true);
        break;
    case v1::RoomEvent::kReactionRemoved:
        applyReaction(event.reaction_removed(), false);
        break;
    default:
        break; // room updates belong to the room list
    }
}

void TimelineModel::applyEvent(const v1::RoomEvent& event)
{
    if (!m_loaded) {
        // While the newest page is on its way it may or may not have this
        // event: kept and sorted out when the page is in. Before that, the
        // page will have it.
        if (m_loading) {
            m_buffered.push_back(event);
        }
        return;
    }
    if (event.seq() <= m_newestSeq) {
        return; // the history page had it
    }
    if (m_newestSeq != 0 && event.seq() != m_newestSeq + 1) {
        qCWarning(lcTimeline) << "room" << m_roomId << "jumped from seq" << m_newestSeq << "to"
                              << event.seq();
    }
    m_newestSeq = event.seq();
    apply(event);
}

void TimelineModel::load()
{
    if (m_loaded || m_loading) {
        return;
    }
    m_loading = true;
    m_buffered.clear();
    requestHistory(0, true);
}

bool TimelineModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_loaded && m_hasMore && !m_fetching && m_oldestSeq > 1;
}

void TimelineModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    setFetching(true);
    requestHistory(m_oldestSeq, false);
}

void TimelineModel::setFetching(bool fetching)
{
    if (m_fetching != fetching) {
        m_fetching = fetching;
        emit fetchingChanged(fetching);
    }
}

void TimelineModel::requestHistory(quint64 beforeSeq, bool initial)
{
    v1::GetHistoryRequest request;
    request.set_room_id(m_roomId.toStdString());
    request.set_before_seq(beforeSeq);
    // Pages for a reveal are as large as the server gives.
    request.set_limit(m_revealSeq != 0 && !initial ? 200 : kPageSize);
    m_session.call(&ChatApi::GetHistory, request, this,
                   [this, beforeSeq, initial](const Error& error, v1::GetHistoryResponse response) {
                       if (!error.ok()) {
                           qCInfo(lcTimeline) << "history of" << m_roomId
                                              << "not loaded:" << static_cast<int>(error.code);
                           if (initial) {
                               m_loading = false;
                           } else {
                               setFetching(false);
                           }
                           emit loadFailed(error);
                           if (const quint64 seq = std::exchange(m_revealSeq, 0)) {
                               emit revealed(seq, false);
                           }
                           return;
                       }
                       if (!initial && beforeSeq != m_oldestSeq) {
                           setFetching(false);
                           continueReveal();
                           return; // not the page asked for any more
                       }
                       // The flags change only after the rows are in: views asking for
                       // more while rows go in must not ask for this page again.
                       const int before = rowCount();
                       for (const auto& event : response.events()) {
                           if (!initial && event.seq() >= beforeSeq) {
                               continue;
                           }
                           // Older than the stream: who joined or left is news to the cache.
                           if (event.has_member_joined()) {
                               m_users.insertFromLog(event.member_joined().user());
                           } else if (event.has_member_left()) {
                               m_users.insertFromLog(event.member_left().user());
                           }
                           apply(event);
                       }
                       if (!response.events().empty()) {
                           m_oldestSeq = response.events(0).seq();
                           if (initial) {
                               m_newestSeq = response.events(response.events_size() - 1).seq();
                           }
                       }
                       m_hasMore = response.has_more();
                       if (initial) {
                           m_loading = false;
                           m_loaded = true;
                           auto buffered = std::exchange(m_buffered, {});
                           for (const auto& event : buffered) {
                               applyEvent(event);
                           }
                           emit loadedChanged(true);
                       } else {
                           setFetching(false);
                           emit historyFetched(rowCount() - before);
                       }
                       continueReveal();
                   });
}

void TimelineModel::reveal(quint64 seq)
{
    m_revealSeq = seq;
    if (!m_loaded) {
        load(); // continues when the page is in
        return;
    }
    continueReveal();
}

void TimelineModel::continueReveal()
{
    if (m_revealSeq == 0 || !m_loaded || m_fetching) {
        return;
    }
    if (m_oldestSeq <= m_revealSeq || !m_hasMore || m_oldestSeq <= 1) {
        const quint64 seq = std::exchange(m_revealSeq, 0);
        emit revealed(seq, confirmedRowOfSeq(seq) >= 0);
        return;
    }
    setFetching(true);
    requestHistory(m_oldestSeq, false);
}

void TimelineModel::setLocalItem(const OutboxItem& item)
{
    if (item.roomId != m_roomId) {
        return;
    }
    const SendState state =
        item.state == OutboxItem::State::Failed ? SendState::Failed : SendState::Pending;
    const quint64 filesBytes = item.filesBytes();
    const double progress = item.files.isEmpty() ? -1.0
                            : filesBytes == 0    ? 1.0 // nothing to upload
                                                 : static_cast<double>(item.uploadedBytes) /
                                                    static_cast<double>(filesBytes);
    for (int i = m_confirmed; i < static_cast<int>(m_rows.size()); ++i) {
        Row& row = m_rows[static_cast<std::size_t>(i)];
        if (row.clientMessageId == item.clientMessageId) {
            row.text = item.text;
            row.state = state;
            row.error = item.error;
            row.uploadProgress = progress;
            const QModelIndex changed = index(i);
            emit dataChanged(changed, changed,
                             {TextRole, Qt::DisplayRole, SendStateRole, ErrorRole, ErrorTextRole,
                              UploadProgressRole});
            return;
        }
    }
    Row row;
    row.kind = Kind::Message;
    row.authorId = myId();
    row.text = item.text;
    row.sentAt = item.createdAt;
    row.replyTo = item.replyTo;
    row.clientMessageId = item.clientMessageId;
    row.state = state;
    row.error = item.error;
    row.uploadProgress = progress;
    for (const OutboxFile& file : item.files) {
        Attachment attachment;
        attachment.fileName = file.fileName;
        attachment.mimeType = file.mimeType;
        attachment.size = file.size;
        attachment.width = file.width;
        attachment.height = file.height;
        attachment.thumbnail = file.thumbnail;
        row.attachments.append(attachment);
    }
    const int position = static_cast<int>(m_rows.size());
    beginInsertRows({}, position, position);
    m_rows.push_back(std::move(row));
    endInsertRows();
}

void TimelineModel::removeLocalItem(const QString& clientMessageId)
{
    for (int i = m_confirmed; i < static_cast<int>(m_rows.size()); ++i) {
        if (m_rows[static_cast<std::size_t>(i)].clientMessageId == clientMessageId) {
            removeRow(i);
            return;
        }
    }
}

void TimelineModel::setTyping(const QString& userId, bool typing)
{
    if (userId.isEmpty() || userId == myId()) {
        return;
    }
    const bool had = m_typingUntil.contains(userId);
    if (typing) {
        m_typingUntil.insert(userId,
                             QDateTime::currentMSecsSinceEpoch() + m_typingLifetime.count());
        expireTyping(); // schedules the timer
    } else {
        m_typingUntil.remove(userId);
    }
    if (had != typing) {
        emit typingUsersChanged();
    }
}

void TimelineModel::expireTyping()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 next = 0;
    bool changed = false;
    for (auto it = m_typingUntil.begin(); it != m_typingUntil.end();) {
        if (it.value() <= now) {
            it = m_typingUntil.erase(it);
            changed = true;
        } else {
            next = next == 0 ? it.value() : std::min(next, it.value());
            ++it;
        }
    }
    if (next != 0) {
        m_typingTimer.start(static_cast<int>(next - now));
    } else {
        m_typingTimer.stop();
    }
    if (changed) {
        emit typingUsersChanged();
    }
}

QStringList TimelineModel::typingUserIds() const
{
    QStringList ids = m_typingUntil.keys();
    ids.sort();
    return ids;
}

QStringList TimelineModel::typingUsers() const
{
    QStringList names;
    for (const QString& id : typingUserIds()) {
        const QString name = m_users.displayName(id);
        if (!name.isEmpty()) {
            names.append(name);
        }
    }
    return names;
}

} // namespace confab::core
