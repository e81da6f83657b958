#include "store/postgres/PgAttachmentStore.h"

#include "base/ApiError.h"
#include "store/postgres/PgRows.h"

#include <algorithm>

namespace confab::backend {

using namespace pg;

void PgAttachmentStore::begin(const AttachmentRecord& upload, std::uint64_t quotaBytes,
                              Micros since)
{
    m_db.write(upload.roomId, [&](Connection& db) {
        if (!selectMembership(db, upload.roomId, upload.uploaderId)) {
            requireRoom(db, upload.roomId);
            throw permissionDenied("room_id: you are not a member of this room");
        }
        // One quota check at a time per uploader, whichever instance or
        // writer takes the upload.
        db.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", upload.uploaderId);
        const auto used = static_cast<std::uint64_t>(
            db.query("SELECT COALESCE(SUM(size), 0)::bigint FROM attachments "
                     "WHERE uploader_id = $1 AND created_at >= $2",
                     upload.uploaderId, since)
                .integer(0, 0));
        if (auto refusal = quotaRefusal(used, upload.size, quotaBytes)) {
            throw resourceExhausted(std::move(*refusal));
        }
        db.query("INSERT INTO attachments (id, room_id, uploader_id, file_name, mime_type, size, "
                 "width, height, thumbnail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                 "$9, $10)",
                 upload.id, upload.roomId, upload.uploaderId, upload.fileName, upload.mimeType,
                 static_cast<unsigned long long>(upload.size),
                 static_cast<unsigned long long>(upload.width),
                 static_cast<unsigned long long>(upload.height), Bytes{upload.thumbnail},
                 static_cast<long long>(upload.createdAt));
    });
}

void PgAttachmentStore::append(const std::string& id, std::uint64_t offset, std::string_view bytes)
{
    m_db.read([&](Connection& db) {
        // Only this session's commits skip the wait for the disk; finish()
        // waits for all of them at once.
        db.run("SET synchronous_commit = off");
        try {
            const auto inserted =
                db.query("INSERT INTO attachment_parts (attachment_id, \"offset\", data) "
                         "SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM attachments "
                         "WHERE id = $1 AND NOT complete)",
                         id, static_cast<unsigned long long>(offset), Bytes{bytes});
            db.run("SET synchronous_commit = on");
            if (inserted.affected() == 0) {
                throw notFound("attachment_id: no upload in progress");
            }
        } catch (const Error& e) {
            if (!e.isUniqueViolation()) {
                throw;
            }
            // Written already, by an attempt whose answer was lost.
            db.run("SET synchronous_commit = on");
        }
    });
}

AttachmentRecord PgAttachmentStore::finish(const std::string& id, const std::string& sha256,
                                           const std::string& mimeType)
{
    const auto upload = byId(id);
    if (!upload || upload->complete) {
        throw notFound("attachment_id: no upload in progress");
    }
    return m_db.write(upload->roomId, [&](Connection& db) {
        const auto arrived = static_cast<std::uint64_t>(
            db.query("SELECT COALESCE(SUM(length(data)), 0)::bigint FROM attachment_parts "
                     "WHERE attachment_id = $1",
                     id)
                .integer(0, 0));
        if (arrived != upload->size) {
            throw invalidArgument("size: " + std::to_string(upload->size) +
                                  " bytes were announced and " + std::to_string(arrived) +
                                  " arrived");
        }
        if (db.query("UPDATE attachments SET complete = true, sha256 = $1, mime_type = $2 "
                     "WHERE id = $3 AND NOT complete",
                     sha256, mimeType, id)
                .affected() == 0) {
            throw notFound("attachment_id: no upload in progress");
        }
        AttachmentRecord done = *upload;
        done.complete = true;
        done.sha256 = sha256;
        done.mimeType = mimeType;
        return done;
    });
}

void PgAttachmentStore::abort(const std::string& id)
{
    const auto upload = byId(id);
    if (!upload || upload->complete) {
        return;
    }
    m_db.write(upload->roomId, [&](Connection& db) {
        db.query("DELETE FROM attachments WHERE id = $1 AND NOT complete", id);
    });
}

std::optional<AttachmentRecord> PgAttachmentStore::byId(const std::string& id)
{
    return m_db.read([&](Connection& db) { return selectAttachment(db, id); });
}

std::string PgAttachmentStore::read(const std::string& id, std::uint64_t offset, std::size_t max)
{
    return m_db.read([&](Connection& db) {
        // The part that holds `offset`, from there on (at most `max`).
        const auto rows = db.query(
            "SELECT a.complete, substring(p.data FROM LEAST($2 - p.\"offset\" + 1, "
            "2147483647)::int FOR $3::int) "
            "FROM attachments a LEFT JOIN LATERAL (SELECT \"offset\", data FROM attachment_parts "
            "WHERE attachment_id = a.id AND \"offset\" <= $2 ORDER BY \"offset\" DESC LIMIT 1) p "
            "ON true WHERE a.id = $1",
            id, static_cast<unsigned long long>(offset),
            static_cast<unsigned long long>(std::min<std::size_t>(max, 1 << 30)));
        if (rows.empty() || rows.integer(0, 0) == 0) {
            throw notFound("attachment_id: not found");
        }
        return rows.isNull(0, 1) ? std::string() : rows.text(0, 1);
    });
}

std::size_t PgAttachmentStore::expire(Micros before)
{
    return m_db.write(Engine::kAccounts, [&](Connection& db) {
        return static_cast<std::size_t>(
            db.query("DELETE FROM attachments WHERE message_id IS NULL AND created_at < $1",
                     static_cast<long long>(before))
                .affected());
    });
}

} // namespace confab::backend
