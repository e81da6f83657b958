#pragma once

#include "store/Store.h"
#include "store/sqlite/SqliteAttachmentStore.h"
#include "store/sqlite/SqliteEngine.h"
#include "store/sqlite/SqliteMessageStore.h"
#include "store/sqlite/SqliteRoomStore.h"
#include "store/sqlite/SqliteSessionStore.h"
#include "store/sqlite/SqliteUserStore.h"

#include <filesystem>

namespace confab::backend {

// The embedded store: one SQLite file (see sqlite::Engine for how it is
// written), its schema, and the stores of each concern on it.
class SqliteStore final : public Store {
public:
    explicit SqliteStore(const std::filesystem::path& file, std::size_t readers = 4);
    ~SqliteStore() override;

    UserStore& users() override { return m_users; }
    SessionStore& sessions() override { return m_sessions; }
    RoomStore& rooms() override { return m_rooms; }
    MessageStore& messages() override { return m_messages; }
    AttachmentStore& attachments() override { return m_attachments; }

    // "ok" when the database is sound; SQLite's findings otherwise.
    std::string integrityCheck() { return m_engine.integrityCheck(); }
    int schemaVersion() { return m_engine.schemaVersion(); }

private:
    sqlite::Engine m_engine;
    SqliteUserStore m_users;
    SqliteSessionStore m_sessions;
    SqliteRoomStore m_rooms;
    SqliteAttachmentStore m_attachments;
    SqliteMessageStore m_messages;
};

} // namespace confab::backend
