#include "auth/LoginThrottle.h"
#include "base/ApiError.h"
#include "base/Config.h"
#include "base/Crypto.h"
#include "rpc/Validation.h"

#include <gtest/gtest.h>

#include <thread>

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

TEST(Config, LoopbackAddresses)
{
    EXPECT_TRUE(isLoopbackAddress("127.0.0.1:40052"));
    EXPECT_TRUE(isLoopbackAddress("127.1.2.3:0"));
    EXPECT_TRUE(isLoopbackAddress("localhost:1"));
    EXPECT_TRUE(isLoopbackAddress("[::1]:40052"));
    EXPECT_FALSE(isLoopbackAddress("0.0.0.0:40052"));
    EXPECT_FALSE(isLoopbackAddress("[::]:40052"));
    EXPECT_FALSE(isLoopbackAddress("192.168.1.2:40052"));
    EXPECT_FALSE(isLoopbackAddress("example.org:40052"));
}

TEST(Crypto, TokensAreRandomAndWellFormed)
{
    crypto::initialize();
    const std::string a = crypto::newToken();
    const std::string b = crypto::newToken();
    EXPECT_NE(a, b);
    EXPECT_EQ(a.size(), 43u);
    EXPECT_TRUE(crypto::looksLikeToken(a));
    EXPECT_FALSE(crypto::looksLikeToken(a.substr(1)));
    EXPECT_FALSE(crypto::looksLikeToken(a.substr(1) + "!"));
    EXPECT_EQ(crypto::sha256Hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(crypto::newId().size(), 32u);
}

TEST(LoginThrottle, FreeFailuresThenDoublingDelay)
{
    ThrottleConfig config;
    config.freeFailuresPerAccount = 2;
    config.freeFailuresPerAddress = 100;
    config.baseDelay = std::chrono::milliseconds(100);
    LoginThrottle throttle(config);
    using Outcome = LoginThrottle::Outcome;
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(throttle.begin("anna", "1.2.3.4"));
        throttle.finish("anna", "1.2.3.4", Outcome::Failure);
    }
    EXPECT_FALSE(throttle.begin("anna", "1.2.3.4"));
    EXPECT_GT(throttle.retryAfter("anna"), std::chrono::milliseconds(50));
    EXPECT_TRUE(throttle.begin("bob", "1.2.3.4"));
    throttle.finish("bob", "1.2.3.4", Outcome::Cancelled);

    std::this_thread::sleep_for(std::chrono::milliseconds(110));
    ASSERT_TRUE(throttle.begin("anna", "1.2.3.4"));
    throttle.finish("anna", "1.2.3.4", Outcome::Failure);
    std::this_thread::sleep_for(std::chrono::milliseconds(110));
    EXPECT_FALSE(throttle.begin("anna", "1.2.3.4")); // now 200 ms
    std::this_thread::sleep_for(std::chrono::milliseconds(110));
    ASSERT_TRUE(throttle.begin("anna", "1.2.3.4"));
    throttle.finish("anna", "1.2.3.4", Outcome::Success);
    EXPECT_EQ(throttle.retryAfter("anna"), LoginThrottle::Clock::duration::zero());
    EXPECT_TRUE(throttle.begin("anna", "1.2.3.4"));
}

TEST(LoginThrottle, CancelledAttemptsDoNotCount)
{
    ThrottleConfig config;
    config.freeFailuresPerAccount = 1;
    LoginThrottle throttle(config);
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(throttle.begin("anna", "::1"));
        throttle.finish("anna", "::1", LoginThrottle::Outcome::Cancelled);
    }
    ASSERT_TRUE(throttle.begin("anna", "::1"));
    throttle.finish("anna", "::1", LoginThrottle::Outcome::Failure);
    EXPECT_FALSE(throttle.begin("anna", "::1"));
}

} // namespace
} // namespace confab::backend
