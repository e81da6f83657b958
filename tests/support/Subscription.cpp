#include "Subscription.h"

namespace confab::test {

Subscription::Subscription(v1::Chat::Stub& stub, const std::string& accessToken,
                           const std::vector<v1::RoomCursor>& cursors, bool paused)
    : m_paused(paused)
{
    m_context.AddMetadata("authorization", "Bearer " + accessToken);
    v1::SubscribeRequest request;
    for (const auto& cursor : cursors) {
        *request.add_cursors() = cursor;
    }
    m_thread = std::thread([this, &stub, request] { run(stub, request); });
}

Subscription::~Subscription()
{
    cancel();
    resume();
    m_thread.join();
}

void Subscription::run(v1::Chat::Stub& stub, v1::SubscribeRequest request)
{
    auto reader = stub.Subscribe(&m_context, request);
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_paused; });
        }
        v1::Event event;
        if (!reader->Read(&event)) {
            break;
        }
        std::lock_guard lock(m_mutex);
        m_events.push_back(std::move(event));
        m_changed.notify_all();
    }
    const grpc::Status status = reader->Finish();
    std::lock_guard lock(m_mutex);
    m_status = status;
    m_changed.notify_all();
}

bool Subscription::waitFor(const std::function<bool(const Events&)>& done,
                           std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [&] { return done(m_events); });
}

bool Subscription::waitSynced(std::chrono::milliseconds timeout)
{
    return waitFor(
        [](const Events& events) {
            return std::any_of(events.begin(), events.end(),
                               [](const v1::Event& e) { return e.has_synced(); });
        },
        timeout);
}

bool Subscription::waitRoomEvents(const std::string& roomId, std::size_t count,
                                  std::chrono::milliseconds timeout)
{
    return waitFor(
        [&](const Events& events) {
            return static_cast<std::size_t>(
                       std::count_if(events.begin(), events.end(), [&](const v1::Event& e) {
                           return e.has_room_event() && e.room_event().room_id() == roomId;
                       })) >= count;
        },
        timeout);
}

std::optional<grpc::Status> Subscription::waitFinished(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, timeout, [this] { return m_status.has_value(); });
    return m_status;
}

Subscription::Events Subscription::events() const
{
    std::lock_guard lock(m_mutex);
    return m_events;
}

std::vector<v1::RoomEvent> Subscription::roomEvents(const std::string& roomId) const
{
    std::lock_guard lock(m_mutex);
    std::vector<v1::RoomEvent> out;
    for (const auto& event : m_events) {
        if (event.has_room_event() && (roomId.empty() || event.room_event().room_id() == roomId)) {
            out.push_back(event.room_event());
        }
    }
    return out;
}

int Subscription::syncedAt() const
{
    std::lock_guard lock(m_mutex);
    for (std::size_t i = 0; i < m_events.size(); ++i) {
        if (m_events[i].has_synced()) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

void Subscription::pause()
{
    std::lock_guard lock(m_mutex);
    m_paused = true;
}

void Subscription::resume()
{
    std::lock_guard lock(m_mutex);
    m_paused = false;
    m_changed.notify_all();
}

void Subscription::cancel()
{
    m_context.TryCancel();
}

std::vector<std::uint64_t> seqsOf(const std::vector<v1::RoomEvent>& events)
{
    std::vector<std::uint64_t> seqs;
    for (const auto& event : events) {
        seqs.push_back(event.seq());
    }
    return seqs;
}

std::vector<std::uint64_t> range(std::uint64_t first, std::uint64_t last)
{
    std::vector<std::uint64_t> seqs;
    for (auto seq = first; seq <= last; ++seq) {
        seqs.push_back(seq);
    }
    return seqs;
}

} // namespace confab::test
