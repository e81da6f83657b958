#pragma once

#include "store/MessageStore.h"
#include "store/sqlite/SqliteAttachmentStore.h"
#include "store/sqlite/SqliteEngine.h"

namespace confab::backend {

class SqliteMessageStore final : public MessageStore {
public:
    SqliteMessageStore(sqlite::Engine& engine, SqliteAttachmentStore& attachments)
        : m_db(engine), m_attachments(attachments)
    {}

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

private:
    sqlite::Engine& m_db;
    SqliteAttachmentStore& m_attachments;
};

} // namespace confab::backend
