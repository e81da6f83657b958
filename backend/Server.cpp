#include "Server.h"

#include "base/Crypto.h"
#include "base/Log.h"
#include "bus/LocalBus.h"
#include "bus/Publisher.h"
#include "bus/RedisBus.h"
#include "live/Hub.h"
#include "live/Typing.h"
#include "rpc/BadRequests.h"
#include "rpc/Runtime.h"
#include "services/AccountsService.h"
#include "services/AuthService.h"
#include "services/ChatService.h"
#include "store/postgres/PgStore.h"
#include "store/sqlite/SqliteStore.h"

#include <malloc.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <fstream>
#include <sstream>

namespace confab::backend {

namespace {

// This process among the instances of a deployment: host, pid and a random
// part (a pid is reused after a restart).
std::string instanceName()
{
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    return std::string(host) + ":" + std::to_string(::getpid()) + ":" +
           crypto::newId().substr(0, 8);
}

// Throws unless `chain` starts with a PEM certificate whose key is the PEM
// private key `key` (gRPC would only fail to listen, as if the port were taken).
void checkKeyPair(const std::string& key, const std::string& chain)
{
    BIO* keyBio = BIO_new_mem_buf(key.data(), static_cast<int>(key.size()));
    BIO* certBio = BIO_new_mem_buf(chain.data(), static_cast<int>(chain.size()));
    EVP_PKEY* privateKey = PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr);
    X509* certificate = PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr);
    const bool pemOk = privateKey && certificate;
    const bool match = pemOk && X509_check_private_key(certificate, privateKey) == 1;
    X509_free(certificate);
    EVP_PKEY_free(privateKey);
    BIO_free(certBio);
    BIO_free(keyBio);
    ERR_clear_error();
    if (!pemOk) {
        throw std::runtime_error("--tls-cert and --tls-key must be a PEM certificate and a PEM "
                                 "private key");
    }
    if (!match) {
        throw std::runtime_error("--tls-key does not go with --tls-cert: the key is not the "
                                 "certificate's");
    }
}

std::string readFile(const std::string& path, const char* what)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(std::string("cannot read the ") + what + " file " + path);
    }
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::shared_ptr<grpc::ServerCredentials> credentials(const ServerConfig& config)
{
    if (config.tlsCertFile.empty() != config.tlsKeyFile.empty()) {
        throw std::runtime_error("--tls-cert and --tls-key go together");
    }
    if (config.tlsCertFile.empty()) {
        if (!isLoopbackAddress(config.listen) && !config.insecure) {
            throw std::runtime_error(
                "refusing to listen on " + config.listen +
                " without TLS: give --tls-cert and --tls-key, or --insecure to accept the risk");
        }
        return grpc::InsecureServerCredentials();
    }
    const std::string key = readFile(config.tlsKeyFile, "TLS key");
    const std::string chain = readFile(config.tlsCertFile, "TLS certificate");
    checkKeyPair(key, chain);
    grpc::SslServerCredentialsOptions options;
    options.pem_key_cert_pairs.push_back({key, chain});
    return grpc::SslServerCredentials(options);
}

} // namespace

Server::Server(ServerConfig config, BusFactory busFactory)
    : m_config(std::move(config)), m_busFactory(std::move(busFactory))
{}

Server::~Server()
{
    shutdown(std::chrono::milliseconds(0));
    if (m_stopFd >= 0) {
        ::close(m_stopFd);
    }
}

void Server::start()
{
    crypto::initialize();
    auto creds = credentials(m_config);

    std::error_code ec;
    std::filesystem::create_directories(m_config.dataDir, ec);
    if (ec) {
        throw std::runtime_error("cannot create the data directory " + m_config.dataDir.string() +
                                 ": " + ec.message());
    }
    std::filesystem::permissions(m_config.dataDir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);
    if (m_config.database.empty()) {
        m_store = std::make_unique<SqliteStore>(m_config.dataDir / "confab.db");
    } else {
        m_store = std::make_unique<PgStore>(m_config.database);
    }
    m_runtime = std::make_unique<Runtime>(m_config, *m_store);
    if (m_busFactory) {
        m_bus = m_busFactory();
    } else if (!m_config.bus.empty()) {
        RedisBus::Options bus;
        bus.url = m_config.bus;
        bus.instanceId = instanceName();
        bus.instanceTimeout = m_config.instanceTimeout;
        m_bus = std::make_unique<RedisBus>(bus);
    } else {
        m_bus = std::make_unique<LocalBus>();
    }
    m_publisher = std::make_unique<Publisher>(*m_bus, m_config.publishQueueMax);
    m_hub = std::make_unique<Hub>(
        *m_store, m_runtime->workers(), *m_bus, *m_publisher,
        [auth = &m_runtime->authenticator()](const auto& sessionIds) { auth->forget(sessionIds); },
        StreamLimits{m_config.streamsPerUser, m_config.streamsPerSession});
    m_typing = std::make_unique<Typing>(*m_publisher);
    m_runtime->authenticator().setRevocationListener(
        [publisher = m_publisher.get()](const auto& sessionIds) {
            publisher->sessionsRevoked(sessionIds);
        });
    m_auth = std::make_unique<AuthService>(*m_runtime, m_hub->presence());
    m_accounts = std::make_unique<AccountsService>(*m_runtime, m_hub->presence());
    m_chat = std::make_unique<ChatService>(*m_runtime, *m_publisher, *m_hub, *m_typing);
    m_accounts->setProfileListener(
        [chat = m_chat.get()](const UserRecord& user) { chat->profileChanged(user); });

    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    grpc::ServerBuilder builder;
    builder.AddListeningPort(m_config.listen, creds, &m_port);
    builder.SetMaxReceiveMessageSize(static_cast<int>(m_config.limits.requestMaxBytes));
    // Clients ping idle connections to notice a dead network quickly.
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10000);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
    // The server pings quiet connections too, for as long as they are quiet
    // (gRPC stops after two pings without data unless told otherwise): an
    // idle Subscribe behind nginx is a connection of its own that nginx
    // ends when nothing comes for grpc_read_timeout.
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS,
                               static_cast<int>(m_config.keepaliveInterval.count()));
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS,
                               static_cast<int>(m_config.keepaliveTimeout.count()));
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
    // What one connection can make the server hold: its streams at once,
    // and all connections' memory together.
    builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS,
                               static_cast<int>(m_config.streamsPerConnection));
    // What a stream may send before the server reads it: a fixed window
    // rather than one that grows with the bandwidth-delay product, so that
    // an upload the server reads at its own pace (one chunk at a time,
    // media/Media.h) holds at most this much in gRPC's buffers. Clients
    // send little else; what the server sends is unaffected.
    builder.AddChannelArgument(GRPC_ARG_HTTP2_BDP_PROBE, 0);
    builder.AddChannelArgument(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 256 * 1024);
    grpc::ResourceQuota quota("confabd");
    quota.Resize(m_config.memoryQuotaBytes);
    builder.SetResourceQuota(quota);
    // A connection that has not finished its handshake (TLS and the HTTP/2
    // preface) within this is closed: idle sockets cannot hold file
    // descriptors for gRPC's default two minutes.
    builder.AddChannelArgument(GRPC_ARG_SERVER_HANDSHAKE_TIMEOUT_MS,
                               static_cast<int>(m_config.handshakeTimeout.count()));
    builder.experimental().SetInterceptorCreators(badRequestInterceptors());
    captureProtobufLogs();
    builder.RegisterService(m_auth.get());
    builder.RegisterService(m_accounts.get());
    builder.RegisterService(m_chat.get());
    m_server = builder.BuildAndStart();
    if (!m_server || m_port == 0) {
        m_server.reset();
        throw ListenError("cannot listen on " + m_config.listen +
                          " (address in use or not available)");
    }
    m_server->GetHealthCheckService()->SetServingStatus(true);
    m_maintenance = std::thread([this] { maintenanceLoop(); });
    m_storeWatch = std::thread([this] { watchStore(); });
    if (m_config.listenerProbeInterval.count() > 0) {
        m_stopFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        m_watchdog = std::thread([this] { watchListener(); });
    }
    log::server().info("confabd listening on {} (port {}), data in {}", m_config.listen, m_port,
                       m_config.database.empty() ? m_config.dataDir.string() : "PostgreSQL");
}

void Server::maintenanceLoop()
{
    std::unique_lock lock(m_maintenanceMutex);
    do {
        lock.unlock();
        try {
            m_store->sessions().purgeExpired(nowMicros());
        } catch (const std::exception& e) {
            log::server().error("maintenance: {}", e.what());
        }
        lock.lock();
    } while (
        !m_maintenanceWake.wait_for(lock, std::chrono::hours(1), [this] { return m_stopping; }));
}

// Health follows the database: NOT_SERVING while it does not answer, so that
// a proxy or a supervisor sends no one to an instance that can do nothing.
//
// With a bus between instances, it also has the hub compare its streams
// with the store every so often.
void Server::watchStore()
{
    pthread_setname_np(pthread_self(), "store-watch");
    bool serving = true;
    auto nextRecheck = std::chrono::steady_clock::now() + m_config.recheckInterval;
    std::unique_lock lock(m_maintenanceMutex);
    while (!m_maintenanceWake.wait_for(lock, m_config.storeCheckInterval,
                                       [this] { return m_stopping; })) {
        lock.unlock();
        const bool reachable = m_store->reachable();
        if (!m_config.bus.empty() && reachable && std::chrono::steady_clock::now() >= nextRecheck) {
            m_hub->recheck();
            nextRecheck = std::chrono::steady_clock::now() + m_config.recheckInterval;
        }
        lock.lock();
        if (m_stopping) {
            break;
        }
        if (reachable != serving) {
            serving = reachable;
            m_server->GetHealthCheckService()->SetServingStatus(serving);
            if (serving) {
                log::server().warn("the database answers again: SERVING");
            } else {
                log::server().error("the database does not answer: NOT_SERVING");
            }
        }
    }
}

// Connects to its own port now and then, as a client would: a listener that
// stopped accepting (file descriptors ran out once) is otherwise invisible,
// the process alive and serving old connections only.
void Server::watchListener()
{
    pthread_setname_np(pthread_self(), "watchdog");
    int failures = 0;
    long checks = 0;
    std::unique_lock lock(m_maintenanceMutex);
    while (!m_maintenanceWake.wait_for(lock, m_config.listenerProbeInterval,
                                       [this] { return m_stopping; })) {
        lock.unlock();
        const bool answers = listenerAnswers();
        lock.lock();
        if (m_stopping) {
            break;
        }
        failures = answers ? 0 : failures + 1;
        // After a flood the allocator keeps what it freed: it goes back to
        // the system every few checks.
        if (++checks % 3 == 0) {
            lock.unlock();
            malloc_trim(0);
            lock.lock();
        }
        if (!answers) {
            log::server().warn("the listener did not take a connection ({} in a row)", failures);
        }
        if (failures == m_config.listenerProbeFailures) {
            log::server().critical("the listener takes no new connections (file descriptors "
                                   "ran out?); stopping so that confabd is started again");
            if (m_onListenerDead) {
                m_onListenerDead();
            }
        }
    }
}

namespace {

// Waits for `fd` to be ready for `events` until `deadline`; false as soon
// as `stopFd` is readable (the server is stopping).
bool waitReady(int fd, short events, std::chrono::steady_clock::time_point deadline, int stopFd)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    pollfd p[2] = {{fd, events, 0}, {stopFd, POLLIN, 0}};
    return left > 0 && ::poll(p, 2, static_cast<int>(left)) >= 1 && !(p[1].revents & POLLIN) &&
           (p[0].revents & events);
}

} // namespace

// Whether a new connection is taken: a gRPC server that accepted one speaks
// first (its HTTP/2 settings in plain text, its half of the handshake with
// TLS); one whose accept loop died leaves it in the kernel's backlog, mute.
bool Server::listenerAnswers() const
{
    std::string host = m_config.listen.substr(0, m_config.listen.rfind(':'));
    if (host.empty() || host == "0.0.0.0" || host == "*" || host == "localhost") {
        host = "127.0.0.1";
    } else if (host == "[::]") {
        host = "::1";
    }
    if (host.size() > 1 && host.front() == '[') {
        host = host.substr(1, host.size() - 2);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(m_port).c_str(), &hints, &found) != 0) {
        return true; // not an address to probe: nothing to say
    }
    const int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    bool answered = false;
    if (fd >= 0) {
        if (::connect(fd, found->ai_addr, found->ai_addrlen) == 0 || errno == EINPROGRESS) {
            int error = 0;
            socklen_t length = sizeof error;
            if (waitReady(fd, POLLOUT, deadline, m_stopFd) &&
                ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0) {
                if (m_config.tlsCertFile.empty()) {
                    answered = waitReady(fd, POLLIN, deadline, m_stopFd);
                } else {
                    // Our ClientHello, then the server's answer.
                    SSL_CTX* context = SSL_CTX_new(TLS_client_method());
                    SSL* ssl = context ? SSL_new(context) : nullptr;
                    if (ssl) {
                        static const unsigned char h2[] = {2, 'h', '2'};
                        SSL_set_alpn_protos(ssl, h2, sizeof h2);
                        SSL_set_fd(ssl, fd);
                        for (;;) {
                            const int done = SSL_connect(ssl);
                            if (done == 1) {
                                answered = true;
                                break;
                            }
                            const int why = SSL_get_error(ssl, done);
                            if ((why != SSL_ERROR_WANT_READ && why != SSL_ERROR_WANT_WRITE) ||
                                !waitReady(fd, why == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT,
                                           deadline, m_stopFd)) {
                                // A refusal is an answer too: the connection was taken.
                                answered = why == SSL_ERROR_SSL;
                                break;
                            }
                        }
                        SSL_free(ssl);
                    }
                    SSL_CTX_free(context);
                }
            }
        }
        ::close(fd);
    }
    ::freeaddrinfo(found);
    return answered;
}

void Server::shutdown(std::chrono::milliseconds grace)
{
    {
        std::lock_guard lock(m_maintenanceMutex);
        m_stopping = true;
    }
    m_maintenanceWake.notify_all();
    if (m_maintenance.joinable()) {
        m_maintenance.join();
    }
    if (m_storeWatch.joinable()) {
        m_storeWatch.join();
    }
    if (m_stopFd >= 0) {
        // Cuts a self-check short.
        const std::uint64_t one = 1;
        [[maybe_unused]] const ssize_t written = ::write(m_stopFd, &one, sizeof one);
    }
    if (m_watchdog.joinable() && m_watchdog.get_id() != std::this_thread::get_id()) {
        m_watchdog.join();
    }
    if (m_server) {
        m_server->GetHealthCheckService()->SetServingStatus(false);
        // Streams never end by themselves: they are ended now, for their
        // clients to subscribe again, rather than held for the whole grace.
        m_hub->endAll({grpc::StatusCode::UNAVAILABLE, "server: shutting down; subscribe again"});
        m_server->Shutdown(std::chrono::system_clock::now() + grace);
        m_server->Wait();
        m_server.reset();
        log::server().info("confabd stopped");
    }
    // The calls are over: publish what they left, then stop the workers.
    if (m_publisher) {
        m_publisher->stop();
    }
    if (m_runtime) {
        m_runtime->stop();
    }
}

} // namespace confab::backend
