#pragma once

#include "bus/LocalBus.h"

#include <condition_variable>
#include <mutex>

namespace confab::test {

// The in-process bus behind a gate: while the gate is closed, publish()
// blocks, as a bus across the network does when the network stalls.
class GatedBus final : public backend::Bus {
public:
    void publish(const backend::BusMessage& message) override
    {
        {
            std::unique_lock lock(m_mutex);
            ++m_waiting;
            m_changed.notify_all();
            m_changed.wait(lock, [this] { return m_open; });
            --m_waiting;
            ++m_published;
        }
        m_bus.publish(message);
    }
    void setHandler(Handler handler) override { m_bus.setHandler(std::move(handler)); }

    void close()
    {
        std::lock_guard lock(m_mutex);
        m_open = false;
    }
    void open()
    {
        {
            std::lock_guard lock(m_mutex);
            m_open = true;
        }
        m_changed.notify_all();
    }
    // Waits until a publish() is held at the closed gate.
    bool waitHeld(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, timeout, [this] { return m_waiting > 0; });
    }
    int published()
    {
        std::lock_guard lock(m_mutex);
        return m_published;
    }

private:
    backend::LocalBus m_bus;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_open = true;
    int m_waiting = 0;
    int m_published = 0;
};

} // namespace confab::test
