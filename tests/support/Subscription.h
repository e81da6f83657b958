#pragma once

#include "confab/v1/chat.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace confab::test {

// A Subscribe stream read on a thread of its own, collecting every event.
class Subscription {
public:
    using Events = std::vector<v1::Event>;

    Subscription(v1::Chat::Stub& stub, const std::string& accessToken,
                 const std::vector<v1::RoomCursor>& cursors = {}, bool paused = false);
    ~Subscription();

    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;

    // Waits until `done(events)` holds; false after `timeout`.
    bool waitFor(const std::function<bool(const Events&)>& done,
                 std::chrono::milliseconds timeout = std::chrono::seconds(10));
    bool waitSynced(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // Waits until `count` room events of `roomId` have arrived.
    bool waitRoomEvents(const std::string& roomId, std::size_t count,
                        std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // Waits for the end of the stream and returns its status.
    std::optional<grpc::Status>
    waitFinished(std::chrono::milliseconds timeout = std::chrono::seconds(10));

    Events events() const;
    // The room events received, in arrival order (all rooms when empty).
    std::vector<v1::RoomEvent> roomEvents(const std::string& roomId = {}) const;
    // Index of the synced marker among events(), or -1.
    int syncedAt() const;

    // A paused subscription reads nothing (after the read under way) until
    // resumed.
    void pause();
    void resume();
    void cancel();

private:
    void run(v1::Chat::Stub& stub, v1::SubscribeRequest request);

    grpc::ClientContext m_context;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    Events m_events;
    std::optional<grpc::Status> m_status;
    bool m_paused;
    std::thread m_thread;
};

// The seqs of `events`, in order.
std::vector<std::uint64_t> seqsOf(const std::vector<v1::RoomEvent>& events);
// first, first + 1, ..., last.
std::vector<std::uint64_t> range(std::uint64_t first, std::uint64_t last);

} // namespace confab::test
