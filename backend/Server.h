#pragma once

#include "base/Config.h"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace grpc {
class Server;
}

namespace confab::backend {

class AccountsService;
class AuthService;
class Bus;
class ChatService;
class Hub;
class Publisher;
class Runtime;
class Store;
class Typing;

// The address to listen on is taken or cannot be had.
class ListenError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A whole confabd, and the one place that knows all of its parts: the store,
// the bus and its publisher, the hub of live streams, the services, and the
// gRPC server on one port with the health and reflection services beside
// them.
class Server {
public:
    // Makes the bus between the instances of a deployment; the default is
    // the in-process bus of a single instance.
    using BusFactory = std::function<std::unique_ptr<Bus>()>;

    explicit Server(ServerConfig config, BusFactory busFactory = {});
    ~Server();

    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Opens the data directory and the database and starts listening.
    // Throws std::runtime_error with a message fit for the operator.
    void start();
    // The bound port (useful with a listen port of 0).
    int port() const { return m_port; }
    // Stops accepting calls, lets running ones end within `grace`, then stops.
    void shutdown(std::chrono::milliseconds grace = std::chrono::milliseconds(5000));

    // Called (once, from the watchdog's thread) when the listener has taken
    // no connection for a while although it should: with gRPC 1.51 a run
    // out of file descriptors stops its accept loop for good. confabd then
    // exits non-zero for its supervisor to start it again.
    void onListenerDead(std::function<void()> handler) { m_onListenerDead = std::move(handler); }

    const ServerConfig& config() const { return m_config; }
    Store& store() { return *m_store; }
    Runtime& runtime() { return *m_runtime; }
    Hub& hub() { return *m_hub; }
    Publisher& publisher() { return *m_publisher; }

private:
    void maintenanceLoop();
    void watchListener();
    void watchStore();
    bool listenerAnswers() const;

    ServerConfig m_config;
    BusFactory m_busFactory;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Runtime> m_runtime;
    std::unique_ptr<Bus> m_bus;
    std::unique_ptr<Publisher> m_publisher;
    std::unique_ptr<Hub> m_hub;
    std::unique_ptr<Typing> m_typing;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<AccountsService> m_accounts;
    std::unique_ptr<ChatService> m_chat;
    std::unique_ptr<grpc::Server> m_server;
    int m_port = 0;

    std::mutex m_maintenanceMutex;
    std::condition_variable m_maintenanceWake;
    bool m_stopping = false;
    std::thread m_maintenance;
    std::thread m_watchdog;
    std::thread m_storeWatch;
    int m_stopFd = -1; // written when stopping: cuts a self-check short
    std::function<void()> m_onListenerDead;
};

} // namespace confab::backend
