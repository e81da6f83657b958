#pragma once

#include <spdlog/logger.h>

// One logger per part of the server, so that an operator can tell where a
// line comes from and raise the level of one part alone. Every logger shares
// the default logger's sinks, and the level and pattern set with
// spdlog::set_level / set_pattern.
namespace confab::backend::log {

spdlog::logger& server(); // start, stop, maintenance
spdlog::logger& store();  // databases, migrations, commits
spdlog::logger& bus();    // fan-out between instances
spdlog::logger& live();   // Subscribe streams, presence, typing
spdlog::logger& auth();   // hashing, tokens, throttling
spdlog::logger& rpc();    // handler failures

} // namespace confab::backend::log
