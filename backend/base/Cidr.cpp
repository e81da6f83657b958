#include "base/Cidr.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace confab::backend {

std::optional<std::pair<bool, std::array<std::uint8_t, 16>>> parseAddress(std::string_view text)
{
    const std::string literal(text);
    std::array<std::uint8_t, 16> bytes{};
    if (inet_pton(AF_INET, literal.c_str(), bytes.data()) == 1) {
        return std::pair{false, bytes};
    }
    if (inet_pton(AF_INET6, literal.c_str(), bytes.data()) == 1) {
        static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (std::memcmp(bytes.data(), kMapped, sizeof kMapped) == 0) {
            std::array<std::uint8_t, 16> v4{};
            std::memcpy(v4.data(), bytes.data() + 12, 4);
            return std::pair{false, v4};
        }
        return std::pair{true, bytes};
    }
    return std::nullopt;
}

std::optional<Cidr> Cidr::parse(std::string_view text)
{
    const auto slash = text.find('/');
    const auto address = parseAddress(text.substr(0, slash));
    if (!address) {
        return std::nullopt;
    }
    Cidr cidr;
    cidr.m_v6 = address->first;
    cidr.m_bytes = address->second;
    const int bits = cidr.m_v6 ? 128 : 32;
    cidr.m_prefix = bits;
    if (slash != std::string_view::npos) {
        const std::string_view prefix = text.substr(slash + 1);
        int value = -1;
        const auto [end, error] =
            std::from_chars(prefix.data(), prefix.data() + prefix.size(), value);
        if (error != std::errc() || end != prefix.data() + prefix.size() || value < 0 ||
            value > bits) {
            return std::nullopt;
        }
        cidr.m_prefix = value;
    }
    return cidr;
}

bool Cidr::contains(std::string_view text) const
{
    const auto address = parseAddress(text);
    if (!address || address->first != m_v6) {
        return false;
    }
    for (int bit = 0; bit < m_prefix; ++bit) {
        const int byte = bit / 8;
        const auto mask = static_cast<std::uint8_t>(0x80 >> (bit % 8));
        if ((address->second[static_cast<std::size_t>(byte)] & mask) !=
            (m_bytes[static_cast<std::size_t>(byte)] & mask)) {
            return false;
        }
    }
    return true;
}

} // namespace confab::backend
