#pragma once

#include "bus/Bus.h"
#include "bus/BusQueue.h"
#include "store/Records.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace confab::backend {

// What the server has to tell every instance, handed to the bus from one
// thread of its own, in the order it was given. Callers never wait: not the
// database's writer thread that has just committed, not a gRPC reaction, not
// a worker. Bus::publish may therefore block on the network without holding
// up a commit.
//
// The queue is bounded (see BusQueue: past the bound, a room's events are
// kept as one notice that subscribers complete from the store).
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

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    BusQueue m_queue;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace confab::backend
