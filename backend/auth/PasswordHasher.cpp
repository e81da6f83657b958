#include "auth/PasswordHasher.h"

#include "base/Crypto.h"

#include <sodium.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace confab::backend {

namespace {

// Erases a password from memory once it is no longer needed.
void wipe(std::string& secret)
{
    if (!secret.empty()) {
        sodium_memzero(secret.data(), secret.size());
    }
}

} // namespace

PasswordHasher::PasswordHasher(PasswordHashParams params, std::size_t threads,
                               std::size_t maxQueued)
    : m_params(params),
      m_maxQueued(maxQueued),
      m_newHashThreads(std::max<std::size_t>(1, threads > 1 ? threads - 1 : 1)),
      m_newHashQueue(std::max<std::size_t>(1, maxQueued / 2)),
      // Hashing yields to everything else, so that a login storm cannot slow
      // down chat or the refusals themselves.
      m_pool("pwhash", threads, maxQueued, 19)
{
    crypto::initialize();
    m_decoyHash = makeDecoy(params);
}

// A hash in the form of a real one with the current parameters, its salt
// and digest random: verifying an unknown user against it costs exactly
// what a real verification does (the cost is in the parameters) and never
// matches, and making it costs nothing at start-up.
std::string PasswordHasher::makeDecoy(const PasswordHashParams& params)
{
    unsigned char salt[crypto_pwhash_SALTBYTES];
    unsigned char digest[32];
    randombytes_buf(salt, sizeof salt);
    randombytes_buf(digest, sizeof digest);
    constexpr int variant = sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
    char salt64[sodium_base64_ENCODED_LEN(sizeof salt, variant)];
    char digest64[sodium_base64_ENCODED_LEN(sizeof digest, variant)];
    sodium_bin2base64(salt64, sizeof salt64, salt, sizeof salt, variant);
    sodium_bin2base64(digest64, sizeof digest64, digest, sizeof digest, variant);
    return "$argon2id$v=19$m=" + std::to_string(params.memLimit / 1024) +
           ",t=" + std::to_string(params.opsLimit) + ",p=1$" + salt64 + "$" + digest64;
}

std::string PasswordHasher::hashNow(const std::string& password) const
{
    std::string out(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), m_params.opsLimit,
                              m_params.memLimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("password hashing ran out of memory");
    }
    out.resize(out.find('\0'));
    return out;
}

PasswordHasher::Verdict PasswordHasher::verifyNow(const std::string& storedHash,
                                                  const std::string& password) const
{
    Verdict verdict;
    const std::string& against = storedHash.empty() ? m_decoyHash : storedHash;
    const bool matches =
        crypto_pwhash_str_verify(against.c_str(), password.data(), password.size()) == 0;
    verdict.ok = matches && !storedHash.empty();
    if (verdict.ok && crypto_pwhash_str_needs_rehash(storedHash.c_str(), m_params.opsLimit,
                                                     m_params.memLimit) != 0) {
        verdict.rehashed = hashNow(password);
    }
    return verdict;
}

bool PasswordHasher::hash(std::string password, std::function<void(std::string)> done)
{
    std::lock_guard lock(m_newHashMutex);
    if (m_newHashes.size() + m_newHashesRunning >= m_newHashQueue) {
        wipe(password);
        return false;
    }
    m_newHashes.push_back({std::move(password), std::move(done)});
    startNewHashesLocked();
    return true;
}

// Moves waiting new hashes into the pool while their share allows.
void PasswordHasher::startNewHashesLocked()
{
    while (m_newHashesRunning < m_newHashThreads && !m_newHashes.empty()) {
        auto job = std::make_shared<NewHash>(std::move(m_newHashes.front()));
        m_newHashes.pop_front();
        const bool posted = m_pool.tryPost([this, job] {
            std::string result;
            try {
                result = hashNow(job->password);
            } catch (const std::exception&) {
                // An empty result tells the caller the hash could not be made.
            }
            wipe(job->password);
            job->done(std::move(result));
            std::lock_guard lock(m_newHashMutex);
            --m_newHashesRunning;
            startNewHashesLocked();
        });
        if (!posted) {
            // The pool is full (of logins): it is tried again when one ends.
            m_newHashes.push_front(std::move(*job));
            return;
        }
        ++m_newHashesRunning;
    }
}

bool PasswordHasher::verify(std::string storedHash, std::string password,
                            std::function<void(Verdict)> done)
{
    return m_pool.tryPost([this, storedHash = std::move(storedHash), password = std::move(password),
                           done = std::move(done)]() mutable {
        Verdict verdict;
        try {
            verdict = verifyNow(storedHash, password);
        } catch (const std::exception&) {
            verdict.failed = true;
        }
        wipe(password);
        done(std::move(verdict));
        // A new hash may have waited for room in the pool.
        std::lock_guard lock(m_newHashMutex);
        startNewHashesLocked();
    });
}

} // namespace confab::backend
