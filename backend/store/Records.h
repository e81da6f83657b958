#pragma once

#include "base/Time.h"

#include "confab/v1/chat.pb.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// What the stores keep, as plain values. Nothing here depends on who is
// asking; the per-viewer shapes of the wire protocol are built from these in
// store/Views.h.
namespace confab::backend {

struct UserRecord {
    std::string id;
    std::string username;
    std::string displayName;
    std::string bio;
    std::string statusText;
    std::string avatar; // bytes; left empty unless asked for
    std::string avatarSha256;
    std::string passwordHash;
    Micros createdAt = 0;
    bool deleted = false;
};

struct ProfileUpdate {
    std::optional<std::string> displayName;
    std::optional<std::string> bio;
    std::optional<std::string> statusText;
    std::optional<std::string> avatar; // empty string removes it
};

struct SessionRecord {
    std::string id;
    std::string userId;
    std::string deviceName;
    Micros createdAt = 0;
    Micros lastUsedAt = 0;
};

// Hashes (never the tokens themselves) and expiry times of a token pair.
struct TokenHashes {
    std::string accessHash;
    Micros accessExpiresAt = 0;
    std::string refreshHash;
    Micros refreshExpiresAt = 0;
};

// Who is calling: the result of checking an access token.
struct Principal {
    std::string userId;
    std::string sessionId;
    Micros lastUsedAt = 0;
    Micros accessExpiresAt = 0;
};

struct RotateResult {
    enum class Outcome { Rotated, Unknown, Expired, Reused };
    Outcome outcome = Outcome::Unknown;
    // The session concerned (Rotated, and Reused: the session just revoked).
    std::string sessionId;
    std::string userId;
};

// A room as stored.
struct RoomRecord {
    std::string id;
    std::string name;
    std::string topic;
    v1::Visibility visibility = v1::VISIBILITY_PRIVATE;
    // For direct rooms: the two user ids, sorted, joined by ':'.
    std::string directKey;
    Micros createdAt = 0;
    std::uint64_t lastSeq = 0;

    bool direct() const { return !directKey.empty(); }
};

struct NewRoom {
    std::string id;
    std::string name;
    std::string topic;
    v1::Visibility visibility = v1::VISIBILITY_PRIVATE;
    std::string directKey;
    std::string creatorId;
    // Members besides the creator (not the creator again, no duplicates).
    std::vector<std::string> memberIds;
    Micros createdAt = 0;
};

struct Membership {
    v1::Role role = v1::ROLE_MEMBER;
    std::uint64_t readSeq = 0;
};

struct MemberRecord {
    UserRecord user; // without avatar bytes or password hash
    v1::Role role = v1::ROLE_MEMBER;
    Micros joinedAt = 0;
    std::uint64_t readSeq = 0;
};

struct MessageRecord {
    std::string id;
    std::string roomId;
    std::uint64_t seq = 0;
    std::string authorId;
    std::string text;
    Micros sentAt = 0;
    std::optional<Micros> editedAt;
    bool deleted = false;
    std::string clientMessageId;
    std::string replyTo;
    // Reactions, each emoji in the order it was first used (filled where
    // the stores say so).
    std::vector<v1::ReactionSummary> reactions;
    // The members its text mentions, in the order they appear.
    std::vector<std::string> mentionedUserIds;
    // Files sent with it, as the wire shows them (empty once deleted).
    std::vector<v1::Attachment> attachments;
};

struct NewMessage {
    std::string id;
    std::string roomId;
    std::string authorId;
    std::string clientMessageId;
    std::string text;
    std::string replyTo;
    // Finished uploads of the author to the room, sent with no message yet.
    std::vector<std::string> attachmentIds;
    Micros sentAt = 0;
};

// A file uploaded to a room. Its bytes are kept by the AttachmentStore
// (store/AttachmentStore.h); until `complete` they are still arriving.
struct AttachmentRecord {
    std::string id;
    std::string roomId;
    std::string uploaderId;
    std::string fileName;
    std::string mimeType;
    std::uint64_t size = 0;
    std::string sha256; // hex; empty until complete
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::string thumbnail;
    Micros createdAt = 0;
    bool complete = false;
    // The message it was sent with; empty while it waits for one.
    std::string messageId;
};

// A room with what one member needs to list it: counts and the last
// message. A view of it for that member is made by store/Views.h.
struct RoomActivity {
    RoomRecord room;
    std::uint32_t memberCount = 0;
    // The viewer's membership; empty when they are not a member.
    std::optional<Membership> membership;
    // Messages by others, not deleted, after the viewer's read position.
    std::uint32_t unreadCount = 0;
    // Of those, the ones that mention the viewer.
    std::uint32_t mentionCount = 0;
    std::optional<MessageRecord> lastMessage;
};

struct PublicRoom {
    RoomRecord room;
    std::uint32_t memberCount = 0;
};

// A pending invitation of a user to a room.
struct InviteRecord {
    RoomRecord room;
    std::uint32_t memberCount = 0;
    std::string inviterId;
    Micros invitedAt = 0;
};

// A message found by a search, with the piece of its text that matched
// (the matched words between \x02 and \x03).
struct SearchHitRecord {
    MessageRecord message;
    std::string snippet;
};

// Where a page of search results ends: the (sent_at, id) of its last hit.
struct SearchCursor {
    Micros sentAt = 0;
    std::string messageId;
};

// (room id, last seq) of a room.
struct RoomSeq {
    std::string roomId;
    std::uint64_t lastSeq = 0;
};

// Room-log events written by one call, in seq order, to publish after
// commit. The log keeps events in their wire form: one serialization serves
// the database, the bus and every subscriber.
using Appended = std::vector<v1::RoomEvent>;

} // namespace confab::backend
