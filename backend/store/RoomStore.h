#pragma once

#include "store/Records.h"

#include <optional>
#include <string>
#include <vector>

namespace confab::backend {

// Rooms, membership, invitations and read positions. Writes that change a
// room log fill `appended` (may be null). Checks that must hold at commit
// time (membership, invitations) are made inside the write and thrown as
// ApiError.
class RoomStore {
public:
    virtual ~RoomStore() = default;

    // Creates the room, its first event and its members (the creator is the
    // owner, except in a direct room).
    virtual void create(const NewRoom& room, Appended* appended) = 0;
    virtual std::optional<RoomRecord> byId(const std::string& roomId) = 0;
    // The direct room of a pair (see RoomRecord::directKey), when it exists.
    virtual std::optional<RoomRecord> direct(const std::string& directKey) = 0;
    virtual std::optional<Membership> membership(const std::string& roomId,
                                                 const std::string& userId) = 0;
    // The room with what `viewerId` needs to list it. NOT_FOUND when there
    // is no such room.
    virtual RoomActivity activity(const std::string& roomId, const std::string& viewerId) = 0;
    // activity() of every room the user is a member of, newest log first.
    virtual std::vector<RoomActivity> activityOf(const std::string& userId) = 0;
    // Public rooms (not direct) whose name starts with `prefix`, by name.
    virtual std::vector<PublicRoom> publicRooms(const std::string& prefix, std::size_t limit) = 0;
    // Adds the user to a public room or a private one they were invited to;
    // nothing happens when they are already a member.
    virtual void join(const std::string& roomId, const std::string& userId, Micros now,
                      Appended* appended) = 0;
    // Adds the user with no questions asked (direct rooms coming back).
    virtual void addMember(const std::string& roomId, const std::string& userId, Micros now,
                           Appended* appended) = 0;
    virtual void leave(const std::string& roomId, const std::string& userId, Micros now,
                       Appended* appended) = 0;
    virtual void invite(const std::string& roomId, const std::string& inviterId,
                        const std::string& inviteeId, Micros now) = 0;
    // The user's pending invitations, newest first.
    virtual std::vector<InviteRecord> invitesOf(const std::string& userId) = 0;
    // Declines the user's invitation to the room; NOT_FOUND when there is
    // none.
    virtual void decline(const std::string& roomId, const std::string& userId) = 0;
    // Owners first, then by username.
    virtual std::vector<MemberRecord> members(const std::string& roomId) = 0;
    // Every room the user is a member of, with the end of its log.
    virtual std::vector<RoomSeq> seqsOf(const std::string& userId) = 0;
    // Moves the read position forward (never back, never past the log);
    // returns the position now stored.
    virtual std::uint64_t markRead(const std::string& roomId, const std::string& userId,
                                   std::uint64_t seq) = 0;
};

} // namespace confab::backend
