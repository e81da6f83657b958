#pragma once

#include "net/Rpc.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QSet>
#include <QSettings>

#include <map>
#include <memory>
#include <set>
#include <vector>

namespace confab::core {

// The user's rooms, most recent activity first: loaded from ListRooms and
// kept current from the stream (a room appears with its first event and goes
// with room_removed). Unread counts follow new messages by others and read
// markers; `muted` is a flag of this device only.
class RoomsModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int totalUnread READ totalUnread NOTIFY totalUnreadChanged)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        NameRole, // for direct rooms the peer's name, as the server gives it
        DirectRole,
        TopicRole,
        PublicRole,
        MemberCountRole,
        LastMessageRole, // preview text of the newest message
        LastMessageAuthorIdRole,
        LastActivityRole,
        UnreadCountRole,
        LastSeqRole,
        MutedRole,
        MentionCountRole, // unread messages that mention this user
    };
    Q_ENUM(Roles)

    explicit RoomsModel(QObject* parent = nullptr);
    ~RoomsModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Where muted flags are kept: `group` names the account in `settings`.
    void setSettings(std::unique_ptr<QSettings> settings, const QString& group);

    // The room list as the server has it now (first load).
    void reset(const std::vector<v1::Room>& rooms);
    // A later room list: updates the rooms known, adds those new to it
    // unless removed since, and drops those of `knownBefore` it lacks.
    void merge(const std::vector<v1::Room>& rooms, const QSet<QString>& knownBefore,
               const QSet<QString>& removedSince);
    // A room as an action returned it (created, joined, opened).
    void upsert(const v1::Room& room);
    // A room event from the stream; true when the room was new to the list.
    bool applyEvent(const v1::RoomEvent& event, const QString& myUserId);
    void removeRoom(const QString& roomId);
    // The user has read up to `seq` (here or on another device).
    void markRead(const QString& roomId, quint64 seq);

    void setMuted(const QString& roomId, bool muted);
    bool isMuted(const QString& roomId) const;

    int totalUnread() const;
    bool contains(const QString& roomId) const { return rowOf(roomId) >= 0; }
    int rowOf(const QString& roomId) const;
    QString roomIdAt(int row) const;
    QSet<QString> roomIds() const;
    quint64 lastSeq(const QString& roomId) const;
    quint64 readSeq(const QString& roomId) const;
    int unreadCount(const QString& roomId) const;
    QString name(const QString& roomId) const;

signals:
    void totalUnreadChanged(int totalUnread);
    // The count of a room is no longer known exactly here (a read marker or
    // a deletion reached back into what ListRooms counted): ask the server.
    void unreadStale(const QString& roomId);

private:
    struct Entry {
        QString id;
        QString name;
        QString topic;
        bool direct = false;
        bool isPublic = false;
        int memberCount = 0;
        qint64 activityMs = 0;
        quint64 lastSeq = 0; // the newest event taken in
        quint64 readSeq = 0;
        // Unread = `baseUnread` (as counted by the server up to
        // `snapshotSeq`) + the messages by others seen since.
        quint64 snapshotSeq = 0;
        int baseUnread = 0;
        std::map<quint64, QString> unreadSince; // seq -> message id
        // Likewise for unread messages that mention this user.
        int baseMentions = 0;
        std::set<quint64> mentionsSince;
        QString lastMessageId;
        quint64 lastMessageSeq = 0;
        QString lastMessageText;
        QString lastMessageAuthorId;
        bool lastMessageDeleted = false;
        bool muted = false;
        bool listed = false; // its details came from the server, not only from events

        int unread() const { return baseUnread + static_cast<int>(unreadSince.size()); }
        int mentions() const { return baseMentions + static_cast<int>(mentionsSince.size()); }
    };

    static bool before(const Entry& a, const Entry& b);
    static void takeMetadata(Entry& entry, const v1::Room& room);
    static void takeSnapshot(Entry& entry, const v1::Room& room);
    Entry entryOf(const v1::Room& room) const;
    void insertSorted(Entry entry);
    // Puts row `row` where its activity belongs and tells the views.
    void reposition(int row);
    void saveMuted();
    void updateTotal();

    std::vector<Entry> m_rooms;
    std::unique_ptr<QSettings> m_settings;
    QString m_group;
    QSet<QString> m_muted;
    int m_total = 0;
};

} // namespace confab::core
