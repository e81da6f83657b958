#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace confab::backend::crypto {

// Initializes libsodium; safe to call more than once and from any thread.
void initialize();

// An opaque bearer token: 32 random bytes, base64url without padding.
std::string newToken();
// True when `token` has the shape newToken() produces (43 base64url chars).
bool looksLikeToken(std::string_view token);

// An opaque identifier: 16 bytes in lower-case hex, the first six the time
// in milliseconds, the rest random.
std::string newId();

// Raw 32-byte SHA-256 digest.
std::string sha256(std::string_view data);
std::string sha256Hex(std::string_view data);

std::string toHex(std::string_view bytes);

// SHA-256 of bytes that arrive in pieces.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::string_view bytes);
    // The digest in lower-case hex; the object is spent.
    std::string finishHex();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace confab::backend::crypto
