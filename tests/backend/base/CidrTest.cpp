#include "base/Cidr.h"

#include <gtest/gtest.h>

namespace confab::backend {
namespace {

TEST(Cidr, ContainsTheAddressesOfItsNetwork)
{
    const auto net = Cidr::parse("10.1.0.0/16");
    ASSERT_TRUE(net);
    EXPECT_TRUE(net->contains("10.1.0.1"));
    EXPECT_TRUE(net->contains("10.1.255.255"));
    EXPECT_FALSE(net->contains("10.2.0.1"));
    EXPECT_TRUE(net->contains("::ffff:10.1.2.3")) << "IPv4-mapped IPv6 is the IPv4 address";
    EXPECT_FALSE(net->contains("fd00::1"));
    EXPECT_FALSE(net->contains("not an address"));

    const auto one = Cidr::parse("127.0.0.1");
    ASSERT_TRUE(one);
    EXPECT_TRUE(one->contains("127.0.0.1"));
    EXPECT_FALSE(one->contains("127.0.0.2"));

    const auto v6 = Cidr::parse("fd00:1::/32");
    ASSERT_TRUE(v6);
    EXPECT_TRUE(v6->contains("fd00:1::5"));
    EXPECT_FALSE(v6->contains("fd00:2::5"));
    EXPECT_TRUE(Cidr::parse("0.0.0.0/0")->contains("192.0.2.7"));
}

TEST(Cidr, RefusesWhatIsNoNetwork)
{
    EXPECT_FALSE(Cidr::parse(""));
    EXPECT_FALSE(Cidr::parse("10.0.0.0/33"));
    EXPECT_FALSE(Cidr::parse("10.0.0.0/-1"));
    EXPECT_FALSE(Cidr::parse("10.0.0.0/8x"));
    EXPECT_FALSE(Cidr::parse("::/129"));
    EXPECT_FALSE(Cidr::parse("example.org/8"));
}

} // namespace
} // namespace confab::backend
