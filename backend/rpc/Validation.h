#pragma once

#include "base/Config.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace confab::backend::validate {

// Each throws ApiError(INVALID_ARGUMENT, "field: reason") on bad input.

void username(std::string_view field, std::string_view value, const Limits& limits);
void password(std::string_view field, std::string_view value, const Limits& limits);
void displayName(std::string_view value, const Limits& limits);
void deviceName(std::string_view value, const Limits& limits);
// Valid UTF-8 of at most `maxChars` code points; control characters other
// than newline and tab only when `multiline`.
void text(std::string_view field, std::string_view value, std::size_t minChars,
          std::size_t maxChars, bool multiline);
void avatar(std::string_view value, const Limits& limits);
void id(std::string_view field, std::string_view value);
// One emoji: a single grapheme cluster that is shown as an emoji (an emoji
// character of emoji presentation, or one made so by U+FE0F or a keycap).
void emoji(std::string_view field, std::string_view value, const Limits& limits);

// Number of code points of valid UTF-8.
std::size_t charCount(std::string_view utf8);
bool isValidUtf8(std::string_view value);
bool isBlank(std::string_view utf8);

// "png", "jpeg", "webp" or "" when the bytes are none of these.
std::string_view imageType(std::string_view bytes);

} // namespace confab::backend::validate
