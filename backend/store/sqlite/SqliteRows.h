#pragma once

#include "store/LikePattern.h"
#include "store/Records.h"
#include "store/sqlite/Sqlite.h"

#include <optional>
#include <string>

// Rows shared by the SQLite stores: reading records, the checks that run
// inside a write, and appending to a room log.
namespace confab::backend::sqlite {

#define CONFAB_MESSAGE_COLUMNS                                                                     \
    "id, room_id, seq, author_id, text, sent_at, edited_at, deleted, "                             \
    "COALESCE(client_message_id, ''), COALESCE(reply_to, ''), attachments"

#define CONFAB_ATTACHMENT_COLUMNS                                                                  \
    "id, room_id, uploader_id, file_name, mime_type, size, sha256, width, height, thumbnail, "     \
    "created_at, complete, COALESCE(message_id, '')"

#define CONFAB_ROOM_COLUMNS                                                                        \
    "id, name, topic, visibility, COALESCE(direct_key, ''), created_at, last_seq"

// The sql of a user lookup for a WHERE clause; ?2 asks for the avatar.
#define CONFAB_USER_SELECT(where)                                                                  \
    "SELECT id, username, display_name, bio, status_text, avatar_sha256, password_hash, "          \
    "created_at, deleted, CASE WHEN ?2 THEN avatar END FROM users WHERE " where

UserRecord readUser(const Statement& st, bool withAvatar);
std::optional<UserRecord> selectUserById(Database& db, const std::string& id, bool withAvatar);
// NOT_FOUND when there is no such user (a deleted one still is).
void requireUser(Database& db, const std::string& userId);

RoomRecord readRoom(const Statement& st, int first = 0);
std::optional<RoomRecord> selectRoom(Database& db, const std::string& roomId);
// NOT_FOUND when there is no such room.
RoomRecord requireRoom(Database& db, const std::string& roomId);
std::optional<Membership> selectMembership(Database& db, const std::string& roomId,
                                           const std::string& userId);
// PERMISSION_DENIED when the user is not a member.
Membership requireMember(Database& db, const std::string& roomId, const std::string& userId);
std::uint32_t memberCount(Database& db, const std::string& roomId);

MessageRecord readMessage(const Statement& st, int first = 0);
AttachmentRecord readAttachment(const Statement& st);
std::optional<AttachmentRecord> selectAttachment(Database& db, const std::string& id);
std::optional<MessageRecord> selectMessage(Database& db, const std::string& messageId);

// Numbers `event` as the next of its room's log (the seq comes from the
// room's counter in this same transaction, so commit order is seq order and
// a rolled-back job leaves no hole), stores it, and adds it to `appended`.
void append(Database& db, v1::RoomEvent event, Micros now, const std::string& messageId,
            Appended* appended);
// A member_joined / member_left event carrying the user's public profile.
void appendMemberChange(Database& db, const std::string& roomId, const std::string& userId,
                        bool joined, Micros now, Appended* appended);

} // namespace confab::backend::sqlite
