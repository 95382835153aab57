// Clock: where "now" comes from, injected so that session expiry, login
// throttling and audit timestamps can be tested with a fixed clock.
//
// Thread safety: SystemClock is stateless; FakeClock's time is an atomic, so
// a test may advance it while a server thread reads it.
#ifndef BLUEHELMET_BASE_CLOCK_H_
#define BLUEHELMET_BASE_CLOCK_H_

#include <atomic>
#include <cstdint>
#include <string>

#include "base/date.h"

namespace bh {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch (UTC).
  virtual int64_t NowSeconds() const = 0;
};

class SystemClock : public Clock {
 public:
  int64_t NowSeconds() const override;
  // The process-wide instance.
  static SystemClock* Default();
};

class FakeClock : public Clock {
 public:
  explicit FakeClock(int64_t start = 1700000000) : now_(start) {}
  int64_t NowSeconds() const override { return now_.load(); }
  void Advance(int64_t seconds) { now_ += seconds; }

 private:
  std::atomic<int64_t> now_;
};

// "2023-11-14T22:13:20Z" for a Unix time.
std::string IsoUtc(int64_t seconds);

// The clock's current day (UTC): the default "as of" of outputs that need one.
Date TodayUtc(const Clock& clock);

}  // namespace bh

#endif  // BLUEHELMET_BASE_CLOCK_H_
