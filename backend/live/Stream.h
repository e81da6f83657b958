#pragma once

#include "base/ThreadPool.h"
#include "bus/Bus.h"
#include "live/Presence.h"
#include "store/Records.h"

#include "store/Records.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace confab::backend {

class Hub;

// A serialized message as gRPC sends it.
grpc::ByteBuffer frameOf(const std::string& bytes);
grpc::ByteBuffer frameOf(const v1::Event& event);

// The server side of one Subscribe stream.
//
// Room events reach it live from the bus and are queued when they are the
// next of their room; anything else (the backfill after the client's cursors,
// a room the user was just added to, a gap in what the bus delivered) is read
// from the store, a page at a time, while the outbox has room. Per room the
// client therefore sees every event once, in seq order, with no gaps. One
// write is in flight at a time; a stream whose outbox overflows with live
// events is ended with RESOURCE_EXHAUSTED and resumes from its cursors.
class Stream : public std::enable_shared_from_this<Stream> {
public:
    struct Tuning {
        std::size_t maxQueued = 1024; // live events beyond this end the stream
        std::size_t page = 256;       // events per store read
        std::size_t highWater = 512;  // store reads pause at this many queued
    };

    using Reactor = grpc::ServerWriteReactor<grpc::ByteBuffer>;

    Stream(Hub& hub, Reactor* reactor, Tuning tuning);

    const std::string& userId() const { return m_userId; }
    const std::string& sessionId() const { return m_sessionId; }
    void setPrincipal(const Principal& who);

    // From the hub, on any thread.
    void initRooms(const std::vector<RoomSeq>& rooms,
                   const std::map<std::string, std::uint64_t>& cursors);
    // A live event of a room's log; without `frame`, only the news that the
    // log reached `seq` (the events are read from the store).
    void roomEvent(const std::string& roomId, std::uint64_t seq, const grpc::ByteBuffer* frame);
    void ephemeral(const grpc::ByteBuffer& frame);
    void roomAdded(const std::string& roomId);
    void roomRemoved(const std::string& roomId);
    // Ends the stream with `status` once the write in flight is done.
    void end(const grpc::Status& status);
    std::vector<std::string> rooms() const;
    bool done() const;
    // Set by the hub: attach has begun (the principal is set), and the
    // stream is counted in presence.
    std::atomic<bool> attached{false};
    std::atomic<bool> counted{false};

    // From the reactor.
    void onWriteDone(bool ok);
    void onDone();

private:
    struct RoomState {
        std::uint64_t delivered = 0; // the last seq queued for the client
        std::uint64_t heard = 0;     // the highest seq heard of live
    };

    void pump();
    void scheduleFetchLocked();
    void fetch();
    void endLocked(const grpc::Status& status);

    Hub& m_hub;
    Tuning m_tuning;
    std::string m_userId;
    std::string m_sessionId;

    mutable std::mutex m_mutex;
    Reactor* m_reactor; // null once the call is done
    std::unordered_map<std::string, RoomState> m_rooms;
    std::unordered_set<std::string> m_dirty;    // rooms to read from the store
    std::unordered_set<std::string> m_departed; // removed before initRooms
    // Serialized confab.v1.Event messages; the front one is being written.
    std::deque<grpc::ByteBuffer> m_outbox;
    bool m_initialized = false;
    bool m_synced = false;
    bool m_writing = false;
    bool m_fetching = false;
    std::optional<grpc::Status> m_ending;
    bool m_finished = false;
};

} // namespace confab::backend
