#include "auth/Tokens.h"

#include "base/Crypto.h"
#include "store/Views.h"

namespace confab::backend {

IssuedTokens issueTokens(const ServerConfig& config, Micros now)
{
    IssuedTokens tokens;
    tokens.accessToken = crypto::newToken();
    tokens.refreshToken = crypto::newToken();
    tokens.hashes.accessHash = crypto::sha256(tokens.accessToken);
    tokens.hashes.refreshHash = crypto::sha256(tokens.refreshToken);
    tokens.hashes.accessExpiresAt =
        now + std::chrono::duration_cast<std::chrono::microseconds>(config.accessTtl).count();
    tokens.hashes.refreshExpiresAt =
        now + std::chrono::duration_cast<std::chrono::microseconds>(config.refreshTtl).count();
    return tokens;
}

void fillSession(const IssuedTokens& tokens, const std::string& sessionId, v1::Session* out)
{
    out->set_access_token(tokens.accessToken);
    out->set_refresh_token(tokens.refreshToken);
    views::setTimestamp(out->mutable_access_expires_at(), tokens.hashes.accessExpiresAt);
    views::setTimestamp(out->mutable_refresh_expires_at(), tokens.hashes.refreshExpiresAt);
    out->set_session_id(sessionId);
}

} // namespace confab::backend
