#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace confab::backend {

// An IPv4 or IPv6 network ("10.0.0.0/8", "fd00::/8", or one address).
class Cidr {
public:
    // Empty when `text` is not a network.
    static std::optional<Cidr> parse(std::string_view text);
    // Whether `address` (a literal, "192.0.2.1" or "2001:db8::1") is in it.
    bool contains(std::string_view address) const;

private:
    bool m_v6 = false;
    std::array<std::uint8_t, 16> m_bytes{};
    int m_prefix = 0;
};

// The bytes of an address literal: 4 for IPv4, 16 for IPv6 (an IPv4-mapped
// IPv6 address counts as the IPv4 one); empty when it is not one.
std::optional<std::pair<bool, std::array<std::uint8_t, 16>>> parseAddress(std::string_view text);

} // namespace confab::backend
