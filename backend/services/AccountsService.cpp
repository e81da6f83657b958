#include "services/AccountsService.h"
#include "base/Log.h"

#include "rpc/Validation.h"
#include "store/Views.h"

namespace confab::backend {

namespace {

UserRecord requireUser(Store& store, const std::string& id)
{
    auto user = store.users().byId(id, true);
    if (!user || user->deleted) {
        throw unauthenticated();
    }
    return std::move(*user);
}

} // namespace

grpc::ServerUnaryReactor* AccountsService::GetMe(grpc::CallbackServerContext* ctx,
                                                 const v1::GetMeRequest* /*request*/,
                                                 v1::User* response)
{
    return m_rt.authed(ctx, "GetMe", [this, response](const Principal& who) {
        const UserRecord user = requireUser(m_rt.store(), who.userId);
        views::user(user, m_presence.isOnline(user.id), true, response);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* AccountsService::GetUser(grpc::CallbackServerContext* ctx,
                                                   const v1::GetUserRequest* request,
                                                   v1::User* response)
{
    return m_rt.authed(ctx, "GetUser", [this, request, response](const Principal&) {
        std::optional<UserRecord> user;
        switch (request->key_case()) {
        case v1::GetUserRequest::kUserId:
            validate::id("user_id", request->user_id());
            user = m_rt.store().users().byId(request->user_id(), true);
            break;
        case v1::GetUserRequest::kUsername:
            if (request->username().empty()) {
                throw invalidArgument("username: required");
            }
            user = m_rt.store().users().byUsername(request->username(), true);
            break;
        case v1::GetUserRequest::KEY_NOT_SET:
            throw invalidArgument("user_id: user_id or username is required");
        }
        if (!user) {
            throw notFound("user: not found");
        }
        views::user(*user, m_presence.isOnline(user->id), true, response);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* AccountsService::SearchUsers(grpc::CallbackServerContext* ctx,
                                                       const v1::SearchUsersRequest* request,
                                                       v1::SearchUsersResponse* response)
{
    return m_rt.authed(ctx, "SearchUsers", [this, request, response](const Principal& who) {
        m_rt.rates().take(who.userId, RateLimits::Action::Search);
        const Limits& limits = m_rt.limits();
        validate::text("query", request->query(), 1, 64, false);
        std::size_t limit = request->limit() == 0 ? limits.searchLimitDefault : request->limit();
        limit = std::min(limit, limits.searchLimitMax);
        for (const UserRecord& user : m_rt.store().users().search(request->query(), limit)) {
            views::user(user, m_presence.isOnline(user.id), false, response->add_users());
        }
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* AccountsService::UpdateProfile(grpc::CallbackServerContext* ctx,
                                                         const v1::UpdateProfileRequest* request,
                                                         v1::User* response)
{
    return m_rt.authed(ctx, "UpdateProfile", [this, request, response](const Principal& who) {
        const Limits& limits = m_rt.limits();
        ProfileUpdate update;
        if (request->has_display_name()) {
            validate::displayName(request->display_name(), limits);
            update.displayName = request->display_name();
        }
        if (request->has_bio()) {
            validate::text("bio", request->bio(), 0, limits.bioMax, true);
            update.bio = request->bio();
        }
        if (request->has_status_text()) {
            validate::text("status_text", request->status_text(), 0, limits.statusTextMax, false);
            update.statusText = request->status_text();
        }
        if (request->has_avatar()) {
            validate::avatar(request->avatar(), limits);
            update.avatar = request->avatar();
        }
        const UserRecord user = m_rt.store().users().updateProfile(who.userId, update);
        views::user(user, m_presence.isOnline(user.id), true, response);
        if (m_profileListener) {
            m_profileListener(user);
        }
        return grpc::Status::OK;
    });
}

void AccountsService::confirmPassword(const Principal& who, const std::string& password,
                                      const std::string& address, Finisher finish,
                                      std::function<void(const UserRecord&)> next)
{
    const UserRecord user = requireUser(m_rt.store(), who.userId);
    if (password.empty()) {
        throw invalidArgument("password: required");
    }
    if (!m_rt.throttle().begin(user.username, address)) {
        throw resourceExhausted("too many wrong passwords; try again later");
    }
    const bool queued = m_rt.hasher().verify(
        user.passwordHash, password,
        [this, user, address, finish, next = std::move(next)](PasswordHasher::Verdict verdict) {
            m_rt.workers().post([=, this, verdict = std::move(verdict)] {
                finish.step([&] {
                    if (verdict.failed) {
                        m_rt.throttle().finish(user.username, address,
                                               LoginThrottle::Outcome::Cancelled);
                        throw Runtime::busyError();
                    }
                    m_rt.throttle().finish(user.username, address,
                                           verdict.ok ? LoginThrottle::Outcome::Success
                                                      : LoginThrottle::Outcome::Failure);
                    if (!verdict.ok) {
                        throw permissionDenied("password: incorrect");
                    }
                    next(user);
                });
            });
        });
    if (!queued) {
        m_rt.throttle().finish(user.username, address, LoginThrottle::Outcome::Cancelled);
        throw Runtime::busyError();
    }
}

grpc::ServerUnaryReactor* AccountsService::ChangePassword(grpc::CallbackServerContext* ctx,
                                                          const v1::ChangePasswordRequest* request,
                                                          v1::ChangePasswordResponse* /*response*/)
{
    const std::string address = m_rt.clientAddress(ctx);
    return m_rt.authedAsync(
        ctx, "ChangePassword", [this, request, address](const Principal& who, Finisher finish) {
            validate::password("new_password", request->new_password(), m_rt.limits());
            confirmPassword(
                who, request->old_password(), address, finish,
                [this, request, who, finish](const UserRecord& user) {
                    const bool queued = m_rt.hasher().hash(
                        request->new_password(), [this, user, who, finish](std::string hash) {
                            m_rt.workers().post([=, this] {
                                finish.step([&] {
                                    if (hash.empty()) {
                                        throw Runtime::busyError();
                                    }
                                    m_rt.store().users().setPasswordHash(user.id, hash);
                                    m_rt.sessionsRevoked(
                                        m_rt.store().sessions().revokeAll(user.id, who.sessionId));
                                    log::auth().info("password of {} changed", user.id);
                                    finish(grpc::Status::OK);
                                });
                            });
                        });
                    if (!queued) {
                        throw Runtime::busyError();
                    }
                });
        });
}

grpc::ServerUnaryReactor* AccountsService::DeleteAccount(grpc::CallbackServerContext* ctx,
                                                         const v1::DeleteAccountRequest* request,
                                                         v1::DeleteAccountResponse* /*response*/)
{
    const std::string address = m_rt.clientAddress(ctx);
    return m_rt.authedAsync(
        ctx, "DeleteAccount", [this, request, address](const Principal& who, Finisher finish) {
            confirmPassword(who, request->password(), address, finish,
                            [this, finish](const UserRecord& user) {
                                m_rt.sessionsRevoked(m_rt.store().users().remove(user.id));
                                log::auth().info("account {} deleted", user.id);
                                UserRecord gone = user;
                                gone.deleted = true;
                                if (m_profileListener) {
                                    m_profileListener(gone);
                                }
                                finish(grpc::Status::OK);
                            });
        });
}

grpc::ServerUnaryReactor* AccountsService::ListSessions(grpc::CallbackServerContext* ctx,
                                                        const v1::ListSessionsRequest* /*request*/,
                                                        v1::ListSessionsResponse* response)
{
    return m_rt.authed(ctx, "ListSessions", [this, response](const Principal& who) {
        for (const SessionRecord& session : m_rt.store().sessions().list(who.userId)) {
            v1::SessionInfo* info = response->add_sessions();
            info->set_session_id(session.id);
            info->set_device_name(session.deviceName);
            views::setTimestamp(info->mutable_created_at(), session.createdAt);
            views::setTimestamp(info->mutable_last_used_at(), session.lastUsedAt);
            info->set_current(session.id == who.sessionId);
        }
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* AccountsService::RevokeSession(grpc::CallbackServerContext* ctx,
                                                         const v1::RevokeSessionRequest* request,
                                                         v1::RevokeSessionResponse* /*response*/)
{
    return m_rt.authed(ctx, "RevokeSession", [this, request](const Principal& who) {
        validate::id("session_id", request->session_id());
        if (!m_rt.store().sessions().revoke(who.userId, request->session_id())) {
            throw notFound("session_id: not found");
        }
        m_rt.sessionsRevoked({request->session_id()});
        return grpc::Status::OK;
    });
}

} // namespace confab::backend
