#include "web/response_cache.h"

namespace bh {

namespace {

size_t SizeOf(const std::string& key, const HttpResponse& r) {
  size_t n = key.size() + r.body.size() + r.content_type.size() + sizeof(HttpResponse);
  for (const auto& [k, v] : r.headers) n += k.size() + v.size();
  return n;
}

}  // namespace

ResponseCache::ResponseCache(Limits limits) : limits_(limits) {}

bool ResponseCache::AtVersion(uint64_t version) {
  if (version < stats_.version) return false;
  if (version > stats_.version) {
    stats_.evictions += lru_.size();
    lru_.clear();
    index_.clear();
    stats_.entries = 0;
    stats_.bytes = 0;
    stats_.version = version;
  }
  return true;
}

void ResponseCache::Drop(std::list<Entry>::iterator it) {
  stats_.bytes -= it->bytes;
  --stats_.entries;
  index_.erase(it->key);
  lru_.erase(it);
}

std::shared_ptr<const HttpResponse> ResponseCache::Find(uint64_t version, const std::string& key) {
  MutexLock lock(&mu_);
  if (!AtVersion(version)) {
    ++stats_.misses;
    return nullptr;
  }
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++stats_.misses;
    return nullptr;
  }
  ++stats_.hits;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->response;
}

void ResponseCache::Insert(uint64_t version, const std::string& key, std::shared_ptr<const HttpResponse> response) {
  size_t bytes = SizeOf(key, *response);
  if (bytes > limits_.max_bytes || limits_.max_entries == 0) return;
  MutexLock lock(&mu_);
  if (!AtVersion(version)) return;
  auto it = index_.find(key);
  if (it != index_.end()) Drop(it->second);
  while (!lru_.empty() && (stats_.bytes + bytes > limits_.max_bytes || stats_.entries + 1 > limits_.max_entries)) {
    Drop(std::prev(lru_.end()));
    ++stats_.evictions;
  }
  lru_.push_front(Entry{key, std::move(response), bytes});
  index_.emplace(key, lru_.begin());
  stats_.bytes += bytes;
  ++stats_.entries;
  ++stats_.inserts;
}

ResponseCache::Stats ResponseCache::stats() const {
  MutexLock lock(&mu_);
  return stats_;
}

}  // namespace bh
