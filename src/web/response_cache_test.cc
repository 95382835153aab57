// ResponseCache: hits at one data version, everything dropped at a newer
// one, older versions never served or stored, and the size limits.
#include "web/response_cache.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

std::shared_ptr<const HttpResponse> Answer(const std::string& body) {
  auto r = std::make_shared<HttpResponse>();
  r->body = body;
  r->headers.emplace_back("Cache-Control", "no-store");
  return r;
}

TEST(ResponseCacheTest, HitsAtTheSameVersionOnly) {
  ResponseCache cache({});
  EXPECT_EQ(nullptr, cache.Find(1, "/api/months"));
  cache.Insert(1, "/api/months", Answer("months v1"));
  auto hit = cache.Find(1, "/api/months");
  ASSERT_NE(nullptr, hit);
  EXPECT_EQ("months v1", hit->body);
  EXPECT_EQ(nullptr, cache.Find(1, "/api/groups"));
  // A newer version drops every entry, even before anything is stored at it.
  EXPECT_EQ(nullptr, cache.Find(2, "/api/months"));
  ResponseCache::Stats s = cache.stats();
  EXPECT_EQ(0u, s.entries);
  EXPECT_EQ(2u, s.version);
  EXPECT_EQ(1u, s.hits);
  EXPECT_EQ(3u, s.misses);
  EXPECT_EQ(1u, s.inserts);
  // The answer handed out stays valid after its entry is gone.
  EXPECT_EQ("months v1", hit->body);
}

TEST(ResponseCacheTest, OlderVersionsAreNeitherServedNorStored) {
  ResponseCache cache({});
  cache.Insert(5, "k", Answer("v5"));
  EXPECT_EQ(nullptr, cache.Find(4, "k"));  // a request that read the version before a commit
  cache.Insert(4, "k", Answer("v4"));      // computed before a commit: ignored
  ASSERT_NE(nullptr, cache.Find(5, "k"));
  EXPECT_EQ("v5", cache.Find(5, "k")->body);
  cache.Insert(6, "k", Answer("v6"));
  EXPECT_EQ("v6", cache.Find(6, "k")->body);
  EXPECT_EQ(1u, cache.stats().entries);
}

TEST(ResponseCacheTest, InsertReplacesTheEntryForItsKey) {
  ResponseCache cache({});
  cache.Insert(1, "k", Answer("first"));
  cache.Insert(1, "k", Answer("second"));
  EXPECT_EQ("second", cache.Find(1, "k")->body);
  EXPECT_EQ(1u, cache.stats().entries);
}

TEST(ResponseCacheTest, EvictsTheLeastRecentlyUsedPastTheEntryLimit) {
  ResponseCache cache({.max_bytes = 1u << 20, .max_entries = 2});
  cache.Insert(1, "a", Answer("A"));
  cache.Insert(1, "b", Answer("B"));
  ASSERT_NE(nullptr, cache.Find(1, "a"));  // a is now the most recently used
  cache.Insert(1, "c", Answer("C"));
  EXPECT_NE(nullptr, cache.Find(1, "a"));
  EXPECT_EQ(nullptr, cache.Find(1, "b"));
  EXPECT_NE(nullptr, cache.Find(1, "c"));
  EXPECT_EQ(2u, cache.stats().entries);
  EXPECT_EQ(1u, cache.stats().evictions);
}

TEST(ResponseCacheTest, KeepsWithinTheByteBudget) {
  const std::string body(1000, 'x');
  ResponseCache cache({.max_bytes = 3000, .max_entries = 100});
  for (const char* k : {"a", "b", "c", "d"}) cache.Insert(1, k, Answer(body));
  ResponseCache::Stats s = cache.stats();
  EXPECT_LE(s.bytes, 3000u);
  EXPECT_EQ(2u, s.entries);  // each entry costs its body plus the response's own size and headers
  EXPECT_EQ(nullptr, cache.Find(1, "a"));
  EXPECT_NE(nullptr, cache.Find(1, "d"));
  // An answer larger than the whole budget is not kept at all.
  cache.Insert(1, "huge", Answer(std::string(4000, 'y')));
  EXPECT_EQ(nullptr, cache.Find(1, "huge"));
  EXPECT_NE(nullptr, cache.Find(1, "d"));
}

}  // namespace
}  // namespace bh
