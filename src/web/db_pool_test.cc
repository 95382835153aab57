// DbPool: leased connections and the data version that notices commits by
// the pool's connections and by other connections to the same file.
#include "web/db_pool.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>

namespace bh {
namespace {

class DbPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("bh_pool_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "pool.db").string();
    auto db = Db::Open(path_);
    ASSERT_TRUE(db.ok()) << db.status().message();
    ASSERT_TRUE((*db)->Exec("CREATE TABLE t (x INTEGER)").ok());
  }
  uint64_t Version(DbPool& pool) {
    auto v = pool.DataVersion();
    EXPECT_TRUE(v.ok()) << v.status().message();
    return v.ok() ? *v : 0;
  }
  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(DbPoolTest, LeasesReuseIdleConnections) {
  DbPool pool(path_);
  Db* first = nullptr;
  {
    auto a = pool.Acquire();
    ASSERT_TRUE(a.ok());
    first = a->get();
    auto b = pool.Acquire();  // a is still leased: another connection
    ASSERT_TRUE(b.ok());
    EXPECT_NE(first, b->get());
  }
  auto c = pool.Acquire();
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->get() != nullptr);
}

TEST_F(DbPoolTest, DataVersionCountsCommitsOfAnyConnection) {
  DbPool pool(path_);
  const uint64_t v0 = Version(pool);
  EXPECT_EQ(v0, Version(pool));  // nothing committed

  {  // A pooled connection (the server's own writes).
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease.ok());
    ASSERT_TRUE(lease->get()->Exec("INSERT INTO t VALUES (1)").ok());
  }
  const uint64_t v1 = Version(pool);
  EXPECT_EQ(v0 + 1, v1);

  // Another connection to the same file (as a CLI import in another process).
  auto other = Db::Open(path_);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Exec("INSERT INTO t VALUES (2)").ok());
  const uint64_t v2 = Version(pool);
  EXPECT_EQ(v1 + 1, v2);

  // Reading, and a transaction rolled back, change nothing.
  ASSERT_TRUE((*other)->QueryInt("SELECT COUNT(*) FROM t").ok());
  ASSERT_TRUE((*other)->Exec("BEGIN IMMEDIATE; INSERT INTO t VALUES (3); ROLLBACK").ok());
  EXPECT_EQ(v2, Version(pool));

  // Several commits between two calls count once: the version says
  // "changed", not how often.
  ASSERT_TRUE((*other)->Exec("INSERT INTO t VALUES (4)").ok());
  ASSERT_TRUE((*other)->Exec("INSERT INTO t VALUES (5)").ok());
  EXPECT_EQ(v2 + 1, Version(pool));
}

TEST_F(DbPoolTest, DataVersionFailsWhenTheDatabaseCannotOpen) {
  DbPool pool((dir_ / "missing-dir" / "x.db").string());
  auto v = pool.DataVersion();
  EXPECT_FALSE(v.ok());
}

// Issue 12: a request that threw inside its transaction gave its connection
// back mid-transaction, and every later request on it failed with "cannot
// start a transaction within a transaction". The pool now rolls back.
TEST_F(DbPoolTest, ALeaseEndingInsideATransactionIsRolledBack) {
  DbPool pool(path_);
  Db* poisoned = nullptr;
  try {
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease.ok());
    poisoned = lease->get();
    ASSERT_TRUE(poisoned->Exec("BEGIN").ok());
    ASSERT_TRUE(poisoned->Exec("INSERT INTO t VALUES (42)").ok());
    throw std::runtime_error("the handler failed mid-transaction");
  } catch (const std::runtime_error&) {
  }
  auto next = pool.Acquire();
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(poisoned, next->get());  // the same connection, reused
  EXPECT_TRUE(next->get()->Exec("BEGIN").ok());
  EXPECT_EQ(0, *next->get()->QueryInt("SELECT COUNT(*) FROM t"));  // the insert was rolled back
  EXPECT_TRUE(next->get()->Exec("COMMIT").ok());
}

}  // namespace
}  // namespace bh
