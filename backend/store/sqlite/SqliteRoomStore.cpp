// The chat half of SqliteStore: rooms, membership, messages and room logs.

#include "base/ApiError.h"
#include "store/Convert.h"
#include "store/sqlite/SqliteStore.h"

#include <limits>

namespace confab::backend {

namespace {

using sqlite::Database;
using sqlite::Statement;

#define CONFAB_MESSAGE_COLUMNS                                                                     \
    "id, room_id, seq, author_id, text, sent_at, edited_at, deleted, "                             \
    "COALESCE(client_message_id, ''), COALESCE(reply_to, '')"

RoomRecord readRoom(const Statement& st)
{
    RoomRecord room;
    room.id = st.text(0);
    room.name = st.text(1);
    room.topic = st.text(2);
    room.visibility = static_cast<v1::Visibility>(st.integer(3));
    room.directKey = st.text(4);
    room.createdAt = st.integer(5);
    room.lastSeq = static_cast<std::uint64_t>(st.integer(6));
    return room;
}

std::optional<RoomRecord> selectRoom(Database& db, const std::string& roomId)
{
    Statement& st = db.prepare("SELECT id, name, topic, visibility, COALESCE(direct_key, ''), "
                               "created_at, last_seq FROM rooms WHERE id = ?");
    st.with(roomId);
    if (!st.step()) {
        return std::nullopt;
    }
    return readRoom(st);
}

RoomRecord requireRoom(Database& db, const std::string& roomId)
{
    auto room = selectRoom(db, roomId);
    if (!room) {
        throw notFound("room_id: not found");
    }
    return std::move(*room);
}

std::optional<Membership> selectMembership(Database& db, const std::string& roomId,
                                           const std::string& userId)
{
    Statement& st =
        db.prepare("SELECT role, read_seq FROM members WHERE room_id = ? AND user_id = ?");
    st.with(roomId, userId);
    if (!st.step()) {
        return std::nullopt;
    }
    return Membership{static_cast<v1::Role>(st.integer(0)),
                      static_cast<std::uint64_t>(st.integer(1))};
}

Membership requireMember(Database& db, const std::string& roomId, const std::string& userId)
{
    auto membership = selectMembership(db, roomId, userId);
    if (!membership) {
        throw permissionDenied("room_id: you are not a member of this room");
    }
    return *membership;
}

v1::Message readMessage(const Statement& st)
{
    v1::Message message;
    message.set_id(st.text(0));
    message.set_room_id(st.text(1));
    message.set_seq(static_cast<std::uint64_t>(st.integer(2)));
    message.set_author_id(st.text(3));
    message.set_text(st.text(4));
    setTimestamp(message.mutable_sent_at(), st.integer(5));
    if (!st.isNull(6)) {
        setTimestamp(message.mutable_edited_at(), st.integer(6));
    }
    message.set_deleted(st.integer(7) != 0);
    message.set_client_message_id(st.text(8));
    message.set_reply_to_message_id(st.text(9));
    return message;
}

std::optional<v1::Message> selectMessage(Database& db, const std::string& messageId)
{
    Statement& st = db.prepare("SELECT " CONFAB_MESSAGE_COLUMNS " FROM messages WHERE id = ?");
    st.with(messageId);
    if (!st.step()) {
        return std::nullopt;
    }
    return readMessage(st);
}

v1::User selectUserProto(Database& db, const std::string& userId)
{
    Statement& st =
        db.prepare("SELECT id, username, display_name, bio, status_text, avatar_sha256, "
                   "created_at, deleted FROM users WHERE id = ?");
    st.with(userId);
    UserRecord user;
    user.id = userId;
    if (st.step()) {
        user.username = st.text(1);
        user.displayName = st.text(2);
        user.bio = st.text(3);
        user.statusText = st.text(4);
        user.avatarSha256 = st.text(5);
        user.createdAt = st.integer(6);
        user.deleted = st.integer(7) != 0;
    } else {
        user.deleted = true;
    }
    v1::User out;
    toProto(user, false, false, &out);
    return out;
}

void basicRoom(const RoomRecord& room, v1::Room* out)
{
    out->set_id(room.id);
    out->set_name(room.name);
    out->set_topic(room.topic);
    out->set_visibility(room.visibility);
    out->set_direct(room.direct());
    setTimestamp(out->mutable_created_at(), room.createdAt);
    out->set_last_seq(room.lastSeq);
}

std::string directPeer(const RoomRecord& room, const std::string& viewerId)
{
    const auto colon = room.directKey.find(':');
    const std::string first = room.directKey.substr(0, colon);
    const std::string second = room.directKey.substr(colon + 1);
    return first == viewerId ? second : first;
}

// The room as `viewerId` sees it. A direct room is named after the peer.
v1::Room roomFor(Database& db, const RoomRecord& room, const std::string& viewerId)
{
    v1::Room out;
    basicRoom(room, &out);
    if (room.direct()) {
        const v1::User peer = selectUserProto(db, directPeer(room, viewerId));
        out.set_name(peer.deleted()
                         ? std::string()
                         : (peer.display_name().empty() ? peer.username() : peer.display_name()));
    }
    Statement& count = db.prepare("SELECT count(*) FROM members WHERE room_id = ?");
    count.with(room.id);
    count.step();
    out.set_member_count(static_cast<std::uint32_t>(count.integer(0)));
    count.reset();

    const auto membership = selectMembership(db, room.id, viewerId);
    if (!membership) {
        return out;
    }
    out.set_read_seq(membership->readSeq);
    Statement& unread = db.prepare("SELECT count(*) FROM messages WHERE room_id = ? AND seq > ? "
                                   "AND author_id != ? AND deleted = 0");
    unread.with(room.id, membership->readSeq, viewerId);
    unread.step();
    out.set_unread_count(static_cast<std::uint32_t>(unread.integer(0)));
    unread.reset();

    Statement& last = db.prepare("SELECT " CONFAB_MESSAGE_COLUMNS " FROM messages "
                                 "WHERE room_id = ? AND deleted = 0 ORDER BY seq DESC LIMIT 1");
    last.with(room.id);
    if (last.step()) {
        *out.mutable_last_message() = readMessage(last);
    }
    last.reset();
    return out;
}

std::uint64_t nextSeq(Database& db, const std::string& roomId)
{
    Statement& st =
        db.prepare("UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq");
    st.with(roomId);
    if (!st.step()) {
        throw notFound("room_id: not found");
    }
    const auto seq = static_cast<std::uint64_t>(st.integer(0));
    st.reset();
    return seq;
}

// Numbers `event` as the next of its room's log, stores it and remembers it
// for publishing after commit.
void append(Database& db, v1::RoomEvent event, Micros now, const std::string& messageId,
            Appended* appended)
{
    event.set_seq(nextSeq(db, event.room_id()));
    setTimestamp(event.mutable_at(), now);
    if (event.has_message_posted()) {
        event.mutable_message_posted()->set_seq(event.seq());
    }
    Statement& st =
        db.prepare("INSERT INTO events (room_id, seq, message_id, payload) VALUES (?, ?, ?, ?)");
    st.with(event.room_id(), event.seq(),
            messageId.empty() ? std::optional<std::string>() : std::optional(messageId),
            std::string_view{});
    st.bindBlob(4, event.SerializeAsString());
    st.run();
    if (appended) {
        appended->push_back(std::move(event));
    }
}

void appendMemberChange(Database& db, const std::string& roomId, const std::string& userId,
                        bool joined, Micros now, Appended* appended)
{
    v1::RoomEvent event;
    event.set_room_id(roomId);
    v1::MemberChange* change = joined ? event.mutable_member_joined() : event.mutable_member_left();
    change->set_room_id(roomId);
    *change->mutable_user() = selectUserProto(db, userId);
    append(db, std::move(event), now, {}, appended);
}

void insertMember(Database& db, const std::string& roomId, const std::string& userId, v1::Role role,
                  Micros now, Appended* appended)
{
    db.prepare("INSERT INTO members (room_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)")
        .with(roomId, userId, static_cast<int>(role), now)
        .run();
    db.prepare("DELETE FROM invites WHERE room_id = ? AND user_id = ?").with(roomId, userId).run();
    appendMemberChange(db, roomId, userId, true, now, appended);
}

// Rewrites the stored events of a message (its posting, and its edits when
// `all`) through `change`.
template <typename Change>
void rewriteMessageEvents(Database& db, const std::string& messageId, bool all, Change change)
{
    Statement& st = db.prepare("SELECT room_id, seq, payload FROM events WHERE message_id = ?");
    st.with(messageId);
    std::vector<v1::RoomEvent> rewritten;
    while (st.step()) {
        v1::RoomEvent event;
        if (!event.ParseFromString(st.blob(2))) {
            throw std::runtime_error("unreadable room event in " + st.text(0));
        }
        if (event.has_message_posted()) {
            change(*event.mutable_message_posted());
        } else if (all && event.has_message_edited()) {
            change(*event.mutable_message_edited());
        } else {
            continue;
        }
        rewritten.push_back(std::move(event));
    }
    st.reset();
    for (const auto& event : rewritten) {
        Statement& update =
            db.prepare("UPDATE events SET payload = ? WHERE room_id = ? AND seq = ?");
        update.with(std::string_view{}, event.room_id(), event.seq());
        update.bindBlob(1, event.SerializeAsString());
        update.run();
    }
}

} // namespace

void SqliteStore::createRoom(const NewRoom& room, Appended* appended)
{
    write([&](Database& db) {
        try {
            db.prepare("INSERT INTO rooms (id, name, topic, visibility, direct_key, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)")
                .with(room.id, room.name, room.topic, static_cast<int>(room.visibility),
                      room.directKey.empty() ? std::optional<std::string>()
                                             : std::optional(room.directKey),
                      room.createdAt)
                .run();
        } catch (const sqlite::Error& e) {
            if (e.isConstraint()) {
                throw ApiError(grpc::StatusCode::ALREADY_EXISTS, "room: already exists");
            }
            throw;
        }
        v1::RoomEvent created;
        created.set_room_id(room.id);
        basicRoom(requireRoom(db, room.id), created.mutable_room_updated());
        append(db, std::move(created), room.createdAt, {}, appended);
        if (!room.creatorId.empty()) {
            insertMember(db, room.id, room.creatorId,
                         room.directKey.empty() ? v1::ROLE_OWNER : v1::ROLE_MEMBER, room.createdAt,
                         appended);
        }
        for (const auto& memberId : room.memberIds) {
            insertMember(db, room.id, memberId, v1::ROLE_MEMBER, room.createdAt, appended);
        }
    });
}

std::optional<RoomRecord> SqliteStore::room(const std::string& roomId)
{
    return read([&](Database& db) { return selectRoom(db, roomId); });
}

std::optional<RoomRecord> SqliteStore::directRoom(const std::string& directKey)
{
    return read([&](Database& db) -> std::optional<RoomRecord> {
        Statement& st = db.prepare("SELECT id FROM rooms WHERE direct_key = ?");
        st.with(directKey);
        if (!st.step()) {
            return std::nullopt;
        }
        const std::string id = st.text(0);
        st.reset();
        return selectRoom(db, id);
    });
}

std::optional<Membership> SqliteStore::membership(const std::string& roomId,
                                                  const std::string& userId)
{
    return read([&](Database& db) { return selectMembership(db, roomId, userId); });
}

v1::Room SqliteStore::roomView(const std::string& roomId, const std::string& userId)
{
    return read([&](Database& db) { return roomFor(db, requireRoom(db, roomId), userId); });
}

std::vector<v1::Room> SqliteStore::roomsOf(const std::string& userId)
{
    return read([&](Database& db) {
        std::vector<RoomRecord> rooms;
        Statement& st =
            db.prepare("SELECT r.id, r.name, r.topic, r.visibility, COALESCE(r.direct_key, ''), "
                       "r.created_at, r.last_seq FROM members m JOIN rooms r ON r.id = m.room_id "
                       "WHERE m.user_id = ? ORDER BY r.last_seq DESC");
        st.with(userId);
        while (st.step()) {
            rooms.push_back(readRoom(st));
        }
        st.reset();
        std::vector<v1::Room> out;
        out.reserve(rooms.size());
        for (const auto& room : rooms) {
            out.push_back(roomFor(db, room, userId));
        }
        return out;
    });
}

std::vector<v1::Room> SqliteStore::publicRooms(const std::string& prefix, std::size_t limit)
{
    return read([&](Database& db) {
        std::string pattern;
        for (const char c : prefix) {
            if (c == '%' || c == '_' || c == '\\') {
                pattern += '\\';
            }
            pattern += c;
        }
        pattern += '%';
        Statement& st = db.prepare(
            "SELECT id, name, topic, visibility, COALESCE(direct_key, ''), created_at, last_seq "
            "FROM rooms WHERE visibility = 1 AND direct_key IS NULL "
            "AND name LIKE ? ESCAPE '\\' ORDER BY name COLLATE NOCASE LIMIT ?");
        st.with(pattern, static_cast<std::int64_t>(limit));
        std::vector<RoomRecord> rooms;
        while (st.step()) {
            rooms.push_back(readRoom(st));
        }
        st.reset();
        std::vector<v1::Room> out;
        for (const auto& room : rooms) {
            v1::Room view;
            basicRoom(room, &view);
            Statement& count = db.prepare("SELECT count(*) FROM members WHERE room_id = ?");
            count.with(room.id);
            count.step();
            view.set_member_count(static_cast<std::uint32_t>(count.integer(0)));
            count.reset();
            out.push_back(std::move(view));
        }
        return out;
    });
}

void SqliteStore::joinRoom(const std::string& roomId, const std::string& userId, Micros now,
                           Appended* appended)
{
    write([&](Database& db) {
        const RoomRecord room = requireRoom(db, roomId);
        if (selectMembership(db, roomId, userId)) {
            return;
        }
        if (room.direct()) {
            throw permissionDenied("room_id: a direct room cannot be joined");
        }
        if (room.visibility != v1::VISIBILITY_PUBLIC) {
            Statement& invited =
                db.prepare("SELECT 1 FROM invites WHERE room_id = ? AND user_id = ?");
            invited.with(roomId, userId);
            const bool wasInvited = invited.step();
            invited.reset();
            if (!wasInvited) {
                throw permissionDenied("room_id: this private room needs an invitation");
            }
        }
        insertMember(db, roomId, userId, v1::ROLE_MEMBER, now, appended);
    });
}

void SqliteStore::addMember(const std::string& roomId, const std::string& userId, Micros now,
                            Appended* appended)
{
    write([&](Database& db) {
        requireRoom(db, roomId);
        if (!selectMembership(db, roomId, userId)) {
            insertMember(db, roomId, userId, v1::ROLE_MEMBER, now, appended);
        }
    });
}

void SqliteStore::leaveRoom(const std::string& roomId, const std::string& userId, Micros now,
                            Appended* appended)
{
    write([&](Database& db) {
        requireRoom(db, roomId);
        requireMember(db, roomId, userId);
        db.prepare("DELETE FROM members WHERE room_id = ? AND user_id = ?")
            .with(roomId, userId)
            .run();
        appendMemberChange(db, roomId, userId, false, now, appended);
    });
}

void SqliteStore::invite(const std::string& roomId, const std::string& inviterId,
                         const std::string& inviteeId, Micros now)
{
    write([&](Database& db) {
        const RoomRecord room = requireRoom(db, roomId);
        requireMember(db, roomId, inviterId);
        if (room.direct()) {
            throw permissionDenied("room_id: a direct room has exactly two members");
        }
        if (selectMembership(db, roomId, inviteeId)) {
            throw ApiError(grpc::StatusCode::ALREADY_EXISTS, "username: already a member");
        }
        db.prepare("INSERT OR REPLACE INTO invites (room_id, user_id, invited_by, created_at) "
                   "VALUES (?, ?, ?, ?)")
            .with(roomId, inviteeId, inviterId, now)
            .run();
    });
}

std::vector<v1::Member> SqliteStore::members(const std::string& roomId)
{
    return read([&](Database& db) {
        Statement& st = db.prepare("SELECT m.user_id, m.role, m.joined_at, m.read_seq "
                                   "FROM members m JOIN users u ON u.id = m.user_id "
                                   "WHERE m.room_id = ? ORDER BY m.role DESC, u.username");
        st.with(roomId);
        std::vector<v1::Member> members;
        std::vector<std::string> ids;
        while (st.step()) {
            v1::Member member;
            ids.push_back(st.text(0));
            member.set_role(static_cast<v1::Role>(st.integer(1)));
            setTimestamp(member.mutable_joined_at(), st.integer(2));
            member.set_read_seq(static_cast<std::uint64_t>(st.integer(3)));
            members.push_back(std::move(member));
        }
        st.reset();
        for (std::size_t i = 0; i < members.size(); ++i) {
            *members[i].mutable_user() = selectUserProto(db, ids[i]);
        }
        return members;
    });
}

std::vector<std::pair<std::string, std::uint64_t>>
SqliteStore::roomSeqsOf(const std::string& userId)
{
    return read([&](Database& db) {
        Statement& st = db.prepare("SELECT r.id, r.last_seq FROM members m "
                                   "JOIN rooms r ON r.id = m.room_id WHERE m.user_id = ?");
        st.with(userId);
        std::vector<std::pair<std::string, std::uint64_t>> rooms;
        while (st.step()) {
            rooms.emplace_back(st.text(0), static_cast<std::uint64_t>(st.integer(1)));
        }
        return rooms;
    });
}

namespace {

v1::Message storeMessage(Database& db, const NewMessage& message, Appended* appended)
{
    requireRoom(db, message.roomId);
    requireMember(db, message.roomId, message.authorId);
    if (!message.clientMessageId.empty()) {
        Statement& existing = db.prepare("SELECT " CONFAB_MESSAGE_COLUMNS " FROM messages "
                                         "WHERE room_id = ? AND client_message_id = ?");
        existing.with(message.roomId, message.clientMessageId);
        if (existing.step()) {
            v1::Message original = readMessage(existing);
            existing.reset();
            if (original.author_id() != message.authorId) {
                throw ApiError(grpc::StatusCode::ALREADY_EXISTS,
                               "client_message_id: already used in this room");
            }
            return original;
        }
        existing.reset();
    }
    if (!message.replyTo.empty()) {
        const auto target = selectMessage(db, message.replyTo);
        if (!target || target->room_id() != message.roomId) {
            throw notFound("reply_to_message_id: no such message in this room");
        }
    }
    v1::RoomEvent event;
    event.set_room_id(message.roomId);
    v1::Message* posted = event.mutable_message_posted();
    posted->set_id(message.id);
    posted->set_room_id(message.roomId);
    posted->set_author_id(message.authorId);
    posted->set_text(message.text);
    setTimestamp(posted->mutable_sent_at(), message.sentAt);
    posted->set_client_message_id(message.clientMessageId);
    posted->set_reply_to_message_id(message.replyTo);
    Appended mine;
    append(db, std::move(event), message.sentAt, message.id, &mine);
    const v1::Message stored = mine.back().message_posted();
    db.prepare("INSERT INTO messages (id, room_id, seq, author_id, text, sent_at, "
               "client_message_id, reply_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .with(stored.id(), stored.room_id(), stored.seq(), stored.author_id(), stored.text(),
              message.sentAt,
              message.clientMessageId.empty() ? std::optional<std::string>()
                                              : std::optional(message.clientMessageId),
              message.replyTo.empty() ? std::optional<std::string>()
                                      : std::optional(message.replyTo))
        .run();
    if (appended) {
        appended->push_back(std::move(mine.back()));
    }
    return stored;
}

} // namespace

v1::Message SqliteStore::sendMessage(const NewMessage& message, Appended* appended)
{
    return write([&](Database& db) { return storeMessage(db, message, appended); });
}

void SqliteStore::sendMessageAsync(NewMessage message, SendDone done)
{
    struct State {
        NewMessage message;
        v1::Message stored;
        Appended appended;
        SendDone done;
    };
    auto state = std::make_shared<State>();
    state->message = std::move(message);
    state->done = std::move(done);
    WriteJob job;
    job.run = [state](Database& db) {
        state->stored = storeMessage(db, state->message, &state->appended);
    };
    job.done = [state](std::exception_ptr error) {
        state->done(error, std::move(state->stored), std::move(state->appended));
    };
    enqueue(std::move(job));
}

v1::Message SqliteStore::editMessage(const std::string& messageId, const std::string& userId,
                                     const std::string& text, Micros now, Appended* appended)
{
    return write([&](Database& db) {
        auto message = selectMessage(db, messageId);
        if (!message) {
            throw notFound("message_id: not found");
        }
        requireMember(db, message->room_id(), userId);
        if (message->author_id() != userId) {
            throw permissionDenied("message_id: only the author can edit a message");
        }
        if (message->deleted()) {
            throw ApiError(grpc::StatusCode::FAILED_PRECONDITION,
                           "message_id: the message was deleted");
        }
        db.prepare("UPDATE messages SET text = ?, edited_at = ? WHERE id = ?")
            .with(text, now, messageId)
            .run();
        message->set_text(text);
        setTimestamp(message->mutable_edited_at(), now);
        const v1::Message updated = *message;
        rewriteMessageEvents(db, messageId, false, [&](v1::Message& m) { m = updated; });
        v1::RoomEvent event;
        event.set_room_id(updated.room_id());
        *event.mutable_message_edited() = updated;
        append(db, std::move(event), now, messageId, appended);
        return updated;
    });
}

void SqliteStore::deleteMessage(const std::string& messageId, const std::string& userId, Micros now,
                                Appended* appended)
{
    write([&](Database& db) {
        auto message = selectMessage(db, messageId);
        if (!message) {
            throw notFound("message_id: not found");
        }
        const Membership member = requireMember(db, message->room_id(), userId);
        if (message->author_id() != userId && member.role != v1::ROLE_OWNER) {
            throw permissionDenied(
                "message_id: only the author or the room owner can delete a message");
        }
        if (message->deleted()) {
            return;
        }
        db.prepare("UPDATE messages SET text = '', deleted = 1 WHERE id = ?").with(messageId).run();
        rewriteMessageEvents(db, messageId, true, [](v1::Message& m) {
            m.clear_text();
            m.set_deleted(true);
        });
        v1::RoomEvent event;
        event.set_room_id(message->room_id());
        event.mutable_message_deleted()->set_message_id(messageId);
        event.mutable_message_deleted()->set_room_id(message->room_id());
        append(db, std::move(event), now, messageId, appended);
    });
}

std::optional<v1::Message> SqliteStore::message(const std::string& messageId)
{
    return read([&](Database& db) { return selectMessage(db, messageId); });
}

std::vector<v1::RoomEvent> SqliteStore::events(const std::string& roomId, std::uint64_t afterSeq,
                                               std::uint64_t beforeSeq, std::size_t limit,
                                               bool newest)
{
    return read([&](Database& db) {
        const auto upper = beforeSeq == 0 ? std::numeric_limits<std::int64_t>::max()
                                          : static_cast<std::int64_t>(beforeSeq);
        Statement& st = newest
                            ? db.prepare("SELECT payload FROM events WHERE room_id = ? AND seq > ? "
                                         "AND seq < ? ORDER BY seq DESC LIMIT ?")
                            : db.prepare("SELECT payload FROM events WHERE room_id = ? AND seq > ? "
                                         "AND seq < ? ORDER BY seq ASC LIMIT ?");
        st.with(roomId, afterSeq, upper, static_cast<std::int64_t>(limit));
        std::vector<v1::RoomEvent> events;
        while (st.step()) {
            v1::RoomEvent event;
            if (!event.ParseFromString(st.blob(0))) {
                throw std::runtime_error("unreadable room event in " + roomId);
            }
            events.push_back(std::move(event));
        }
        if (newest) {
            std::reverse(events.begin(), events.end());
        }
        return events;
    });
}

std::uint64_t SqliteStore::markRead(const std::string& roomId, const std::string& userId,
                                    std::uint64_t seq)
{
    return write([&](Database& db) {
        const RoomRecord room = requireRoom(db, roomId);
        const Membership member = requireMember(db, roomId, userId);
        const std::uint64_t target = std::max(member.readSeq, std::min(seq, room.lastSeq));
        if (target != member.readSeq) {
            db.prepare("UPDATE members SET read_seq = ? WHERE room_id = ? AND user_id = ?")
                .with(target, roomId, userId)
                .run();
        }
        return target;
    });
}

} // namespace confab::backend
