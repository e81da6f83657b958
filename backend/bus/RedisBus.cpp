#include "bus/RedisBus.h"

#include "base/Log.h"

#include "confab/internal/bus.pb.h"

#include <hiredis/hiredis.h>
#include <pthread.h>
#include <sys/socket.h>

#include <charconv>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace confab::backend {

namespace {

using Envelope = internal::BusEnvelope;

struct Address {
    std::string unixPath;
    std::string host;
    int port = 6379;
    std::string password;
};

Address parseUrl(const std::string& url)
{
    Address address;
    if (url.starts_with("unix://")) {
        address.unixPath = url.substr(7);
    } else if (url.starts_with("/")) {
        address.unixPath = url;
    } else if (url.starts_with("redis://")) {
        std::string rest = url.substr(8);
        if (const auto slash = rest.find('/'); slash != std::string::npos) {
            rest.resize(slash);
        }
        if (const auto at = rest.rfind('@'); at != std::string::npos) {
            const std::string credentials = rest.substr(0, at);
            const auto colon = credentials.find(':');
            address.password =
                colon == std::string::npos ? credentials : credentials.substr(colon + 1);
            rest = rest.substr(at + 1);
        }
        if (const auto colon = rest.rfind(':');
            colon != std::string::npos && rest.find(']') == std::string::npos) {
            address.port = std::stoi(rest.substr(colon + 1));
            rest.resize(colon);
        }
        address.host = rest.empty() ? "127.0.0.1" : rest;
    } else {
        throw std::invalid_argument("bus: not a redis:// or unix:// address: " + url);
    }
    if (address.unixPath.empty() && address.host.empty()) {
        throw std::invalid_argument("bus: no Redis address in " + url);
    }
    return address;
}

timeval toTimeval(std::chrono::milliseconds ms)
{
    return {static_cast<time_t>(ms.count() / 1000),
            static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

struct ReplyDeleter {
    void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

// A command of binary-safe arguments; null when the connection failed.
Reply command(redisContext* context, const std::vector<std::string_view>& args)
{
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const auto& arg : args) {
        argv.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    return Reply(static_cast<redisReply*>(
        redisCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data())));
}

// Stream ids "ms-seq", compared as numbers.
std::pair<std::uint64_t, std::uint64_t> parseId(std::string_view id)
{
    std::uint64_t ms = 0;
    std::uint64_t seq = 0;
    const auto dash = id.find('-');
    std::from_chars(id.data(), id.data() + std::min(dash, id.size()), ms);
    if (dash != std::string_view::npos) {
        std::from_chars(id.data() + dash + 1, id.data() + id.size(), seq);
    }
    return {ms, seq};
}

Envelope::Kind kindOf(BusMessage::Kind kind)
{
    switch (kind) {
    case BusMessage::Kind::RoomEvent:
        return Envelope::ROOM_EVENT;
    case BusMessage::Kind::Ephemeral:
        return Envelope::EPHEMERAL;
    case BusMessage::Kind::MembershipAdded:
        return Envelope::MEMBERSHIP_ADDED;
    case BusMessage::Kind::MembershipRemoved:
        return Envelope::MEMBERSHIP_REMOVED;
    case BusMessage::Kind::SessionsRevoked:
        return Envelope::SESSIONS_REVOKED;
    case BusMessage::Kind::Recheck:
        return Envelope::RECHECK;
    }
    return Envelope::RECHECK;
}

BusMessage::Kind kindOf(Envelope::Kind kind)
{
    switch (kind) {
    case Envelope::ROOM_EVENT:
        return BusMessage::Kind::RoomEvent;
    case Envelope::EPHEMERAL:
        return BusMessage::Kind::Ephemeral;
    case Envelope::MEMBERSHIP_ADDED:
        return BusMessage::Kind::MembershipAdded;
    case Envelope::MEMBERSHIP_REMOVED:
        return BusMessage::Kind::MembershipRemoved;
    case Envelope::SESSIONS_REVOKED:
        return BusMessage::Kind::SessionsRevoked;
    default:
        return BusMessage::Kind::Recheck;
    }
}

std::string encode(const BusMessage& message, const std::string& origin)
{
    Envelope envelope;
    envelope.set_origin(origin);
    envelope.set_kind(kindOf(message.kind));
    envelope.set_room_id(message.roomId);
    envelope.set_seq(message.seq);
    envelope.set_user_id(message.userId);
    for (const auto& room : message.rooms) {
        envelope.add_rooms(room);
    }
    for (const auto& user : message.users) {
        envelope.add_users(user);
    }
    for (const auto& session : message.sessionIds) {
        envelope.add_session_ids(session);
    }
    if (message.payload) {
        envelope.set_payload(*message.payload);
    }
    return envelope.SerializeAsString();
}

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string joined(const std::vector<std::string>& parts)
{
    std::string out;
    for (const auto& part : parts) {
        out += (out.empty() ? "" : "\n") + part;
    }
    return out;
}

std::vector<std::string> split(std::string_view text)
{
    std::vector<std::string> parts;
    while (!text.empty()) {
        const auto end = text.find('\n');
        parts.emplace_back(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    return parts;
}

std::string_view textOf(const redisReply* reply)
{
    return reply && reply->str ? std::string_view(reply->str, reply->len) : std::string_view();
}

// A presence event's user and whether they came online; empty for others.
std::optional<std::pair<std::string, bool>> presenceOf(const BusMessage& message)
{
    if (message.kind != BusMessage::Kind::Ephemeral || !message.payload) {
        return std::nullopt;
    }
    v1::Event event;
    if (!event.ParseFromString(*message.payload) || !event.has_presence()) {
        return std::nullopt;
    }
    return std::pair{event.presence().user_id(),
                     event.presence().presence() == v1::PRESENCE_ONLINE};
}

constexpr auto kConnectTimeout = std::chrono::milliseconds(500);
constexpr auto kCommandTimeout = std::chrono::seconds(5);
constexpr auto kBlock = std::chrono::milliseconds(1000);

} // namespace

RedisBus::RedisBus(Options options)
    : m_options(std::move(options)),
      m_streamKey(m_options.prefix + "bus"),
      m_channel(m_options.prefix + "bus:lossy"),
      m_epochKey(m_options.prefix + "bus:epoch"),
      m_writer(nullptr, redisFree),
      m_onlineKey(m_options.prefix + "online:" + m_options.instanceId),
      m_instancesKey(m_options.prefix + "instances")
{
    parseUrl(m_options.url); // a bad address is the operator's mistake: say so at start
}

RedisBus::~RedisBus()
{
    // Leaving: the others need not wait for this instance to time out (its
    // users went offline as their streams ended).
    if (ContextPtr context = connect(kConnectTimeout)) {
        command(context.get(), {"ZREM", m_instancesKey, m_options.instanceId});
        command(context.get(), {"DEL", m_onlineKey});
    }
    {
        std::lock_guard lock(m_stopMutex);
        m_stopping = true;
        if (m_pubsubFd >= 0) {
            ::shutdown(m_pubsubFd, SHUT_RDWR);
        }
    }
    m_stopWake.notify_all();
    if (m_streamReader.joinable()) {
        m_streamReader.join();
    }
    if (m_pubsubReader.joinable()) {
        m_pubsubReader.join();
    }
}

RedisBus::ContextPtr RedisBus::connect(std::chrono::milliseconds timeout) const
{
    const Address address = parseUrl(m_options.url);
    redisContext* context =
        address.unixPath.empty()
            ? redisConnectWithTimeout(address.host.c_str(), address.port, toTimeval(timeout))
            : redisConnectUnixWithTimeout(address.unixPath.c_str(), toTimeval(timeout));
    ContextPtr out(context, redisFree);
    if (!context || context->err) {
        return ContextPtr(nullptr, redisFree);
    }
    if (address.unixPath.empty()) {
        redisEnableKeepAlive(context);
    }
    redisSetTimeout(context, toTimeval(kCommandTimeout));
    if (!address.password.empty()) {
        const auto reply = command(context, {"AUTH", address.password});
        if (!reply || reply->type == REDIS_REPLY_ERROR) {
            log::server().error("bus: Redis refused the password");
            return ContextPtr(nullptr, redisFree);
        }
    }
    return out;
}

std::string RedisBus::epoch(redisContext* context) const
{
    // The first instance to find no epoch sets one; a Redis that restarted
    // empty has none, and gets a new one.
    char random[17];
    std::snprintf(random, sizeof random, "%016llx",
                  static_cast<unsigned long long>(
                      std::chrono::steady_clock::now().time_since_epoch().count() ^
                      std::hash<std::string>{}(m_options.instanceId)));
    const auto set = command(context, {"SET", m_epochKey, random, "NX"});
    const auto get = command(context, {"GET", m_epochKey});
    if (!set || !get || get->type != REDIS_REPLY_STRING) {
        return {};
    }
    return std::string(get->str, get->len);
}

void RedisBus::setHandler(Handler handler)
{
    m_handler = std::move(handler);
    m_streamReader = std::thread([this] {
        pthread_setname_np(pthread_self(), "bus-stream");
        streamLoop();
    });
    m_pubsubReader = std::thread([this] {
        pthread_setname_np(pthread_self(), "bus-pubsub");
        pubsubLoop();
    });
}

redisContext* RedisBus::writer()
{
    if (m_writer) {
        return m_writer.get();
    }
    const auto now = std::chrono::steady_clock::now();
    if (now < m_nextConnect) {
        return nullptr;
    }
    m_writer = connect(kConnectTimeout);
    if (!m_writer) {
        m_nextConnect = now + std::chrono::seconds(1);
        if (m_connected.exchange(false)) {
            log::server().error("bus: Redis at {} does not answer; serving from the database "
                                "until it does",
                                m_options.url);
        }
        return nullptr;
    }
    if (!m_connected.exchange(true)) {
        log::server().info("bus: connected to Redis at {}", m_options.url);
    }
    return m_writer.get();
}

bool RedisBus::send(redisContext* context, const BusMessage& message)
{
    const std::string bytes = encode(message, m_options.instanceId);
    const std::string maxLength = std::to_string(m_options.streamMaxLength);
    const Reply reply =
        message.lossy
            ? command(context, {"PUBLISH", m_channel, bytes})
            : command(context, {"XADD", m_streamKey, "MAXLEN", "~", maxLength, "*", "e", bytes});
    if (reply && reply->type == REDIS_REPLY_ERROR) {
        log::server().error("bus: Redis: {}", textOf(reply.get()));
    }
    return reply && reply->type != REDIS_REPLY_ERROR;
}

bool RedisBus::onlineOnOthers(redisContext* context, const std::string& userId) const
{
    const auto live =
        command(context, {"ZRANGEBYSCORE", m_instancesKey, std::to_string(nowMs()), "+inf"});
    if (!live || live->type != REDIS_REPLY_ARRAY) {
        return false;
    }
    for (std::size_t i = 0; i < live->elements; ++i) {
        const std::string_view id = textOf(live->element[i]);
        if (id == m_options.instanceId) {
            continue;
        }
        const auto has =
            command(context, {"HEXISTS", m_options.prefix + "online:" + std::string(id), userId});
        if (has && has->type == REDIS_REPLY_INTEGER && has->integer == 1) {
            return true;
        }
    }
    return false;
}

bool RedisBus::presenceChanged(const BusMessage& message)
{
    const auto presence = presenceOf(message);
    if (!presence) {
        return true;
    }
    const auto& [userId, online] = *presence;
    {
        std::lock_guard lock(m_presenceMutex);
        if (online) {
            m_mine[userId] = message.rooms;
        } else {
            m_mine.erase(userId);
        }
    }
    redisContext* context = writer();
    if (!context) {
        return true; // no one to ask: this instance's view is all there is
    }
    const Reply reply = online
                            ? command(context, {"HSET", m_onlineKey, userId, joined(message.rooms)})
                            : command(context, {"HDEL", m_onlineKey, userId});
    if (!reply) {
        m_writer.reset();
        return true;
    }
    if (online) {
        return true;
    }
    // Offline only when no other instance has a stream of theirs; what this
    // instance believes of the others follows from the answer.
    const bool elsewhere = onlineOnOthers(context, userId);
    std::lock_guard lock(m_presenceMutex);
    if (elsewhere) {
        m_elsewhere.insert(userId);
    } else {
        m_elsewhere.erase(userId);
    }
    return !elsewhere;
}

void RedisBus::publish(const BusMessage& message)
{
    if (!presenceChanged(message)) {
        return;
    }
    // Here first, whatever Redis does.
    if (m_handler) {
        m_handler(message);
    }
    redisContext* context = writer();
    if (!context) {
        m_lostPublishes = m_lostPublishes || !message.lossy;
        return;
    }
    if (m_lostPublishes) {
        // What could not be published: the other instances find it in the
        // store when they recheck.
        BusMessage recheck;
        recheck.kind = BusMessage::Kind::Recheck;
        if (send(context, recheck)) {
            m_lostPublishes = false;
        }
    }
    if (!send(context, message)) {
        m_lostPublishes = m_lostPublishes || !message.lossy;
        m_writer.reset();
        if (m_connected.exchange(false)) {
            log::server().error("bus: lost Redis at {}", m_options.url);
        }
    }
}

bool RedisBus::onlineElsewhere(const std::string& userId) const
{
    std::lock_guard lock(m_presenceMutex);
    return m_elsewhere.contains(userId);
}

void RedisBus::beat(redisContext* context, bool reconnected)
{
    const std::int64_t now = nowMs();
    command(context,
            {"ZADD", m_instancesKey, std::to_string(now + m_options.instanceTimeout.count()),
             m_options.instanceId});
    if (reconnected) {
        // Redis may have restarted empty: this instance's users again, and
        // the others' as they are now.
        std::unordered_map<std::string, std::vector<std::string>> mine;
        {
            std::lock_guard lock(m_presenceMutex);
            mine = m_mine;
        }
        for (const auto& [userId, rooms] : mine) {
            command(context, {"HSET", m_onlineKey, userId, joined(rooms)});
        }
        std::unordered_set<std::string> elsewhere;
        const auto live =
            command(context, {"ZRANGEBYSCORE", m_instancesKey, std::to_string(now), "+inf"});
        for (std::size_t i = 0; live && live->type == REDIS_REPLY_ARRAY && i < live->elements;
             ++i) {
            const std::string id(textOf(live->element[i]));
            if (id == m_options.instanceId) {
                continue;
            }
            const auto users = command(context, {"HKEYS", m_options.prefix + "online:" + id});
            for (std::size_t u = 0;
                 users && users->type == REDIS_REPLY_ARRAY && u < users->elements; ++u) {
                elsewhere.emplace(textOf(users->element[u]));
            }
        }
        std::lock_guard lock(m_presenceMutex);
        m_elsewhere = std::move(elsewhere);
    }
    // Kept a while past a death, for the others to read what it had.
    command(context,
            {"PEXPIRE", m_onlineKey, std::to_string(m_options.instanceTimeout.count() * 6)});

    // Instances that stopped beating: the first to remove one takes its
    // users offline, unless they are online on a live instance.
    const auto dead =
        command(context, {"ZRANGEBYSCORE", m_instancesKey, "-inf", std::to_string(now)});
    for (std::size_t i = 0; dead && dead->type == REDIS_REPLY_ARRAY && i < dead->elements; ++i) {
        const std::string id(textOf(dead->element[i]));
        const auto removed = command(context, {"ZREM", m_instancesKey, id});
        if (!removed || removed->type != REDIS_REPLY_INTEGER || removed->integer != 1) {
            continue;
        }
        const std::string key = m_options.prefix + "online:" + id;
        const auto users = command(context, {"HGETALL", key});
        command(context, {"DEL", key});
        log::server().warn("bus: instance {} stopped; its users go offline", id);
        for (std::size_t u = 0;
             users && users->type == REDIS_REPLY_ARRAY && u + 1 < users->elements; u += 2) {
            const std::string userId(textOf(users->element[u]));
            bool here = false;
            {
                std::lock_guard lock(m_presenceMutex);
                here = m_mine.contains(userId);
            }
            if (here || onlineOnOthers(context, userId)) {
                continue;
            }
            v1::Event event;
            event.mutable_presence()->set_user_id(userId);
            event.mutable_presence()->set_presence(v1::PRESENCE_OFFLINE);
            BusMessage offline;
            offline.kind = BusMessage::Kind::Ephemeral;
            offline.lossy = true;
            offline.rooms = split(textOf(users->element[u + 1]));
            offline.users = {userId};
            offline.payload = BusMessage::encode(event);
            {
                std::lock_guard lock(m_presenceMutex);
                m_elsewhere.erase(userId);
            }
            m_handler(offline);
            send(context, offline);
        }
    }
}

void RedisBus::deliver(const std::string& bytes)
{
    Envelope envelope;
    if (!envelope.ParseFromString(bytes)) {
        log::server().warn("bus: an unreadable message on Redis, skipped");
        return;
    }
    if (envelope.origin() == m_options.instanceId) {
        return; // delivered here when it was published
    }
    BusMessage message;
    message.kind = kindOf(envelope.kind());
    message.roomId = envelope.room_id();
    message.seq = envelope.seq();
    message.userId = envelope.user_id();
    message.rooms.assign(envelope.rooms().begin(), envelope.rooms().end());
    message.users.assign(envelope.users().begin(), envelope.users().end());
    message.sessionIds.assign(envelope.session_ids().begin(), envelope.session_ids().end());
    if (envelope.has_payload()) {
        message.payload = std::make_shared<const std::string>(envelope.payload());
    }
    if (const auto presence = presenceOf(message)) {
        std::lock_guard lock(m_presenceMutex);
        if (presence->second) {
            m_elsewhere.insert(presence->first);
        } else {
            m_elsewhere.erase(presence->first);
        }
    }
    m_handler(message);
}

void RedisBus::recheckHere()
{
    BusMessage recheck;
    recheck.kind = BusMessage::Kind::Recheck;
    m_handler(recheck);
}

bool RedisBus::waitOrStop(std::chrono::milliseconds delay)
{
    std::unique_lock lock(m_stopMutex);
    return m_stopWake.wait_for(lock, delay, [this] { return m_stopping; });
}

void RedisBus::streamLoop()
{
    std::string lastId;
    std::string knownEpoch;
    auto backoff = std::chrono::milliseconds(100);
    bool wasConnected = false;
    while (!waitOrStop(std::chrono::milliseconds(0))) {
        ContextPtr context = connect(kConnectTimeout);
        std::string currentEpoch = context ? epoch(context.get()) : std::string();
        if (!context || currentEpoch.empty()) {
            if (waitOrStop(backoff)) {
                return;
            }
            backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
            continue;
        }
        backoff = std::chrono::milliseconds(100);
        if (lastId.empty()) {
            // The first connection: from the end of the stream (nothing
            // older concerns streams that did not exist yet).
            const auto last =
                command(context.get(), {"XREVRANGE", m_streamKey, "+", "-", "COUNT", "1"});
            if (!last) {
                continue;
            }
            lastId = last->type == REDIS_REPLY_ARRAY && last->elements > 0
                         ? std::string(last->element[0]->element[0]->str,
                                       last->element[0]->element[0]->len)
                         : "0-0";
        } else if (currentEpoch != knownEpoch) {
            log::server().warn("bus: Redis restarted empty; rechecking the streams");
            lastId = "0-0";
        } else {
            const auto first =
                command(context.get(), {"XRANGE", m_streamKey, "-", "+", "COUNT", "1"});
            if (first && first->type == REDIS_REPLY_ARRAY && first->elements > 0 &&
                parseId(std::string_view(first->element[0]->element[0]->str,
                                         first->element[0]->element[0]->len)) > parseId(lastId)) {
                log::server().warn("bus: the stream was trimmed past what this instance read; "
                                   "rechecking the streams");
            }
        }
        knownEpoch = currentEpoch;
        beat(context.get(), true);
        auto nextBeat = std::chrono::steady_clock::now() + m_options.instanceTimeout / 4;
        if (wasConnected) {
            // Whatever the cause of the break, what was published meanwhile
            // by instances that could not reach Redis is in the store only.
            recheckHere();
        }
        wasConnected = true;
        const std::string block = std::to_string(kBlock.count());
        while (!waitOrStop(std::chrono::milliseconds(0))) {
            const auto reply = command(context.get(), {"XREAD", "COUNT", "512", "BLOCK", block,
                                                       "STREAMS", m_streamKey, lastId});
            if (!reply || reply->type == REDIS_REPLY_ERROR) {
                break;
            }
            if (std::chrono::steady_clock::now() >= nextBeat) {
                beat(context.get(), false);
                nextBeat = std::chrono::steady_clock::now() + m_options.instanceTimeout / 4;
            }
            if (reply->type != REDIS_REPLY_ARRAY || reply->elements == 0) {
                continue; // nothing within the block time
            }
            const redisReply* entries = reply->element[0]->element[1];
            for (std::size_t i = 0; i < entries->elements; ++i) {
                const redisReply* entry = entries->element[i];
                lastId.assign(entry->element[0]->str, entry->element[0]->len);
                const redisReply* fields = entry->element[1];
                for (std::size_t f = 0; f + 1 < fields->elements; f += 2) {
                    if (std::string_view(fields->element[f]->str, fields->element[f]->len) == "e") {
                        deliver(
                            std::string(fields->element[f + 1]->str, fields->element[f + 1]->len));
                    }
                }
            }
        }
    }
}

void RedisBus::pubsubLoop()
{
    auto backoff = std::chrono::milliseconds(100);
    while (!waitOrStop(std::chrono::milliseconds(0))) {
        ContextPtr context = connect(kConnectTimeout);
        if (!context) {
            if (waitOrStop(backoff)) {
                return;
            }
            backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
            continue;
        }
        backoff = std::chrono::milliseconds(100);
        // Reads wait for as long as it takes (the destructor shuts the
        // socket down to end the wait; keepalive finds a dead peer).
        redisSetTimeout(context.get(), toTimeval(std::chrono::milliseconds(0)));
        if (!command(context.get(), {"SUBSCRIBE", m_channel})) {
            continue;
        }
        {
            std::lock_guard lock(m_stopMutex);
            if (m_stopping) {
                return;
            }
            m_pubsubFd = context->fd;
        }
        for (;;) {
            redisReply* raw = nullptr;
            if (redisGetReply(context.get(), reinterpret_cast<void**>(&raw)) != REDIS_OK) {
                break;
            }
            const Reply reply(raw);
            if (reply && reply->type == REDIS_REPLY_ARRAY && reply->elements == 3 &&
                std::string_view(reply->element[0]->str, reply->element[0]->len) == "message") {
                deliver(std::string(reply->element[2]->str, reply->element[2]->len));
            }
            if (waitOrStop(std::chrono::milliseconds(0))) {
                break;
            }
        }
        std::lock_guard lock(m_stopMutex);
        m_pubsubFd = -1;
    }
}

} // namespace confab::backend
