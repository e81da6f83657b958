#include "live/Hub.h"

#include "base/ApiError.h"
#include "rpc/Runtime.h"

#include <spdlog/spdlog.h>

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

void Stream::initRooms(const std::vector<std::pair<std::string, std::uint64_t>>& rooms,
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

void Stream::roomEvent(const std::string& roomId, std::uint64_t seq, const grpc::ByteBuffer& frame)
{
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_rooms.find(roomId);
        if (m_ending || it == m_rooms.end() || seq <= it->second.delivered) {
            return;
        }
        RoomState& room = it->second;
        room.heard = std::max(room.heard, seq);
        const bool inOrder =
            seq == room.delivered + 1 && m_synced && !m_fetching && !m_dirty.contains(roomId);
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
        m_outbox.push_back(frame);
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
            if (m_ending || !m_reactor || m_outbox.size() >= m_tuning.highWater) {
                m_fetching = false;
                return;
            }
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
            roomId = *m_dirty.begin();
            from = m_rooms[roomId].delivered;
        }

        std::vector<v1::RoomEvent> events;
        const grpc::Status status = guarded("Subscribe", [&] {
            events = m_hub.store().events(roomId, from, 0, m_tuning.page, false);
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
                if (roomEvent.seq() != room.delivered + 1) {
                    spdlog::error("room {}: log has a gap after seq {}", roomId, room.delivered);
                    break;
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

Hub::Hub(Store& store, ThreadPool& workers, Bus& bus, PresenceRegistry& presence)
    : m_store(store), m_workers(workers), m_bus(bus), m_presence(presence)
{}

void Hub::add(List& list, const std::shared_ptr<Stream>& stream)
{
    if (std::find(list.begin(), list.end(), stream) == list.end()) {
        list.push_back(stream);
    }
}

void Hub::remove(std::unordered_map<std::string, List>& index, const std::string& key,
                 const Stream* stream)
{
    const auto it = index.find(key);
    if (it == index.end()) {
        return;
    }
    std::erase_if(it->second, [stream](const auto& s) { return s.get() == stream; });
    if (it->second.empty()) {
        index.erase(it);
    }
}

void Hub::attach(const std::shared_ptr<Stream>& stream,
                 const std::map<std::string, std::uint64_t>& cursors)
{
    stream->attached = true;
    {
        std::unique_lock lock(m_mutex);
        add(m_byUser[stream->userId()], stream);
        add(m_bySession[stream->sessionId()], stream);
        ++m_count;
    }
    // Read after registering: a room joined from now on reaches the stream
    // through the bus, one joined before is in this list.
    const auto rooms = m_store.roomSeqsOf(stream->userId());
    {
        std::unique_lock lock(m_mutex);
        for (const auto& [roomId, lastSeq] : rooms) {
            add(m_byRoom[roomId], stream);
        }
        stream->initRooms(rooms, cursors);
    }
    stream->counted = true;
    if (m_presence.streamOpened(stream->userId())) {
        publishPresence(stream, true);
    }
    if (stream->done()) {
        detach(stream);
    }
}

void Hub::detach(const std::shared_ptr<Stream>& stream)
{
    if (!stream->attached) {
        return; // never authenticated: never registered
    }
    std::vector<std::string> rooms;
    {
        std::unique_lock lock(m_mutex);
        const auto user = m_byUser.find(stream->userId());
        if (user != m_byUser.end() &&
            std::find(user->second.begin(), user->second.end(), stream) != user->second.end()) {
            --m_count;
        }
        remove(m_byUser, stream->userId(), stream.get());
        remove(m_bySession, stream->sessionId(), stream.get());
        for (auto it = m_byRoom.begin(); it != m_byRoom.end();) {
            auto& list = it->second;
            if (const auto found = std::find(list.begin(), list.end(), stream);
                found != list.end()) {
                rooms.push_back(it->first);
                list.erase(found);
            }
            it = list.empty() ? m_byRoom.erase(it) : std::next(it);
        }
    }
    if (stream->counted.exchange(false) && m_presence.streamClosed(stream->userId())) {
        v1::Event event;
        event.mutable_presence()->set_user_id(stream->userId());
        event.mutable_presence()->set_presence(v1::PRESENCE_OFFLINE);
        publishEphemeral(std::move(rooms), {stream->userId()}, event);
    }
}

void Hub::publishPresence(const std::shared_ptr<Stream>& stream, bool online)
{
    v1::Event event;
    event.mutable_presence()->set_user_id(stream->userId());
    event.mutable_presence()->set_presence(online ? v1::PRESENCE_ONLINE : v1::PRESENCE_OFFLINE);
    publishEphemeral(stream->rooms(), {stream->userId()}, event);
}

void Hub::publishEphemeral(std::vector<std::string> rooms, std::vector<std::string> users,
                           const v1::Event& event)
{
    BusMessage message;
    message.kind = BusMessage::Kind::Ephemeral;
    message.rooms = std::move(rooms);
    message.users = std::move(users);
    message.payload = BusMessage::encode(event);
    m_bus.publish(message);
}

std::size_t Hub::streamCount() const
{
    std::shared_lock lock(m_mutex);
    return m_count;
}

void Hub::deliver(const BusMessage& message)
{
    switch (message.kind) {
    case BusMessage::Kind::RoomEvent: {
        const grpc::ByteBuffer frame = frameOf(*message.payload);
        std::shared_lock lock(m_mutex);
        if (const auto it = m_byRoom.find(message.roomId); it != m_byRoom.end()) {
            for (const auto& stream : it->second) {
                stream->roomEvent(message.roomId, message.seq, frame);
            }
        }
        break;
    }
    case BusMessage::Kind::Ephemeral: {
        const grpc::ByteBuffer frame = frameOf(*message.payload);
        std::shared_lock lock(m_mutex);
        std::unordered_set<Stream*> seen;
        const auto send = [&](const List& list) {
            for (const auto& stream : list) {
                if (seen.insert(stream.get()).second) {
                    stream->ephemeral(frame);
                }
            }
        };
        for (const auto& roomId : message.rooms) {
            if (const auto it = m_byRoom.find(roomId); it != m_byRoom.end()) {
                send(it->second);
            }
        }
        for (const auto& userId : message.users) {
            if (const auto it = m_byUser.find(userId); it != m_byUser.end()) {
                send(it->second);
            }
        }
        break;
    }
    case BusMessage::Kind::MembershipAdded: {
        std::unique_lock lock(m_mutex);
        if (const auto it = m_byUser.find(message.userId); it != m_byUser.end()) {
            for (const auto& stream : it->second) {
                add(m_byRoom[message.roomId], stream);
                stream->roomAdded(message.roomId);
            }
        }
        break;
    }
    case BusMessage::Kind::MembershipRemoved: {
        std::unique_lock lock(m_mutex);
        if (const auto it = m_byUser.find(message.userId); it != m_byUser.end()) {
            for (const auto& stream : it->second) {
                remove(m_byRoom, message.roomId, stream.get());
                stream->roomRemoved(message.roomId);
            }
        }
        break;
    }
    case BusMessage::Kind::SessionsRevoked: {
        std::shared_lock lock(m_mutex);
        for (const auto& sessionId : message.sessionIds) {
            if (const auto it = m_bySession.find(sessionId); it != m_bySession.end()) {
                for (const auto& stream : it->second) {
                    stream->end(unauthenticated("session revoked").status());
                }
            }
        }
        break;
    }
    }
}

} // namespace confab::backend
