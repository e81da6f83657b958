#include "live/SubscribeReactor.h"

#include "base/ApiError.h"

#include "confab/v1/chat.grpc.pb.h"

#include <grpcpp/impl/codegen/proto_utils.h>

#include <algorithm>
#include <map>

namespace confab::backend {

namespace {

Stream::Tuning tuning(const ServerConfig& config)
{
    Stream::Tuning tuning;
    tuning.maxQueued = std::max<std::size_t>(config.subscriberMaxQueued, 2);
    tuning.highWater = std::min(tuning.highWater, tuning.maxQueued);
    tuning.page = std::min(tuning.page, tuning.highWater);
    return tuning;
}

} // namespace

SubscribeReactor::SubscribeReactor(Runtime& rt, Hub& hub, grpc::CallbackServerContext* ctx,
                                   const grpc::ByteBuffer* raw)
    : m_stream(std::make_shared<Stream>(hub, this, tuning(rt.config())))
{
    std::optional<std::string> token = Runtime::bearerToken(ctx);
    if (!token) {
        m_stream->end(unauthenticated().status());
        return;
    }
    v1::SubscribeRequest request;
    grpc::ByteBuffer copy(*raw);
    if (!grpc::SerializationTraits<v1::SubscribeRequest>::Deserialize(&copy, &request).ok()) {
        m_stream->end(invalidArgument("request: not a SubscribeRequest").status());
        return;
    }
    std::map<std::string, std::uint64_t> cursors;
    for (const auto& cursor : request.cursors()) {
        auto& seq = cursors[cursor.room_id()];
        seq = std::max(seq, cursor.last_seq());
    }
    const bool posted = rt.workers().tryPost(
        [&rt, &hub, stream = m_stream, token = std::move(*token), cursors = std::move(cursors)] {
            const grpc::Status status = guarded("Subscribe", [&] {
                stream->setPrincipal(rt.authenticate(token));
                hub.attach(stream, cursors);
                return grpc::Status::OK;
            });
            if (!status.ok()) {
                stream->end(status);
            }
        });
    if (!posted) {
        m_stream->end(Runtime::busy());
    }
}

} // namespace confab::backend
