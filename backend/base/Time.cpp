#include "base/Time.h"

#include <chrono>

namespace confab::backend {

Micros nowMicros()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace confab::backend
