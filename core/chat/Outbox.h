#pragma once

#include "net/Backoff.h"
#include "net/Error.h"
#include "net/Rpc.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <map>
#include <memory>
#include <vector>

namespace confab::core {

class Session;
class Upload;

// A file to send with a message, as the app hands it over: the bytes are in
// `sourcePath`, or in `bytes` (a pasted picture). The outbox keeps a copy,
// so the file may move or go once it is queued.
struct OutgoingFile {
    QString sourcePath;
    QByteArray bytes;
    QString fileName;
    QString mimeType;
    int width = 0; // pictures: their size in pixels,
    int height = 0;
    QByteArray thumbnail; // and a PNG, JPEG or WebP of at most 64 KiB
};

// A file of a message in the outbox.
struct OutboxFile {
    QString path; // the outbox's copy
    QString fileName;
    QString mimeType;
    quint64 size = 0;
    int width = 0;
    int height = 0;
    QByteArray thumbnail;
    // Once uploaded: the server's id for it, and when.
    QString attachmentId;
    QDateTime uploadedAt;
};

// A message written here and not yet stored by the server.
struct OutboxItem {
    enum class State {
        Pending, // waiting to go out (or to be tried again)
        Sending, // a request is under way
        Failed,  // refused for good; see `error`
    };

    QString roomId;
    QString clientMessageId;
    QString text;
    QString replyTo;
    QList<OutboxFile> files;
    State state = State::Pending;
    Error error;
    QDateTime createdAt;
    // Bytes of the files uploaded so far (not kept across restarts).
    quint64 uploadedBytes = 0;

    quint64 filesBytes() const
    {
        quint64 total = 0;
        for (const auto& file : files) {
            total += file.size;
        }
        return total;
    }
};

// Messages on their way out. Each room's messages go out one at a time, in
// the order written, each with its own client_message_id on every try, so
// the server stores each exactly once however often it is retried. Network
// trouble means trying again later (with backoff, or at once when the
// stream is live again); a refusal (bad input, no permission, no such room)
// marks the message Failed, to be edited and retried or discarded.
//
// A message with files uploads each file first (UploadAttachment; the
// attachment ids are kept as they come, so a file is not uploaded twice),
// then sends the message with their ids. An upload still under way can be
// stopped by discarding the message.
//
// Pending and failed messages are kept in `outbox.json` in the directory
// given, with copies of their files beside it, so they survive a restart:
// message drafts only, never a token.
class Outbox : public QObject {
    Q_OBJECT

public:
    Outbox(Session& session, const QString& dataDir, QObject* parent = nullptr);
    ~Outbox() override;

    // Sending happens only between start() and stop().
    void start();
    void stop();

    // A file larger than this is refused before it is copied.
    static constexpr quint64 kMaxFileBytes = quint64(1) << 30;
    // An upload older than this is made again before the message goes
    // (the server forgets unsent uploads after a day).
    static constexpr qint64 kUploadFreshSecs = 20 * 3600;

    // Queues a message; returns its client_message_id, or an empty string
    // when there is nothing to send or a file cannot be kept (`error` says
    // why: field "file").
    QString send(const QString& roomId, const QString& text, const QString& replyTo = {},
                 const QList<OutgoingFile>& files = {}, Error* error = nullptr);
    // Replaces the text of a failed message (it stays Failed until retried).
    bool edit(const QString& clientMessageId, const QString& text);
    // Queues a failed message again.
    bool retry(const QString& clientMessageId);
    // Drops a message that is not under way (or still uploading its files:
    // the upload stops). One tried before without an answer may still have
    // been stored; the stream then shows it.
    bool discard(const QString& clientMessageId);
    // Tries every waiting room now (the server is reachable again).
    void retryNow();
    // The stream shows one of ours stored: done, whatever the request says.
    void confirm(const v1::Message& message);

    // In the order written; all rooms when `roomId` is empty.
    std::vector<OutboxItem> items(const QString& roomId = {}) const;
    const OutboxItem* find(const QString& clientMessageId) const;
    int size() const { return static_cast<int>(m_items.size()); }
    QString filePath() const { return m_filePath; }

    void setBackoffLimits(std::chrono::milliseconds initial, std::chrono::milliseconds max);

signals:
    void itemAdded(const confab::core::OutboxItem& item);
    void itemChanged(const confab::core::OutboxItem& item);
    void itemDiscarded(const QString& roomId, const QString& clientMessageId);
    // Exactly once per message: the server stored it as `message`.
    void messageSent(const QString& roomId, const QString& clientMessageId,
                     const confab::v1::Message& message);
    void saveFailed(const QString& detail);

private:
    struct RoomQueue {
        bool inFlight = false;
        bool held = false; // waiting for retryNow() (the session needs renewing)
        Backoff backoff;
        std::unique_ptr<QTimer> retryTimer;
        // The file upload under way and whose it is.
        std::unique_ptr<Upload> upload;
        QString uploading;
    };

    OutboxItem* findItem(const QString& clientMessageId);
    RoomQueue& queue(const QString& roomId);
    void sendNext(const QString& roomId);
    void upload(const QString& roomId, OutboxItem& item, int file);
    void onUploaded(const QString& roomId, const QString& clientMessageId, int file,
                    const Error& error, const v1::Attachment& attachment);
    void onSent(const QString& roomId, const QString& clientMessageId, const Error& error,
                const v1::Message& message);
    // A try that did not work: again later, or Failed for good.
    void onFailed(const QString& roomId, const QString& clientMessageId, const Error& error);
    void removeFiles(const OutboxItem& item);
    void finish(const QString& clientMessageId, const v1::Message& message);
    void load();
    void save();

    Session& m_session;
    QString m_filePath;
    QString m_filesDir;
    bool m_started = false;
    std::vector<OutboxItem> m_items;
    std::map<QString, RoomQueue> m_queues;
    std::chrono::milliseconds m_backoffInitial{500};
    std::chrono::milliseconds m_backoffMax{30000};
};

} // namespace confab::core
