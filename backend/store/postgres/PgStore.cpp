#include "store/postgres/PgStore.h"

namespace confab::backend {

namespace {

// Schema migrations, applied in order; the schema_version row counts them.
// Never edit one that has shipped: append a new one. The tables are those
// of the SQLite store; text compares bytewise (COLLATE "C"), as there.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE users (
        id TEXT COLLATE "C" PRIMARY KEY,
        username TEXT COLLATE "C" NOT NULL UNIQUE,
        display_name TEXT COLLATE "C" NOT NULL,
        bio TEXT NOT NULL DEFAULT '',
        status_text TEXT NOT NULL DEFAULT '',
        avatar BYTEA,
        avatar_sha256 TEXT NOT NULL DEFAULT '',
        password_hash TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        deleted BOOLEAN NOT NULL DEFAULT false
    );
    CREATE INDEX users_username_lower ON users (lower(username));
    CREATE INDEX users_display_name_lower ON users (lower(display_name));
    CREATE TABLE sessions (
        id TEXT COLLATE "C" PRIMARY KEY,
        user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
        device_name TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_used_at BIGINT NOT NULL,
        refresh_expires_at BIGINT NOT NULL,
        revoked_at BIGINT
    );
    CREATE INDEX sessions_user ON sessions (user_id);
    CREATE TABLE access_tokens (
        hash BYTEA PRIMARY KEY,
        session_id TEXT COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        expires_at BIGINT NOT NULL
    );
    CREATE INDEX access_tokens_session ON access_tokens (session_id);
    CREATE TABLE refresh_tokens (
        hash BYTEA PRIMARY KEY,
        session_id TEXT COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        used_at BIGINT
    );
    CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
    )sql",
    R"sql(
    CREATE TABLE rooms (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT COLLATE "C" NOT NULL,
        topic TEXT NOT NULL DEFAULT '',
        visibility INTEGER NOT NULL,
        direct_key TEXT COLLATE "C" UNIQUE,
        created_at BIGINT NOT NULL,
        last_seq BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX rooms_public_name ON rooms (lower(name))
        WHERE visibility = 1 AND direct_key IS NULL;
    CREATE TABLE members (
        room_id TEXT COLLATE "C" NOT NULL REFERENCES rooms (id),
        user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
        role INTEGER NOT NULL,
        joined_at BIGINT NOT NULL,
        read_seq BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (room_id, user_id)
    );
    CREATE INDEX members_user ON members (user_id);
    CREATE TABLE invites (
        room_id TEXT COLLATE "C" NOT NULL REFERENCES rooms (id),
        user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
        invited_by TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (room_id, user_id)
    );
    CREATE TABLE messages (
        id TEXT COLLATE "C" PRIMARY KEY,
        room_id TEXT COLLATE "C" NOT NULL REFERENCES rooms (id),
        seq BIGINT NOT NULL,
        author_id TEXT COLLATE "C" NOT NULL,
        text TEXT NOT NULL,
        sent_at BIGINT NOT NULL,
        edited_at BIGINT,
        deleted BOOLEAN NOT NULL DEFAULT false,
        client_message_id TEXT COLLATE "C",
        reply_to TEXT COLLATE "C"
    );
    CREATE UNIQUE INDEX messages_room_seq ON messages (room_id, seq);
    CREATE UNIQUE INDEX messages_client_id ON messages (room_id, client_message_id)
        WHERE client_message_id IS NOT NULL;
    -- The room log. payload is the serialized confab.v1.RoomEvent.
    CREATE TABLE events (
        room_id TEXT COLLATE "C" NOT NULL REFERENCES rooms (id),
        seq BIGINT NOT NULL,
        message_id TEXT COLLATE "C",
        payload BYTEA NOT NULL,
        PRIMARY KEY (room_id, seq)
    );
    CREATE INDEX events_message ON events (message_id) WHERE message_id IS NOT NULL;
    )sql",
    R"sql(
    -- One row per user, message and emoji; id is the order of reacting.
    CREATE TABLE reactions (
        id BIGSERIAL PRIMARY KEY,
        message_id TEXT COLLATE "C" NOT NULL REFERENCES messages (id),
        user_id TEXT COLLATE "C" NOT NULL,
        emoji TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        UNIQUE (message_id, user_id, emoji)
    );
    )sql",
    R"sql(
    -- Who a message mentions (ord: the order in its text), for the
    -- mention counts.
    CREATE TABLE mentions (
        message_id TEXT COLLATE "C" NOT NULL REFERENCES messages (id),
        user_id TEXT COLLATE "C" NOT NULL,
        room_id TEXT COLLATE "C" NOT NULL,
        seq BIGINT NOT NULL,
        ord INTEGER NOT NULL,
        PRIMARY KEY (message_id, user_id)
    );
    CREATE INDEX mentions_user ON mentions (user_id, room_id, seq);
    )sql",
    R"sql(
    -- Full-text search of message text: words, case folded (accents kept:
    -- the 'simple' configuration), kept in step as a generated column.
    ALTER TABLE messages ADD COLUMN words tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;
    CREATE INDEX messages_words ON messages USING GIN (words);
    CREATE INDEX messages_sent ON messages (sent_at);
    )sql",
    R"sql(
    -- Uploaded files, their bytes in attachment_parts (in the order they
    -- arrived, each part at its offset in the file; stored uncompressed:
    -- most files are compressed already and a download reads a slice of a
    -- part). message_id is set when a message carries the file; the
    -- message keeps what it shows of them in messages.attachments (a
    -- serialized confab.v1.Message with only attachments).
    CREATE TABLE attachments (
        id TEXT COLLATE "C" PRIMARY KEY,
        room_id TEXT COLLATE "C" NOT NULL REFERENCES rooms (id),
        uploader_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
        file_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size BIGINT NOT NULL,
        sha256 TEXT NOT NULL DEFAULT '',
        width INTEGER NOT NULL DEFAULT 0,
        height INTEGER NOT NULL DEFAULT 0,
        thumbnail BYTEA NOT NULL,
        created_at BIGINT NOT NULL,
        complete BOOLEAN NOT NULL DEFAULT false,
        message_id TEXT COLLATE "C" REFERENCES messages (id)
    );
    CREATE INDEX attachments_uploader ON attachments (uploader_id, created_at);
    CREATE INDEX attachments_message ON attachments (message_id) WHERE message_id IS NOT NULL;
    CREATE INDEX attachments_waiting ON attachments (created_at) WHERE message_id IS NULL;
    CREATE TABLE attachment_parts (
        attachment_id TEXT COLLATE "C" NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
        "offset" BIGINT NOT NULL,
        data BYTEA NOT NULL,
        PRIMARY KEY (attachment_id, "offset")
    );
    ALTER TABLE attachment_parts ALTER COLUMN data SET STORAGE EXTERNAL;
    ALTER TABLE messages ADD COLUMN attachments BYTEA;
    )sql",
};

} // namespace

PgStore::PgStore(const std::string& conninfo, std::size_t writers, std::size_t readers)
    : m_engine(conninfo, kMigrations, writers, readers),
      m_users(m_engine),
      m_sessions(m_engine),
      m_rooms(m_engine),
      m_messages(m_engine),
      m_attachments(m_engine)
{}

PgStore::~PgStore() = default;

} // namespace confab::backend
