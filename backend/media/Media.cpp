#include "media/Media.h"

#include "base/ApiError.h"
#include "base/Crypto.h"
#include "base/Log.h"
#include "rpc/Validation.h"
#include "store/Views.h"

#include "confab/v1/chat.pb.h"

#include <grpcpp/impl/codegen/proto_utils.h>

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <optional>

namespace confab::backend {

namespace media {

std::string_view pictureType(std::string_view bytes)
{
    // The types avatars and thumbnails take, and GIF.
    const std::string_view type = validate::imageType(bytes);
    if (type == "png") {
        return "image/png";
    }
    if (type == "jpeg") {
        return "image/jpeg";
    }
    if (type == "webp") {
        return "image/webp";
    }
    if (bytes.starts_with("GIF87a") || bytes.starts_with("GIF89a")) {
        return "image/gif";
    }
    return {};
}

} // namespace media

namespace {

template <typename Message>
bool parse(const grpc::ByteBuffer& raw, Message& out)
{
    grpc::ByteBuffer copy(raw);
    return grpc::SerializationTraits<Message>::Deserialize(&copy, &out).ok();
}

template <typename Message>
void serialize(const Message& message, grpc::ByteBuffer& out)
{
    bool own = false;
    out.Clear();
    grpc::SerializationTraits<Message>::Serialize(message, &out, &own);
}

void validateFileName(const std::string& name, const Limits& limits)
{
    validate::text("file_name", name, 1, limits.fileNameMax, false);
    if (name == "." || name == ".." || name.find_first_of("/\\") != std::string::npos) {
        throw invalidArgument("file_name: a file name without directories");
    }
}

// type/subtype in the characters of RFC 6838, lower-cased; empty: unknown.
std::string normalizedMimeType(const std::string& value)
{
    if (value.empty()) {
        return "application/octet-stream";
    }
    const auto slash = value.find('/');
    const auto okChar = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("!#$&-^_.+").find(c) != std::string_view::npos;
    };
    if (value.size() > 127 || slash == std::string::npos || slash == 0 ||
        slash + 1 == value.size() || !std::all_of(value.begin(), value.begin() + slash, okChar) ||
        !std::all_of(value.begin() + slash + 1, value.end(), okChar)) {
        throw invalidArgument("mime_type: must be a media type like image/png (or empty)");
    }
    std::string lower = value;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

void validateHeader(const v1::AttachmentHeader& header, const Limits& limits)
{
    validate::id("room_id", header.room_id());
    validateFileName(header.file_name(), limits);
    if (header.size() > limits.attachmentMaxBytes) {
        throw invalidArgument("size: a file may have at most " +
                              std::to_string(limits.attachmentMaxBytes / (1024 * 1024)) + " MiB");
    }
    const std::string& thumbnail = header.thumbnail();
    if (thumbnail.size() > limits.thumbnailMaxBytes ||
        (!thumbnail.empty() && validate::imageType(thumbnail).empty())) {
        throw invalidArgument("thumbnail: must be a PNG, JPEG or WebP image of at most " +
                              std::to_string(limits.thumbnailMaxBytes / 1024) + " KiB");
    }
    constexpr std::uint32_t kMaxPixels = 100000;
    if (header.width() > kMaxPixels || header.height() > kMaxPixels) {
        throw invalidArgument("width: width and height must be at most " +
                              std::to_string(kMaxPixels));
    }
}

// The server side of UploadAttachment. One step at a time: a read, then
// (every kPartBytes, and at the end) a hand-off of the bytes to the store
// on a worker, then the next read; so an upload holds at most a part and a
// chunk in memory, and a client that sends faster than the store writes
// waits in HTTP/2 flow control.
class UploadReactor final : public grpc::ServerReadReactor<grpc::ByteBuffer> {
public:
    UploadReactor(Media& media, grpc::CallbackServerContext* ctx, grpc::ByteBuffer* response)
        : m_media(media), m_rt(media.runtime()), m_ctx(ctx), m_response(response)
    {
        auto token = Runtime::bearerToken(ctx);
        if (!token) {
            Finish(unauthenticated().status());
            return;
        }
        // Who is asking comes first: nothing the client sends is looked at
        // before the token is known to be good.
        work([this, token = std::move(*token)] {
            m_who = m_rt.authenticate(token);
            StartRead(&m_raw);
        });
    }

    void OnReadDone(bool ok) override
    {
        if (!m_begun) {
            onHeader(ok);
        } else {
            onChunk(ok);
        }
    }
    void OnCancel() override { m_cancelled = true; }
    void OnDone() override { delete this; }

private:
    void onHeader(bool ok)
    {
        if (!ok) {
            end(m_cancelled
                    ? grpc::Status::CANCELLED
                    : invalidArgument("header: the upload ended before its header").status());
            return;
        }
        v1::UploadAttachmentRequest request;
        if (!parse(m_raw, request)) {
            end(invalidArgument("request: not an UploadAttachmentRequest").status());
            return;
        }
        if (!request.has_header()) {
            end(invalidArgument("header: must come before the chunks").status());
            return;
        }
        m_header = std::move(*request.mutable_header());
        work([this] {
            const Principal& who = m_who;
            m_rt.rates().take(who.userId, RateLimits::Action::Upload);
            validateHeader(m_header, m_rt.limits());
            const auto ticket = m_media.transfers().enter(who.userId, m_ctx);
            if (!ticket) {
                throw resourceExhausted("upload: too many transfers at once; wait for some to "
                                        "finish");
            }
            m_ticket = *ticket;
            AttachmentRecord upload;
            upload.id = crypto::newId();
            upload.roomId = m_header.room_id();
            upload.uploaderId = who.userId;
            upload.fileName = m_header.file_name();
            upload.mimeType = normalizedMimeType(m_header.mime_type());
            upload.size = m_header.size();
            upload.width = m_header.width();
            upload.height = m_header.height();
            upload.thumbnail = m_header.thumbnail();
            upload.createdAt = nowMicros();
            const auto& config = m_rt.config().media;
            m_rt.store().attachments().begin(
                upload, config.quotaBytesPerDay,
                upload.createdAt -
                    std::chrono::duration_cast<std::chrono::microseconds>(config.quotaWindow)
                        .count());
            m_id = upload.id;
            m_declaredType = upload.mimeType;
            m_begun = true;
            m_pending.reserve(Media::kPartBytes + m_rt.limits().chunkMaxBytes);
            StartRead(&m_raw);
        });
    }

    void onChunk(bool ok)
    {
        if (!ok) {
            if (m_cancelled) {
                end(grpc::Status::CANCELLED);
                return;
            }
            work([this] { complete(); }); // the client has sent everything
            return;
        }
        v1::UploadAttachmentRequest request;
        if (!parse(m_raw, request)) {
            end(invalidArgument("request: not an UploadAttachmentRequest").status());
            return;
        }
        if (request.has_header()) {
            end(invalidArgument("header: only one, before the chunks").status());
            return;
        }
        const std::string& chunk = request.chunk();
        if (chunk.size() > m_rt.limits().chunkMaxBytes) {
            end(invalidArgument("chunk: at most " +
                                std::to_string(m_rt.limits().chunkMaxBytes / 1024) + " KiB")
                    .status());
            return;
        }
        if (m_received + chunk.size() > m_header.size()) {
            end(invalidArgument("size: more bytes arrived than the " +
                                std::to_string(m_header.size()) + " announced")
                    .status());
            return;
        }
        m_media.transfers().touch(m_ticket);
        m_received += chunk.size();
        m_hash.update(chunk);
        m_pending += chunk;
        if (m_pending.size() >= Media::kPartBytes) {
            work([this] {
                store();
                StartRead(&m_raw);
            });
        } else {
            StartRead(&m_raw);
        }
    }

    // On a worker: hands what is pending to the store.
    void store()
    {
        if (m_pending.empty()) {
            return;
        }
        if (m_written == 0) {
            m_sniffed = media::pictureType(m_pending);
        }
        m_rt.store().attachments().append(m_id, m_written, m_pending);
        m_written += m_pending.size();
        m_pending.clear();
    }

    // On a worker: the client has sent everything.
    void complete()
    {
        if (m_received != m_header.size()) {
            throw invalidArgument("size: " + std::to_string(m_header.size()) +
                                  " bytes were announced and " + std::to_string(m_received) +
                                  " arrived");
        }
        store();
        // What the bytes show wins over what the client said: a picture is
        // only called one when it is one.
        std::string mimeType(m_sniffed);
        if (mimeType.empty()) {
            mimeType =
                m_declaredType.starts_with("image/") ? "application/octet-stream" : m_declaredType;
        }
        const AttachmentRecord done =
            m_rt.store().attachments().finish(m_id, m_hash.finishHex(), mimeType);
        m_finished = true;
        serialize(views::attachment(done), *m_response);
        end(grpc::Status::OK);
    }

    // Runs `step` on a worker; what it throws ends the upload.
    template <typename Step>
    void work(Step step)
    {
        auto run = [this, step = std::move(step)]() mutable {
            const grpc::Status status = guarded("UploadAttachment", [&] {
                step();
                return grpc::Status::OK;
            });
            if (!status.ok()) {
                end(status);
            }
        };
        if (!m_begun) {
            if (!m_rt.workers().tryPost(std::move(run))) {
                end(Runtime::busy());
            }
        } else {
            m_rt.workers().post(std::move(run)); // admitted already
        }
    }

    // Ends the call once: an unfinished upload is forgotten.
    void end(const grpc::Status& status)
    {
        if (m_ended.exchange(true)) {
            return;
        }
        if (m_begun && !m_finished) {
            const bool posted = m_rt.workers().tryPost([&rt = m_rt, id = m_id] {
                try {
                    rt.store().attachments().abort(id);
                } catch (const std::exception& e) {
                    log::rpc().warn("UploadAttachment: abort of {}: {}", id, e.what());
                }
            });
            if (!posted) {
                log::rpc().warn("UploadAttachment: {} left to expire", m_id);
            }
        }
        if (m_ticket != 0) {
            m_media.transfers().leave(m_ticket);
        }
        Finish(status);
    }

    Media& m_media;
    Runtime& m_rt;
    grpc::CallbackServerContext* m_ctx;
    grpc::ByteBuffer* m_response;
    Principal m_who;
    grpc::ByteBuffer m_raw;
    v1::AttachmentHeader m_header;
    std::string m_id;
    std::string m_declaredType;
    std::string_view m_sniffed;
    Transfers::Id m_ticket = 0;
    bool m_begun = false;
    bool m_finished = false;
    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_ended{false};
    std::uint64_t m_received = 0;
    std::uint64_t m_written = 0;
    std::string m_pending;
    crypto::Sha256 m_hash;
};

// The server side of DownloadAttachment: a chunk read from the store on a
// worker, written, and only then the next; a client that reads slowly
// holds one chunk.
class DownloadReactor final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
public:
    static constexpr std::size_t kChunkBytes = 64 * 1024;

    DownloadReactor(Media& media, grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* raw)
        : m_media(media), m_rt(media.runtime()), m_ctx(ctx)
    {
        auto token = Runtime::bearerToken(ctx);
        if (!token) {
            end(unauthenticated().status());
            return;
        }
        v1::DownloadAttachmentRequest request;
        if (!parse(*raw, request)) {
            end(invalidArgument("request: not a DownloadAttachmentRequest").status());
            return;
        }
        m_id = request.attachment_id();
        m_offset = request.offset();
        const bool posted = m_rt.workers().tryPost([this, token = std::move(*token)] {
            step([&] {
                const Principal who = m_rt.authenticate(token);
                validate::id("attachment_id", m_id);
                const auto attachment = m_rt.store().attachments().byId(m_id);
                // An upload not sent yet is its uploader's alone.
                if (!attachment || !attachment->complete ||
                    (attachment->messageId.empty() && attachment->uploaderId != who.userId)) {
                    throw notFound("attachment_id: not found");
                }
                if (!m_rt.store().rooms().membership(attachment->roomId, who.userId)) {
                    throw permissionDenied("attachment_id: you are not a member of its room");
                }
                if (m_offset > attachment->size) {
                    throw ApiError(grpc::StatusCode::OUT_OF_RANGE,
                                   "offset: past the end of the file (" +
                                       std::to_string(attachment->size) + " bytes)");
                }
                const auto ticket = m_media.transfers().enter(who.userId, m_ctx);
                if (!ticket) {
                    throw resourceExhausted("download: too many transfers at once; wait for some "
                                            "to finish");
                }
                m_ticket = *ticket;
                m_size = attachment->size;
                next();
            });
        });
        if (!posted) {
            end(Runtime::busy());
        }
    }

    void OnWriteDone(bool ok) override
    {
        if (!ok) {
            end(grpc::Status::CANCELLED);
            return;
        }
        m_media.transfers().touch(m_ticket);
        m_rt.workers().post([this] { step([&] { next(); }); });
    }
    void OnDone() override { delete this; }

private:
    // On a worker: the next chunk, or the end.
    void next()
    {
        if (m_offset >= m_size) {
            end(grpc::Status::OK);
            return;
        }
        v1::AttachmentChunk chunk;
        chunk.set_offset(m_offset);
        chunk.set_data(m_rt.store().attachments().read(m_id, m_offset, kChunkBytes));
        if (chunk.data().empty()) {
            throw std::runtime_error("attachment " + m_id + " has fewer bytes than its size");
        }
        m_offset += chunk.data().size();
        serialize(chunk, m_out);
        StartWrite(&m_out);
    }

    template <typename Fn>
    void step(Fn&& fn)
    {
        const grpc::Status status = guarded("DownloadAttachment", [&] {
            fn();
            return grpc::Status::OK;
        });
        if (!status.ok()) {
            end(status);
        }
    }

    void end(const grpc::Status& status)
    {
        if (m_ended.exchange(true)) {
            return;
        }
        if (m_ticket != 0) {
            m_media.transfers().leave(m_ticket);
        }
        Finish(status);
    }

    Media& m_media;
    Runtime& m_rt;
    grpc::CallbackServerContext* m_ctx;
    std::string m_id;
    std::uint64_t m_offset = 0;
    std::uint64_t m_size = 0;
    Transfers::Id m_ticket = 0;
    grpc::ByteBuffer m_out;
    std::atomic<bool> m_ended{false};
};

} // namespace

Media::Media(Runtime& runtime)
    : m_rt(runtime), m_transfers(runtime.config().media), m_thread([this] { housekeeping(); })
{}

Media::~Media()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

grpc::ServerReadReactor<grpc::ByteBuffer>* Media::upload(grpc::CallbackServerContext* ctx,
                                                         grpc::ByteBuffer* response)
{
    return new UploadReactor(*this, ctx, response);
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* Media::download(grpc::CallbackServerContext* ctx,
                                                            const grpc::ByteBuffer* request)
{
    return new DownloadReactor(*this, ctx, request);
}

void Media::housekeeping()
{
    pthread_setname_np(pthread_self(), "media");
    const MediaConfig& config = m_rt.config().media;
    auto nextExpiry = std::chrono::steady_clock::now();
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        m_transfers.cancelIdle();
        if (std::chrono::steady_clock::now() >= nextExpiry) {
            try {
                const Micros before =
                    nowMicros() -
                    std::chrono::duration_cast<std::chrono::microseconds>(config.unsentExpiry)
                        .count();
                if (const auto removed = m_rt.store().attachments().expire(before)) {
                    log::server().info("removed {} uploads no message carried", removed);
                }
            } catch (const std::exception& e) {
                log::server().error("attachment expiry: {}", e.what());
            }
            nextExpiry = std::chrono::steady_clock::now() + config.expiryInterval;
        }
        lock.lock();
        m_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_stopping; });
    }
}

} // namespace confab::backend
