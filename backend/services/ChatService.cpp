#include "services/ChatService.h"

#include "base/Crypto.h"
#include "live/SubscribeReactor.h"
#include "rpc/Validation.h"
#include "store/Views.h"

#include <algorithm>
#include <set>

namespace confab::backend {

namespace {

constexpr std::size_t kMaxInitialMembers = 100;
constexpr std::size_t kHistoryDefault = 50;
constexpr std::size_t kHistoryMax = 200;
constexpr std::size_t kSearchQueryMax = 200; // characters
constexpr std::size_t kSearchWordsMax = 10;
constexpr std::size_t kDirectoryDefault = 50;
constexpr std::size_t kDirectoryMax = 200;

std::string directKey(const std::string& a, const std::string& b)
{
    return a < b ? a + ":" + b : b + ":" + a;
}

void validateMessageText(const std::string& text, const Limits& limits)
{
    validate::text("text", text, 1, limits.messageTextMax, true);
}

} // namespace

ChatService::ChatService(Runtime& runtime, Publisher& publisher, Hub& hub, Typing& typing)
    : m_rt(runtime), m_publisher(publisher), m_hub(hub), m_typing(typing), m_media(runtime)
{}

v1::Room ChatService::roomView(const std::string& roomId, const std::string& userId)
{
    return views::room(m_rt.store().rooms().activity(roomId, userId), userId, m_rt.store().users());
}

RoomRecord ChatService::readableRoom(const std::string& roomId, const std::string& userId)
{
    validate::id("room_id", roomId);
    auto room = m_rt.store().rooms().byId(roomId);
    if (!room) {
        throw notFound("room_id: not found");
    }
    const bool open = room->visibility == v1::VISIBILITY_PUBLIC && !room->direct();
    if (!open && !m_rt.store().rooms().membership(roomId, userId)) {
        throw permissionDenied("room_id: you are not a member of this room");
    }
    return std::move(*room);
}

void ChatService::profileChanged(const UserRecord& user)
{
    std::vector<std::string> rooms;
    for (auto& room : m_rt.store().rooms().seqsOf(user.id)) {
        rooms.push_back(std::move(room.roomId));
    }
    v1::Event event;
    views::user(user, m_hub.presence().isOnline(user.id), false,
                event.mutable_profile()->mutable_user());
    m_publisher.ephemeral(std::move(rooms), {user.id}, event);
}

grpc::ServerUnaryReactor* ChatService::CreateRoom(grpc::CallbackServerContext* ctx,
                                                  const v1::CreateRoomRequest* request,
                                                  v1::Room* response)
{
    return m_rt.authed(ctx, "CreateRoom", [this, request, response](const Principal& who) {
        m_rt.rates().take(who.userId, RateLimits::Action::Room);
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
            const auto user = m_rt.store().users().byUsername(username, false);
            if (!user || user->deleted) {
                throw notFound("member_usernames: no user named \"" + username + "\"");
            }
            if (seen.insert(user->id).second) {
                room.memberIds.push_back(user->id);
            }
        }
        Appended appended;
        m_rt.store().rooms().create(room, &appended);
        for (const auto& userId : seen) {
            m_publisher.membershipChanged(room.id, userId, true);
        }
        m_publisher.roomEvents(appended);
        *response = roomView(room.id, who.userId);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::ListRooms(grpc::CallbackServerContext* ctx,
                                                 const v1::ListRoomsRequest* /*request*/,
                                                 v1::ListRoomsResponse* response)
{
    return m_rt.authed(ctx, "ListRooms", [this, response](const Principal& who) {
        for (auto& room : views::rooms(m_rt.store().rooms().activityOf(who.userId), who.userId,
                                       m_rt.store().users())) {
            *response->add_rooms() = std::move(room);
        }
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::ListPublicRooms(grpc::CallbackServerContext* ctx,
                                                       const v1::ListPublicRoomsRequest* request,
                                                       v1::ListPublicRoomsResponse* response)
{
    return m_rt.authed(ctx, "ListPublicRooms", [this, request, response](const Principal& who) {
        m_rt.rates().take(who.userId, RateLimits::Action::Search);
        validate::text("query", request->query(), 0, m_rt.limits().roomNameMax, false);
        const std::size_t limit = request->limit() == 0
                                      ? kDirectoryDefault
                                      : std::min<std::size_t>(request->limit(), kDirectoryMax);
        for (const auto& room : m_rt.store().rooms().publicRooms(request->query(), limit)) {
            *response->add_rooms() = views::publicRoom(room);
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
        m_rt.store().rooms().join(request->room_id(), who.userId, nowMicros(), &appended);
        if (!appended.empty()) {
            m_publisher.membershipChanged(request->room_id(), who.userId, true);
            m_publisher.roomEvents(appended);
        }
        *response = roomView(request->room_id(), who.userId);
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
        m_rt.store().rooms().leave(request->room_id(), who.userId, nowMicros(), &appended);
        m_publisher.roomEvents(appended);
        m_publisher.membershipChanged(request->room_id(), who.userId, false);
        m_typing.set(request->room_id(), who.userId, false);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::InviteMember(grpc::CallbackServerContext* ctx,
                                                    const v1::InviteMemberRequest* request,
                                                    v1::InviteMemberResponse* /*response*/)
{
    return m_rt.authed(ctx, "InviteMember", [this, request](const Principal& who) {
        m_rt.rates().take(who.userId, RateLimits::Action::Invite);
        validate::id("room_id", request->room_id());
        if (request->username().empty()) {
            throw invalidArgument("username: required");
        }
        const auto invitee = m_rt.store().users().byUsername(request->username(), false);
        if (!invitee || invitee->deleted) {
            throw notFound("username: no such user");
        }
        const Micros now = nowMicros();
        m_rt.store().rooms().invite(request->room_id(), who.userId, invitee->id, now);
        // The invitee hears of it at once, on any instance.
        const RoomActivity room = m_rt.store().rooms().activity(request->room_id(), invitee->id);
        InviteRecord record;
        record.room = room.room;
        record.memberCount = room.memberCount;
        record.inviterId = who.userId;
        record.invitedAt = now;
        v1::Event event;
        views::invite(record, *m_rt.store().users().byId(who.userId, false),
                      m_hub.presence().isOnline(who.userId), event.mutable_invited());
        m_publisher.ephemeral({}, {invitee->id}, event);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::ListInvites(grpc::CallbackServerContext* ctx,
                                                   const v1::ListInvitesRequest* /*request*/,
                                                   v1::ListInvitesResponse* response)
{
    return m_rt.authed(ctx, "ListInvites", [this, response](const Principal& who) {
        const auto invites = m_rt.store().rooms().invitesOf(who.userId);
        std::vector<std::string> inviterIds;
        for (const auto& invite : invites) {
            inviterIds.push_back(invite.inviterId);
        }
        std::unordered_map<std::string, UserRecord> inviters;
        for (auto& user : m_rt.store().users().byIds(inviterIds)) {
            inviters.emplace(user.id, std::move(user));
        }
        for (const auto& invite : invites) {
            UserRecord inviter;
            if (const auto it = inviters.find(invite.inviterId); it != inviters.end()) {
                inviter = it->second;
            } else {
                inviter.id = invite.inviterId;
                inviter.deleted = true;
            }
            views::invite(invite, inviter, m_hub.presence().isOnline(inviter.id),
                          response->add_invites());
        }
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::DeclineInvite(grpc::CallbackServerContext* ctx,
                                                     const v1::DeclineInviteRequest* request,
                                                     v1::DeclineInviteResponse* /*response*/)
{
    return m_rt.authed(ctx, "DeclineInvite", [this, request](const Principal& who) {
        validate::id("room_id", request->room_id());
        m_rt.store().rooms().decline(request->room_id(), who.userId);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::OpenDirectRoom(grpc::CallbackServerContext* ctx,
                                                      const v1::OpenDirectRoomRequest* request,
                                                      v1::Room* response)
{
    return m_rt.authed(ctx, "OpenDirectRoom", [this, request, response](const Principal& who) {
        m_rt.rates().take(who.userId, RateLimits::Action::Room);
        if (request->username().empty()) {
            throw invalidArgument("username: required");
        }
        const auto peer = m_rt.store().users().byUsername(request->username(), false);
        if (!peer || peer->deleted) {
            throw notFound("username: no such user");
        }
        if (peer->id == who.userId) {
            throw invalidArgument("username: a direct room needs someone else");
        }
        const std::string key = directKey(who.userId, peer->id);
        auto room = m_rt.store().rooms().direct(key);
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
                m_rt.store().rooms().create(create, &appended);
                m_publisher.membershipChanged(create.id, who.userId, true);
                m_publisher.membershipChanged(create.id, peer->id, true);
                m_publisher.roomEvents(appended);
            } catch (const ApiError& e) {
                // Both opened it at once: the other call made it.
                if (e.code() != grpc::StatusCode::ALREADY_EXISTS) {
                    throw;
                }
            }
            room = m_rt.store().rooms().direct(key);
        } else if (!m_rt.store().rooms().membership(room->id, who.userId)) {
            // Opening it again after leaving brings the caller back.
            Appended appended;
            m_rt.store().rooms().addMember(room->id, who.userId, nowMicros(), &appended);
            m_publisher.membershipChanged(room->id, who.userId, true);
            m_publisher.roomEvents(appended);
        }
        if (!room) {
            throw std::runtime_error("direct room vanished");
        }
        *response = roomView(room->id, who.userId);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::ListMembers(grpc::CallbackServerContext* ctx,
                                                   const v1::ListMembersRequest* request,
                                                   v1::ListMembersResponse* response)
{
    return m_rt.authed(ctx, "ListMembers", [this, request, response](const Principal& who) {
        readableRoom(request->room_id(), who.userId);
        for (const auto& member : m_rt.store().rooms().members(request->room_id())) {
            *response->add_members() =
                views::member(member, m_hub.presence().isOnline(member.user.id));
        }
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::SendMessage(grpc::CallbackServerContext* ctx,
                                                   const v1::SendMessageRequest* request,
                                                   v1::Message* response)
{
    return m_rt.authedNonBlocking(
        ctx, "SendMessage", [this, request, response](const Principal& who, Finisher finish) {
            m_rt.rates().take(who.userId, RateLimits::Action::Message);
            validate::id("room_id", request->room_id());
            const auto& attachments = request->attachment_ids();
            if (attachments.empty() || !request->text().empty()) {
                validateMessageText(request->text(), m_rt.limits());
            }
            if (static_cast<std::size_t>(attachments.size()) >
                m_rt.limits().attachmentsPerMessage) {
                throw invalidArgument("attachment_ids: at most " +
                                      std::to_string(m_rt.limits().attachmentsPerMessage));
            }
            for (int i = 0; i < attachments.size(); ++i) {
                validate::id("attachment_ids", attachments[i]);
                if (std::find(attachments.begin(), attachments.begin() + i, attachments[i]) !=
                    attachments.begin() + i) {
                    throw invalidArgument("attachment_ids: " + attachments[i] + " twice");
                }
            }
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
            message.attachmentIds.assign(attachments.begin(), attachments.end());
            message.sentAt = nowMicros();
            // No thread waits for the commit: the writer hands over the result
            // and the publisher takes the fan-out from there.
            m_rt.store().messages().sendAsync(
                std::move(message),
                [this, response, finish, roomId = request->room_id(), userId = who.userId](
                    std::exception_ptr error, MessageRecord stored, Appended appended) {
                    if (error) {
                        finish(guarded("SendMessage",
                                       [&]() -> grpc::Status { std::rethrow_exception(error); }));
                        return;
                    }
                    *response = views::message(stored);
                    finish.step([&] {
                        m_publisher.roomEvents(appended);
                        m_typing.set(roomId, userId, false);
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
        m_rt.rates().take(who.userId, RateLimits::Action::Message);
        validate::id("message_id", request->message_id());
        validateMessageText(request->text(), m_rt.limits());
        Appended appended;
        *response = views::message(m_rt.store().messages().edit(
            request->message_id(), who.userId, request->text(), nowMicros(), &appended));
        m_publisher.roomEvents(appended);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::DeleteMessage(grpc::CallbackServerContext* ctx,
                                                     const v1::DeleteMessageRequest* request,
                                                     v1::DeleteMessageResponse* /*response*/)
{
    return m_rt.authed(ctx, "DeleteMessage", [this, request](const Principal& who) {
        m_rt.rates().take(who.userId, RateLimits::Action::Message);
        validate::id("message_id", request->message_id());
        Appended appended;
        m_rt.store().messages().remove(request->message_id(), who.userId, nowMicros(), &appended);
        m_publisher.roomEvents(appended);
        return grpc::Status::OK;
    });
}

namespace {

// The words of a search query: split at spaces and punctuation, lowercase.
std::vector<std::string> wordsOf(const std::string& query)
{
    std::vector<std::string> words;
    std::string word;
    for (const char c : query) {
        const bool separator = static_cast<unsigned char>(c) < 0x80 &&
                               !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                 (c >= '0' && c <= '9') || c == '_');
        if (separator) {
            if (!word.empty()) {
                words.push_back(std::move(word));
                word.clear();
            }
        } else {
            word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
    }
    if (!word.empty()) {
        words.push_back(std::move(word));
    }
    return words;
}

std::string pageToken(const MessageRecord& last)
{
    return std::to_string(last.sentAt) + "." + last.id;
}

SearchCursor parsePageToken(const std::string& token)
{
    const auto dot = token.find('.');
    SearchCursor cursor;
    try {
        std::size_t used = 0;
        cursor.sentAt = std::stoll(token.substr(0, dot), &used);
        if (dot == std::string::npos || used != dot || dot + 1 >= token.size()) {
            throw std::invalid_argument("no");
        }
    } catch (const std::exception&) {
        throw invalidArgument("page_token: not one this server gave");
    }
    cursor.messageId = token.substr(dot + 1);
    validate::id("page_token", cursor.messageId);
    return cursor;
}

} // namespace

grpc::ServerUnaryReactor* ChatService::SearchMessages(grpc::CallbackServerContext* ctx,
                                                      const v1::SearchMessagesRequest* request,
                                                      v1::SearchMessagesResponse* response)
{
    return m_rt.authed(ctx, "SearchMessages", [this, request, response](const Principal& who) {
        m_rt.rates().take(who.userId, RateLimits::Action::Search);
        validate::text("query", request->query(), 1, kSearchQueryMax, false);
        auto words = wordsOf(request->query());
        if (words.empty()) {
            throw invalidArgument("query: must have a word to look for");
        }
        if (words.size() > kSearchWordsMax) {
            words.resize(kSearchWordsMax);
        }
        if (!request->room_id().empty()) {
            readableRoom(request->room_id(), who.userId);
        }
        const Limits& limits = m_rt.limits();
        const std::size_t limit =
            request->limit() == 0 ? limits.searchLimitDefault
                                  : std::min<std::size_t>(request->limit(), limits.searchLimitMax);
        std::optional<SearchCursor> after;
        if (!request->page_token().empty()) {
            after = parsePageToken(request->page_token());
        }
        auto hits =
            m_rt.store().messages().search(who.userId, words, request->room_id(), limit + 1, after);
        const bool more = hits.size() > limit;
        if (more) {
            hits.resize(limit);
            response->set_next_page_token(pageToken(hits.back().message));
        }
        for (const auto& hit : hits) {
            v1::SearchHit* out = response->add_hits();
            *out->mutable_message() = views::message(hit.message);
            out->set_snippet(hit.snippet);
        }
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::React(grpc::CallbackServerContext* ctx,
                                             const v1::ReactRequest* request,
                                             v1::ReactResponse* /*response*/)
{
    return m_rt.authed(ctx, "React", [this, request](const Principal& who) {
        m_rt.rates().take(who.userId, RateLimits::Action::Message);
        validate::id("message_id", request->message_id());
        validate::emoji("emoji", request->emoji(), m_rt.limits());
        Appended appended;
        m_rt.store().messages().react(request->message_id(), who.userId, request->emoji(),
                                      request->remove(), m_rt.limits().reactionsPerUserAndMessage,
                                      nowMicros(), &appended);
        m_publisher.roomEvents(appended);
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
        auto events = m_rt.store().messages().events(request->room_id(), 0, request->before_seq(),
                                                     limit, true);
        // A page is also bounded in bytes: what a client that reads slowly
        // (or never) can make the server hold per call stays small. The
        // newest events are kept; the rest comes with the next page.
        std::size_t bytes = 0;
        auto keepFrom = events.end();
        while (keepFrom != events.begin()) {
            const std::size_t size = std::prev(keepFrom)->ByteSizeLong();
            if (bytes + size > m_rt.limits().historyPageMaxBytes && keepFrom != events.end()) {
                break;
            }
            bytes += size;
            --keepFrom;
        }
        events.erase(events.begin(), keepFrom);
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
            m_rt.store().rooms().markRead(request->room_id(), who.userId, request->seq());
        v1::Event event;
        event.mutable_read()->set_room_id(request->room_id());
        event.mutable_read()->set_user_id(who.userId);
        event.mutable_read()->set_seq(seq);
        m_publisher.ephemeral({request->room_id()}, {who.userId}, event);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* ChatService::SetTyping(grpc::CallbackServerContext* ctx,
                                                 const v1::SetTypingRequest* request,
                                                 v1::SetTypingResponse* /*response*/)
{
    return m_rt.authed(ctx, "SetTyping", [this, request](const Principal& who) {
        validate::id("room_id", request->room_id());
        if (!m_rt.store().rooms().byId(request->room_id())) {
            throw notFound("room_id: not found");
        }
        if (!m_rt.store().rooms().membership(request->room_id(), who.userId)) {
            throw permissionDenied("room_id: you are not a member of this room");
        }
        m_typing.set(request->room_id(), who.userId, request->typing());
        return grpc::Status::OK;
    });
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* ChatService::Subscribe(grpc::CallbackServerContext* ctx,
                                                                   const grpc::ByteBuffer* request)
{
    return new SubscribeReactor(m_rt, m_hub, ctx, request);
}

grpc::ServerReadReactor<grpc::ByteBuffer>*
ChatService::UploadAttachment(grpc::CallbackServerContext* ctx, grpc::ByteBuffer* response)
{
    return m_media.upload(ctx, response);
}

grpc::ServerWriteReactor<grpc::ByteBuffer>*
ChatService::DownloadAttachment(grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* request)
{
    return m_media.download(ctx, request);
}

} // namespace confab::backend
