#include "web/login_throttle.h"

#include <fmt/format.h>

#include <algorithm>

namespace bh {

Status LoginThrottle::Check(const std::string& key) {
  MutexLock lock(&mu_);
  int64_t now = clock_->NowSeconds();
  auto it = failures_.find(key);
  if (it == failures_.end()) return Status::Ok();
  const std::deque<int64_t>& times = it->second;
  int recent = 0;
  for (int64_t t : times) recent += t > now - policy_.window_seconds ? 1 : 0;
  if (recent < policy_.max_failures) return Status::Ok();
  int64_t until = times.back() + policy_.lockout_seconds;
  if (until <= now) return Status::Ok();
  int64_t minutes = (until - now + 59) / 60;
  return Status::RateLimited(fmt::format("too many failed logins; try again in {} minute{}", minutes,
                                         minutes == 1 ? "" : "s"));
}

void LoginThrottle::RecordFailure(const std::string& key) {
  MutexLock lock(&mu_);
  int64_t now = clock_->NowSeconds();
  Prune(now);
  std::deque<int64_t>& times = failures_[key];
  times.push_back(now);
  // Only the latest max_failures matter for the limit.
  while (static_cast<int>(times.size()) > policy_.max_failures) times.pop_front();
}

void LoginThrottle::RecordSuccess(const std::string& key) {
  MutexLock lock(&mu_);
  failures_.erase(key);
}

void LoginThrottle::Prune(int64_t now) {
  int64_t horizon = now - std::max(policy_.window_seconds, policy_.lockout_seconds);
  for (auto it = failures_.begin(); it != failures_.end();) {
    if (it->second.empty() || it->second.back() <= horizon) {
      it = failures_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace bh
