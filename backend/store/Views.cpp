#include "store/Convert.h"

#include <google/protobuf/util/time_util.h>

#include <chrono>

namespace confab::backend {

Micros nowMicros()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void setTimestamp(google::protobuf::Timestamp* out, Micros at)
{
    *out = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(at);
}

void toProto(const UserRecord& user, bool online, bool withAvatar, v1::User* out)
{
    out->set_id(user.id);
    out->set_username(user.username);
    setTimestamp(out->mutable_created_at(), user.createdAt);
    out->set_deleted(user.deleted);
    out->set_presence(online && !user.deleted ? v1::PRESENCE_ONLINE : v1::PRESENCE_OFFLINE);
    if (user.deleted) {
        return;
    }
    out->set_display_name(user.displayName);
    out->set_bio(user.bio);
    out->set_status_text(user.statusText);
    out->set_avatar_sha256(user.avatarSha256);
    if (withAvatar) {
        out->set_avatar(user.avatar);
    }
}

} // namespace confab::backend
