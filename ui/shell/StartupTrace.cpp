#include "shell/StartupTrace.h"

#include <QByteArray>
#include <QSet>

#include <cstring>

#include <unistd.h>

namespace confab::ui {

namespace {

int traceFd()
{
    static const int fd = [] {
        bool ok = false;
        const int value = qEnvironmentVariableIntValue("CONFAB_STARTUP_TRACE_FD", &ok);
        return ok && value > 2 ? value : -1;
    }();
    return fd;
}

} // namespace

void StartupTrace::mark(const char* line)
{
    const int fd = traceFd();
    if (fd < 0) {
        return;
    }
    static QSet<QByteArray> done;
    const QByteArray text = QByteArray(line) + '\n';
    if (done.contains(text)) {
        return;
    }
    done.insert(text);
    // A short write to a pipe is atomic; a failure only loses a milestone.
    [[maybe_unused]] const ssize_t written = ::write(fd, text.constData(), text.size());
}

void StartupTrace::signInShown()
{
    mark("signin-shown");
}

void StartupTrace::signInUsable()
{
    mark("signin-usable");
}

void StartupTrace::roomsShown()
{
    mark("rooms-shown");
}

} // namespace confab::ui
