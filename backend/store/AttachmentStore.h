#pragma once

#include "store/Records.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace confab::backend {

// Uploaded files: a record each, and their bytes where every instance of a
// deployment reads them (files in the data dir beside SQLite, a table of
// parts in PostgreSQL). An upload is begun, its bytes appended in order,
// then finished (durable from then on) or aborted. Sending it with a
// message (MessageStore::send) attaches it; deleting the message removes
// it; one left unattached is removed by expire().
class AttachmentStore {
public:
    virtual ~AttachmentStore() = default;

    // Records a new upload (complete = false) of `upload.size` bytes.
    // PERMISSION_DENIED unless the uploader is a member of the room
    // (NOT_FOUND: no such room); RESOURCE_EXHAUSTED when the uploader's
    // uploads begun since `since`, with this one, would pass `quotaBytes`.
    virtual void begin(const AttachmentRecord& upload, std::uint64_t quotaBytes, Micros since) = 0;
    // Bytes of an upload begun and not finished, at `offset` (the number of
    // bytes appended before).
    virtual void append(const std::string& id, std::uint64_t offset, std::string_view bytes) = 0;
    // All bytes arrived: they are made durable and the upload complete
    // with its SHA-256 and the mime type its bytes show. Returns the record.
    virtual AttachmentRecord finish(const std::string& id, const std::string& sha256,
                                    const std::string& mimeType) = 0;
    // Forgets an unfinished upload and its bytes.
    virtual void abort(const std::string& id) = 0;
    virtual std::optional<AttachmentRecord> byId(const std::string& id) = 0;
    // Bytes of a complete attachment from `offset`: at least one and at most
    // `max`, fewer than asked only where the store keeps them in pieces;
    // none at or past the end. NOT_FOUND when there is no such attachment.
    virtual std::string read(const std::string& id, std::uint64_t offset, std::size_t max) = 0;
    // Removes uploads begun before `before` that no message holds (finished
    // or not), with their bytes; returns how many.
    virtual std::size_t expire(Micros before) = 0;
};

// The refusal of begin() when an upload of `size` would pass the quota,
// given the `used` bytes; nothing when it fits.
inline std::optional<std::string> quotaRefusal(std::uint64_t used, std::uint64_t size,
                                               std::uint64_t quotaBytes)
{
    if (used + size <= quotaBytes) {
        return std::nullopt;
    }
    constexpr std::uint64_t kMiB = 1024 * 1024;
    return "size: this would pass your upload quota of " + std::to_string(quotaBytes / kMiB) +
           " MiB a day; " + std::to_string((quotaBytes - std::min(quotaBytes, used)) / kMiB) +
           " MiB are left";
}

} // namespace confab::backend
