#include "Process.h"

#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

namespace confab::bench {

int cpuCount()
{
    return static_cast<int>(std::thread::hardware_concurrency());
}

void pinSelf(int cpu)
{
    if (cpuCount() < 2) {
        return;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof(set), &set);
}

Process::Process(std::vector<std::string> argv, int cpu, const std::filesystem::path& workDir)
{
    const auto portFile = workDir / "port";
    std::filesystem::remove(portFile);
    argv.push_back("--port-file");
    argv.push_back(portFile.string());
    m_pid = fork();
    if (m_pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (m_pid == 0) {
        pinSelf(cpu);
        std::vector<char*> args;
        for (auto& arg : argv) {
            args.push_back(arg.data());
        }
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            throw std::runtime_error(argv[0] + " exited at start-up");
        }
        std::ifstream in(portFile);
        if (in >> m_port && m_port > 0) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop();
    throw std::runtime_error(argv[0] + " did not start");
}

Process::~Process()
{
    stop();
}

void Process::stop()
{
    if (m_pid > 0) {
        kill(m_pid, SIGTERM);
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_pid = -1;
    }
}

long rssKiBOf(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("VmRSS:")) {
            return std::stol(line.substr(6));
        }
    }
    return 0;
}

long Process::rssKiB() const
{
    return rssKiBOf(m_pid);
}

std::chrono::duration<double> Process::cpuTime() const
{
    std::ifstream in("/proc/" + std::to_string(m_pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Fields after the command name, which is in parentheses.
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string field;
    long ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14 || i == 15) {
            ticks += std::stol(field);
        }
    }
    return std::chrono::duration<double>(static_cast<double>(ticks) /
                                         static_cast<double>(sysconf(_SC_CLK_TCK)));
}

} // namespace confab::bench
