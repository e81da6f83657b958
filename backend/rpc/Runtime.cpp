#include "rpc/Runtime.h"

#include "base/Crypto.h"

#include <algorithm>

namespace confab::backend {

Runtime::Runtime(const ServerConfig& config, Store& store)
    : m_config(config),
      m_store(store),
      m_authenticator(store.sessions()),
      m_hasher({config.passwordOpsLimit, config.passwordMemLimit}, config.hashThreads,
               config.hashQueue),
      m_throttle(config.throttle),
      m_rates(config.rates),
      m_calls(config.streamsPerConnection),
      m_workers("worker", config.workerThreads, config.workerQueue)
{}

Runtime::~Runtime()
{
    stop();
}

void Runtime::stop()
{
    m_hasher.stop();
    m_workers.stop();
}

std::optional<std::string> Runtime::bearerToken(const grpc::CallbackServerContext* ctx)
{
    const auto& metadata = ctx->client_metadata();
    const auto [first, last] = metadata.equal_range("authorization");
    if (first == last || std::next(first) != last) {
        return std::nullopt;
    }
    const std::string_view value(first->second.data(), first->second.size());
    constexpr std::string_view kPrefix = "Bearer ";
    if (!value.starts_with(kPrefix)) {
        return std::nullopt;
    }
    const std::string_view token = value.substr(kPrefix.size());
    if (!crypto::looksLikeToken(token)) {
        return std::nullopt;
    }
    return std::string(token);
}

std::string Runtime::clientAddress(const grpc::CallbackServerContext* ctx) const
{
    const std::string peer = ctx->peer();
    std::string address = peer;
    if (peer.starts_with("ipv4:")) {
        address = peer.substr(5, peer.rfind(':') - 5);
    } else if (peer.starts_with("ipv6:[")) {
        address = peer.substr(6, peer.find(']') - 6);
    }
    const auto& proxies = m_config.trustedProxies;
    if (!proxies.empty() && std::any_of(proxies.begin(), proxies.end(), [&](const Cidr& proxy) {
            return proxy.contains(address);
        })) {
        const auto& metadata = ctx->client_metadata();
        const auto real = metadata.find("x-real-ip");
        if (real != metadata.end()) {
            const std::string_view value(real->second.data(), real->second.size());
            if (parseAddress(value)) {
                return std::string(value);
            }
        }
    }
    return address;
}

} // namespace confab::backend
