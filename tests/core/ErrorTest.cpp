#include "net/Error.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

namespace confab::core {
namespace {

// Behind nginx, an instance that dies under a call resets it (INTERNAL,
// "RST_STREAM") and one that is gone gets an HTTP answer (UNKNOWN): both
// are the network's trouble, to try again, not failures to show.
TEST(Error, ACallResetByAProxyIsUnavailable)
{
    const Error reset = Error::fromStatus(
        grpc::Status(grpc::StatusCode::INTERNAL, "Received RST_STREAM with error code 2"));
    EXPECT_EQ(reset.code, Error::Code::Unavailable);
    EXPECT_TRUE(reset.isTransient());

    const Error http = Error::fromStatus(
        grpc::Status(grpc::StatusCode::UNKNOWN, "Received http2 header with status: 502"));
    EXPECT_EQ(http.code, Error::Code::Unavailable);
    EXPECT_TRUE(http.isTransient());
}

TEST(Error, TheServersOwnInternalErrorStaysOne)
{
    const Error internal =
        Error::fromStatus(grpc::Status(grpc::StatusCode::INTERNAL, "server: something went wrong"));
    EXPECT_EQ(internal.code, Error::Code::Internal);
    EXPECT_FALSE(internal.isTransient());
    EXPECT_EQ(internal.field, QStringLiteral("server"));
}

} // namespace
} // namespace confab::core
