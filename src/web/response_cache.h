// ResponseCache: the answers of the API's read-only GET endpoints, reused
// while the database has not changed.
//
// Each entry is keyed by a request key (api.cc: the path and every query
// parameter the handler can see) and belongs to one data version
// (DbPool::DataVersion, which notices commits by any connection or process).
// The cache holds entries of one version only: a Find or Insert at a newer
// version drops them all, and one at an older version misses or is ignored,
// so after a commit nothing computed before it is served again.
//
// What may be cached is the caller's decision; the rules api.cc keeps:
//   - only routes whose body depends on nothing but the database and the
//     request key (not on who asks, nor on the clock) are marked cacheable;
//   - the access checks run on every request, before any lookup, so a
//     cached answer is only ever given to a caller allowed to read it;
//   - only successful answers are stored, computed in one read transaction
//     begun after the version was read (so an entry is never older than its
//     version).
//
// Bounded: at most `max_bytes` of keys and bodies and `max_entries` entries;
// the least recently used go first, and an answer larger than the budget is
// not kept.
//
// Thread safety: thread-safe (one mutex, held only for the map operations);
// entries are immutable and shared, so a Find() result stays valid after
// the entry is dropped.
#ifndef BLUEHELMET_WEB_RESPONSE_CACHE_H_
#define BLUEHELMET_WEB_RESPONSE_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>

#include "base/mutex.h"
#include "web/http.h"

namespace bh {

class ResponseCache {
 public:
  struct Limits {
    size_t max_bytes = 64u << 20;
    size_t max_entries = 4096;
  };
  struct Stats {
    uint64_t hits = 0, misses = 0, inserts = 0, evictions = 0;
    size_t entries = 0, bytes = 0;
    uint64_t version = 0;  // the version the entries belong to
  };

  explicit ResponseCache(Limits limits);
  ResponseCache(const ResponseCache&) = delete;
  ResponseCache& operator=(const ResponseCache&) = delete;

  // The answer stored for `key` at `version`, or null.
  std::shared_ptr<const HttpResponse> Find(uint64_t version, const std::string& key) EXCLUDES(mu_);
  // Stores (or replaces) the answer for `key` at `version`.
  void Insert(uint64_t version, const std::string& key, std::shared_ptr<const HttpResponse> response) EXCLUDES(mu_);
  Stats stats() const EXCLUDES(mu_);

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const HttpResponse> response;
    size_t bytes = 0;
  };
  // Drops every entry when `version` is newer than the cache's; false when
  // it is older (the caller's view predates the entries).
  bool AtVersion(uint64_t version) REQUIRES(mu_);
  void Drop(std::list<Entry>::iterator it) REQUIRES(mu_);

  const Limits limits_;
  mutable Mutex mu_;
  std::list<Entry> lru_ GUARDED_BY(mu_);  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_ GUARDED_BY(mu_);
  Stats stats_ GUARDED_BY(mu_);
};

}  // namespace bh

#endif  // BLUEHELMET_WEB_RESPONSE_CACHE_H_
