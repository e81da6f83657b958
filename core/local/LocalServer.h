#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace confab::core {

// The confabd that the app runs on this computer: started with
// `--listen 127.0.0.1:0 --port-file <dir>/port --data-dir <dir>`, ready once
// its port file exists and its gRPC health service answers SERVING, stopped
// (SIGTERM, then kill after a grace period) on stop() or destruction.
class LocalServer : public QObject {
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(int port READ port NOTIFY stateChanged)

public:
    enum class State {
        Stopped,
        Starting,
        Running,
        Failed, // could not start, or exited on its own; errorString() says why
    };
    Q_ENUM(State)

    // `dataDir` holds the database and the port file (created if missing).
    explicit LocalServer(QString dataDir, QObject* parent = nullptr);
    ~LocalServer() override;

    // confabd next to the running executable, else in the build tree
    // (../backend/confabd relative to the executable), else on PATH; empty
    // when none is found.
    static QString findExecutable();
    // Overrides the executable (tests); empty means findExecutable().
    void setExecutable(const QString& path);

    State state() const { return m_state; }
    int port() const { return m_port; }
    // "127.0.0.1:<port>" while Running.
    QString target() const;
    QString errorString() const { return m_error; }
    // What confabd wrote to stdout and stderr, line by line (the last 2000).
    QStringList log() const { return m_log; }
    // The pid of the running confabd, 0 when there is none.
    qint64 processId() const;

    // Starts the server unless it is Starting or Running (on the port of its
    // last run when that is free, so a connection to it carries on); gives up (Failed)
    // when it is not healthy within `timeoutMs`. Called while a stop() is
    // under way, it starts again once the old process is gone.
    void start(int timeoutMs = 20000);
    // Asks confabd to shut down (SIGTERM, SIGKILL after 5 s); the state
    // becomes Stopped once the process is gone.
    void stop();

signals:
    void stateChanged(confab::core::LocalServer::State state);
    void logAppended(const QString& line);

private:
    // private members are the implementer's choice
    struct Private;
    std::unique_ptr<Private> d;
    State m_state = State::Stopped;
    int m_port = 0;
    QString m_error;
    QStringList m_log;
};

} // namespace confab::core
