#pragma once

#include <cstdint>

namespace confab::backend {

// Microseconds since the Unix epoch.
using Micros = std::int64_t;

constexpr Micros kMicrosPerSecond = 1000 * 1000;

Micros nowMicros();

} // namespace confab::backend
