#include "local/LocalServer.h"

#include "Logging.h"

#include "net/Rpc.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

#include <chrono>
#include <mutex>
#include <optional>
#include <utility>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace confab::core {

namespace {

// confabd's exit status when its address is taken (see programs/confabd).
constexpr int kExitCannotListen = 98;

constexpr int kMaxLogLines = 2000;
// A line longer than this without a newline is cut into pieces.
constexpr qint64 kMaxLineBytes = 64 * 1024;
constexpr int kPollIntervalMs = 100;
constexpr auto kProbeDeadline = std::chrono::seconds(1);
constexpr int kStopGraceMs = 5000;
constexpr int kKillWaitMs = 1000;
constexpr char kHealthCheckMethod[] = "/grpc.health.v1.Health/Check";
// HealthCheckResponse{status: SERVING}.
constexpr char kServingResponse[] = "\x08\x01";

#ifdef Q_OS_WIN
const QString kExecutableName = QStringLiteral("confabd.exe");
#else
const QString kExecutableName = QStringLiteral("confabd");
#endif

bool isExecutableFile(const QString& path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

// One health check in flight; everything the call uses lives here and is
// kept alive by the completion callback.
struct Probe {
    explicit Probe(std::shared_ptr<grpc::Channel> channel) : stub(std::move(channel)) {}

    grpc::ClientContext context;
    grpc::GenericStub stub;
    grpc::ByteBuffer request;
    grpc::ByteBuffer response;
};

std::string toBytes(const grpc::ByteBuffer& buffer)
{
    std::vector<grpc::Slice> slices;
    std::string bytes;
    if (buffer.Valid() && buffer.Dump(&slices).ok()) {
        for (const grpc::Slice& slice : slices) {
            bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
        }
    }
    return bytes;
}

} // namespace

struct LocalServer::Private {
    Private(LocalServer* q, QString dataDir) : q(q), dataDir(std::move(dataDir)) {}

    QString portFilePath() const { return QDir(dataDir).filePath(QStringLiteral("port")); }
    // The port chosen once and asked for again on every start, of this run
    // of the app and the next ones, so that the server keeps its address.
    QString chosenPortPath() const { return QDir(dataDir).filePath(QStringLiteral("listen-port")); }

    int readChosenPort() const
    {
        QFile file(chosenPortPath());
        if (!file.open(QIODevice::ReadOnly)) {
            return 0;
        }
        bool ok = false;
        const int port = file.readAll().trimmed().toInt(&ok);
        return ok && port > 0 && port < 65536 ? port : 0;
    }

    void writeChosenPort(int port) const
    {
        QSaveFile file(chosenPortPath());
        if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(port) + '\n') < 0 ||
            !file.commit()) {
            qCWarning(lcLocalServer) << "cannot keep the port in" << chosenPortPath();
        }
    }
    QString serverDirPath() const { return QDir(dataDir).filePath(QStringLiteral("server")); }

    void setState(State state);
    void fail(const QString& message);
    void endRun();
    void retire(QProcess* old);
    void readLines();
    void appendLine(QByteArray raw);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onErrorOccurred(QProcess::ProcessError error);
    void poll();
    int readPortFile() const;
    void launchProbe();
    void probeFinished(quint64 run, bool serving, const QString& problem);

    LocalServer* q;
    QString dataDir;
    QString executable;
    // The current confabd; a child of q so that it never outlives it.
    QProcess* process = nullptr;
    // stop() was called and the process has not ended yet.
    bool stopping = false;
    // start() was called during a stop: its timeout, to start once stopped.
    std::optional<int> restartTimeoutMs;
    int timeoutMs = 0;
    // Bumped on every start and stop, so that late health results are dropped.
    quint64 run = 0;
    int pendingPort = 0;
    // The port of the last run: a restart asks for it again, so that the
    // client's connection (and its session) carries on where it was.
    int lastPort = 0;
    // The port this run asked for (0: any).
    int askedPort = 0;
    // The last line confabd wrote in this run, for the error message.
    QString lastLine;
    QString lastProbeProblem;
    QTimer pollTimer;
    // Sees the port file appear at once; the timer is the fallback.
    QFileSystemWatcher watcher;
    QTimer startTimer;
    QTimer killTimer;
    std::shared_ptr<grpc::Channel> channel;
    std::shared_ptr<Probe> probe;
    // gRPC threads hand results over through it; cut by the destructor.
    std::shared_ptr<Lifeline> lifeline;
};

void LocalServer::Private::setState(State state)
{
    // Failed again is announced too: the reason may be a new one.
    if (q->m_state == state && state != State::Failed) {
        return;
    }
    q->m_state = state;
    // A port only while Running.
    if (state != State::Running) {
        q->m_port = 0;
    }
    qCDebug(lcLocalServer) << "state" << state;
    emit q->stateChanged(state);
}

void LocalServer::Private::fail(const QString& message)
{
    qCWarning(lcLocalServer).noquote() << message;
    endRun();
    q->m_error = message;
    setState(State::Failed);
}

// Forgets the current attempt to reach the server (not the process, nor the
// state).
void LocalServer::Private::endRun()
{
    ++run;
    pollTimer.stop();
    startTimer.stop();
    if (probe) {
        probe->context.TryCancel();
        probe.reset();
    }
    channel.reset();
    pendingPort = 0;
}

// Lets a process we gave up on die on its own time, without telling us.
void LocalServer::Private::retire(QProcess* old)
{
    QObject::disconnect(old, nullptr, q, nullptr);
    QObject::connect(old, &QProcess::finished, old, &QObject::deleteLater);
    if (old->state() == QProcess::NotRunning) {
        old->deleteLater();
    } else {
        old->kill();
    }
    if (process == old) {
        process = nullptr;
    }
}

void LocalServer::Private::readLines()
{
    if (!process) {
        return;
    }
    while (process->canReadLine()) {
        appendLine(process->readLine(kMaxLineBytes));
    }
    if (process->bytesAvailable() >= kMaxLineBytes) {
        appendLine(process->read(kMaxLineBytes));
    }
}

void LocalServer::Private::appendLine(QByteArray raw)
{
    while (raw.endsWith('\n') || raw.endsWith('\r')) {
        raw.chop(1);
    }
    const QString line = QString::fromUtf8(raw);
    q->m_log.append(line);
    while (q->m_log.size() > kMaxLogLines) {
        q->m_log.removeFirst();
    }
    if (!line.trimmed().isEmpty()) {
        lastLine = line;
    }
    emit q->logAppended(line);
}

void LocalServer::Private::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readLines();
    if (process->bytesAvailable() > 0) {
        appendLine(process->readAll());
    }
    process->deleteLater();
    process = nullptr;
    killTimer.stop();
    if (stopping) {
        stopping = false;
        endRun();
        setState(State::Stopped);
        if (const std::optional<int> timeout = std::exchange(restartTimeoutMs, std::nullopt)) {
            q->start(*timeout);
        }
        return;
    }
    if (q->m_state == State::Starting && askedPort != 0 && status == QProcess::NormalExit &&
        exitCode == kExitCannotListen) {
        // The last run's port is taken now: any free one will do. (Any other
        // failure keeps the port, so that the server comes back where those
        // who use it look for it.)
        qCInfo(lcLocalServer) << "port" << askedPort << "is not free; asking for any";
        lastPort = 0;
        endRun();
        q->m_state = State::Stopped;
        q->start(timeoutMs);
        return;
    }
    // Qt reports the signal number as the exit code of a crashed process.
    QString message = status == QProcess::CrashExit
                          ? LocalServer::tr("confabd was killed by signal %1").arg(exitCode)
                          : LocalServer::tr("confabd exited with code %1").arg(exitCode);
    if (!lastLine.isEmpty()) {
        message += QStringLiteral(": ") + lastLine;
    }
    fail(message);
}

void LocalServer::Private::onErrorOccurred(QProcess::ProcessError error)
{
    // Every other error either comes with finished() or is about I/O.
    if (error != QProcess::FailedToStart || !process) {
        return;
    }
    const QString reason = process->errorString();
    retire(process);
    stopping = false;
    restartTimeoutMs.reset();
    fail(LocalServer::tr("confabd could not be started: %1").arg(reason));
}

void LocalServer::Private::poll()
{
    if (q->m_state != State::Starting || stopping) {
        pollTimer.stop();
        return;
    }
    if (pendingPort == 0) {
        pendingPort = readPortFile();
        if (pendingPort == 0) {
            return;
        }
        qCDebug(lcLocalServer) << "confabd reports port" << pendingPort;
        grpc::ChannelArguments args;
        // Retry soon after a refused connection instead of gRPC's usual 1 s+.
        args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, kPollIntervalMs);
        args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, kPollIntervalMs);
        args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 5 * kPollIntervalMs);
        holdCallbackQueue();
        // Never reuse a connection to an earlier confabd on the same port.
        args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
        channel =
            grpc::CreateCustomChannel(QStringLiteral("127.0.0.1:%1").arg(pendingPort).toStdString(),
                                      grpc::InsecureChannelCredentials(), args);
    }
    if (!probe) {
        launchProbe();
    }
}

// The port confabd wrote (it renames the file into place, so it is whole),
// or 0.
int LocalServer::Private::readPortFile() const
{
    QFile file(portFilePath());
    if (!file.open(QIODevice::ReadOnly)) {
        return 0;
    }
    bool ok = false;
    const int port = file.read(16).trimmed().toInt(&ok);
    return ok && port > 0 && port <= 65535 ? port : 0;
}

void LocalServer::Private::launchProbe()
{
    auto next = std::make_shared<Probe>(channel);
    next->context.set_deadline(std::chrono::system_clock::now() + kProbeDeadline);
    // An empty HealthCheckRequest: the server as a whole.
    grpc::Slice empty;
    next->request = grpc::ByteBuffer(&empty, 1);
    probe = next;
    next->stub.UnaryCall(
        &next->context, kHealthCheckMethod, grpc::StubOptions(), &next->request, &next->response,
        [next, lifeline = lifeline, owner = q, run = run](grpc::Status status) mutable {
            // A gRPC thread: copy the outcome into values, touch no QObject.
            bool serving = false;
            QString problem;
            if (!status.ok()) {
                problem = QString::fromStdString(status.error_message());
            } else if (toBytes(next->response) == kServingResponse) {
                serving = true;
            } else {
                problem = QStringLiteral("not serving yet");
            }
            // The probe (its context, the channel) goes with the
            // post: released on the application's thread, never
            // here (grpc/grpc#32584).
            lifeline->post([owner, run, serving, problem, keep = std::move(next)] {
                owner->d->probeFinished(run, serving, problem);
            });
        });
}

void LocalServer::Private::probeFinished(quint64 probeRun, bool serving, const QString& problem)
{
    if (probeRun != run || q->m_state != State::Starting || stopping) {
        return;
    }
    probe.reset();
    if (!serving) {
        // The poll timer sends the next one.
        lastProbeProblem = problem;
        return;
    }
    const int port = pendingPort;
    pollTimer.stop();
    startTimer.stop();
    q->m_port = port;
    if (lastPort != port) {
        lastPort = port;
        writeChosenPort(port);
    }
    q->m_error.clear();
    qCInfo(lcLocalServer) << "confabd is serving on port" << port;
    setState(State::Running);
}

LocalServer::LocalServer(QString dataDir, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>(this, std::move(dataDir)))
{
    d->lifeline = std::make_shared<Lifeline>(this);
    d->lastPort = d->readChosenPort();
    d->pollTimer.setInterval(kPollIntervalMs);
    connect(&d->pollTimer, &QTimer::timeout, this, [this] { d->poll(); });
    connect(&d->watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        if (m_state == State::Starting && !d->stopping) {
            d->poll();
        }
    });
    d->startTimer.setSingleShot(true);
    connect(&d->startTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Starting || d->stopping || !d->process) {
            return;
        }
        qCDebug(lcLocalServer) << "last health check:" << d->lastProbeProblem;
        d->retire(d->process);
        d->fail(tr("confabd did not become ready within %1 s")
                    .arg(QString::number(d->timeoutMs / 1000.0)));
    });
    d->killTimer.setSingleShot(true);
    connect(&d->killTimer, &QTimer::timeout, this, [this] {
        if (d->process) {
            qCWarning(lcLocalServer) << "confabd ignored SIGTERM; killing it";
            d->process->kill();
        }
    });
}

LocalServer::~LocalServer()
{
    d->lifeline->cut();
    if (d->probe) {
        d->probe->context.TryCancel();
    }
    // No event loop to wait with here: a bounded blocking wait, so that no
    // confabd outlives the app.
    const auto children = findChildren<QProcess*>(Qt::FindDirectChildrenOnly);
    for (QProcess* child : children) {
        disconnect(child, nullptr, this, nullptr);
        if (child->state() == QProcess::NotRunning) {
            continue;
        }
        if (child == d->process) {
            child->terminate();
            if (child->waitForFinished(kStopGraceMs)) {
                continue;
            }
        }
        child->kill();
        child->waitForFinished(kKillWaitMs);
    }
}

QString LocalServer::findExecutable()
{
    const QDir appDir(QCoreApplication::applicationDirPath());
    const QString besideApp = appDir.filePath(kExecutableName);
    if (isExecutableFile(besideApp)) {
        return besideApp;
    }
    return QStandardPaths::findExecutable(QStringLiteral("confabd"));
}

void LocalServer::setExecutable(const QString& path)
{
    d->executable = path;
}

QString LocalServer::target() const
{
    return m_state == State::Running ? QStringLiteral("127.0.0.1:%1").arg(m_port) : QString();
}

qint64 LocalServer::processId() const
{
    return d->process ? d->process->processId() : 0;
}

void LocalServer::start(int timeoutMs)
{
    if (d->stopping) {
        d->restartTimeoutMs = timeoutMs;
        return;
    }
    if (m_state == State::Starting || m_state == State::Running) {
        return;
    }
    const QString program = d->executable.isEmpty() ? findExecutable() : d->executable;
    if (program.isEmpty() || !isExecutableFile(program)) {
        d->fail(tr("confabd was not found: build it or install it next to confab"));
        return;
    }
    if (!QDir().mkpath(d->serverDirPath())) {
        d->fail(tr("cannot create the data directory %1").arg(d->serverDirPath()));
        return;
    }
    // A port file left by an earlier run would send us to the wrong port.
    QFile portFile(d->portFilePath());
    if (portFile.exists() && !portFile.remove()) {
        d->fail(tr("cannot remove the old port file %1: %2")
                    .arg(portFile.fileName(), portFile.errorString()));
        return;
    }

    d->endRun();
    m_error.clear();
    d->lastLine.clear();
    d->lastProbeProblem.clear();
    d->timeoutMs = timeoutMs;
    d->askedPort = d->lastPort;

    auto* process = new QProcess(this);
    d->process = process;
    process->setProgram(program);
    process->setArguments({
        QStringLiteral("--listen"),
        QStringLiteral("127.0.0.1:%1").arg(d->askedPort),
        QStringLiteral("--port-file"),
        d->portFilePath(),
        QStringLiteral("--data-dir"),
        d->serverDirPath(),
        QStringLiteral("--log-level"),
        QStringLiteral("info"),
    });
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setStandardInputFile(QProcess::nullDevice());
#ifdef Q_OS_LINUX
    // Even if the app crashes, confabd is told to shut down (it takes
    // SIGTERM gracefully) rather than left running.
    process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(process, &QProcess::readyReadStandardOutput, this, [this] { d->readLines(); });
    connect(process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) { d->onFinished(exitCode, status); });
    connect(process, &QProcess::errorOccurred, this,
            [this](QProcess::ProcessError error) { d->onErrorOccurred(error); });

    qCInfo(lcLocalServer).noquote() << "starting" << program << process->arguments().join(' ');
    d->setState(State::Starting);
    d->startTimer.start(timeoutMs);
    d->pollTimer.start();
    if (!d->watcher.directories().contains(d->dataDir)) {
        d->watcher.addPath(d->dataDir);
    }
    process->start();
}

void LocalServer::stop()
{
    d->restartTimeoutMs.reset();
    if (!d->process) {
        d->endRun();
        d->setState(State::Stopped);
        return;
    }
    if (d->stopping) {
        return;
    }
    d->stopping = true;
    d->endRun();
    d->process->terminate();
    d->killTimer.start(kStopGraceMs);
}

} // namespace confab::core
