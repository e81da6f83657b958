#include "store/sqlite/SqliteRows.h"

#include "base/ApiError.h"
#include "store/Views.h"

namespace confab::backend::sqlite {

UserRecord readUser(const Statement& st, bool withAvatar)
{
    UserRecord user;
    user.id = st.text(0);
    user.username = st.text(1);
    user.displayName = st.text(2);
    user.bio = st.text(3);
    user.statusText = st.text(4);
    user.avatarSha256 = st.text(5);
    user.passwordHash = st.text(6);
    user.createdAt = st.integer(7);
    user.deleted = st.integer(8) != 0;
    if (withAvatar) {
        user.avatar = st.blob(9);
    }
    return user;
}

std::optional<UserRecord> selectUserById(Database& db, const std::string& id, bool withAvatar)
{
    Statement& st = db.prepare(CONFAB_USER_SELECT("id = ?1"));
    st.with(id, withAvatar);
    if (!st.step()) {
        return std::nullopt;
    }
    auto user = readUser(st, withAvatar);
    st.reset();
    return user;
}

RoomRecord readRoom(const Statement& st, int first)
{
    RoomRecord room;
    room.id = st.text(first);
    room.name = st.text(first + 1);
    room.topic = st.text(first + 2);
    room.visibility = static_cast<v1::Visibility>(st.integer(first + 3));
    room.directKey = st.text(first + 4);
    room.createdAt = st.integer(first + 5);
    room.lastSeq = static_cast<std::uint64_t>(st.integer(first + 6));
    return room;
}

std::optional<RoomRecord> selectRoom(Database& db, const std::string& roomId)
{
    Statement& st = db.prepare("SELECT " CONFAB_ROOM_COLUMNS " FROM rooms WHERE id = ?");
    st.with(roomId);
    if (!st.step()) {
        return std::nullopt;
    }
    auto room = readRoom(st);
    st.reset();
    return room;
}

void requireUser(Database& db, const std::string& userId)
{
    Statement& st = db.prepare("SELECT 1 FROM users WHERE id = ?");
    st.with(userId);
    const bool found = st.step();
    st.reset();
    if (!found) {
        throw notFound("user_id: no such user");
    }
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
    Membership membership{static_cast<v1::Role>(st.integer(0)),
                          static_cast<std::uint64_t>(st.integer(1))};
    st.reset();
    return membership;
}

Membership requireMember(Database& db, const std::string& roomId, const std::string& userId)
{
    auto membership = selectMembership(db, roomId, userId);
    if (!membership) {
        throw permissionDenied("room_id: you are not a member of this room");
    }
    return *membership;
}

std::uint32_t memberCount(Database& db, const std::string& roomId)
{
    Statement& count = db.prepare("SELECT count(*) FROM members WHERE room_id = ?");
    count.with(roomId);
    count.step();
    const auto n = static_cast<std::uint32_t>(count.integer(0));
    count.reset();
    return n;
}

MessageRecord readMessage(const Statement& st, int first)
{
    MessageRecord message;
    message.id = st.text(first);
    message.roomId = st.text(first + 1);
    message.seq = static_cast<std::uint64_t>(st.integer(first + 2));
    message.authorId = st.text(first + 3);
    message.text = st.text(first + 4);
    message.sentAt = st.integer(first + 5);
    if (!st.isNull(first + 6)) {
        message.editedAt = st.integer(first + 6);
    }
    message.deleted = st.integer(first + 7) != 0;
    message.clientMessageId = st.text(first + 8);
    message.replyTo = st.text(first + 9);
    if (!st.isNull(first + 10)) {
        message.attachments = views::unpackAttachments(st.blob(first + 10));
    }
    return message;
}

AttachmentRecord readAttachment(const Statement& st)
{
    AttachmentRecord out;
    out.id = st.text(0);
    out.roomId = st.text(1);
    out.uploaderId = st.text(2);
    out.fileName = st.text(3);
    out.mimeType = st.text(4);
    out.size = static_cast<std::uint64_t>(st.integer(5));
    out.sha256 = st.text(6);
    out.width = static_cast<std::uint32_t>(st.integer(7));
    out.height = static_cast<std::uint32_t>(st.integer(8));
    out.thumbnail = st.blob(9);
    out.createdAt = st.integer(10);
    out.complete = st.integer(11) != 0;
    out.messageId = st.text(12);
    return out;
}

std::optional<AttachmentRecord> selectAttachment(Database& db, const std::string& id)
{
    Statement& st =
        db.prepare("SELECT " CONFAB_ATTACHMENT_COLUMNS " FROM attachments WHERE id = ?");
    st.with(id);
    if (!st.step()) {
        return std::nullopt;
    }
    auto attachment = readAttachment(st);
    st.reset();
    return attachment;
}

std::optional<MessageRecord> selectMessage(Database& db, const std::string& messageId)
{
    Statement& st = db.prepare("SELECT " CONFAB_MESSAGE_COLUMNS " FROM messages WHERE id = ?");
    st.with(messageId);
    if (!st.step()) {
        return std::nullopt;
    }
    auto message = readMessage(st);
    st.reset();
    return message;
}

namespace {

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

} // namespace

void append(Database& db, v1::RoomEvent event, Micros now, const std::string& messageId,
            Appended* appended)
{
    event.set_seq(nextSeq(db, event.room_id()));
    views::setTimestamp(event.mutable_at(), now);
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
    auto user = selectUserById(db, userId, false);
    if (!user) {
        // The log must say who, even of an account it cannot find.
        user.emplace();
        user->id = userId;
        user->deleted = true;
    }
    views::user(*user, false, false, change->mutable_user());
    append(db, std::move(event), now, {}, appended);
}

} // namespace confab::backend::sqlite
