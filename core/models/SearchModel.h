#pragma once

#include "net/Error.h"
#include "net/Rpc.h"

#include <QAbstractListModel>
#include <QList>
#include <QPair>

#include <vector>

namespace confab::core {

class RoomsModel;
class Session;
class UserCache;

// Messages found by SearchMessages, newest first, in all of the user's
// rooms or one; more pages as the view scrolls (fetchMore). The snippet
// is plain text with the matched words given as ranges.
class SearchModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(bool searching READ isSearching NOTIFY searchingChanged)

public:
    enum Roles {
        MessageIdRole = Qt::UserRole + 1,
        RoomIdRole,
        RoomNameRole,
        SeqRole,
        AuthorIdRole,
        AuthorNameRole,
        SentAtRole,
        SnippetRole,    // plain text
        HighlightsRole, // QList<QPair<int, int>>: (start, length) of the matches in the snippet
    };
    Q_ENUM(Roles)

    SearchModel(Session& session, UserCache& users, const RoomsModel& rooms,
                QObject* parent = nullptr);
    ~SearchModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    // Replaces the results with those for `query` in `roomId` (empty: all
    // rooms). Only the newest search's answers are shown.
    void search(const QString& query, const QString& roomId = {});
    void clear();
    bool isSearching() const { return m_searching; }
    const QString& query() const { return m_query; }
    const QString& roomId() const { return m_roomId; }

    // A server snippet (matches between U+0002 and U+0003) as plain text,
    // with the ranges of the matches.
    static QString plainSnippet(const QString& marked, QList<QPair<int, int>>* highlights);

signals:
    void searchingChanged(bool searching);
    // A page arrived (the first one or a later one).
    void searchFinished();
    void searchFailed(const confab::core::Error& error);

private:
    struct Hit {
        v1::Message message;
        QString snippet;
        QList<QPair<int, int>> highlights;
    };

    void request(bool more);
    void setSearching(bool searching);

    Session& m_session;
    UserCache& m_users;
    const RoomsModel& m_rooms;
    std::vector<Hit> m_hits;
    QString m_query;
    QString m_roomId;
    std::string m_nextPage;
    quint64 m_request = 0;
    bool m_searching = false;
};

} // namespace confab::core
