#pragma once

#include "live/Presence.h"
#include "rpc/Runtime.h"

#include "confab/v1/auth.grpc.pb.h"

namespace confab::backend {

class AuthService final : public v1::Auth::CallbackService {
public:
    AuthService(Runtime& runtime, const PresenceRegistry& presence)
        : m_rt(runtime), m_presence(presence)
    {}

    grpc::ServerUnaryReactor* Register(grpc::CallbackServerContext* ctx,
                                       const v1::RegisterRequest* request,
                                       v1::Session* response) override;
    grpc::ServerUnaryReactor* Login(grpc::CallbackServerContext* ctx,
                                    const v1::LoginRequest* request,
                                    v1::Session* response) override;
    grpc::ServerUnaryReactor* Refresh(grpc::CallbackServerContext* ctx,
                                      const v1::RefreshRequest* request,
                                      v1::Session* response) override;
    grpc::ServerUnaryReactor* Logout(grpc::CallbackServerContext* ctx,
                                     const v1::LogoutRequest* request,
                                     v1::LogoutResponse* response) override;

private:
    // Starts a new session for `user` and fills `out` with its tokens.
    void startSession(const UserRecord& user, const std::string& deviceName, v1::Session* out);

    Runtime& m_rt;
    const PresenceRegistry& m_presence;
};

} // namespace confab::backend
