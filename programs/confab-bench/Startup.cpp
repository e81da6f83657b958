#include "Startup.h"

#include "Process.h"

#include "account/AccountContext.h"
#include "account/Client.h"
#include "chat/ChatClient.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <chrono>
#include <csignal>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace confab::bench {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The environment of an app whose home is `home`.
void useHome(const fs::path& home)
{
    fs::create_directories(home);
    setenv("HOME", home.c_str(), 1);
    setenv("XDG_CONFIG_HOME", (home / ".config").c_str(), 1);
    setenv("XDG_DATA_HOME", (home / ".local/share").c_str(), 1);
    setenv("XDG_CACHE_HOME", (home / ".cache").c_str(), 1);
    setenv("QT_QPA_PLATFORM", "offscreen", 1);
}

// One start of the app: its milestones (ms since exec) and its memory.
struct Start {
    std::map<std::string, double> at;
    double rssMiB = 0;
};

// Ends the app and what it started (its local server is in its process
// group), and waits until all of it is gone.
void stopGroup(pid_t pid)
{
    kill(-pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (kill(-pid, 0) == 0 && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(-pid, SIGKILL);
}

// Starts `confab` with `home` and waits for `until`; then, after `linger`
// (for what the app still writes, such as a rotated token), ends it.
Start startApp(const std::string& confab, const fs::path& home, const std::string& until,
               std::chrono::milliseconds linger)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const auto t0 = Clock::now();
    const pid_t pid = fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        setpgid(0, 0);
        const int fd = dup(fds[1]); // without O_CLOEXEC: the app inherits it
        useHome(home);
        setenv("CONFAB_STARTUP_TRACE_FD", std::to_string(fd).c_str(), 1);
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        execl(confab.c_str(), confab.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    setpgid(pid, pid);
    close(fds[1]);
    Start start;
    std::string buffer;
    const auto deadline = t0 + std::chrono::seconds(30);
    while (!start.at.contains(until)) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        pollfd p{fds[0], POLLIN, 0};
        if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) {
            break;
        }
        char chunk[256];
        const ssize_t n = read(fds[0], chunk, sizeof chunk);
        const auto now = Clock::now();
        if (n <= 0) {
            break;
        }
        buffer.append(chunk, static_cast<std::size_t>(n));
        for (auto end = buffer.find('\n'); end != std::string::npos; end = buffer.find('\n')) {
            start.at[buffer.substr(0, end)] =
                std::chrono::duration<double, std::milli>(now - t0).count();
            buffer.erase(0, end + 1);
        }
        if (start.at.contains(until)) {
            start.rssMiB = static_cast<double>(rssKiBOf(pid)) / 1024.0;
        }
    }
    close(fds[0]);
    if (start.at.contains(until)) {
        std::this_thread::sleep_for(linger);
    }
    stopGroup(pid);
    if (!start.at.contains(until)) {
        throw std::runtime_error("the app did not reach " + until + " within 30 s");
    }
    return start;
}

// Runs `confab-bench prepare-b8` with `home` as its home.
void prepareHome(const Setup& setup, const fs::path& home)
{
    const pid_t pid = fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        setpgid(0, 0);
        useHome(home);
        execl(setup.self.c_str(), setup.self.c_str(), "prepare-b8", "--confabd",
              setup.confabd.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    setpgid(pid, pid);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw std::runtime_error("preparing a remembered sign-in failed (B8 needs a session bus "
                                 "with a secret service: run it through scripts/bench)");
    }
}

// Runs the event loop until `done` or `ms` have passed.
bool waitFor(const std::function<bool()>& done, int ms)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(ms);
    while (!done()) {
        if (Clock::now() > deadline) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

} // namespace

int prepareSavedSignIn(int argc, char** argv, const std::string& confabd)
{
    QCoreApplication app(argc, argv);
    // As the app names itself: the same settings, data and keychain entries.
    QCoreApplication::setApplicationName(QStringLiteral("confab"));
    QCoreApplication::setOrganizationName(QStringLiteral("confab"));
    core::Client::Options options;
    options.confabd = QString::fromStdString(confabd);
    core::Client client(options);
    client.useLocal();
    if (!waitFor([&] { return client.state() == core::Client::State::Ready; }, 30000)) {
        std::cerr << "prepare-b8: the local server did not start\n";
        return 1;
    }
    client.settings().setRemember(true);
    client.session()->registerAccount(QStringLiteral("bench"), QStringLiteral("correct horse"),
                                      QStringLiteral("Bench"), true);
    if (!waitFor([&] { return client.accounts().rowCount() == 1; }, 30000)) {
        std::cerr << "prepare-b8: the account was not made\n";
        return 1;
    }
    core::ChatClient* chat = client.accounts().at(0)->chat();
    int created = 0;
    QObject::connect(chat, &core::ChatClient::roomCreated, chat, [&](const QString& roomId) {
        ++created;
        chat->sendMessage(roomId, QStringLiteral("Welcome to room %1").arg(created));
    });
    for (int i = 1; i <= 20; ++i) {
        chat->createRoom(QStringLiteral("Room %1").arg(i), {}, false, {});
    }
    if (!waitFor([&] { return created == 20 && chat->outbox()->size() == 0; }, 30000)) {
        std::cerr << "prepare-b8: the rooms were not made\n";
        return 1;
    }
    // The keychain write of the session is asynchronous: give it time.
    waitFor([] { return false; }, 1000);
    client.settings().sync();
    return 0;
}

Result runB8(const Setup& setup)
{
    const std::string confab = (fs::path(setup.confabd).parent_path() / "confab").string();
    if (access(confab.c_str(), X_OK) != 0) {
        throw std::runtime_error(confab + " is not there (build the app)");
    }
    static int runs = 0;
    ++runs;
    const Start fresh = startApp(confab, setup.work / ("b8-fresh-" + std::to_string(runs)),
                                 "signin-usable", std::chrono::milliseconds(0));

    // One remembered sign-in for all runs: each start rotates its token.
    static const fs::path saved = [&] {
        const fs::path home = setup.work / "b8-saved";
        prepareHome(setup, home);
        return home;
    }();
    const Start again = startApp(confab, saved, "rooms-shown", std::chrono::milliseconds(1500));
    return {
        {"fresh_shown_ms", fresh.at.at("signin-shown")},
        {"fresh_usable_ms", fresh.at.at("signin-usable")},
        {"fresh_rss_mib", fresh.rssMiB},
        {"saved_rooms_ms", again.at.at("rooms-shown")},
        {"saved_rss_mib", again.rssMiB},
    };
}

} // namespace confab::bench
