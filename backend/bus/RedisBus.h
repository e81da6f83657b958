#pragma once

#include "bus/Bus.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

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
//
// Presence spans the instances: each keeps the users it has streams for in
// a hash of its own and beats in a sorted set of live instances. A user
// whose last stream here closes goes offline only when no live instance
// has them; the users of an instance that stopped beating are taken
// offline by whichever instance notices first.
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
        // An instance that has not beaten (every quarter of this) for this
        // long is dead: its users go offline.
        std::chrono::milliseconds instanceTimeout{20000};
    };

    explicit RedisBus(Options options);
    ~RedisBus() override;
    RedisBus(const RedisBus&) = delete;
    RedisBus& operator=(const RedisBus&) = delete;

    void publish(const BusMessage& message) override;
    // Starts the readers.
    void setHandler(Handler handler) override;
    bool onlineElsewhere(const std::string& userId) const override;

    // Whether the publishing connection is up (for health and tests).
    bool connected() const { return m_connected.load(); }

private:
    struct Context;
    using ContextPtr = std::unique_ptr<redisContext, void (*)(redisContext*)>;

    ContextPtr connect(std::chrono::milliseconds timeout) const;
    // The publishing connection (the Publisher's thread), opened when
    // needed at most once a second; null while Redis does not answer.
    redisContext* writer();
    // Reads the epoch (set when absent); empty when Redis cannot be asked.
    std::string epoch(redisContext* context) const;
    void streamLoop();
    void pubsubLoop();
    void deliver(const std::string& bytes);
    // Sends on `context` (XADD, or PUBLISH when lossy); false when it failed.
    bool send(redisContext* context, const BusMessage& message);
    // A presence change of this instance's (the Publisher's thread): true
    // when it is to be told, here and to the others.
    bool presenceChanged(const BusMessage& message);
    bool onlineOnOthers(redisContext* context, const std::string& userId) const;
    // Beats, takes offline the users of instances that stopped beating, and
    // (after a reconnect) writes this instance's users again and reads the
    // others'. On the stream reader's connection.
    void beat(redisContext* context, bool reconnected);
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

    // Presence: this instance's users (with the rooms they were announced
    // to), and those other instances have.
    mutable std::mutex m_presenceMutex;
    std::unordered_map<std::string, std::vector<std::string>> m_mine;
    std::unordered_set<std::string> m_elsewhere;
    std::string m_onlineKey;
    std::string m_instancesKey;

    std::mutex m_stopMutex;
    std::condition_variable m_stopWake;
    bool m_stopping = false;
    int m_pubsubFd = -1; // the subscribed connection's socket, while it waits
    std::thread m_streamReader;
    std::thread m_pubsubReader;
};

} // namespace confab::backend
