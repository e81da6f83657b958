#pragma once

#include "store/Store.h"

#include "confab/v1/common.pb.h"

#include <google/protobuf/timestamp.pb.h>

namespace confab::backend {

Micros nowMicros();
void setTimestamp(google::protobuf::Timestamp* out, Micros at);

// Fills a v1::User; the avatar bytes only when `withAvatar` (and present in
// the record). A deleted account has its profile fields cleared.
void toProto(const UserRecord& user, bool online, bool withAvatar, v1::User* out);

} // namespace confab::backend
