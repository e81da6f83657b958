#include "net/Error.h"

#include <grpcpp/support/status.h>

#include <QRegularExpression>

namespace confab::core {

Error Error::fromStatus(const grpc::Status& status)
{
    Error error;
    switch (status.error_code()) {
    case grpc::StatusCode::OK:
        return error;
    case grpc::StatusCode::INVALID_ARGUMENT:
        error.code = Code::InvalidInput;
        break;
    case grpc::StatusCode::UNAUTHENTICATED:
        error.code = Code::Unauthenticated;
        break;
    case grpc::StatusCode::PERMISSION_DENIED:
        error.code = Code::PermissionDenied;
        break;
    case grpc::StatusCode::NOT_FOUND:
        error.code = Code::NotFound;
        break;
    case grpc::StatusCode::ALREADY_EXISTS:
        error.code = Code::AlreadyExists;
        break;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
        error.code = Code::Throttled;
        break;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::CANCELLED:
        error.code = Code::Unavailable;
        break;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
        error.code = Code::Timeout;
        break;
    case grpc::StatusCode::UNKNOWN:
        // confabd never answers UNKNOWN: a proxy in front of it does, when
        // it answers in HTTP rather than gRPC (no instance behind it).
        error.code = Code::Unavailable;
        break;
    case grpc::StatusCode::INTERNAL:
        // The transport reset the call: a proxy whose instance died under
        // it. The call may go through again, like any UNAVAILABLE one.
        error.code = status.error_message().find("RST_STREAM") != std::string::npos
                         ? Code::Unavailable
                         : Code::Internal;
        break;
    default:
        error.code = Code::Internal;
        break;
    }
    const QString message = QString::fromStdString(status.error_message());
    static const QRegularExpression fieldPattern(QStringLiteral("^([a-z_]+): (.*)$"));
    const auto match = fieldPattern.match(message);
    if (match.hasMatch()) {
        error.field = match.captured(1);
        error.reason = match.captured(2);
    } else {
        error.reason = message;
    }
    return error;
}

} // namespace confab::core
