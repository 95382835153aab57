#include "web/login_throttle.h"

#include <fmt/format.h>

#include <algorithm>

namespace bh {

Status LoginThrottle::Check(const std::string& key) {
  MutexLock lock(&mu_);
  int64_t now = clock_->NowSeconds();
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.locked_until <= now) return Status::Ok();
  int64_t minutes = (it->second.locked_until - now + 59) / 60;
  return Status::RateLimited(
      fmt::format("too many failed logins; try again in {} minute{}", minutes, minutes == 1 ? "" : "s"));
}

bool LoginThrottle::RecordFailure(const std::string& key, int64_t* lockout_seconds) {
  MutexLock lock(&mu_);
  int64_t now = clock_->NowSeconds();
  Prune(now);
  Entry& e = entries_[key];
  e.last = now;
  e.failures.push_back(now);
  while (!e.failures.empty() && e.failures.front() <= now - policy_.window_seconds) e.failures.pop_front();
  if (static_cast<int>(e.failures.size()) < policy_.max_failures) return false;
  // Locked: lockout_seconds, doubled for each earlier lockout of this key.
  int64_t ceiling = std::max(policy_.lockout_seconds, policy_.max_lockout_seconds);
  int64_t length = policy_.lockout_seconds;
  for (int i = 0; i < e.lockouts && length < ceiling; ++i) length *= 2;
  length = std::min(length, ceiling);
  ++e.lockouts;
  e.locked_until = now + length;
  e.failures.clear();
  if (lockout_seconds) *lockout_seconds = length;
  return true;
}

void LoginThrottle::RecordSuccess(const std::string& key) {
  MutexLock lock(&mu_);
  entries_.erase(key);
}

void LoginThrottle::Prune(int64_t now) {
  // An entry is kept while its window or lockout runs, and for the backoff
  // ceiling after that, so a guesser who waits out a lockout meets a
  // longer one.
  int64_t keep = std::max({policy_.window_seconds, policy_.lockout_seconds, policy_.max_lockout_seconds});
  for (auto it = entries_.begin(); it != entries_.end();) {
    const Entry& e = it->second;
    if (e.locked_until <= now && e.last <= now - keep) {
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

void KnownAddresses::Remember(const std::string& account, const std::string& addr) {
  MutexLock lock(&mu_);
  std::deque<std::string>& list = known_[account];
  auto it = std::find(list.begin(), list.end(), addr);
  if (it != list.end()) list.erase(it);
  list.push_back(addr);
  while (list.size() > kMaxPerAccount) list.pop_front();
}

bool KnownAddresses::Contains(const std::string& account, const std::string& addr) const {
  MutexLock lock(&mu_);
  auto it = known_.find(account);
  return it != known_.end() && std::find(it->second.begin(), it->second.end(), addr) != it->second.end();
}

void HashSlots::Slot::Release() {
  if (!owner_) return;
  {
    std::lock_guard<std::mutex> lock(owner_->mu_);
    --owner_->busy_;
  }
  owner_->cv_.notify_one();
  owner_ = nullptr;
}

HashSlots::Slot HashSlots::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  if (busy_ < running_) {
    ++busy_;
    return Slot(this);
  }
  if (queued_ >= waiting_) return Slot(nullptr);
  ++queued_;
  bool got = cv_.wait_for(lock, max_wait_, [this] { return busy_ < running_; });
  --queued_;
  if (!got) return Slot(nullptr);
  ++busy_;
  return Slot(this);
}

int HashSlots::running() const {
  std::lock_guard<std::mutex> lock(mu_);
  return busy_;
}

}  // namespace bh
