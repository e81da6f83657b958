#include "services/AuthService.h"
#include "base/Log.h"

#include "auth/Tokens.h"
#include "base/Crypto.h"
#include "rpc/Validation.h"
#include "store/Views.h"

#include <algorithm>
#include <cctype>

namespace confab::backend {

namespace {

constexpr const char* kBadCredentials = "username or password is incorrect";
constexpr const char* kThrottled = "too many failed sign-in attempts; try again later";

std::string normalizeUsername(const std::string& raw)
{
    std::string name = raw;
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    name.erase(name.begin(), std::find_if(name.begin(), name.end(), notSpace));
    name.erase(std::find_if(name.rbegin(), name.rend(), notSpace).base(), name.end());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return name;
}

} // namespace

void AuthService::startSession(const UserRecord& user, const std::string& deviceName,
                               v1::Session* out)
{
    const Micros now = nowMicros();
    const IssuedTokens tokens = issueTokens(m_rt.config(), now);
    SessionRecord session{crypto::newId(), user.id, deviceName, now, now};
    m_rt.store().sessions().create(session, tokens.hashes);
    fillSession(tokens, session.id, out);
    views::user(user, m_presence.isOnline(user.id), true, out->mutable_user());
}

grpc::ServerUnaryReactor* AuthService::Register(grpc::CallbackServerContext* ctx,
                                                const v1::RegisterRequest* request,
                                                v1::Session* response)
{
    const std::string address = m_rt.clientAddress(ctx);
    return m_rt.open(ctx, "Register", [this, request, response, address](Finisher finish) {
        const Limits& limits = m_rt.limits();
        validate::username("username", request->username(), limits);
        validate::password("password", request->password(), limits);
        const std::string displayName =
            request->display_name().empty() ? request->username() : request->display_name();
        validate::displayName(displayName, limits);
        validate::deviceName(request->device_name(), limits);
        if (m_rt.store().users().byUsername(request->username(), false)) {
            throw ApiError(grpc::StatusCode::ALREADY_EXISTS, "username: already taken");
        }
        // Per address first: one address's flood does not use up everyone's.
        m_rt.rates().take(address, RateLimits::Action::Registration);
        m_rt.rates().take("*", RateLimits::Action::AnyRegistration);
        const bool queued = m_rt.hasher().hash(
            request->password(), [this, request, response, finish, displayName](std::string hash) {
                m_rt.workers().post([=, this, hash = std::move(hash)] {
                    finish.step([&] {
                        if (hash.empty()) {
                            throw Runtime::busyError();
                        }
                        UserRecord user;
                        user.id = crypto::newId();
                        user.username = request->username();
                        user.displayName = displayName;
                        user.passwordHash = hash;
                        user.createdAt = nowMicros();
                        m_rt.store().users().create(user);
                        log::auth().info("account {} registered", user.id);
                        startSession(user, request->device_name(), response);
                        finish(grpc::Status::OK);
                    });
                });
            });
        if (!queued) {
            finish(Runtime::busy());
        }
    });
}

grpc::ServerUnaryReactor* AuthService::Login(grpc::CallbackServerContext* ctx,
                                             const v1::LoginRequest* request, v1::Session* response)
{
    auto* reactor = m_rt.startCall(ctx);
    if (!reactor->admitted()) {
        return reactor;
    }
    Finisher finish(reactor, "Login");
    const std::string username = normalizeUsername(request->username());
    const std::string address = m_rt.clientAddress(ctx);
    if (username.empty()) {
        finish(invalidArgument("username: required").status());
        return reactor;
    }
    if (request->password().empty()) {
        finish(invalidArgument("password: required").status());
        return reactor;
    }
    if (request->password().size() > m_rt.limits().passwordMaxBytes) {
        finish(unauthenticated(kBadCredentials).status());
        return reactor;
    }
    // Refused in the reaction itself, so that a storm of guesses or of
    // logins costs no storage read and no hash.
    if (!m_rt.throttle().begin(username, address)) {
        finish(resourceExhausted(kThrottled).status());
        return reactor;
    }
    const auto cancel = [this, username, address] {
        m_rt.throttle().finish(username, address, LoginThrottle::Outcome::Cancelled);
    };
    if (m_rt.hasher().saturated()) {
        cancel();
        finish(Runtime::busy());
        return reactor;
    }
    const bool posted = m_rt.workers().tryPost([this, request, response, finish, username, address,
                                                cancel] {
        finish.step([&] {
            std::optional<UserRecord> user;
            try {
                user = m_rt.store().users().byUsername(username, true);
            } catch (...) {
                cancel();
                throw;
            }
            const std::string stored = user && !user->deleted ? user->passwordHash : std::string();
            const bool queued = m_rt.hasher().verify(
                stored, request->password(),
                [this, request, response, finish, username, address, cancel,
                 user](PasswordHasher::Verdict verdict) {
                    m_rt.workers().post([=, this, verdict = std::move(verdict)] {
                        finish.step([&] {
                            if (verdict.failed) {
                                cancel();
                                finish(Runtime::busy());
                                return;
                            }
                            m_rt.throttle().finish(username, address,
                                                   verdict.ok ? LoginThrottle::Outcome::Success
                                                              : LoginThrottle::Outcome::Failure);
                            if (!verdict.ok) {
                                throw unauthenticated(kBadCredentials);
                            }
                            if (!verdict.rehashed.empty()) {
                                m_rt.store().users().setPasswordHash(user->id, verdict.rehashed);
                                log::auth().info("password hash of {} upgraded", user->id);
                            }
                            validate::deviceName(request->device_name(), m_rt.limits());
                            startSession(*user, request->device_name(), response);
                            finish(grpc::Status::OK);
                        });
                    });
                });
            if (!queued) {
                cancel();
                finish(Runtime::busy());
            }
        });
    });
    if (!posted) {
        cancel();
        finish(Runtime::busy());
    }
    return reactor;
}

grpc::ServerUnaryReactor* AuthService::Refresh(grpc::CallbackServerContext* ctx,
                                               const v1::RefreshRequest* request,
                                               v1::Session* response)
{
    return m_rt.open(ctx, "Refresh", [this, request, response](Finisher finish) {
        constexpr const char* kInvalid = "refresh_token: invalid or expired";
        if (!crypto::looksLikeToken(request->refresh_token())) {
            throw unauthenticated(kInvalid);
        }
        const Micros now = nowMicros();
        const IssuedTokens tokens = issueTokens(m_rt.config(), now);
        const RotateResult result = m_rt.store().sessions().rotate(
            crypto::sha256(request->refresh_token()), tokens.hashes, now);
        switch (result.outcome) {
        case RotateResult::Outcome::Rotated:
            break;
        case RotateResult::Outcome::Reused:
            log::auth().warn("refresh token reused: session {} revoked", result.sessionId);
            m_rt.sessionsRevoked({result.sessionId});
            throw unauthenticated("refresh_token: already used; the session was signed out");
        case RotateResult::Outcome::Expired:
        case RotateResult::Outcome::Unknown:
            throw unauthenticated(kInvalid);
        }
        const auto user = m_rt.store().users().byId(result.userId, true);
        if (!user || user->deleted) {
            throw unauthenticated(kInvalid);
        }
        fillSession(tokens, result.sessionId, response);
        views::user(*user, m_presence.isOnline(user->id), true, response->mutable_user());
        finish(grpc::Status::OK);
    });
}

grpc::ServerUnaryReactor* AuthService::Logout(grpc::CallbackServerContext* ctx,
                                              const v1::LogoutRequest* request,
                                              v1::LogoutResponse* /*response*/)
{
    return m_rt.authed(ctx, "Logout", [this, request](const Principal& who) {
        std::vector<std::string> revoked;
        if (request->all_devices()) {
            revoked = m_rt.store().sessions().revokeAll(who.userId, {});
        } else if (m_rt.store().sessions().revoke(who.userId, who.sessionId)) {
            revoked.push_back(who.sessionId);
        }
        m_rt.sessionsRevoked(revoked);
        return grpc::Status::OK;
    });
}

} // namespace confab::backend
