#include "base/Log.h"

#include <spdlog/spdlog.h>

namespace confab::backend::log {

namespace {

spdlog::logger& named(const char* name)
{
    // spdlog's registry is thread-safe; a logger another part of the
    // process registered under this name first is used as it is.
    if (auto existing = spdlog::get(name)) {
        return *existing;
    }
    auto logger = spdlog::default_logger()->clone(name);
    try {
        spdlog::initialize_logger(logger);
    } catch (const spdlog::spdlog_ex&) {
        // Registered by another thread in between.
    }
    return *spdlog::get(name);
}

} // namespace

#define CONFAB_LOGGER(fn)                                                                          \
    spdlog::logger& fn()                                                                           \
    {                                                                                              \
        static spdlog::logger& logger = named(#fn);                                                \
        return logger;                                                                             \
    }

CONFAB_LOGGER(server)
CONFAB_LOGGER(store)
CONFAB_LOGGER(bus)
CONFAB_LOGGER(live)
CONFAB_LOGGER(auth)
CONFAB_LOGGER(rpc)

#undef CONFAB_LOGGER

} // namespace confab::backend::log
