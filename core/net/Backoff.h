#pragma once

#include <QRandomGenerator>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace confab::core {

// Delays between attempts: `initial` doubling up to `max`, each spread by
// +/- `jitter` so that many clients coming back at once do not retry in step.
class Backoff {
public:
    explicit Backoff(std::chrono::milliseconds initial = std::chrono::milliseconds(500),
                     std::chrono::milliseconds max = std::chrono::seconds(30), double jitter = 0.2)
        : m_initial(initial), m_max(max), m_jitter(jitter)
    {}

    // The delay before the next attempt; counts that attempt.
    std::chrono::milliseconds next()
    {
        const double base = std::min(static_cast<double>(m_max.count()),
                                     static_cast<double>(m_initial.count()) *
                                         std::pow(2.0, std::min(m_attempts, 30)));
        ++m_attempts;
        const double spread = (QRandomGenerator::global()->generateDouble() * 2.0 - 1.0) * m_jitter;
        return std::chrono::milliseconds(
            static_cast<long long>(std::llround(base * (1.0 + spread))));
    }

    void reset() { m_attempts = 0; }
    int attempts() const { return m_attempts; }

    void setLimits(std::chrono::milliseconds initial, std::chrono::milliseconds max)
    {
        m_initial = initial;
        m_max = max;
    }

private:
    std::chrono::milliseconds m_initial;
    std::chrono::milliseconds m_max;
    double m_jitter;
    int m_attempts = 0;
};

} // namespace confab::core
