#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace confab::backend {

// A self-signed certificate for a small server (`confabd gen-cert`): an
// ECDSA P-256 key and a certificate for `names` (host names and IP
// addresses, the first as its common name), valid for `days`. Writes
// `dir/confabd.key` (mode 0600) and `dir/confabd.pem`; returns the
// certificate's SHA-256 fingerprint as the app shows it ("AB:CD:…").
// Throws std::runtime_error on failure.
std::string generateSelfSignedCertificate(const std::filesystem::path& dir,
                                          const std::vector<std::string>& names, int days = 825);

} // namespace confab::backend
