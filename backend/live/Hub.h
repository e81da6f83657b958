#pragma once

#include "base/ThreadPool.h"
#include "bus/Bus.h"
#include "bus/BusQueue.h"
#include "bus/Publisher.h"
#include "live/Presence.h"
#include "live/Stream.h"
#include "store/Store.h"

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace confab::backend {

// Subscribe streams a Hub lets one account and one session hold open at once.
struct StreamLimits {
    std::size_t perUser = 32;
    std::size_t perSession = 4;
};

// This instance's open streams, indexed by room, user and session, fed by
// the bus: the hub is the bus's handler on this instance. Also keeps
// presence: a user's first stream brings them online and their last one
// takes them offline.
class Hub {
public:
    // Called for every revocation heard on the bus, from any instance,
    // before the revoked sessions' streams end.
    using RevocationListener = std::function<void(const std::vector<std::string>& sessionIds)>;

    Hub(Store& store, ThreadPool& workers, Bus& bus, Publisher& publisher,
        RevocationListener onRevoked, StreamLimits limits = StreamLimits(),
        std::size_t maxQueued = 65536);
    ~Hub();
    Hub(const Hub&) = delete;
    Hub& operator=(const Hub&) = delete;

    Store& store() { return m_store; }
    ThreadPool& workers() { return m_workers; }
    const PresenceRegistry& presence() const { return m_presence; }

    // Registers an authenticated stream, then gives it its rooms; throws
    // RESOURCE_EXHAUSTED when its user or session has all it may open.
    void attach(const std::shared_ptr<Stream>& stream,
                const std::map<std::string, std::uint64_t>& cursors);
    void detach(const std::shared_ptr<Stream>& stream);

    std::size_t streamCount() const;

    // Compares what this instance's streams know with the store, for what
    // the bus may have lost on the way between instances: a room whose log
    // moved on is read from the store, a room the user joined or left
    // elsewhere is added or removed, a stream of a session no longer live
    // ends UNAUTHENTICATED. Blocking (store reads): a worker's job. Runs
    // when the bus asks (Recheck) and every so often.
    void recheck();
    // Ends every stream with `status` (the server is going away: clients
    // subscribe again, here or at another instance, from their cursors).
    void endAll(const grpc::Status& status);

private:
    using List = std::vector<std::shared_ptr<Stream>>;

    // What the bus delivers, on the bus's thread: queued for fanOut().
    void deliver(const BusMessage& message);
    // Hands what is queued to the streams. Runs on a gRPC thread (from an
    // alarm) so that the writes started for one event on the many streams of
    // one connection leave in one flush, not in a system call each.
    void fanOut();
    void scheduleFanOut();
    void deliverNow(const BusMessage& message);
    static void add(List& list, const std::shared_ptr<Stream>& stream);
    static void remove(std::unordered_map<std::string, List>& index, const std::string& key,
                       const Stream* stream);
    void publishPresence(std::vector<std::string> rooms, const std::string& userId, bool online);

    Store& m_store;
    ThreadPool& m_workers;
    Publisher& m_publisher;
    RevocationListener m_onRevoked;
    const StreamLimits m_limits;
    bool m_closing = false; // endAll() was called (under m_mutex)
    PresenceRegistry m_presence;

    std::mutex m_fanOutMutex;
    std::condition_variable m_fanOutIdle;
    BusQueue m_fanOutQueue;
    bool m_fanOutScheduled = false;

    mutable std::shared_mutex m_mutex;
    std::unordered_map<std::string, List> m_byRoom;
    std::unordered_map<std::string, List> m_byUser;
    std::unordered_map<std::string, List> m_bySession;
    std::size_t m_count = 0;

    std::mutex m_recheckMutex;
    std::condition_variable m_recheckIdle;
    int m_rechecks = 0; // rechecks posted to the workers and not done
};

} // namespace confab::backend
