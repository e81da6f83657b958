#pragma once

#include "confab/v1/chat.pb.h"

#include <QAbstractListModel>
#include <QDateTime>

#include <vector>

namespace confab::core {

class UserCache;

// The rooms this user is invited to, newest first: loaded with
// ListInvites, added to as Event.invited arrives, and left by accepting
// (joining) or declining.
class InvitesModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Roles {
        RoomIdRole = Qt::UserRole + 1,
        RoomNameRole,
        TopicRole,
        MemberCountRole,
        DirectRole,
        InviterIdRole,
        InviterNameRole,
        InvitedAtRole,
    };
    Q_ENUM(Roles)

    explicit InvitesModel(UserCache& users, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The whole list, as ListInvites has it.
    void reset(const std::vector<v1::Invite>& invites);
    // A new invitation (or a newer one to the same room); true when new.
    bool add(const v1::Invite& invite);
    void remove(const QString& roomId);
    bool contains(const QString& roomId) const { return rowOf(roomId) >= 0; }
    int rowOf(const QString& roomId) const;

signals:
    void countChanged();

private:
    UserCache& m_users;
    std::vector<v1::Invite> m_invites;
};

} // namespace confab::core
