#include "web/login_throttle.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

TEST(LoginThrottleTest, LocksAfterTheLimitAndUnlocksAfterTheLockout) {
  FakeClock clock;
  LoginThrottle t(&clock, {3, 600, 300});
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(t.Check("user:a").ok());
    t.RecordFailure("user:a");
    clock.Advance(10);
  }
  Status s = t.Check("user:a");
  EXPECT_EQ(Status::Code::kRateLimited, s.code());
  EXPECT_EQ("too many failed logins; try again in 5 minutes", s.message());
  EXPECT_TRUE(t.Check("user:b").ok());  // other keys are not affected
  clock.Advance(290);
  EXPECT_TRUE(t.Check("user:a").ok());
}

TEST(LoginThrottleTest, FailuresOutsideTheWindowDoNotCount) {
  FakeClock clock;
  LoginThrottle t(&clock, {3, 60, 60});
  t.RecordFailure("k");
  t.RecordFailure("k");
  clock.Advance(61);
  t.RecordFailure("k");
  EXPECT_TRUE(t.Check("k").ok());
}

TEST(LoginThrottleTest, SuccessClearsTheCount) {
  FakeClock clock;
  LoginThrottle t(&clock, {2, 600, 600});
  t.RecordFailure("k");
  t.RecordSuccess("k");
  t.RecordFailure("k");
  EXPECT_TRUE(t.Check("k").ok());
}

}  // namespace
}  // namespace bh
