#pragma once

#include "chat/Attachment.h"
#include "chat/Outbox.h"
#include "net/Error.h"
#include "net/Rpc.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QTimer>

#include <chrono>
#include <vector>

namespace confab::core {

class Session;
class UserCache;

// The messages of one room in seq order, then the messages of this user
// still in the outbox (Pending or Failed) in the order written. Loads the
// newest page when asked to, older pages through fetchMore() as the view
// scrolls up, and takes every later event from the stream: each seq shows
// once, with no holes. Also knows who is typing in the room.
class TimelineModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(QString roomId READ roomId CONSTANT)
    Q_PROPERTY(bool loaded READ isLoaded NOTIFY loadedChanged)
    Q_PROPERTY(bool fetching READ isFetching NOTIFY fetchingChanged)
    Q_PROPERTY(QStringList typingUsers READ typingUsers NOTIFY typingUsersChanged)

public:
    enum class Kind { Message, MemberJoined, MemberLeft };
    Q_ENUM(Kind)
    enum class SendState { Sent, Pending, Failed };
    Q_ENUM(SendState)

    enum Roles {
        IdRole = Qt::UserRole + 1, // message id (empty for outbox rows and member events)
        SeqRole,                   // 0 for outbox rows
        KindRole,
        AuthorIdRole, // for member events: the member
        AuthorNameRole,
        TextRole,
        SentAtRole,
        EditedRole,
        EditedAtRole,
        DeletedRole,
        ReplyToRole,
        ReplyPreviewRole,
        ReplyAuthorNameRole,
        OwnRole,
        SendStateRole,
        ErrorRole,     // core::Error of a failed send
        ErrorTextRole, // the server's words for it
        ClientMessageIdRole,
        AuthorAvatarRole,   // encoded picture bytes; empty for none (or not yet)
        ReactionsRole,      // QList<core::Reaction>, each emoji in the order first used
        MyReactionsRole,    // QStringList: the emoji this user chose
        MentionsMeRole,     // the text mentions this user
        MentionedIdsRole,   // QStringList of the members it mentions
        AttachmentsRole,    // QList<core::Attachment>
        ReactorNamesRole,   // QList<QStringList>: who chose each emoji of ReactionsRole, by name
        UploadProgressRole, // outbox rows with files: 0-1 of their bytes uploaded; else -1
    };
    Q_ENUM(Roles)

    static constexpr int kPageSize = 50;
    // What stands for a deleted message (in reply previews and room lists).
    static QString deletedMessageText() { return tr("Message deleted"); }

    // Shows `outbox`'s messages for the room as its own rows, until the
    // server has them.
    TimelineModel(Session& session, UserCache& users, Outbox& outbox, const QString& roomId,
                  QObject* parent = nullptr);
    ~TimelineModel() override;

    // KindRole and SendStateRole of a row, typed.
    static Kind kindAt(const QModelIndex& index) { return index.data(KindRole).value<Kind>(); }
    static SendState sendStateAt(const QModelIndex& index)
    {
        return index.data(SendStateRole).value<SendState>();
    }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    const QString& roomId() const { return m_roomId; }
    bool isLoaded() const { return m_loaded; }
    bool isFetching() const { return m_fetching; }
    // The seq of the newest event shown (0 before loading).
    quint64 newestSeq() const { return m_newestSeq; }
    int rowOfMessage(const QString& messageId) const;
    int rowOfClientMessage(const QString& clientMessageId) const;

    // Loads the newest page, unless loaded or loading.
    void load();
    // Loads older pages (large ones) until the event `seq` is in, then
    // says revealed(seq, found). A later reveal replaces an earlier one.
    void reveal(quint64 seq);
    // A room event from the stream; kept until loaded. The users it
    // names are the stream's to put in the user cache, not this model's.
    void applyEvent(const v1::RoomEvent& event);

    void setTyping(const QString& userId, bool typing);
    QStringList typingUsers() const;
    QStringList typingUserIds() const;
    void setTypingLifetime(std::chrono::milliseconds lifetime) { m_typingLifetime = lifetime; }

signals:
    void loadedChanged(bool loaded);
    void fetchingChanged(bool fetching);
    void loadFailed(const confab::core::Error& error);
    // An older page arrived with `added` rows.
    void historyFetched(int added);
    void revealed(quint64 seq, bool found);
    void typingUsersChanged();

private:
    struct Row {
        Kind kind = Kind::Message;
        quint64 seq = 0;
        QString id;
        QString authorId;
        QString text;
        QDateTime sentAt;
        QDateTime editedAt;
        bool deleted = false;
        QString replyTo;
        QString clientMessageId;
        SendState state = SendState::Sent;
        Error error;
        QList<Reaction> reactions;
        QStringList mentionedIds;
        QList<Attachment> attachments;
        double uploadProgress = -1;
    };

    void apply(const v1::RoomEvent& event);
    // Outbox rows, kept as the outbox has them.
    void setLocalItem(const OutboxItem& item);
    void removeLocalItem(const QString& clientMessageId);
    // The one place where a message of the room log goes in, and where a
    // message of ours, whatever brought it (the answer to SendMessage, the
    // stream, a history page), takes the place of its outbox row.
    void insertConfirmed(Row row);
    void updateMessage(const v1::Message& message, bool deleted);
    void applyReaction(const v1::Reaction& reaction, bool added);
    int confirmedRowOfSeq(quint64 seq) const;
    void removeRow(int row);
    void repliesChanged(const QString& messageId);
    void authorChanged(const QString& userId);
    void expireTyping();
    void setFetching(bool fetching);
    void requestHistory(quint64 beforeSeq, bool initial);
    void continueReveal();
    Row rowOf(const v1::Message& message, quint64 seq) const;
    QString myId() const;

    Session& m_session;
    UserCache& m_users;
    Outbox& m_outbox;
    QString m_roomId;
    std::vector<Row> m_rows;
    int m_confirmed = 0; // rows [0, m_confirmed) come from the room log, by seq
    QHash<QString, quint64> m_seqOfMessage;
    bool m_loaded = false;
    bool m_loading = false;
    bool m_fetching = false;
    bool m_hasMore = false;
    quint64 m_oldestSeq = 0;
    quint64 m_newestSeq = 0;
    std::vector<v1::RoomEvent> m_buffered;
    QHash<QString, qint64> m_typingUntil;
    QTimer m_typingTimer;
    std::chrono::milliseconds m_typingLifetime{6000};
    quint64 m_revealSeq = 0; // 0: nothing to reveal
};

} // namespace confab::core
