#include "store/postgres/PgMessageStore.h"

#include "base/ApiError.h"
#include "store/Views.h"
#include "store/postgres/PgRows.h"

#include <algorithm>
#include <limits>

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

MessageRecord storeMessage(Connection& db, const NewMessage& message, Appended& appended)
{
    // The membership is looked up first: on this, the busiest path, the
    // room's existence is only asked about when the author is no member.
    if (!selectMembership(db, message.roomId, message.authorId)) {
        requireRoom(db, message.roomId);
        throw permissionDenied("room_id: you are not a member of this room");
    }
    if (!message.clientMessageId.empty()) {
        const auto existing = db.query("SELECT " CONFAB_PG_MESSAGE_COLUMNS " FROM messages "
                                       "WHERE room_id = $1 AND client_message_id = $2",
                                       message.roomId, message.clientMessageId);
        if (!existing.empty()) {
            MessageRecord original = readMessage(existing, 0);
            if (original.authorId != message.authorId) {
                throw ApiError(grpc::StatusCode::ALREADY_EXISTS,
                               "client_message_id: already used in this room");
            }
            return original;
        }
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

    v1::RoomEvent event;
    event.set_room_id(message.roomId);
    *event.mutable_message_posted() = views::message(stored);
    Appended mine;
    append(db, std::move(event), message.sentAt, message.id, mine);
    stored.seq = mine.back().seq();
    db.query("INSERT INTO messages (id, room_id, seq, author_id, text, sent_at, "
             "client_message_id, reply_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
             stored.id, stored.roomId, stored.seq, stored.authorId, stored.text, stored.sentAt,
             message.clientMessageId.empty() ? std::optional<std::string>()
                                             : std::optional(message.clientMessageId),
             message.replyTo.empty() ? std::optional<std::string>()
                                     : std::optional(message.replyTo));
    appended.push_back(std::move(mine.back()));
    return stored;
}

} // namespace

MessageRecord PgMessageStore::send(const NewMessage& message, Appended* appended)
{
    return m_db.write(message.roomId, [&](Connection& db) {
        Appended mine;
        MessageRecord stored = storeMessage(db, message, mine);
        handOver(mine, appended);
        return stored;
    });
}

void PgMessageStore::sendAsync(NewMessage message, SendDone done)
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
    const std::string roomId = state->message.roomId;
    Engine::WriteJob job;
    job.run = [state](Connection& db) {
        state->appended.clear();
        state->stored = storeMessage(db, state->message, state->appended);
    };
    job.done = [state](std::exception_ptr error) {
        state->done(error, std::move(state->stored), std::move(state->appended));
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
        db.query("UPDATE messages SET text = '', deleted = true WHERE id = $1", messageId);
        rewriteMessageEvents(db, messageId, true, [](v1::Message& m) {
            m.clear_text();
            m.set_deleted(true);
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

std::optional<MessageRecord> PgMessageStore::byId(const std::string& messageId)
{
    return m_db.read([&](Connection& db) { return selectMessage(db, messageId); });
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

} // namespace confab::backend
