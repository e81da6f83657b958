#include "rpc/Validation.h"

#include "base/ApiError.h"

#include <unictype.h>
#include <unigbrk.h>
#include <utf8cpp/utf8.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace confab::backend::validate {

namespace {

std::string fieldError(std::string_view field, std::string_view reason)
{
    return std::string(field) + ": " + std::string(reason);
}

bool isControl(char32_t c, bool multiline)
{
    if (multiline && (c == U'\n' || c == U'\t')) {
        return false;
    }
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029;
}

// The first code point of a UTF-8 string, and the last.
char32_t firstOf(std::string_view utf8)
{
    auto it = utf8.begin();
    return utf8::next(it, utf8.end());
}

char32_t lastOf(std::string_view utf8)
{
    auto it = utf8.end();
    return utf8::prior(it, utf8.begin());
}

// libunistring 1.0 breaks extended grapheme clusters by an older Unicode:
// it splits emoji ZWJ sequences (rule GB11) and flags (GB12, GB13), which
// are joined here.
bool isOneGrapheme(std::string_view value)
{
    const auto* begin = reinterpret_cast<const std::uint8_t*>(value.data());
    const auto* end = begin + value.size();
    std::vector<std::string_view> clusters;
    for (const std::uint8_t* at = begin; at < end;) {
        const std::uint8_t* next = u8_grapheme_next(at, end);
        clusters.emplace_back(reinterpret_cast<const char*>(at),
                              static_cast<std::size_t>(next - at));
        at = next;
    }
    // The clusters as joined so far: [start, length) in `value`.
    std::vector<std::pair<std::size_t, std::size_t>> joined;
    std::size_t offset = 0;
    for (const std::string_view cluster : clusters) {
        if (!joined.empty()) {
            const std::string_view before = value.substr(joined.back().first, joined.back().second);
            const char32_t after = firstOf(cluster);
            const bool zwjSequence =
                lastOf(before) == 0x200D && uc_is_property_extended_pictographic(after);
            // A flag is a pair of regional indicators (4 bytes each).
            const bool flag = before.size() == 4 &&
                              uc_is_property_regional_indicator(firstOf(before)) &&
                              uc_is_property_regional_indicator(after);
            if (zwjSequence || flag) {
                joined.back().second += cluster.size();
                offset += cluster.size();
                continue;
            }
        }
        joined.emplace_back(offset, cluster.size());
        offset += cluster.size();
    }
    return joined.size() == 1;
}

} // namespace

bool isValidUtf8(std::string_view value)
{
    return utf8::is_valid(value.begin(), value.end());
}

std::size_t charCount(std::string_view utf8)
{
    return static_cast<std::size_t>(
        std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool isBlank(std::string_view utf8)
{
    auto it = utf8.begin();
    while (it != utf8.end()) {
        const char32_t c = utf8::next(it, utf8.end());
        const bool space = c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x0b ||
                           c == 0x0c || c == 0x85 || c == 0xa0 || c == 0x1680 ||
                           (c >= 0x2000 && c <= 0x200b) || c == 0x2028 || c == 0x2029 ||
                           c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
        if (!space) {
            return false;
        }
    }
    return true;
}

void text(std::string_view field, std::string_view value, std::size_t minChars,
          std::size_t maxChars, bool multiline)
{
    if (!isValidUtf8(value)) {
        throw invalidArgument(fieldError(field, "must be valid UTF-8"));
    }
    const std::size_t chars = charCount(value);
    if (chars < minChars || chars > maxChars) {
        const std::string range = minChars == 0
                                      ? "at most " + std::to_string(maxChars)
                                      : std::to_string(minChars) + "-" + std::to_string(maxChars);
        throw invalidArgument(fieldError(field, "must be " + range + " characters"));
    }
    auto it = value.begin();
    while (it != value.end()) {
        if (isControl(utf8::next(it, value.end()), multiline)) {
            throw invalidArgument(fieldError(field, "must not contain control characters"));
        }
    }
    if (minChars > 0 && isBlank(value)) {
        throw invalidArgument(fieldError(field, "must not be only whitespace"));
    }
}

void username(std::string_view field, std::string_view value, const Limits& limits)
{
    const bool allowed = std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
    if (!allowed || value.size() < limits.usernameMin || value.size() > limits.usernameMax) {
        throw invalidArgument(fieldError(field, "must be " + std::to_string(limits.usernameMin) +
                                                    "-" + std::to_string(limits.usernameMax) +
                                                    " characters of a-z 0-9 . _ -"));
    }
}

void password(std::string_view field, std::string_view value, const Limits& limits)
{
    if (value.size() < limits.passwordMinBytes || value.size() > limits.passwordMaxBytes) {
        throw invalidArgument(
            fieldError(field, "must be " + std::to_string(limits.passwordMinBytes) + "-" +
                                  std::to_string(limits.passwordMaxBytes) + " bytes"));
    }
}

void displayName(std::string_view value, const Limits& limits)
{
    text("display_name", value, 1, limits.displayNameMax, false);
}

void deviceName(std::string_view value, const Limits& limits)
{
    text("device_name", value, 0, limits.deviceNameMax, false);
}

std::string_view imageType(std::string_view bytes)
{
    if (bytes.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) {
        return "png";
    }
    if (bytes.size() >= 3 && bytes.starts_with(std::string_view("\xff\xd8\xff", 3))) {
        return "jpeg";
    }
    if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP") {
        return "webp";
    }
    return {};
}

void avatar(std::string_view value, const Limits& limits)
{
    if (value.size() > limits.avatarMaxBytes) {
        throw invalidArgument("avatar: must be at most " +
                              std::to_string(limits.avatarMaxBytes / 1024) + " KiB");
    }
    if (!value.empty() && imageType(value).empty()) {
        throw invalidArgument("avatar: must be a PNG, JPEG or WebP image");
    }
}

void id(std::string_view field, std::string_view value)
{
    // Ids are opaque to clients: anything non-empty and short is looked up and
    // simply not found when it is not one of ours.
    if (value.empty()) {
        throw invalidArgument(fieldError(field, "required"));
    }
    if (value.size() > 128) {
        throw invalidArgument(fieldError(field, "too long"));
    }
}

void emoji(std::string_view field, std::string_view value, const Limits& limits)
{
    if (value.empty()) {
        throw invalidArgument(fieldError(field, "must be an emoji"));
    }
    if (value.size() > limits.emojiMaxBytes) {
        throw invalidArgument(fieldError(field, "must be one emoji of at most " +
                                                    std::to_string(limits.emojiMaxBytes) +
                                                    " bytes"));
    }
    if (!isValidUtf8(value)) {
        throw invalidArgument(fieldError(field, "must be valid UTF-8"));
    }
    if (!isOneGrapheme(value)) {
        throw invalidArgument(fieldError(field, "must be one emoji, not several characters"));
    }
    auto it = value.begin();
    const char32_t first = utf8::next(it, value.end());
    bool shownAsEmoji = uc_is_property_emoji_presentation(first);
    while (it != value.end()) {
        const char32_t c = utf8::next(it, value.end());
        shownAsEmoji = shownAsEmoji || c == 0xFE0F || c == 0x20E3;
    }
    // A lone regional indicator is half a flag.
    const bool halfFlag = uc_is_property_regional_indicator(first) && value.size() == 4;
    if (!uc_is_property_emoji(first) || !shownAsEmoji || halfFlag) {
        throw invalidArgument(fieldError(field, "must be an emoji"));
    }
}

} // namespace confab::backend::validate
