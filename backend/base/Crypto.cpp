#include "base/Crypto.h"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <stdexcept>

namespace confab::backend::crypto {

namespace {
constexpr std::size_t kTokenBytes = 32;
constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
} // namespace

void initialize()
{
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialized");
    }
}

std::string newToken()
{
    std::array<unsigned char, kTokenBytes> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::string out(sodium_base64_ENCODED_LEN(kTokenBytes, kBase64Variant), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), kBase64Variant);
    out.resize(out.size() - 1); // the terminating NUL
    sodium_memzero(bytes.data(), bytes.size());
    return out;
}

bool looksLikeToken(std::string_view token)
{
    if (token.size() != sodium_base64_ENCODED_LEN(kTokenBytes, kBase64Variant) - 1) {
        return false;
    }
    std::array<unsigned char, kTokenBytes> bytes{};
    std::size_t decoded = 0;
    const int rc = sodium_base642bin(bytes.data(), bytes.size(), token.data(), token.size(),
                                     nullptr, &decoded, nullptr, kBase64Variant);
    return rc == 0 && decoded == kTokenBytes;
}

std::string newId()
{
    // Six bytes of milliseconds first, so that new rows land at the end of
    // their indexes instead of all over them; ten random bytes after.
    std::array<unsigned char, 16> bytes{};
    const auto ms =
        static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
    for (int i = 0; i < 6; ++i) {
        bytes[static_cast<std::size_t>(i)] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    }
    randombytes_buf(bytes.data() + 6, bytes.size() - 6);
    return toHex({reinterpret_cast<const char*>(bytes.data()), bytes.size()});
}

std::string sha256(std::string_view data)
{
    std::string digest(crypto_hash_sha256_BYTES, '\0');
    crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                       reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return digest;
}

std::string sha256Hex(std::string_view data)
{
    return toHex(sha256(data));
}

std::string toHex(std::string_view bytes)
{
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                   bytes.size());
    out.pop_back();
    return out;
}

struct Sha256::State {
    crypto_hash_sha256_state state;
};

Sha256::Sha256() : m_state(std::make_unique<State>())
{
    crypto_hash_sha256_init(&m_state->state);
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes)
{
    crypto_hash_sha256_update(&m_state->state, reinterpret_cast<const unsigned char*>(bytes.data()),
                              bytes.size());
}

std::string Sha256::finishHex()
{
    std::string digest(crypto_hash_sha256_BYTES, '\0');
    crypto_hash_sha256_final(&m_state->state, reinterpret_cast<unsigned char*>(digest.data()));
    return toHex(digest);
}

} // namespace confab::backend::crypto
