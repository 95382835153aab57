// SessionCache: a session is remembered at one data version and until its
// expiry, never past either.
#include "web/session_cache.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

User Viewer() {
  User u;
  u.id = 7;
  u.username = "viewer";
  u.role = Role::kViewer;
  return u;
}

TEST(SessionCacheTest, RemembersUntilTheExpiry) {
  SessionCache cache;
  cache.Insert(3, "token-a", Viewer(), /*expires_at=*/1000);
  auto u = cache.Find(3, "token-a", 999);
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ("viewer", u->username);
  EXPECT_EQ(7, u->id);
  EXPECT_FALSE(cache.Find(3, "token-b", 999).has_value());
  // The database's rule: valid while now < expires_at.
  EXPECT_FALSE(cache.Find(3, "token-a", 1000).has_value());
  EXPECT_FALSE(cache.Find(3, "token-a", 500).has_value());  // an expired entry is dropped
}

TEST(SessionCacheTest, AnyCommitForgetsEverySession) {
  SessionCache cache;
  cache.Insert(3, "token-a", Viewer(), 1000);
  EXPECT_FALSE(cache.Find(4, "token-a", 10).has_value());  // e.g. a logout committed
  EXPECT_EQ(0u, cache.size());
  // Looked up before that commit: not stored.
  cache.Insert(3, "token-a", Viewer(), 1000);
  EXPECT_EQ(0u, cache.size());
  EXPECT_FALSE(cache.Find(3, "token-a", 10).has_value());
}

TEST(SessionCacheTest, StartsAgainWhenFull) {
  SessionCache cache(2);
  cache.Insert(1, "a", Viewer(), 1000);
  cache.Insert(1, "b", Viewer(), 1000);
  cache.Insert(1, "b", Viewer(), 1000);  // the same session again: still two
  EXPECT_EQ(2u, cache.size());
  cache.Insert(1, "c", Viewer(), 1000);
  EXPECT_EQ(1u, cache.size());
  EXPECT_TRUE(cache.Find(1, "c", 10).has_value());
  EXPECT_FALSE(cache.Find(1, "a", 10).has_value());
}

}  // namespace
}  // namespace bh
