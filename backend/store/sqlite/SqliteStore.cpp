#include "store/sqlite/SqliteStore.h"

namespace confab::backend {

namespace {

// Schema migrations, applied in order; PRAGMA user_version records how many
// have run. Never edit one that has shipped: append a new one.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        bio TEXT NOT NULL DEFAULT '',
        status_text TEXT NOT NULL DEFAULT '',
        avatar BLOB,
        avatar_sha256 TEXT NOT NULL DEFAULT '',
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX users_display_name ON users (display_name COLLATE NOCASE);
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id),
        device_name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL,
        refresh_expires_at INTEGER NOT NULL,
        revoked_at INTEGER
    );
    CREATE INDEX sessions_user ON sessions (user_id);
    CREATE TABLE access_tokens (
        hash BLOB PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX access_tokens_session ON access_tokens (session_id);
    CREATE TABLE refresh_tokens (
        hash BLOB PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        used_at INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
    )sql",
    R"sql(
    CREATE TABLE rooms (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        topic TEXT NOT NULL DEFAULT '',
        visibility INTEGER NOT NULL,
        direct_key TEXT UNIQUE,
        created_at INTEGER NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX rooms_public_name ON rooms (name COLLATE NOCASE)
        WHERE visibility = 1 AND direct_key IS NULL;
    CREATE TABLE members (
        room_id TEXT NOT NULL REFERENCES rooms (id),
        user_id TEXT NOT NULL REFERENCES users (id),
        role INTEGER NOT NULL,
        joined_at INTEGER NOT NULL,
        read_seq INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (room_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX members_user ON members (user_id);
    CREATE TABLE invites (
        room_id TEXT NOT NULL REFERENCES rooms (id),
        user_id TEXT NOT NULL REFERENCES users (id),
        invited_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (room_id, user_id)
    ) WITHOUT ROWID;
    CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        room_id TEXT NOT NULL REFERENCES rooms (id),
        seq INTEGER NOT NULL,
        author_id TEXT NOT NULL,
        text TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        edited_at INTEGER,
        deleted INTEGER NOT NULL DEFAULT 0,
        client_message_id TEXT,
        reply_to TEXT
    );
    CREATE UNIQUE INDEX messages_room_seq ON messages (room_id, seq);
    CREATE UNIQUE INDEX messages_client_id ON messages (room_id, client_message_id)
        WHERE client_message_id IS NOT NULL;
    -- The room log. payload is the serialized confab.v1.RoomEvent.
    CREATE TABLE events (
        room_id TEXT NOT NULL REFERENCES rooms (id),
        seq INTEGER NOT NULL,
        message_id TEXT,
        payload BLOB NOT NULL,
        PRIMARY KEY (room_id, seq)
    ) WITHOUT ROWID;
    CREATE INDEX events_message ON events (message_id) WHERE message_id IS NOT NULL;
    )sql",
    R"sql(
    -- One row per user, message and emoji; rowid is the order of reacting.
    CREATE TABLE reactions (
        message_id TEXT NOT NULL REFERENCES messages (id),
        user_id TEXT NOT NULL,
        emoji TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (message_id, user_id, emoji)
    );
    )sql",
    R"sql(
    -- Who a message mentions (ord: the order in its text), for the
    -- mention counts.
    CREATE TABLE mentions (
        message_id TEXT NOT NULL REFERENCES messages (id),
        user_id TEXT NOT NULL,
        room_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        ord INTEGER NOT NULL,
        PRIMARY KEY (message_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_user ON mentions (user_id, room_id, seq);
    )sql",
    R"sql(
    -- Full-text search of message text, kept in step by triggers (in the
    -- transaction that changes the message): words, case and accents
    -- folded.
    CREATE VIRTUAL TABLE messages_fts USING fts5(
        text, content = 'messages', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO messages_fts (rowid, text) SELECT rowid, text FROM messages WHERE deleted = 0;
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO messages_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    CREATE INDEX messages_sent ON messages (sent_at);
    )sql",
    R"sql(
    -- Uploaded files; the bytes are files named by id in the attachments
    -- directory beside the database. message_id is set when a message
    -- carries the file; the message keeps what it shows of them in
    -- messages.attachments (a serialized confab.v1.Message with only
    -- attachments).
    CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        room_id TEXT NOT NULL REFERENCES rooms (id),
        uploader_id TEXT NOT NULL REFERENCES users (id),
        file_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL DEFAULT '',
        width INTEGER NOT NULL DEFAULT 0,
        height INTEGER NOT NULL DEFAULT 0,
        thumbnail BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        complete INTEGER NOT NULL DEFAULT 0,
        message_id TEXT REFERENCES messages (id)
    );
    CREATE INDEX attachments_uploader ON attachments (uploader_id, created_at);
    CREATE INDEX attachments_message ON attachments (message_id) WHERE message_id IS NOT NULL;
    CREATE INDEX attachments_waiting ON attachments (created_at) WHERE message_id IS NULL;
    ALTER TABLE messages ADD COLUMN attachments BLOB;
    )sql",
    R"sql(
    -- Search pages follow the full-text index's own order (rowid, the
    -- order messages were stored in): nothing reads messages by sent_at,
    -- and every send paid for keeping this index.
    DROP INDEX messages_sent;
    )sql",
};

} // namespace

SqliteStore::SqliteStore(const std::filesystem::path& file, std::size_t readers)
    : m_engine(file, kMigrations, readers),
      m_users(m_engine),
      m_sessions(m_engine),
      m_rooms(m_engine),
      m_attachments(m_engine, file.parent_path() / "attachments"),
      m_messages(m_engine, m_attachments)
{}

SqliteStore::~SqliteStore() = default;

} // namespace confab::backend
