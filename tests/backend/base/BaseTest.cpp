#include "base/Config.h"
#include "base/Crypto.h"

#include <gtest/gtest.h>

namespace confab::backend {
namespace {

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

} // namespace
} // namespace confab::backend
