#include "store/postgres/PgMessageStore.h"

#include "base/ApiError.h"
#include "store/Mentions.h"
#include "store/Views.h"
#include "store/postgres/PgRows.h"

#include <algorithm>
#include <future>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace confab::backend {

namespace {

using namespace pg;

v1::RoomEvent parseEvent(std::string_view payload, const std::string& roomId)
{
    v1::RoomEvent event;
    if (!event.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
        throw std::runtime_error("unreadable room event in " + roomId);
    }
    return event;
}

// A message's reactions: each emoji in the order it was first used, its
// users in the order they reacted.
std::vector<v1::ReactionSummary> reactionsOf(Connection& db, const std::string& messageId)
{
    const auto rows = db.query(
        "SELECT emoji, user_id FROM reactions WHERE message_id = $1 ORDER BY id", messageId);
    std::vector<v1::ReactionSummary> summaries;
    for (int i = 0; i < rows.rows(); ++i) {
        views::countReaction(summaries, rows.text(i, 0), rows.text(i, 1));
    }
    return summaries;
}

// The members of the room that `text` mentions, in the order they appear.
std::vector<std::string> resolveMentions(Connection& db, const std::string& roomId,
                                         const std::string& text)
{
    std::vector<std::string> ids;
    for (const auto& username : mentionedUsernames(text)) {
        const auto rows = db.query("SELECT u.id FROM members m JOIN users u ON u.id = m.user_id "
                                   "WHERE m.room_id = $1 AND u.username = $2",
                                   roomId, username);
        if (!rows.empty()) {
            ids.push_back(rows.text(0, 0));
        }
    }
    return ids;
}

void storeMentions(Connection& db, const MessageRecord& message)
{
    db.query("DELETE FROM mentions WHERE message_id = $1", message.id);
    for (std::size_t i = 0; i < message.mentionedUserIds.size(); ++i) {
        db.query("INSERT INTO mentions (message_id, user_id, room_id, seq, ord) "
                 "VALUES ($1, $2, $3, $4, $5)",
                 message.id, message.mentionedUserIds[i], message.roomId, message.seq,
                 static_cast<unsigned long long>(i));
    }
}

std::vector<std::string> mentionsOf(Connection& db, const std::string& messageId)
{
    const auto rows =
        db.query("SELECT user_id FROM mentions WHERE message_id = $1 ORDER BY ord", messageId);
    std::vector<std::string> ids;
    for (int i = 0; i < rows.rows(); ++i) {
        ids.push_back(rows.text(i, 0));
    }
    return ids;
}

// Rewrites the stored events of a message (its posting, and its edits when
// `all`) through `change`, so that a replayed log shows the message as it is
// now.
template <typename Change>
void rewriteMessageEvents(Connection& db, const std::string& messageId, bool all, Change change)
{
    const auto rows =
        db.query("SELECT room_id, seq, payload FROM events WHERE message_id = $1", messageId);
    for (int i = 0; i < rows.rows(); ++i) {
        v1::RoomEvent event = parseEvent(rows.view(i, 2), rows.text(i, 0));
        if (event.has_message_posted()) {
            change(*event.mutable_message_posted());
        } else if (all && event.has_message_edited()) {
            change(*event.mutable_message_edited());
        } else {
            continue;
        }
        const std::string payload = event.SerializeAsString();
        db.query("UPDATE events SET payload = $1 WHERE room_id = $2 AND seq = $3", Bytes{payload},
                 event.room_id(), event.seq());
    }
}

} // namespace

struct PgMessageStore::PendingSend {
    NewMessage message;
    SendDone done;
    MessageRecord stored;
    Appended appended;
    std::exception_ptr error;
};

namespace {

// A text[] or bytea[] parameter in PostgreSQL's array syntax.
std::string arrayOf(const std::vector<std::optional<std::string>>& values, bool bytes)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        if (!values[i]) {
            out += "NULL";
            continue;
        }
        out += '"';
        if (bytes) {
            out += "\\\\x";
            for (const unsigned char c : *values[i]) {
                out += kHex[c >> 4];
                out += kHex[c & 15];
            }
        } else {
            for (const char c : *values[i]) {
                if (c == '"' || c == '\\') {
                    out += '\\';
                }
                out += c;
            }
        }
        out += '"';
    }
    return out + "}";
}

std::optional<std::string> optionalOf(const std::string& value)
{
    return value.empty() ? std::nullopt : std::optional(value);
}

// Stores a batch of sends (to rooms of one writer), each with the outcome
// it would have alone, in batch order, with a fixed number of statements.
void storeBatch(Connection& db, PgMessageStore::Batch& batch)
{
    for (auto& pending : batch) {
        pending->stored = {};
        pending->appended.clear();
        pending->error = nullptr;
    }
    std::vector<std::optional<std::string>> rooms, authors, clientRooms, clientIds, replies;
    for (const auto& pending : batch) {
        const NewMessage& message = pending->message;
        rooms.push_back(message.roomId);
        authors.push_back(message.authorId);
        if (!message.clientMessageId.empty()) {
            clientRooms.push_back(message.roomId);
            clientIds.push_back(message.clientMessageId);
        }
        if (!message.replyTo.empty()) {
            replies.push_back(message.replyTo);
        }
    }
    using Key = std::pair<std::string, std::string>;
    struct KeyHash {
        std::size_t operator()(const Key& key) const
        {
            return std::hash<std::string>{}(key.first) * 31 + std::hash<std::string>{}(key.second);
        }
    };
    std::unordered_set<Key, KeyHash> members;
    const auto memberRows =
        db.query("SELECT room_id, user_id FROM members WHERE (room_id, user_id) IN "
                 "(SELECT r, u FROM unnest($1::text[], $2::text[]) AS x(r, u))",
                 arrayOf(rooms, false), arrayOf(authors, false));
    for (int i = 0; i < memberRows.rows(); ++i) {
        members.emplace(memberRows.text(i, 0), memberRows.text(i, 1));
    }
    std::unordered_map<Key, MessageRecord, KeyHash> byClientId;
    if (!clientIds.empty()) {
        const auto rows = db.query(
            "SELECT " CONFAB_PG_MESSAGE_COLUMNS " FROM messages WHERE (room_id, client_message_id) "
            "IN (SELECT r, c FROM unnest($1::text[], $2::text[]) AS x(r, c))",
            arrayOf(clientRooms, false), arrayOf(clientIds, false));
        for (int i = 0; i < rows.rows(); ++i) {
            MessageRecord found = readMessage(rows, i);
            Key key{found.roomId, found.clientMessageId};
            byClientId.emplace(std::move(key), std::move(found));
        }
    }
    std::unordered_map<std::string, std::string> roomOfReply;
    if (!replies.empty()) {
        const auto rows = db.query("SELECT id, room_id FROM messages WHERE id = ANY($1::text[])",
                                   arrayOf(replies, false));
        for (int i = 0; i < rows.rows(); ++i) {
            roomOfReply.emplace(rows.text(i, 0), rows.text(i, 1));
        }
    }
    std::vector<std::optional<std::string>> attachmentIds;
    for (const auto& pending : batch) {
        for (const auto& id : pending->message.attachmentIds) {
            attachmentIds.push_back(id);
        }
    }
    std::unordered_map<std::string, AttachmentRecord> attachments;
    if (!attachmentIds.empty()) {
        const auto rows = db.query("SELECT " CONFAB_PG_ATTACHMENT_COLUMNS " FROM attachments "
                                   "WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE",
                                   arrayOf(attachmentIds, false));
        for (int i = 0; i < rows.rows(); ++i) {
            AttachmentRecord found = readAttachment(rows, i);
            std::string id = found.id;
            attachments.emplace(std::move(id), std::move(found));
        }
    }
    std::unordered_map<std::string, bool> roomExists;

    // Checks in order, as if one at a time: a send earlier in the batch is
    // stored by the time a later one is looked at.
    std::vector<PgMessageStore::PendingSend*> fresh;
    std::unordered_map<std::string, std::uint64_t> freshPerRoom;
    for (auto& pending : batch) {
        const NewMessage& message = pending->message;
        try {
            if (!members.contains({message.roomId, message.authorId})) {
                auto known = roomExists.find(message.roomId);
                if (known == roomExists.end()) {
                    known = roomExists
                                .emplace(message.roomId, selectRoom(db, message.roomId).has_value())
                                .first;
                }
                if (!known->second) {
                    throw notFound("room_id: not found");
                }
                throw permissionDenied("room_id: you are not a member of this room");
            }
            if (!message.clientMessageId.empty()) {
                if (const auto it = byClientId.find({message.roomId, message.clientMessageId});
                    it != byClientId.end()) {
                    if (it->second.authorId != message.authorId) {
                        throw ApiError(grpc::StatusCode::ALREADY_EXISTS,
                                       "client_message_id: already used in this room");
                    }
                    pending->stored = it->second; // the stored one, nothing appended
                    continue;
                }
            }
            if (!message.replyTo.empty()) {
                const auto it = roomOfReply.find(message.replyTo);
                if (it == roomOfReply.end() || it->second != message.roomId) {
                    throw notFound("reply_to_message_id: no such message in this room");
                }
            }
            for (const auto& id : message.attachmentIds) {
                const auto it = attachments.find(id);
                if (it == attachments.end() || it->second.uploaderId != message.authorId ||
                    it->second.roomId != message.roomId || !it->second.complete) {
                    throw notFound(
                        "attachment_ids: no finished upload of yours to this room has id " + id);
                }
                if (!it->second.messageId.empty()) {
                    throw ApiError(grpc::StatusCode::FAILED_PRECONDITION,
                                   "attachment_ids: " + id + " was sent already");
                }
            }
        } catch (const ApiError&) {
            pending->error = std::current_exception();
            continue;
        }
        MessageRecord& stored = pending->stored;
        stored.id = message.id;
        stored.roomId = message.roomId;
        stored.authorId = message.authorId;
        stored.text = message.text;
        stored.sentAt = message.sentAt;
        stored.clientMessageId = message.clientMessageId;
        stored.replyTo = message.replyTo;
        for (const auto& id : message.attachmentIds) {
            auto& attachment = attachments.at(id);
            attachment.messageId = message.id; // a later send of the batch finds it taken
            stored.attachments.push_back(views::attachment(attachment));
        }
        if (!message.clientMessageId.empty()) {
            byClientId.emplace(Key{message.roomId, message.clientMessageId}, stored);
        }
        roomOfReply.emplace(message.id, message.roomId);
        fresh.push_back(pending.get());
        ++freshPerRoom[message.roomId];
    }
    if (fresh.empty()) {
        return;
    }

    // Their seqs at once: each room's counter moves by its number of sends.
    std::vector<std::optional<std::string>> counterRooms, counts;
    for (const auto& [roomId, count] : freshPerRoom) {
        counterRooms.push_back(roomId);
        counts.push_back(std::to_string(count));
    }
    if (counterRooms.size() > 1) {
        // The rooms' rows in one order (another instance's batch may want
        // the same ones): no two batches wait for each other in a circle.
        db.query("SELECT 1 FROM rooms WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE",
                 arrayOf(counterRooms, false));
    }
    const auto counters = db.query(
        "UPDATE rooms SET last_seq = rooms.last_seq + c.n FROM unnest($1::text[], $2::bigint[]) "
        "AS c(id, n) WHERE rooms.id = c.id RETURNING rooms.id, rooms.last_seq",
        arrayOf(counterRooms, false), arrayOf(counts, false));
    std::unordered_map<std::string, std::uint64_t> nextSeq;
    for (int i = 0; i < counters.rows(); ++i) {
        const std::string roomId = counters.text(i, 0);
        nextSeq[roomId] = static_cast<std::uint64_t>(counters.integer(i, 1)) - freshPerRoom[roomId];
    }
    // Who they mention: one lookup for every (room, @name) of the batch.
    std::vector<std::optional<std::string>> nameRooms, names;
    std::vector<std::vector<std::string>> namesOf;
    for (auto* pending : fresh) {
        namesOf.push_back(mentionedUsernames(pending->stored.text));
        for (const auto& name : namesOf.back()) {
            nameRooms.push_back(pending->stored.roomId);
            names.push_back(name);
        }
    }
    std::unordered_map<Key, std::string, KeyHash> memberByName;
    if (!names.empty()) {
        const auto rows = db.query(
            "SELECT m.room_id, u.username, u.id FROM members m JOIN users u ON u.id = m.user_id "
            "WHERE (m.room_id, u.username) IN (SELECT r, n FROM unnest($1::text[], $2::text[]) "
            "AS x(r, n))",
            arrayOf(nameRooms, false), arrayOf(names, false));
        for (int i = 0; i < rows.rows(); ++i) {
            memberByName.emplace(Key{rows.text(i, 0), rows.text(i, 1)}, rows.text(i, 2));
        }
    }
    std::vector<std::optional<std::string>> mentionMessages, mentionUsers, mentionRooms,
        mentionSeqs, mentionOrds;
    std::vector<std::optional<std::string>> roomsOf, ids, seqs, payloads, texts, authorsOf, sentAt,
        clientOf, replyOf, attachmentsOf, attachedIds, attachedTo;
    for (std::size_t f = 0; f < fresh.size(); ++f) {
        PgMessageStore::PendingSend* pending = fresh[f];
        MessageRecord& stored = pending->stored;
        const auto next = nextSeq.find(stored.roomId);
        if (next == nextSeq.end()) {
            throw std::logic_error("a member's room without a counter: " + stored.roomId);
        }
        stored.seq = ++next->second;
        for (const auto& name : namesOf[f]) {
            if (const auto it = memberByName.find({stored.roomId, name});
                it != memberByName.end()) {
                mentionMessages.push_back(stored.id);
                mentionUsers.push_back(it->second);
                mentionRooms.push_back(stored.roomId);
                mentionSeqs.push_back(std::to_string(stored.seq));
                mentionOrds.push_back(std::to_string(stored.mentionedUserIds.size()));
                stored.mentionedUserIds.push_back(it->second);
            }
        }
        v1::RoomEvent event;
        event.set_room_id(stored.roomId);
        event.set_seq(stored.seq);
        views::setTimestamp(event.mutable_at(), stored.sentAt);
        *event.mutable_message_posted() = views::message(stored);
        roomsOf.push_back(stored.roomId);
        ids.push_back(stored.id);
        seqs.push_back(std::to_string(stored.seq));
        payloads.push_back(event.SerializeAsString());
        texts.push_back(stored.text);
        authorsOf.push_back(stored.authorId);
        sentAt.push_back(std::to_string(stored.sentAt));
        clientOf.push_back(optionalOf(stored.clientMessageId));
        replyOf.push_back(optionalOf(stored.replyTo));
        attachmentsOf.push_back(views::packAttachments(stored.attachments));
        for (const auto& attachment : stored.attachments) {
            attachedIds.push_back(attachment.id());
            attachedTo.push_back(stored.id);
        }
        pending->appended.push_back(std::move(event));
    }
    db.query("INSERT INTO events (room_id, seq, message_id, payload) SELECT r, s, m, p FROM "
             "unnest($1::text[], $2::bigint[], $3::text[], $4::bytea[]) AS u(r, s, m, p)",
             arrayOf(roomsOf, false), arrayOf(seqs, false), arrayOf(ids, false),
             arrayOf(payloads, true));
    db.query("INSERT INTO messages (id, room_id, seq, author_id, text, sent_at, client_message_id, "
             "reply_to, attachments) SELECT m, r, s, a, t, at, c, rt, f FROM unnest($1::text[], "
             "$2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::text[], "
             "$8::text[], $9::bytea[]) AS u(m, r, s, a, t, at, c, rt, f)",
             arrayOf(ids, false), arrayOf(roomsOf, false), arrayOf(seqs, false),
             arrayOf(authorsOf, false), arrayOf(texts, false), arrayOf(sentAt, false),
             arrayOf(clientOf, false), arrayOf(replyOf, false), arrayOf(attachmentsOf, true));
    if (!attachedIds.empty()) {
        db.query("UPDATE attachments SET message_id = x.m FROM unnest($1::text[], $2::text[]) "
                 "AS x(a, m) WHERE attachments.id = x.a",
                 arrayOf(attachedIds, false), arrayOf(attachedTo, false));
    }
    if (!mentionMessages.empty()) {
        db.query("INSERT INTO mentions (message_id, user_id, room_id, seq, ord) SELECT m, u, r, s, "
                 "o FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[]) "
                 "AS x(m, u, r, s, o)",
                 arrayOf(mentionMessages, false), arrayOf(mentionUsers, false),
                 arrayOf(mentionRooms, false), arrayOf(mentionSeqs, false),
                 arrayOf(mentionOrds, false));
    }
}

} // namespace

MessageRecord PgMessageStore::send(const NewMessage& message, Appended* appended)
{
    std::promise<std::pair<MessageRecord, Appended>> promise;
    auto future = promise.get_future();
    sendAsync(message, [&promise](std::exception_ptr error, MessageRecord stored, Appended events) {
        if (error) {
            promise.set_exception(error);
        } else {
            promise.set_value({std::move(stored), std::move(events)});
        }
    });
    auto [stored, events] = future.get();
    if (appended) {
        for (auto& event : events) {
            appended->push_back(std::move(event));
        }
    }
    return stored;
}

void PgMessageStore::sendAsync(NewMessage message, SendDone done)
{
    auto pending = std::make_shared<PendingSend>();
    pending->message = std::move(message);
    pending->done = std::move(done);
    const std::string roomId = pending->message.roomId;
    const std::size_t writer = m_db.writerOf(roomId);
    {
        std::lock_guard lock(m_pendingMutex);
        Batch& waiting = m_pending[writer];
        waiting.push_back(std::move(pending));
        if (waiting.size() > 1) {
            return; // the writer's batch job, queued already, takes it
        }
    }
    auto batch = std::make_shared<Batch>();
    const auto take = [this, writer, batch] {
        if (batch->empty()) {
            std::lock_guard lock(m_pendingMutex);
            if (const auto it = m_pending.find(writer); it != m_pending.end()) {
                batch->swap(it->second);
                m_pending.erase(it);
            }
        }
    };
    Engine::WriteJob job;
    job.run = [take, batch](Connection& db) {
        take();
        storeBatch(db, *batch);
    };
    job.done = [take, batch](std::exception_ptr error) {
        take(); // a batch that never ran (the database was away) fails too
        for (auto& pending : *batch) {
            const std::exception_ptr outcome = error ? error : pending->error;
            pending->done(outcome, outcome ? MessageRecord{} : std::move(pending->stored),
                          outcome ? Appended{} : std::move(pending->appended));
        }
    };
    m_db.enqueue(roomId, std::move(job));
}

namespace {

// The room of a message, for the writer its edits and deletions go to (a
// message never changes room); NOT_FOUND when there is no such message.
std::string roomOf(Engine& engine, const std::string& messageId)
{
    auto room = engine.read([&](Connection& db) {
        return db.query("SELECT room_id FROM messages WHERE id = $1", messageId);
    });
    if (room.empty()) {
        throw notFound("message_id: not found");
    }
    return room.text(0, 0);
}

} // namespace

MessageRecord PgMessageStore::edit(const std::string& messageId, const std::string& userId,
                                   const std::string& text, Micros now, Appended* appended)
{
    return m_db.write(roomOf(m_db, messageId), [&](Connection& db) {
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
        db.query("UPDATE messages SET text = $1, edited_at = $2 WHERE id = $3", text, now,
                 messageId);
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
        Appended mine;
        append(db, std::move(event), now, messageId, mine);
        handOver(mine, appended);
        return std::move(*message);
    });
}

void PgMessageStore::remove(const std::string& messageId, const std::string& userId, Micros now,
                            Appended* appended)
{
    m_db.write(roomOf(m_db, messageId), [&](Connection& db) {
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
            return;
        }
        db.query("UPDATE messages SET text = '', deleted = true, attachments = NULL WHERE id = $1",
                 messageId);
        db.query("DELETE FROM reactions WHERE message_id = $1", messageId);
        db.query("DELETE FROM mentions WHERE message_id = $1", messageId);
        // Their parts go with them (ON DELETE CASCADE).
        db.query("DELETE FROM attachments WHERE message_id = $1", messageId);
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
        Appended mine;
        append(db, std::move(event), now, messageId, mine);
        handOver(mine, appended);
    });
}

bool PgMessageStore::react(const std::string& messageId, const std::string& userId,
                           const std::string& emoji, bool remove, std::size_t maxPerUser,
                           Micros now, Appended* appended)
{
    return m_db.write(roomOf(m_db, messageId), [&](Connection& db) {
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
            if (db.query("DELETE FROM reactions WHERE message_id = $1 AND user_id = $2 AND "
                         "emoji = $3",
                         messageId, userId, emoji)
                    .affected() == 0) {
                return false;
            }
        } else {
            const auto mine = static_cast<std::size_t>(
                db.query("SELECT count(*) FROM reactions WHERE message_id = $1 AND user_id = $2",
                         messageId, userId)
                    .integer(0, 0));
            if (db.query("INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES "
                         "($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                         messageId, userId, emoji, now)
                    .affected() == 0) {
                return false;
            }
            if (mine >= maxPerUser) {
                throw resourceExhausted("emoji: at most " + std::to_string(maxPerUser) +
                                        " reactions of yours on one message");
            }
        }
        const auto summaries = reactionsOf(db, messageId);
        rewriteMessageEvents(db, messageId, true,
                             [&](v1::Message& m) { views::setReactions(m, summaries); });
        v1::RoomEvent event =
            views::reactionEvent(message->roomId, messageId, userId, emoji, remove);
        Appended mine;
        append(db, std::move(event), now, messageId, mine);
        handOver(mine, appended);
        return true;
    });
}

std::optional<MessageRecord> PgMessageStore::byId(const std::string& messageId)
{
    return m_db.read([&](Connection& db) {
        auto message = selectMessage(db, messageId);
        if (message) {
            message->reactions = reactionsOf(db, messageId);
            message->mentionedUserIds = mentionsOf(db, messageId);
        }
        return message;
    });
}

std::vector<v1::RoomEvent> PgMessageStore::events(const std::string& roomId, std::uint64_t afterSeq,
                                                  std::uint64_t beforeSeq, std::size_t limit,
                                                  bool newest)
{
    // Seqs are SQL bigints: bounds past them (2^63 and up) bound nothing.
    constexpr auto kTop = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (afterSeq >= kTop) {
        return std::vector<v1::RoomEvent>{};
    }
    return m_db.read([&](Connection& db) {
        const auto upper = beforeSeq == 0 || beforeSeq > kTop ? kTop : beforeSeq;
        const auto rows =
            newest ? db.query("SELECT payload FROM events WHERE room_id = $1 AND seq > $2 "
                              "AND seq < $3 ORDER BY seq DESC LIMIT $4",
                              roomId, afterSeq, upper, static_cast<unsigned long long>(limit))
                   : db.query("SELECT payload FROM events WHERE room_id = $1 AND seq > $2 "
                              "AND seq < $3 ORDER BY seq ASC LIMIT $4",
                              roomId, afterSeq, upper, static_cast<unsigned long long>(limit));
        std::vector<v1::RoomEvent> events;
        events.reserve(static_cast<std::size_t>(rows.rows()));
        for (int i = 0; i < rows.rows(); ++i) {
            events.push_back(parseEvent(rows.view(i, 0), roomId));
        }
        if (newest) {
            std::reverse(events.begin(), events.end());
        }
        return events;
    });
}

std::vector<SearchHitRecord> PgMessageStore::search(const std::string& userId,
                                                    const std::vector<std::string>& words,
                                                    const std::string& roomId, std::size_t limit,
                                                    const std::optional<SearchCursor>& after)
{
    std::string query;
    for (const auto& word : words) {
        query += (query.empty() ? "" : " ") + word;
    }
    return m_db.read([&](Connection& db) {
        const auto rows = db.query(
            "SELECT m.id, m.room_id, m.seq, m.author_id, m.text, m.sent_at, m.edited_at, "
            "m.deleted, COALESCE(m.client_message_id, ''), COALESCE(m.reply_to, ''), "
            "m.attachments, ts_headline('simple', m.text, q, $7) "
            "FROM messages m JOIN members mb ON mb.room_id = m.room_id AND mb.user_id = $1, "
            "plainto_tsquery('simple', $2) q "
            "WHERE m.words @@ q AND NOT m.deleted AND ($3 = '' OR m.room_id = $3) "
            "AND ($4::bigint IS NULL OR m.sent_at < $4 OR (m.sent_at = $4 AND m.id < $5)) "
            "ORDER BY m.sent_at DESC, m.id DESC LIMIT $6",
            userId, query, roomId, after ? std::optional<long long>(after->sentAt) : std::nullopt,
            after ? after->messageId : std::string(), static_cast<unsigned long long>(limit),
            std::string("StartSel=\x02, StopSel=\x03, MaxWords=16, MinWords=4, "
                        "MaxFragments=1, FragmentDelimiter=…"));
        std::vector<SearchHitRecord> hits;
        for (int i = 0; i < rows.rows(); ++i) {
            hits.push_back({readMessage(rows, i), rows.text(i, 11)});
        }
        for (auto& hit : hits) {
            hit.message.reactions = reactionsOf(db, hit.message.id);
            hit.message.mentionedUserIds = mentionsOf(db, hit.message.id);
        }
        return hits;
    });
}

} // namespace confab::backend
