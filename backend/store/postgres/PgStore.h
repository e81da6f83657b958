#pragma once

#include "store/Store.h"
#include "store/postgres/PgAttachmentStore.h"
#include "store/postgres/PgEngine.h"
#include "store/postgres/PgMessageStore.h"
#include "store/postgres/PgRoomStore.h"
#include "store/postgres/PgSessionStore.h"
#include "store/postgres/PgUserStore.h"

#include <string>

namespace confab::backend {

// The store of a deployment of several confabd: one PostgreSQL database
// (see pg::Engine for how it is written), its schema, and the stores of
// each concern on it. `conninfo` is a libpq connection string or
// postgresql:// URI.
class PgStore final : public Store {
public:
    explicit PgStore(const std::string& conninfo, std::size_t writers = 4, std::size_t readers = 4);
    ~PgStore() override;

    UserStore& users() override { return m_users; }
    SessionStore& sessions() override { return m_sessions; }
    RoomStore& rooms() override { return m_rooms; }
    MessageStore& messages() override { return m_messages; }
    AttachmentStore& attachments() override { return m_attachments; }

    bool reachable() override { return m_engine.reachable(); }
    int schemaVersion() { return m_engine.schemaVersion(); }

private:
    pg::Engine m_engine;
    PgUserStore m_users;
    PgSessionStore m_sessions;
    PgRoomStore m_rooms;
    PgMessageStore m_messages;
    PgAttachmentStore m_attachments;
};

} // namespace confab::backend
