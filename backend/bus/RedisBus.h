#pragma once

#include "bus/Bus.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct redisContext;

namespace confab::backend {

// The bus between the instances of a deployment, on Redis.
//
// What must not be lost (room events, membership, revocations, read
// markers, profiles) goes on a Redis stream: XADD after the commit, and one
// reader per instance (XREAD BLOCK) that resumes from the last id it read
// after a reconnect, so a short disconnect loses nothing. Typing and
// presence go by pub/sub. An instance delivers what it publishes to itself
// at once, without Redis, and skips it when it comes back.
//
// Losses are found and repaired from the store, which is the truth: a
// reader that finds the stream trimmed past its last id, or Redis restarted
// empty (the epoch key changed), and a publisher that could not publish,
// make every instance recheck its streams against the store (a Recheck
// message); the hub also rechecks every so often for what no one noticed.
class RedisBus final : public Bus {
public:
    struct Options {
        // redis://[:password@]host[:port] or unix:///path/to/redis.sock
        std::string url;
        // Names this instance on the bus; unique per process.
        std::string instanceId;
        // The stream keeps about this many entries (XADD MAXLEN ~).
        std::size_t streamMaxLength = 100000;
        std::string prefix = "confab:";
    };

    explicit RedisBus(Options options);
    ~RedisBus() override;
    RedisBus(const RedisBus&) = delete;
    RedisBus& operator=(const RedisBus&) = delete;

    void publish(const BusMessage& message) override;
    // Starts the readers.
    void setHandler(Handler handler) override;

    // Whether the publishing connection is up (for health and tests).
    bool connected() const { return m_connected.load(); }

private:
    struct Context;
    using ContextPtr = std::unique_ptr<redisContext, void (*)(redisContext*)>;

    ContextPtr connect(std::chrono::milliseconds timeout) const;
    // Reads the epoch (set when absent); empty when Redis cannot be asked.
    std::string epoch(redisContext* context) const;
    void streamLoop();
    void pubsubLoop();
    void deliver(const std::string& bytes);
    void recheckHere();
    bool waitOrStop(std::chrono::milliseconds delay);

    Options m_options;
    std::string m_streamKey;
    std::string m_channel;
    std::string m_epochKey;

    Handler m_handler;
    ContextPtr m_writer;
    std::chrono::steady_clock::time_point m_nextConnect{};
    bool m_lostPublishes = false; // publishes failed: the others must recheck
    std::atomic<bool> m_connected{false};

    std::mutex m_stopMutex;
    std::condition_variable m_stopWake;
    bool m_stopping = false;
    int m_pubsubFd = -1; // the subscribed connection's socket, while it waits
    std::thread m_streamReader;
    std::thread m_pubsubReader;
};

} // namespace confab::backend
