#include "live/Stream.h"

#include "base/ApiError.h"
#include "base/Log.h"
#include "live/Hub.h"
#include "rpc/Runtime.h"

namespace confab::backend {

namespace {

grpc::ByteBuffer syncedFrame()
{
    v1::Event event;
    event.mutable_synced();
    return frameOf(event);
}

} // namespace

grpc::ByteBuffer frameOf(const std::string& bytes)
{
    grpc::Slice slice(bytes);
    return grpc::ByteBuffer(&slice, 1);
}

grpc::ByteBuffer frameOf(const v1::Event& event)
{
    return frameOf(event.SerializeAsString());
}

Stream::Stream(Hub& hub, Reactor* reactor, Tuning tuning)
    : m_hub(hub), m_tuning(tuning), m_reactor(reactor)
{}

void Stream::setPrincipal(const Principal& who)
{
    m_userId = who.userId;
    m_sessionId = who.sessionId;
}

void Stream::initRooms(const std::vector<RoomSeq>& rooms,
                       const std::map<std::string, std::uint64_t>& cursors)
{
    std::lock_guard lock(m_mutex);
    const auto cursorOf = [&](const std::string& roomId) -> std::uint64_t {
        const auto it = cursors.find(roomId);
        return it == cursors.end() ? 0 : it->second;
    };
    // Rooms added by the bus before this point have delivered nothing yet:
    // they start at the client's cursor like the others.
    for (auto& [roomId, room] : m_rooms) {
        room.delivered = cursorOf(roomId);
    }
    for (const auto& [roomId, lastSeq] : rooms) {
        if (m_departed.contains(roomId)) {
            continue;
        }
        RoomState& room = m_rooms[roomId];
        // A cursor past the end of the log (say, a server restored from a
        // backup) is taken as the end, or the room would stay silent.
        room.delivered = std::min(cursorOf(roomId), lastSeq);
        room.heard = std::max(room.heard, lastSeq);
        m_dirty.insert(roomId);
    }
    m_departed.clear();
    m_initialized = true;
    scheduleFetchLocked();
}

void Stream::roomEvent(const std::string& roomId, std::uint64_t seq, const grpc::ByteBuffer* frame)
{
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_rooms.find(roomId);
        if (m_ending || it == m_rooms.end() || seq <= it->second.delivered) {
            return;
        }
        RoomState& room = it->second;
        room.heard = std::max(room.heard, seq);
        const bool inOrder = frame && seq == room.delivered + 1 && m_synced && !m_fetching &&
                             !m_dirty.contains(roomId);
        if (!inOrder) {
            m_dirty.insert(roomId);
            scheduleFetchLocked();
            return;
        }
        if (m_outbox.size() >= m_tuning.maxQueued) {
            endLocked(resourceExhausted("subscriber: too far behind; subscribe again from your "
                                        "cursors")
                          .status());
            return;
        }
        m_outbox.push_back(*frame);
        room.delivered = seq;
    }
    pump();
}

void Stream::ephemeral(const grpc::ByteBuffer& frame)
{
    {
        std::lock_guard lock(m_mutex);
        // Ephemeral events are worth nothing late: before the backfill is
        // done, or when the client is behind, they are dropped.
        if (m_ending || !m_synced || m_outbox.size() >= m_tuning.highWater) {
            return;
        }
        m_outbox.push_back(frame);
    }
    pump();
}

void Stream::roomAdded(const std::string& roomId)
{
    std::lock_guard lock(m_mutex);
    m_departed.erase(roomId);
    m_rooms.try_emplace(roomId);
    m_dirty.insert(roomId);
    scheduleFetchLocked();
}

void Stream::roomRemoved(const std::string& roomId)
{
    {
        std::lock_guard lock(m_mutex);
        m_rooms.erase(roomId);
        m_dirty.erase(roomId);
        if (!m_initialized) {
            m_departed.insert(roomId);
            return;
        }
        if (m_ending) {
            return;
        }
        v1::Event event;
        event.mutable_room_removed()->set_room_id(roomId);
        m_outbox.push_back(frameOf(event));
        // It may have been the last room left to read: the backfill is then
        // over, and a fetch pass sends its marker.
        if (!m_synced && m_dirty.empty()) {
            scheduleFetchLocked();
        }
    }
    pump();
}

std::vector<std::string> Stream::rooms() const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::string> ids;
    ids.reserve(m_rooms.size());
    for (const auto& [id, state] : m_rooms) {
        ids.push_back(id);
    }
    return ids;
}

bool Stream::done() const
{
    std::lock_guard lock(m_mutex);
    return m_reactor == nullptr;
}

void Stream::end(const grpc::Status& status)
{
    {
        std::lock_guard lock(m_mutex);
        endLocked(status);
    }
    pump();
}

void Stream::endLocked(const grpc::Status& status)
{
    if (m_ending) {
        return;
    }
    m_ending = status;
    // The write in flight keeps its event; nothing else is worth sending.
    if (m_writing) {
        m_outbox.erase(m_outbox.begin() + 1, m_outbox.end());
    } else {
        m_outbox.clear();
    }
}

void Stream::pump()
{
    Reactor* reactor = nullptr;
    const grpc::ByteBuffer* next = nullptr;
    std::optional<grpc::Status> finish;
    {
        std::lock_guard lock(m_mutex);
        if (!m_reactor || m_writing || m_finished) {
            return;
        }
        reactor = m_reactor;
        if (m_ending) {
            m_finished = true;
            finish = *m_ending;
        } else if (!m_outbox.empty()) {
            m_writing = true;
            next = &m_outbox.front();
        }
    }
    // Outside the lock: a reaction may run on another thread at once.
    if (next) {
        reactor->StartWrite(next);
    } else if (finish) {
        reactor->Finish(*finish);
    }
}

void Stream::onWriteDone(bool ok)
{
    {
        std::lock_guard lock(m_mutex);
        m_writing = false;
        if (!m_outbox.empty()) {
            m_outbox.pop_front();
        }
        if (!ok) {
            // The client is gone; the call still has to be finished.
            endLocked({grpc::StatusCode::CANCELLED, "stream closed"});
        } else if (!m_dirty.empty() && m_outbox.size() < m_tuning.highWater / 2) {
            scheduleFetchLocked();
        }
    }
    pump();
}

void Stream::onDone()
{
    {
        std::lock_guard lock(m_mutex);
        m_reactor = nullptr;
        m_outbox.clear();
        m_rooms.clear();
        m_dirty.clear();
    }
    m_hub.workers().post([self = shared_from_this()] { self->m_hub.detach(self); });
}

void Stream::scheduleFetchLocked()
{
    if (m_fetching || m_ending || !m_reactor || !m_initialized) {
        return;
    }
    m_fetching = true;
    m_hub.workers().post([self = shared_from_this()] { self->fetch(); });
}

void Stream::fetch()
{
    for (;;) {
        std::string roomId;
        std::uint64_t from = 0;
        {
            std::unique_lock lock(m_mutex);
            if (m_ending || !m_reactor) {
                m_fetching = false;
                return;
            }
            // Caught up: the backfill ends with its marker, however full
            // the outbox (nothing would come back here to send it later).
            if (m_dirty.empty()) {
                m_fetching = false;
                if (!m_synced) {
                    m_synced = true;
                    static const grpc::ByteBuffer synced = syncedFrame();
                    m_outbox.push_back(synced);
                    lock.unlock();
                    pump();
                }
                return;
            }
            // Full: onWriteDone() comes back once the client has read some.
            if (m_outbox.size() >= m_tuning.highWater) {
                m_fetching = false;
                return;
            }
            roomId = *m_dirty.begin();
            from = m_rooms[roomId].delivered;
        }

        std::vector<v1::RoomEvent> events;
        const grpc::Status status = guarded("Subscribe", [&] {
            events = m_hub.store().messages().events(roomId, from, 0, m_tuning.page, false);
            return grpc::Status::OK;
        });
        if (!status.ok()) {
            {
                std::lock_guard lock(m_mutex);
                m_fetching = false;
                endLocked({grpc::StatusCode::UNAVAILABLE, "server: try again shortly"});
            }
            pump();
            return;
        }

        {
            std::lock_guard lock(m_mutex);
            const auto it = m_rooms.find(roomId);
            if (it == m_rooms.end() || it->second.delivered != from) {
                continue; // the room changed meanwhile: look again
            }
            RoomState& room = it->second;
            for (auto& roomEvent : events) {
                // A hole can only come from damage outside the server (the
                // log is written gap-free): it is skipped, once, and said.
                if (roomEvent.seq() != room.delivered + 1) {
                    log::live().error("room {}: seqs {} to {} are missing from the log; skipped",
                                      roomId, room.delivered + 1, roomEvent.seq() - 1);
                }
                room.delivered = roomEvent.seq();
                v1::Event event;
                *event.mutable_room_event() = std::move(roomEvent);
                m_outbox.push_back(frameOf(event));
            }
            room.heard = std::max(room.heard, room.delivered);
            if (events.size() < m_tuning.page && room.delivered >= room.heard) {
                m_dirty.erase(roomId);
            }
        }
        pump();
    }
}

} // namespace confab::backend
