#include "net/EventStream.h"

#include "Logging.h"

#include "account/Session.h"
#include "net/ProtoConvert.h"

#include <QPointer>

#include <atomic>
#include <cmath>

namespace confab::core {

namespace {

// Events handed to the GUI thread and not yet handled, before reading
// pauses: the event queue stays bounded, and what a client that cannot keep
// up has not read waits in the transport and on the server, which ends the
// stream (RESOURCE_EXHAUSTED) when it is too far behind; the stream then
// resumes from its cursors.
constexpr int kReadAhead = 64;
constexpr int kResumeBelow = kReadAhead / 2;

} // namespace

// One Subscribe call on gRPC's callback API. gRPC's hold on it (m_self)
// goes with OnDone's news to the application's thread; the EventStream
// holds it to cancel it and to let reading go on. Its reactions never touch
// the EventStream: they post copies of what arrived through the lifeline,
// tagged with the call's generation.
class SubscribeCall final : public grpc::ClientReadReactor<v1::Event> {
public:
    SubscribeCall(std::shared_ptr<Lifeline> lifeline, EventStream* owner, quint64 generation)
        : m_lifeline(std::move(lifeline)), m_owner(owner), m_generation(generation)
    {}

    static std::shared_ptr<SubscribeCall>
    start(Connection& connection, std::shared_ptr<Lifeline> lifeline, EventStream* owner,
          quint64 generation, v1::SubscribeRequest request, const std::string& accessToken)
    {
        auto call = std::make_shared<SubscribeCall>(std::move(lifeline), owner, generation);
        call->m_self = call;
        call->m_request = std::move(request);
        if (!accessToken.empty()) {
            call->m_context.AddMetadata("authorization", "Bearer " + accessToken);
        }
        connection.chat().async()->Subscribe(&call->m_context, &call->m_request, call.get());
        call->StartRead(&call->m_event);
        call->StartCall();
        return call;
    }

    // GUI thread: one posted event has been handled.
    void processed()
    {
        bool resume = false;
        {
            std::lock_guard lock(m_mutex);
            --m_unprocessed;
            if (m_paused && !m_cancelled && m_unprocessed < kResumeBelow) {
                m_paused = false;
                resume = true;
            }
        }
        if (resume) {
            StartRead(&m_event);
            RemoveHold();
        }
    }

    // Any thread.
    void cancel()
    {
        bool release = false;
        {
            std::lock_guard lock(m_mutex);
            if (m_cancelled) {
                return;
            }
            m_cancelled = true;
            release = std::exchange(m_paused, false);
        }
        m_context.TryCancel();
        if (release) {
            RemoveHold();
        }
    }

    void OnReadDone(bool ok) override
    {
        if (!ok) {
            return; // the stream ended; OnDone follows
        }
        m_received = true;
        v1::Event event;
        event.Swap(&m_event);
        m_lifeline->post([owner = m_owner, generation = m_generation, event = std::move(event)] {
            owner->onCallEvent(generation, event);
        });
        {
            std::lock_guard lock(m_mutex);
            ++m_unprocessed;
            if (m_cancelled) {
                return;
            }
            if (m_unprocessed >= kReadAhead) {
                // Held so that the call cannot finish while no read is under
                // way; processed() or cancel() lets go.
                m_paused = true;
                AddHold();
                return;
            }
        }
        StartRead(&m_event);
    }

    void OnDone(const grpc::Status& status) override
    {
        // gRPC's hold goes to the application's thread with the news, so
        // that this (and its context, which holds the channel) is never
        // destroyed on a gRPC thread (see Lifeline::post).
        m_lifeline->post(
            [owner = m_owner, generation = m_generation, status, received = m_received.load(),
             self = std::move(m_self)] { owner->onCallDone(generation, status, received); });
    }

private:
    std::shared_ptr<Lifeline> m_lifeline;
    EventStream* m_owner;
    quint64 m_generation;
    std::shared_ptr<SubscribeCall> m_self;
    grpc::ClientContext m_context;
    v1::SubscribeRequest m_request;
    v1::Event m_event;
    std::atomic<bool> m_received{false};
    std::mutex m_mutex;
    int m_unprocessed = 0;
    bool m_paused = false;
    bool m_cancelled = false;
};

EventStream::EventStream(Session& session, QObject* parent)
    : QObject(parent), m_session(session), m_lifeline(std::make_shared<Lifeline>(this))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { connectNow(); });
    m_countdown.setInterval(250);
    connect(&m_countdown, &QTimer::timeout, this, [this] {
        const int seconds = secondsToRetry();
        if (seconds != m_shownSeconds) {
            m_shownSeconds = seconds;
            emit secondsToRetryChanged(seconds);
        }
    });
}

EventStream::~EventStream()
{
    m_lifeline->cut();
    cancelCall();
}

int EventStream::secondsToRetry() const
{
    if (m_state != State::Waiting || !m_retryAt.isValid()) {
        return 0;
    }
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(m_retryAt);
    return ms <= 0 ? 0 : static_cast<int>(std::ceil(static_cast<double>(ms) / 1000.0));
}

void EventStream::setState(State state)
{
    if (state != State::Waiting) {
        m_countdown.stop();
    }
    if (m_state == state) {
        return;
    }
    qCDebug(lcStream) << "stream" << state;
    m_state = state;
    emit stateChanged(state);
    const int seconds = secondsToRetry();
    if (seconds != m_shownSeconds) {
        m_shownSeconds = seconds;
        emit secondsToRetryChanged(seconds);
    }
}

void EventStream::setCursor(const QString& roomId, quint64 seq)
{
    quint64& cursor = m_cursors[roomId];
    cursor = std::max(cursor, seq);
}

void EventStream::forgetRoom(const QString& roomId)
{
    m_cursors.remove(roomId);
}

void EventStream::start()
{
    if (m_running) {
        return;
    }
    m_running = true;
    m_backoff.reset();
    m_refreshTried = false;
    m_lastError = {};
    connectNow();
}

void EventStream::stop()
{
    m_running = false;
    ++m_generation;
    m_retryTimer.stop();
    cancelCall();
    setState(State::Disconnected);
}

void EventStream::reconnectNow()
{
    if (!m_running) {
        return;
    }
    m_backoff.reset();
    m_session.connection().resetBackoff();
    connectNow();
}

void EventStream::cancelCall()
{
    if (m_call) {
        m_call->cancel();
        m_call.reset();
    }
}

void EventStream::connectNow()
{
    m_retryTimer.stop();
    cancelCall();
    const quint64 generation = ++m_generation;
    setState(State::Connecting);
    if (!m_prepare) {
        subscribe(generation);
        return;
    }
    m_prepare([self = QPointer<EventStream>(this), generation](const Error& error) {
        if (!self || generation != self->m_generation) {
            return;
        }
        if (!error.ok()) {
            self->m_lastError = error;
            if (error.code == Error::Code::Unauthenticated) {
                // The session already tried a refresh for this call.
                self->giveUp(error);
            } else {
                self->retryLater();
            }
            return;
        }
        self->subscribe(generation);
    });
}

void EventStream::subscribe(quint64 generation)
{
    v1::SubscribeRequest request;
    for (auto it = m_cursors.cbegin(); it != m_cursors.cend(); ++it) {
        v1::RoomCursor* cursor = request.add_cursors();
        cursor->set_room_id(it.key().toStdString());
        cursor->set_last_seq(it.value());
    }
    // The channel may be waiting out its own reconnect backoff after the
    // server was away; ours decides when to try.
    grpc::experimental::ChannelResetConnectionBackoff(m_session.connection().channel().get());
    m_call = SubscribeCall::start(m_session.connection(), m_lifeline, this, generation,
                                  std::move(request), m_session.accessToken());
}

void EventStream::retryLater()
{
    const auto delay = m_backoff.next();
    qCInfo(lcStream) << "stream lost; next try in" << delay.count() << "ms";
    m_retryAt = QDateTime::currentDateTimeUtc().addMSecs(delay.count());
    m_retryTimer.start(delay);
    setState(State::Waiting);
    m_countdown.start();
}

void EventStream::giveUp(const Error& error)
{
    qCWarning(lcStream) << "stream stopped:" << static_cast<int>(error.code);
    m_lastError = error;
    stop();
    emit stopped(error);
}

void EventStream::onCallEvent(quint64 generation, const v1::Event& event)
{
    if (generation != m_generation || !m_call) {
        return;
    }
    // Handlers may stop or restart the stream: keep this call for the
    // bookkeeping below.
    const std::shared_ptr<SubscribeCall> call = m_call;
    if (event.has_synced()) {
        m_backoff.reset();
        m_refreshTried = false;
        m_lastError = {};
        setState(State::Live);
    } else if (m_state == State::Connecting) {
        setState(State::Syncing);
    }
    if (event.has_room_event()) {
        const v1::RoomEvent& roomEvent = event.room_event();
        const QString roomId = toQString(roomEvent.room_id());
        quint64& cursor = m_cursors[roomId];
        if (roomEvent.seq() <= cursor) {
            call->processed();
            return; // already handed on
        }
        if (roomEvent.seq() != cursor + 1 && cursor != 0) {
            qCWarning(lcStream) << "room" << roomId << "jumped from seq" << cursor << "to"
                                << roomEvent.seq();
        }
        cursor = roomEvent.seq();
    } else if (event.has_room_removed()) {
        m_cursors.remove(toQString(event.room_removed().room_id()));
    }
    emit eventReceived(event);
    call->processed();
}

void EventStream::onCallDone(quint64 generation, const grpc::Status& status, bool receivedAny)
{
    if (generation != m_generation) {
        return;
    }
    m_call.reset();
    m_lastError = Error::fromStatus(status);
    qCInfo(lcStream) << "stream ended:" << status.error_code();
    emit streamEnded(m_lastError);
    if (generation != m_generation) {
        return; // a handler restarted or stopped it
    }
    switch (status.error_code()) {
    case grpc::StatusCode::UNAUTHENTICATED:
        if (m_refreshTried) {
            giveUp(m_lastError);
            return;
        }
        m_refreshTried = true;
        setState(State::Connecting);
        m_session.refresh([self = QPointer<EventStream>(this), generation](bool ok) {
            if (!self || generation != self->m_generation) {
                return;
            }
            if (ok) {
                self->connectNow();
            } else if (self->m_session.state() == Session::State::SignedIn) {
                self->retryLater(); // no answer from the server: try again later
            } else {
                self->giveUp(Error::of(Error::Code::Unauthenticated));
            }
        });
        return;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
        if (receivedAny) {
            // Too far behind: the cursors say where to resume.
            connectNow();
            return;
        }
        break; // the server is busy: back off
    default:
        break;
    }
    retryLater();
}

} // namespace confab::core
