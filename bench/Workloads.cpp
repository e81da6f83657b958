#include "Workloads.h"

#include "Process.h"
#include "Services.h"
#include "Stats.h"
#include "auth/PasswordHasher.h"
#include "base/Config.h"
#include "store/postgres/Pg.h"
#include "store/postgres/PgStore.h"
#include "store/sqlite/SqliteStore.h"

#include "confab/v1/account.grpc.pb.h"
#include "confab/v1/auth.grpc.pb.h"
#include "confab/v1/chat.grpc.pb.h"

#include <grpcpp/grpcpp.h>
#include <sodium.h>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <future>
#include <random>
#include <thread>

namespace confab::bench {

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr const char* kPassword = "benchmark password";

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

double msSince(std::int64_t ns)
{
    return static_cast<double>(nowNs() - ns) / 1e6;
}

// A server under test: confabd on its own data dir, or the reference.
struct Target {
    std::unique_ptr<Process> process;
    bool confab = true;

    // `extra`: where the data is, for a deployment of several (--database,
    // --bus).
    static Target confabd(const Setup& setup, const fs::path& dataDir,
                          const std::vector<std::string>& extra = {})
    {
        fs::create_directories(dataDir);
        std::vector<std::string> argv{setup.confabd, "--listen", "127.0.0.1:0", "--data-dir",
                                      dataDir.string(), "--log-level", "warn",
                                      // One user sends the whole load, a few
                                      // users hold every stream.
                                      "--rate-messages", "0", "--rate-rooms", "0", "--rate-invites",
                                      "0", "--rate-searches", "0", "--rate-uploads", "0",
                                      "--upload-quota", "1000000", "--max-streams-per-user",
                                      "100000", "--max-streams-per-session", "100000",
                                      "--registrations-per-address", "0", "--registrations", "0"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        return {std::make_unique<Process>(argv, 0, dataDir), true};
    }

    // With the limits a deployment has (B10 floods them).
    static Target deployed(const Setup& setup, const fs::path& dataDir)
    {
        fs::create_directories(dataDir);
        return {std::make_unique<Process>(
                    std::vector<std::string>{setup.confabd, "--listen", "127.0.0.1:0", "--data-dir",
                                             dataDir.string(), "--log-level", "error"},
                    0, dataDir),
                true};
    }

    static Target reference(const Setup& setup, const fs::path& dir)
    {
        fs::create_directories(dir);
        return {std::make_unique<Process>(std::vector<std::string>{setup.self, "serve-reference"},
                                          0, dir),
                false};
    }
};

// Each its own TCP connection.
std::shared_ptr<grpc::Channel> connect(const std::string& target, int index)
{
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetInt("confab.bench.connection", index);
    args.SetMaxReceiveMessageSize(-1);
    return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

std::unique_ptr<grpc::ClientContext>
context(const std::string& token, std::chrono::seconds deadline = std::chrono::seconds(30))
{
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + deadline);
    if (!token.empty()) {
        ctx->AddMetadata("authorization", "Bearer " + token);
    }
    return ctx;
}

v1::Session registerUser(const std::shared_ptr<grpc::Channel>& channel, const std::string& name)
{
    auto auth = v1::Auth::NewStub(channel);
    v1::RegisterRequest request;
    request.set_username(name);
    request.set_password(kPassword);
    v1::Session session;
    const grpc::Status status = auth->Register(context({}).get(), request, &session);
    if (!status.ok()) {
        throw std::runtime_error("Register " + name + ": " + status.error_message());
    }
    return session;
}

// Counts what a set of Subscribe streams receive; measures the latency of
// messages whose text carries the send time ("t=<ns>").
struct Sink {
    std::atomic<std::uint64_t> deliveries{0};
    std::atomic<int> synced{0};
    std::atomic<int> finished{0};
    bool measure = true;
    std::mutex mutex;
    std::vector<double> latenciesMs;
};

class Receiver final : public grpc::ClientReadReactor<v1::Event> {
public:
    Receiver(v1::Chat::Stub& stub, const std::string& token, Sink& sink) : m_sink(sink)
    {
        if (!token.empty()) {
            m_context.AddMetadata("authorization", "Bearer " + token);
        }
        stub.async()->Subscribe(&m_context, &m_request, this);
        StartRead(&m_event);
        StartCall();
    }

    void OnReadDone(bool ok) override
    {
        if (!ok) {
            return;
        }
        if (m_event.has_synced()) {
            ++m_sink.synced;
        } else if (m_event.has_room_event() && m_event.room_event().has_message_posted()) {
            ++m_sink.deliveries;
            const std::string& text = m_event.room_event().message_posted().text();
            if (m_sink.measure && text.starts_with("t=")) {
                const double latency = msSince(std::stoll(text.substr(2)));
                std::lock_guard lock(m_sink.mutex);
                m_sink.latenciesMs.push_back(latency);
            }
        }
        StartRead(&m_event);
    }

    void OnDone(const grpc::Status&) override { ++m_sink.finished; }

    void cancel() { m_context.TryCancel(); }

private:
    Sink& m_sink;
    grpc::ClientContext m_context;
    v1::SubscribeRequest m_request;
    v1::Event m_event;
};

bool waitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    while (!done()) {
        if (Clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

// Sends for `duration` with `inFlight` SendMessage calls outstanding on the
// callback API, each request filled by `fill`; returns how many were
// acknowledged.
std::uint64_t floodSends(v1::Chat::Stub& stub, const std::string& token,
                         std::chrono::milliseconds duration, int inFlight,
                         const std::function<void(v1::SendMessageRequest&)>& fill)
{
    std::atomic<std::uint64_t> acked{0};
    std::atomic<int> outstanding{0};
    const auto stopAt = Clock::now() + duration;
    std::function<void()> sendOne = [&] {
        if (Clock::now() >= stopAt) {
            return;
        }
        struct Call {
            grpc::ClientContext context;
            v1::SendMessageRequest request;
            v1::Message response;
        };
        auto call = std::make_shared<Call>();
        call->context.AddMetadata("authorization", "Bearer " + token);
        fill(call->request);
        ++outstanding;
        stub.async()->SendMessage(&call->context, &call->request, &call->response,
                                  [&, call](grpc::Status status) {
                                      if (status.ok()) {
                                          ++acked;
                                      }
                                      sendOne();
                                      --outstanding;
                                  });
    };
    for (int i = 0; i < inFlight; ++i) {
        sendOne();
    }
    waitUntil([&] { return outstanding.load() == 0; }, duration + std::chrono::seconds(30));
    return acked.load();
}

// One room, `receivers` Subscribe streams on it over `connections` TCP
// connections, one sender.
class Room {
public:
    Room(const Target& target, int receivers, Sink& sink, int connections = 8)
        : Room({target.process->target()}, target.confab, receivers, sink, connections)
    {}

    // Over the instances of a deployment: the sender's connection goes to
    // the first address, the receivers' connections to `receiverAddresses`
    // in turn.
    Room(const std::vector<std::string>& addresses, bool confab, int receivers, Sink& sink,
         int connections = 8, std::vector<std::string> receiverAddresses = {})
        : m_sink(sink)
    {
        // One server: the sender shares the first connection with
        // receivers. Several: it has a connection of its own.
        const bool shared = addresses.size() == 1 && receiverAddresses.empty();
        if (receiverAddresses.empty()) {
            receiverAddresses = addresses;
        }
        if (!shared) {
            m_channels.push_back(connect(addresses[0], 0));
            m_stubs.push_back(v1::Chat::NewStub(m_channels.back()));
        }
        const std::size_t firstReceiver = m_stubs.size();
        for (int i = 0; i < connections; ++i) {
            m_channels.push_back(connect(
                receiverAddresses[static_cast<std::size_t>(i) % receiverAddresses.size()], i + 1));
            m_stubs.push_back(v1::Chat::NewStub(m_channels.back()));
        }
        constexpr int kReceiverUsers = 4;
        std::vector<std::string> tokens(kReceiverUsers);
        if (confab) {
            const std::string tag = std::to_string(nowNs() % 1000000000);
            m_sender = registerUser(m_channels[0], "sender" + tag).access_token();
            v1::CreateRoomRequest create;
            create.set_name("bench");
            for (int u = 0; u < kReceiverUsers; ++u) {
                const std::string name = "reader" + std::to_string(u) + "." + tag;
                tokens[static_cast<std::size_t>(u)] =
                    registerUser(m_channels[0], name).access_token();
                create.add_member_usernames(name);
            }
            v1::Room room;
            const grpc::Status status =
                m_stubs[0]->CreateRoom(context(m_sender).get(), create, &room);
            if (!status.ok()) {
                throw std::runtime_error("CreateRoom: " + status.error_message());
            }
            m_roomId = room.id();
        } else {
            m_roomId = "reference";
        }
        for (int i = 0; i < receivers; ++i) {
            m_receivers.push_back(std::make_unique<Receiver>(
                *m_stubs[firstReceiver +
                         static_cast<std::size_t>(i) % (m_stubs.size() - firstReceiver)],
                tokens[static_cast<std::size_t>(i % kReceiverUsers)], sink));
        }
        if (!waitUntil([&] { return sink.synced.load() >= receivers; }, std::chrono::seconds(60))) {
            throw std::runtime_error("subscribers did not sync");
        }
    }

    ~Room()
    {
        for (auto& receiver : m_receivers) {
            receiver->cancel();
        }
        waitUntil([&] { return m_sink.finished.load() >= static_cast<int>(m_receivers.size()); },
                  std::chrono::seconds(10));
    }

    grpc::Status sendNow(const std::string& text)
    {
        v1::SendMessageRequest request;
        request.set_room_id(m_roomId);
        request.set_text(text);
        v1::Message message;
        return m_stubs[0]->SendMessage(context(m_sender).get(), request, &message);
    }

    // Sends `count` messages at `perSecond`, each on schedule whether or not
    // the ones before were acknowledged (an open loop: a slow server shows as
    // latency, not as a slower sender); returns how many were acknowledged.
    std::uint64_t paced(int count, double perSecond, std::vector<double>* ackMs = nullptr)
    {
        std::atomic<std::uint64_t> acked{0};
        std::mutex ackMutex;
        std::atomic<int> outstanding{0};
        struct Call {
            grpc::ClientContext context;
            v1::SendMessageRequest request;
            v1::Message response;
        };
        const auto start = Clock::now();
        const auto interval = std::chrono::duration<double>(1.0 / perSecond);
        for (int i = 0; i < count; ++i) {
            std::this_thread::sleep_until(
                start + std::chrono::duration_cast<Clock::duration>(interval * i));
            auto call = std::make_shared<Call>();
            call->context.AddMetadata("authorization", "Bearer " + m_sender);
            call->context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
            call->request.set_room_id(m_roomId);
            const std::int64_t sentAt = nowNs();
            call->request.set_text("t=" + std::to_string(sentAt));
            ++outstanding;
            m_stubs[0]->async()->SendMessage(&call->context, &call->request, &call->response,
                                             [&, call, sentAt](grpc::Status status) {
                                                 if (status.ok()) {
                                                     ++acked;
                                                     if (ackMs) {
                                                         std::lock_guard lock(ackMutex);
                                                         ackMs->push_back(msSince(sentAt));
                                                     }
                                                 }
                                                 --outstanding;
                                             });
        }
        waitUntil([&] { return outstanding.load() == 0; }, std::chrono::seconds(40));
        return acked.load();
    }

    std::uint64_t flood(std::chrono::milliseconds duration, int inFlight)
    {
        return floodSends(*m_stubs[0], m_sender, duration, inFlight,
                          [this](v1::SendMessageRequest& request) {
                              request.set_room_id(m_roomId);
                              request.set_text("t=" + std::to_string(nowNs()));
                          });
    }

private:
    Sink& m_sink;
    std::vector<std::shared_ptr<grpc::Channel>> m_channels;
    std::vector<std::unique_ptr<v1::Chat::Stub>> m_stubs;
    std::vector<std::unique_ptr<Receiver>> m_receivers;
    std::string m_sender;
    std::string m_roomId;
};

struct Usage {
    double cpuSeconds = 0;
    long rssKiB = 0;
};

Usage usage(const Target& target)
{
    return {target.process->cpuTime().count(), target.process->rssKiB()};
}

fs::path freshDir(const Setup& setup, const std::string& name)
{
    const fs::path dir = setup.work / (name + "-" + std::to_string(nowNs()));
    fs::create_directories(dir);
    return dir;
}

// What a latency workload offers: `receivers` streams on one room over
// `connections` connections, `messages` sent at `perSecond`.
struct LatencyLoad {
    int receivers = 100;
    int connections = 8;
    int messages = 200;
    double perSecond = 20;
};

// B1, B3, B4: latency from the start of SendMessage to each subscriber.
void latencyRun(const Target& target, const LatencyLoad& load, Result& out,
                const std::string& prefix)
{
    Sink sink;
    Room room(target, load.receivers, sink, load.connections);
    const Usage before = usage(target);
    const auto start = Clock::now();
    std::vector<double> ackMs;
    const std::uint64_t acked = room.paced(load.messages, load.perSecond, &ackMs);
    if (acked != static_cast<std::uint64_t>(load.messages)) {
        throw std::runtime_error("SendMessage: " + std::to_string(load.messages - acked) +
                                 " not acknowledged");
    }
    const std::uint64_t expected = static_cast<std::uint64_t>(load.receivers) * acked;
    waitUntil([&] { return sink.deliveries.load() >= expected; }, std::chrono::seconds(20));
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const Usage after = usage(target);
    std::lock_guard lock(sink.mutex);
    out[prefix + "p50_ms"] = quantile(sink.latenciesMs, 0.5);
    out[prefix + "p99_ms"] = quantile(sink.latenciesMs, 0.99);
    out[prefix + "p999_ms"] = quantile(sink.latenciesMs, 0.999);
    out[prefix + "ack_p50_ms"] = quantile(ackMs, 0.5);
    out[prefix + "lost"] =
        static_cast<double>(expected - std::min(expected, sink.deliveries.load()));
    out[prefix + "cpu_pct"] = 100 * (after.cpuSeconds - before.cpuSeconds) / elapsed;
    out[prefix + "rss_mb"] = static_cast<double>(after.rssKiB) / 1024;
}

Result latencyWorkload(const Setup& setup, const std::string& name, const LatencyLoad& load)
{
    Result result;
    {
        Target confab = Target::confabd(setup, freshDir(setup, name));
        latencyRun(confab, load, result, "confab.");
    }
    {
        Target reference = Target::reference(setup, freshDir(setup, name + "ref"));
        latencyRun(reference, load, result, "reference.");
    }
    result["ratio.p50"] = result["confab.p50_ms"] / result["reference.p50_ms"];
    result["ratio.p99"] = result["confab.p99_ms"] / result["reference.p99_ms"];
    return result;
}

// B2: 100 subscribers, the sender as fast as the server acknowledges.
void throughputRun(const Target& target, Result& out, const std::string& prefix)
{
    constexpr int kReceivers = 100;
    Sink sink;
    sink.measure = false;
    Room room(target, kReceivers, sink);
    const Usage before = usage(target);
    const auto start = Clock::now();
    const std::uint64_t acked = room.flood(std::chrono::seconds(5), 64);
    const std::uint64_t expected = acked * kReceivers;
    waitUntil([&] { return sink.deliveries.load() >= expected; }, std::chrono::seconds(60));
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const Usage after = usage(target);
    out[prefix + "deliveries_per_s"] = static_cast<double>(sink.deliveries.load()) / elapsed;
    out[prefix + "sends_per_s"] = static_cast<double>(acked) / elapsed;
    out[prefix + "lost"] =
        static_cast<double>(expected - std::min(expected, sink.deliveries.load()));
    out[prefix + "cpu_pct"] = 100 * (after.cpuSeconds - before.cpuSeconds) / elapsed;
    out[prefix + "rss_mb"] = static_cast<double>(after.rssKiB) / 1024;
}

} // namespace

Result runB1(const Setup& setup)
{
    // 100 subscribers, 20 messages a second for 10 s.
    return latencyWorkload(setup, "b1", {100, 8, 200, 20});
}

Result runB3(const Setup& setup)
{
    // 100 subscribers, 1 000 messages a second for 5 s.
    return latencyWorkload(setup, "b3", {100, 8, 5000, 1000});
}

Result runB4(const Setup& setup)
{
    // 1 000 subscribers over 20 connections, 10 messages a second for 10 s.
    return latencyWorkload(setup, "b4", {1000, 20, 100, 10});
}

Result runB2(const Setup& setup)
{
    Result result;
    {
        Target confab = Target::confabd(setup, freshDir(setup, "b2"));
        throughputRun(confab, result, "confab.");
    }
    {
        Target reference = Target::reference(setup, freshDir(setup, "b2ref"));
        throughputRun(reference, result, "reference.");
    }
    result["ratio.deliveries"] =
        result["confab.deliveries_per_s"] / result["reference.deliveries_per_s"];
    return result;
}

Result runB5(const Setup& setup)
{
    constexpr int kStreams = 5000;
    constexpr int kConnections = 50;
    Result result;
    for (const bool confab : {true, false}) {
        Target target = confab ? Target::confabd(setup, freshDir(setup, "b5"))
                               : Target::reference(setup, freshDir(setup, "b5ref"));
        const std::string prefix = confab ? "confab." : "reference.";
        std::vector<std::shared_ptr<grpc::Channel>> channels;
        std::vector<std::unique_ptr<v1::Chat::Stub>> stubs;
        for (int i = 0; i < kConnections; ++i) {
            channels.push_back(connect(target.process->target(), i));
            stubs.push_back(v1::Chat::NewStub(channels.back()));
            channels.back()->WaitForConnected(std::chrono::system_clock::now() +
                                              std::chrono::seconds(10));
        }
        std::string token;
        if (confab) {
            const v1::Session session = registerUser(channels[0], "idle");
            token = session.access_token();
            v1::CreateRoomRequest create;
            create.set_name("idle room");
            v1::Room room;
            stubs[0]->CreateRoom(context(token).get(), create, &room);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        const long before = target.process->rssKiB();
        Sink sink;
        std::vector<std::unique_ptr<Receiver>> receivers;
        for (int i = 0; i < kStreams; ++i) {
            receivers.push_back(std::make_unique<Receiver>(
                *stubs[static_cast<std::size_t>(i % kConnections)], token, sink));
        }
        if (!waitUntil([&] { return sink.synced.load() >= kStreams; }, std::chrono::seconds(120))) {
            throw std::runtime_error("idle streams did not sync");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        const long after = target.process->rssKiB();
        result[prefix + "kb_per_stream"] = static_cast<double>(after - before) / kStreams;
        result[prefix + "rss_mb"] = static_cast<double>(after) / 1024;
        for (auto& receiver : receivers) {
            receiver->cancel();
        }
        waitUntil([&] { return sink.finished.load() >= kStreams; }, std::chrono::seconds(30));
    }
    return result;
}

Result runB6(const Setup& setup)
{
    Result result;
    // What one argon2id verification costs here, with confabd's parameters.
    const backend::ServerConfig defaults;
    backend::PasswordHasher hasher({defaults.passwordOpsLimit, defaults.passwordMemLimit}, 1, 1);
    const std::string hash = hasher.hashNow(kPassword);
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        hasher.verifyNow(hash, kPassword);
        times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    }
    const double hashSeconds = median(times);
    const int serverCores = 1; // confabd is pinned to one CPU
    const double limit = serverCores / hashSeconds;
    result["hash_ms"] = hashSeconds * 1000;
    result["limit_logins_per_s"] = limit;

    Target target = Target::confabd(setup, freshDir(setup, "b6"));
    auto channel = connect(target.process->target(), 0);
    constexpr int kUsers = 16;
    for (int i = 0; i < kUsers; ++i) {
        registerUser(channel, "storm" + std::to_string(i));
    }

    // Saturation: one login in flight per account, more than the hash pool
    // can run at once.
    // The callers spread over a few connections, as many clients would be.
    std::vector<std::shared_ptr<grpc::Channel>> channels;
    for (int i = 0; i < 8; ++i) {
        channels.push_back(connect(target.process->target(), 100 + i));
    }
    const auto storm = [&](int concurrency, std::chrono::seconds duration,
                           std::vector<double>* rejectedMs) {
        std::atomic<std::uint64_t> ok{0};
        std::atomic<std::uint64_t> rejected{0};
        std::mutex mutex;
        const auto stopAt = Clock::now() + duration;
        std::vector<std::thread> threads;
        for (int t = 0; t < concurrency; ++t) {
            threads.emplace_back([&, t] {
                auto auth = v1::Auth::NewStub(channels[static_cast<std::size_t>(t) % 8]);
                v1::LoginRequest request;
                request.set_username("storm" + std::to_string(t % kUsers));
                request.set_password(kPassword);
                while (Clock::now() < stopAt) {
                    v1::Session session;
                    const std::int64_t start = nowNs();
                    const grpc::Status status = auth->Login(context({}).get(), request, &session);
                    if (status.ok()) {
                        ++ok;
                    } else if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
                        ++rejected;
                        if (rejectedMs) {
                            std::lock_guard lock(mutex);
                            rejectedMs->push_back(msSince(start));
                        }
                        // As a client would, it waits a moment before trying again.
                        std::this_thread::sleep_for(std::chrono::milliseconds(20));
                    }
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
        return std::make_pair(ok.load(), rejected.load());
    };
    const auto [ok, rejectedAtLimit] = storm(kUsers, std::chrono::seconds(8), nullptr);
    result["logins_per_s"] = static_cast<double>(ok) / 8.0;
    result["ratio.to_limit"] = result["logins_per_s"] / limit;

    // Overload: far more callers than the server admits.
    std::vector<double> rejectedMs;
    const auto [okOver, rejectedOver] = storm(120, std::chrono::seconds(5), &rejectedMs);
    result["overload.logins_per_s"] = static_cast<double>(okOver) / 5.0;
    result["overload.rejected"] = static_cast<double>(rejectedOver);
    result["overload.reject_p50_ms"] = quantile(rejectedMs, 0.5);
    result["overload.reject_p99_ms"] = quantile(rejectedMs, 0.99);
    (void)rejectedAtLimit;
    return result;
}

namespace {

// Fills `store` with `messages` messages in rooms of 10k, as B7 reads them.
void fillB7(backend::Store& store, std::size_t messages)
{
    const backend::ServerConfig defaults;
    backend::PasswordHasher hasher({defaults.passwordOpsLimit, defaults.passwordMemLimit}, 1, 1);
    backend::UserRecord user;
    user.id = "bench-user";
    user.username = "history";
    user.displayName = "History";
    user.passwordHash = hasher.hashNow(kPassword);
    user.createdAt = 1;
    store.users().create(user);
    const std::size_t perRoom = 10000;
    const std::size_t rooms = std::max<std::size_t>(1, messages / perRoom);
    for (std::size_t r = 0; r < rooms; ++r) {
        backend::NewRoom room;
        room.id = "room" + std::to_string(r);
        room.name = "Room " + std::to_string(r);
        room.visibility = v1::VISIBILITY_PRIVATE;
        room.creatorId = user.id;
        room.createdAt = 1;
        store.rooms().create(room, nullptr);
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < 64; ++t) {
        writers.emplace_back([&] {
            for (std::size_t i = next++; i < rooms * perRoom; i = next++) {
                backend::NewMessage message;
                message.id = "m" + std::to_string(i);
                message.roomId = "room" + std::to_string(i % rooms);
                message.authorId = user.id;
                message.text = "history message number " + std::to_string(i) +
                               " with a little more text, as people write";
                message.sentAt = static_cast<backend::Micros>(i);
                store.messages().send(message, nullptr);
            }
        });
    }
    for (auto& writer : writers) {
        writer.join();
    }
}

// A database of `messages` messages in rooms of 10k, made once with the real
// store and kept in the cache directory.
fs::path b7Database(const Setup& setup)
{
    const fs::path dir = setup.cache / ("b7-" + std::to_string(setup.b7Messages));
    if (fs::exists(dir / "ready")) {
        return dir;
    }
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::cout << "b7: building a database of " << setup.b7Messages << " messages in " << dir
              << " (once)" << std::endl;
    {
        backend::SqliteStore store(dir / "confab.db");
        fillB7(store, setup.b7Messages);
    }
    std::ofstream(dir / "ready") << "ok\n";
    return dir;
}

// The same in PostgreSQL: a cluster kept in the cache directory, whose
// server runs while the returned object lives.
std::unique_ptr<PostgresServer> b7Postgres(const Setup& setup)
{
    const std::string name = "b7pg-" + std::to_string(setup.b7Messages);
    const fs::path ready = setup.cache / (name + ".ready");
    if (!fs::exists(ready)) {
        fs::remove_all(setup.cache / name);
    }
    auto server = std::make_unique<PostgresServer>(setup.cache / name);
    if (!fs::exists(ready)) {
        std::cout << "b7: building a PostgreSQL database of " << setup.b7Messages << " messages in "
                  << setup.cache / name << " (once)" << std::endl;
        backend::pg::Connection(server->conninfo()).run("CREATE DATABASE confab");
        backend::PgStore store(server->conninfo("confab"));
        fillB7(store, setup.b7Messages);
        std::ofstream(ready) << "ok\n";
    }
    return server;
}

} // namespace

namespace {

// B7's figures from a server on B7's database; `database` is the PostgreSQL
// server under it, if any (its CPU time counts as the server's).
Result measureB7(const Setup& setup, Target& target, const PostgresServer* database)
{
    Result result;
    auto channel = connect(target.process->target(), 0);
    auto auth = v1::Auth::NewStub(channel);
    auto chat = v1::Chat::NewStub(channel);
    v1::LoginRequest login;
    login.set_username("history");
    login.set_password(kPassword);
    v1::Session session;
    if (const auto status = auth->Login(context({}).get(), login, &session); !status.ok()) {
        throw std::runtime_error("Login: " + status.error_message());
    }
    const std::string token = session.access_token();
    const std::size_t rooms = std::max<std::size_t>(1, setup.b7Messages / 10000);

    std::mt19937 random(42);
    std::vector<double> pageMs;
    for (int i = 0; i < 3000; ++i) {
        v1::GetHistoryRequest request;
        request.set_room_id("room" + std::to_string(random() % rooms));
        request.set_before_seq(60 + random() % 9900);
        request.set_limit(50);
        v1::GetHistoryResponse response;
        const std::int64_t start = nowNs();
        const grpc::Status status = chat->GetHistory(context(token).get(), request, &response);
        pageMs.push_back(msSince(start));
        if (!status.ok() || response.events_size() != 50) {
            throw std::runtime_error("GetHistory: " + status.error_message());
        }
    }
    result["history.p50_ms"] = quantile(pageMs, 0.5);
    result["history.p99_ms"] = quantile(pageMs, 0.99);
    result["history.p999_ms"] = quantile(pageMs, 0.999);

    // Two-word searches across the user's rooms: a word every message has
    // and one that few have ("number 123456"), and two words every message
    // has (the newest 20 of a million matches).
    const auto searchMs = [&](const std::function<std::string()>& query) {
        std::vector<double> ms;
        for (int i = 0; i < 500; ++i) {
            v1::SearchMessagesRequest request;
            request.set_query(query());
            request.set_limit(20);
            v1::SearchMessagesResponse response;
            const std::int64_t start = nowNs();
            const grpc::Status status =
                chat->SearchMessages(context(token).get(), request, &response);
            ms.push_back(msSince(start));
            if (!status.ok() || response.hits_size() == 0) {
                throw std::runtime_error("SearchMessages: " + status.error_message());
            }
        }
        return ms;
    };
    const auto selective =
        searchMs([&] { return "number " + std::to_string(random() % setup.b7Messages); });
    result["search.selective_p50_ms"] = quantile(selective, 0.5);
    result["search.selective_p99_ms"] = quantile(selective, 0.99);
    const auto common = searchMs([] { return std::string("history message"); });
    result["search.common_p50_ms"] = quantile(common, 0.5);
    result["search.common_p99_ms"] = quantile(common, 0.99);

    // Durable sends: many callers at once, spread over the rooms, then all
    // into one room.
    const auto cpu = [&] {
        return usage(target).cpuSeconds + (database ? database->cpuSeconds() : 0.0);
    };
    double before = cpu();
    std::uint64_t counter = 0;
    const std::uint64_t acked = floodSends(
        *chat, token, std::chrono::seconds(5), 128, [&](v1::SendMessageRequest& request) {
            request.set_room_id("room" + std::to_string(counter++ % rooms));
            request.set_text("durable");
        });
    result["send.durable_per_s"] = static_cast<double>(acked) / 5.0;
    result["send.cpu_pct"] = 100 * (cpu() - before) / 5.0;
    before = cpu();
    const std::uint64_t oneRoom = floodSends(*chat, token, std::chrono::seconds(5), 128,
                                             [&](v1::SendMessageRequest& request) {
                                                 request.set_room_id("room0");
                                                 request.set_text("durable, one room");
                                             });
    result["send.one_room_durable_per_s"] = static_cast<double>(oneRoom) / 5.0;
    result["send.one_room_cpu_pct"] = 100 * (cpu() - before) / 5.0;
    result["rss_mb"] = static_cast<double>(target.process->rssKiB()) / 1024;
    return result;
}

} // namespace

Result runB7(const Setup& setup)
{
    // Each run on a copy: the durable sends it measures would otherwise
    // grow the kept database from run to run.
    const fs::path kept = b7Database(setup);
    const fs::path data = freshDir(setup, "b7");
    for (const char* file : {"confab.db", "confab.db-wal"}) {
        if (fs::exists(kept / file)) {
            fs::copy_file(kept / file, data / file);
        }
    }
    Target target = Target::confabd(setup, data);
    Result result = measureB7(setup, target, nullptr);
    target.process->stop();
    fs::remove_all(data);
    return result;
}

Result runB7Postgres(const Setup& setup)
{
    const auto database = b7Postgres(setup);
    Target target = Target::confabd(setup, freshDir(setup, "b7pg"),
                                    {"--database", database->conninfo("confab")});
    return measureB7(setup, target, database.get());
}

namespace {

v1::Room createRoomFor(v1::Chat::Stub& chat, const std::string& token, const std::string& name,
                       const std::vector<std::string>& members)
{
    v1::CreateRoomRequest create;
    create.set_name(name);
    for (const auto& member : members) {
        create.add_member_usernames(member);
    }
    v1::Room room;
    const grpc::Status status = chat.CreateRoom(context(token).get(), create, &room);
    if (!status.ok()) {
        throw std::runtime_error("CreateRoom: " + status.error_message());
    }
    return room;
}

// Runs `attack` on its own threads for `duration` while a well-behaved pair
// chats (one message every 20 ms, timed from send to delivery) and asks
// GetMe (every 20 ms); samples the server's memory. Returns the figures of
// the flood, named after it.
struct Victims {
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<v1::Chat::Stub> chat;
    std::unique_ptr<v1::Accounts::Stub> accounts;
    std::string senderToken;
    std::string readerToken;
    std::string roomId;
    Sink sink;
    std::unique_ptr<Receiver> receiver;
};

void flood(Result& result, const std::string& name, Target& target, Victims& victims,
           std::chrono::seconds duration, const std::function<void(std::atomic<bool>&)>& attack)
{
    const double baseline = static_cast<double>(target.process->rssKiB()) / 1024;
    {
        std::lock_guard lock(victims.sink.mutex);
        victims.sink.latenciesMs.clear();
    }
    std::atomic<bool> stop{false};
    std::vector<double> getMeMs;
    std::thread chatter([&] {
        while (!stop) {
            v1::SendMessageRequest request;
            request.set_room_id(victims.roomId);
            request.set_text("t=" + std::to_string(nowNs()));
            v1::Message message;
            victims.chat->SendMessage(context(victims.senderToken).get(), request, &message);
            v1::User me;
            const std::int64_t started = nowNs();
            if (victims.accounts->GetMe(context(victims.readerToken).get(), {}, &me).ok()) {
                getMeMs.push_back(msSince(started));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    std::atomic<bool> attacking{true};
    std::thread attacker([&] { attack(attacking); });
    double peak = baseline;
    const auto stopAt = Clock::now() + duration;
    while (Clock::now() < stopAt) {
        peak = std::max(peak, static_cast<double>(target.process->rssKiB()) / 1024);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    attacking = false;
    attacker.join();
    stop = true;
    chatter.join();
    std::vector<double> deliveries;
    {
        std::lock_guard lock(victims.sink.mutex);
        deliveries = victims.sink.latenciesMs;
    }
    // Afterwards: does the memory come back?
    std::this_thread::sleep_for(std::chrono::seconds(20));
    const double after = static_cast<double>(target.process->rssKiB()) / 1024;
    result[name + ".rss_growth_mb"] = peak - baseline;
    result[name + ".rss_after_mb"] = after - baseline;
    result[name + ".delivery_p99_ms"] = quantile(deliveries, 0.99);
    result[name + ".getme_p99_ms"] = quantile(getMeMs, 0.99);
}

} // namespace

Result runB10(const Setup& setup)
{
    Result result;
    Target target = Target::deployed(setup, freshDir(setup, "b10"));
    const std::string address = target.process->target();
    Victims victims;
    victims.channel = connect(address, 0);
    victims.chat = v1::Chat::NewStub(victims.channel);
    victims.accounts = v1::Accounts::NewStub(victims.channel);
    victims.senderToken = registerUser(victims.channel, "anna").access_token();
    victims.readerToken = registerUser(victims.channel, "bob").access_token();
    auto attackChannel = connect(address, 1);
    const std::string attacker = registerUser(attackChannel, "mallory").access_token();
    victims.roomId =
        createRoomFor(*victims.chat, victims.senderToken, "Plans", {"bob", "mallory"}).id();
    victims.receiver = std::make_unique<Receiver>(*victims.chat, victims.readerToken, victims.sink);
    if (!waitUntil([&] { return victims.sink.synced.load() > 0; }, std::chrono::seconds(10))) {
        throw std::runtime_error("the victim's stream did not sync");
    }
    auto attackChat = v1::Chat::NewStub(attackChannel);
    const auto duration = std::chrono::seconds(5);

    // 3: a hundred registrations at once from one address, again and again.
    flood(result, "registrations", target, victims, duration, [&](std::atomic<bool>& on) {
        std::atomic<int> n{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 100; ++t) {
            threads.emplace_back([&] {
                auto auth = v1::Auth::NewStub(attackChannel);
                while (on) {
                    v1::RegisterRequest request;
                    request.set_username("spam" + std::to_string(n++));
                    request.set_password(kPassword);
                    v1::Session session;
                    if (!auth->Register(context({}).get(), request, &session).ok()) {
                        std::this_thread::sleep_for(std::chrono::milliseconds(5));
                    }
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
    });
    // 4: thousands of Subscribe streams of one user.
    flood(result, "subscribes", target, victims, duration, [&](std::atomic<bool>& on) {
        Sink sink;
        sink.measure = false;
        std::vector<std::unique_ptr<Receiver>> streams;
        for (int i = 0; i < 4000 && on; ++i) {
            streams.push_back(std::make_unique<Receiver>(*attackChat, attacker, sink));
        }
        while (on) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        for (auto& stream : streams) {
            stream->cancel();
        }
        waitUntil([&] { return sink.finished.load() == static_cast<int>(streams.size()); },
                  std::chrono::seconds(10));
    });
    // 5: sends from 8 threads as fast as the server answers.
    flood(result, "sends", target, victims, duration, [&](std::atomic<bool>& on) {
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&] {
                while (on) {
                    v1::SendMessageRequest request;
                    request.set_room_id(victims.roomId);
                    request.set_text("spam");
                    v1::Message message;
                    attackChat->SendMessage(context(attacker).get(), request, &message);
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
    });
    // 6: typing, in a loop, in the victims' room.
    flood(result, "typing", target, victims, duration, [&](std::atomic<bool>& on) {
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                while (on) {
                    v1::SetTypingRequest request;
                    request.set_room_id(victims.roomId);
                    request.set_typing(true);
                    v1::SetTypingResponse response;
                    attackChat->SetTyping(context(attacker).get(), request, &response);
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
    });
    victims.receiver->cancel();
    waitUntil([&] { return victims.sink.finished.load() > 0; }, std::chrono::seconds(10));
    return result;
}

namespace {

// A deployment for B9: PostgreSQL and Redis of the bench's own (pinned to
// the servers' CPU) and `instances` confabd on them.
struct Deployment {
    std::unique_ptr<PostgresServer> database;
    std::unique_ptr<RedisServer> bus;
    std::vector<Target> instances;

    Deployment(const Setup& setup, int count, const std::string& name)
    {
        database = std::make_unique<PostgresServer>(freshDir(setup, name + "-pg") / "data", 0);
        bus = std::make_unique<RedisServer>(0);
        backend::pg::Connection(database->conninfo()).run("CREATE DATABASE confab");
        for (int i = 0; i < count; ++i) {
            instances.push_back(
                Target::confabd(setup, freshDir(setup, name + "-" + std::to_string(i)),
                                {"--database", database->conninfo("confab"), "--bus", bus->url()}));
        }
    }

    std::vector<std::string> addresses() const
    {
        std::vector<std::string> out;
        for (const auto& instance : instances) {
            out.push_back(instance.process->target());
        }
        return out;
    }

    // Every server process's CPU time: the instances, PostgreSQL, Redis.
    double cpuSeconds() const
    {
        double total = database->cpuSeconds() + cpuSecondsOfTree(bus->pid());
        for (const auto& instance : instances) {
            total += instance.process->cpuTime().count();
        }
        return total;
    }
};

} // namespace

Result runB9(const Setup& setup)
{
    Result result;
    constexpr int kReceivers = 100;
    for (const int count : {1, 2}) {
        const std::string prefix = count == 1 ? "one." : "two.";
        Deployment deployment(setup, count, "b9-" + std::to_string(count));
        // Throughput: B2's fan-out, the streams spread over the instances.
        {
            Sink sink;
            sink.measure = false;
            Room room(deployment.addresses(), true, kReceivers, sink, 8, deployment.addresses());
            const double before = deployment.cpuSeconds();
            const auto start = Clock::now();
            const std::uint64_t acked = room.flood(std::chrono::seconds(5), 64);
            const std::uint64_t expected = acked * kReceivers;
            waitUntil([&] { return sink.deliveries.load() >= expected; }, std::chrono::seconds(60));
            const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
            const double cpu = deployment.cpuSeconds() - before;
            result[prefix + "deliveries_per_s"] =
                static_cast<double>(sink.deliveries.load()) / elapsed;
            result[prefix + "deliveries_per_cpu_s"] =
                static_cast<double>(sink.deliveries.load()) / cpu;
            result[prefix + "server_cpu_pct"] = 100 * cpu / elapsed;
            result[prefix + "lost"] =
                static_cast<double>(expected - std::min(expected, sink.deliveries.load()));
        }
        // Latency at B1's load (20 messages a second to 100 streams); with
        // two instances every stream is on the other instance than the
        // sender's.
        {
            Sink sink;
            std::vector<std::string> receivers = deployment.addresses();
            if (count == 2) {
                receivers = {receivers[1]};
            }
            Room room(deployment.addresses(), true, kReceivers, sink, 8, receivers);
            room.paced(200, 20);
            waitUntil([&] { return sink.deliveries.load() >= 200u * kReceivers; },
                      std::chrono::seconds(30));
            std::lock_guard lock(sink.mutex);
            result[prefix + "p50_ms"] = quantile(sink.latenciesMs, 0.5);
            result[prefix + "p99_ms"] = quantile(sink.latenciesMs, 0.99);
        }
    }
    result["efficiency"] = result["two.deliveries_per_cpu_s"] / result["one.deliveries_per_cpu_s"];
    return result;
}

namespace {

// One upload of `bytes` in 64 KiB chunks; the attachment's id.
std::string uploadFile(v1::Chat::Stub& chat, const std::string& token, const std::string& roomId,
                       const std::string& bytes)
{
    auto ctx = context(token, std::chrono::seconds(120));
    v1::Attachment attachment;
    auto writer = chat.UploadAttachment(ctx.get(), &attachment);
    v1::UploadAttachmentRequest request;
    auto* header = request.mutable_header();
    header->set_room_id(roomId);
    header->set_file_name("bench.bin");
    header->set_mime_type("application/octet-stream");
    header->set_size(bytes.size());
    writer->Write(request);
    constexpr std::size_t kChunk = 64 * 1024;
    for (std::size_t at = 0; at < bytes.size(); at += kChunk) {
        v1::UploadAttachmentRequest chunk;
        chunk.set_chunk(bytes.substr(at, kChunk));
        if (!writer->Write(chunk)) {
            break;
        }
    }
    writer->WritesDone();
    const grpc::Status status = writer->Finish();
    if (!status.ok()) {
        throw std::runtime_error("UploadAttachment: " + status.error_message());
    }
    return attachment.id();
}

// Downloads an attachment; the number of bytes that arrived.
std::uint64_t downloadFile(v1::Chat::Stub& chat, const std::string& token, const std::string& id)
{
    auto ctx = context(token, std::chrono::seconds(120));
    v1::DownloadAttachmentRequest request;
    request.set_attachment_id(id);
    auto reader = chat.DownloadAttachment(ctx.get(), request);
    v1::AttachmentChunk chunk;
    std::uint64_t bytes = 0;
    while (reader->Read(&chunk)) {
        bytes += chunk.data().size();
    }
    const grpc::Status status = reader->Finish();
    if (!status.ok()) {
        throw std::runtime_error("DownloadAttachment: " + status.error_message());
    }
    return bytes;
}

// The largest RSS of a process seen while `work` runs (sampled every 10 ms).
long peakRssKiB(const Target& target, const std::function<void()>& work)
{
    std::atomic<bool> done{false};
    std::atomic<long> peak{target.process->rssKiB()};
    std::thread sampler([&] {
        while (!done.load()) {
            peak = std::max(peak.load(), target.process->rssKiB());
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });
    work();
    done = true;
    sampler.join();
    return std::max(peak.load(), target.process->rssKiB());
}

} // namespace

Result runB11(const Setup& setup)
{
    constexpr std::size_t kFileBytes = 25 * 1024 * 1024;
    constexpr int kParallel = 10;
    constexpr int kRepeats = 3;
    Result result;
    Target target = Target::confabd(setup, freshDir(setup, "b11"));
    const std::string address = target.process->target();
    std::vector<std::shared_ptr<grpc::Channel>> channels;
    std::vector<std::unique_ptr<v1::Chat::Stub>> stubs;
    std::vector<v1::Session> users;
    for (int i = 0; i < kParallel; ++i) {
        channels.push_back(connect(address, i));
        stubs.push_back(v1::Chat::NewStub(channels.back()));
        users.push_back(registerUser(channels.back(), "b11user" + std::to_string(i)));
    }
    v1::CreateRoomRequest create;
    create.set_name("Files");
    for (int i = 1; i < kParallel; ++i) {
        create.add_member_usernames(users[static_cast<std::size_t>(i)].user().username());
    }
    v1::Room room;
    if (!stubs[0]->CreateRoom(context(users[0].access_token()).get(), create, &room).ok()) {
        throw std::runtime_error("CreateRoom failed");
    }
    std::string bytes(kFileBytes, '\0');
    randombytes_buf(bytes.data(), bytes.size());

    // One transfer at a time, each way.
    std::vector<double> upMBps, downMBps;
    std::string id;
    for (int r = 0; r < kRepeats; ++r) {
        auto start = nowNs();
        id = uploadFile(*stubs[0], users[0].access_token(), room.id(), bytes);
        upMBps.push_back(static_cast<double>(kFileBytes) / 1e6 / (msSince(start) / 1000));
        start = nowNs();
        if (downloadFile(*stubs[0], users[0].access_token(), id) != kFileBytes) {
            throw std::runtime_error("a download came back short");
        }
        downMBps.push_back(static_cast<double>(kFileBytes) / 1e6 / (msSince(start) / 1000));
    }
    result["upload_MBps"] = median(upMBps);
    result["download_MBps"] = median(downMBps);

    // Ten at once, one per user: the server's memory while they run.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const long before = target.process->rssKiB();
    std::vector<std::string> ids(kParallel);
    const auto parallel = [&](const std::function<void(std::size_t)>& one) {
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < kParallel; ++i) {
            threads.emplace_back([&, i] { one(i); });
        }
        for (auto& thread : threads) {
            thread.join();
        }
    };
    auto start = nowNs();
    const long peakUp = peakRssKiB(target, [&] {
        parallel([&](std::size_t i) {
            ids[i] = uploadFile(*stubs[i], users[i].access_token(), room.id(), bytes);
        });
    });
    result["parallel_upload_MBps"] =
        kParallel * static_cast<double>(kFileBytes) / 1e6 / (msSince(start) / 1000);
    // Sent, so that the others may download them.
    for (std::size_t i = 0; i < kParallel; ++i) {
        v1::SendMessageRequest send;
        send.set_room_id(room.id());
        send.add_attachment_ids(ids[i]);
        v1::Message sent;
        if (!stubs[i]->SendMessage(context(users[i].access_token()).get(), send, &sent).ok()) {
            throw std::runtime_error("SendMessage with an attachment failed");
        }
    }
    start = nowNs();
    const long peakDown = peakRssKiB(target, [&] {
        parallel([&](std::size_t i) {
            downloadFile(*stubs[i], users[i].access_token(), ids[(i + 1) % kParallel]);
        });
    });
    result["parallel_download_MBps"] =
        kParallel * static_cast<double>(kFileBytes) / 1e6 / (msSince(start) / 1000);
    result["rss_before_MiB"] = static_cast<double>(before) / 1024;
    result["rss_growth_upload_MiB"] = static_cast<double>(peakUp - before) / 1024;
    result["rss_growth_download_MiB"] = static_cast<double>(peakDown - before) / 1024;
    return result;
}

} // namespace confab::bench
