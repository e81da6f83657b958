#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

namespace confab::bench {

// Runs a program to its end; throws when it fails.
void runProgram(const std::vector<std::string>& argv, int cpu = -1);

// A PostgreSQL 15 server of the bench's own (Debian's binaries), durable
// (fsync on: B7 measures durable sends), listening on a unix socket only.
// Its data directory may be kept between runs (`dataDir` exists with a
// cluster in it) or made afresh.
class PostgresServer {
public:
    // `cpu`: the CPU its processes run on (-1: any).
    explicit PostgresServer(const std::filesystem::path& dataDir, int cpu = -1);
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    // libpq key=value form, for database `db`.
    std::string conninfo(const std::string& db = "postgres") const;
    // The server's processes' CPU time so far (all its backends).
    double cpuSeconds() const;

private:
    std::vector<std::string> asOwner(std::vector<std::string> argv) const;

    std::filesystem::path m_data;
    std::filesystem::path m_socketDir;
    int m_cpu = -1;
};

// A Redis server of the bench's own on a unix socket, no persistence.
class RedisServer {
public:
    explicit RedisServer(int cpu = -1);
    ~RedisServer();
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    std::string url() const { return "unix://" + (m_dir / "redis.sock").string(); }
    pid_t pid() const { return m_pid; }

private:
    std::filesystem::path m_dir;
    pid_t m_pid = -1;
};

// CPU time (user + system) of a process and its descendants' that have
// been waited for, and of every process whose parent is `pid`.
double cpuSecondsOfTree(pid_t pid);

} // namespace confab::bench
