#include "store/postgres/PgRows.h"

#include "base/ApiError.h"
#include "store/Views.h"

namespace confab::backend::pg {

UserRecord readUser(const Result& rows, int row, bool withAvatar)
{
    UserRecord user;
    user.id = rows.text(row, 0);
    user.username = rows.text(row, 1);
    user.displayName = rows.text(row, 2);
    user.bio = rows.text(row, 3);
    user.statusText = rows.text(row, 4);
    user.avatarSha256 = rows.text(row, 5);
    user.passwordHash = rows.text(row, 6);
    user.createdAt = rows.integer(row, 7);
    user.deleted = rows.integer(row, 8) != 0;
    if (withAvatar && !rows.isNull(row, 9)) {
        user.avatar = rows.text(row, 9);
    }
    return user;
}

std::optional<UserRecord> selectUserById(Connection& db, const std::string& id, bool withAvatar)
{
    const auto rows = db.query(CONFAB_PG_USER_SELECT("id = $1"), id, withAvatar);
    if (rows.empty()) {
        return std::nullopt;
    }
    return readUser(rows, 0, withAvatar);
}

void requireUser(Connection& db, const std::string& userId)
{
    if (db.query("SELECT 1 FROM users WHERE id = $1", userId).empty()) {
        throw notFound("user_id: no such user");
    }
}

RoomRecord readRoom(const Result& rows, int row, int first)
{
    RoomRecord room;
    room.id = rows.text(row, first);
    room.name = rows.text(row, first + 1);
    room.topic = rows.text(row, first + 2);
    room.visibility = static_cast<v1::Visibility>(rows.integer(row, first + 3));
    room.directKey = rows.text(row, first + 4);
    room.createdAt = rows.integer(row, first + 5);
    room.lastSeq = static_cast<std::uint64_t>(rows.integer(row, first + 6));
    return room;
}

std::optional<RoomRecord> selectRoom(Connection& db, const std::string& roomId)
{
    const auto rows =
        db.query("SELECT " CONFAB_PG_ROOM_COLUMNS " FROM rooms WHERE id = $1", roomId);
    if (rows.empty()) {
        return std::nullopt;
    }
    return readRoom(rows, 0);
}

RoomRecord requireRoom(Connection& db, const std::string& roomId)
{
    auto room = selectRoom(db, roomId);
    if (!room) {
        throw notFound("room_id: not found");
    }
    return std::move(*room);
}

std::optional<Membership> selectMembership(Connection& db, const std::string& roomId,
                                           const std::string& userId)
{
    const auto rows = db.query(
        "SELECT role, read_seq FROM members WHERE room_id = $1 AND user_id = $2", roomId, userId);
    if (rows.empty()) {
        return std::nullopt;
    }
    return Membership{static_cast<v1::Role>(rows.integer(0, 0)),
                      static_cast<std::uint64_t>(rows.integer(0, 1))};
}

Membership requireMember(Connection& db, const std::string& roomId, const std::string& userId)
{
    auto membership = selectMembership(db, roomId, userId);
    if (!membership) {
        throw permissionDenied("room_id: you are not a member of this room");
    }
    return *membership;
}

std::uint32_t memberCount(Connection& db, const std::string& roomId)
{
    return static_cast<std::uint32_t>(
        db.query("SELECT count(*) FROM members WHERE room_id = $1", roomId).integer(0, 0));
}

MessageRecord readMessage(const Result& rows, int row, int first)
{
    MessageRecord message;
    message.id = rows.text(row, first);
    message.roomId = rows.text(row, first + 1);
    message.seq = static_cast<std::uint64_t>(rows.integer(row, first + 2));
    message.authorId = rows.text(row, first + 3);
    message.text = rows.text(row, first + 4);
    message.sentAt = rows.integer(row, first + 5);
    if (!rows.isNull(row, first + 6)) {
        message.editedAt = rows.integer(row, first + 6);
    }
    message.deleted = rows.integer(row, first + 7) != 0;
    message.clientMessageId = rows.text(row, first + 8);
    message.replyTo = rows.text(row, first + 9);
    if (!rows.isNull(row, first + 10)) {
        message.attachments = views::unpackAttachments(rows.view(row, first + 10));
    }
    return message;
}

AttachmentRecord readAttachment(const Result& rows, int row)
{
    AttachmentRecord out;
    out.id = rows.text(row, 0);
    out.roomId = rows.text(row, 1);
    out.uploaderId = rows.text(row, 2);
    out.fileName = rows.text(row, 3);
    out.mimeType = rows.text(row, 4);
    out.size = static_cast<std::uint64_t>(rows.integer(row, 5));
    out.sha256 = rows.text(row, 6);
    out.width = static_cast<std::uint32_t>(rows.integer(row, 7));
    out.height = static_cast<std::uint32_t>(rows.integer(row, 8));
    out.thumbnail = rows.text(row, 9);
    out.createdAt = rows.integer(row, 10);
    out.complete = rows.integer(row, 11) != 0;
    out.messageId = rows.text(row, 12);
    return out;
}

std::optional<AttachmentRecord> selectAttachment(Connection& db, const std::string& id)
{
    const auto rows =
        db.query("SELECT " CONFAB_PG_ATTACHMENT_COLUMNS " FROM attachments WHERE id = $1", id);
    if (rows.empty()) {
        return std::nullopt;
    }
    return readAttachment(rows, 0);
}

std::optional<MessageRecord> selectMessage(Connection& db, const std::string& messageId)
{
    const auto rows =
        db.query("SELECT " CONFAB_PG_MESSAGE_COLUMNS " FROM messages WHERE id = $1", messageId);
    if (rows.empty()) {
        return std::nullopt;
    }
    return readMessage(rows, 0);
}

void append(Connection& db, v1::RoomEvent event, Micros now, const std::string& messageId,
            Appended& appended)
{
    const auto seq =
        db.query("UPDATE rooms SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq",
                 event.room_id());
    if (seq.empty()) {
        throw notFound("room_id: not found");
    }
    event.set_seq(static_cast<std::uint64_t>(seq.integer(0, 0)));
    views::setTimestamp(event.mutable_at(), now);
    if (event.has_message_posted()) {
        event.mutable_message_posted()->set_seq(event.seq());
    }
    const std::string payload = event.SerializeAsString();
    db.query("INSERT INTO events (room_id, seq, message_id, payload) VALUES ($1, $2, $3, $4)",
             event.room_id(), event.seq(),
             messageId.empty() ? std::optional<std::string>() : std::optional(messageId),
             Bytes{payload});
    appended.push_back(std::move(event));
}

void appendMemberChange(Connection& db, const std::string& roomId, const std::string& userId,
                        bool joined, Micros now, Appended& appended)
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

} // namespace confab::backend::pg
