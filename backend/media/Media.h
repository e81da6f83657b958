#pragma once

#include "media/Transfers.h"
#include "rpc/Runtime.h"

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <mutex>
#include <string_view>
#include <thread>

namespace confab::backend {

// Attachments on the wire: UploadAttachment and DownloadAttachment, served
// raw (each request parsed here, so a malformed one is INVALID_ARGUMENT) on
// the callback API with one read or write in flight and a bounded buffer
// per transfer, whatever the file's size. Also the housekeeping: stalled
// transfers are cancelled, uploads no message carries expire.
class Media {
public:
    explicit Media(Runtime& runtime);
    ~Media();
    Media(const Media&) = delete;
    Media& operator=(const Media&) = delete;

    grpc::ServerReadReactor<grpc::ByteBuffer>* upload(grpc::CallbackServerContext* ctx,
                                                      grpc::ByteBuffer* response);
    grpc::ServerWriteReactor<grpc::ByteBuffer>* download(grpc::CallbackServerContext* ctx,
                                                         const grpc::ByteBuffer* request);

    Runtime& runtime() { return m_rt; }
    Transfers& transfers() { return m_transfers; }

    // Bytes of an upload kept in memory before they are handed to the store.
    static constexpr std::size_t kPartBytes = 256 * 1024;

private:
    void housekeeping();

    Runtime& m_rt;
    Transfers m_transfers;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

namespace media {

// "image/png", "image/jpeg", "image/gif", "image/webp", or "" when the
// first bytes of a file are none of these.
std::string_view pictureType(std::string_view bytes);

} // namespace media

} // namespace confab::backend
