#pragma once

#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/time_util.h>

#include <QDateTime>
#include <QString>

#include <string>

namespace confab::core {

// An unset Timestamp is an invalid QDateTime ("never").
inline QDateTime toDateTime(const google::protobuf::Timestamp& at)
{
    if (at.seconds() == 0 && at.nanos() == 0) {
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(
        google::protobuf::util::TimeUtil::TimestampToMilliseconds(at));
}

inline QString toQString(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace confab::core
