#pragma once

#include <QMetaType>
#include <QString>

namespace grpc {
class Status;
}

namespace confab::core {

// What went wrong with a call, in the client's terms. Human text is made at
// the UI edge; `field` and `reason` come from the server's "field: reason".
struct Error {
    enum class Code {
        None,
        InvalidInput,     // INVALID_ARGUMENT: `field` says which
        Unauthenticated,  // bad credentials, or the session is gone
        PermissionDenied, // e.g. a wrong password where one is confirmed
        NotFound,
        AlreadyExists, // e.g. the username is taken
        Throttled,     // RESOURCE_EXHAUSTED: too many attempts, or the server is busy
        Unavailable,   // cannot reach the server
        Timeout,
        Internal,
        Cancelled, // the user stopped it (an upload, a download)
    };

    Code code = Code::None;
    QString field;  // the request field at fault, when the server named one
    QString reason; // the server's words after "field: ", or all of them

    bool ok() const { return code == Code::None; }
    // Network trouble or a busy server: worth trying again later, and shown
    // as the connection's state rather than as a failure of what was asked.
    bool isTransient() const
    {
        return code == Code::Unavailable || code == Code::Timeout || code == Code::Throttled;
    }
    static Error fromStatus(const grpc::Status& status);
    static Error of(Code code, const QString& reason = {}) { return {code, {}, reason}; }
};

} // namespace confab::core

Q_DECLARE_METATYPE(confab::core::Error)
