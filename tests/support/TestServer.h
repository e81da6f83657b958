#pragma once

#include "Server.h"
#include "base/Config.h"

#include "confab/v1/account.grpc.pb.h"
#include "confab/v1/auth.grpc.pb.h"
#include "confab/v1/chat.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <memory>
#include <string>

namespace confab::test {

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// Server settings for tests: loopback port 0, the cheapest argon2id cost
// (tests that are about the cost set their own).
backend::ServerConfig testConfig(const std::filesystem::path& dataDir);

// A real confabd running in this process.
class TestServer {
public:
    explicit TestServer(backend::ServerConfig config, backend::Server::BusFactory busFactory = {});
    TestServer() : TestServer(testConfig({})) {}
    ~TestServer();

    backend::Server& server() { return *m_server; }
    const std::filesystem::path& dataDir() const { return m_config.dataDir; }
    std::string target() const;
    std::shared_ptr<grpc::Channel> channel();
    void stop();

private:
    std::unique_ptr<TempDir> m_tempDir;
    backend::ServerConfig m_config;
    std::unique_ptr<backend::Server> m_server;
    std::shared_ptr<grpc::Channel> m_channel;
};

// Real stubs with helpers for the common steps of a test.
class Client {
public:
    explicit Client(std::shared_ptr<grpc::Channel> channel);

    // A context with a 10 s deadline, and the access token when given.
    static std::unique_ptr<grpc::ClientContext> context(const std::string& accessToken = {});

    // Registers (failing the test on error) and returns the session.
    v1::Session registerUser(const std::string& username,
                             const std::string& password = "correct horse",
                             const std::string& device = "test device");
    grpc::Status login(const std::string& username, const std::string& password,
                       v1::Session* session, const std::string& device = "test device");

    std::unique_ptr<v1::Auth::Stub> auth;
    std::unique_ptr<v1::Accounts::Stub> accounts;
    std::unique_ptr<v1::Chat::Stub> chat;
};

} // namespace confab::test
