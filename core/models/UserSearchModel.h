#pragma once

#include "net/Error.h"
#include "net/Rpc.h"

#include <QAbstractListModel>

#include <vector>

namespace confab::core {

class Session;

// Users whose username or display name starts with a query (SearchUsers),
// for "new direct message" and "invite".
class UserSearchModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(bool searching READ isSearching NOTIFY searchingChanged)

public:
    enum Roles {
        UserIdRole = Qt::UserRole + 1,
        UsernameRole,
        DisplayNameRole,
        OnlineRole,
        SelfRole, // the signed-in user
    };
    Q_ENUM(Roles)

    explicit UserSearchModel(Session& session, QObject* parent = nullptr);
    ~UserSearchModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Only the answer to the newest search is shown; an empty query clears.
    void search(const QString& query, int limit = 20);
    bool isSearching() const { return m_searching; }

signals:
    void searchingChanged(bool searching);
    void searchFinished();
    void searchFailed(const confab::core::Error& error);

private:
    void setSearching(bool searching);

    Session& m_session;
    std::vector<v1::User> m_results;
    quint64 m_request = 0;
    bool m_searching = false;
};

} // namespace confab::core
