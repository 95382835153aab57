// LoginThrottle: slows password guessing at the login endpoint.
//
// Failures are counted per key over a sliding window. The API keeps several
// throttles, each with its own keys and policy (api.h): the pair of account
// and client address ("user:alice|addr:127.0.0.1"), the client address
// alone, the account alone, and one global key. Once a key reaches its
// limit it is locked for `lockout_seconds`, doubled at each further lockout
// of the same key (backoff) up to `max_lockout_seconds`; even the right
// password is refused meanwhile (so a guesser learns nothing). A success
// clears the key.
//
// State is in memory: a restart forgets it, which only gives a guesser one
// more window per restart. Entries whose window and lockout are over are
// dropped as new failures arrive, so memory stays bounded by the recent
// failure rate.
//
// Thread safety: thread-safe; all methods lock mu_.
#ifndef BLUEHELMET_WEB_LOGIN_THROTTLE_H_
#define BLUEHELMET_WEB_LOGIN_THROTTLE_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>

#include "base/clock.h"
#include "base/mutex.h"
#include "base/status.h"

namespace bh {

struct ThrottlePolicy {
  int max_failures = 5;             // per key within the window
  int64_t window_seconds = 900;     // 15 minutes
  int64_t lockout_seconds = 900;    // after the limit is reached
  int64_t max_lockout_seconds = 0;  // backoff ceiling; 0: lockout_seconds (no backoff)
};

class LoginThrottle {
 public:
  // REQUIRES: clock outlives this object.
  LoginThrottle(const Clock* clock, ThrottlePolicy policy) : clock_(clock), policy_(policy) {}

  // OK, or RateLimited "too many failed logins; try again in N minute(s)".
  Status Check(const std::string& key) EXCLUDES(mu_);
  // Counts a failure; true when this failure locked the key (for the audit
  // log), with the lockout's length in *lockout_seconds when given.
  bool RecordFailure(const std::string& key, int64_t* lockout_seconds = nullptr) EXCLUDES(mu_);
  void RecordSuccess(const std::string& key) EXCLUDES(mu_);

 private:
  struct Entry {
    std::deque<int64_t> failures;  // within the window, oldest first
    int lockouts = 0;              // so far: the backoff's exponent
    int64_t locked_until = 0;
    int64_t last = 0;  // latest failure
  };
  void Prune(int64_t now) REQUIRES(mu_);

  const Clock* clock_;
  const ThrottlePolicy policy_;
  Mutex mu_;
  std::unordered_map<std::string, Entry> entries_ GUARDED_BY(mu_);
};

// The addresses each account has signed in from (in memory, the latest
// kMaxPerAccount per account). An account under a distributed guessing
// attack (too many failures from many addresses) still lets its users in
// from an address they used before.
//
// Thread safety: thread-safe.
class KnownAddresses {
 public:
  static constexpr size_t kMaxPerAccount = 16;
  void Remember(const std::string& account, const std::string& addr) EXCLUDES(mu_);
  bool Contains(const std::string& account, const std::string& addr) const EXCLUDES(mu_);

 private:
  mutable Mutex mu_;
  std::unordered_map<std::string, std::deque<std::string>> known_ GUARDED_BY(mu_);
};

// At most `running` password hashes at once (Argon2id takes 64 MiB and a
// core each), with at most `waiting` callers queued behind them for up to
// `max_wait`; anyone else is refused at once. So a flood of logins costs a
// bounded amount of memory and CPU, and the rest of the server keeps
// answering.
//
// Thread safety: thread-safe.
class HashSlots {
 public:
  HashSlots(int running, int waiting, std::chrono::milliseconds max_wait)
      : running_(running), waiting_(waiting), max_wait_(max_wait) {}

  // Holds a slot for its lifetime; ok() false when none was given.
  class Slot {
   public:
    explicit Slot(HashSlots* owner) : owner_(owner) {}
    Slot(Slot&& o) noexcept : owner_(o.owner_) { o.owner_ = nullptr; }
    Slot& operator=(Slot&& o) noexcept {
      if (this != &o) {
        Release();
        owner_ = o.owner_;
        o.owner_ = nullptr;
      }
      return *this;
    }
    ~Slot() { Release(); }
    // Gives the slot back now (the destructor does otherwise).
    void Release();
    bool ok() const { return owner_ != nullptr; }

   private:
    HashSlots* owner_;
  };
  // A slot, or a Slot whose ok() is false: the queue was full or the wait
  // ran out.
  Slot Acquire();
  // Hashes running now (tests).
  int running() const;

 private:
  const int running_, waiting_;
  const std::chrono::milliseconds max_wait_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int busy_ = 0;    // guarded by mu_
  int queued_ = 0;  // guarded by mu_
};

}  // namespace bh

#endif  // BLUEHELMET_WEB_LOGIN_THROTTLE_H_
