#include "Services.h"

#include "Process.h"

#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace confab::bench {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPgBin = "/usr/lib/postgresql/15/bin/";

fs::path shortTempDir(const char* prefix)
{
    std::string pattern = std::string("/tmp/") + prefix + "XXXXXX";
    if (!mkdtemp(pattern.data())) {
        throw std::runtime_error("cannot make a temp dir");
    }
    return pattern;
}

pid_t spawn(const std::vector<std::string>& argv, const std::string& output, int cpu)
{
    const pid_t pid = fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        if (cpu >= 0) {
            pinSelf(cpu);
        }
        if (!output.empty()) {
            if (!freopen(output.c_str(), "a", stdout) || !freopen(output.c_str(), "a", stderr)) {
                _exit(126);
            }
        }
        std::vector<char*> args;
        for (const auto& arg : argv) {
            args.push_back(const_cast<char*>(arg.c_str()));
        }
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    return pid;
}

double cpuSecondsOf(pid_t pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos) {
        return 0;
    }
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; fields >> field; ++i) {
        if (i == 14 || i == 15) { // utime, stime
            ticks += std::stod(field);
        }
    }
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

} // namespace

void runProgram(const std::vector<std::string>& argv, int cpu)
{
    const pid_t pid = spawn(argv, "/dev/null", cpu);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw std::runtime_error(argv[0] + " failed");
    }
}

double cpuSecondsOfTree(pid_t root)
{
    double total = cpuSecondsOf(root);
    for (const auto& entry : fs::directory_iterator("/proc")) {
        const std::string name = entry.path().filename();
        if (name.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        std::ifstream stat(entry.path() / "stat");
        std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        const auto close = text.rfind(')');
        if (close == std::string::npos) {
            continue;
        }
        std::istringstream fields(text.substr(close + 2));
        std::string state;
        pid_t parent = 0;
        fields >> state >> parent;
        if (parent == root) {
            total += cpuSecondsOf(std::stoi(name));
        }
    }
    return total;
}

std::vector<std::string> PostgresServer::asOwner(std::vector<std::string> argv) const
{
    if (geteuid() == 0) {
        argv.insert(argv.begin(), {"runuser", "-u", "postgres", "--"});
    }
    return argv;
}

PostgresServer::PostgresServer(const fs::path& dataDir, int cpu) : m_data(dataDir), m_cpu(cpu)
{
    m_socketDir = shortTempDir("cfbpg-");
    uid_t uid = geteuid();
    gid_t gid = getegid();
    if (geteuid() == 0) {
        const passwd* owner = getpwnam("postgres");
        if (!owner) {
            throw std::runtime_error("no postgres user (install postgresql-15)");
        }
        uid = owner->pw_uid;
        gid = owner->pw_gid;
    }
    chmod(m_socketDir.c_str(), 0755);
    if (chown(m_socketDir.c_str(), uid, gid) != 0) {
        throw std::runtime_error("cannot give " + m_socketDir.string() + " to postgres");
    }
    if (!fs::exists(m_data / "PG_VERSION")) {
        fs::create_directories(m_data);
        if (chown(m_data.c_str(), uid, gid) != 0) {
            throw std::runtime_error("cannot give " + m_data.string() + " to postgres");
        }
        chmod(m_data.c_str(), 0700);
        runProgram(asOwner({std::string(kPgBin) + "initdb", "-D", m_data.string(), "--auth=trust",
                            "--username=postgres", "--encoding=UTF8", "--locale=C.UTF-8"}));
    }
    runProgram(asOwner({std::string(kPgBin) + "pg_ctl", "-D", m_data.string(), "-l",
                        (m_socketDir / "postgres.log").string(), "-o",
                        "-c listen_addresses='' -k " + m_socketDir.string() +
                            " -c max_connections=200 -c shared_buffers=256MB",
                        "-w", "start"}),
               m_cpu);
}

PostgresServer::~PostgresServer()
{
    try {
        runProgram(asOwner(
            {std::string(kPgBin) + "pg_ctl", "-D", m_data.string(), "-m", "fast", "-w", "stop"}));
    } catch (const std::exception&) {
    }
    std::error_code ec;
    fs::remove_all(m_socketDir, ec);
}

std::string PostgresServer::conninfo(const std::string& db) const
{
    return "host=" + m_socketDir.string() + " user=postgres dbname=" + db;
}

double PostgresServer::cpuSeconds() const
{
    std::ifstream pidFile(m_data / "postmaster.pid");
    pid_t pid = 0;
    pidFile >> pid;
    return pid > 0 ? cpuSecondsOfTree(pid) : 0;
}

RedisServer::RedisServer(int cpu) : m_dir(shortTempDir("cfbrd-"))
{
    m_pid = spawn({"redis-server", "--port", "0", "--unixsocket", (m_dir / "redis.sock").string(),
                   "--save", "", "--appendonly", "no", "--dir", m_dir.string()},
                  (m_dir / "redis.log").string(), cpu);
    for (int i = 0; i < 500 && !fs::exists(m_dir / "redis.sock"); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!fs::exists(m_dir / "redis.sock")) {
        throw std::runtime_error("redis-server did not start");
    }
}

RedisServer::~RedisServer()
{
    if (m_pid > 0) {
        kill(m_pid, SIGTERM);
        waitpid(m_pid, nullptr, 0);
    }
    std::error_code ec;
    fs::remove_all(m_dir, ec);
}

} // namespace confab::bench
