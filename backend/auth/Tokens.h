#pragma once

#include "base/Config.h"
#include "store/Records.h"

#include "confab/v1/auth.pb.h"

#include <string>

namespace confab::backend {

// A fresh access/refresh token pair: the tokens go to the client once, only
// their hashes are stored.
struct IssuedTokens {
    std::string accessToken;
    std::string refreshToken;
    TokenHashes hashes;
};

IssuedTokens issueTokens(const ServerConfig& config, Micros now);

// Fills the token fields of a Session message.
void fillSession(const IssuedTokens& tokens, const std::string& sessionId, v1::Session* out);

} // namespace confab::backend
