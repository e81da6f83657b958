#pragma once

#include "auth/Authenticator.h"
#include "auth/LoginThrottle.h"
#include "auth/PasswordHasher.h"
#include "base/ApiError.h"
#include "base/Config.h"
#include "base/Log.h"
#include "base/ThreadPool.h"
#include "rpc/RateLimits.h"
#include "store/Store.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace confab::backend {

// Runs `fn` and turns what it throws into a status: ApiError as it is,
// anything else as an INTERNAL error whose details stay in the log.
template <typename F>
grpc::Status guarded(const char* what, F&& fn) noexcept
{
    try {
        return fn();
    } catch (const ApiError& e) {
        return e.status();
    } catch (const std::exception& e) {
        log::rpc().error("{}: {}", what, e.what());
    } catch (...) {
        log::rpc().error("{}: unknown failure", what);
    }
    return {grpc::StatusCode::INTERNAL, "internal error"};
}

// Finishes one unary call exactly once, from whichever thread gets there.
class Finisher {
public:
    Finisher(grpc::ServerUnaryReactor* reactor, const char* method)
        : m_state(std::make_shared<State>(reactor, method))
    {}

    void operator()(const grpc::Status& status) const
    {
        if (!m_state->finished.exchange(true)) {
            m_state->reactor->Finish(status);
        }
    }

    // Runs a step of the call; if it throws, the call ends with that error.
    template <typename F>
    void step(F&& fn) const
    {
        grpc::Status status = guarded(m_state->method, [&] {
            fn();
            return grpc::Status::OK;
        });
        if (!status.ok()) {
            (*this)(status);
        }
    }

    const char* method() const { return m_state->method; }

private:
    struct State {
        State(grpc::ServerUnaryReactor* r, const char* m) : reactor(r), method(m) {}
        grpc::ServerUnaryReactor* reactor;
        const char* method;
        std::atomic<bool> finished{false};
    };
    std::shared_ptr<State> m_state;
};

// The unary calls in flight on each connection (by gRPC's peer string, one
// per connection), each counted from its start until gRPC is done with it:
// until its answer has been written, which a client that never reads holds
// up. Past the limit a connection's new calls are refused at once, so what
// one connection makes the server hold stays bounded.
class CallCounter {
public:
    explicit CallCounter(std::size_t perConnection) : m_perConnection(perConnection) {}

    bool enter(const std::string& peer)
    {
        std::lock_guard lock(m_mutex);
        std::size_t& open = m_open[peer];
        if (open >= m_perConnection) {
            return false;
        }
        ++open;
        return true;
    }
    void leave(const std::string& peer)
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_open.find(peer);
        if (it != m_open.end() && --it->second == 0) {
            m_open.erase(it);
        }
    }

private:
    const std::size_t m_perConnection;
    std::mutex m_mutex;
    std::unordered_map<std::string, std::size_t> m_open;
};

// A unary call's reactor that leaves the counter once gRPC is done with it.
class CountedReactor final : public grpc::ServerUnaryReactor {
public:
    CountedReactor(CallCounter& counter, std::string peer)
        : m_counter(counter), m_peer(std::move(peer)), m_admitted(counter.enter(m_peer))
    {}

    bool admitted() const { return m_admitted; }
    void OnDone() override
    {
        if (m_admitted) {
            m_counter.leave(m_peer);
        }
        delete this;
    }

private:
    CallCounter& m_counter;
    const std::string m_peer;
    const bool m_admitted;
};

// What the services share: configuration, storage, authentication, hashing,
// throttling, the worker pool, and the plumbing that runs a handler off the
// gRPC threads.
class Runtime {
public:
    Runtime(const ServerConfig& config, Store& store);
    ~Runtime();

    const ServerConfig& config() const { return m_config; }
    const Limits& limits() const { return m_config.limits; }
    Store& store() { return m_store; }
    PasswordHasher& hasher() { return m_hasher; }
    ThreadPool& workers() { return m_workers; }
    LoginThrottle& throttle() { return m_throttle; }
    RateLimits& rates() { return m_rates; }

    // The reactor of a new unary call. When its connection has all the
    // calls open that it may, the call is refused at once (not admitted()):
    // the handler just returns the reactor.
    CountedReactor* startCall(grpc::CallbackServerContext* ctx)
    {
        auto* reactor = new CountedReactor(m_calls, ctx->peer());
        if (!reactor->admitted()) {
            reactor->Finish(resourceExhausted("connection: too many calls at once; wait for some "
                                              "to finish")
                                .status());
        }
        return reactor;
    }
    Authenticator& authenticator() { return m_authenticator; }

    // A unary RPC that needs no token: `work(finish)` runs on a worker and
    // either calls finish(status) itself (now or from a later step) or throws.
    template <typename Work>
    grpc::ServerUnaryReactor* open(grpc::CallbackServerContext* ctx, const char* method, Work work)
    {
        auto* reactor = startCall(ctx);
        if (!reactor->admitted()) {
            return reactor;
        }
        Finisher finish(reactor, method);
        if (!m_workers.tryPost([finish, work = std::move(work)]() mutable {
                finish.step([&] { work(finish); });
            })) {
            finish(busy());
        }
        return reactor;
    }

    // A unary RPC that needs a valid access token: the token is checked on a
    // worker, then `work(principal)` runs there and returns the status.
    template <typename Work>
    grpc::ServerUnaryReactor* authed(grpc::CallbackServerContext* ctx, const char* method,
                                     Work work)
    {
        return authedAsync(ctx, method,
                           [work = std::move(work)](const Principal& who, Finisher finish) mutable {
                               finish(work(who));
                           });
    }

    // As authed(), for work that finishes the call from a later step.
    template <typename Work>
    grpc::ServerUnaryReactor* authedAsync(grpc::CallbackServerContext* ctx, const char* method,
                                          Work work)
    {
        auto* reactor = startCall(ctx);
        if (!reactor->admitted()) {
            return reactor;
        }
        Finisher finish(reactor, method);
        std::optional<std::string> token = bearerToken(ctx);
        if (!token) {
            finish(unauthenticated().status());
            return reactor;
        }
        if (!m_workers.tryPost(
                [this, finish, token = std::move(*token), work = std::move(work)]() mutable {
                    finish.step([&] { work(authenticate(token), finish); });
                })) {
            finish(busy());
        }
        return reactor;
    }

    // As authedAsync(), for work that never blocks (checks, then a hand-off
    // to a queue): when the token was checked a moment ago, the work runs in
    // the reaction itself and the call is spared a hop to a worker.
    template <typename Work>
    grpc::ServerUnaryReactor* authedNonBlocking(grpc::CallbackServerContext* ctx,
                                                const char* method, Work work)
    {
        if (const auto token = bearerToken(ctx)) {
            if (const auto who = m_authenticator.remembered(*token)) {
                auto* reactor = startCall(ctx);
                if (!reactor->admitted()) {
                    return reactor;
                }
                Finisher finish(reactor, method);
                finish.step([&] { work(*who, finish); });
                return reactor;
            }
        }
        return authedAsync(ctx, method, std::move(work));
    }

    // The token of `authorization: Bearer <token>`, when well-formed.
    static std::optional<std::string> bearerToken(const grpc::CallbackServerContext* ctx);
    // The client's address without the port ("127.0.0.1", "::1"): the
    // peer's, or the `x-real-ip` a trusted proxy (--trusted-proxy) set.
    std::string clientAddress(const grpc::CallbackServerContext* ctx) const;

    // Checks an access token (blocking; workers only). Throws UNAUTHENTICATED.
    Principal authenticate(const std::string& token) { return m_authenticator.authenticate(token); }
    // Sessions were revoked: their tokens stop working and their streams end.
    void sessionsRevoked(const std::vector<std::string>& sessionIds)
    {
        m_authenticator.sessionsRevoked(sessionIds);
    }

    static ApiError busyError() { return resourceExhausted("server: too busy, try again shortly"); }
    static grpc::Status busy() { return busyError().status(); }

    void stop();

private:
    ServerConfig m_config;
    Store& m_store;
    Authenticator m_authenticator;
    PasswordHasher m_hasher;
    LoginThrottle m_throttle;
    RateLimits m_rates;
    CallCounter m_calls;
    ThreadPool m_workers;
};

} // namespace confab::backend
