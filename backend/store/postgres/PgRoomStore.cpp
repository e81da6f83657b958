#include "store/postgres/PgRoomStore.h"

#include "base/ApiError.h"
#include "store/Views.h"
#include "store/postgres/PgRows.h"

namespace confab::backend {

namespace {

using namespace pg;

void insertMember(Connection& db, const std::string& roomId, const std::string& userId,
                  v1::Role role, Micros now, Appended& appended)
{
    requireUser(db, userId);
    db.query("INSERT INTO members (room_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)",
             roomId, userId, static_cast<int>(role), now);
    db.query("DELETE FROM invites WHERE room_id = $1 AND user_id = $2", roomId, userId);
    appendMemberChange(db, roomId, userId, true, now, appended);
}

RoomActivity activityIn(Connection& db, RoomRecord room, const std::string& viewerId)
{
    RoomActivity out;
    out.memberCount = memberCount(db, room.id);
    out.membership = selectMembership(db, room.id, viewerId);
    if (out.membership) {
        out.unreadCount = static_cast<std::uint32_t>(
            db.query("SELECT count(*) FROM messages WHERE room_id = $1 AND seq > $2 AND "
                     "author_id != $3 AND NOT deleted",
                     room.id, out.membership->readSeq, viewerId)
                .integer(0, 0));
        out.mentionCount = static_cast<std::uint32_t>(
            db.query("SELECT count(*) FROM mentions n JOIN messages m ON m.id = n.message_id "
                     "WHERE n.user_id = $1 AND n.room_id = $2 AND n.seq > $3 AND m.author_id != $1",
                     viewerId, room.id, out.membership->readSeq)
                .integer(0, 0));
        const auto last = db.query("SELECT " CONFAB_PG_MESSAGE_COLUMNS " FROM messages "
                                   "WHERE room_id = $1 AND NOT deleted ORDER BY seq DESC LIMIT 1",
                                   room.id);
        if (!last.empty()) {
            out.lastMessage = readMessage(last, 0);
        }
    }
    out.room = std::move(room);
    return out;
}

} // namespace

void PgRoomStore::create(const NewRoom& room, Appended* appended)
{
    m_db.write(room.id, [&](Connection& db) {
        Appended mine;
        const auto inserted = db.query(
            "INSERT INTO rooms (id, name, topic, visibility, direct_key, created_at) "
            "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            room.id, room.name, room.topic, static_cast<int>(room.visibility),
            room.directKey.empty() ? std::optional<std::string>() : std::optional(room.directKey),
            room.createdAt);
        if (inserted.affected() == 0) {
            throw ApiError(grpc::StatusCode::ALREADY_EXISTS, "room: already exists");
        }
        v1::RoomEvent created;
        created.set_room_id(room.id);
        views::basicRoom(requireRoom(db, room.id), created.mutable_room_updated());
        append(db, std::move(created), room.createdAt, {}, mine);
        if (!room.creatorId.empty()) {
            insertMember(db, room.id, room.creatorId,
                         room.directKey.empty() ? v1::ROLE_OWNER : v1::ROLE_MEMBER, room.createdAt,
                         mine);
        }
        for (const auto& memberId : room.memberIds) {
            insertMember(db, room.id, memberId, v1::ROLE_MEMBER, room.createdAt, mine);
        }
        handOver(mine, appended);
    });
}

std::optional<RoomRecord> PgRoomStore::byId(const std::string& roomId)
{
    return m_db.read([&](Connection& db) { return selectRoom(db, roomId); });
}

std::optional<RoomRecord> PgRoomStore::direct(const std::string& directKey)
{
    return m_db.read([&](Connection& db) -> std::optional<RoomRecord> {
        const auto rows = db.query(
            "SELECT " CONFAB_PG_ROOM_COLUMNS " FROM rooms WHERE direct_key = $1", directKey);
        if (rows.empty()) {
            return std::nullopt;
        }
        return readRoom(rows, 0);
    });
}

std::optional<Membership> PgRoomStore::membership(const std::string& roomId,
                                                  const std::string& userId)
{
    return m_db.read([&](Connection& db) { return selectMembership(db, roomId, userId); });
}

RoomActivity PgRoomStore::activity(const std::string& roomId, const std::string& viewerId)
{
    return m_db.read(
        [&](Connection& db) { return activityIn(db, requireRoom(db, roomId), viewerId); });
}

std::vector<RoomActivity> PgRoomStore::activityOf(const std::string& userId)
{
    return m_db.read([&](Connection& db) {
        const auto rows =
            db.query("SELECT r.id, r.name, r.topic, r.visibility, COALESCE(r.direct_key, ''), "
                     "r.created_at, r.last_seq FROM members m JOIN rooms r ON r.id = m.room_id "
                     "WHERE m.user_id = $1 ORDER BY r.last_seq DESC",
                     userId);
        std::vector<RoomActivity> out;
        out.reserve(static_cast<std::size_t>(rows.rows()));
        for (int i = 0; i < rows.rows(); ++i) {
            out.push_back(activityIn(db, readRoom(rows, i), userId));
        }
        return out;
    });
}

std::vector<PublicRoom> PgRoomStore::publicRooms(const std::string& prefix, std::size_t limit)
{
    return m_db.read([&](Connection& db) {
        const auto rows = db.query(
            "SELECT " CONFAB_PG_ROOM_COLUMNS " FROM rooms "
            "WHERE visibility = 1 AND direct_key IS NULL "
            "AND lower(name) LIKE lower($1 COLLATE \"C\") ORDER BY lower(name), name LIMIT $2",
            likePrefixPattern(prefix), static_cast<unsigned long long>(limit));
        std::vector<PublicRoom> rooms;
        for (int i = 0; i < rows.rows(); ++i) {
            rooms.push_back({readRoom(rows, i), 0});
        }
        for (auto& room : rooms) {
            room.memberCount = memberCount(db, room.room.id);
        }
        return rooms;
    });
}

void PgRoomStore::join(const std::string& roomId, const std::string& userId, Micros now,
                       Appended* appended)
{
    m_db.write(roomId, [&](Connection& db) {
        const RoomRecord room = requireRoom(db, roomId);
        if (selectMembership(db, roomId, userId)) {
            return;
        }
        if (room.direct()) {
            throw permissionDenied("room_id: a direct room cannot be joined");
        }
        if (room.visibility != v1::VISIBILITY_PUBLIC &&
            db.query("SELECT 1 FROM invites WHERE room_id = $1 AND user_id = $2", roomId, userId)
                .empty()) {
            throw permissionDenied("room_id: this private room needs an invitation");
        }
        Appended mine;
        insertMember(db, roomId, userId, v1::ROLE_MEMBER, now, mine);
        handOver(mine, appended);
    });
}

void PgRoomStore::addMember(const std::string& roomId, const std::string& userId, Micros now,
                            Appended* appended)
{
    m_db.write(roomId, [&](Connection& db) {
        requireRoom(db, roomId);
        if (!selectMembership(db, roomId, userId)) {
            Appended mine;
            insertMember(db, roomId, userId, v1::ROLE_MEMBER, now, mine);
            handOver(mine, appended);
        }
    });
}

void PgRoomStore::leave(const std::string& roomId, const std::string& userId, Micros now,
                        Appended* appended)
{
    m_db.write(roomId, [&](Connection& db) {
        requireRoom(db, roomId);
        requireMember(db, roomId, userId);
        db.query("DELETE FROM members WHERE room_id = $1 AND user_id = $2", roomId, userId);
        Appended mine;
        appendMemberChange(db, roomId, userId, false, now, mine);
        handOver(mine, appended);
    });
}

void PgRoomStore::invite(const std::string& roomId, const std::string& inviterId,
                         const std::string& inviteeId, Micros now)
{
    m_db.write(roomId, [&](Connection& db) {
        const RoomRecord room = requireRoom(db, roomId);
        requireMember(db, roomId, inviterId);
        if (room.direct()) {
            throw permissionDenied("room_id: a direct room has exactly two members");
        }
        requireUser(db, inviteeId);
        if (selectMembership(db, roomId, inviteeId)) {
            throw ApiError(grpc::StatusCode::ALREADY_EXISTS, "username: already a member");
        }
        db.query("INSERT INTO invites (room_id, user_id, invited_by, created_at) "
                 "VALUES ($1, $2, $3, $4) ON CONFLICT (room_id, user_id) DO UPDATE SET "
                 "invited_by = EXCLUDED.invited_by, created_at = EXCLUDED.created_at",
                 roomId, inviteeId, inviterId, now);
    });
}

std::vector<InviteRecord> PgRoomStore::invitesOf(const std::string& userId)
{
    return m_db.read([&](Connection& db) {
        const auto rows =
            db.query("SELECT i.invited_by, i.created_at, r.id, r.name, r.topic, "
                     "r.visibility, COALESCE(r.direct_key, ''), r.created_at, "
                     "r.last_seq FROM invites i JOIN rooms r ON r.id = i.room_id "
                     "WHERE i.user_id = $1 ORDER BY i.created_at DESC, i.room_id DESC",
                     userId);
        std::vector<InviteRecord> invites;
        for (int i = 0; i < rows.rows(); ++i) {
            InviteRecord invite;
            invite.inviterId = rows.text(i, 0);
            invite.invitedAt = rows.integer(i, 1);
            invite.room = readRoom(rows, i, 2);
            invite.memberCount = memberCount(db, invite.room.id);
            invites.push_back(std::move(invite));
        }
        return invites;
    });
}

void PgRoomStore::decline(const std::string& roomId, const std::string& userId)
{
    m_db.write(roomId, [&](Connection& db) {
        if (db.query("DELETE FROM invites WHERE room_id = $1 AND user_id = $2", roomId, userId)
                .affected() == 0) {
            throw notFound("room_id: no invitation to this room");
        }
    });
}

std::vector<MemberRecord> PgRoomStore::members(const std::string& roomId)
{
    return m_db.read([&](Connection& db) {
        // The user columns as CONFAB_PG_USER_SELECT reads them (no avatar).
        const auto rows = db.query(
            "SELECT u.id, u.username, u.display_name, u.bio, u.status_text, u.avatar_sha256, '', "
            "u.created_at, u.deleted, NULL, m.role, m.joined_at, m.read_seq "
            "FROM members m JOIN users u ON u.id = m.user_id "
            "WHERE m.room_id = $1 ORDER BY m.role DESC, u.username",
            roomId);
        std::vector<MemberRecord> members;
        for (int i = 0; i < rows.rows(); ++i) {
            MemberRecord member;
            member.user = readUser(rows, i, false);
            member.role = static_cast<v1::Role>(rows.integer(i, 10));
            member.joinedAt = rows.integer(i, 11);
            member.readSeq = static_cast<std::uint64_t>(rows.integer(i, 12));
            members.push_back(std::move(member));
        }
        return members;
    });
}

std::vector<RoomSeq> PgRoomStore::seqsOf(const std::string& userId)
{
    return m_db.read([&](Connection& db) {
        const auto rows = db.query("SELECT r.id, r.last_seq FROM members m "
                                   "JOIN rooms r ON r.id = m.room_id WHERE m.user_id = $1",
                                   userId);
        std::vector<RoomSeq> rooms;
        for (int i = 0; i < rows.rows(); ++i) {
            rooms.push_back({rows.text(i, 0), static_cast<std::uint64_t>(rows.integer(i, 1))});
        }
        return rooms;
    });
}

std::uint64_t PgRoomStore::markRead(const std::string& roomId, const std::string& userId,
                                    std::uint64_t seq)
{
    return m_db.write(roomId, [&](Connection& db) {
        const RoomRecord room = requireRoom(db, roomId);
        const Membership member = requireMember(db, roomId, userId);
        const std::uint64_t target = std::max(member.readSeq, std::min(seq, room.lastSeq));
        if (target != member.readSeq) {
            db.query("UPDATE members SET read_seq = $1 WHERE room_id = $2 AND user_id = $3", target,
                     roomId, userId);
        }
        return target;
    });
}

} // namespace confab::backend
