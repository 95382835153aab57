#include "store/database.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

TEST(DatabaseTest, MigrationsRunOnceInOrder) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  Migration v1[] = {{1, "CREATE TABLE t (x INTEGER)"}};
  Migration v2[] = {{1, "CREATE TABLE t (x INTEGER)"}, {2, "ALTER TABLE t ADD COLUMN y TEXT"}};
  ASSERT_TRUE((*db)->Migrate("test", v1).ok());
  ASSERT_TRUE((*db)->Migrate("test", v1).ok());  // idempotent
  ASSERT_TRUE((*db)->Migrate("test", v2).ok());
  EXPECT_EQ(2, *(*db)->QueryInt("SELECT MAX(version) FROM schema_migration WHERE component = 'test'"));
  EXPECT_TRUE((*db)->Exec("INSERT INTO t VALUES (1, 'a')").ok());
}

TEST(DatabaseTest, NewerSchemaIsRefused) {
  auto db = Db::Open(":memory:");
  Migration v2[] = {{1, "CREATE TABLE t (x)"}, {2, "CREATE TABLE u (x)"}};
  Migration v1[] = {{1, "CREATE TABLE t (x)"}};
  ASSERT_TRUE((*db)->Migrate("c", v2).ok());
  Status st = (*db)->Migrate("c", v1);
  EXPECT_EQ(":memory:: schema 'c' is at version 2, newer than this program knows (1); upgrade bluehelmet",
            st.message());
}

TEST(DatabaseTest, FailedMigrationLeavesNothing) {
  auto db = Db::Open(":memory:");
  Migration bad[] = {{1, "CREATE TABLE t (x)"}, {2, "THIS IS NOT SQL"}};
  EXPECT_FALSE((*db)->Migrate("c", bad).ok());
  EXPECT_EQ(0, *(*db)->QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 't'"));
}

TEST(DatabaseTest, TransactionRollsBackUnlessCommitted) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (x)").ok());
  {
    Transaction tx(db->get());
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (1)").ok());
  }
  EXPECT_EQ(0, *(*db)->QueryInt("SELECT COUNT(*) FROM t"));
  {
    Transaction tx(db->get());
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (1)").ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  EXPECT_EQ(1, *(*db)->QueryInt("SELECT COUNT(*) FROM t"));
}

TEST(DatabaseTest, ForeignKeysAreEnforced) {
  auto db = Db::Open(":memory:");
  ASSERT_TRUE((*db)->Exec("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p(id))").ok());
  Status st = (*db)->Exec("INSERT INTO c VALUES (42)");
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(Status::Code::kInvalidData, st.code());
}

TEST(DatabaseTest, NonDatabaseFileIsAnIoError) {
  std::string path = ::testing::TempDir() + "/not_a_db.txt";
  FILE* f = fopen(path.c_str(), "w");
  fputs("this is not a database, it is text long enough to fill a header page......", f);
  fclose(f);
  auto db = Db::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(Status::Code::kIoError, db.status().code());
  EXPECT_NE(std::string::npos, db.status().message().find("not a Bluehelmet database"));
}

}  // namespace
}  // namespace bh
