#pragma once

#include "net/Error.h"
#include "net/Rpc.h"

#include <QAbstractListModel>

#include <vector>

namespace confab::core {

class RoomsModel;
class Session;

// Public rooms matching a query (ListPublicRooms), for "join a room".
class DirectoryModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(bool searching READ isSearching NOTIFY searchingChanged)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        NameRole,
        TopicRole,
        MemberCountRole,
        JoinedRole, // the user is a member already
    };
    Q_ENUM(Roles)

    // `rooms`, when given, tells which rooms the user is in already.
    DirectoryModel(Session& session, const RoomsModel* rooms, QObject* parent = nullptr);
    ~DirectoryModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the list with the rooms whose name starts with `query` (all
    // when empty). Only the answer to the newest search is shown.
    void search(const QString& query, int limit = 50);
    bool isSearching() const { return m_searching; }
    const QString& query() const { return m_query; }

signals:
    void searchingChanged(bool searching);
    void searchFinished();
    void searchFailed(const confab::core::Error& error);

private:
    Session& m_session;
    const RoomsModel* m_rooms;
    std::vector<v1::Room> m_results;
    QString m_query;
    quint64 m_request = 0;
    bool m_searching = false;
};

} // namespace confab::core
