#include "local/LocalServer.h"

#include "TestServer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <memory>

using confab::core::LocalServer;
using State = confab::core::LocalServer::State;

namespace {

constexpr int kWaitMs = 8000;

// Waits until `server` is in `wanted`, or has failed, or time is up.
bool waitForState(LocalServer& server, State wanted, int timeoutMs = kWaitMs)
{
    QSignalSpy spy(&server, &LocalServer::stateChanged);
    const QDeadlineTimer deadline(timeoutMs);
    while (server.state() != wanted && (server.state() != State::Failed) &&
           !deadline.hasExpired()) {
        spy.wait(static_cast<int>(std::max<qint64>(deadline.remainingTime(), 1)));
    }
    return server.state() == wanted;
}

std::string describe(const LocalServer& server)
{
    const QStringList log = server.log();
    return QStringLiteral("error: %1\nlog:\n%2")
        .arg(server.errorString(), log.mid(std::max<qsizetype>(0, log.size() - 20)).join('\n'))
        .toStdString();
}

bool processExists(qint64 pid)
{
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH;
}

// Whether something accepts TCP connections on the loopback port.
bool portAccepts(int port)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), static_cast<quint16>(port));
    return socket.waitForConnected(2000);
}

confab::test::Client clientFor(const LocalServer& server)
{
    return confab::test::Client(
        grpc::CreateChannel(server.target().toStdString(), grpc::InsecureChannelCredentials()));
}

// A script standing in for confabd.
QString writeScript(const QTemporaryDir& dir, const QByteArray& body)
{
    const QString path = dir.filePath(QStringLiteral("fake-confabd"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return {};
    }
    file.write("#!/bin/sh\n" + body);
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

class LocalServerTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    std::unique_ptr<LocalServer> makeServer()
    {
        auto server = std::make_unique<LocalServer>(m_dir.filePath(QStringLiteral("data")));
        server->setExecutable(QStringLiteral(CONFABD_PATH));
        return server;
    }

    QTemporaryDir m_dir;
};

TEST_F(LocalServerTest, StartsServingOnALoopbackPort)
{
    auto server = makeServer();
    QSignalSpy states(server.get(), &LocalServer::stateChanged);
    QSignalSpy lines(server.get(), &LocalServer::logAppended);

    server->start();
    EXPECT_EQ(server->state(), State::Starting);
    ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);

    ASSERT_EQ(states.size(), 2);
    EXPECT_EQ(states.at(0).at(0).value<State>(), State::Starting);
    EXPECT_EQ(states.at(1).at(0).value<State>(), State::Running);
    EXPECT_GT(server->port(), 0);
    EXPECT_EQ(server->target(), QStringLiteral("127.0.0.1:%1").arg(server->port()));
    EXPECT_TRUE(server->errorString().isEmpty());
    EXPECT_GT(server->processId(), 0);
    const QStringList log = server->log();
    const QString listening =
        QStringLiteral("listening on 127.0.0.1:0 (port %1)").arg(server->port());
    EXPECT_TRUE(log.filter(listening).size() == 1) << describe(*server);
    EXPECT_EQ(lines.size(), log.size());
    EXPECT_TRUE(QFile::exists(m_dir.filePath(QStringLiteral("data/port"))));
    EXPECT_TRUE(QDir(m_dir.filePath(QStringLiteral("data/server"))).exists());

    // A real call through the server's own stubs.
    confab::test::Client client = clientFor(*server);
    const confab::v1::Session session = client.registerUser("anna");
    EXPECT_FALSE(session.access_token().empty());
    EXPECT_EQ(session.user().username(), "anna");
}

TEST_F(LocalServerTest, StalePortFileIsIgnored)
{
    // A port file from a run that ended badly points at a dead port.
    ASSERT_TRUE(QDir().mkpath(m_dir.filePath(QStringLiteral("data"))));
    QFile stale(m_dir.filePath(QStringLiteral("data/port")));
    ASSERT_TRUE(stale.open(QIODevice::WriteOnly));
    stale.write("1\n");
    stale.close();

    auto server = makeServer();
    server->start();
    ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);
    EXPECT_NE(server->port(), 1);
    EXPECT_TRUE(portAccepts(server->port()));
}

TEST_F(LocalServerTest, StopEndsTheProcessAndClosesThePort)
{
    auto server = makeServer();
    server->start();
    ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);
    const qint64 pid = server->processId();
    const int port = server->port();
    ASSERT_GT(pid, 0);
    ASSERT_TRUE(portAccepts(port));

    QSignalSpy states(server.get(), &LocalServer::stateChanged);
    server->stop();
    ASSERT_TRUE(waitForState(*server, State::Stopped)) << describe(*server);

    EXPECT_EQ(states.size(), 1);
    EXPECT_EQ(server->port(), 0);
    EXPECT_TRUE(server->target().isEmpty());
    EXPECT_EQ(server->processId(), 0);
    EXPECT_TRUE(server->errorString().isEmpty());
    EXPECT_FALSE(processExists(pid));
    EXPECT_FALSE(portAccepts(port));
    // It shut down on SIGTERM rather than being killed.
    EXPECT_FALSE(server->log().filter(QStringLiteral("signal 15 received")).isEmpty())
        << describe(*server);
}

TEST_F(LocalServerTest, DataPersistsAcrossARestart)
{
    auto server = makeServer();
    server->start();
    ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);
    {
        confab::test::Client client = clientFor(*server);
        client.registerUser("berit", "a long password");
    }
    server->stop();
    ASSERT_TRUE(waitForState(*server, State::Stopped)) << describe(*server);

    server->start();
    ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);
    confab::test::Client client = clientFor(*server);
    confab::v1::Session session;
    const grpc::Status status = client.login("berit", "a long password", &session);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(session.user().username(), "berit");
    EXPECT_FALSE(session.access_token().empty());
}

TEST_F(LocalServerTest, KeepsItsPortAcrossRestartsOfTheApp)
{
    int port = 0;
    {
        auto server = makeServer();
        server->start();
        ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);
        port = server->port();
    } // the app quits: its server stops with it

    // The next start of the app (a new launcher on the same data) serves on
    // the same address, so that whoever was pointed at it finds it again.
    auto server = makeServer();
    server->start();
    ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);
    EXPECT_EQ(server->port(), port);
}

TEST_F(LocalServerTest, ComesBackOnItsPortUnlessThePortIsTaken)
{
    auto server = makeServer();
    server->start();
    ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);
    const int port = server->port();
    server->stop();
    ASSERT_TRUE(waitForState(*server, State::Stopped)) << describe(*server);

    server->start();
    ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);
    EXPECT_EQ(server->port(), port) << "the same address as before";
    server->stop();
    ASSERT_TRUE(waitForState(*server, State::Stopped)) << describe(*server);

    // Someone else has the port now: any free one will do.
    QTcpServer squatter;
    ASSERT_TRUE(squatter.listen(QHostAddress::LocalHost, static_cast<quint16>(port)));
    server->start();
    ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);
    EXPECT_NE(server->port(), port);
    EXPECT_GT(server->port(), 0);
}

TEST_F(LocalServerTest, StartDuringStopStartsAgainOnceStopped)
{
    auto server = makeServer();
    server->start();
    ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);
    const qint64 firstPid = server->processId();

    QSignalSpy states(server.get(), &LocalServer::stateChanged);
    server->stop();
    server->start();
    // Still Running until the old process is gone.
    EXPECT_EQ(server->state(), State::Running);
    const QDeadlineTimer deadline(kWaitMs);
    while (states.size() < 3 && !deadline.hasExpired()) {
        states.wait(static_cast<int>(std::max<qint64>(deadline.remainingTime(), 1)));
    }

    ASSERT_EQ(states.size(), 3) << describe(*server);
    EXPECT_EQ(states.at(0).at(0).value<State>(), State::Stopped);
    EXPECT_EQ(states.at(1).at(0).value<State>(), State::Starting);
    EXPECT_EQ(states.at(2).at(0).value<State>(), State::Running);
    EXPECT_NE(server->processId(), firstPid);
    EXPECT_FALSE(processExists(firstPid));
    EXPECT_TRUE(portAccepts(server->port()));
}

TEST_F(LocalServerTest, MissingExecutableFails)
{
    LocalServer server(m_dir.filePath(QStringLiteral("data")));
    server.setExecutable(m_dir.filePath(QStringLiteral("no-such-confabd")));
    QSignalSpy states(&server, &LocalServer::stateChanged);

    server.start();

    EXPECT_EQ(server.state(), State::Failed);
    ASSERT_EQ(states.size(), 1);
    EXPECT_EQ(states.at(0).at(0).value<State>(), State::Failed);
    EXPECT_EQ(server.errorString(),
              QStringLiteral("confabd was not found: build it or install it next to confab"));
    EXPECT_EQ(server.port(), 0);
    EXPECT_EQ(server.processId(), 0);
}

TEST_F(LocalServerTest, ExitDuringStartupFailsWithTheLastLine)
{
    LocalServer server(m_dir.filePath(QStringLiteral("data")));
    server.setExecutable(writeScript(m_dir, "echo 'starting up'\n"
                                            "echo 'cannot open the database' >&2\n"
                                            "exit 3\n"));

    server.start();
    ASSERT_TRUE(waitForState(server, State::Failed)) << describe(server);

    EXPECT_EQ(server.errorString(),
              QStringLiteral("confabd exited with code 3: cannot open the database"));
    EXPECT_EQ(server.log(), QStringList({QStringLiteral("starting up"),
                                         QStringLiteral("cannot open the database")}));
    EXPECT_EQ(server.processId(), 0);
}

TEST_F(LocalServerTest, NoHealthyServerWithinTheTimeoutFails)
{
    LocalServer server(m_dir.filePath(QStringLiteral("data")));
    // Writes a port file for a port nothing listens on, then hangs.
    const QString portFile = m_dir.filePath(QStringLiteral("data/port"));
    server.setExecutable(
        writeScript(m_dir, QStringLiteral("echo $$ > '%1.pid'\necho 1 > '%1'\nexec sleep 30\n")
                               .arg(portFile)
                               .toUtf8()));

    server.start(1500);
    ASSERT_TRUE(waitForState(server, State::Failed)) << describe(server);
    EXPECT_EQ(server.errorString(), QStringLiteral("confabd did not become ready within 1.5 s"));

    // The hung process is not left behind.
    QFile pidFile(portFile + QStringLiteral(".pid"));
    ASSERT_TRUE(pidFile.open(QIODevice::ReadOnly));
    const qint64 pid = pidFile.readAll().trimmed().toLongLong();
    ASSERT_GT(pid, 0);
    QDeadlineTimer deadline(3000);
    while (processExists(pid) && !deadline.hasExpired()) {
        QSignalSpy(&server, &LocalServer::stateChanged).wait(50);
    }
    EXPECT_FALSE(processExists(pid));
}

TEST_F(LocalServerTest, StopKillsAServerThatIgnoresSigterm)
{
    LocalServer server(m_dir.filePath(QStringLiteral("data")));
    // Never becomes ready and shrugs off SIGTERM (ignored signals stay
    // ignored across exec).
    server.setExecutable(writeScript(m_dir, "trap '' TERM\necho stubborn\nexec sleep 30\n"));
    QSignalSpy lines(&server, &LocalServer::logAppended);
    server.start();
    ASSERT_TRUE(lines.wait(kWaitMs));
    const qint64 pid = server.processId();
    ASSERT_GT(pid, 0);

    server.stop();
    EXPECT_EQ(server.state(), State::Starting);
    ASSERT_TRUE(waitForState(server, State::Stopped)) << describe(server);

    EXPECT_FALSE(processExists(pid));
    EXPECT_TRUE(server.errorString().isEmpty());
}

TEST_F(LocalServerTest, KilledFromOutsideFailsAndCanStartAgain)
{
    auto server = makeServer();
    server->start();
    ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);
    const qint64 pid = server->processId();
    ASSERT_GT(pid, 0);

    QSignalSpy states(server.get(), &LocalServer::stateChanged);
    ASSERT_EQ(::kill(static_cast<pid_t>(pid), SIGKILL), 0);
    ASSERT_TRUE(waitForState(*server, State::Failed)) << describe(*server);

    ASSERT_EQ(states.size(), 1);
    EXPECT_EQ(states.at(0).at(0).value<State>(), State::Failed);
    EXPECT_TRUE(server->errorString().startsWith(QStringLiteral("confabd was killed by signal 9")))
        << server->errorString().toStdString();
    EXPECT_EQ(server->port(), 0);
    EXPECT_EQ(server->processId(), 0);

    server->start();
    ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);
    EXPECT_TRUE(server->errorString().isEmpty());
    EXPECT_NE(server->processId(), pid);
    confab::test::Client client = clientFor(*server);
    const confab::v1::Session session = client.registerUser("cecilia");
    EXPECT_EQ(session.user().username(), "cecilia");
}

TEST_F(LocalServerTest, DestroyingARunningServerStopsTheProcess)
{
    auto server = makeServer();
    server->start();
    ASSERT_TRUE(waitForState(*server, State::Running)) << describe(*server);
    const qint64 pid = server->processId();
    const int port = server->port();
    ASSERT_GT(pid, 0);

    server.reset();

    EXPECT_FALSE(processExists(pid));
    EXPECT_FALSE(portAccepts(port));
}

TEST_F(LocalServerTest, DestroyingAStartingServerStopsTheProcess)
{
    auto server = makeServer();
    server->start();
    ASSERT_EQ(server->state(), State::Starting);
    const qint64 pid = server->processId();
    ASSERT_GT(pid, 0);

    server.reset();

    EXPECT_FALSE(processExists(pid));
}

} // namespace
