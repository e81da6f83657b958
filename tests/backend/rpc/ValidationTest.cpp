#include "rpc/Validation.h"
#include "base/ApiError.h"
#include "base/Config.h"

#include <gtest/gtest.h>

namespace confab::backend {
namespace {

TEST(Validation, CountsCharactersNotBytes)
{
    EXPECT_EQ(validate::charCount("abc"), 3u);
    EXPECT_EQ(validate::charCount("äöü"), 3u);
    EXPECT_EQ(validate::charCount("漢字"), 2u);
    EXPECT_EQ(validate::charCount("🙂"), 1u);
    EXPECT_TRUE(validate::isValidUtf8("🙂 ok"));
    EXPECT_FALSE(validate::isValidUtf8("\xc3\x28"));
    EXPECT_FALSE(validate::isValidUtf8("\xed\xa0\x80")); // a UTF-16 surrogate
}

TEST(Validation, TextRules)
{
    EXPECT_NO_THROW(validate::text("f", "hello", 1, 5, false));
    EXPECT_THROW(validate::text("f", "hello!", 1, 5, false), ApiError);
    EXPECT_THROW(validate::text("f", "", 1, 5, false), ApiError);
    EXPECT_NO_THROW(validate::text("f", "", 0, 5, false));
    EXPECT_THROW(validate::text("f", " \t\u00a0\u3000", 1, 50, true), ApiError);
    EXPECT_NO_THROW(validate::text("f", "a\nb", 1, 5, true));
    EXPECT_THROW(validate::text("f", "a\nb", 1, 5, false), ApiError);
    EXPECT_THROW(validate::text("f", std::string("a\0b", 3), 1, 5, true), ApiError);
    try {
        validate::text("bio", std::string(501, 'x'), 0, 500, true);
        FAIL();
    } catch (const ApiError& e) {
        EXPECT_EQ(e.code(), grpc::StatusCode::INVALID_ARGUMENT);
        EXPECT_STREQ(e.what(), "bio: must be at most 500 characters");
    }
}

TEST(Validation, AReactionIsOneEmoji)
{
    const Limits limits;
    for (const char* emoji : {"👍", "❤️", "👍🏽", "👨‍👩‍👧", "🇩🇪", "1️⃣", "🎉",
                              "☀️", "🏳️‍🌈"}) {
        EXPECT_NO_THROW(validate::emoji("emoji", emoji, limits)) << emoji;
    }
    for (const char* notOne :
         {"", "a", "1", "#", "ok", "👍👍", "👍 ", "❤", "☀", "é", "\t", "🇩🇪🇫🇷", "🇩"}) {
        try {
            validate::emoji("emoji", notOne, limits);
            ADD_FAILURE() << "accepted \"" << notOne << "\"";
        } catch (const ApiError& e) {
            EXPECT_EQ(e.code(), grpc::StatusCode::INVALID_ARGUMENT);
            EXPECT_TRUE(std::string(e.what()).starts_with("emoji: ")) << e.what();
        }
    }
    // Two graphemes, however short, are not one emoji.
    try {
        validate::emoji("emoji", "🙂🙃", limits);
        FAIL();
    } catch (const ApiError& e) {
        EXPECT_STREQ(e.what(), "emoji: must be one emoji, not several characters");
    }
    // One cluster over the byte limit (a long ZWJ sequence).
    EXPECT_THROW(validate::emoji("emoji", "👨‍👩‍👧‍👦‍👨‍👩‍👧", limits),
                 ApiError);
}

TEST(Validation, ImagesByContent)
{
    EXPECT_EQ(validate::imageType(std::string("\x89PNG\r\n\x1a\n....", 12)), "png");
    EXPECT_EQ(validate::imageType("\xff\xd8\xff\xe1"), "jpeg");
    EXPECT_EQ(validate::imageType("RIFF\x10\x00\x00\x00WEBPVP8L"), "");
    EXPECT_EQ(validate::imageType(std::string("RIFF\x10\x00\x00\x00WEBPVP8L", 16)), "webp");
    EXPECT_EQ(validate::imageType("GIF89a......"), "");
    EXPECT_EQ(validate::imageType("\x89PN"), "");
    EXPECT_EQ(validate::imageType(""), "");
}

} // namespace
} // namespace confab::backend
