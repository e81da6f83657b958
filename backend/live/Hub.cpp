#include "live/Hub.h"

#include "base/ApiError.h"
#include "base/Log.h"

#include <grpcpp/alarm.h>

#include <algorithm>
#include <optional>
#include <unordered_set>

namespace confab::backend {

Hub::Hub(Store& store, ThreadPool& workers, Bus& bus, Publisher& publisher,
         RevocationListener onRevoked, StreamLimits limits, std::size_t maxQueued)
    : m_store(store),
      m_workers(workers),
      m_publisher(publisher),
      m_onRevoked(std::move(onRevoked)),
      m_limits(limits),
      m_presence([&bus](const std::string& userId) { return bus.onlineElsewhere(userId); }),
      m_fanOutQueue(maxQueued)
{
    bus.setHandler([this](const BusMessage& message) { deliver(message); });
}

Hub::~Hub()
{
    // The bus is quiet by now; what it delivered last may still be on its way
    // to the streams.
    {
        std::unique_lock lock(m_recheckMutex);
        m_recheckIdle.wait(lock, [this] { return m_rechecks == 0; });
    }
    std::unique_lock lock(m_fanOutMutex);
    m_fanOutIdle.wait(lock, [this] { return !m_fanOutScheduled; });
}

void Hub::recheck()
{
    std::vector<std::string> rooms;
    std::unordered_map<std::string, std::vector<std::vector<std::string>>> streamRooms;
    std::unordered_map<std::string, std::vector<std::string>> sessionsOf;
    {
        std::shared_lock lock(m_mutex);
        for (const auto& [roomId, list] : m_byRoom) {
            rooms.push_back(roomId);
        }
        for (const auto& [userId, list] : m_byUser) {
            for (const auto& stream : list) {
                streamRooms[userId].push_back(stream->rooms());
            }
        }
        for (const auto& [sessionId, list] : m_bySession) {
            if (!list.empty()) {
                sessionsOf[list.front()->userId()].push_back(sessionId);
            }
        }
    }
    try {
        for (const auto& roomId : rooms) {
            if (const auto room = m_store.rooms().byId(roomId)) {
                BusMessage notice;
                notice.kind = BusMessage::Kind::RoomEvent;
                notice.roomId = roomId;
                notice.seq = room->lastSeq;
                deliver(notice);
            }
        }
        for (const auto& [userId, perStream] : streamRooms) {
            std::unordered_set<std::string> member;
            for (const auto& [roomId, lastSeq] : m_store.rooms().seqsOf(userId)) {
                member.insert(roomId);
            }
            std::unordered_set<std::string> known;
            for (const auto& list : perStream) {
                known.insert(list.begin(), list.end());
            }
            for (const auto& roomId : member) {
                if (!known.contains(roomId)) {
                    BusMessage added;
                    added.kind = BusMessage::Kind::MembershipAdded;
                    added.roomId = roomId;
                    added.userId = userId;
                    deliver(added);
                }
            }
            for (const auto& roomId : known) {
                if (!member.contains(roomId)) {
                    BusMessage removed;
                    removed.kind = BusMessage::Kind::MembershipRemoved;
                    removed.roomId = roomId;
                    removed.userId = userId;
                    deliver(removed);
                }
            }
        }
        for (const auto& [userId, sessionIds] : sessionsOf) {
            std::unordered_set<std::string> live;
            for (const auto& session : m_store.sessions().list(userId)) {
                live.insert(session.id);
            }
            BusMessage revoked;
            revoked.kind = BusMessage::Kind::SessionsRevoked;
            for (const auto& sessionId : sessionIds) {
                if (!live.contains(sessionId)) {
                    revoked.sessionIds.push_back(sessionId);
                }
            }
            if (!revoked.sessionIds.empty()) {
                deliver(revoked);
            }
        }
    } catch (const std::exception& e) {
        log::server().warn("recheck of the streams against the store: {}", e.what());
    }
}

void Hub::deliver(const BusMessage& message)
{
    {
        std::lock_guard lock(m_fanOutMutex);
        m_fanOutQueue.push(message);
        if (m_fanOutScheduled) {
            return;
        }
        m_fanOutScheduled = true;
    }
    scheduleFanOut();
}

void Hub::scheduleFanOut()
{
    // The alarm's callback runs on one of gRPC's threads, within the context
    // that batches the transport's writes. A deadline in the past fires at
    // once (gRPC rounds deadlines up to the next millisecond: "now" would
    // wait for its timer thread). An alarm is one-shot; deleting it in its
    // own callback is safe (gRPC holds it until the callback returns).
    auto* alarm = new grpc::Alarm;
    alarm->Set(gpr_inf_past(GPR_CLOCK_MONOTONIC), [this, alarm](bool) {
        fanOut();
        delete alarm;
    });
}

void Hub::fanOut()
{
    std::vector<BusMessage> batch;
    {
        std::lock_guard lock(m_fanOutMutex);
        batch = m_fanOutQueue.takeAll();
    }
    for (const auto& message : batch) {
        deliverNow(message);
    }
    {
        std::lock_guard lock(m_fanOutMutex);
        if (m_fanOutQueue.empty()) {
            m_fanOutScheduled = false;
            m_fanOutIdle.notify_all();
            return;
        }
    }
    // More came meanwhile: in a callback of its own, so that what was
    // written so far leaves now.
    scheduleFanOut();
}

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
    {
        std::unique_lock lock(m_mutex);
        // Past endAll(), no stream joins: it would hold the stop up.
        if (m_closing) {
            throw ApiError(grpc::StatusCode::UNAVAILABLE, "server: shutting down; subscribe again");
        }
        const auto openFor = [](const auto& index, const std::string& key) {
            const auto it = index.find(key);
            return it == index.end() ? std::size_t{0} : it->second.size();
        };
        if (openFor(m_bySession, stream->sessionId()) >= m_limits.perSession) {
            throw resourceExhausted("subscribe: this session has " +
                                    std::to_string(m_limits.perSession) +
                                    " streams open, the most it may; close one first");
        }
        if (openFor(m_byUser, stream->userId()) >= m_limits.perUser) {
            throw resourceExhausted("subscribe: this account has " +
                                    std::to_string(m_limits.perUser) +
                                    " streams open, the most it may; close one first");
        }
        stream->attached = true;
        add(m_byUser[stream->userId()], stream);
        add(m_bySession[stream->sessionId()], stream);
        ++m_count;
    }
    // Read after registering: a room joined from now on reaches the stream
    // through the bus, one joined before is in this list.
    const auto rooms = m_store.rooms().seqsOf(stream->userId());
    {
        std::unique_lock lock(m_mutex);
        for (const auto& [roomId, lastSeq] : rooms) {
            add(m_byRoom[roomId], stream);
        }
        stream->initRooms(rooms, cursors);
    }
    stream->counted = true;
    if (m_presence.streamOpened(stream->userId())) {
        publishPresence(stream->rooms(), stream->userId(), true);
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
        publishPresence(std::move(rooms), stream->userId(), false);
    }
}

void Hub::publishPresence(std::vector<std::string> rooms, const std::string& userId, bool online)
{
    v1::Event event;
    event.mutable_presence()->set_user_id(userId);
    event.mutable_presence()->set_presence(online ? v1::PRESENCE_ONLINE : v1::PRESENCE_OFFLINE);
    m_publisher.ephemeral(std::move(rooms), {userId}, event);
}

void Hub::endAll(const grpc::Status& status)
{
    std::vector<std::shared_ptr<Stream>> streams;
    {
        std::unique_lock lock(m_mutex);
        m_closing = true;
        for (const auto& [userId, list] : m_byUser) {
            streams.insert(streams.end(), list.begin(), list.end());
        }
    }
    for (const auto& stream : streams) {
        stream->end(status);
    }
}

std::size_t Hub::streamCount() const
{
    std::shared_lock lock(m_mutex);
    return m_count;
}

void Hub::deliverNow(const BusMessage& message)
{
    switch (message.kind) {
    case BusMessage::Kind::RoomEvent: {
        const std::optional<grpc::ByteBuffer> frame =
            message.payload ? std::optional(frameOf(*message.payload)) : std::nullopt;
        std::shared_lock lock(m_mutex);
        if (const auto it = m_byRoom.find(message.roomId); it != m_byRoom.end()) {
            for (const auto& stream : it->second) {
                stream->roomEvent(message.roomId, message.seq, frame ? &*frame : nullptr);
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
    case BusMessage::Kind::Recheck: {
        {
            std::lock_guard lock(m_recheckMutex);
            ++m_rechecks;
        }
        const auto done = [this] {
            std::lock_guard lock(m_recheckMutex);
            --m_rechecks;
            m_recheckIdle.notify_all();
        };
        if (!m_workers.tryPost([this, done] {
                recheck();
                done();
            })) {
            done();
        }
        break;
    }
    case BusMessage::Kind::SessionsRevoked: {
        if (m_onRevoked) {
            m_onRevoked(message.sessionIds);
        }
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
