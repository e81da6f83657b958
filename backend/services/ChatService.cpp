#include "services/ChatService.h"

#include "base/Crypto.h"
#include "rpc/Validation.h"
#include "store/Convert.h"

#include <algorithm>
#include <set>

namespace confab::backend {

namespace {

constexpr std::size_t kMaxInitialMembers = 100;
constexpr std::size_t kHistoryDefault = 50;
constexpr std::size_t kHistoryMax = 200;
constexpr std::size_t kDirectoryDefault = 50;
constexpr std::size_t kDirectoryMax = 200;
constexpr auto kTypingLifetime = std::chrono::seconds(6);

std::string directKey(const std::string& a, const std::string& b)
{
    return a < b ? a + ":" + b : b + ":" + a;
}

void validateMessageText(const std::string& text, const Limits& limits)
{
    validate::text("text", text, 1, limits.messageTextMax, true);
}

Stream::Tuning tuning(const ServerConfig& config)
{
    Stream::Tuning tuning;
    tuning.maxQueued = std::max<std::size_t>(config.subscriberMaxQueued, 2);
    tuning.highWater = std::min(tuning.highWater, tuning.maxQueued);
    tuning.page = std::min(tuning.page, tuning.highWater);
    return tuning;
}

// The server side of Subscribe: a thin reactor over a Stream, which outlives
// it for as long as the hub or a worker holds it.
class SubscribeReactor final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
public:
    SubscribeReactor(Runtime& rt, Hub& hub, grpc::CallbackServerContext* ctx,
                     const grpc::ByteBuffer* raw)
        : m_stream(std::make_shared<Stream>(hub, this, tuning(rt.config())))
    {
        std::optional<std::string> token = Runtime::bearerToken(ctx);
        if (!token) {
            m_stream->end(unauthenticated().status());
            return;
        }
        v1::SubscribeRequest request;
        grpc::ByteBuffer copy(*raw);
        if (!grpc::SerializationTraits<v1::SubscribeRequest>::Deserialize(&copy, &request).ok()) {
            m_stream->end(invalidArgument("request: not a SubscribeRequest").status());
            return;
        }
        std::map<std::string, std::uint64_t> cursors;
        for (const auto& cursor : request.cursors()) {
            auto& seq = cursors[cursor.room_id()];
            seq = std::max(seq, cursor.last_seq());
        }
        const bool posted =
            rt.workers().tryPost([&rt, &hub, stream = m_stream, token = std::move(*token),
                                  cursors = std::move(cursors)] {
                const grpc::Status status = guarded("Subscribe", [&] {
                    stream->setPrincipal(rt.authenticate(token));
                    hub.attach(stream, cursors);
                    return grpc::Status::OK;
                });
                if (!status.ok()) {
                    stream->end(status);
                }
            });
        if (!posted) {
            m_stream->end(Runtime::busy());
        }
    }

    void OnWriteDone(bool ok) override { m_stream->onWriteDone(ok); }
    void OnCancel() override { m_stream->end({grpc::StatusCode::CANCELLED, "cancelled"}); }
    // gRPC owns a reactor until OnDone, its last reaction.
    void OnDone() override
    {
        m_stream->onDone();
        delete this;
    }

private:
    std::shared_ptr<Stream> m_stream;
};

} // namespace

ChatService::ChatService(Runtime& runtime, Bus& bus, Hub& hub)
    : m_rt(runtime), m_bus(bus), m_hub(hub), m_typingThread([this] { expireTyping(); })
{}

ChatService::~ChatService()
{
    {
        std::lock_guard lock(m_typingMutex);
        m_stopping = true;
    }
    m_typingWake.notify_all();
    m_typingThread.join();
}

void ChatService::publish(const Appended& appended)
{
    for (const auto& roomEvent : appended) {
        v1::Event event;
        *event.mutable_room_event() = roomEvent;
        BusMessage message;
        message.kind = BusMessage::Kind::RoomEvent;
        message.roomId = roomEvent.room_id();
        message.seq = roomEvent.seq();
        message.payload = BusMessage::encode(event);
        m_bus.publish(message);
    }
}

void ChatService::publishMembership(const std::string& roomId, const std::string& userId,
                                    bool added)
{
    BusMessage message;
    message.kind = added ? BusMessage::Kind::MembershipAdded : BusMessage::Kind::MembershipRemoved;
    message.roomId = roomId;
    message.userId = userId;
    m_bus.publish(message);
}

RoomRecord ChatService::readableRoom(const std::string& roomId, const std::string& userId)
{
    validate::id("room_id", roomId);
    auto room = m_rt.store().room(roomId);
    if (!room) {
        throw notFound("room_id: not found");
    }
    const bool open = room->visibility == v1::VISIBILITY_PUBLIC && !room->direct();
    if (!open && !m_rt.store().membership(roomId, userId)) {
        throw permissionDenied("room_id: you are not a member of this room");
    }
    return std::move(*room);
}

void ChatService::profileChanged(const UserRecord& user)
{
    std::vector<std::string> rooms;
    for (auto& [roomId, seq] : m_rt.store().roomSeqsOf(user.id)) {
        rooms.push_back(roomId);
    }
    v1::Event event;
    toProto(user, m_rt.presence().isOnline(user.id), false,
            event.mutable_profile()->mutable_user());
    m_hub.publishEphemeral(std::move(rooms), {user.id}, event);
}

grpc::ServerUnaryReactor* ChatService::CreateRoom(grpc::CallbackServerContext* ctx,
                                                  const v1::CreateRoomRequest* request,
                                                  v1::Room* response)
{
    return m_rt.authed(ctx, "CreateRoom", [this, request, response](const Principal& who) {
        const Limits& limits = m_rt.limits();
        validate::text("name", request->name(), 1, limits.roomNameMax, false);
        validate::text("topic", request->topic(), 0, limits.roomTopicMax, false);
        if (!v1::Visibility_IsValid(request->visibility())) {
            throw invalidArgument("visibility: unknown value");
        }
        if (static_cast<std::size_t>(request->member_usernames_size()) > kMaxInitialMembers) {
            throw invalidArgument("member_usernames: at most " +
                                  std::to_string(kMaxInitialMembers));
        }
        NewRoom room;
        room.id = crypto::newId();
        room.name = request->name();
        room.topic = request->topic();
        room.visibility = request->visibility() == v1::VISIBILITY_UNSPECIFIED
                              ? v1::VISIBILITY_PRIVATE
                              : request->visibility();
        room.creatorId = who.userId;
        room.createdAt = nowMicros();
        std::set<std::string> seen{who.userId};
        for (const auto& username : request->member_usernames()) {
            const auto user = m_rt.store().userByUsername(username, false);
            if (!user || user->deleted) {
                throw notFound("member_usernames: no user named \"" + username + "\"");
            }
            if (seen.insert(user->id).second) {
                room.memberIds.push_back(user->id);
            }
        }
        Appended appended;
        m_rt.store().createRoom(room, &appended);
        for (const auto& userId : seen) {
            publishMembership(room.id, userId, true);
        }
        publish(appended);
        *response = m_rt.store().roomView(room.id, who.userId);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::ListRooms(grpc::CallbackServerContext* ctx,
                                                 const v1::ListRoomsRequest* /*request*/,
                                                 v1::ListRoomsResponse* response)
{
    return m_rt.authed(ctx, "ListRooms", [this, response](const Principal& who) {
        for (auto& room : m_rt.store().roomsOf(who.userId)) {
            *response->add_rooms() = std::move(room);
        }
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::ListPublicRooms(grpc::CallbackServerContext* ctx,
                                                       const v1::ListPublicRoomsRequest* request,
                                                       v1::ListPublicRoomsResponse* response)
{
    return m_rt.authed(ctx, "ListPublicRooms", [this, request, response](const Principal&) {
        validate::text("query", request->query(), 0, m_rt.limits().roomNameMax, false);
        const std::size_t limit = request->limit() == 0
                                      ? kDirectoryDefault
                                      : std::min<std::size_t>(request->limit(), kDirectoryMax);
        for (auto& room : m_rt.store().publicRooms(request->query(), limit)) {
            *response->add_rooms() = std::move(room);
        }
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::JoinRoom(grpc::CallbackServerContext* ctx,
                                                const v1::JoinRoomRequest* request,
                                                v1::Room* response)
{
    return m_rt.authed(ctx, "JoinRoom", [this, request, response](const Principal& who) {
        validate::id("room_id", request->room_id());
        Appended appended;
        m_rt.store().joinRoom(request->room_id(), who.userId, nowMicros(), &appended);
        if (!appended.empty()) {
            publishMembership(request->room_id(), who.userId, true);
            publish(appended);
        }
        *response = m_rt.store().roomView(request->room_id(), who.userId);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::LeaveRoom(grpc::CallbackServerContext* ctx,
                                                 const v1::LeaveRoomRequest* request,
                                                 v1::LeaveRoomResponse* /*response*/)
{
    return m_rt.authed(ctx, "LeaveRoom", [this, request](const Principal& who) {
        validate::id("room_id", request->room_id());
        Appended appended;
        m_rt.store().leaveRoom(request->room_id(), who.userId, nowMicros(), &appended);
        publish(appended);
        publishMembership(request->room_id(), who.userId, false);
        setTyping(request->room_id(), who.userId, false);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::InviteMember(grpc::CallbackServerContext* ctx,
                                                    const v1::InviteMemberRequest* request,
                                                    v1::InviteMemberResponse* /*response*/)
{
    return m_rt.authed(ctx, "InviteMember", [this, request](const Principal& who) {
        validate::id("room_id", request->room_id());
        if (request->username().empty()) {
            throw invalidArgument("username: required");
        }
        const auto invitee = m_rt.store().userByUsername(request->username(), false);
        if (!invitee || invitee->deleted) {
            throw notFound("username: no such user");
        }
        m_rt.store().invite(request->room_id(), who.userId, invitee->id, nowMicros());
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::OpenDirectRoom(grpc::CallbackServerContext* ctx,
                                                      const v1::OpenDirectRoomRequest* request,
                                                      v1::Room* response)
{
    return m_rt.authed(ctx, "OpenDirectRoom", [this, request, response](const Principal& who) {
        if (request->username().empty()) {
            throw invalidArgument("username: required");
        }
        const auto peer = m_rt.store().userByUsername(request->username(), false);
        if (!peer || peer->deleted) {
            throw notFound("username: no such user");
        }
        if (peer->id == who.userId) {
            throw invalidArgument("username: a direct room needs someone else");
        }
        const std::string key = directKey(who.userId, peer->id);
        auto room = m_rt.store().directRoom(key);
        if (!room) {
            NewRoom create;
            create.id = crypto::newId();
            create.visibility = v1::VISIBILITY_PRIVATE;
            create.directKey = key;
            create.creatorId = who.userId;
            create.memberIds = {peer->id};
            create.createdAt = nowMicros();
            Appended appended;
            try {
                m_rt.store().createRoom(create, &appended);
                publishMembership(create.id, who.userId, true);
                publishMembership(create.id, peer->id, true);
                publish(appended);
            } catch (const ApiError& e) {
                // Both opened it at once: the other call made it.
                if (e.code() != grpc::StatusCode::ALREADY_EXISTS) {
                    throw;
                }
            }
            room = m_rt.store().directRoom(key);
        } else if (!m_rt.store().membership(room->id, who.userId)) {
            // Opening it again after leaving brings the caller back.
            Appended appended;
            m_rt.store().addMember(room->id, who.userId, nowMicros(), &appended);
            publishMembership(room->id, who.userId, true);
            publish(appended);
        }
        if (!room) {
            throw std::runtime_error("direct room vanished");
        }
        *response = m_rt.store().roomView(room->id, who.userId);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::ListMembers(grpc::CallbackServerContext* ctx,
                                                   const v1::ListMembersRequest* request,
                                                   v1::ListMembersResponse* response)
{
    return m_rt.authed(ctx, "ListMembers", [this, request, response](const Principal& who) {
        readableRoom(request->room_id(), who.userId);
        for (auto& member : m_rt.store().members(request->room_id())) {
            if (m_rt.presence().isOnline(member.user().id())) {
                member.mutable_user()->set_presence(v1::PRESENCE_ONLINE);
            }
            *response->add_members() = std::move(member);
        }
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::SendMessage(grpc::CallbackServerContext* ctx,
                                                   const v1::SendMessageRequest* request,
                                                   v1::Message* response)
{
    return m_rt.authedAsync(
        ctx, "SendMessage", [this, request, response](const Principal& who, Finisher finish) {
            validate::id("room_id", request->room_id());
            validateMessageText(request->text(), m_rt.limits());
            validate::text("client_message_id", request->client_message_id(), 0, 64, false);
            if (!request->reply_to_message_id().empty()) {
                validate::id("reply_to_message_id", request->reply_to_message_id());
            }
            NewMessage message;
            message.id = crypto::newId();
            message.roomId = request->room_id();
            message.authorId = who.userId;
            message.clientMessageId = request->client_message_id();
            message.text = request->text();
            message.replyTo = request->reply_to_message_id();
            message.sentAt = nowMicros();
            // No thread waits for the commit: the writer hands over the result,
            // and the fan-out starts right there.
            m_rt.store().sendMessageAsync(
                std::move(message),
                [this, response, finish, roomId = request->room_id(), userId = who.userId](
                    std::exception_ptr error, v1::Message stored, Appended appended) {
                    if (error) {
                        finish(guarded("SendMessage",
                                       [&]() -> grpc::Status { std::rethrow_exception(error); }));
                        return;
                    }
                    *response = std::move(stored);
                    finish.step([&] {
                        publish(appended);
                        setTyping(roomId, userId, false);
                    });
                    finish(grpc::Status::OK);
                });
        });
}

grpc::ServerUnaryReactor* ChatService::EditMessage(grpc::CallbackServerContext* ctx,
                                                   const v1::EditMessageRequest* request,
                                                   v1::Message* response)
{
    return m_rt.authed(ctx, "EditMessage", [this, request, response](const Principal& who) {
        validate::id("message_id", request->message_id());
        validateMessageText(request->text(), m_rt.limits());
        Appended appended;
        *response = m_rt.store().editMessage(request->message_id(), who.userId, request->text(),
                                             nowMicros(), &appended);
        publish(appended);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::DeleteMessage(grpc::CallbackServerContext* ctx,
                                                     const v1::DeleteMessageRequest* request,
                                                     v1::DeleteMessageResponse* /*response*/)
{
    return m_rt.authed(ctx, "DeleteMessage", [this, request](const Principal& who) {
        validate::id("message_id", request->message_id());
        Appended appended;
        m_rt.store().deleteMessage(request->message_id(), who.userId, nowMicros(), &appended);
        publish(appended);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::GetHistory(grpc::CallbackServerContext* ctx,
                                                  const v1::GetHistoryRequest* request,
                                                  v1::GetHistoryResponse* response)
{
    return m_rt.authed(ctx, "GetHistory", [this, request, response](const Principal& who) {
        readableRoom(request->room_id(), who.userId);
        const std::size_t limit = request->limit() == 0
                                      ? kHistoryDefault
                                      : std::min<std::size_t>(request->limit(), kHistoryMax);
        auto events =
            m_rt.store().events(request->room_id(), 0, request->before_seq(), limit, true);
        response->set_has_more(!events.empty() && events.front().seq() > 1);
        for (auto& event : events) {
            *response->add_events() = std::move(event);
        }
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::MarkRead(grpc::CallbackServerContext* ctx,
                                                const v1::MarkReadRequest* request,
                                                v1::MarkReadResponse* /*response*/)
{
    return m_rt.authed(ctx, "MarkRead", [this, request](const Principal& who) {
        validate::id("room_id", request->room_id());
        const std::uint64_t seq =
            m_rt.store().markRead(request->room_id(), who.userId, request->seq());
        v1::Event event;
        event.mutable_read()->set_room_id(request->room_id());
        event.mutable_read()->set_user_id(who.userId);
        event.mutable_read()->set_seq(seq);
        m_hub.publishEphemeral({request->room_id()}, {who.userId}, event);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::SetTyping(grpc::CallbackServerContext* ctx,
                                                 const v1::SetTypingRequest* request,
                                                 v1::SetTypingResponse* /*response*/)
{
    return m_rt.authed(ctx, "SetTyping", [this, request](const Principal& who) {
        validate::id("room_id", request->room_id());
        if (!m_rt.store().room(request->room_id())) {
            throw notFound("room_id: not found");
        }
        if (!m_rt.store().membership(request->room_id(), who.userId)) {
            throw permissionDenied("room_id: you are not a member of this room");
        }
        setTyping(request->room_id(), who.userId, request->typing());
        return grpc::Status::OK;
    });
}

void ChatService::setTyping(const std::string& roomId, const std::string& userId, bool typing)
{
    {
        std::lock_guard lock(m_typingMutex);
        const auto key = std::make_pair(roomId, userId);
        if (typing) {
            m_typing[key] = std::chrono::steady_clock::now() + kTypingLifetime;
        } else if (m_typing.erase(key) == 0) {
            return; // was not typing: nothing to tell
        }
    }
    v1::Event event;
    event.mutable_typing()->set_room_id(roomId);
    event.mutable_typing()->set_user_id(userId);
    event.mutable_typing()->set_typing(typing);
    m_hub.publishEphemeral({roomId}, {}, event);
}

void ChatService::expireTyping()
{
    std::unique_lock lock(m_typingMutex);
    while (!m_stopping) {
        m_typingWake.wait_for(lock, std::chrono::milliseconds(500));
        const auto now = std::chrono::steady_clock::now();
        std::vector<std::pair<std::string, std::string>> expired;
        for (auto it = m_typing.begin(); it != m_typing.end();) {
            if (it->second <= now) {
                expired.push_back(it->first);
                it = m_typing.erase(it);
            } else {
                ++it;
            }
        }
        lock.unlock();
        for (const auto& [roomId, userId] : expired) {
            v1::Event event;
            event.mutable_typing()->set_room_id(roomId);
            event.mutable_typing()->set_user_id(userId);
            event.mutable_typing()->set_typing(false);
            m_hub.publishEphemeral({roomId}, {}, event);
        }
        lock.lock();
    }
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* ChatService::Subscribe(grpc::CallbackServerContext* ctx,
                                                                   const grpc::ByteBuffer* request)
{
    return new SubscribeReactor(m_rt, m_hub, ctx, request);
}

} // namespace confab::backend
