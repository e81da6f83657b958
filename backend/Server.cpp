#include "Server.h"

#include "base/Crypto.h"
#include "bus/Bus.h"
#include "rpc/Runtime.h"
#include "services/AccountsService.h"
#include "services/AuthService.h"
#include "services/ChatService.h"
#include "store/Convert.h"
#include "store/sqlite/SqliteStore.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

namespace confab::backend {

namespace {

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
    grpc::SslServerCredentialsOptions options;
    options.pem_key_cert_pairs.push_back(
        {readFile(config.tlsKeyFile, "TLS key"), readFile(config.tlsCertFile, "TLS certificate")});
    return grpc::SslServerCredentials(options);
}

} // namespace

Server::Server(ServerConfig config) : m_config(std::move(config))
{}

Server::~Server()
{
    shutdown(std::chrono::milliseconds(0));
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
    m_store = std::make_unique<SqliteStore>(m_config.dataDir / "confab.db");
    m_runtime = std::make_unique<Runtime>(m_config, *m_store);
    m_bus = std::make_unique<LocalBus>();
    m_hub = std::make_unique<Hub>(*m_store, m_runtime->workers(), *m_bus, m_runtime->presence());
    m_bus->setHandler([hub = m_hub.get(), runtime = m_runtime.get()](const BusMessage& message) {
        if (message.kind == BusMessage::Kind::SessionsRevoked) {
            runtime->forgetSessions(message.sessionIds);
        }
        hub->deliver(message);
    });
    m_auth = std::make_unique<AuthService>(*m_runtime);
    m_accounts = std::make_unique<AccountsService>(*m_runtime);
    m_chat = std::make_unique<ChatService>(*m_runtime, *m_bus, *m_hub);
    m_runtime->setRevocationListener([bus = m_bus.get()](const std::vector<std::string>& ids) {
        BusMessage message;
        message.kind = BusMessage::Kind::SessionsRevoked;
        message.sessionIds = ids;
        bus->publish(message);
    });
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
    builder.RegisterService(m_auth.get());
    builder.RegisterService(m_accounts.get());
    builder.RegisterService(m_chat.get());
    m_server = builder.BuildAndStart();
    if (!m_server || m_port == 0) {
        m_server.reset();
        throw std::runtime_error("cannot listen on " + m_config.listen +
                                 " (address in use or not available)");
    }
    m_server->GetHealthCheckService()->SetServingStatus(true);
    m_maintenance = std::thread([this] { maintenanceLoop(); });
    spdlog::info("confabd listening on {} (port {}), data in {}", m_config.listen, m_port,
                 m_config.dataDir.string());
}

void Server::maintenanceLoop()
{
    std::unique_lock lock(m_maintenanceMutex);
    do {
        lock.unlock();
        try {
            m_store->purgeExpired(nowMicros());
        } catch (const std::exception& e) {
            spdlog::error("maintenance: {}", e.what());
        }
        lock.lock();
    } while (
        !m_maintenanceWake.wait_for(lock, std::chrono::hours(1), [this] { return m_stopping; }));
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
    if (m_server) {
        m_server->GetHealthCheckService()->SetServingStatus(false);
        m_server->Shutdown(std::chrono::system_clock::now() + grace);
        m_server->Wait();
        m_server.reset();
        spdlog::info("confabd stopped");
    }
    if (m_runtime) {
        m_runtime->stop();
    }
}

} // namespace confab::backend
