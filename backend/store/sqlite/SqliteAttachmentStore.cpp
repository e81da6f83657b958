#include "store/sqlite/SqliteAttachmentStore.h"

#include "base/ApiError.h"
#include "store/sqlite/SqliteRows.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <system_error>

namespace confab::backend {

namespace {

using namespace sqlite;

[[noreturn]] void throwErrno(const std::string& what)
{
    throw std::system_error(errno, std::generic_category(), what);
}

// Our ids are hex; anything else names no file of ours.
bool isFileId(const std::string& id)
{
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    });
}

void syncDirectory(const std::filesystem::path& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        throwErrno("open " + dir.string());
    }
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) {
        throwErrno("fsync " + dir.string());
    }
}

} // namespace

SqliteAttachmentStore::SqliteAttachmentStore(sqlite::Engine& engine, std::filesystem::path dir)
    : m_db(engine), m_dir(std::move(dir))
{
    std::filesystem::create_directories(m_dir);
    std::filesystem::permissions(m_dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);
}

SqliteAttachmentStore::~SqliteAttachmentStore()
{
    for (const auto& [id, fd] : m_open) {
        ::close(fd);
    }
}

std::filesystem::path SqliteAttachmentStore::pathOf(const std::string& id) const
{
    if (!isFileId(id)) {
        throw notFound("attachment_id: not found");
    }
    return m_dir / id;
}

int SqliteAttachmentStore::uploadFile(const std::string& id)
{
    const auto path = pathOf(id);
    std::lock_guard lock(m_mutex);
    if (const auto it = m_open.find(id); it != m_open.end()) {
        return it->second;
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        throwErrno("open " + path.string());
    }
    m_open.emplace(id, fd);
    return fd;
}

void SqliteAttachmentStore::closeUpload(const std::string& id)
{
    std::lock_guard lock(m_mutex);
    if (const auto it = m_open.find(id); it != m_open.end()) {
        ::close(it->second);
        m_open.erase(it);
    }
}

void SqliteAttachmentStore::begin(const AttachmentRecord& upload, std::uint64_t quotaBytes,
                                  Micros since)
{
    pathOf(upload.id); // an id that can name a file
    m_db.write([&](Database& db) {
        if (!selectMembership(db, upload.roomId, upload.uploaderId)) {
            requireRoom(db, upload.roomId);
            throw permissionDenied("room_id: you are not a member of this room");
        }
        Statement& used = db.prepare("SELECT COALESCE(SUM(size), 0) FROM attachments "
                                     "WHERE uploader_id = ? AND created_at >= ?");
        used.with(upload.uploaderId, since);
        used.step();
        const auto bytes = static_cast<std::uint64_t>(used.integer(0));
        used.reset();
        if (auto refusal = quotaRefusal(bytes, upload.size, quotaBytes)) {
            throw resourceExhausted(std::move(*refusal));
        }
        db.prepare("INSERT INTO attachments (id, room_id, uploader_id, file_name, mime_type, size, "
                   "width, height, thumbnail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .with(upload.id, upload.roomId, upload.uploaderId, upload.fileName, upload.mimeType,
                  upload.size, std::int64_t{upload.width}, std::int64_t{upload.height},
                  std::string_view{}, upload.createdAt)
            .bindBlob(9, upload.thumbnail)
            .run();
    });
}

void SqliteAttachmentStore::append(const std::string& id, std::uint64_t offset,
                                   std::string_view bytes)
{
    const int fd = uploadFile(id);
    while (!bytes.empty()) {
        const ssize_t written =
            ::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            throwErrno("write attachment " + id);
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
        offset += static_cast<std::uint64_t>(written);
    }
}

AttachmentRecord SqliteAttachmentStore::finish(const std::string& id, const std::string& sha256,
                                               const std::string& mimeType)
{
    const auto path = pathOf(id);
    const int fd = uploadFile(id); // an empty file is opened (created) here
    struct stat st {};
    const bool synced = ::fsync(fd) == 0 && ::fstat(fd, &st) == 0;
    closeUpload(id);
    if (!synced) {
        throwErrno("sync attachment " + id);
    }
    syncDirectory(m_dir);
    return m_db.write([&](Database& db) {
        auto upload = selectAttachment(db, id);
        if (!upload || upload->complete) {
            throw notFound("attachment_id: no upload in progress");
        }
        if (static_cast<std::uint64_t>(st.st_size) != upload->size) {
            throw invalidArgument("size: " + std::to_string(upload->size) +
                                  " bytes were announced and " + std::to_string(st.st_size) +
                                  " arrived");
        }
        db.prepare("UPDATE attachments SET complete = 1, sha256 = ?, mime_type = ? WHERE id = ?")
            .with(sha256, mimeType, id)
            .run();
        upload->complete = true;
        upload->sha256 = sha256;
        upload->mimeType = mimeType;
        return std::move(*upload);
    });
}

void SqliteAttachmentStore::abort(const std::string& id)
{
    closeUpload(id);
    m_db.write([&](Database& db) {
        db.prepare("DELETE FROM attachments WHERE id = ? AND complete = 0").with(id).run();
    });
    std::error_code ignored;
    std::filesystem::remove(pathOf(id), ignored);
}

std::optional<AttachmentRecord> SqliteAttachmentStore::byId(const std::string& id)
{
    return m_db.read([&](Database& db) { return selectAttachment(db, id); });
}

std::string SqliteAttachmentStore::read(const std::string& id, std::uint64_t offset,
                                        std::size_t max)
{
    const auto upload = byId(id);
    if (!upload || !upload->complete) {
        throw notFound("attachment_id: not found");
    }
    if (offset >= upload->size || max == 0) {
        return {};
    }
    const auto path = pathOf(upload->id);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            throw notFound("attachment_id: not found"); // deleted a moment ago
        }
        throwErrno("open " + path.string());
    }
    std::string out(std::min<std::uint64_t>(max, upload->size - offset), '\0');
    std::size_t filled = 0;
    while (filled < out.size()) {
        const ssize_t got = ::pread(fd, out.data() + filled, out.size() - filled,
                                    static_cast<off_t>(offset + filled));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            const int saved = errno;
            ::close(fd);
            errno = got < 0 ? saved : EIO;
            throwErrno("read attachment " + id);
        }
        filled += static_cast<std::size_t>(got);
    }
    ::close(fd);
    return out;
}

std::size_t SqliteAttachmentStore::expire(Micros before)
{
    const auto expired = m_db.write([&](Database& db) {
        std::vector<std::string> ids;
        Statement& st = db.prepare(
            "DELETE FROM attachments WHERE message_id IS NULL AND created_at < ? RETURNING id");
        st.with(before);
        while (st.step()) {
            ids.push_back(st.text(0));
        }
        st.reset();
        return ids;
    });
    removeFiles(expired);

    // Files without a row: their row went (a deleted message, an expired
    // upload) and the process stopped before the file did.
    std::vector<std::string> orphans;
    for (const auto& entry : std::filesystem::directory_iterator(m_dir)) {
        const std::string id = entry.path().filename().string();
        struct stat st {};
        if (!isFileId(id) || ::stat(entry.path().c_str(), &st) != 0) {
            continue;
        }
        const Micros modified =
            Micros{st.st_mtim.tv_sec} * kMicrosPerSecond + st.st_mtim.tv_nsec / 1000;
        if (modified < before && !byId(id)) {
            orphans.push_back(id);
        }
    }
    removeFiles(orphans);
    return expired.size();
}

void SqliteAttachmentStore::removeFiles(const std::vector<std::string>& ids)
{
    for (const auto& id : ids) {
        closeUpload(id);
        std::error_code ignored;
        std::filesystem::remove(pathOf(id), ignored);
    }
}

} // namespace confab::backend
