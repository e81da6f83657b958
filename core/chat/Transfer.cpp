#include "chat/Transfer.h"

#include "Logging.h"

#include "account/Session.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>

#include <atomic>
#include <fstream>

namespace confab::core {

namespace {

// Progress is told at most this often (in bytes moved).
constexpr quint64 kProgressStep = 256 * 1024;

std::string nativePath(const QString& path)
{
    return QFile::encodeName(path).toStdString();
}

} // namespace

Transfer::Transfer(Session& session, QObject* parent)
    : QObject(parent), m_session(session), m_lifeline(std::make_shared<Lifeline>(this))
{}

void Transfer::start()
{
    m_cancelled = false;
    m_active = true;
    startCall(++m_generation);
}

void Transfer::cancel()
{
    if (m_cancelled || (!m_active && !m_renewing)) {
        return;
    }
    m_cancelled = true;
    if (m_active) {
        cancelCall(); // the call's end says Cancelled
    }
}

bool Transfer::ended(const grpc::Status& status, const Error& fileError)
{
    m_active = false;
    if (m_cancelled) {
        fail(Error::of(Error::Code::Cancelled));
        return true;
    }
    if (!fileError.ok()) {
        fail(fileError);
        return true;
    }
    if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED && !m_retried &&
        m_session.state() == Session::State::SignedIn) {
        m_retried = true;
        m_renewing = true;
        m_session.refresh([this, guard = QPointer<Transfer>(this)](bool ok) {
            if (!guard) {
                return;
            }
            m_renewing = false;
            if (m_cancelled) {
                fail(Error::of(Error::Code::Cancelled));
            } else if (ok) {
                start();
            } else {
                fail(Error::of(Error::Code::Unauthenticated));
            }
        });
        return true;
    }
    if (!status.ok()) {
        fail(Error::fromStatus(status));
        return true;
    }
    return false;
}

// The UploadAttachment call on gRPC's callback API. Each write starts the
// read of the next chunk when the one before is out, so one chunk is held.
// What happens is posted to the Upload through the lifeline, tagged with
// the generation; the call never touches the Upload itself.
class UploadCall final : public grpc::ClientWriteReactor<v1::UploadAttachmentRequest> {
public:
    UploadCall(std::shared_ptr<Lifeline> lifeline, Upload* owner, quint64 generation)
        : m_lifeline(std::move(lifeline)), m_owner(owner), m_generation(generation)
    {}

    static std::shared_ptr<UploadCall> start(Connection& connection,
                                             std::shared_ptr<Lifeline> lifeline, Upload* owner,
                                             quint64 generation, const v1::AttachmentHeader& header,
                                             const QString& path, const std::string& accessToken)
    {
        auto call = std::make_shared<UploadCall>(std::move(lifeline), owner, generation);
        call->m_self = call;
        call->m_size = header.size();
        call->m_file.open(nativePath(path), std::ios::binary);
        if (!accessToken.empty()) {
            call->m_context.AddMetadata("authorization", "Bearer " + accessToken);
        }
        *call->m_request.mutable_header() = header;
        connection.chat().async()->UploadAttachment(&call->m_context, &call->m_response,
                                                    call.get());
        if (!call->m_file) {
            call->m_fileError = QStringLiteral("cannot be read");
            call->m_context.TryCancel();
        } else {
            call->StartWrite(&call->m_request);
        }
        call->StartCall();
        return call;
    }

    void cancel() { m_context.TryCancel(); }

    void OnWriteDone(bool ok) override
    {
        if (!ok) {
            return; // the server has answered; OnDone follows
        }
        if (m_sent >= m_size) {
            StartWritesDone();
            return;
        }
        const auto want = std::min<quint64>(Upload::kChunkBytes, m_size - m_sent);
        std::string& chunk = *m_request.mutable_chunk();
        chunk.resize(want);
        m_file.read(chunk.data(), static_cast<std::streamsize>(want));
        if (static_cast<quint64>(m_file.gcount()) != want) {
            // Shorter than when it was chosen, or unreadable now.
            m_fileError = QStringLiteral("changed or became unreadable while it was sent");
            m_context.TryCancel();
            return;
        }
        m_sent += want;
        if (m_sent - m_told >= kProgressStep || m_sent == m_size) {
            m_told = m_sent;
            m_lifeline->post([owner = m_owner, generation = m_generation, sent = m_sent] {
                owner->onProgress(generation, sent);
            });
        }
        StartWrite(&m_request);
    }

    void OnDone(const grpc::Status& status) override
    {
        // gRPC's hold goes to the application's thread with the news (see
        // Lifeline::post).
        m_lifeline->post([owner = m_owner, generation = m_generation, status, response = m_response,
                          fileError = m_fileError, self = std::move(m_self)] {
            owner->onDone(generation, status, response, fileError);
        });
    }

private:
    std::shared_ptr<Lifeline> m_lifeline;
    Upload* m_owner;
    quint64 m_generation;
    std::shared_ptr<UploadCall> m_self;
    grpc::ClientContext m_context;
    v1::UploadAttachmentRequest m_request;
    v1::Attachment m_response;
    std::ifstream m_file;
    quint64 m_size = 0;
    quint64 m_sent = 0; // touched by one reaction at a time
    quint64 m_told = 0;
    QString m_fileError;
};

Upload::Upload(Session& session, v1::AttachmentHeader header, QString path, QObject* parent)
    : Transfer(session, parent), m_header(std::move(header)), m_path(std::move(path))
{}

Upload::~Upload()
{
    m_lifeline->cut();
    if (m_call) {
        m_call->cancel();
    }
}

void Upload::startCall(quint64 generation)
{
    m_sent = 0;
    m_call = UploadCall::start(m_session.connection(), m_lifeline, this, generation, m_header,
                               m_path, m_session.accessToken());
}

void Upload::cancelCall()
{
    m_call->cancel();
}

void Upload::onProgress(quint64 generation, quint64 sent)
{
    if (!isCurrent(generation)) {
        return;
    }
    m_sent = sent;
    emit progress(sent, total());
}

void Upload::onDone(quint64 generation, const grpc::Status& status,
                    const v1::Attachment& attachment, const QString& fileError)
{
    if (!isCurrent(generation)) {
        return;
    }
    m_call.reset();
    if (!ended(status, fileError.isEmpty()
                           ? Error{}
                           : Error{Error::Code::InvalidInput, QStringLiteral("file"), fileError})) {
        emit finished({}, attachment);
    }
}

// The DownloadAttachment call: each chunk is appended to the part file as
// it arrives, and the next read starts after. The SHA-256 of the whole
// file is taken here at the end, off the application's thread.
class DownloadCall final : public grpc::ClientReadReactor<v1::AttachmentChunk> {
public:
    DownloadCall(std::shared_ptr<Lifeline> lifeline, Download* owner, quint64 generation)
        : m_lifeline(std::move(lifeline)), m_owner(owner), m_generation(generation)
    {}

    static std::shared_ptr<DownloadCall> start(Connection& connection,
                                               std::shared_ptr<Lifeline> lifeline, Download* owner,
                                               quint64 generation, const QString& attachmentId,
                                               const QString& partPath, quint64 offset,
                                               quint64 size, const std::string& accessToken)
    {
        auto call = std::make_shared<DownloadCall>(std::move(lifeline), owner, generation);
        call->m_self = call;
        call->m_offset = offset;
        call->m_size = size;
        call->m_partPath = partPath;
        call->m_file.open(nativePath(partPath), std::ios::binary | std::ios::app);
        if (!accessToken.empty()) {
            call->m_context.AddMetadata("authorization", "Bearer " + accessToken);
        }
        call->m_request.set_attachment_id(attachmentId.toStdString());
        call->m_request.set_offset(offset);
        connection.chat().async()->DownloadAttachment(&call->m_context, &call->m_request,
                                                      call.get());
        if (!call->m_file) {
            call->m_fileError = QStringLiteral("cannot be written");
            call->m_context.TryCancel();
        }
        call->StartRead(&call->m_chunk);
        call->StartCall();
        return call;
    }

    void cancel() { m_context.TryCancel(); }

    void OnReadDone(bool ok) override
    {
        if (!ok) {
            return; // OnDone follows
        }
        const std::string& data = m_chunk.data();
        if (m_chunk.offset() != m_offset || m_offset + data.size() > m_size) {
            m_fileError = QStringLiteral("the server sent bytes out of place");
            m_context.TryCancel();
            return;
        }
        m_file.write(data.data(), static_cast<std::streamsize>(data.size()));
        if (!m_file) {
            m_fileError = QStringLiteral("cannot be written");
            m_context.TryCancel();
            return;
        }
        m_offset += data.size();
        if (m_offset - m_told >= kProgressStep || m_offset == m_size) {
            m_told = m_offset;
            m_lifeline->post([owner = m_owner, generation = m_generation, at = m_offset] {
                owner->onProgress(generation, at);
            });
        }
        StartRead(&m_chunk);
    }

    void OnDone(const grpc::Status& status) override
    {
        m_file.close();
        if (status.ok() && m_fileError.isEmpty() && !m_file) {
            m_fileError = QStringLiteral("cannot be written");
        }
        QString sha256;
        if (status.ok() && m_fileError.isEmpty() && m_offset == m_size) {
            QFile part(m_partPath);
            QCryptographicHash hash(QCryptographicHash::Sha256);
            if (part.open(QIODevice::ReadOnly) && hash.addData(&part)) {
                sha256 = QString::fromLatin1(hash.result().toHex());
            }
        }
        m_lifeline->post([owner = m_owner, generation = m_generation, status, at = m_offset,
                          fileError = m_fileError, sha256, self = std::move(m_self)] {
            owner->m_computedSha256 = sha256;
            owner->onDone(generation, status, at, fileError);
        });
    }

private:
    std::shared_ptr<Lifeline> m_lifeline;
    Download* m_owner;
    quint64 m_generation;
    std::shared_ptr<DownloadCall> m_self;
    grpc::ClientContext m_context;
    v1::DownloadAttachmentRequest m_request;
    v1::AttachmentChunk m_chunk;
    std::ofstream m_file;
    QString m_partPath;
    quint64 m_offset = 0;
    quint64 m_size = 0;
    quint64 m_told = 0;
    QString m_fileError;
};

Download::Download(Session& session, QString attachmentId, quint64 size, QString sha256,
                   QString path, QObject* parent)
    : Transfer(session, parent),
      m_attachmentId(std::move(attachmentId)),
      m_size(size),
      m_sha256(std::move(sha256)),
      m_path(std::move(path))
{}

Download::~Download()
{
    m_lifeline->cut();
    if (m_call) {
        m_call->cancel();
    }
}

void Download::startCall(quint64 generation)
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile part(partPath());
    quint64 have = part.exists() ? static_cast<quint64>(part.size()) : 0;
    if (have > m_size) {
        part.remove(); // not this file's beginning
        have = 0;
    }
    m_received = have;
    m_call = DownloadCall::start(m_session.connection(), m_lifeline, this, generation,
                                 m_attachmentId, partPath(), have, m_size, m_session.accessToken());
}

void Download::cancelCall()
{
    m_call->cancel();
}

void Download::onProgress(quint64 generation, quint64 received)
{
    if (!isCurrent(generation)) {
        return;
    }
    m_received = received;
    emit progress(received, m_size);
}

void Download::onDone(quint64 generation, const grpc::Status& status, quint64 received,
                      const QString& fileError)
{
    if (!isCurrent(generation)) {
        return;
    }
    m_call.reset();
    m_received = received;
    if (!ended(status, fileError.isEmpty()
                           ? Error{}
                           : Error{Error::Code::Internal, QStringLiteral("file"), fileError})) {
        complete();
    }
}

void Download::complete()
{
    if (m_received != m_size || m_computedSha256 != m_sha256) {
        // Not the file the message names: it starts again from nothing.
        QFile::remove(partPath());
        qCWarning(lcChat) << "download of" << m_attachmentId << "did not match; dropped";
        emit finished(Error{Error::Code::Internal, QStringLiteral("file"),
                            QStringLiteral("arrived damaged")});
        return;
    }
    QFile::remove(m_path);
    if (!QFile::rename(partPath(), m_path)) {
        emit finished(Error{Error::Code::Internal, QStringLiteral("file"),
                            QStringLiteral("cannot be written")});
        return;
    }
    emit finished({});
}

} // namespace confab::core
