#include "auth/LoginThrottle.h"

#include <gtest/gtest.h>

#include <thread>

namespace confab::backend {
namespace {

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
