#pragma once

#include <grpcpp/support/status.h>

#include <stdexcept>
#include <string>

namespace confab::backend {

// An error meant for the client: a gRPC status code and a `field: reason` or
// plain message that is safe to show. Thrown inside worker tasks and turned
// into a grpc::Status at the edge of every handler.
class ApiError : public std::runtime_error {
public:
    ApiError(grpc::StatusCode code, std::string message)
        : std::runtime_error(std::move(message)), m_code(code)
    {}

    grpc::StatusCode code() const { return m_code; }
    grpc::Status status() const { return {m_code, what()}; }

private:
    grpc::StatusCode m_code;
};

inline ApiError invalidArgument(std::string message)
{
    return {grpc::StatusCode::INVALID_ARGUMENT, std::move(message)};
}

inline ApiError notFound(std::string message)
{
    return {grpc::StatusCode::NOT_FOUND, std::move(message)};
}

inline ApiError permissionDenied(std::string message)
{
    return {grpc::StatusCode::PERMISSION_DENIED, std::move(message)};
}

inline ApiError unauthenticated(std::string message = "authentication required")
{
    return {grpc::StatusCode::UNAUTHENTICATED, std::move(message)};
}

inline ApiError resourceExhausted(std::string message)
{
    return {grpc::StatusCode::RESOURCE_EXHAUSTED, std::move(message)};
}

} // namespace confab::backend
