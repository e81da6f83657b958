#include "StoreBackends.h"

#include "store/postgres/Pg.h"
#include "store/postgres/PgStore.h"
#include "store/sqlite/SqliteStore.h"

#include <cstdlib>

namespace confab::test {

std::vector<StoreBackend> storeBackends()
{
    std::vector<StoreBackend> backends;
    backends.push_back({"sqlite", [](const std::filesystem::path& dir) {
                            return std::make_unique<backend::SqliteStore>(dir / "confab.db");
                        }});
    // CONFAB_TEST_POSTGRES: a libpq key=value connection string of a server
    // the tests may create and drop databases on (tests/support/with-postgres
    // starts one). Each test gets a new, empty database.
    if (const char* server = std::getenv("CONFAB_TEST_POSTGRES"); server && *server) {
        backends.push_back(
            {"postgres", [admin = std::string(server)](const std::filesystem::path&) {
                 backend::pg::Connection db(admin);
                 db.run("DROP DATABASE IF EXISTS confab_contract WITH (FORCE)");
                 db.run("CREATE DATABASE confab_contract");
                 return std::make_unique<backend::PgStore>(admin + " dbname=confab_contract");
             }});
    }
    return backends;
}

} // namespace confab::test
