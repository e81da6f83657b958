#pragma once

#include "live/Hub.h"
#include "live/Stream.h"
#include "rpc/Runtime.h"

#include <grpcpp/grpcpp.h>

#include <memory>

namespace confab::backend {

// The server side of Subscribe: a thin reactor over a Stream, which outlives
// it for as long as the hub or a worker holds it. The request arrives raw
// and is parsed here; the token is checked on a worker, then the stream is
// attached to the hub.
class SubscribeReactor final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
public:
    SubscribeReactor(Runtime& rt, Hub& hub, grpc::CallbackServerContext* ctx,
                     const grpc::ByteBuffer* raw);

    void OnWriteDone(bool ok) override { m_stream->onWriteDone(ok); }
    void OnCancel() override { m_stream->end({grpc::StatusCode::CANCELLED, "cancelled"}); }
    // gRPC owns a reactor until OnDone, its last reaction.
    void OnDone() override
    {
        m_stream->onDone();
        delete this;
    }

private:
    std::shared_ptr<Stream> m_stream;
};

} // namespace confab::backend
