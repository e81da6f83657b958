#include "models/SearchModel.h"

#include "account/Session.h"
#include "chat/UserCache.h"
#include "models/RoomsModel.h"
#include "net/ProtoConvert.h"

namespace confab::core {

SearchModel::SearchModel(Session& session, UserCache& users, const RoomsModel& rooms,
                         QObject* parent)
    : QAbstractListModel(parent), m_session(session), m_users(users), m_rooms(rooms)
{
    connect(&m_users, &UserCache::userChanged, this, [this](const QString& userId) {
        for (int i = 0; i < rowCount(); ++i) {
            if (toQString(m_hits[static_cast<std::size_t>(i)].message.author_id()) == userId) {
                emit dataChanged(index(i), index(i), {AuthorNameRole});
            }
        }
    });
}

SearchModel::~SearchModel() = default;

int SearchModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_hits.size());
}

QVariant SearchModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Hit& hit = m_hits[static_cast<std::size_t>(index.row())];
    switch (role) {
    case MessageIdRole:
        return toQString(hit.message.id());
    case RoomIdRole:
        return toQString(hit.message.room_id());
    case RoomNameRole:
        return m_rooms.data(m_rooms.index(m_rooms.rowOf(toQString(hit.message.room_id()))),
                            Qt::DisplayRole);
    case SeqRole:
        return QVariant::fromValue<qulonglong>(hit.message.seq());
    case AuthorIdRole:
        return toQString(hit.message.author_id());
    case AuthorNameRole:
        return m_users.displayName(toQString(hit.message.author_id()));
    case SentAtRole:
        return toDateTime(hit.message.sent_at());
    case Qt::DisplayRole:
    case SnippetRole:
        return hit.snippet;
    case HighlightsRole:
        return QVariant::fromValue(hit.highlights);
    default:
        return {};
    }
}

QHash<int, QByteArray> SearchModel::roleNames() const
{
    return {{MessageIdRole, "messageId"},  {RoomIdRole, "roomId"},
            {RoomNameRole, "roomName"},    {SeqRole, "seq"},
            {AuthorIdRole, "authorId"},    {AuthorNameRole, "authorName"},
            {SentAtRole, "sentAt"},        {SnippetRole, "snippet"},
            {HighlightsRole, "highlights"}};
}

QString SearchModel::plainSnippet(const QString& marked, QList<QPair<int, int>>* highlights)
{
    QString plain;
    plain.reserve(marked.size());
    int start = -1;
    for (const QChar c : marked) {
        if (c == QChar(0x02)) {
            start = static_cast<int>(plain.size());
        } else if (c == QChar(0x03)) {
            if (start >= 0 && highlights && plain.size() > start) {
                highlights->append({start, static_cast<int>(plain.size()) - start});
            }
            start = -1;
        } else {
            plain.append(c == QLatin1Char('\n') ? QLatin1Char(' ') : c);
        }
    }
    return plain;
}

bool SearchModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_nextPage.empty() && !m_searching;
}

void SearchModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent)) {
        request(true);
    }
}

void SearchModel::search(const QString& query, const QString& roomId)
{
    m_query = query.trimmed();
    m_roomId = roomId;
    m_nextPage.clear();
    beginResetModel();
    m_hits.clear();
    endResetModel();
    if (m_query.isEmpty()) {
        ++m_request; // answers still on their way are for an older query
        setSearching(false);
        return;
    }
    request(false);
}

void SearchModel::clear()
{
    search({});
}

void SearchModel::setSearching(bool searching)
{
    if (m_searching != searching) {
        m_searching = searching;
        emit searchingChanged(searching);
    }
}

void SearchModel::request(bool more)
{
    const quint64 request = ++m_request;
    setSearching(true);
    v1::SearchMessagesRequest message;
    message.set_query(m_query.toStdString());
    message.set_room_id(m_roomId.toStdString());
    message.set_limit(30);
    if (more) {
        message.set_page_token(m_nextPage);
    }
    m_session.call(&ChatApi::SearchMessages, message, this,
                   [this, request](const Error& error, v1::SearchMessagesResponse response) {
                       if (request != m_request) {
                           return; // a newer search is under way
                       }
                       setSearching(false);
                       if (!error.ok()) {
                           m_nextPage.clear();
                           emit searchFailed(error);
                           return;
                       }
                       m_nextPage = response.next_page_token();
                       if (response.hits_size() > 0) {
                           const int first = rowCount();
                           beginInsertRows({}, first, first + response.hits_size() - 1);
                           for (const auto& found : response.hits()) {
                               Hit hit;
                               hit.message = found.message();
                               hit.snippet =
                                   plainSnippet(toQString(found.snippet()), &hit.highlights);
                               m_hits.push_back(std::move(hit));
                           }
                           endInsertRows();
                       }
                       emit searchFinished();
                   });
}

} // namespace confab::core
