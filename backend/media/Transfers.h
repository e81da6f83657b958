#pragma once

#include "base/Config.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace confab::backend {

// The uploads and downloads open at once: a few per user and a bound for
// the server, each with the time it last moved bytes. One that stalls (a
// client that stops sending, or stops reading) is cancelled by
// cancelIdle(), so what a transfer holds is never held for long.
class Transfers {
public:
    using Clock = std::chrono::steady_clock;
    using Id = std::uint64_t;

    explicit Transfers(const MediaConfig& config) : m_config(config) {}

    // Admits a transfer of `userId` on the call `ctx`; empty when the user
    // or the server has as many open as they may.
    std::optional<Id> enter(const std::string& userId, grpc::CallbackServerContext* ctx);
    // The transfer moved bytes.
    void touch(Id id);
    // The transfer is over; its call must not be cancelled from here on.
    void leave(Id id);
    // Cancels the transfers that moved nothing for the idle timeout, giving
    // their places back at once; returns how many.
    std::size_t cancelIdle(Clock::time_point now = Clock::now());

    std::size_t open() const;

private:
    struct Entry {
        std::string userId;
        grpc::CallbackServerContext* ctx;
        Clock::time_point lastActive;
    };

    // Gives the entry's place back; the lock is held.
    void release(std::unordered_map<Id, Entry>::iterator it);

    const MediaConfig m_config;
    // Recursive: cancelling a call may run its reactor's end, which leaves,
    // on this same thread.
    mutable std::recursive_mutex m_mutex;
    Id m_next = 1;
    std::unordered_map<Id, Entry> m_entries;
    std::unordered_map<std::string, std::size_t> m_perUser;
};

} // namespace confab::backend
