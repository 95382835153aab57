#include "web/login_throttle.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

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

TEST(LoginThrottleTest, RepeatedLockoutsDoubleUpToTheCeiling) {
  FakeClock clock;
  LoginThrottle t(&clock, {2, 600, 60, 200});
  int64_t length = 0;
  EXPECT_FALSE(t.RecordFailure("k", &length));
  EXPECT_TRUE(t.RecordFailure("k", &length));
  EXPECT_EQ(60, length);
  clock.Advance(61);
  EXPECT_TRUE(t.Check("k").ok());
  t.RecordFailure("k");
  EXPECT_TRUE(t.RecordFailure("k", &length));
  EXPECT_EQ(120, length);
  EXPECT_EQ("too many failed logins; try again in 2 minutes", t.Check("k").message());
  clock.Advance(121);
  t.RecordFailure("k");
  EXPECT_TRUE(t.RecordFailure("k", &length));
  EXPECT_EQ(200, length);  // 240, held to the ceiling
}

TEST(KnownAddressesTest, RemembersTheLatestAddressesPerAccount) {
  KnownAddresses k;
  k.Remember("user:a", "10.0.0.1");
  EXPECT_TRUE(k.Contains("user:a", "10.0.0.1"));
  EXPECT_FALSE(k.Contains("user:b", "10.0.0.1"));
  for (size_t i = 0; i < KnownAddresses::kMaxPerAccount; ++i) k.Remember("user:a", fmt::format("10.1.0.{}", i));
  EXPECT_FALSE(k.Contains("user:a", "10.0.0.1"));  // the oldest went
  EXPECT_TRUE(k.Contains("user:a", "10.1.0.0"));
}

TEST(HashSlotsTest, BoundsRunningAndWaitingCallers) {
  HashSlots full(2, 0, std::chrono::milliseconds(200));
  HashSlots::Slot a = full.Acquire(), b = full.Acquire();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(2, full.running());
  EXPECT_FALSE(full.Acquire().ok());  // no queue: refused at once
  a.Release();
  EXPECT_EQ(1, full.running());
  EXPECT_TRUE(full.Acquire().ok());

  // A waiter gets the slot given back.
  HashSlots queued(1, 1, std::chrono::seconds(30));
  HashSlots::Slot x = queued.Acquire();
  std::thread waiter([&] { EXPECT_TRUE(queued.Acquire().ok()); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  x.Release();
  waiter.join();

  // With none free and the wait over, the caller is refused.
  HashSlots one(1, 1, std::chrono::milliseconds(50));
  HashSlots::Slot y = one.Acquire();
  EXPECT_FALSE(one.Acquire().ok());
}

}  // namespace
}  // namespace bh
