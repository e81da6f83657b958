#include "bus/BusQueue.h"

#include <algorithm>

namespace confab::backend {

void BusQueue::push(BusMessage message)
{
    if (m_queue.size() < m_maxQueued) {
        m_queue.push_back(std::move(message));
        return;
    }
    switch (message.kind) {
    case BusMessage::Kind::RoomEvent: {
        auto& seq = m_overflow[message.roomId];
        seq = std::max(seq, message.seq);
        ++m_coalesced;
        break;
    }
    case BusMessage::Kind::Ephemeral:
        break;
    default:
        m_queue.push_back(std::move(message));
        break;
    }
}

std::vector<BusMessage> BusQueue::takeAll()
{
    std::vector<BusMessage> out;
    out.reserve(m_queue.size() + m_overflow.size());
    std::move(m_queue.begin(), m_queue.end(), std::back_inserter(out));
    m_queue.clear();
    for (const auto& [roomId, seq] : m_overflow) {
        BusMessage notice;
        notice.kind = BusMessage::Kind::RoomEvent;
        notice.roomId = roomId;
        notice.seq = seq;
        out.push_back(std::move(notice));
    }
    m_overflow.clear();
    return out;
}

} // namespace confab::backend
