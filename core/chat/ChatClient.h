#pragma once

#include "chat/Downloads.h"
#include "chat/Outbox.h"
#include "chat/UserCache.h"
#include "models/DirectoryModel.h"
#include "models/InvitesModel.h"
#include "models/MembersModel.h"
#include "models/RoomsModel.h"
#include "models/SearchModel.h"
#include "models/TimelineModel.h"
#include "models/UserSearchModel.h"
#include "net/Error.h"
#include "net/EventStream.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace confab::core {

class Session;

// The chat side of a signed-in session: the event stream, the room list,
// a timeline and a member list per room (made when first asked for), the
// outbox, and what the user does in rooms. start() after sign-in; it stops
// by itself when the session ends. Every result arrives on this object's
// thread, failures as actionFailed(). One per account (the outbox and the
// muted flags are the account's); the session must outlive it.
class ChatClient : public QObject {
    Q_OBJECT
    Q_PROPERTY(confab::core::EventStream::State connectionState READ connectionState NOTIFY
                   connectionStateChanged)

public:
    enum class Action {
        LoadRooms,
        CreateRoom,
        JoinRoom,
        LeaveRoom,
        Invite,
        OpenDirectRoom,
        EditMessage,
        DeleteMessage,
        React,
        DeclineInvite,
        LoadInvites,
        Attach, // a file could not be taken into the outbox
    };
    Q_ENUM(Action)

    struct Options {
        // Where the outbox is kept; empty for dataDirFor() (tests give a temp dir).
        QString dataDir;
        // Where muted flags are kept; empty for the app's QSettings.
        QString settingsFile;
    };

    ChatClient(Session& session, Options options, QObject* parent = nullptr);
    ~ChatClient() override;

    // <base>/<server>/<user> (base: AppDataLocation when empty), with names
    // made safe for a path.
    static QString dataDirFor(const QString& serverKey, const QString& username,
                              const QString& base = {});

    void start();
    void stop();
    // After a network change or wake: reconnect now, and send what waits.
    void reconnectNow();

    EventStream* stream() { return m_stream.get(); }
    EventStream::State connectionState() const { return m_stream->state(); }
    RoomsModel* rooms() { return m_rooms.get(); }
    Outbox* outbox() { return m_outbox.get(); }
    // Attachments fetched to view or saved.
    Downloads* downloads() { return m_downloads.get(); }
    UserCache* users() { return m_users.get(); }
    DirectoryModel* directory() { return m_directory.get(); }
    UserSearchModel* userSearch() { return m_userSearch.get(); }
    // The rooms this user is invited to.
    InvitesModel* invites() { return m_invites.get(); }
    // Message search (Ctrl+F).
    SearchModel* messageSearch() { return m_messageSearch.get(); }
    // The room's timeline, made and loaded on first use. Owned here; it goes
    // (after roomRemoved) when the user is no longer in the room.
    TimelineModel* timeline(const QString& roomId);
    TimelineModel* existingTimeline(const QString& roomId) const;
    MembersModel* members(const QString& roomId);

    // What the user does with messages, sent or not: the views go through
    // these, never to the outbox.
    // Queues a message with its files (shown at once as Pending) and ends
    // typing in the room; returns its client id (empty, and actionFailed(Attach),
    // when a file cannot be read).
    QString sendMessage(const QString& roomId, const QString& text, const QString& replyTo = {},
                        const QList<OutgoingFile>& files = {});
    // A failed message goes out again, with `text` instead when one is given.
    bool retryMessage(const QString& clientMessageId, const QString& text = {});
    // Drops a message that is not under way.
    bool discardMessage(const QString& clientMessageId);
    void editMessage(const QString& messageId, const QString& text);
    void deleteMessage(const QString& messageId);
    // The user has seen the room up to `seq` (0: everything). Sent only when
    // it moves forward.
    void markRead(const QString& roomId, quint64 seq = 0);
    // Call on every edit of the composer: tells the room at most every 3 s.
    void userTyping(const QString& roomId);
    // The composer was cleared or left.
    void stopTyping(const QString& roomId);

    void createRoom(const QString& name, const QString& topic, bool isPublic,
                    const QStringList& memberUsernames = {});
    void joinRoom(const QString& roomId);
    void leaveRoom(const QString& roomId);
    void invite(const QString& roomId, const QString& username);
    void openDirectRoom(const QString& username);
    void setMuted(const QString& roomId, bool muted) { m_rooms->setMuted(roomId, muted); }
    // Adds (or takes back) this user's `emoji` under a message.
    void react(const QString& messageId, const QString& emoji, bool remove = false);
    // Accepting an invitation joins the room (roomJoined follows).
    void acceptInvite(const QString& roomId) { joinRoom(roomId); }
    void declineInvite(const QString& roomId);
    // The signed-in user's id.
    QString myId() const;

signals:
    void connectionStateChanged(confab::core::EventStream::State state);
    void roomCreated(const QString& roomId);
    void roomJoined(const QString& roomId);
    void roomLeft(const QString& roomId);
    void memberInvited(const QString& roomId, const QString& username);
    void directRoomOpened(const QString& roomId);
    void messageEdited(const QString& messageId);
    void messageDeleted(const QString& messageId);
    void actionFailed(confab::core::ChatClient::Action action, const confab::core::Error& error);
    // The user is no longer in the room; its timeline and members go next.
    void roomRemoved(const QString& roomId);
    void readMarkerReceived(const QString& roomId, const QString& userId, quint64 seq);
    void typingSent(const QString& roomId, bool typing);
    // Someone invited this user to a room (live, not from the list).
    void invited(const QString& roomId);

private:
    struct TypingOut {
        qint64 sentAtMs = 0;
        bool active = false;
        std::unique_ptr<QTimer> idle;
    };

    void prepare(std::function<void(const Error&)> done);
    void onStateChanged(EventStream::State state);
    void dispatch(const v1::Event& event);
    void applyRoomEvent(const v1::RoomEvent& event);
    void forgetRoom(const QString& roomId);
    void roomGone(const QString& roomId);
    void scheduleRoomsRefresh();
    void refreshRooms();
    void adoptRoom(const v1::Room& room);
    void loadInvites();
    // Every end of typing comes here: `tell` the room, unless the stream is
    // going (the server ends it then).
    void endTyping(const QString& roomId, bool tell);
    void sendTyping(const QString& roomId, bool typing);
    void sendRead(const QString& roomId, quint64 seq);
    TypingOut& typingOut(const QString& roomId);

    Session& m_session;
    Options m_options;
    std::unique_ptr<UserCache> m_users;
    std::unique_ptr<RoomsModel> m_rooms;
    std::unique_ptr<Outbox> m_outbox;
    std::unique_ptr<Downloads> m_downloads;
    std::unique_ptr<EventStream> m_stream;
    std::unique_ptr<DirectoryModel> m_directory;
    std::unique_ptr<UserSearchModel> m_userSearch;
    std::unique_ptr<InvitesModel> m_invites;
    std::unique_ptr<SearchModel> m_messageSearch;
    QHash<QString, TimelineModel*> m_timelines;
    QHash<QString, MembersModel*> m_members;
    bool m_roomsLoaded = false;
    bool m_freshList = false; // the list was loaded for this connection
    bool m_refreshing = false;
    QSet<QString> m_removedSinceRefresh;
    QTimer m_refreshTimer;
    QHash<QString, quint64> m_readSent;
    QHash<QString, quint64> m_readUnsent;
    std::map<QString, TypingOut> m_typing;
};

} // namespace confab::core
