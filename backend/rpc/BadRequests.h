#pragma once

#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <vector>

namespace confab::backend {

// Interceptors for every unary call: a request that does not parse (not the
// method's message, a string that is not UTF-8) is answered
// INVALID_ARGUMENT "request: …" instead of gRPC 1.51's bare UNIMPLEMENTED,
// which would send the client looking for a method that is there.
std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
badRequestInterceptors();

// Routes libprotobuf's own log lines (one per unparseable request) into the
// server's log, at most a few a minute, with a count of those left out.
void captureProtobufLogs();

} // namespace confab::backend
