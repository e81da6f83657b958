#pragma once

#include <grpcpp/support/status.h>
#include <gtest/gtest.h>

#include <string>

namespace confab::test {

inline const char* codeName(grpc::StatusCode code)
{
    switch (code) {
    case grpc::StatusCode::OK:
        return "OK";
    case grpc::StatusCode::CANCELLED:
        return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
        return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
        return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
        return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
        return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
        return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
        return "PERMISSION_DENIED";
    case grpc::StatusCode::UNAUTHENTICATED:
        return "UNAUTHENTICATED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
        return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
        return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
        return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
        return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
        return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
        return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
        return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
        return "DATA_LOSS";
    default:
        return "?";
    }
}

// Passes when `status` has `code` and its message starts with `prefix`.
inline ::testing::AssertionResult hasStatus(const grpc::Status& status, grpc::StatusCode code,
                                            const std::string& prefix = {})
{
    if (status.error_code() != code) {
        return ::testing::AssertionFailure()
               << "expected " << codeName(code) << ", got " << codeName(status.error_code()) << " ("
               << status.error_message() << ")";
    }
    if (!status.error_message().starts_with(prefix)) {
        return ::testing::AssertionFailure() << "message \"" << status.error_message()
                                             << "\" does not start with \"" << prefix << "\"";
    }
    return ::testing::AssertionSuccess();
}

} // namespace confab::test

#define EXPECT_OK(status) EXPECT_TRUE(::confab::test::hasStatus((status), grpc::StatusCode::OK))
#define ASSERT_OK(status) ASSERT_TRUE(::confab::test::hasStatus((status), grpc::StatusCode::OK))
#define EXPECT_STATUS(status, code, ...)                                                           \
    EXPECT_TRUE(::confab::test::hasStatus((status), grpc::StatusCode::code, ##__VA_ARGS__))
