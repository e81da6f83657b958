#pragma once

#include "store/Store.h"

#include "confab/v1/chat.pb.h"
#include "confab/v1/common.pb.h"

#include <google/protobuf/timestamp.pb.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The wire shapes of stored records, made here and nowhere else. What
// depends on the viewer (a direct room named after the peer, read position,
// unread count, presence) is filled in by these functions from the plain
// records of the stores.
namespace confab::backend::views {

void setTimestamp(google::protobuf::Timestamp* out, Micros at);

// Fills a v1::User; the avatar bytes only when `withAvatar` (and present in
// the record). A deleted account has its profile fields cleared.
void user(const UserRecord& record, bool online, bool withAvatar, v1::User* out);
v1::Message message(const MessageRecord& record);
v1::Attachment attachment(const AttachmentRecord& record);
// A message's attachments as the stores keep them in a column of their
// own (empty: none; a serialized Message that has only attachments).
std::optional<std::string> packAttachments(const std::vector<v1::Attachment>& attachments);
std::vector<v1::Attachment> unpackAttachments(std::string_view packed);
// Counts one user's reaction into `summaries` (rows read in the order of
// reacting: each emoji stays where it was first used, its users in order).
void countReaction(std::vector<v1::ReactionSummary>& summaries, const std::string& emoji,
                   const std::string& userId);
// A message's reactions replaced by `summaries`.
void setReactions(v1::Message& message, const std::vector<v1::ReactionSummary>& summaries);
// The room event of a reaction added (or removed).
v1::RoomEvent reactionEvent(const std::string& roomId, const std::string& messageId,
                            const std::string& userId, const std::string& emoji, bool removed);
// Name, topic, visibility, seq: what every viewer sees alike.
void basicRoom(const RoomRecord& room, v1::Room* out);

// Whether a user is online, for the views that show presence.
using IsOnline = std::function<bool(const std::string& userId)>;

v1::Member member(const MemberRecord& record, bool online);
// An invitation as its invitee sees it: the room's basics and member count,
// the inviter's public profile.
void invite(const InviteRecord& record, const UserRecord& inviter, bool inviterOnline,
            v1::Invite* out);
v1::Room publicRoom(const PublicRoom& room);

// The rooms as `viewerId` sees them. Reads the peers of direct rooms from
// `users` (one read for all of them).
v1::Room room(const RoomActivity& activity, const std::string& viewerId, UserStore& users);
std::vector<v1::Room> rooms(const std::vector<RoomActivity>& activity, const std::string& viewerId,
                            UserStore& users);

// A direct room's other member.
std::string directPeer(const RoomRecord& room, const std::string& viewerId);

} // namespace confab::backend::views
