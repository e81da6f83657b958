#pragma once

#include "live/Presence.h"
#include "rpc/Runtime.h"

#include "confab/v1/account.grpc.pb.h"

namespace confab::backend {

class AccountsService final : public v1::Accounts::CallbackService {
public:
    AccountsService(Runtime& runtime, const PresenceRegistry& presence)
        : m_rt(runtime), m_presence(presence)
    {}

    // Called with the new profile after every successful UpdateProfile.
    void setProfileListener(std::function<void(const UserRecord&)> listener)
    {
        m_profileListener = std::move(listener);
    }

    grpc::ServerUnaryReactor* GetMe(grpc::CallbackServerContext* ctx,
                                    const v1::GetMeRequest* request, v1::User* response) override;
    grpc::ServerUnaryReactor* GetUser(grpc::CallbackServerContext* ctx,
                                      const v1::GetUserRequest* request,
                                      v1::User* response) override;
    grpc::ServerUnaryReactor* SearchUsers(grpc::CallbackServerContext* ctx,
                                          const v1::SearchUsersRequest* request,
                                          v1::SearchUsersResponse* response) override;
    grpc::ServerUnaryReactor* UpdateProfile(grpc::CallbackServerContext* ctx,
                                            const v1::UpdateProfileRequest* request,
                                            v1::User* response) override;
    grpc::ServerUnaryReactor* ChangePassword(grpc::CallbackServerContext* ctx,
                                             const v1::ChangePasswordRequest* request,
                                             v1::ChangePasswordResponse* response) override;
    grpc::ServerUnaryReactor* DeleteAccount(grpc::CallbackServerContext* ctx,
                                            const v1::DeleteAccountRequest* request,
                                            v1::DeleteAccountResponse* response) override;
    grpc::ServerUnaryReactor* ListSessions(grpc::CallbackServerContext* ctx,
                                           const v1::ListSessionsRequest* request,
                                           v1::ListSessionsResponse* response) override;
    grpc::ServerUnaryReactor* RevokeSession(grpc::CallbackServerContext* ctx,
                                            const v1::RevokeSessionRequest* request,
                                            v1::RevokeSessionResponse* response) override;

private:
    // Checks `password` against the caller's own, throttled like a login;
    // then runs `next(user)` on a worker. A wrong password ends the call with
    // PERMISSION_DENIED "password: incorrect".
    void confirmPassword(const Principal& who, const std::string& password,
                         const std::string& address, Finisher finish,
                         std::function<void(const UserRecord&)> next);

    Runtime& m_rt;
    const PresenceRegistry& m_presence;
    std::function<void(const UserRecord&)> m_profileListener;
};

} // namespace confab::backend
