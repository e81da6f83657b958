#pragma once

#include "store/Records.h"

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace confab::backend {

// Messages and the room logs they are posted to.
class MessageStore {
public:
    virtual ~MessageStore() = default;

    // Stores a message unless (room, client_message_id) exists already, in
    // which case the stored one is returned and nothing is appended.
    virtual MessageRecord send(const NewMessage& message, Appended* appended) = 0;
    // As send, without a thread waiting: `done` runs once the message is
    // durable, with the stored message and what was appended, or with the
    // error. It runs on the store's own thread: it must hand anything slow
    // (the bus, the network) to another thread.
    using SendDone = std::function<void(std::exception_ptr, MessageRecord, Appended)>;
    virtual void sendAsync(NewMessage message, SendDone done) = 0;
    // Only the author edits, and not a deleted message.
    virtual MessageRecord edit(const std::string& messageId, const std::string& userId,
                               const std::string& text, Micros now, Appended* appended) = 0;
    // The author or the room's owner deletes; a deleted message stays as it is
    // (its reactions go with its text).
    virtual void remove(const std::string& messageId, const std::string& userId, Micros now,
                        Appended* appended) = 0;
    // Adds (or removes) the user's reaction `emoji` to a message of a room
    // they are a member of, appending reaction_added (reaction_removed) and
    // rewriting the message's stored events to show the new summary. False
    // when nothing changed. NOT_FOUND, PERMISSION_DENIED, FAILED_PRECONDITION
    // (deleted), RESOURCE_EXHAUSTED past `maxPerUser` reactions of the user
    // on the message.
    virtual bool react(const std::string& messageId, const std::string& userId,
                       const std::string& emoji, bool remove, std::size_t maxPerUser, Micros now,
                       Appended* appended) = 0;
    virtual std::optional<MessageRecord> byId(const std::string& messageId) = 0;
    // Messages that have every word of `words` (lowercase, at least one),
    // not deleted, in the rooms `userId` is a member of (or in `roomId`
    // alone, when given), newest first, after `after` (a page's last hit);
    // at most `limit`.
    virtual std::vector<SearchHitRecord> search(const std::string& userId,
                                                const std::vector<std::string>& words,
                                                const std::string& roomId, std::size_t limit,
                                                const std::optional<SearchCursor>& after) = 0;
    // Events with afterSeq < seq < beforeSeq (0 = no upper bound): the
    // newest `limit` of them when `newest`, else the oldest; ascending.
    virtual std::vector<v1::RoomEvent> events(const std::string& roomId, std::uint64_t afterSeq,
                                              std::uint64_t beforeSeq, std::size_t limit,
                                              bool newest) = 0;
};

} // namespace confab::backend
