#pragma once

#include "bus/Bus.h"

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace confab::backend {

// Bus messages waiting for a thread to take them, in order, bounded. Past
// the bound, room events are kept only as "the log of this room reached
// seq N" (one per room; whoever gets it reads the rest from the store, which
// is the truth), ephemeral events are dropped (worth nothing late), and
// membership changes and revocations are always kept. Not thread-safe: its
// owner locks.
class BusQueue {
public:
    explicit BusQueue(std::size_t maxQueued) : m_maxQueued(std::max<std::size_t>(maxQueued, 1)) {}

    void push(BusMessage message);
    bool empty() const { return m_queue.empty() && m_overflow.empty(); }
    std::size_t size() const { return m_queue.size(); }
    // Room events kept as notices so far.
    std::uint64_t coalesced() const { return m_coalesced; }

    // Takes everything queued, in order, the notices last.
    std::vector<BusMessage> takeAll();

private:
    std::size_t m_maxQueued;
    std::deque<BusMessage> m_queue;
    // Room events that found the queue full: room -> the highest seq.
    std::unordered_map<std::string, std::uint64_t> m_overflow;
    std::uint64_t m_coalesced = 0;
};

} // namespace confab::backend
