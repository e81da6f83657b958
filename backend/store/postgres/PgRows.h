#pragma once

#include "store/LikePattern.h"
#include "store/Records.h"
#include "store/postgres/Pg.h"

#include <optional>
#include <string>

// Rows shared by the PostgreSQL stores: reading records, the checks that
// run inside a write, and appending to a room log. The schema and the rules
// are those of the SQLite store (store/sqlite/SqliteRows.h); text columns
// compare bytewise (COLLATE "C") as SQLite's do.
namespace confab::backend::pg {

#define CONFAB_PG_MESSAGE_COLUMNS                                                                  \
    "id, room_id, seq, author_id, text, sent_at, edited_at, deleted, "                             \
    "COALESCE(client_message_id, ''), COALESCE(reply_to, ''), attachments"

#define CONFAB_PG_ATTACHMENT_COLUMNS                                                               \
    "id, room_id, uploader_id, file_name, mime_type, size, sha256, width, height, thumbnail, "     \
    "created_at, complete, COALESCE(message_id, '')"

#define CONFAB_PG_ROOM_COLUMNS                                                                     \
    "id, name, topic, visibility, COALESCE(direct_key, ''), created_at, last_seq"

// The columns readUser reads, avatar last (null unless asked for with $2).
#define CONFAB_PG_USER_SELECT(where)                                                               \
    "SELECT id, username, display_name, bio, status_text, avatar_sha256, password_hash, "          \
    "created_at, deleted, CASE WHEN $2::boolean THEN avatar END FROM users WHERE " where

UserRecord readUser(const Result& rows, int row, bool withAvatar);
std::optional<UserRecord> selectUserById(Connection& db, const std::string& id, bool withAvatar);
// NOT_FOUND when there is no such user (a deleted one still is).
void requireUser(Connection& db, const std::string& userId);

RoomRecord readRoom(const Result& rows, int row, int first = 0);
std::optional<RoomRecord> selectRoom(Connection& db, const std::string& roomId);
// NOT_FOUND when there is no such room.
RoomRecord requireRoom(Connection& db, const std::string& roomId);
std::optional<Membership> selectMembership(Connection& db, const std::string& roomId,
                                           const std::string& userId);
// PERMISSION_DENIED when the user is not a member.
Membership requireMember(Connection& db, const std::string& roomId, const std::string& userId);
std::uint32_t memberCount(Connection& db, const std::string& roomId);

MessageRecord readMessage(const Result& rows, int row, int first = 0);
AttachmentRecord readAttachment(const Result& rows, int row);
std::optional<AttachmentRecord> selectAttachment(Connection& db, const std::string& id);
std::optional<MessageRecord> selectMessage(Connection& db, const std::string& messageId);

// Numbers `event` as the next of its room's log (the seq comes from the
// room's counter row in this same transaction, so commit order is seq order
// and a rolled-back job leaves no hole), stores it, and adds it to
// `appended`.
void append(Connection& db, v1::RoomEvent event, Micros now, const std::string& messageId,
            Appended& appended);
// A member_joined / member_left event carrying the user's public profile.
void appendMemberChange(Connection& db, const std::string& roomId, const std::string& userId,
                        bool joined, Micros now, Appended& appended);

// A job's events handed to the caller's `appended` (may be null) once the
// job has run to its end: a job that runs again after a deadlock starts
// from nothing.
inline void handOver(Appended& mine, Appended* appended)
{
    if (appended) {
        for (auto& event : mine) {
            appended->push_back(std::move(event));
        }
    }
}

} // namespace confab::backend::pg
