#include "TestServer.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <chrono>
#include <random>

namespace confab::test {

TempDir::TempDir()
{
    std::random_device random;
    const auto base = std::filesystem::temp_directory_path();
    for (;;) {
        m_path = base / ("confab-test-" + std::to_string(random()));
        if (std::filesystem::create_directory(m_path)) {
            break;
        }
    }
}

TempDir::~TempDir()
{
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

backend::ServerConfig testConfig(const std::filesystem::path& dataDir)
{
    backend::ServerConfig config;
    config.listen = "127.0.0.1:0";
    config.dataDir = dataDir;
    config.passwordOpsLimit = crypto_pwhash_OPSLIMIT_MIN;
    config.passwordMemLimit = crypto_pwhash_MEMLIMIT_MIN;
    config.throttle.baseDelay = std::chrono::milliseconds(200);
    // Tests send as fast as they can; the limits are tested on their own.
    config.rates = backend::RateLimitsConfig::unlimited();
    return config;
}

TestServer::TestServer(backend::ServerConfig config, backend::Server::BusFactory busFactory)
    : m_config(std::move(config))
{
    if (m_config.dataDir.empty()) {
        m_tempDir = std::make_unique<TempDir>();
        m_config.dataDir = m_tempDir->path() / "server";
    }
    m_server = std::make_unique<backend::Server>(m_config, std::move(busFactory));
    m_server->start();
}

TestServer::~TestServer()
{
    stop();
}

void TestServer::stop()
{
    m_channel.reset();
    if (m_server) {
        m_server->shutdown(std::chrono::milliseconds(100));
        m_server.reset();
    }
}

std::string TestServer::target() const
{
    return "127.0.0.1:" + std::to_string(m_server->port());
}

std::shared_ptr<grpc::Channel> TestServer::channel()
{
    if (!m_channel) {
        m_channel = grpc::CreateChannel(target(), grpc::InsecureChannelCredentials());
    }
    return m_channel;
}

Client::Client(std::shared_ptr<grpc::Channel> channel)
    : auth(v1::Auth::NewStub(channel)),
      accounts(v1::Accounts::NewStub(channel)),
      chat(v1::Chat::NewStub(channel))
{}

std::unique_ptr<grpc::ClientContext> Client::context(const std::string& accessToken)
{
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!accessToken.empty()) {
        ctx->AddMetadata("authorization", "Bearer " + accessToken);
    }
    return ctx;
}

v1::Session Client::registerUser(const std::string& username, const std::string& password,
                                 const std::string& device)
{
    v1::RegisterRequest request;
    request.set_username(username);
    request.set_password(password);
    request.set_device_name(device);
    v1::Session session;
    const grpc::Status status = auth->Register(context().get(), request, &session);
    EXPECT_TRUE(status.ok()) << "Register " << username << ": " << status.error_message();
    return session;
}

grpc::Status Client::login(const std::string& username, const std::string& password,
                           v1::Session* session, const std::string& device)
{
    v1::LoginRequest request;
    request.set_username(username);
    request.set_password(password);
    request.set_device_name(device);
    return auth->Login(context().get(), request, session);
}

} // namespace confab::test
