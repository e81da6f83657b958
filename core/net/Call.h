#pragma once

#include "net/Rpc.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>

namespace confab::core {

// A unary method of a service's callback interface, e.g. `&ChatApi::SendMessage`.
// Its type says everything a call needs: the request, the response, and
// (through Connection::api) the stub. gRPC's reactor overload of the same
// name does not match, so the address of the method picks this one.
template <typename Api, typename Request, typename Response>
using UnaryMethod = void (Api::*)(grpc::ClientContext*, const Request*, Response*,
                                  std::function<void(grpc::Status)>);

constexpr std::chrono::seconds kCallTimeout{15};

// Starts one asynchronous unary call of `method` on `connection`, with a
// deadline, and with the access token when one is given. `done(status,
// response)` runs later on the lifeline's thread, never on a gRPC thread.
// The plumbing every call shares; authorized calls go through
// Session::call, which adds the token refresh on top.
template <typename Api, typename Request, typename Response>
void callAsync(Connection& connection, UnaryMethod<Api, Request, Response> method,
               std::type_identity_t<Request> request, const std::string& accessToken,
               const std::shared_ptr<Lifeline>& lifeline,
               std::type_identity_t<std::function<void(const grpc::Status&, Response)>> done,
               std::chrono::milliseconds timeout = kCallTimeout)
{
    struct Call {
        grpc::ClientContext context;
        Request request;
        Response response;
    };
    auto call = std::make_shared<Call>();
    call->request = std::move(request);
    call->context.set_deadline(std::chrono::system_clock::now() + timeout);
    if (!accessToken.empty()) {
        call->context.AddMetadata("authorization", "Bearer " + accessToken);
    }
    (connection.api<Api>().*
     method)(&call->context, &call->request, &call->response,
             [call, lifeline, done = std::move(done)](grpc::Status status) mutable {
                 // The call goes along, so that the last reference to it (and
                 // its context) is not dropped on this thread (see Lifeline).
                 lifeline->post([call = std::move(call), status, done = std::move(done)]() mutable {
                     done(status, std::move(call->response));
                 });
             });
}

} // namespace confab::core
