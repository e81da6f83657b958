#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

namespace confab::bench {

// A child process (a server under test), pinned to a CPU when asked.
class Process {
public:
    // Starts `argv` (argv[0] is the program) with `--port-file` appended, and
    // waits for the port to be written.
    Process(std::vector<std::string> argv, int cpu, const std::filesystem::path& workDir);
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    int port() const { return m_port; }
    pid_t pid() const { return m_pid; }
    std::string target() const { return "127.0.0.1:" + std::to_string(m_port); }

    // Resident memory in KiB.
    long rssKiB() const;
    // User + system CPU time used so far.
    std::chrono::duration<double> cpuTime() const;

    void stop();

private:
    pid_t m_pid = -1;
    int m_port = 0;
};

// Resident memory of a process in KiB (0 when it is gone).
long rssKiBOf(pid_t pid);

// Pins the calling process to one CPU (no-op when there is only one).
void pinSelf(int cpu);
int cpuCount();

} // namespace confab::bench
