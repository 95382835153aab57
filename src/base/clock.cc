#include "base/clock.h"

#include <chrono>
#include <ctime>

namespace bh {

int64_t SystemClock::NowSeconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

SystemClock* SystemClock::Default() {
  static SystemClock clock;
  return &clock;
}

std::string IsoUtc(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Date TodayUtc(const Clock& clock) {
  int64_t s = clock.NowSeconds();
  int64_t days = s / 86400 - (s % 86400 < 0 ? 1 : 0);  // floor, also before 1970
  return Date::FromDaysSinceEpoch(static_cast<int>(days));
}

}  // namespace bh
