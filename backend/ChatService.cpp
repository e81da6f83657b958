#include "ChatService.h"

namespace confab::backend {

namespace {

grpc::Status unimplemented()
{
    return {grpc::StatusCode::UNIMPLEMENTED, "chat is not available on this server yet"};
}

// Authenticates, then ends the stream.
class SubscribeReactor final : public grpc::ServerWriteReactor<v1::Event> {
public:
    SubscribeReactor(Runtime& rt, grpc::CallbackServerContext* ctx)
    {
        std::optional<std::string> token = Runtime::bearerToken(ctx);
        if (!token) {
            Finish(unauthenticated().status());
            return;
        }
        if (!rt.workers().tryPost([this, &rt, token = std::move(*token)] {
                Finish(guarded("Subscribe", [&] {
                    rt.authenticate(token);
                    return unimplemented();
                }));
            })) {
            Finish(Runtime::busy());
        }
    }

    void OnDone() override { delete this; }
};

} // namespace

grpc::ServerUnaryReactor* ChatService::notYet(grpc::CallbackServerContext* ctx, const char* method)
{
    return m_rt.authed(ctx, method, [](const Principal&) { return unimplemented(); });
}

grpc::ServerWriteReactor<v1::Event>* ChatService::Subscribe(grpc::CallbackServerContext* ctx,
                                                            const v1::SubscribeRequest*)
{
    return new SubscribeReactor(m_rt, ctx);
}

} // namespace confab::backend
