#pragma once

#include "net/Error.h"
#include "net/Rpc.h"

#include <QAbstractListModel>
#include <QHash>

#include <vector>

namespace confab::core {

class Session;
class UserCache;

// The members of one room (ListMembers), kept current from member events,
// presence, profile changes and read markers.
class MembersModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(QString roomId READ roomId CONSTANT)
    Q_PROPERTY(bool loaded READ isLoaded NOTIFY loadedChanged)

public:
    enum Roles {
        UserIdRole = Qt::UserRole + 1,
        UsernameRole,
        DisplayNameRole,
        OnlineRole,
        OwnerRole,
        ReadSeqRole,
        DeletedRole,
        AvatarRole, // encoded picture bytes; empty for none (or not yet)
    };
    Q_ENUM(Roles)

    MembersModel(Session& session, UserCache& users, const QString& roomId,
                 QObject* parent = nullptr);
    ~MembersModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const QString& roomId() const { return m_roomId; }
    bool isLoaded() const { return m_loaded; }
    int rowOf(const QString& userId) const;

    // (Re)loads the list from the server.
    void load();
    void applyEvent(const v1::RoomEvent& event);
    void setReadSeq(const QString& userId, quint64 seq);

signals:
    void loadedChanged(bool loaded);
    void loadFailed(const confab::core::Error& error);

private:
    void userChanged(const QString& userId);

    Session& m_session;
    UserCache& m_users;
    QString m_roomId;
    std::vector<v1::Member> m_members;
    bool m_loaded = false;
    bool m_loading = false;
    // What the stream told while the list was loading: the snapshot may be
    // older, so these are applied on top of it.
    std::vector<v1::RoomEvent> m_eventsWhileLoading;
    QHash<QString, quint64> m_readWhileLoading;
};

} // namespace confab::core
