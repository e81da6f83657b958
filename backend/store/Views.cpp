#include "store/Views.h"

#include <algorithm>

#include <google/protobuf/util/time_util.h>

#include <unordered_map>

namespace confab::backend::views {

void setTimestamp(google::protobuf::Timestamp* out, Micros at)
{
    *out = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(at);
}

void user(const UserRecord& record, bool online, bool withAvatar, v1::User* out)
{
    out->set_id(record.id);
    out->set_username(record.username);
    setTimestamp(out->mutable_created_at(), record.createdAt);
    out->set_deleted(record.deleted);
    out->set_presence(online && !record.deleted ? v1::PRESENCE_ONLINE : v1::PRESENCE_OFFLINE);
    if (record.deleted) {
        return;
    }
    out->set_display_name(record.displayName);
    out->set_bio(record.bio);
    out->set_status_text(record.statusText);
    out->set_avatar_sha256(record.avatarSha256);
    if (withAvatar) {
        out->set_avatar(record.avatar);
    }
}

v1::Message message(const MessageRecord& record)
{
    v1::Message out;
    out.set_id(record.id);
    out.set_room_id(record.roomId);
    out.set_seq(record.seq);
    out.set_author_id(record.authorId);
    out.set_text(record.text);
    setTimestamp(out.mutable_sent_at(), record.sentAt);
    if (record.editedAt) {
        setTimestamp(out.mutable_edited_at(), *record.editedAt);
    }
    out.set_deleted(record.deleted);
    out.set_client_message_id(record.clientMessageId);
    out.set_reply_to_message_id(record.replyTo);
    setReactions(out, record.reactions);
    for (const auto& userId : record.mentionedUserIds) {
        out.add_mentioned_user_ids(userId);
    }
    for (const auto& attachment : record.attachments) {
        *out.add_attachments() = attachment;
    }
    return out;
}

v1::Attachment attachment(const AttachmentRecord& record)
{
    v1::Attachment out;
    out.set_id(record.id);
    out.set_room_id(record.roomId);
    out.set_file_name(record.fileName);
    out.set_mime_type(record.mimeType);
    out.set_size(record.size);
    out.set_sha256(record.sha256);
    out.set_width(record.width);
    out.set_height(record.height);
    out.set_thumbnail(record.thumbnail);
    out.set_uploader_id(record.uploaderId);
    setTimestamp(out.mutable_created_at(), record.createdAt);
    return out;
}

std::optional<std::string> packAttachments(const std::vector<v1::Attachment>& attachments)
{
    if (attachments.empty()) {
        return std::nullopt;
    }
    v1::Message holder;
    for (const auto& attachment : attachments) {
        *holder.add_attachments() = attachment;
    }
    return holder.SerializeAsString();
}

std::vector<v1::Attachment> unpackAttachments(std::string_view packed)
{
    if (packed.empty()) {
        return {};
    }
    v1::Message holder;
    if (!holder.ParseFromArray(packed.data(), static_cast<int>(packed.size()))) {
        throw std::runtime_error("unreadable attachments of a message");
    }
    return {holder.attachments().begin(), holder.attachments().end()};
}

void countReaction(std::vector<v1::ReactionSummary>& summaries, const std::string& emoji,
                   const std::string& userId)
{
    auto it = std::find_if(summaries.begin(), summaries.end(),
                           [&](const auto& s) { return s.emoji() == emoji; });
    if (it == summaries.end()) {
        summaries.emplace_back().set_emoji(emoji);
        it = std::prev(summaries.end());
    }
    it->set_count(it->count() + 1);
    it->add_user_ids(userId);
}

void setReactions(v1::Message& message, const std::vector<v1::ReactionSummary>& summaries)
{
    message.clear_reactions();
    for (const auto& summary : summaries) {
        *message.add_reactions() = summary;
    }
}

v1::RoomEvent reactionEvent(const std::string& roomId, const std::string& messageId,
                            const std::string& userId, const std::string& emoji, bool removed)
{
    v1::RoomEvent event;
    event.set_room_id(roomId);
    v1::Reaction* reaction =
        removed ? event.mutable_reaction_removed() : event.mutable_reaction_added();
    reaction->set_message_id(messageId);
    reaction->set_user_id(userId);
    reaction->set_emoji(emoji);
    return event;
}

void basicRoom(const RoomRecord& room, v1::Room* out)
{
    out->set_id(room.id);
    out->set_name(room.name);
    out->set_topic(room.topic);
    out->set_visibility(room.visibility);
    out->set_direct(room.direct());
    setTimestamp(out->mutable_created_at(), room.createdAt);
    out->set_last_seq(room.lastSeq);
}

void invite(const InviteRecord& record, const UserRecord& inviter, bool inviterOnline,
            v1::Invite* out)
{
    basicRoom(record.room, out->mutable_room());
    out->mutable_room()->set_member_count(record.memberCount);
    user(inviter, inviterOnline, false, out->mutable_inviter());
    setTimestamp(out->mutable_invited_at(), record.invitedAt);
}

v1::Member member(const MemberRecord& record, bool online)
{
    v1::Member out;
    user(record.user, online, false, out.mutable_user());
    out.set_role(record.role);
    setTimestamp(out.mutable_joined_at(), record.joinedAt);
    out.set_read_seq(record.readSeq);
    return out;
}

v1::Room publicRoom(const PublicRoom& room)
{
    v1::Room out;
    basicRoom(room.room, &out);
    out.set_member_count(room.memberCount);
    return out;
}

std::string directPeer(const RoomRecord& room, const std::string& viewerId)
{
    const auto colon = room.directKey.find(':');
    const std::string first = room.directKey.substr(0, colon);
    const std::string second = room.directKey.substr(colon + 1);
    return first == viewerId ? second : first;
}

namespace {

// A direct room is named after the peer; a deleted peer leaves it nameless.
std::string peerName(const UserRecord* peer)
{
    if (!peer || peer->deleted) {
        return {};
    }
    return peer->displayName.empty() ? peer->username : peer->displayName;
}

v1::Room roomFor(const RoomActivity& activity, const UserRecord* peer)
{
    v1::Room out;
    basicRoom(activity.room, &out);
    if (activity.room.direct()) {
        out.set_name(peerName(peer));
    }
    out.set_member_count(activity.memberCount);
    if (!activity.membership) {
        return out;
    }
    out.set_read_seq(activity.membership->readSeq);
    out.set_unread_count(activity.unreadCount);
    out.set_mention_count(activity.mentionCount);
    if (activity.lastMessage) {
        *out.mutable_last_message() = message(*activity.lastMessage);
    }
    return out;
}

} // namespace

std::vector<v1::Room> rooms(const std::vector<RoomActivity>& activity, const std::string& viewerId,
                            UserStore& users)
{
    std::vector<std::string> peerIds;
    for (const auto& entry : activity) {
        if (entry.room.direct()) {
            peerIds.push_back(directPeer(entry.room, viewerId));
        }
    }
    std::unordered_map<std::string, UserRecord> peers;
    if (!peerIds.empty()) {
        for (auto& peer : users.byIds(peerIds)) {
            peers.emplace(peer.id, std::move(peer));
        }
    }
    std::vector<v1::Room> out;
    out.reserve(activity.size());
    for (const auto& entry : activity) {
        const UserRecord* peer = nullptr;
        if (entry.room.direct()) {
            const auto it = peers.find(directPeer(entry.room, viewerId));
            peer = it == peers.end() ? nullptr : &it->second;
        }
        out.push_back(roomFor(entry, peer));
    }
    return out;
}

v1::Room room(const RoomActivity& activity, const std::string& viewerId, UserStore& users)
{
    return std::move(rooms({activity}, viewerId, users).front());
}

} // namespace confab::backend::views
