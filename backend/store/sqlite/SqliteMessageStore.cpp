#include "store/sqlite/SqliteMessageStore.h"

#include "base/ApiError.h"
#include "store/Mentions.h"
#include "store/Views.h"
#include "store/sqlite/SqliteRows.h"

#include <algorithm>
#include <limits>

namespace confab::backend {

namespace {

using namespace sqlite;

// Rewrites the stored events of a message (its posting, and its edits when
// `all`) through `change`, so that a replayed log shows the message as it is
// now.
template <typename Change>
void rewriteMessageEvents(Database& db, const std::string& messageId, bool all, Change change)
{
    Statement& st = db.prepare("SELECT room_id, seq, payload FROM events WHERE message_id = ?");
    st.with(messageId);
    std::vector<v1::RoomEvent> rewritten;
    while (st.step()) {
        v1::RoomEvent event;
        if (!event.ParseFromString(st.blob(2))) {
            throw std::runtime_error("unreadable room event in " + st.text(0));
        }
        if (event.has_message_posted()) {
            change(*event.mutable_message_posted());
        } else if (all && event.has_message_edited()) {
            change(*event.mutable_message_edited());
        } else {
            continue;
        }
        rewritten.push_back(std::move(event));
    }
    st.reset();
    for (const auto& event : rewritten) {
        Statement& update =
            db.prepare("UPDATE events SET payload = ? WHERE room_id = ? AND seq = ?");
        update.with(std::string_view{}, event.room_id(), event.seq());
        update.bindBlob(1, event.SerializeAsString());
        update.run();
    }
}

// A message's reactions: each emoji in the order it was first used, its
// users in the order they reacted.
std::vector<v1::ReactionSummary> reactionsOf(Database& db, const std::string& messageId)
{
    Statement& st =
        db.prepare("SELECT emoji, user_id FROM reactions WHERE message_id = ? ORDER BY rowid");
    st.with(messageId);
    std::vector<v1::ReactionSummary> summaries;
    while (st.step()) {
        views::countReaction(summaries, st.text(0), st.text(1));
    }
    st.reset();
    return summaries;
}

// The members of the room that `text` mentions, in the order they appear.
std::vector<std::string> resolveMentions(Database& db, const std::string& roomId,
                                         const std::string& text)
{
    std::vector<std::string> ids;
    for (const auto& username : mentionedUsernames(text)) {
        Statement& st = db.prepare("SELECT u.id FROM members m JOIN users u ON u.id = m.user_id "
                                   "WHERE m.room_id = ? AND u.username = ?");
        st.with(roomId, username);
        if (st.step()) {
            ids.push_back(st.text(0));
        }
        st.reset();
    }
    return ids;
}

// `fresh`: a new message, with no mentions stored yet.
void storeMentions(Database& db, const MessageRecord& message, bool fresh = false)
{
    if (!fresh) {
        db.prepare("DELETE FROM mentions WHERE message_id = ?").with(message.id).run();
    }
    for (std::size_t i = 0; i < message.mentionedUserIds.size(); ++i) {
        db.prepare("INSERT INTO mentions (message_id, user_id, room_id, seq, ord) "
                   "VALUES (?, ?, ?, ?, ?)")
            .with(message.id, message.mentionedUserIds[i], message.roomId, message.seq,
                  static_cast<std::int64_t>(i))
            .run();
    }
}

std::vector<std::string> mentionsOf(Database& db, const std::string& messageId)
{
    Statement& st = db.prepare("SELECT user_id FROM mentions WHERE message_id = ? ORDER BY ord");
    st.with(messageId);
    std::vector<std::string> ids;
    while (st.step()) {
        ids.push_back(st.text(0));
    }
    st.reset();
    return ids;
}

MessageRecord storeMessage(Database& db, const NewMessage& message, Appended* appended)
{
    // The membership is looked up first: on this, the busiest path, the
    // room's existence is only asked about when the author is no member.
    if (!selectMembership(db, message.roomId, message.authorId)) {
        requireRoom(db, message.roomId);
        throw permissionDenied("room_id: you are not a member of this room");
    }
    if (!message.clientMessageId.empty()) {
        Statement& existing = db.prepare("SELECT " CONFAB_MESSAGE_COLUMNS " FROM messages "
                                         "WHERE room_id = ? AND client_message_id = ?");
        existing.with(message.roomId, message.clientMessageId);
        if (existing.step()) {
            MessageRecord original = readMessage(existing);
            existing.reset();
            if (original.authorId != message.authorId) {
                throw ApiError(grpc::StatusCode::ALREADY_EXISTS,
                               "client_message_id: already used in this room");
            }
            return original;
        }
        existing.reset();
    }
    if (!message.replyTo.empty()) {
        const auto target = selectMessage(db, message.replyTo);
        if (!target || target->roomId != message.roomId) {
            throw notFound("reply_to_message_id: no such message in this room");
        }
    }
    MessageRecord stored;
    stored.id = message.id;
    stored.roomId = message.roomId;
    stored.authorId = message.authorId;
    stored.text = message.text;
    stored.sentAt = message.sentAt;
    stored.clientMessageId = message.clientMessageId;
    stored.replyTo = message.replyTo;
    stored.mentionedUserIds = resolveMentions(db, message.roomId, message.text);
    for (const auto& attachmentId : message.attachmentIds) {
        const auto attachment = selectAttachment(db, attachmentId);
        if (!attachment || attachment->uploaderId != message.authorId ||
            attachment->roomId != message.roomId || !attachment->complete) {
            throw notFound("attachment_ids: no finished upload of yours to this room has id " +
                           attachmentId);
        }
        if (!attachment->messageId.empty()) {
            throw ApiError(grpc::StatusCode::FAILED_PRECONDITION,
                           "attachment_ids: " + attachmentId + " was sent already");
        }
        stored.attachments.push_back(views::attachment(*attachment));
    }

    v1::RoomEvent event;
    event.set_room_id(message.roomId);
    *event.mutable_message_posted() = views::message(stored);
    Appended mine;
    append(db, std::move(event), message.sentAt, message.id, &mine);
    stored.seq = mine.back().seq();
    const auto packed = views::packAttachments(stored.attachments);
    Statement& insert = db.prepare("INSERT INTO messages (id, room_id, seq, author_id, text, "
                                   "sent_at, client_message_id, reply_to, attachments) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.with(stored.id, stored.roomId, stored.seq, stored.authorId, stored.text, stored.sentAt,
                message.clientMessageId.empty() ? std::optional<std::string>()
                                                : std::optional(message.clientMessageId),
                message.replyTo.empty() ? std::optional<std::string>()
                                        : std::optional(message.replyTo),
                std::optional<std::string>());
    if (packed) {
        insert.bindBlob(9, *packed);
    }
    insert.run();
    for (const auto& attachmentId : message.attachmentIds) {
        db.prepare("UPDATE attachments SET message_id = ? WHERE id = ?")
            .with(stored.id, attachmentId)
            .run();
    }
    storeMentions(db, stored, true);
    if (appended) {
        appended->push_back(std::move(mine.back()));
    }
    return stored;
}

} // namespace

MessageRecord SqliteMessageStore::send(const NewMessage& message, Appended* appended)
{
    return m_db.write([&](Database& db) { return storeMessage(db, message, appended); });
}

void SqliteMessageStore::sendAsync(NewMessage message, SendDone done)
{
    struct State {
        NewMessage message;
        MessageRecord stored;
        Appended appended;
        SendDone done;
    };
    auto state = std::make_shared<State>();
    state->message = std::move(message);
    state->done = std::move(done);
    Engine::WriteJob job;
    job.run = [state](Database& db) {
        state->stored = storeMessage(db, state->message, &state->appended);
    };
    job.done = [state](std::exception_ptr error) {
        state->done(error, std::move(state->stored), std::move(state->appended));
    };
    m_db.enqueue(std::move(job));
}

MessageRecord SqliteMessageStore::edit(const std::string& messageId, const std::string& userId,
                                       const std::string& text, Micros now, Appended* appended)
{
    return m_db.write([&](Database& db) {
        auto message = selectMessage(db, messageId);
        if (!message) {
            throw notFound("message_id: not found");
        }
        requireMember(db, message->roomId, userId);
        if (message->authorId != userId) {
            throw permissionDenied("message_id: only the author can edit a message");
        }
        if (message->deleted) {
            throw ApiError(grpc::StatusCode::FAILED_PRECONDITION,
                           "message_id: the message was deleted");
        }
        db.prepare("UPDATE messages SET text = ?, edited_at = ? WHERE id = ?")
            .with(text, now, messageId)
            .run();
        message->text = text;
        message->editedAt = now;
        message->reactions = reactionsOf(db, messageId);
        message->mentionedUserIds = resolveMentions(db, message->roomId, text);
        storeMentions(db, *message);
        const v1::Message updated = views::message(*message);
        rewriteMessageEvents(db, messageId, false, [&](v1::Message& m) { m = updated; });
        v1::RoomEvent event;
        event.set_room_id(message->roomId);
        *event.mutable_message_edited() = updated;
        append(db, std::move(event), now, messageId, appended);
        return std::move(*message);
    });
}

void SqliteMessageStore::remove(const std::string& messageId, const std::string& userId, Micros now,
                                Appended* appended)
{
    const auto files = m_db.write([&](Database& db) {
        std::vector<std::string> files;
        auto message = selectMessage(db, messageId);
        if (!message) {
            throw notFound("message_id: not found");
        }
        const Membership member = requireMember(db, message->roomId, userId);
        if (message->authorId != userId && member.role != v1::ROLE_OWNER) {
            throw permissionDenied(
                "message_id: only the author or the room owner can delete a message");
        }
        if (message->deleted) {
            return files;
        }
        db.prepare("UPDATE messages SET text = '', deleted = 1, attachments = NULL WHERE id = ?")
            .with(messageId)
            .run();
        db.prepare("DELETE FROM reactions WHERE message_id = ?").with(messageId).run();
        db.prepare("DELETE FROM mentions WHERE message_id = ?").with(messageId).run();
        Statement& attached =
            db.prepare("DELETE FROM attachments WHERE message_id = ? RETURNING id");
        attached.with(messageId);
        while (attached.step()) {
            files.push_back(attached.text(0));
        }
        attached.reset();
        rewriteMessageEvents(db, messageId, true, [](v1::Message& m) {
            m.clear_text();
            m.set_deleted(true);
            m.clear_reactions();
            m.clear_mentioned_user_ids();
            m.clear_attachments();
        });
        v1::RoomEvent event;
        event.set_room_id(message->roomId);
        event.mutable_message_deleted()->set_message_id(messageId);
        event.mutable_message_deleted()->set_room_id(message->roomId);
        append(db, std::move(event), now, messageId, appended);
        return files;
    });
    m_attachments.removeFiles(files);
}

bool SqliteMessageStore::react(const std::string& messageId, const std::string& userId,
                               const std::string& emoji, bool remove, std::size_t maxPerUser,
                               Micros now, Appended* appended)
{
    return m_db.write([&](Database& db) {
        const auto message = selectMessage(db, messageId);
        if (!message) {
            throw notFound("message_id: not found");
        }
        requireMember(db, message->roomId, userId);
        if (message->deleted) {
            throw ApiError(grpc::StatusCode::FAILED_PRECONDITION,
                           "message_id: the message was deleted");
        }
        if (remove) {
            db.prepare("DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?")
                .with(messageId, userId, emoji)
                .run();
        } else {
            Statement& count =
                db.prepare("SELECT count(*) FROM reactions WHERE message_id = ? AND user_id = ?");
            count.with(messageId, userId);
            count.step();
            const auto mine = static_cast<std::size_t>(count.integer(0));
            count.reset();
            db.prepare("INSERT OR IGNORE INTO reactions (message_id, user_id, emoji, created_at) "
                       "VALUES (?, ?, ?, ?)")
                .with(messageId, userId, emoji, now)
                .run();
            if (db.changes() > 0 && mine >= maxPerUser) {
                throw resourceExhausted("emoji: at most " + std::to_string(maxPerUser) +
                                        " reactions of yours on one message");
            }
        }
        if (db.changes() == 0) {
            return false;
        }
        const auto summaries = reactionsOf(db, messageId);
        rewriteMessageEvents(db, messageId, true,
                             [&](v1::Message& m) { views::setReactions(m, summaries); });
        v1::RoomEvent event =
            views::reactionEvent(message->roomId, messageId, userId, emoji, remove);
        append(db, std::move(event), now, messageId, appended);
        return true;
    });
}

std::optional<MessageRecord> SqliteMessageStore::byId(const std::string& messageId)
{
    return m_db.read([&](Database& db) {
        auto message = selectMessage(db, messageId);
        if (message) {
            message->reactions = reactionsOf(db, messageId);
            message->mentionedUserIds = mentionsOf(db, messageId);
        }
        return message;
    });
}

std::vector<v1::RoomEvent> SqliteMessageStore::events(const std::string& roomId,
                                                      std::uint64_t afterSeq,
                                                      std::uint64_t beforeSeq, std::size_t limit,
                                                      bool newest)
{
    // Seqs are SQL integers: bounds past them (2^63 and up) bound nothing.
    constexpr auto kTop = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (afterSeq >= kTop) {
        return std::vector<v1::RoomEvent>{};
    }
    return m_db.read([&](Database& db) {
        const auto upper =
            static_cast<std::int64_t>(beforeSeq == 0 || beforeSeq > kTop ? kTop : beforeSeq);
        Statement& st = newest
                            ? db.prepare("SELECT payload FROM events WHERE room_id = ? AND seq > ? "
                                         "AND seq < ? ORDER BY seq DESC LIMIT ?")
                            : db.prepare("SELECT payload FROM events WHERE room_id = ? AND seq > ? "
                                         "AND seq < ? ORDER BY seq ASC LIMIT ?");
        st.with(roomId, static_cast<std::int64_t>(afterSeq), upper,
                static_cast<std::int64_t>(limit));
        std::vector<v1::RoomEvent> events;
        while (st.step()) {
            v1::RoomEvent event;
            if (!event.ParseFromString(st.blob(0))) {
                throw std::runtime_error("unreadable room event in " + roomId);
            }
            events.push_back(std::move(event));
        }
        if (newest) {
            std::reverse(events.begin(), events.end());
        }
        return events;
    });
}

std::vector<SearchHitRecord> SqliteMessageStore::search(const std::string& userId,
                                                        const std::vector<std::string>& words,
                                                        const std::string& roomId,
                                                        std::size_t limit,
                                                        const std::optional<SearchCursor>& after)
{
    // Every word as a phrase of its own: FTS5's syntax ("OR", "NEAR", *)
    // means nothing in a user's words.
    std::string match;
    for (const auto& word : words) {
        std::string quoted = "\"";
        for (const char c : word) {
            quoted += c;
            if (c == '"') {
                quoted += '"';
            }
        }
        match += (match.empty() ? "" : " ") + quoted + "\"";
    }
    return m_db.read([&](Database& db) {
        Statement& st = db.prepare(
            "SELECT m.id, m.room_id, m.seq, m.author_id, m.text, m.sent_at, m.edited_at, "
            "m.deleted, COALESCE(m.client_message_id, ''), COALESCE(m.reply_to, ''), "
            "m.attachments, snippet(messages_fts, 0, char(2), char(3), '…', 12) "
            "FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid "
            "JOIN members mb ON mb.room_id = m.room_id AND mb.user_id = ?1 "
            "WHERE messages_fts MATCH ?2 AND m.deleted = 0 AND (?3 = '' OR m.room_id = ?3) "
            "AND (?4 IS NULL OR messages_fts.rowid < (SELECT rowid FROM messages WHERE id = ?4)) "
            "ORDER BY messages_fts.rowid DESC LIMIT ?5");
        // Newest first is the order messages were stored in: FTS5 walks its
        // matches from the newest, and a page stops after `limit` of them
        // however many messages have the words (sorting every match by
        // time took 2.4 s for a word all of B7's million messages have).
        // A page's cursor is its last message.
        st.with(userId, match, roomId,
                after ? std::optional<std::string>(after->messageId) : std::nullopt,
                static_cast<std::int64_t>(limit));
        std::vector<SearchHitRecord> hits;
        while (st.step()) {
            hits.push_back({readMessage(st), st.text(11)});
        }
        st.reset();
        for (auto& hit : hits) {
            hit.message.reactions = reactionsOf(db, hit.message.id);
            hit.message.mentionedUserIds = mentionsOf(db, hit.message.id);
        }
        return hits;
    });
}

} // namespace confab::backend
