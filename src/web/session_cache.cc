#include "web/session_cache.h"

#include <sodium.h>

#include <cstdlib>

namespace bh {

SessionCache::SessionCache(size_t max_entries) : max_entries_(max_entries) {
  static_assert(sizeof(hash_key_) == crypto_shorthash_siphashx24_KEYBYTES);
  if (sodium_init() < 0) std::abort();  // libsodium cannot run at all: a broken install, not an input error
  randombytes_buf(hash_key_, sizeof hash_key_);
}

std::string SessionCache::KeyOf(std::string_view token) const {
  std::string key(crypto_shorthash_siphashx24_BYTES, '\0');
  crypto_shorthash_siphashx24(reinterpret_cast<unsigned char*>(key.data()),
                              reinterpret_cast<const unsigned char*>(token.data()), token.size(), hash_key_);
  return key;
}

bool SessionCache::AtVersion(uint64_t version) {
  if (version < version_) return false;
  if (version > version_) {
    sessions_.clear();
    version_ = version;
  }
  return true;
}

std::optional<User> SessionCache::Find(uint64_t version, std::string_view token, int64_t now) {
  std::string key = KeyOf(token);
  MutexLock lock(&mu_);
  if (!AtVersion(version)) return std::nullopt;
  auto it = sessions_.find(key);
  if (it == sessions_.end()) return std::nullopt;
  if (now >= it->second.expires_at) {
    sessions_.erase(it);
    return std::nullopt;
  }
  return it->second.user;
}

void SessionCache::Insert(uint64_t version, std::string_view token, const User& user, int64_t expires_at) {
  if (max_entries_ == 0) return;
  std::string key = KeyOf(token);
  MutexLock lock(&mu_);
  if (!AtVersion(version)) return;
  if (sessions_.size() >= max_entries_ && !sessions_.count(key)) sessions_.clear();
  sessions_[key] = Entry{user, expires_at};
}

size_t SessionCache::size() const {
  MutexLock lock(&mu_);
  return sessions_.size();
}

}  // namespace bh
