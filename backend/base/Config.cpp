#include "base/Config.h"

namespace confab::backend {

bool isLoopbackAddress(const std::string& listen)
{
    std::string host = listen;
    if (host.starts_with("[")) {
        host = host.substr(1, host.find(']') - 1);
    } else if (const auto colon = host.rfind(':');
               colon != std::string::npos && host.find(':') == colon) {
        host = host.substr(0, colon);
    }
    return host == "localhost" || host == "::1" || host.starts_with("127.");
}

} // namespace confab::backend
