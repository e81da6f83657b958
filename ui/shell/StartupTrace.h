#pragma once

namespace confab::ui {

// Milestones of the app's start, for confab-bench's B8: when the variable
// CONFAB_STARTUP_TRACE_FD names an open file descriptor, each milestone is
// written to it once, as a line ("signin-usable\n"), at the moment it is
// reached; the reader times them. Does nothing otherwise.
class StartupTrace {
public:
    // The sign-in window is on screen.
    static void signInShown();
    // It takes a sign-in: the server is ready and "Sign in" is enabled.
    static void signInUsable();
    // A remembered sign-in reached the main window with the rooms listed.
    static void roomsShown();

private:
    static void mark(const char* line);
};

} // namespace confab::ui
