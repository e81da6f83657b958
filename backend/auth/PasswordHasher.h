#pragma once

#include "base/ThreadPool.h"

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>

namespace confab::backend {

struct PasswordHashParams {
    unsigned long long opsLimit;
    std::size_t memLimit;
};

// argon2id password hashing on a small pool of its own, so that no gRPC
// reaction and no storage worker ever waits for a hash. At most `threads`
// hashes run at once; past `maxQueued` waiting hashes new work is refused.
// New hashes (accounts being made, passwords changed) get a share of it
// only: at most threads - 1 of them run at once (one when there is one
// thread), and at most half the queue waits for them, so the checks of
// existing accounts' logins always find a thread and room in the queue.
class PasswordHasher {
public:
    PasswordHasher(PasswordHashParams params, std::size_t threads, std::size_t maxQueued);

    struct Verdict {
        bool ok = false;
        // Set when the password matched and the stored hash is weaker than
        // the current parameters: the new hash to store.
        std::string rehashed;
        // The check itself could not run (out of memory).
        bool failed = false;
    };

    // Each returns false (and never calls `done`) when the queue is full.
    // `done` runs on a hashing thread; hash() passes it an empty string when
    // the hash could not be made.
    [[nodiscard]] bool hash(std::string password, std::function<void(std::string)> done);
    // Verifies against `storedHash`; an empty storedHash (unknown user) costs
    // the same as a real one and never matches.
    [[nodiscard]] bool verify(std::string storedHash, std::string password,
                              std::function<void(Verdict)> done);

    // Synchronous forms, for the pool's own tasks and for tests.
    std::string hashNow(const std::string& password) const;
    Verdict verifyNow(const std::string& storedHash, const std::string& password) const;

    // True when the queue is full and new work would be refused.
    bool saturated() const { return m_pool.queued() >= m_maxQueued; }

    const PasswordHashParams& params() const { return m_params; }
    // What an unknown user's password is checked against.
    const std::string& decoyHash() const { return m_decoyHash; }
    void stop() { m_pool.stop(); }

private:
    static std::string makeDecoy(const PasswordHashParams& params);
    void startNewHashesLocked();

    struct NewHash {
        std::string password;
        std::function<void(std::string)> done;
    };

    PasswordHashParams m_params;
    std::string m_decoyHash;
    std::size_t m_maxQueued;
    std::size_t m_newHashThreads;
    std::size_t m_newHashQueue;
    std::mutex m_newHashMutex;
    std::deque<NewHash> m_newHashes; // waiting for their share of the pool
    std::size_t m_newHashesRunning = 0;
    ThreadPool m_pool;
};

} // namespace confab::backend
