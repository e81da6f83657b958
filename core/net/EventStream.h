#pragma once

#include "net/Backoff.h"
#include "net/Error.h"
#include "net/Rpc.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace confab::core {

class Session;
class SubscribeCall;

// The one Chat.Subscribe stream of a signed-in session. It resumes from
// per-room cursors (the highest seq handed on per room), so every
// (re)connect continues exactly where the last one stopped; it reconnects by
// itself with backoff, at once when asked (network change, wake), and after
// a refreshed token when the server says UNAUTHENTICATED. Events come out of
// eventReceived() on this object's thread, room events in seq order.
class EventStream : public QObject {
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(int secondsToRetry READ secondsToRetry NOTIFY secondsToRetryChanged)

public:
    enum class State {
        Disconnected, // not started, stopped, or given up (see lastError())
        Connecting,   // preparing or opening the stream
        Syncing,      // receiving what was missed
        Live,         // caught up; events arrive as they happen
        Waiting,      // lost; the next try is in secondsToRetry()
    };
    Q_ENUM(State)

    // Runs before each attempt; the attempt goes on when `done` gets no
    // error. The chat client loads the room list here on the first attempt.
    using Prepare = std::function<void(std::function<void(const Error&)> done)>;

    explicit EventStream(Session& session, QObject* parent = nullptr);
    ~EventStream() override;

    void start();
    void stop();
    // Drops the current stream, if any, and connects again now.
    void reconnectNow();
    bool isRunning() const { return m_running; }

    State state() const { return m_state; }
    int secondsToRetry() const;
    // Why the last stream ended, or why the stream gave up.
    const Error& lastError() const { return m_lastError; }

    quint64 cursor(const QString& roomId) const { return m_cursors.value(roomId); }
    const QHash<QString, quint64>& cursors() const { return m_cursors; }
    // Moves a room's cursor forward (never back).
    void setCursor(const QString& roomId, quint64 seq);
    // The room is gone: it is no longer asked for.
    void forgetRoom(const QString& roomId);

    void setPrepare(Prepare prepare) { m_prepare = std::move(prepare); }
    void setBackoffLimits(std::chrono::milliseconds initial, std::chrono::milliseconds max)
    {
        m_backoff.setLimits(initial, max);
    }

signals:
    void stateChanged(confab::core::EventStream::State state);
    void secondsToRetryChanged(int seconds);
    void eventReceived(const confab::v1::Event& event);
    // A stream ended (it is tried again unless stopped() follows).
    void streamEnded(const confab::core::Error& error);
    // The stream gave up for good (the session is gone).
    void stopped(const confab::core::Error& error);

private:
    friend class SubscribeCall;

    void setState(State state);
    void connectNow();
    void subscribe(quint64 generation);
    void retryLater();
    void giveUp(const Error& error);
    void cancelCall();
    void onCallEvent(quint64 generation, const v1::Event& event);
    void onCallDone(quint64 generation, const grpc::Status& status, bool receivedAny);

    Session& m_session;
    std::shared_ptr<Lifeline> m_lifeline;
    std::shared_ptr<SubscribeCall> m_call;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_refreshTried = false;
    State m_state = State::Disconnected;
    Error m_lastError;
    QHash<QString, quint64> m_cursors;
    Prepare m_prepare;
    Backoff m_backoff;
    QTimer m_retryTimer;
    QTimer m_countdown;
    QDateTime m_retryAt;
    int m_shownSeconds = 0;
};

} // namespace confab::core
