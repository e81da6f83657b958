#pragma once

#include "chat/Attachment.h"
#include "net/Backoff.h"
#include "net/Error.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <memory>

namespace confab::core {

class Download;
class Session;

// The attachments this user fetches: saved where they choose, or kept in
// the account's cache for viewing (named by their SHA-256, so a picture is
// fetched once). A download broken by the network goes on where it stopped,
// by itself, after a pause that grows; one cancelled keeps its part and
// resumes when asked again. Each has a status the views read, and changed()
// says when it moves.
class Downloads : public QObject {
    Q_OBJECT

public:
    enum class State {
        Idle,    // never asked for, or cancelled
        Running, // bytes coming (or waiting for the network)
        Done,    // at `path`
        Failed,  // see `error`
    };

    struct Status {
        State state = State::Idle;
        quint64 received = 0;
        quint64 total = 0;
        QString path;
        Error error;
    };

    Downloads(Session& session, QString cacheDir, QObject* parent = nullptr);
    ~Downloads() override;

    // Saves `attachment` at `path` (replacing what is there once complete).
    void save(const Attachment& attachment, const QString& path);
    // Fetches `attachment` into the cache; Done at once when it is there.
    // One being saved is left to go on: its status says where it will be.
    void fetch(const Attachment& attachment);
    QString cachePath(const Attachment& attachment) const;
    void cancel(const QString& attachmentId);
    Status status(const QString& attachmentId) const { return m_status.value(attachmentId); }

    void setBackoffLimits(std::chrono::milliseconds initial, std::chrono::milliseconds max);

signals:
    void changed(const QString& attachmentId);

private:
    struct Running {
        std::unique_ptr<Download> download;
        Backoff backoff;
    };

    void begin(const Attachment& attachment, const QString& path);
    void onFinished(const QString& attachmentId, const Error& error);
    void set(const QString& attachmentId, const Status& status);

    Session& m_session;
    QString m_cacheDir;
    QHash<QString, Status> m_status;
    std::map<QString, Running> m_running;
    std::chrono::milliseconds m_backoffInitial{1000};
    std::chrono::milliseconds m_backoffMax{30000};
};

} // namespace confab::core
