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

// One UploadAttachment call: the header, then the file's bytes in chunks of
// 64 KiB read as the call takes them (one write in flight, never the whole
// file in memory). finished() comes once, on this object's thread; an
// answer UNAUTHENTICATED renews the session's token and starts again once.
class Upload : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kChunkBytes = 64 * 1024;

    // `path` holds the bytes; `header.size` is their number.
    Upload(Session& session, v1::AttachmentHeader header, QString path, QObject* parent = nullptr);
    ~Upload() override;

    void start();
    // finished() follows with Error::Code::Cancelled.
    void cancel();
    quint64 sent() const { return m_sent; }
    quint64 total() const { return m_header.size(); }

signals:
    void progress(quint64 sent, quint64 total);
    void finished(const confab::core::Error& error, const confab::v1::Attachment& attachment);

private:
    friend class UploadCall;
    void onProgress(quint64 generation, quint64 sent);
    void onDone(quint64 generation, const grpc::Status& status, const v1::Attachment& attachment,
                const QString& fileError);

    Session& m_session;
    v1::AttachmentHeader m_header;
    QString m_path;
    std::shared_ptr<Lifeline> m_lifeline;
    std::shared_ptr<UploadCall> m_call;
    quint64 m_generation = 0;
    quint64 m_sent = 0;
    bool m_retried = false;
    bool m_cancelled = false;
};

// One DownloadAttachment call into `path`.part, from the bytes already
// there on (a download that broke goes on where it stopped); once all
// `size` bytes are in and their SHA-256 is `sha256`, the part becomes
// `path`. Writes each chunk as it arrives; nothing more is held.
class Download : public QObject {
    Q_OBJECT

public:
    Download(Session& session, QString attachmentId, quint64 size, QString sha256, QString path,
             QObject* parent = nullptr);
    ~Download() override;

    void start();
    // finished() follows with Error::Code::Cancelled; the part stays, to resume.
    void cancel();
    quint64 received() const { return m_received; }
    quint64 total() const { return m_size; }
    const QString& path() const { return m_path; }
    // A call is under way (not between tries).
    bool isActive() const { return m_call != nullptr; }
    QString partPath() const { return m_path + QStringLiteral(".part"); }

signals:
    void progress(quint64 received, quint64 total);
    void finished(const confab::core::Error& error);

private:
    friend class DownloadCall;
    void onProgress(quint64 generation, quint64 received);
    void onDone(quint64 generation, const grpc::Status& status, quint64 received,
                const QString& fileError);
    void complete();

    Session& m_session;
    QString m_attachmentId;
    quint64 m_size;
    QString m_sha256;
    QString m_path;
    std::shared_ptr<Lifeline> m_lifeline;
    std::shared_ptr<DownloadCall> m_call;
    quint64 m_generation = 0;
    quint64 m_received = 0;
    QString m_computedSha256; // of the whole part, once every byte is in
    bool m_retried = false;
    bool m_cancelled = false;
};

} // namespace confab::core
