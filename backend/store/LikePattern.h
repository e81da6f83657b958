#pragma once

#include <string>

namespace confab::backend {

// A `LIKE … ESCAPE '\'` pattern matching values that start with `prefix`
// (its own %, _ and \ taken literally).
inline std::string likePrefixPattern(const std::string& prefix)
{
    std::string out;
    out.reserve(prefix.size() + 1);
    for (const char c : prefix) {
        if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    out += '%';
    return out;
}

} // namespace confab::backend
