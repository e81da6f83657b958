// The store's input paths, driven directly: each input is a sequence of
// store calls (users, sessions, rooms, membership, messages, history pages,
// read positions, searches) on a fresh store, with text and numbers taken
// from the input. What the server checks before the store is called holds
// here too: strings are valid UTF-8 without NUL, as protobuf parsing and
// validation leave them; ids, prefixes, limits and seqs are anything.
//
// Besides crashes and sanitizer reports, a finding is a store that breaks
// its contract: an exception other than ApiError, an ApiError a caller's
// mistake cannot cause (INTERNAL, UNKNOWN), a room log that is not gap-free
// from 1 to the room's last seq, a history page that is not the one asked
// for, a search result that does not start with the prefix or a match that
// is missing, a read position that moves back or past the log, a value that
// does not come back as it was stored, or an unsound database file.
#include "base/ApiError.h"
#include "base/Time.h"
#include "store/sqlite/SqliteStore.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace confab::backend;

// The call being made, named in a finding.
const char* const operations[] = {"users.create",      "users.search",    "rooms.create",
                                  "rooms.publicRooms", "rooms.join",      "rooms.leave",
                                  "rooms.invite",      "messages.send",   "messages.send",
                                  "messages.edit",     "messages.remove", "messages.events",
                                  "messages.events",   "rooms.markRead",  "users.updateProfile",
                                  "users.remove",      "sessions.create", "sessions.authenticate"};
const char* operation = "open";

[[noreturn]] void finding(const std::string& what)
{
    std::fprintf(stderr, "store finding in %s: %s\n", operation, what.c_str());
    std::abort();
}

void check(bool ok, const std::string& what)
{
    if (!ok) {
        finding(what);
    }
}

// Pieces that make the interesting strings: LIKE's wildcards and escape,
// quotes, ASCII and non-ASCII letters in both cases, multi-byte emoji.
const char* const pieces[] = {"a", "A", "b", "z", "%", "_",      "\\", "'", "\"", " ",
                              ";", "é", "É", "ß", "🎉", "❤️", "0",  "-", ".",  "\t"};

std::string text(FuzzedDataProvider& in, std::size_t maxPieces)
{
    std::string out;
    const std::size_t count = in.ConsumeIntegralInRange<std::size_t>(0, maxPieces);
    for (std::size_t i = 0; i < count && in.remaining_bytes() > 0; ++i) {
        out += pieces[in.ConsumeIntegralInRange<std::size_t>(0, std::size(pieces) - 1)];
    }
    return out;
}

char fold(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Whether `value` starts with `prefix`, ASCII letters in either case (what
// a store may match).
bool startsWithFolded(const std::string& value, const std::string& prefix)
{
    if (value.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (fold(value[i]) != fold(prefix[i])) {
            return false;
        }
    }
    return true;
}

bool startsWith(const std::string& value, const std::string& prefix)
{
    return value.compare(0, prefix.size(), prefix) == 0;
}

std::uint64_t anySeq(FuzzedDataProvider& in)
{
    switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0:
        return 0;
    case 1:
        return in.ConsumeIntegralInRange<std::uint64_t>(0, 40);
    case 2:
        return std::uint64_t{1} << 63 | in.ConsumeIntegral<std::uint8_t>();
    default:
        return in.ConsumeIntegral<std::uint64_t>();
    }
}

// What the input has made so far, to ask about and to check against.
struct Model {
    std::vector<UserRecord> users; // as created; `deleted` kept in step
    std::vector<RoomRecord> rooms; // as created
    std::vector<std::string> messageIds;
    std::vector<TokenHashes> tokens;
    int nextId = 0;

    std::string newId(const char* kind) { return std::string(kind) + std::to_string(++nextId); }
};

template <typename T>
const T* pick(FuzzedDataProvider& in, const std::vector<T>& from)
{
    if (from.empty()) {
        return nullptr;
    }
    return &from[in.ConsumeIntegralInRange<std::size_t>(0, from.size() - 1)];
}

// An id of something that exists, or one that does not.
std::string userId(FuzzedDataProvider& in, const Model& model)
{
    const UserRecord* user = pick(in, model.users);
    return user && in.ConsumeBool() ? user->id : text(in, 4);
}

std::string roomId(FuzzedDataProvider& in, const Model& model)
{
    const RoomRecord* room = pick(in, model.rooms);
    return room && in.ConsumeIntegralInRange<int>(0, 7) > 0 ? room->id : text(in, 4);
}

std::string messageId(FuzzedDataProvider& in, const Model& model)
{
    const std::string* id = pick(in, model.messageIds);
    return id && in.ConsumeBool() ? *id : text(in, 4);
}

void checkLog(Store& store, const std::string& room)
{
    const auto record = store.rooms().byId(room);
    check(record.has_value(), "a created room is gone: " + room);
    const auto log = store.messages().events(room, 0, 0, 1u << 20, false);
    check(log.size() == record->lastSeq, "room log of " + std::to_string(log.size()) +
                                             " events, last seq " +
                                             std::to_string(record->lastSeq));
    for (std::size_t i = 0; i < log.size(); ++i) {
        check(log[i].seq() == i + 1, "room log not gap-free at " + std::to_string(i));
        check(log[i].room_id() == room, "an event of another room in the log");
    }
}

void history(FuzzedDataProvider& in, Store& store, const Model& model)
{
    const std::string room = roomId(in, model);
    const std::uint64_t after = anySeq(in);
    const std::uint64_t before = anySeq(in);
    const std::size_t limit = in.ConsumeIntegralInRange<std::size_t>(0, 50);
    const bool newest = in.ConsumeBool();
    const auto page = store.messages().events(room, after, before, limit, newest);
    const auto record = store.rooms().byId(room);
    const std::uint64_t last = record ? record->lastSeq : 0;
    // The log is 1..last; the page is its part in (after, before), cut to
    // `limit` at the newest or the oldest end.
    const std::uint64_t low = std::max<std::uint64_t>(after, 0) + 1;
    const std::uint64_t high = before == 0 ? last : std::min(last, before - 1);
    const std::uint64_t available = (after >= last || low > high) ? 0 : high - low + 1;
    const std::uint64_t expected = std::min<std::uint64_t>(available, limit);
    check(page.size() == expected, "history page of " + std::to_string(page.size()) +
                                       " events, expected " + std::to_string(expected));
    for (std::size_t i = 0; i < page.size(); ++i) {
        const std::uint64_t want = newest ? high - expected + 1 + i : low + i;
        check(page[i].seq() == want, "history page holds seq " + std::to_string(page[i].seq()) +
                                         ", expected " + std::to_string(want));
    }
}

void searchUsers(FuzzedDataProvider& in, Store& store, const Model& model)
{
    const std::string prefix = text(in, 3);
    const std::size_t limit = in.ConsumeIntegralInRange<std::size_t>(0, 30);
    const auto found = store.users().search(prefix, limit);
    check(found.size() <= limit, "user search past its limit");
    for (const auto& user : found) {
        check(!user.deleted, "user search found a deleted user");
        check(startsWithFolded(user.username, prefix) || startsWithFolded(user.displayName, prefix),
              "user search for '" + prefix + "' found '" + user.username + "'");
    }
    if (found.size() < limit) {
        for (const auto& user : model.users) {
            if (!user.deleted &&
                (startsWith(user.username, prefix) || startsWith(user.displayName, prefix))) {
                const bool listed = std::any_of(found.begin(), found.end(),
                                                [&](const auto& u) { return u.id == user.id; });
                check(listed, "user search for '" + prefix + "' missed '" + user.username + "'");
            }
        }
    }
}

void searchRooms(FuzzedDataProvider& in, Store& store, const Model& model)
{
    const std::string prefix = text(in, 3);
    const std::size_t limit = in.ConsumeIntegralInRange<std::size_t>(0, 30);
    const auto found = store.rooms().publicRooms(prefix, limit);
    check(found.size() <= limit, "room directory past its limit");
    for (const auto& entry : found) {
        check(entry.room.visibility == confab::v1::VISIBILITY_PUBLIC && !entry.room.direct(),
              "room directory lists a room that is not public");
        check(startsWithFolded(entry.room.name, prefix),
              "room directory for '" + prefix + "' found '" + entry.room.name + "'");
    }
    if (found.size() < limit) {
        for (const auto& room : model.rooms) {
            if (room.visibility == confab::v1::VISIBILITY_PUBLIC && startsWith(room.name, prefix)) {
                const bool listed = std::any_of(found.begin(), found.end(), [&](const auto& r) {
                    return r.room.id == room.id;
                });
                check(listed, "room directory for '" + prefix + "' missed '" + room.name + "'");
            }
        }
    }
}

void step(FuzzedDataProvider& in, Store& store, Model& model, Micros& now)
{
    now += in.ConsumeIntegralInRange<Micros>(0, 1'000'000);
    const int which = in.ConsumeIntegralInRange<int>(0, std::size(operations) - 1);
    operation = operations[which];
    switch (which) {
    case 0: {
        UserRecord user;
        user.id = model.newId("u");
        user.username = text(in, 6);
        user.displayName = text(in, 8);
        user.passwordHash = text(in, 3);
        user.createdAt = now;
        store.users().create(user);
        const auto back = store.users().byUsername(user.username, false);
        check(back && back->id == user.id && back->displayName == user.displayName &&
                  back->passwordHash == user.passwordHash,
              "a created user does not come back as stored");
        model.users.push_back(user);
        break;
    }
    case 1:
        searchUsers(in, store, model);
        break;
    case 2: {
        NewRoom room;
        room.id = model.newId("r");
        room.name = text(in, 6);
        room.topic = text(in, 6);
        room.visibility =
            in.ConsumeBool() ? confab::v1::VISIBILITY_PUBLIC : confab::v1::VISIBILITY_PRIVATE;
        const UserRecord* creator = pick(in, model.users);
        if (!creator) {
            return;
        }
        room.creatorId = creator->id;
        for (const auto& user : model.users) {
            if (user.id != creator->id && in.ConsumeBool()) {
                room.memberIds.push_back(user.id);
            }
        }
        room.createdAt = now;
        store.rooms().create(room, nullptr);
        const auto back = store.rooms().byId(room.id);
        check(back && back->name == room.name && back->topic == room.topic,
              "a created room does not come back as stored");
        model.rooms.push_back(*back);
        break;
    }
    case 3:
        searchRooms(in, store, model);
        break;
    case 4:
        store.rooms().join(roomId(in, model), userId(in, model), now, nullptr);
        break;
    case 5:
        store.rooms().leave(roomId(in, model), userId(in, model), now, nullptr);
        break;
    case 6:
        store.rooms().invite(roomId(in, model), userId(in, model), userId(in, model), now);
        break;
    case 7:
    case 8: {
        NewMessage message;
        message.id = model.newId("m");
        message.roomId = roomId(in, model);
        message.authorId = userId(in, model);
        message.clientMessageId = in.ConsumeBool() ? text(in, 2) : std::string{};
        message.text = text(in, 12);
        message.replyTo = in.ConsumeBool() ? messageId(in, model) : std::string{};
        message.sentAt = now;
        const auto before = store.rooms().byId(message.roomId);
        MessageRecord stored;
        Appended appended;
        if (in.ConsumeBool()) {
            stored = store.messages().send(message, &appended);
        } else {
            std::promise<std::pair<MessageRecord, Appended>> done;
            store.messages().sendAsync(
                message, [&](std::exception_ptr error, MessageRecord record, Appended events) {
                    if (error) {
                        done.set_exception(error);
                    } else {
                        done.set_value({std::move(record), std::move(events)});
                    }
                });
            std::tie(stored, appended) = done.get_future().get();
        }
        check(before.has_value(), "a message was stored in a room that does not exist");
        if (stored.id == message.id) {
            check(stored.seq == before->lastSeq + 1 && appended.size() == 1 &&
                      appended[0].seq() == stored.seq,
                  "a new message is not the next event of its room");
            check(stored.text == message.text, "a message's text does not come back as sent");
            model.messageIds.push_back(stored.id);
        } else {
            check(!message.clientMessageId.empty() && appended.empty() &&
                      stored.clientMessageId == message.clientMessageId,
                  "a repeated send appended or returned another message");
        }
        break;
    }
    case 9: {
        const std::string text_ = text(in, 12);
        const auto edited =
            store.messages().edit(messageId(in, model), userId(in, model), text_, now, nullptr);
        check(edited.text == text_ && !edited.deleted, "an edit does not hold its text");
        break;
    }
    case 10:
        store.messages().remove(messageId(in, model), userId(in, model), now, nullptr);
        break;
    case 11:
    case 12:
        history(in, store, model);
        break;
    case 13: {
        const std::string room = roomId(in, model);
        const std::string user = userId(in, model);
        const auto before = store.rooms().membership(room, user);
        const std::uint64_t seq = anySeq(in);
        const std::uint64_t stored = store.rooms().markRead(room, user, seq);
        const auto record = store.rooms().byId(room);
        check(before && record, "a read position was set for a non-member");
        check(stored == std::max(before->readSeq, std::min(seq, record->lastSeq)),
              "read position " + std::to_string(stored) + " after marking " + std::to_string(seq) +
                  " from " + std::to_string(before->readSeq));
        break;
    }
    case 14: {
        ProfileUpdate update;
        if (in.ConsumeBool()) {
            update.displayName = text(in, 8);
        }
        if (in.ConsumeBool()) {
            update.statusText = text(in, 8);
        }
        if (in.ConsumeBool()) {
            update.avatar = in.ConsumeBytesAsString(in.ConsumeIntegralInRange<std::size_t>(0, 64));
        }
        const std::string user = userId(in, model);
        const auto stored = store.users().updateProfile(user, update);
        check(!update.displayName || stored.displayName == *update.displayName,
              "a profile update lost the display name");
        check(!update.avatar || stored.avatar == *update.avatar,
              "a profile update lost the avatar bytes");
        for (auto& modelUser : model.users) {
            if (modelUser.id == user) {
                modelUser.displayName = stored.displayName;
            }
        }
        break;
    }
    case 15: {
        const std::string user = userId(in, model);
        store.users().remove(user);
        for (auto& modelUser : model.users) {
            if (modelUser.id == user) {
                modelUser.deleted = true;
                modelUser.displayName.clear();
            }
        }
        break;
    }
    case 16: {
        const UserRecord* user = pick(in, model.users);
        if (!user) {
            return;
        }
        SessionRecord session;
        session.id = model.newId("s");
        session.userId = user->id;
        session.deviceName = text(in, 6);
        session.createdAt = now;
        session.lastUsedAt = now;
        TokenHashes tokens;
        tokens.accessHash = model.newId("a") + text(in, 3);
        tokens.accessExpiresAt = now + in.ConsumeIntegralInRange<Micros>(0, 10'000'000);
        tokens.refreshHash = model.newId("f") + text(in, 3);
        tokens.refreshExpiresAt = now + in.ConsumeIntegralInRange<Micros>(0, 10'000'000);
        store.sessions().create(session, tokens);
        model.tokens.push_back(tokens);
        break;
    }
    default: {
        const TokenHashes* tokens = pick(in, model.tokens);
        const std::string hash = tokens && in.ConsumeBool() ? tokens->accessHash : text(in, 4);
        const auto principal = store.sessions().authenticate(hash, now);
        if (principal) {
            const bool known = std::any_of(model.tokens.begin(), model.tokens.end(),
                                           [&](const auto& t) { return t.accessHash == hash; });
            check(known, "an unknown access token authenticated");
            check(principal->accessExpiresAt > now, "an expired access token authenticated");
        }
        break;
    }
    }
}

std::filesystem::path scratch;

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    // Each input gets a new database; in memory-backed storage where there
    // is some, so that every commit's sync costs little.
    char pattern[] = "/dev/shm/confab-fuzz-store-XXXXXX";
    char fallback[] = "/tmp/confab-fuzz-store-XXXXXX";
    const char* dir = mkdtemp(pattern);
    scratch = dir ? dir : mkdtemp(fallback);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider in(data, size);
    const auto file = scratch / "confab.db";
    std::filesystem::remove_all(scratch);
    std::filesystem::create_directories(scratch);
    {
        SqliteStore store(file, 1);
        Model model;
        Micros now = 1'000'000;
        for (int steps = 0; steps < 64 && in.remaining_bytes() > 0; ++steps) {
            try {
                step(in, store, model, now);
            } catch (const ApiError& e) {
                if (e.code() == grpc::StatusCode::INTERNAL ||
                    e.code() == grpc::StatusCode::UNKNOWN) {
                    finding(std::string("ApiError that no caller causes: ") + e.what());
                }
            } catch (const std::exception& e) {
                finding(std::string("exception: ") + e.what());
            }
        }
        operation = "the final check";
        for (const auto& room : model.rooms) {
            checkLog(store, room.id);
        }
        const std::string integrity = store.integrityCheck();
        check(integrity == "ok", "integrity check: " + integrity);
    }
    return 0;
}
