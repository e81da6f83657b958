#include "StoreBackends.h"

#include "store/sqlite/SqliteStore.h"

namespace confab::test {

std::vector<StoreBackend> storeBackends()
{
    std::vector<StoreBackend> backends;
    backends.push_back({"sqlite", [](const std::filesystem::path& dir) {
                            return std::make_unique<backend::SqliteStore>(dir / "confab.db");
                        }});
    return backends;
}

} // namespace confab::test
