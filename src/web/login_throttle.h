// LoginThrottle: slows password guessing at the login endpoint.
//
// Failures are counted per key over a sliding window; the server checks two
// keys per attempt, the username ("user:alice") and the client address
// ("addr:127.0.0.1"), each with its own limit. Once a key reaches its limit
// it is locked until `lockout_seconds` after its latest failure, and even the
// right password is refused meanwhile (so a guesser learns nothing).
// A success clears the username's count.
//
// State is in memory: a restart forgets it, which only gives a guesser one
// more window per restart. Entries older than the window are dropped as new
// failures arrive, so memory stays bounded by the recent failure rate.
//
// Thread safety: thread-safe; all methods lock mu_.
#ifndef BLUEHELMET_WEB_LOGIN_THROTTLE_H_
#define BLUEHELMET_WEB_LOGIN_THROTTLE_H_

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

#include "base/clock.h"
#include "base/mutex.h"
#include "base/status.h"

namespace bh {

struct ThrottlePolicy {
  int max_failures = 5;           // per key within the window
  int64_t window_seconds = 900;   // 15 minutes
  int64_t lockout_seconds = 900;  // after the limit is reached
};

class LoginThrottle {
 public:
  // REQUIRES: clock outlives this object.
  LoginThrottle(const Clock* clock, ThrottlePolicy policy) : clock_(clock), policy_(policy) {}

  // OK, or RateLimited "too many failed logins; try again in N minute(s)".
  Status Check(const std::string& key) EXCLUDES(mu_);
  void RecordFailure(const std::string& key) EXCLUDES(mu_);
  void RecordSuccess(const std::string& key) EXCLUDES(mu_);

 private:
  void Prune(int64_t now) REQUIRES(mu_);

  const Clock* clock_;
  const ThrottlePolicy policy_;
  Mutex mu_;
  std::unordered_map<std::string, std::deque<int64_t>> failures_ GUARDED_BY(mu_);  // times, oldest first
};

}  // namespace bh

#endif  // BLUEHELMET_WEB_LOGIN_THROTTLE_H_
