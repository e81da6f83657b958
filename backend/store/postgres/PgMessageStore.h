#pragma once

#include "store/MessageStore.h"
#include "store/postgres/PgEngine.h"

namespace confab::backend {

class PgMessageStore final : public MessageStore {
public:
    explicit PgMessageStore(pg::Engine& engine) : m_db(engine) {}

    MessageRecord send(const NewMessage& message, Appended* appended) override;
    void sendAsync(NewMessage message, SendDone done) override;
    MessageRecord edit(const std::string& messageId, const std::string& userId,
                       const std::string& text, Micros now, Appended* appended) override;
    void remove(const std::string& messageId, const std::string& userId, Micros now,
                Appended* appended) override;
    std::optional<MessageRecord> byId(const std::string& messageId) override;
    std::vector<v1::RoomEvent> events(const std::string& roomId, std::uint64_t afterSeq,
                                      std::uint64_t beforeSeq, std::size_t limit,
                                      bool newest) override;

private:
    pg::Engine& m_db;
};

} // namespace confab::backend
