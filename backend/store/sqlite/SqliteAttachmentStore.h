#pragma once

#include "store/AttachmentStore.h"
#include "store/sqlite/SqliteEngine.h"

#include <filesystem>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace confab::backend {

// Attachments beside the SQLite file: a row each in the database, the
// bytes in a file of their own under `dir` (named by the attachment's id,
// which is ours, never a client's). An upload's file is written as its
// bytes arrive and synced before the row says it is complete; files whose
// rows are gone (a crash between the two) are removed by expire().
class SqliteAttachmentStore final : public AttachmentStore {
public:
    SqliteAttachmentStore(sqlite::Engine& engine, std::filesystem::path dir);
    ~SqliteAttachmentStore() override;

    void begin(const AttachmentRecord& upload, std::uint64_t quotaBytes, Micros since) override;
    void append(const std::string& id, std::uint64_t offset, std::string_view bytes) override;
    AttachmentRecord finish(const std::string& id, const std::string& sha256,
                            const std::string& mimeType) override;
    void abort(const std::string& id) override;
    std::optional<AttachmentRecord> byId(const std::string& id) override;
    std::string read(const std::string& id, std::uint64_t offset, std::size_t max) override;
    std::size_t expire(Micros before) override;

    // Removes the files of attachments whose rows were deleted (with their
    // message).
    void removeFiles(const std::vector<std::string>& ids);

private:
    std::filesystem::path pathOf(const std::string& id) const;
    // The open file of an upload in progress; opened on first use.
    int uploadFile(const std::string& id);
    void closeUpload(const std::string& id);

    sqlite::Engine& m_db;
    const std::filesystem::path m_dir;
    std::mutex m_mutex;
    std::unordered_map<std::string, int> m_open;
};

} // namespace confab::backend
