#include "chat/ChatClient.h"

#include "Logging.h"

#include "account/Session.h"
#include "net/ProtoConvert.h"

#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>

namespace confab::core {

namespace {

// Typing=true goes out at most this often while the user types.
constexpr qint64 kTypingRenewMs = 3000;
// Without a keystroke for this long, the user has stopped typing.
constexpr int kTypingIdleMs = 5000;
// Room list refreshes asked for in a burst are made once.
constexpr int kRefreshDelayMs = 300;

QString safeName(const QString& name)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    QString safe = name;
    safe.replace(unsafe, QStringLiteral("_"));
    return safe.isEmpty() || safe.startsWith(QLatin1Char('.')) ? QStringLiteral("_") + safe : safe;
}

ChatClient::Options withDefaults(ChatClient::Options options, const Session& session)
{
    if (options.dataDir.isEmpty()) {
        options.dataDir = ChatClient::dataDirFor(session.serverKey(), session.username());
    }
    return options;
}

} // namespace

ChatClient::ChatClient(Session& session, Options options, QObject* parent)
    : QObject(parent),
      m_session(session),
      m_options(withDefaults(std::move(options), session)),
      m_users(std::make_unique<UserCache>(session)),
      m_rooms(std::make_unique<RoomsModel>()),
      m_outbox(std::make_unique<Outbox>(session, m_options.dataDir)),
      m_downloads(std::make_unique<Downloads>(
          session, QDir(m_options.dataDir).filePath(QStringLiteral("cache")))),
      m_stream(std::make_unique<EventStream>(session)),
      m_directory(std::make_unique<DirectoryModel>(session, m_rooms.get())),
      m_userSearch(std::make_unique<UserSearchModel>(session)),
      m_invites(std::make_unique<InvitesModel>(*m_users)),
      m_messageSearch(std::make_unique<SearchModel>(session, *m_users, *m_rooms))
{
    auto settings = m_options.settingsFile.isEmpty()
                        ? std::make_unique<QSettings>()
                        : std::make_unique<QSettings>(m_options.settingsFile, QSettings::IniFormat);
    const QString account = m_session.serverKey() + QLatin1Char('/') + m_session.username();
    m_rooms->setSettings(std::move(settings),
                         QStringLiteral("chat/") + QString::fromLatin1(account.toUtf8().toHex()));

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] { refreshRooms(); });

    m_stream->setPrepare([this](std::function<void(const Error&)> done) { prepare(done); });
    connect(m_stream.get(), &EventStream::eventReceived, this,
            [this](const v1::Event& event) { dispatch(event); });
    connect(m_stream.get(), &EventStream::stateChanged, this,
            [this](EventStream::State state) { onStateChanged(state); });

    connect(m_rooms.get(), &RoomsModel::unreadStale, this, [this] { scheduleRoomsRefresh(); });

    connect(&m_session, &Session::stateChanged, this, [this](Session::State state) {
        if (state == Session::State::SignedOut) {
            stop();
        }
    });
}

ChatClient::~ChatClient()
{
    // The stream's handlers reach into the models: it goes first, then the
    // per-room models, which use the user cache.
    m_stream.reset();
    qDeleteAll(std::exchange(m_timelines, {}));
    qDeleteAll(std::exchange(m_members, {}));
}

QString ChatClient::dataDirFor(const QString& serverKey, const QString& username,
                               const QString& base)
{
    const QString root =
        base.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : base;
    return QDir(root).filePath(safeName(serverKey) + QLatin1Char('/') + safeName(username));
}

QString ChatClient::myId() const
{
    return toQString(m_session.user().id());
}

void ChatClient::start()
{
    m_outbox->start();
    m_stream->start();
}

void ChatClient::stop()
{
    m_stream->stop();
    m_outbox->stop();
    m_refreshTimer.stop();
    for (auto& [roomId, typing] : m_typing) {
        endTyping(roomId, false); // the server ends it with the stream
    }
}

void ChatClient::reconnectNow()
{
    m_stream->reconnectNow();
    m_outbox->retryNow();
}

void ChatClient::prepare(std::function<void(const Error&)> done)
{
    if (m_roomsLoaded) {
        done({});
        return;
    }
    m_session.call(&ChatApi::ListRooms, {}, this,
                   [this, done](const Error& error, v1::ListRoomsResponse response) {
                       if (!error.ok()) {
                           // Network trouble shows as the stream's state; anything else
                           // is worth telling.
                           if (!error.isTransient()) {
                               emit actionFailed(Action::LoadRooms, error);
                           }
                           done(error);
                           return;
                       }
                       std::vector<v1::Room> rooms(response.rooms().begin(),
                                                   response.rooms().end());
                       m_rooms->reset(rooms);
                       for (const auto& room : rooms) {
                           m_stream->setCursor(toQString(room.id()), room.last_seq());
                       }
                       m_roomsLoaded = true;
                       m_freshList = true;
                       done({});
                   });
}

void ChatClient::onStateChanged(EventStream::State state)
{
    emit connectionStateChanged(state);
    if (state != EventStream::State::Live) {
        return;
    }
    // Back in touch: what waited goes out, and what may have changed
    // unseen (names, unread counts, rooms left elsewhere) is asked again.
    m_outbox->retryNow();
    for (TimelineModel* timeline : std::as_const(m_timelines)) {
        timeline->load();
    }
    loadInvites();
    if (!std::exchange(m_freshList, false)) {
        scheduleRoomsRefresh();
        for (MembersModel* members : std::as_const(m_members)) {
            members->load();
        }
    }
    const auto unsent = std::exchange(m_readUnsent, {});
    for (auto it = unsent.cbegin(); it != unsent.cend(); ++it) {
        sendRead(it.key(), it.value());
    }
}

void ChatClient::dispatch(const v1::Event& event)
{
    switch (event.kind_case()) {
    case v1::Event::kRoomEvent:
        applyRoomEvent(event.room_event());
        break;
    case v1::Event::kTyping: {
        const v1::Typing& typing = event.typing();
        if (TimelineModel* timeline = existingTimeline(toQString(typing.room_id()))) {
            timeline->setTyping(toQString(typing.user_id()), typing.typing());
        }
        break;
    }
    case v1::Event::kPresence:
        m_users->setPresence(toQString(event.presence().user_id()), event.presence().presence());
        break;
    case v1::Event::kRead: {
        const v1::ReadMarker& read = event.read();
        const QString roomId = toQString(read.room_id());
        const QString userId = toQString(read.user_id());
        if (userId == myId()) {
            m_rooms->markRead(roomId, read.seq()); // from another device
        }
        if (MembersModel* members = m_members.value(roomId)) {
            members->setReadSeq(userId, read.seq());
        }
        emit readMarkerReceived(roomId, userId, read.seq());
        break;
    }
    case v1::Event::kProfile:
        m_users->insert(event.profile().user());
        scheduleRoomsRefresh(); // direct rooms carry the peer's name
        break;
    case v1::Event::kInvited: {
        const QString roomId = toQString(event.invited().room().id());
        if (!m_rooms->contains(roomId) && m_invites->add(event.invited())) {
            emit invited(roomId);
        }
        break;
    }
    case v1::Event::kRoomRemoved: {
        const QString roomId = toQString(event.room_removed().room_id());
        m_removedSinceRefresh.insert(roomId);
        forgetRoom(roomId);
        break;
    }
    default:
        break;
    }
}

void ChatClient::applyRoomEvent(const v1::RoomEvent& event)
{
    const QString roomId = toQString(event.room_id());
    if (event.has_member_left() && toQString(event.member_left().user().id()) == myId() &&
        !m_rooms->contains(roomId)) {
        return; // we left; room_removed follows
    }
    if (m_rooms->applyEvent(event, myId())) {
        scheduleRoomsRefresh();    // a room new to us: its name and counts
        m_invites->remove(roomId); // joined, here or on another device
    }
    if (TimelineModel* timeline = existingTimeline(roomId)) {
        timeline->applyEvent(event);
    }
    if (MembersModel* members = m_members.value(roomId)) {
        members->applyEvent(event);
    }
    if (event.has_member_joined()) {
        m_users->insertFromLog(event.member_joined().user());
    } else if (event.has_member_left()) {
        m_users->insertFromLog(event.member_left().user());
    } else if (event.has_message_posted() &&
               toQString(event.message_posted().author_id()) == myId()) {
        m_outbox->confirm(event.message_posted());
    }
}

void ChatClient::forgetRoom(const QString& roomId)
{
    const bool known =
        m_rooms->contains(roomId) || m_timelines.contains(roomId) || m_members.contains(roomId);
    m_rooms->removeRoom(roomId);
    if (known) {
        roomGone(roomId);
    } else {
        m_stream->forgetRoom(roomId);
    }
}

void ChatClient::roomGone(const QString& roomId)
{
    m_stream->forgetRoom(roomId);
    m_readSent.remove(roomId);
    m_readUnsent.remove(roomId);
    emit roomRemoved(roomId);
    if (TimelineModel* timeline = m_timelines.take(roomId)) {
        timeline->deleteLater();
    }
    if (MembersModel* members = m_members.take(roomId)) {
        members->deleteLater();
    }
}

void ChatClient::scheduleRoomsRefresh()
{
    if (m_roomsLoaded && m_stream->isRunning()) {
        m_refreshTimer.start();
    }
}

void ChatClient::refreshRooms()
{
    if (m_refreshing) {
        m_refreshTimer.start(); // once this one is done
        return;
    }
    m_refreshing = true;
    m_removedSinceRefresh.clear();
    const QSet<QString> known = m_rooms->roomIds();
    m_session.call(&ChatApi::ListRooms, {}, this,
                   [this, known](const Error& error, v1::ListRoomsResponse response) {
                       m_refreshing = false;
                       if (!error.ok()) {
                           qCInfo(lcChat)
                               << "room list not refreshed:" << static_cast<int>(error.code);
                           return;
                       }
                       m_rooms->merge({response.rooms().begin(), response.rooms().end()}, known,
                                      m_removedSinceRefresh);
                       for (const QString& id : known) {
                           if (!m_rooms->contains(id)) {
                               roomGone(id);
                           }
                       }
                   });
}

TimelineModel* ChatClient::existingTimeline(const QString& roomId) const
{
    return m_timelines.value(roomId);
}

TimelineModel* ChatClient::timeline(const QString& roomId)
{
    if (roomId.isEmpty()) {
        return nullptr;
    }
    if (TimelineModel* existing = m_timelines.value(roomId)) {
        return existing;
    }
    auto* timeline = new TimelineModel(m_session, *m_users, *m_outbox, roomId, this);
    m_timelines.insert(roomId, timeline);
    timeline->load();
    return timeline;
}

MembersModel* ChatClient::members(const QString& roomId)
{
    if (roomId.isEmpty()) {
        return nullptr;
    }
    if (MembersModel* existing = m_members.value(roomId)) {
        return existing;
    }
    auto* members = new MembersModel(m_session, *m_users, roomId, this);
    m_members.insert(roomId, members);
    members->load();
    return members;
}

QString ChatClient::sendMessage(const QString& roomId, const QString& text, const QString& replyTo,
                                const QList<OutgoingFile>& files)
{
    Error error;
    const QString clientMessageId = m_outbox->send(roomId, text, replyTo, files, &error);
    if (!clientMessageId.isEmpty()) {
        stopTyping(roomId);
    } else if (!error.ok()) {
        emit actionFailed(Action::Attach, error);
    }
    return clientMessageId;
}

bool ChatClient::retryMessage(const QString& clientMessageId, const QString& text)
{
    if (!text.isEmpty() && !m_outbox->edit(clientMessageId, text)) {
        return false;
    }
    return m_outbox->retry(clientMessageId);
}

bool ChatClient::discardMessage(const QString& clientMessageId)
{
    return m_outbox->discard(clientMessageId);
}

void ChatClient::editMessage(const QString& messageId, const QString& text)
{
    v1::EditMessageRequest request;
    request.set_message_id(messageId.toStdString());
    request.set_text(text.toStdString());
    m_session.call(&ChatApi::EditMessage, request, this,
                   [this, messageId](const Error& error, v1::Message) {
                       if (!error.ok()) {
                           emit actionFailed(Action::EditMessage, error);
                           return;
                       }
                       // The timeline changes with the stream's message_edited.
                       emit messageEdited(messageId);
                   });
}

void ChatClient::deleteMessage(const QString& messageId)
{
    v1::DeleteMessageRequest request;
    request.set_message_id(messageId.toStdString());
    m_session.call(&ChatApi::DeleteMessage, request, this,
                   [this, messageId](const Error& error, v1::DeleteMessageResponse) {
                       if (!error.ok()) {
                           emit actionFailed(Action::DeleteMessage, error);
                           return;
                       }
                       emit messageDeleted(messageId);
                   });
}

void ChatClient::markRead(const QString& roomId, quint64 seq)
{
    if (!m_rooms->contains(roomId)) {
        return;
    }
    if (seq == 0) {
        seq = m_rooms->lastSeq(roomId);
    }
    const quint64 known = std::max(m_readSent.value(roomId), m_rooms->readSeq(roomId));
    m_rooms->markRead(roomId, seq);
    if (seq <= known) {
        return;
    }
    m_readSent.insert(roomId, seq);
    sendRead(roomId, seq);
}

void ChatClient::sendRead(const QString& roomId, quint64 seq)
{
    v1::MarkReadRequest request;
    request.set_room_id(roomId.toStdString());
    request.set_seq(seq);
    m_session.call(&ChatApi::MarkRead, request, this,
                   [this, roomId, seq](const Error& error, v1::MarkReadResponse) {
                       if (error.ok()) {
                           return;
                       }
                       qCInfo(lcChat) << "read marker not sent:" << static_cast<int>(error.code);
                       if (error.isTransient()) {
                           // Sent again when the stream is live.
                           quint64& unsent = m_readUnsent[roomId];
                           unsent = std::max(unsent, seq);
                       }
                   });
}

ChatClient::TypingOut& ChatClient::typingOut(const QString& roomId)
{
    auto it = m_typing.find(roomId);
    if (it == m_typing.end()) {
        it = m_typing.try_emplace(roomId).first;
        it->second.idle = std::make_unique<QTimer>();
        it->second.idle->setSingleShot(true);
        it->second.idle->setInterval(kTypingIdleMs);
        connect(it->second.idle.get(), &QTimer::timeout, this,
                [this, roomId] { stopTyping(roomId); });
    }
    return it->second;
}

void ChatClient::userTyping(const QString& roomId)
{
    if (roomId.isEmpty()) {
        return;
    }
    TypingOut& typing = typingOut(roomId);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!typing.active || now - typing.sentAtMs >= kTypingRenewMs) {
        typing.active = true;
        typing.sentAtMs = now;
        sendTyping(roomId, true);
    }
    typing.idle->start();
}

void ChatClient::stopTyping(const QString& roomId)
{
    endTyping(roomId, true);
}

void ChatClient::endTyping(const QString& roomId, bool tell)
{
    const auto it = m_typing.find(roomId);
    if (it == m_typing.end() || !it->second.active) {
        return;
    }
    it->second.active = false;
    it->second.idle->stop();
    if (tell) {
        sendTyping(roomId, false);
    }
}

void ChatClient::sendTyping(const QString& roomId, bool typing)
{
    v1::SetTypingRequest request;
    request.set_room_id(roomId.toStdString());
    request.set_typing(typing);
    m_session.call(&ChatApi::SetTyping, request, this,
                   [](const Error& error, v1::SetTypingResponse) {
                       if (!error.ok()) {
                           qCDebug(lcChat) << "typing not sent:" << static_cast<int>(error.code);
                       }
                   });
    emit typingSent(roomId, typing);
}

void ChatClient::adoptRoom(const v1::Room& room)
{
    m_removedSinceRefresh.remove(toQString(room.id()));
    m_rooms->upsert(room);
    m_invites->remove(toQString(room.id()));
}

void ChatClient::loadInvites()
{
    m_session.call(&ChatApi::ListInvites, {}, this,
                   [this](const Error& error, v1::ListInvitesResponse response) {
                       if (!error.ok()) {
                           emit actionFailed(Action::LoadInvites, error);
                           return;
                       }
                       std::vector<v1::Invite> invites;
                       for (const auto& invite : response.invites()) {
                           if (!m_rooms->contains(toQString(invite.room().id()))) {
                               invites.push_back(invite);
                           }
                       }
                       m_invites->reset(invites);
                   });
}

void ChatClient::declineInvite(const QString& roomId)
{
    v1::DeclineInviteRequest request;
    request.set_room_id(roomId.toStdString());
    m_session.call(&ChatApi::DeclineInvite, request, this,
                   [this, roomId](const Error& error, v1::DeclineInviteResponse) {
                       if (!error.ok() && error.code != Error::Code::NotFound) {
                           emit actionFailed(Action::DeclineInvite, error);
                           return;
                       }
                       m_invites->remove(roomId); // gone either way
                   });
}

void ChatClient::react(const QString& messageId, const QString& emoji, bool remove)
{
    v1::ReactRequest request;
    request.set_message_id(messageId.toStdString());
    request.set_emoji(emoji.toStdString());
    request.set_remove(remove);
    m_session.call(&ChatApi::React, request, this, [this](const Error& error, v1::ReactResponse) {
        if (!error.ok()) {
            emit actionFailed(Action::React, error);
        }
    });
}

void ChatClient::createRoom(const QString& name, const QString& topic, bool isPublic,
                            const QStringList& memberUsernames)
{
    v1::CreateRoomRequest request;
    request.set_name(name.toStdString());
    request.set_topic(topic.toStdString());
    request.set_visibility(isPublic ? v1::VISIBILITY_PUBLIC : v1::VISIBILITY_PRIVATE);
    for (const QString& username : memberUsernames) {
        request.add_member_usernames(username.toStdString());
    }
    m_session.call(&ChatApi::CreateRoom, request, this, [this](const Error& error, v1::Room room) {
        if (!error.ok()) {
            emit actionFailed(Action::CreateRoom, error);
            return;
        }
        adoptRoom(room);
        emit roomCreated(toQString(room.id()));
    });
}

void ChatClient::joinRoom(const QString& roomId)
{
    v1::JoinRoomRequest request;
    request.set_room_id(roomId.toStdString());
    m_session.call(&ChatApi::JoinRoom, request, this, [this](const Error& error, v1::Room room) {
        if (!error.ok()) {
            emit actionFailed(Action::JoinRoom, error);
            return;
        }
        adoptRoom(room);
        emit roomJoined(toQString(room.id()));
    });
}

void ChatClient::leaveRoom(const QString& roomId)
{
    v1::LeaveRoomRequest request;
    request.set_room_id(roomId.toStdString());
    m_session.call(&ChatApi::LeaveRoom, request, this,
                   [this, roomId](const Error& error, v1::LeaveRoomResponse) {
                       if (!error.ok()) {
                           emit actionFailed(Action::LeaveRoom, error);
                           return;
                       }
                       m_removedSinceRefresh.insert(roomId);
                       forgetRoom(roomId);
                       emit roomLeft(roomId);
                   });
}

void ChatClient::invite(const QString& roomId, const QString& username)
{
    v1::InviteMemberRequest request;
    request.set_room_id(roomId.toStdString());
    request.set_username(username.toStdString());
    m_session.call(&ChatApi::InviteMember, request, this,
                   [this, roomId, username](const Error& error, v1::InviteMemberResponse) {
                       if (!error.ok()) {
                           emit actionFailed(Action::Invite, error);
                           return;
                       }
                       emit memberInvited(roomId, username);
                   });
}

void ChatClient::openDirectRoom(const QString& username)
{
    v1::OpenDirectRoomRequest request;
    request.set_username(username.toStdString());
    m_session.call(&ChatApi::OpenDirectRoom, request, this,
                   [this](const Error& error, v1::Room room) {
                       if (!error.ok()) {
                           emit actionFailed(Action::OpenDirectRoom, error);
                           return;
                       }
                       adoptRoom(room);
                       emit directRoomOpened(toQString(room.id()));
                   });
}

} // namespace confab::core
