#include "Server.h"
#include "base/Certificate.h"
#include "base/Config.h"
#include "base/Log.h"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

using confab::backend::Cidr;
using confab::backend::RateLimitsConfig;

namespace {

// The exit status when the address to listen on is taken (EADDRINUSE).
constexpr int kExitCannotListen = 98;
// The listener stopped taking connections (Server::onListenerDead).
constexpr int kExitListenerDead = 75;

std::filesystem::path defaultDataDir()
{
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        return std::filesystem::path(xdg) / "confab" / "server";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path(home) / ".local" / "share" / "confab" / "server";
    }
    return "confab-data";
}

void writePortFile(const std::filesystem::path& file, int port)
{
    const std::filesystem::path tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << port << '\n';
        if (!out.flush()) {
            throw std::runtime_error("cannot write the port file " + file.string());
        }
    }
    std::filesystem::rename(tmp, file);
}

} // namespace

int main(int argc, char** argv)
{
    confab::backend::ServerConfig config;
    config.dataDir = defaultDataDir();
    std::string portFile;
    std::string logLevel = "info";
    long long accessTtl = config.accessTtl.count();
    long long refreshTtl = config.refreshTtl.count();

    CLI::App app{"confabd: the Confab chat server"};
    app.add_option("--listen", config.listen, "Address to listen on (host:port)")
        ->capture_default_str();
    app.add_option("--data-dir", config.dataDir,
                   "Directory for the database (the SQLite file, without --database)")
        ->capture_default_str();
    app.add_option("--database", config.database,
                   "PostgreSQL shared by several instances: postgresql://USER@HOST/DB (or "
                   "libpq's key=value form); without it, SQLite in the data directory");
    std::vector<std::string> trustedProxies;
    app.add_option("--trusted-proxy", trustedProxies,
                   "A proxy's address or network (CIDR) whose x-real-ip names the client, for "
                   "the per-address limits (repeat for more)")
        ->check([](const std::string& value) {
            return Cidr::parse(value) ? std::string() : "not an address or network: " + value;
        });
    auto instanceTimeout = static_cast<int>(config.instanceTimeout.count() / 1000);
    app.add_option("--instance-timeout", instanceTimeout,
                   "With --bus: seconds after which a silent instance counts as dead and its "
                   "users go offline")
        ->check(CLI::Range(2, 600))
        ->capture_default_str();
    app.add_option("--bus", config.bus,
                   "Redis between several instances: redis://HOST:PORT or "
                   "unix:///PATH/redis.sock; without it, one instance");
    app.add_option("--port-file", portFile, "Write the bound port to this file once listening");
    app.add_option("--tls-cert", config.tlsCertFile, "TLS certificate chain (PEM)");
    app.add_option("--tls-key", config.tlsKeyFile, "TLS private key (PEM)");
    app.add_flag("--insecure", config.insecure,
                 "Allow a non-loopback address without TLS (traffic in clear)");
    app.add_option("--access-ttl", accessTtl, "Access token lifetime, seconds")
        ->check(CLI::Range(10LL, 24LL * 3600))
        ->capture_default_str();
    app.add_option("--refresh-ttl", refreshTtl, "Refresh token lifetime, seconds")
        ->check(CLI::Range(60LL, 365LL * 24 * 3600))
        ->capture_default_str();
    const auto rateFlag = [&](const char* name, RateLimitsConfig::Rate& rate, const char* what) {
        app.add_option(name, rate.perMinute, std::string(what) + " per minute (0: no limit)")
            ->check(CLI::Range(0.0, 1e9))
            ->capture_default_str();
    };
    app.add_option("--max-streams-per-user", config.streamsPerUser,
                   "Subscribe streams one account may hold open")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    app.add_option("--max-streams-per-session", config.streamsPerSession,
                   "Subscribe streams one session (device) may hold open")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    app.add_option("--max-calls-per-connection", config.streamsPerConnection,
                   "Calls one connection may have open at once (HTTP/2 streams)")
        ->check(CLI::Range(1, 10000))
        ->capture_default_str();
    std::size_t memoryQuotaMiB = config.memoryQuotaBytes / (1024 * 1024);
    app.add_option("--memory-quota", memoryQuotaMiB,
                   "MiB that gRPC may use for all connections together")
        ->check(CLI::Range(16, 1 << 20))
        ->capture_default_str();
    auto keepaliveSeconds = static_cast<int>(config.keepaliveInterval.count() / 1000);
    app.add_option("--keepalive", keepaliveSeconds,
                   "Seconds a connection may be quiet before the server pings it")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    rateFlag("--rate-messages", config.rates.messages, "Messages sent, edited or deleted per user");
    rateFlag("--rate-rooms", config.rates.rooms, "Rooms and direct rooms opened per user");
    rateFlag("--rate-invites", config.rates.invites, "Invitations per user");
    rateFlag("--rate-searches", config.rates.searches,
             "Searches of users and public rooms per user");
    rateFlag("--rate-uploads", config.rates.uploads, "Attachments uploaded per user");
    auto maxAttachmentMiB = config.limits.attachmentMaxBytes / (1024 * 1024);
    app.add_option("--max-attachment", maxAttachmentMiB, "MiB of the largest attachment")
        ->check(CLI::Range(1, 4096))
        ->capture_default_str();
    auto uploadQuotaMiB = config.media.quotaBytesPerDay / (1024 * 1024);
    app.add_option("--upload-quota", uploadQuotaMiB, "MiB one user may upload in a day")
        ->check(CLI::Range(1, 1 << 24))
        ->capture_default_str();
    auto unsentExpiry = static_cast<long long>(config.media.unsentExpiry.count());
    app.add_option("--unsent-upload-expiry", unsentExpiry,
                   "Seconds an upload that no message carries is kept")
        ->check(CLI::Range(1LL, 30LL * 24 * 3600))
        ->capture_default_str();
    auto transferIdle = static_cast<long long>(config.media.idleTimeout.count() / 1000);
    app.add_option("--transfer-idle-timeout", transferIdle,
                   "Seconds an upload or download may move no bytes before it is ended")
        ->check(CLI::Range(1LL, 3600LL))
        ->capture_default_str();
    double registrationsPerHour = config.rates.registrationsPerAddress.perMinute * 60;
    app.add_option("--registrations-per-address", registrationsPerHour,
                   "New accounts from one client address per hour (0: no limit)")
        ->check(CLI::Range(0.0, 1e9))
        ->capture_default_str();
    rateFlag("--registrations", config.rates.registrations, "New accounts on the whole server");
    app.add_option("--log-level", logLevel, "trace, debug, info, warn, error or off")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
        ->capture_default_str();
    auto* genCert = app.add_subcommand(
        "gen-cert", "Make a self-signed TLS certificate and key for this server, print its "
                    "SHA-256 fingerprint (users compare it with what the app shows), and exit");
    std::filesystem::path certDir = ".";
    std::vector<std::string> certNames;
    genCert->add_option("--out", certDir, "Directory for confabd.pem and confabd.key")
        ->capture_default_str();
    genCert
        ->add_option("--name", certNames, "Host name or IP address clients use (repeat for more)")
        ->required();
    CLI11_PARSE(app, argc, argv);

    if (genCert->parsed()) {
        try {
            const std::string fingerprint =
                confab::backend::generateSelfSignedCertificate(certDir, certNames);
            std::cout << "certificate: " << (certDir / "confabd.pem").string() << '\n'
                      << "key:         " << (certDir / "confabd.key").string() << '\n'
                      << "SHA-256 fingerprint:\n"
                      << fingerprint << '\n'
                      << "Start confabd with --tls-cert " << (certDir / "confabd.pem").string()
                      << " --tls-key " << (certDir / "confabd.key").string()
                      << "; the app asks its users to compare this fingerprint once.\n";
            return EXIT_SUCCESS;
        } catch (const std::exception& e) {
            std::cerr << e.what() << '\n';
            return EXIT_FAILURE;
        }
    }

    for (RateLimitsConfig::Rate* rate :
         {&config.rates.messages, &config.rates.rooms, &config.rates.invites,
          &config.rates.searches, &config.rates.uploads, &config.rates.registrations}) {
        rate->burst = RateLimitsConfig::burstFor(rate->perMinute);
    }
    config.rates.registrationsPerAddress = {registrationsPerHour / 60, 5};
    config.memoryQuotaBytes = memoryQuotaMiB * 1024 * 1024;
    config.limits.attachmentMaxBytes = maxAttachmentMiB * 1024 * 1024;
    config.media.quotaBytesPerDay = uploadQuotaMiB * 1024 * 1024;
    config.media.unsentExpiry = std::chrono::seconds(unsentExpiry);
    // Short expiries (tests, small disks) are looked for as often.
    config.media.expiryInterval = std::min(config.media.expiryInterval, config.media.unsentExpiry);
    config.media.idleTimeout = std::chrono::seconds(transferIdle);
    config.keepaliveInterval = std::chrono::seconds(keepaliveSeconds);
    config.instanceTimeout = std::chrono::seconds(instanceTimeout);
    for (const auto& proxy : trustedProxies) {
        config.trustedProxies.push_back(*Cidr::parse(proxy));
    }
    config.accessTtl = std::chrono::seconds(accessTtl);
    config.refreshTtl = std::chrono::seconds(refreshTtl);
    spdlog::set_level(spdlog::level::from_str(logLevel));
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %n: %v");

    // Signals are taken by sigwait below, never by a handler on a random thread.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    // As many file descriptors as the system lets this process have: every
    // connection holds one.
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }

    confab::backend::Server server(config);
    // A listener that stopped taking connections: end, and say so in the
    // exit status, for the supervisor to start confabd again.
    std::atomic<bool> listenerDead{false};
    server.onListenerDead([&listenerDead] {
        listenerDead = true;
        kill(getpid(), SIGTERM);
    });
    try {
        server.start();
        if (!portFile.empty()) {
            writePortFile(portFile, server.port());
        }
    } catch (const confab::backend::ListenError& e) {
        confab::backend::log::server().critical("{}", e.what());
        // Its own status, so that a supervisor can tell "the port is taken"
        // from every other failure.
        return kExitCannotListen;
    } catch (const std::exception& e) {
        confab::backend::log::server().critical("{}", e.what());
        return EXIT_FAILURE;
    }

    int signal = 0;
    sigwait(&signals, &signal);
    confab::backend::log::server().info("signal {} received, shutting down", signal);
    server.shutdown();
    return listenerDead ? kExitListenerDead : EXIT_SUCCESS;
}
