// SessionCache: whose session a token is, remembered while the database has
// not changed, so a request with a session cookie does not query the
// accounts tables each time.
//
// Entries are keyed by a keyed hash of the token (SipHash-128 under a
// random key made at construction: cheaper per request than the SHA-256
// the database keys on, and, like it, the token itself is not kept) and
// belong to one data version
// (DbPool::DataVersion): logout, a deleted user, a changed password or role,
// by this server or the CLI, are commits, and a Find or Insert at a newer
// version drops every entry. Expiry is checked on every Find against the
// caller's clock, with the database's rule (valid while now < expires_at).
// Only sessions found valid are kept; unknown tokens always go to the
// database.
//
// Bounded: at most max_entries sessions; when full, the entries are dropped
// and the cache fills again.
//
// Thread safety: thread-safe (one mutex).
#ifndef BLUEHELMET_WEB_SESSION_CACHE_H_
#define BLUEHELMET_WEB_SESSION_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "accounts/accounts.h"
#include "base/mutex.h"

namespace bh {

class SessionCache {
 public:
  explicit SessionCache(size_t max_entries = 10000);
  SessionCache(const SessionCache&) = delete;
  SessionCache& operator=(const SessionCache&) = delete;

  // The user of the session with this token, when it was stored at
  // `version` and `now` is before its expiry.
  std::optional<User> Find(uint64_t version, std::string_view token, int64_t now) EXCLUDES(mu_);
  // REQUIRES: the session was read from the database after `version` was.
  void Insert(uint64_t version, std::string_view token, const User& user, int64_t expires_at) EXCLUDES(mu_);
  size_t size() const EXCLUDES(mu_);

 private:
  struct Entry {
    User user;
    int64_t expires_at = 0;
  };
  bool AtVersion(uint64_t version) REQUIRES(mu_);
  std::string KeyOf(std::string_view token) const;

  const size_t max_entries_;
  unsigned char hash_key_[16];  // crypto_shorthash_siphashx24_KEYBYTES
  mutable Mutex mu_;
  uint64_t version_ GUARDED_BY(mu_) = 0;
  std::unordered_map<std::string, Entry> sessions_ GUARDED_BY(mu_);
};

}  // namespace bh

#endif  // BLUEHELMET_WEB_SESSION_CACHE_H_
