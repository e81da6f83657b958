#pragma once

#include "store/Store.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace confab::test {

// A kind of store the contract suite runs over. `open` makes an empty store
// that keeps its files (if any) in `dir`.
struct StoreBackend {
    std::string name;
    std::function<std::unique_ptr<backend::Store>(const std::filesystem::path& dir)> open;
};

// Every store this build can test: SQLite always; a networked database joins
// here with one entry, switched on by an environment variable that names a
// server to test against.
std::vector<StoreBackend> storeBackends();

inline void PrintTo(const StoreBackend& backend, std::ostream* out)
{
    *out << backend.name;
}

} // namespace confab::test
