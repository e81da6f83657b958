#pragma once

#include <string>

namespace confab::bench {

// Runs the reference fan-out server until SIGTERM: Chat.SendMessage and
// Chat.Subscribe on the same wire contract, with no storage, no
// authentication and no membership: what bare gRPC does on this machine.
int runReferenceServer(const std::string& portFile);

} // namespace confab::bench
