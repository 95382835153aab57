#include "store/database.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

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

std::string FreshPath(const std::string& name) {
  std::string path = ::testing::TempDir() + "/bh_db_" + name;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

// Tests run as root, where chmod 0444 does not stop writes: the read-only
// path is taken here by asking for it (OpenMode::kReadOnly, the same
// SQLITE_OPEN_READONLY open and rules a write-protected file falls back to).
TEST(DatabaseTest, ReadOnlyOpenReadsAndNeverWrites) {
  std::string path = FreshPath("ro.db");
  Migration v1[] = {{1, "CREATE TABLE t (x INTEGER)"}};
  Migration v2[] = {{1, "CREATE TABLE t (x INTEGER)"}, {2, "CREATE TABLE u (x INTEGER)"}};
  {
    auto db = Db::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Migrate("c", v1).ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (7)").ok());
  }
  auto before = std::filesystem::last_write_time(path);
  auto db = Db::Open(path, OpenMode::kReadOnly);
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_TRUE((*db)->read_only());
  EXPECT_EQ(7, *(*db)->QueryInt("SELECT x FROM t"));
  EXPECT_TRUE((*db)->Migrate("c", v1).ok());  // up to date: nothing to write
  Status st = (*db)->Migrate("c", v2);
  EXPECT_EQ(Status::Code::kInvalidData, st.code());
  EXPECT_EQ(path +
                ": the database needs its 'c' schema upgraded from version 1 to 2, and it is open read-only; run "
                "a command that writes (e.g. 'bluehelmet months') once with write access",
            st.message());
  Transaction tx(db->get());
  EXPECT_EQ(Status::Code::kPermissionDenied, tx.status().code());
  EXPECT_EQ(path +
                ": the database is open read-only (this user may not write the file or its folder, or "
                "--read-only was given), and this command writes",
            tx.status().message());
  EXPECT_EQ(Status::Code::kPermissionDenied, (*db)->Exec("INSERT INTO t VALUES (8)").code());
  EXPECT_EQ(1, *(*db)->QueryInt("SELECT COUNT(*) FROM t"));
  EXPECT_EQ(0, *(*db)->QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'u'"));
  EXPECT_EQ(before, std::filesystem::last_write_time(path));
  // Read-only never creates.
  std::string missing = FreshPath("missing.db");
  EXPECT_EQ(missing + ": no such database", Db::Open(missing, OpenMode::kReadOnly).status().message());
  EXPECT_FALSE(std::filesystem::exists(missing));
}

// The real fallback: a database file and folder this user may not write.
// Tests run as root, for whom permissions do not apply, so the check runs in
// a child process that drops to the unprivileged user "nobody" (65534) first
// (as any other user it runs as that user).
TEST(DatabaseTest, DatabaseThisUserMayNotWriteOpensReadOnly) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "bh_ro_dir";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string path = (dir / "r.db").string();
  {
    auto db = Db::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7)").ok());
  }
  ASSERT_FALSE(std::filesystem::exists(path + "-wal"));  // closed cleanly
  // Folder and file read-only (and readable) to everyone.
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::group_read |
                                         std::filesystem::perms::others_read);
  std::filesystem::permissions(dir, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec |
                                        std::filesystem::perms::group_read | std::filesystem::perms::group_exec |
                                        std::filesystem::perms::others_read | std::filesystem::perms::others_exec);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::getuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(10);
    auto db = Db::Open(path);  // asks for read-write
    if (!db.ok()) ::_exit(11);
    if (!(*db)->read_only()) ::_exit(12);
    auto x = (*db)->QueryInt("SELECT x FROM t");
    if (!x.ok() || *x != 7) ::_exit(13);
    Transaction tx(db->get());
    if (tx.status().code() != Status::Code::kPermissionDenied) ::_exit(14);
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(pid, ::waitpid(pid, &status, 0));
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(0, WEXITSTATUS(status)) << "10 setuid, 11 open, 12 not read-only, 13 read, 14 write not refused";
  EXPECT_FALSE(std::filesystem::exists(path + "-shm"));  // nothing created beside it
  std::filesystem::remove_all(dir);
}

// While a first import writes through a rollback journal
// (RollbackJournalScope), a reader that may not write the folder waits for
// the lock and then says busy: it never reads the half-written file as
// immutable (no -wal file lies beside it then, but the -journal does).
TEST(DatabaseTest, AReaderNeverReadsAFirstImportHalfWritten) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "bh_ro_first";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string path = (dir / "r.db").string();
  auto db = Db::Open(path);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (x INTEGER)").ok());
  RollbackJournalScope scope(db->get());
  ASSERT_TRUE(scope.active());
  ASSERT_TRUE((*db)->Exec("BEGIN EXCLUSIVE; INSERT INTO t VALUES (7)").ok());
  ASSERT_TRUE(std::filesystem::exists(path + "-journal"));
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                        std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                                        std::filesystem::perms::others_exec);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::getuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(10);
    auto reader = Db::Open(path);
    if (reader.ok()) ::_exit(11);
    if (reader.status().message() !=
        path + ": the database is busy: another process is writing to it; try again when it is done") {
      ::_exit(12);
    }
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(pid, ::waitpid(pid, &status, 0));
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(0, WEXITSTATUS(status)) << "10 setuid, 11 opened (read the file as immutable), 12 another message";
  ASSERT_TRUE((*db)->Exec("ROLLBACK").ok());
}

TEST(DatabaseTest, ReadOnlyOpenOfANonDatabaseFileSaysSo) {
  std::string path = FreshPath("ro_text.db");
  FILE* f = fopen(path.c_str(), "w");
  fputs("this is not a database, it is text long enough to fill a header page......", f);
  fclose(f);
  auto db = Db::Open(path, OpenMode::kReadOnly);
  ASSERT_FALSE(db.ok());
  EXPECT_NE(std::string::npos, db.status().message().find("not a Bluehelmet database")) << db.status().message();
}

// Two connections opening a new file and creating its schema at once: the
// second waits for the first (the switch to WAL, then the migration's
// transaction) and then finds the work done ("table t already exists"
// before).
TEST(DatabaseTest, ConcurrentMigrationsOfANewFileTakeTurns) {
  Migration v[] = {{1, "CREATE TABLE t (x INTEGER); CREATE TABLE t2 (x INTEGER)"},
                   {2, "CREATE TABLE u (x INTEGER); INSERT INTO u VALUES (1)"}};
  for (int round = 0; round < 20; ++round) {
    std::string path = FreshPath("race.db");
    std::atomic<int> ready{0};
    Status results[2];
    auto run = [&](int i) {
      ready.fetch_add(1);
      while (ready.load() < 2) std::this_thread::yield();
      auto db = Db::Open(path);  // both switch the new file to WAL at once
      results[i] = db.ok() ? (*db)->Migrate("c", v) : db.status();
    };
    std::thread a(run, 0), b(run, 1);
    a.join();
    b.join();
    ASSERT_TRUE(results[0].ok()) << round << ": " << results[0].message();
    ASSERT_TRUE(results[1].ok()) << round << ": " << results[1].message();
    auto db = Db::Open(path);
    EXPECT_EQ(2, *(*db)->QueryInt("SELECT COUNT(*) FROM schema_migration"));
    EXPECT_EQ(1, *(*db)->QueryInt("SELECT COUNT(*) FROM u"));
  }
}

TEST(DatabaseTest, AWriterPastTheBusyTimeoutGetsOneClearLine) {
  std::string path = FreshPath("busy.db");
  auto a = Db::Open(path);
  auto b = Db::Open(path);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE((*a)->Exec("CREATE TABLE t (x)").ok());
  Transaction hold(a->get());
  ASSERT_TRUE(hold.status().ok());
  (*b)->SetBusyTimeout(50);
  Transaction tx(b->get());
  EXPECT_EQ(Status::Code::kIoError, tx.status().code());
  EXPECT_EQ(path + ": the database is busy: another process is writing to it; try again when it is done",
            tx.status().message());
}

std::string JournalMode(Db* db) {
  auto q = db->Prepare("PRAGMA journal_mode");
  if (!q.ok()) return "?";
  Result<bool> row = q->Step();
  return row.ok() && *row ? q->Text(0) : "?";
}

TEST(DatabaseTest, RollbackJournalScopeWritesOnceThenReturnsToWal) {
  std::string path = FreshPath("once.db");
  auto db = Db::Open(path);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (x INTEGER NOT NULL)").ok());
  EXPECT_EQ("wal", JournalMode(db->get()));
  {
    RollbackJournalScope scope(db->get());
    EXPECT_TRUE(scope.active());
    EXPECT_EQ("delete", JournalMode(db->get()));
    Transaction tx(db->get());
    ASSERT_TRUE(tx.status().ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (1), (2)").ok());
    ASSERT_TRUE(tx.Commit().ok());
    // A failed write inside the scope rolls back from the journal.
    Transaction failed(db->get());
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (3)").ok());
    EXPECT_FALSE((*db)->Exec("INSERT INTO t VALUES (NULL)").ok());
  }
  EXPECT_EQ("wal", JournalMode(db->get()));
  EXPECT_FALSE(std::filesystem::exists(path + "-journal"));
  db->reset();
  auto again = Db::Open(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(2, *(*again)->QueryInt("SELECT COUNT(*) FROM t"));
  EXPECT_EQ(3, *(*again)->QueryInt("SELECT SUM(x) FROM t"));
}

TEST(DatabaseTest, RollbackJournalScopeLeavesWalWhereItMayNot) {
  std::string path = FreshPath("shared.db");
  auto a = Db::Open(path);
  auto b = Db::Open(path);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE((*a)->Exec("CREATE TABLE t (x)").ok());
  {
    // Another connection has the file open: SQLite keeps WAL.
    RollbackJournalScope scope(a->get());
    EXPECT_FALSE(scope.active());
    EXPECT_EQ("wal", JournalMode(a->get()));
  }
  b->reset();
  {
    // Inside a transaction the mode cannot change.
    Transaction tx(a->get());
    ASSERT_TRUE(tx.status().ok());
    RollbackJournalScope scope(a->get());
    EXPECT_FALSE(scope.active());
  }
  auto memory = Db::Open(":memory:");
  ASSERT_TRUE(memory.ok());
  EXPECT_FALSE(RollbackJournalScope(memory->get()).active());
  auto ro = Db::Open(path, OpenMode::kReadOnly);
  ASSERT_TRUE(ro.ok());
  EXPECT_FALSE(RollbackJournalScope(ro->get()).active());
  EXPECT_EQ("wal", JournalMode(a->get()));
}

}  // namespace
}  // namespace bh
