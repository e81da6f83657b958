#pragma once

#include "bus/Bus.h"
#include "store/Records.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace confab::backend {

// What the server has to tell every instance, handed to the bus from one
// thread of its own, in the order it was given. Callers never wait: not the
// database's writer thread that has just committed, not a gRPC reaction, not
// a worker. Bus::publish may therefore block on the network without holding
// up a commit.
//
// The queue is bounded. Past the bound, room events are kept only as "the
// log of this room reached seq N" (one per room): subscribers read what they
// missed from the store, which is the truth. Ephemeral events are dropped
// (worth nothing late); membership changes and revocations are always kept.
class Publisher {
public:
    explicit Publisher(Bus& bus, std::size_t maxQueued = 65536);
    ~Publisher();
    Publisher(const Publisher&) = delete;
    Publisher& operator=(const Publisher&) = delete;

    // Events just committed to room logs, in seq order.
    void roomEvents(const Appended& appended);
    void membershipChanged(const std::string& roomId, const std::string& userId, bool added);
    // To the members of `rooms` and to `users` (typing, presence, read
    // markers, profiles).
    void ephemeral(std::vector<std::string> rooms, std::vector<std::string> users,
                   const v1::Event& event);
    void sessionsRevoked(const std::vector<std::string>& sessionIds);

    // Messages waiting, and room events kept as notices so far.
    std::size_t queued() const;
    std::uint64_t coalesced() const;

    // Publishes what is queued, then stops the thread. Idempotent.
    void stop();

private:
    void push(BusMessage message);
    void run();

    Bus& m_bus;
    const std::size_t m_maxQueued;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<BusMessage> m_queue;
    // Room events that found the queue full: room -> the highest seq.
    std::unordered_map<std::string, std::uint64_t> m_overflow;
    std::uint64_t m_coalesced = 0;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace confab::backend
