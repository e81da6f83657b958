#pragma once

#include "Workloads.h"

namespace confab::bench {

// B8: the desktop app's start, offscreen, timed from exec by the
// milestones it writes (ui::StartupTrace): with a fresh home until the
// sign-in window takes a sign-in (its local server ready), and with a
// remembered sign-in until the main window lists the rooms; the app's
// resident memory at each. The remembered sign-in needs a secret service
// on the session bus (scripts/bench provides one).
Result runB8(const Setup& setup);

// `confab-bench prepare-b8`: run by B8 in a child whose HOME is the home to
// prepare; makes an account on the app's local server with "remember me",
// in 20 rooms with a message each, as the app would.
int prepareSavedSignIn(int argc, char** argv, const std::string& confabd);

} // namespace confab::bench
