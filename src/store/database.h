// Db: a thin RAII layer over one SQLite connection, with prepared statements,
// transactions and versioned schema migrations.
//
// Opening sets foreign_keys=ON, journal_mode=WAL (for files) and a busy
// timeout, so every caller gets the same guarantees. Errors come back as
// Status carrying SQLite's message and the statement's first words.
//
// Migrations are per component ("core", "register", "ewg", "web"): each
// component owns an ordered list of SQL scripts, and schema_migration records
// which versions ran. Migrate() applies the missing ones in one transaction.
//
// Thread safety: a Db (and its Stmts) must be used by one thread at a time;
// the web server opens one Db per worker thread.
#ifndef BLUEHELMET_STORE_DATABASE_H_
#define BLUEHELMET_STORE_DATABASE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace bh {

class Stmt {
 public:
  Stmt() = default;
  Stmt(Stmt&& o) noexcept : stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Parameters are 1-based, as in SQLite. Chainable.
  Stmt& Bind(int idx, int64_t v);
  Stmt& Bind(int idx, int v) { return Bind(idx, static_cast<int64_t>(v)); }
  Stmt& Bind(int idx, double v);
  Stmt& Bind(int idx, std::string_view v);
  Stmt& Bind(int idx, const char* v) { return Bind(idx, std::string_view(v)); }
  Stmt& Bind(int idx, const std::string& v) { return Bind(idx, std::string_view(v)); }
  Stmt& BindNull(int idx);
  Stmt& BindBlob(int idx, std::string_view bytes);
  // Binds without copying. REQUIRES: `v` stays valid until the statement is
  // reset (Run() resets it) or the parameter is bound again.
  Stmt& BindStatic(int idx, std::string_view v);
  Stmt& Bind(int idx, std::optional<int64_t> v) { return v ? Bind(idx, *v) : BindNull(idx); }
  // Binds NULL for an empty string.
  Stmt& BindText(int idx, std::string_view v) { return v.empty() ? BindNull(idx) : Bind(idx, v); }

  // Runs one step: true when a row is ready, false when done.
  Result<bool> Step();
  // Steps to completion (for INSERT/UPDATE/DELETE), then resets.
  Status Run();
  void Reset();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  std::optional<int64_t> OptInt(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  // A TEXT column's bytes without a copy, valid until the next Step or Reset.
  std::string_view TextView(int col) const;
  // A BLOB column's bytes, valid until the next Step or Reset.
  std::string_view Blob(int col) const;
  int ColumnCount() const;
  std::string ColumnName(int col) const;

 private:
  friend class Db;
  explicit Stmt(sqlite3_stmt* s) : stmt_(s) {}
  sqlite3_stmt* stmt_ = nullptr;
};

struct Migration {
  int version;
  const char* sql;
};

// How long a connection waits for another's write lock by default.
inline constexpr int kDefaultBusyTimeoutMilliseconds = 5000;

enum class OpenMode {
  // Read and write, creating the file. Falls back to kReadOnly when the file
  // exists but this process may not write it or its folder (WAL needs to
  // create files beside it): read commands then work on a database that is
  // read-only to them, and writes fail saying so.
  kReadWrite,
  // Read only (SQLITE_OPEN_READONLY): never creates, migrates or writes.
  // NotFound when the file does not exist.
  kReadOnly,
};

class Db {
 public:
  // Opens `path` (":memory:" for tests). A file that is not an SQLite
  // database is IoError "PATH: not a Bluehelmet database (...)".
  static Result<std::unique_ptr<Db>> Open(const std::string& path, OpenMode mode = OpenMode::kReadWrite);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Status Exec(std::string_view sql);
  Result<Stmt> Prepare(std::string_view sql);

  // Single-value helpers for small queries.
  Result<int64_t> QueryInt(std::string_view sql);

  int64_t LastInsertRowId() const;
  int Changes() const;
  const std::string& path() const { return path_; }
  // True when opened (or fallen back to) read-only: Transaction and Migrate
  // then refuse to begin, with a message that says so.
  bool read_only() const { return read_only_; }

  // How long a writer waits for another process's write lock before
  // SQLITE_BUSY (kDefaultBusyTimeoutMilliseconds; an import waits longer,
  // see importer.h).
  void SetBusyTimeout(int milliseconds);

  // Applies the component's migrations that have not run yet, in order, in
  // one transaction. REQUIRES: versions strictly increasing from 1.
  // Safe against another process migrating the same file at once: the
  // version is read again under the write lock (BEGIN IMMEDIATE), so the
  // second process waits, then finds the work done. On a read-only Db,
  // pending migrations are InvalidData "PATH: the database needs its
  // 'core' schema upgraded from version 2 to 3, and it is open read-only;
  // run a command that writes (e.g. 'bluehelmet months') once with write
  // access"; nothing pending is fine.
  Status Migrate(std::string_view component, std::span<const Migration> migrations);

  sqlite3* raw() { return db_; }

 private:
  Db(sqlite3* db, std::string path, bool read_only) : db_(db), path_(std::move(path)), read_only_(read_only) {}
  Status Error(std::string_view what) const;
  static Result<std::unique_ptr<Db>> OpenWith(const std::string& path, bool read_only, bool immutable);
  Result<int64_t> MigratedVersion(std::string_view component);

  sqlite3* db_;
  std::string path_;
  bool read_only_ = false;
};

// RAII transaction: BEGIN IMMEDIATE on construction, ROLLBACK in the
// destructor unless Commit() succeeded. Inside another transaction it is a
// savepoint (SAVEPOINT, RELEASE at Commit, ROLLBACK TO in the destructor),
// so the outer one decides: several writes that each take a Transaction
// (import sessions) become one all-or-nothing write.
// status() is PermissionDenied on a read-only Db ("PATH: the database is
// open read-only ...") and IoError when another process kept the write lock
// past the busy timeout ("PATH: the database is busy: another process is
// writing to it; try again when it is done").
class Transaction {
 public:
  explicit Transaction(Db* db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  const Status& status() const { return begin_status_; }
  Status Commit();

 private:
  Db* db_;
  Status begin_status_;
  bool nested_ = false;  // a SAVEPOINT inside the caller's transaction
  bool done_ = false;
};

// For a bulk write into a database no other connection has open: in WAL
// mode every page is written twice, to the log and again into the file at
// the checkpoint (an import of 3,000,000 rows: 190 MB each way, and the
// commit waits for the copy); a rollback journal writes a new page once,
// and keeps only the few pages that existed before. The constructor
// switches `db` to journal_mode=DELETE where SQLite allows it: a file
// database, writable, outside a transaction, and no other connection has
// the file open (SQLite refuses to leave WAL otherwise). Where it cannot,
// nothing changes and active() is false. Transactions inside the scope stay
// all-or-nothing: a write that fails rolls back from the journal, and after
// a crash the next connection does. Meanwhile another connection that opens
// the file waits for the write lock (a WAL reader would not): callers use
// it only where there is nothing to read yet (the importer: the first
// import into a database). The destructor switches back to WAL, waiting
// up to the busy timeout for a connection that opened the file meanwhile;
// failing that, the next Open switches it.
class RollbackJournalScope {
 public:
  explicit RollbackJournalScope(Db* db);
  ~RollbackJournalScope();
  RollbackJournalScope(const RollbackJournalScope&) = delete;
  RollbackJournalScope& operator=(const RollbackJournalScope&) = delete;

  bool active() const { return active_; }

 private:
  Db* db_;
  bool active_ = false;
};

}  // namespace bh

#endif  // BLUEHELMET_STORE_DATABASE_H_
