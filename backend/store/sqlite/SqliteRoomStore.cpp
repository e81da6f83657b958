#include "store/sqlite/SqliteRoomStore.h"

#include "base/ApiError.h"
#include "store/Views.h"
#include "store/sqlite/SqliteRows.h"

namespace confab::backend {

namespace {

using namespace sqlite;

void insertMember(Database& db, const std::string& roomId, const std::string& userId, v1::Role role,
                  Micros now, Appended* appended)
{
    requireUser(db, userId);
    db.prepare("INSERT INTO members (room_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)")
        .with(roomId, userId, static_cast<int>(role), now)
        .run();
    db.prepare("DELETE FROM invites WHERE room_id = ? AND user_id = ?").with(roomId, userId).run();
    appendMemberChange(db, roomId, userId, true, now, appended);
}

RoomActivity activityIn(Database& db, RoomRecord room, const std::string& viewerId)
{
    RoomActivity out;
    out.memberCount = memberCount(db, room.id);
    out.membership = selectMembership(db, room.id, viewerId);
    if (out.membership) {
        Statement& unread = db.prepare("SELECT count(*) FROM messages WHERE room_id = ? AND "
                                       "seq > ? AND author_id != ? AND deleted = 0");
        unread.with(room.id, out.membership->readSeq, viewerId);
        unread.step();
        out.unreadCount = static_cast<std::uint32_t>(unread.integer(0));
        unread.reset();

        Statement& mentioned =
            db.prepare("SELECT count(*) FROM mentions n JOIN messages m ON m.id = n.message_id "
                       "WHERE n.user_id = ? AND n.room_id = ? AND n.seq > ? AND m.author_id != ?");
        mentioned.with(viewerId, room.id, out.membership->readSeq, viewerId);
        mentioned.step();
        out.mentionCount = static_cast<std::uint32_t>(mentioned.integer(0));
        mentioned.reset();

        Statement& last = db.prepare("SELECT " CONFAB_MESSAGE_COLUMNS " FROM messages "
                                     "WHERE room_id = ? AND deleted = 0 ORDER BY seq DESC LIMIT 1");
        last.with(room.id);
        if (last.step()) {
            out.lastMessage = readMessage(last);
        }
        last.reset();
    }
    out.room = std::move(room);
    return out;
}

} // namespace

void SqliteRoomStore::create(const NewRoom& room, Appended* appended)
{
    m_db.write([&](Database& db) {
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
        views::basicRoom(requireRoom(db, room.id), created.mutable_room_updated());
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

std::optional<RoomRecord> SqliteRoomStore::byId(const std::string& roomId)
{
    return m_db.read([&](Database& db) { return selectRoom(db, roomId); });
}

std::optional<RoomRecord> SqliteRoomStore::direct(const std::string& directKey)
{
    return m_db.read([&](Database& db) -> std::optional<RoomRecord> {
        Statement& st =
            db.prepare("SELECT " CONFAB_ROOM_COLUMNS " FROM rooms WHERE direct_key = ?");
        st.with(directKey);
        if (!st.step()) {
            return std::nullopt;
        }
        return readRoom(st);
    });
}

std::optional<Membership> SqliteRoomStore::membership(const std::string& roomId,
                                                      const std::string& userId)
{
    return m_db.read([&](Database& db) { return selectMembership(db, roomId, userId); });
}

RoomActivity SqliteRoomStore::activity(const std::string& roomId, const std::string& viewerId)
{
    return m_db.read(
        [&](Database& db) { return activityIn(db, requireRoom(db, roomId), viewerId); });
}

std::vector<RoomActivity> SqliteRoomStore::activityOf(const std::string& userId)
{
    return m_db.read([&](Database& db) {
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
        std::vector<RoomActivity> out;
        out.reserve(rooms.size());
        for (auto& room : rooms) {
            out.push_back(activityIn(db, std::move(room), userId));
        }
        return out;
    });
}

std::vector<PublicRoom> SqliteRoomStore::publicRooms(const std::string& prefix, std::size_t limit)
{
    return m_db.read([&](Database& db) {
        Statement& st = db.prepare("SELECT " CONFAB_ROOM_COLUMNS " FROM rooms "
                                   "WHERE visibility = 1 AND direct_key IS NULL "
                                   "AND name LIKE ? ESCAPE '\\' ORDER BY name COLLATE NOCASE "
                                   "LIMIT ?");
        st.with(likePrefixPattern(prefix), static_cast<std::int64_t>(limit));
        std::vector<PublicRoom> rooms;
        while (st.step()) {
            rooms.push_back({readRoom(st), 0});
        }
        st.reset();
        for (auto& room : rooms) {
            room.memberCount = memberCount(db, room.room.id);
        }
        return rooms;
    });
}

void SqliteRoomStore::join(const std::string& roomId, const std::string& userId, Micros now,
                           Appended* appended)
{
    m_db.write([&](Database& db) {
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

void SqliteRoomStore::addMember(const std::string& roomId, const std::string& userId, Micros now,
                                Appended* appended)
{
    m_db.write([&](Database& db) {
        requireRoom(db, roomId);
        if (!selectMembership(db, roomId, userId)) {
            insertMember(db, roomId, userId, v1::ROLE_MEMBER, now, appended);
        }
    });
}

void SqliteRoomStore::leave(const std::string& roomId, const std::string& userId, Micros now,
                            Appended* appended)
{
    m_db.write([&](Database& db) {
        requireRoom(db, roomId);
        requireMember(db, roomId, userId);
        db.prepare("DELETE FROM members WHERE room_id = ? AND user_id = ?")
            .with(roomId, userId)
            .run();
        appendMemberChange(db, roomId, userId, false, now, appended);
    });
}

void SqliteRoomStore::invite(const std::string& roomId, const std::string& inviterId,
                             const std::string& inviteeId, Micros now)
{
    m_db.write([&](Database& db) {
        const RoomRecord room = requireRoom(db, roomId);
        requireMember(db, roomId, inviterId);
        if (room.direct()) {
            throw permissionDenied("room_id: a direct room has exactly two members");
        }
        requireUser(db, inviteeId);
        if (selectMembership(db, roomId, inviteeId)) {
            throw ApiError(grpc::StatusCode::ALREADY_EXISTS, "username: already a member");
        }
        db.prepare("INSERT OR REPLACE INTO invites (room_id, user_id, invited_by, created_at) "
                   "VALUES (?, ?, ?, ?)")
            .with(roomId, inviteeId, inviterId, now)
            .run();
    });
}

std::vector<InviteRecord> SqliteRoomStore::invitesOf(const std::string& userId)
{
    return m_db.read([&](Database& db) {
        Statement& st =
            db.prepare("SELECT i.invited_by, i.created_at, r.id, r.name, r.topic, "
                       "r.visibility, COALESCE(r.direct_key, ''), r.created_at, "
                       "r.last_seq FROM invites i JOIN rooms r ON r.id = i.room_id "
                       "WHERE i.user_id = ? ORDER BY i.created_at DESC, i.room_id DESC");
        st.with(userId);
        std::vector<InviteRecord> invites;
        while (st.step()) {
            InviteRecord invite;
            invite.inviterId = st.text(0);
            invite.invitedAt = st.integer(1);
            invite.room = readRoom(st, 2);
            invites.push_back(std::move(invite));
        }
        st.reset();
        for (auto& invite : invites) {
            invite.memberCount = memberCount(db, invite.room.id);
        }
        return invites;
    });
}

void SqliteRoomStore::decline(const std::string& roomId, const std::string& userId)
{
    m_db.write([&](Database& db) {
        db.prepare("DELETE FROM invites WHERE room_id = ? AND user_id = ?")
            .with(roomId, userId)
            .run();
        if (db.changes() == 0) {
            throw notFound("room_id: no invitation to this room");
        }
    });
}

std::vector<MemberRecord> SqliteRoomStore::members(const std::string& roomId)
{
    return m_db.read([&](Database& db) {
        // The user columns as CONFAB_USER_SELECT reads them (no avatar).
        Statement& st = db.prepare(
            "SELECT u.id, u.username, u.display_name, u.bio, u.status_text, u.avatar_sha256, '', "
            "u.created_at, u.deleted, m.role, m.joined_at, m.read_seq "
            "FROM members m JOIN users u ON u.id = m.user_id "
            "WHERE m.room_id = ? ORDER BY m.role DESC, u.username");
        st.with(roomId);
        std::vector<MemberRecord> members;
        while (st.step()) {
            MemberRecord member;
            member.user = readUser(st, false);
            member.role = static_cast<v1::Role>(st.integer(9));
            member.joinedAt = st.integer(10);
            member.readSeq = static_cast<std::uint64_t>(st.integer(11));
            members.push_back(std::move(member));
        }
        return members;
    });
}

std::vector<RoomSeq> SqliteRoomStore::seqsOf(const std::string& userId)
{
    return m_db.read([&](Database& db) {
        Statement& st = db.prepare("SELECT r.id, r.last_seq FROM members m "
                                   "JOIN rooms r ON r.id = m.room_id WHERE m.user_id = ?");
        st.with(userId);
        std::vector<RoomSeq> rooms;
        while (st.step()) {
            rooms.push_back({st.text(0), static_cast<std::uint64_t>(st.integer(1))});
        }
        return rooms;
    });
}

std::uint64_t SqliteRoomStore::markRead(const std::string& roomId, const std::string& userId,
                                        std::uint64_t seq)
{
    return m_db.write([&](Database& db) {
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
