#pragma once

#include "store/AttachmentStore.h"
#include "store/postgres/PgEngine.h"

namespace confab::backend {

// Attachments in PostgreSQL, where every instance reads them: a row each,
// the bytes as parts of at most a few hundred KiB in attachment_parts. The
// parts of an upload are written as they arrive without waiting for the
// disk (synchronous_commit off); finishing commits synchronously, which
// makes every earlier part durable too (the WAL is flushed in order).
class PgAttachmentStore final : public AttachmentStore {
public:
    explicit PgAttachmentStore(pg::Engine& engine) : m_db(engine) {}

    void begin(const AttachmentRecord& upload, std::uint64_t quotaBytes, Micros since) override;
    void append(const std::string& id, std::uint64_t offset, std::string_view bytes) override;
    AttachmentRecord finish(const std::string& id, const std::string& sha256,
                            const std::string& mimeType) override;
    void abort(const std::string& id) override;
    std::optional<AttachmentRecord> byId(const std::string& id) override;
    std::string read(const std::string& id, std::uint64_t offset, std::size_t max) override;
    std::size_t expire(Micros before) override;

private:
    pg::Engine& m_db;
};

} // namespace confab::backend
