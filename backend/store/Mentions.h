#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace confab::backend {

// The usernames a text mentions ("@anna", "@Bob.", "(@carl)"), lowercased,
// each once, in the order they first appear, at most `max` of them. An @
// inside a word ("anna@example.org") mentions no one.
inline std::vector<std::string> mentionedUsernames(std::string_view text, std::size_t max = 50)
{
    const auto isNameChar = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    };
    std::vector<std::string> names;
    for (std::size_t at = text.find('@'); at != std::string_view::npos && names.size() < max;
         at = text.find('@', at + 1)) {
        if (at > 0 && (isNameChar(text[at - 1]) || text[at - 1] == '@')) {
            continue;
        }
        std::size_t end = at + 1;
        while (end < text.size() && isNameChar(text[end])) {
            ++end;
        }
        // A sentence's full stop or dash is not part of the name.
        while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) {
            --end;
        }
        std::string name(text.substr(at + 1, end - at - 1));
        std::transform(name.begin(), name.end(), name.begin(), [](char c) {
            return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        });
        if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(std::move(name));
        }
    }
    return names;
}

} // namespace confab::backend
