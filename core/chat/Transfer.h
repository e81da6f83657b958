#pragma once

#include "net/Error.h"
#include "net/Rpc.h"

#include <QObject>
#include <QString>

#include <memory>

namespace confab::core {

class Session;
class UploadCall;
class DownloadCall;

// What an upload and a download share: the session and the lifeline their
// call posts through; the generation that tells the news of the call under
// way from that of one before it; cancelling; and, when the server answers
// UNAUTHENTICATED, renewing the session's token and starting again, once.
class Transfer : public QObject {
    Q_OBJECT

public:
    void start();
    // Stops the call under way, or the start that waits for a renewed
    // token; finished() follows with Error::Code::Cancelled.
    void cancel();
    // A call is under way (not between tries).
    bool isActive() const { return m_active; }

protected:
    Transfer(Session& session, QObject* parent);

    // Starts the call whose news carries `generation`.
    virtual void startCall(quint64 generation) = 0;
    virtual void cancelCall() = 0;
    // Emits finished() with `error`.
    virtual void fail(const Error& error) = 0;

    bool isCurrent(quint64 generation) const { return generation == m_generation; }
    // The current call ended with `status` (and `fileError` when the local
    // file failed it). True when that is the end of it here: cancelled, a
    // file error, a refusal (fail() said so), or a renewed token and a new
    // start; false when the call went through.
    bool ended(const grpc::Status& status, const Error& fileError);

    Session& m_session;
    std::shared_ptr<Lifeline> m_lifeline;

private:
    quint64 m_generation = 0;
    bool m_active = false;
    bool m_renewing = false;
    bool m_retried = false;
    bool m_cancelled = false;
};

// One UploadAttachment call: the header, then the file's bytes in chunks of
// 64 KiB read as the call takes them (one write in flight, never the whole
// file in memory). finished() comes once, on this object's thread.
class Upload : public Transfer {
    Q_OBJECT

public:
    static constexpr qint64 kChunkBytes = 64 * 1024;

    // `path` holds the bytes; `header.size` is their number.
    Upload(Session& session, v1::AttachmentHeader header, QString path, QObject* parent = nullptr);
    ~Upload() override;

    quint64 sent() const { return m_sent; }
    quint64 total() const { return m_header.size(); }

signals:
    void progress(quint64 sent, quint64 total);
    void finished(const confab::core::Error& error, const confab::v1::Attachment& attachment);

private:
    friend class UploadCall;
    void startCall(quint64 generation) override;
    void cancelCall() override;
    void fail(const Error& error) override { emit finished(error, {}); }
    void onProgress(quint64 generation, quint64 sent);
    void onDone(quint64 generation, const grpc::Status& status, const v1::Attachment& attachment,
                const QString& fileError);

    v1::AttachmentHeader m_header;
    QString m_path;
    std::shared_ptr<UploadCall> m_call;
    quint64 m_sent = 0;
};

// One DownloadAttachment call into `path`.part, from the bytes already
// there on (a download that broke goes on where it stopped); once all
// `size` bytes are in and their SHA-256 is `sha256`, the part becomes
// `path`. Writes each chunk as it arrives; nothing more is held.
// A cancelled download keeps its part, to resume.
class Download : public Transfer {
    Q_OBJECT

public:
    Download(Session& session, QString attachmentId, quint64 size, QString sha256, QString path,
             QObject* parent = nullptr);
    ~Download() override;

    quint64 received() const { return m_received; }
    quint64 total() const { return m_size; }
    const QString& path() const { return m_path; }
    QString partPath() const { return m_path + QStringLiteral(".part"); }

signals:
    void progress(quint64 received, quint64 total);
    void finished(const confab::core::Error& error);

private:
    friend class DownloadCall;
    void startCall(quint64 generation) override;
    void cancelCall() override;
    void fail(const Error& error) override { emit finished(error); }
    void onProgress(quint64 generation, quint64 received);
    void onDone(quint64 generation, const grpc::Status& status, quint64 received,
                const QString& fileError);
    void complete();

    QString m_attachmentId;
    quint64 m_size;
    QString m_sha256;
    QString m_path;
    std::shared_ptr<DownloadCall> m_call;
    quint64 m_received = 0;
    QString m_computedSha256; // of the whole part, once every byte is in
};

} // namespace confab::core
