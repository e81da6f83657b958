#include "ChatFixture.h"
#include "net/Backoff.h"

#include <set>
#include <thread>

namespace confab::test {
namespace {

using core::EventStream;
using core::TimelineModel;
using State = EventStream::State;

class EventStreamTest : public ChatFixture {
protected:
    void SetUp() override
    {
        // A small per-stream queue on the server: a client that does not
        // keep up is cut off soon (RESOURCE_EXHAUSTED) and must resume.
        serverConfig.subscriberMaxQueued = 2;
        ChatFixture::SetUp();
    }

    // Why each stream ended.
    struct Recorder {
        std::set<core::Error::Code> errors;
        int ended = 0;
        QMetaObject::Connection connection;

        explicit Recorder(EventStream& stream)
        {
            connection = QObject::connect(&stream, &EventStream::streamEnded,
                                          [this](const core::Error& error) {
                                              errors.insert(error.code);
                                              ++ended;
                                          });
        }
        ~Recorder() { QObject::disconnect(connection); }
    };
};

TEST(BackoffTest, DoublesUpToTheLimitWithJitter)
{
    core::Backoff backoff;
    const std::vector<long> bases{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
    for (int round = 0; round < 20; ++round) {
        backoff.reset();
        for (const long base : bases) {
            const long delay = static_cast<long>(backoff.next().count());
            EXPECT_GE(delay, base * 8 / 10);
            EXPECT_LE(delay, base * 12 / 10);
        }
    }
    EXPECT_EQ(backoff.attempts(), 8);
}

TEST_F(EventStreamTest, ReportsItsStateAndComesBackAfterTheServer)
{
    auto anna = newUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    EventStream* stream = anna->chat->stream();
    QSignalSpy states(stream, &EventStream::stateChanged);
    EXPECT_EQ(stream->state(), State::Disconnected);
    anna->chat->start();
    ASSERT_TRUE(waitLive(*anna->chat));
    ASSERT_GE(states.count(), 2);
    EXPECT_EQ(states.first().at(0).value<State>(), State::Connecting);
    EXPECT_EQ(states.last().at(0).value<State>(), State::Live);

    // Slow retries, so that the countdown shows.
    stream->setBackoffLimits(std::chrono::seconds(4), std::chrono::seconds(4));
    QSignalSpy countdown(stream, &EventStream::secondsToRetryChanged);
    stopServer();
    ASSERT_TRUE(QTest::qWaitFor([&] { return stream->state() == State::Waiting; }, 10000));
    EXPECT_GE(stream->secondsToRetry(), 3);
    EXPECT_LE(stream->secondsToRetry(), 5);
    ASSERT_TRUE(QTest::qWaitFor([&] { return stream->secondsToRetry() <= 2; }, 5000));
    EXPECT_GE(countdown.count(), 2);
    EXPECT_EQ(stream->lastError().code, core::Error::Code::Unavailable);

    // Back: a reconnect now (say, the network came back) does not wait.
    startServer();
    QElapsedTimer elapsed;
    elapsed.start();
    anna->chat->reconnectNow();
    EXPECT_NE(stream->state(), State::Waiting);
    ASSERT_TRUE(waitLive(*anna->chat, 3000));
    EXPECT_LT(elapsed.elapsed(), 3000);
    EXPECT_TRUE(stream->lastError().ok());

    anna->chat->stop();
    EXPECT_EQ(stream->state(), State::Disconnected);
}

TEST_F(EventStreamTest, ClientThatFellBehindGetsEverythingOnceInOrder)
{
    auto anna = newUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    auto bob = newUser(QStringLiteral("bob"), QStringLiteral("Bob"));
    ASSERT_TRUE(startLive(*bob));
    const QString roomId =
        createRoom(*anna, QStringLiteral("Busy"), {QStringLiteral("bob")}, {bob.get()});
    TimelineModel* timeline = openTimeline(*bob, roomId);
    QAbstractItemModelTester tester(timeline,
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    Recorder recorder(*bob->chat->stream());
    constexpr int kPadding = 3900; // big events fill the transport's window

    // A burst from several senders at once: more than the server queues
    // for Bob's stream, which it ends as too far behind.
    constexpr int kSenders = 8;
    constexpr int kEach = 60;
    server->channel(); // made once, before the threads share it
    {
        std::vector<std::thread> senders;
        for (int sender = 0; sender < kSenders; ++sender) {
            senders.emplace_back([&, sender] {
                sendRaw(*anna, roomId, numbered(QStringLiteral("s%1-").arg(sender), 0, kEach));
            });
        }
        for (auto& thread : senders) {
            thread.join();
        }
    }
    constexpr int kFirst = kSenders * kEach;
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageTexts(*timeline).size() >= kFirst; }, 15000));
    EXPECT_TRUE(recorder.errors.count(core::Error::Code::Throttled) > 0);
    {
        // Each sender's messages in its order, all of them once.
        const QStringList texts = messageTexts(*timeline);
        ASSERT_EQ(texts.size(), kFirst);
        for (int sender = 0; sender < kSenders; ++sender) {
            const QString prefix = QStringLiteral("s%1-").arg(sender);
            QStringList own;
            for (const QString& text : texts) {
                if (text.startsWith(prefix)) {
                    own.append(text);
                }
            }
            EXPECT_EQ(own, numbered(prefix, 0, kEach));
        }
    }

    // Bob's thread is busy (this one sends and does not run his event
    // loop): he falls behind, and the server goes away meanwhile; more
    // messages come after it is back.
    constexpr int kTotal = kFirst + 300;
    sendRaw(*anna, roomId, numbered(QStringLiteral("m"), kFirst, kFirst + 200), kPadding);
    EXPECT_EQ(messageTexts(*timeline).size(), kFirst); // none of them handled yet
    const int endedBefore = recorder.ended;
    stopServer();
    startServer();
    sendRaw(*anna, roomId, numbered(QStringLiteral("m"), kFirst + 200, kTotal), kPadding);
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageTexts(*timeline).size() >= kTotal; }, 15000))
        << messageTexts(*timeline).size();
    QTest::qWait(300);

    EXPECT_EQ(messageTexts(*timeline).mid(kFirst), numbered(QStringLiteral("m"), kFirst, kTotal));
    std::vector<quint64> expected;
    for (quint64 seq = 2; seq <= kTotal + 3; ++seq) {
        expected.push_back(seq); // (1 made the room) 2 joined, then the messages
    }
    EXPECT_EQ(confirmedSeqs(*timeline), expected);
    EXPECT_EQ(bob->rooms().lastSeq(roomId), kTotal + 3u);
    EXPECT_EQ(bob->chat->stream()->cursor(roomId), kTotal + 3u);
    EXPECT_EQ(bob->rooms().unreadCount(roomId), kTotal);
    // The stream was cut (by the restart, or first for falling too far
    // behind, in which case it resumed on the new server), and came back.
    EXPECT_GT(recorder.ended, endedBefore);
    EXPECT_TRUE(waitLive(*bob->chat));
}

TEST_F(EventStreamTest, ExpiredTokenIsRefreshedOnceAndTheStreamGoesOn)
{
    stopServer();
    serverConfig.accessTtl = std::chrono::seconds(1);
    startServer();
    auto anna = newUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    ASSERT_TRUE(startLive(*anna));
    const QString sessionId = anna->session->sessionId();
    Recorder recorder(*anna->chat->stream());

    // Away until the access token has run out (the session's own refresh
    // finds no server and tries again only much later).
    stopServer();
    QTest::qWait(2000);
    startServer();
    anna->chat->reconnectNow();
    ASSERT_TRUE(waitLive(*anna->chat, 10000));
    EXPECT_TRUE(recorder.errors.count(core::Error::Code::Unauthenticated) > 0);
    EXPECT_EQ(anna->session->state(), core::Session::State::SignedIn);
    EXPECT_EQ(anna->session->sessionId(), sessionId);
}

TEST_F(EventStreamTest, RevokedSessionStopsTheStream)
{
    auto anna = newUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    EventStream stream(*anna->session);
    QSignalSpy stopped(&stream, &EventStream::stopped);
    stream.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return stream.state() == State::Live; }, 10000));

    // Anna ends this session from another device.
    Client other(server->channel());
    v1::Session phone;
    ASSERT_TRUE(other.login("anna", "correct horse", &phone).ok());
    v1::RevokeSessionRequest revoke;
    revoke.set_session_id(anna->session->sessionId().toStdString());
    v1::RevokeSessionResponse revoked;
    ASSERT_TRUE(
        other.accounts->RevokeSession(Client::context(phone.access_token()).get(), revoke, &revoked)
            .ok());

    ASSERT_TRUE(stopped.wait(10000));
    EXPECT_EQ(stopped.at(0).at(0).value<core::Error>().code, core::Error::Code::Unauthenticated);
    EXPECT_EQ(stream.state(), State::Disconnected);
    EXPECT_EQ(anna->session->state(), core::Session::State::SignedOut);
    QTest::qWait(500);
    EXPECT_EQ(stream.state(), State::Disconnected); // and it stays so
}

} // namespace
} // namespace confab::test
