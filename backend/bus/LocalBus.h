#pragma once

#include "bus/Bus.h"

namespace confab::backend {

// The bus of a single instance: delivers at once, on the publishing thread
// (the Publisher's).
class LocalBus final : public Bus {
public:
    void publish(const BusMessage& message) override
    {
        if (m_handler) {
            m_handler(message);
        }
    }
    void setHandler(Handler handler) override { m_handler = std::move(handler); }

private:
    Handler m_handler;
};

} // namespace confab::backend
