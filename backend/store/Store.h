#pragma once

#include "confab/v1/chat.pb.h"

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace confab::backend {

// Microseconds since the Unix epoch.
using Micros = std::int64_t;

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

// A room as stored, without anything that depends on who is asking.
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

struct NewMessage {
    std::string id;
    std::string roomId;
    std::string authorId;
    std::string clientMessageId;
    std::string text;
    std::string replyTo;
    Micros sentAt = 0;
};

// Room-log events written by one call, in seq order, to publish after commit.
using Appended = std::vector<v1::RoomEvent>;

// Persistent storage. Implementations are thread-safe; every method may
// block on I/O, so it is called from worker threads only, never from a gRPC
// reaction. Failures are thrown: ApiError for the caller's mistakes
// (ALREADY_EXISTS, NOT_FOUND), anything else is an internal error.
class Store {
public:
    virtual ~Store() = default;

    // Users
    virtual void createUser(const UserRecord& user) = 0;
    virtual std::optional<UserRecord> userById(const std::string& id, bool withAvatar) = 0;
    virtual std::optional<UserRecord> userByUsername(const std::string& username,
                                                     bool withAvatar) = 0;
    // Not deleted users whose username or display name starts with `prefix`.
    virtual std::vector<UserRecord> searchUsers(const std::string& prefix, std::size_t limit) = 0;
    virtual UserRecord updateProfile(const std::string& userId, const ProfileUpdate& update) = 0;
    virtual void setPasswordHash(const std::string& userId, const std::string& hash) = 0;
    // Clears the profile and password, removes every session; returns the
    // removed session ids.
    virtual std::vector<std::string> deleteUser(const std::string& userId) = 0;

    // Sessions
    virtual void createSession(const SessionRecord& session, const TokenHashes& tokens) = 0;
    virtual std::optional<Principal> authenticate(const std::string& accessHash, Micros now) = 0;
    // Replaces the refresh token `refreshHash` by `next`. A token that was
    // already used revokes its whole session.
    virtual RotateResult rotateRefreshToken(const std::string& refreshHash, const TokenHashes& next,
                                            Micros now) = 0;
    virtual std::vector<SessionRecord> listSessions(const std::string& userId) = 0;
    // False when the user has no such live session.
    virtual bool revokeSession(const std::string& userId, const std::string& sessionId) = 0;
    // Revokes every live session of the user except `keepSessionId`; returns
    // the revoked ids.
    virtual std::vector<std::string> revokeUserSessions(const std::string& userId,
                                                        const std::string& keepSessionId) = 0;
    virtual void touchSession(const std::string& sessionId, Micros now) = 0;
    // Drops expired tokens and long-dead sessions.
    virtual void purgeExpired(Micros now) = 0;

    // Rooms and membership. Writes that change a room log fill `appended`.
    // Checks that must hold at commit time (membership, invitations) are
    // made inside the write and thrown as ApiError.
    virtual void createRoom(const NewRoom& room, Appended* appended) = 0;
    virtual std::optional<RoomRecord> room(const std::string& roomId) = 0;
    // The room of `a` and `b` when it exists.
    virtual std::optional<RoomRecord> directRoom(const std::string& directKey) = 0;
    virtual std::optional<Membership> membership(const std::string& roomId,
                                                 const std::string& userId) = 0;
    // A room as `userId` sees it: read position, unread count, last message.
    virtual v1::Room roomView(const std::string& roomId, const std::string& userId) = 0;
    virtual std::vector<v1::Room> roomsOf(const std::string& userId) = 0;
    virtual std::vector<v1::Room> publicRooms(const std::string& prefix, std::size_t limit) = 0;
    // Adds the user to a public room or a private one they were invited to;
    // nothing happens when they are already a member.
    virtual void joinRoom(const std::string& roomId, const std::string& userId, Micros now,
                          Appended* appended) = 0;
    // Adds the user with no questions asked (direct rooms coming back).
    virtual void addMember(const std::string& roomId, const std::string& userId, Micros now,
                           Appended* appended) = 0;
    virtual void leaveRoom(const std::string& roomId, const std::string& userId, Micros now,
                           Appended* appended) = 0;
    virtual void invite(const std::string& roomId, const std::string& inviterId,
                        const std::string& inviteeId, Micros now) = 0;
    virtual std::vector<v1::Member> members(const std::string& roomId) = 0;
    // (room id, last seq) of every room the user is a member of.
    virtual std::vector<std::pair<std::string, std::uint64_t>>
    roomSeqsOf(const std::string& userId) = 0;

    // Messages and the room log.
    // Stores a message unless (room, client_message_id) exists already, in
    // which case the stored one is returned and nothing is appended.
    virtual v1::Message sendMessage(const NewMessage& message, Appended* appended) = 0;
    // As sendMessage, without a thread waiting: `done` runs once the message
    // is durable, with the stored message and what was appended, or with
    // the error.
    using SendDone = std::function<void(std::exception_ptr, v1::Message, Appended)>;
    virtual void sendMessageAsync(NewMessage message, SendDone done) = 0;
    virtual v1::Message editMessage(const std::string& messageId, const std::string& userId,
                                    const std::string& text, Micros now, Appended* appended) = 0;
    virtual void deleteMessage(const std::string& messageId, const std::string& userId, Micros now,
                               Appended* appended) = 0;
    virtual std::optional<v1::Message> message(const std::string& messageId) = 0;
    // Events with afterSeq < seq < beforeSeq (0 = no upper bound): the
    // newest `limit` of them when `newest`, else the oldest; ascending.
    virtual std::vector<v1::RoomEvent> events(const std::string& roomId, std::uint64_t afterSeq,
                                              std::uint64_t beforeSeq, std::size_t limit,
                                              bool newest) = 0;
    // Moves the read position forward (never back, never past the log);
    // returns the position now stored.
    virtual std::uint64_t markRead(const std::string& roomId, const std::string& userId,
                                   std::uint64_t seq) = 0;
};

} // namespace confab::backend
