#pragma once

#include "store/MessageStore.h"
#include "store/postgres/PgEngine.h"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace confab::backend {

// Sends are stored a batch at a time: the sends that wait while their
// writer (pg::Engine shards by room) is busy go in together, checked and
// written with a few statements whatever their number and rooms (one
// counter update gives every room its seqs), so a busy room costs a few
// round trips per batch rather than several per message. Each send keeps
// its own outcome (a non-member's fails, a repeated client_message_id gets
// the stored message).
class PgMessageStore final : public MessageStore {
public:
    explicit PgMessageStore(pg::Engine& engine) : m_db(engine) {}

    MessageRecord send(const NewMessage& message, Appended* appended) override;
    void sendAsync(NewMessage message, SendDone done) override;
    MessageRecord edit(const std::string& messageId, const std::string& userId,
                       const std::string& text, Micros now, Appended* appended) override;
    void remove(const std::string& messageId, const std::string& userId, Micros now,
                Appended* appended) override;
    bool react(const std::string& messageId, const std::string& userId, const std::string& emoji,
               bool remove, std::size_t maxPerUser, Micros now, Appended* appended) override;
    std::optional<MessageRecord> byId(const std::string& messageId) override;
    std::vector<SearchHitRecord> search(const std::string& userId,
                                        const std::vector<std::string>& words,
                                        const std::string& roomId, std::size_t limit,
                                        const std::optional<SearchCursor>& after) override;
    std::vector<v1::RoomEvent> events(const std::string& roomId, std::uint64_t afterSeq,
                                      std::uint64_t beforeSeq, std::size_t limit,
                                      bool newest) override;

    struct PendingSend;
    using Batch = std::vector<std::shared_ptr<PendingSend>>;

private:
    pg::Engine& m_db;
    std::mutex m_pendingMutex;
    // Sends waiting for their writer's next batch; a writer is here while a
    // batch job for it is queued and has not taken them yet.
    std::unordered_map<std::size_t, Batch> m_pending;
};

} // namespace confab::backend
