#include "store/database.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace bh {

namespace {

// The messages of the two expected failures of a write: another process
// holds the write lock past the busy timeout, or the file is read-only.
std::string DbPath(sqlite3* db) {
  const char* f = sqlite3_db_filename(db, "main");
  return f && *f ? f : ":memory:";
}
Status BusyError(const std::string& path) {
  return Status::IoError(
      fmt::format("{}: the database is busy: another process is writing to it; try again when it is done", path));
}
Status ReadOnlyError(const std::string& path) {
  return Status::PermissionDenied(
      fmt::format("{}: the database is open read-only (this user may not write the file or its folder, or "
                  "--read-only was given), and this command writes",
                  path));
}
// Maps SQLite's result code of a failed step or exec to a Status.
Status StepError(sqlite3* db, int rc, const std::string& msg) {
  if ((rc & 0xff) == SQLITE_BUSY) return BusyError(DbPath(db));
  if ((rc & 0xff) == SQLITE_READONLY) return ReadOnlyError(DbPath(db));
  if ((rc & 0xff) == SQLITE_CONSTRAINT) return Status::InvalidData(msg);
  return Status::Internal(msg);
}

// May this process write `path` and create the WAL's files beside it? True
// for a file that does not exist yet (opening creates it, or says why not).
bool Writable(const std::string& path) {
  if (::access(path.c_str(), F_OK) != 0) return true;
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  return ::access(path.c_str(), W_OK) == 0 && ::access(dir.c_str(), W_OK) == 0;
}

// "file:PATH?immutable=1" with the URI's special characters escaped.
std::string ImmutableUri(const std::string& path) {
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x21 || c >= 0x7F) {
      uri += fmt::format("%{:02X}", c);
    } else {
      uri.push_back(static_cast<char>(c));
    }
  }
  return uri + "?immutable=1";
}

std::string Head(std::string_view sql) {
  std::string s(sql.substr(0, 60));
  for (char& c : s) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return s;
}
}  // namespace

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    stmt_ = o.stmt_;
    o.stmt_ = nullptr;
  }
  return *this;
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt& Stmt::Bind(int idx, int64_t v) {
  sqlite3_bind_int64(stmt_, idx, v);
  return *this;
}
Stmt& Stmt::Bind(int idx, double v) {
  sqlite3_bind_double(stmt_, idx, v);
  return *this;
}
Stmt& Stmt::Bind(int idx, std::string_view v) {
  sqlite3_bind_text(stmt_, idx, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindBlob(int idx, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, idx, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindStatic(int idx, std::string_view v) {
  sqlite3_bind_text(stmt_, idx, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}
Stmt& Stmt::BindNull(int idx) {
  sqlite3_bind_null(stmt_, idx);
  return *this;
}

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  const char* sql = sqlite3_sql(stmt_);
  std::string msg = fmt::format("database: {} (in: {})", sqlite3_errmsg(db), Head(sql ? sql : ""));
  sqlite3_reset(stmt_);
  return StepError(db, rc, msg);
}

Status Stmt::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
  }
  Reset();
  return Status::Ok();
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
std::optional<int64_t> Stmt::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}
double Stmt::Double(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Stmt::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  if (!t) return {};
  return std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}
std::string_view Stmt::TextView(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  if (!t) return {};
  return std::string_view(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}
std::string_view Stmt::Blob(int col) const {
  const void* b = sqlite3_column_blob(stmt_, col);
  if (!b) return {};
  return std::string_view(static_cast<const char*>(b), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}
int Stmt::ColumnCount() const { return sqlite3_column_count(stmt_); }
std::string Stmt::ColumnName(int col) const { return sqlite3_column_name(stmt_, col); }

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, OpenMode mode) {
  const bool memory = path == ":memory:";
  bool read_only = mode == OpenMode::kReadOnly || (!memory && !Writable(path));
  if (read_only && !memory && ::access(path.c_str(), F_OK) != 0) {
    return Status::NotFound(fmt::format("{}: no such database", path));
  }
  return OpenWith(path, read_only, /*immutable=*/false);
}

namespace {

// journal_mode=WAL. Switching needs an exclusive lock, and SQLite does not
// call the busy handler for it when another connection is doing the same
// (two imports into a new database): retried for `wait_ms`. Still busy is
// IoError "PATH: the database is busy ..."; a file that is not a database is
// IoError "PATH: not a Bluehelmet database (...)".
Status SetWalJournal(Db* db, int wait_ms) {
  auto journal = db->Prepare("PRAGMA journal_mode=WAL");
  if (!journal.ok()) {
    return Status::IoError(fmt::format("{}: not a Bluehelmet database ({})", db->path(), journal.status().message()));
  }
  auto r = journal->Step();
  for (int waited = 0; !r.ok() && r.status().code() == Status::Code::kIoError && waited < wait_ms; waited += 10) {
    journal->Reset();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    r = journal->Step();
  }
  if (!r.ok() && r.status().code() == Status::Code::kIoError) return r.status();
  if (!r.ok()) {
    return Status::IoError(fmt::format("{}: not a Bluehelmet database ({})", db->path(), r.status().message()));
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Db>> Db::OpenWith(const std::string& path, bool read_only, bool immutable) {
  const bool memory = path == ":memory:";
  sqlite3* raw = nullptr;
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
  if (immutable) flags |= SQLITE_OPEN_URI;
  int rc = sqlite3_open_v2(immutable ? ImmutableUri(path).c_str() : path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = fmt::format("{}: cannot open database: {}", path, raw ? sqlite3_errmsg(raw) : "out of memory");
    sqlite3_close(raw);
    return Status::IoError(msg);
  }
  // SQLite opens read-only by itself when the file is write-protected.
  if (sqlite3_db_readonly(raw, "main") == 1) read_only = true;
  std::unique_ptr<Db> db(new Db(raw, path, read_only));
  sqlite3_busy_timeout(raw, kDefaultBusyTimeoutMilliseconds);
  sqlite3_extended_result_codes(raw, 1);
  // Reading the header tells a non-database file apart early.
  Status st = db->Exec("PRAGMA foreign_keys=ON");
  if (st.ok() && read_only) {
    // No pragma that writes: a read of the schema proves it is a database.
    auto probe = db->QueryInt("SELECT COUNT(*) FROM sqlite_master");
    if (!probe.ok() && !immutable && !memory && ::access((path + "-wal").c_str(), F_OK) != 0 &&
        ::access((path + "-journal").c_str(), F_OK) != 0) {
      // A WAL database in a folder this user may not write: SQLite cannot
      // create the -shm file it reads through. Without a -wal file (or the
      // -journal of a first import, RollbackJournalScope) no process is
      // writing it and the file alone is the whole database, so it is read
      // as immutable (no lock, no file created).
      db.reset();
      auto again = OpenWith(path, true, true);
      if (again.ok()) return again;
    }
    // Busy (a writer holds the file) is said as such.
    if (!probe.ok() && probe.status().code() == Status::Code::kIoError) return probe.status();
    if (!probe.ok()) {
      return Status::IoError(fmt::format("{}: not a Bluehelmet database ({})", path, probe.status().message()));
    }
    return db;
  }
  // 16 KiB pages for a new database (an existing one keeps its size): a
  // quarter of the WAL frames and system calls of the default 4 KiB when an
  // import writes 300,000 rows (issue 7).
  if (st.ok()) (void)db->Exec("PRAGMA page_size=16384");
  if (st.ok() && !memory) {
    Status wal = SetWalJournal(db.get(), kDefaultBusyTimeoutMilliseconds);
    if (!wal.ok()) return wal;
  }
  if (!st.ok()) return Status::IoError(fmt::format("{}: {}", path, st.message()));
  BH_RETURN_IF_ERROR(db->Exec("PRAGMA synchronous=NORMAL"));
  return db;
}

Db::~Db() { sqlite3_close_v2(db_); }

void Db::SetBusyTimeout(int milliseconds) { sqlite3_busy_timeout(db_, milliseconds); }

Status Db::Error(std::string_view what) const {
  return Status::Internal(fmt::format("database: {} (in: {})", sqlite3_errmsg(db_), Head(what)));
}

Status Db::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = fmt::format("database: {} (in: {})", err ? err : sqlite3_errstr(rc), Head(sql));
    sqlite3_free(err);
    if ((rc & 0xff) == SQLITE_BUSY) return BusyError(path_);
    if ((rc & 0xff) == SQLITE_READONLY) return ReadOnlyError(path_);
    return StepError(db_, rc, msg);
  }
  return Status::Ok();
}

Result<Stmt> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(s);
    // Preparing reads the schema, which another process's exclusive lock
    // can hold up past the busy timeout: said as such.
    if ((rc & 0xff) == SQLITE_BUSY) return BusyError(path_);
    return Error(sql);
  }
  return Stmt(s);
}

Result<int64_t> Db::QueryInt(std::string_view sql) {
  BH_ASSIGN_OR_RETURN(Stmt st, Prepare(sql));
  BH_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound(fmt::format("no row for: {}", Head(sql)));
  return st.Int(0);
}

int64_t Db::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Db::Changes() const { return sqlite3_changes(db_); }

Result<int64_t> Db::MigratedVersion(std::string_view component) {
  BH_ASSIGN_OR_RETURN(
      int64_t exists,
      QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'"));
  if (!exists) return 0;
  BH_ASSIGN_OR_RETURN(Stmt q, Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migration WHERE component = ?"));
  q.Bind(1, component);
  BH_ASSIGN_OR_RETURN(bool row, q.Step());
  int64_t have = row ? q.Int(0) : 0;
  q.Reset();  // an open read would block a migration's DROP TABLE
  return have;
}

Status Db::Migrate(std::string_view component, std::span<const Migration> migrations) {
  BH_ASSIGN_OR_RETURN(int64_t have, MigratedVersion(component));
  if (!migrations.empty() && have > migrations.back().version) {
    return Status::InvalidData(
        fmt::format("{}: schema '{}' is at version {}, newer than this program knows ({}); upgrade bluehelmet", path_,
                    component, have, migrations.back().version));
  }
  bool pending = false;
  for (const Migration& m : migrations) pending |= m.version > have;
  if (!pending) return Status::Ok();
  if (read_only_) {
    return Status::InvalidData(fmt::format(
        "{}: the database needs its '{}' schema upgraded from version {} to {}, and it is open read-only; run a "
        "command that writes (e.g. 'bluehelmet months') once with write access",
        path_, component, have, migrations.back().version));
  }
  Transaction tx(this);
  BH_RETURN_IF_ERROR(tx.status());
  // Another process may have migrated while this one waited for the write
  // lock (two imports into a new database): read the version again.
  BH_ASSIGN_OR_RETURN(have, MigratedVersion(component));
  BH_RETURN_IF_ERROR(
      Exec("CREATE TABLE IF NOT EXISTS schema_migration ("
           " component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL,"
           " PRIMARY KEY (component, version))"));
  for (const Migration& m : migrations) {
    if (m.version <= have) continue;
    Status st = Exec(m.sql);
    if (!st.ok()) return st.WithPrefix(fmt::format("migration {} v{}", component, m.version));
    BH_ASSIGN_OR_RETURN(Stmt ins,
                        Prepare("INSERT INTO schema_migration VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))"));
    BH_RETURN_IF_ERROR(ins.Bind(1, component).Bind(2, m.version).Run());
  }
  return tx.Commit();
}

Transaction::Transaction(Db* db) : db_(db) {
  if (db_->read_only()) {
    begin_status_ = ReadOnlyError(db_->path());
    return;
  }
  // Inside another transaction: a savepoint, so an importer can make
  // several sessions one all-or-nothing write (a tidy file's sources).
  nested_ = sqlite3_get_autocommit(db_->raw()) == 0;
  // Waits up to the busy timeout for another writer; then BusyError.
  begin_status_ = db_->Exec(nested_ ? "SAVEPOINT bh_nested" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (done_ || !begin_status_.ok()) return;
  if (nested_) {
    (void)db_->Exec("ROLLBACK TO bh_nested");
    (void)db_->Exec("RELEASE bh_nested");
  } else {
    (void)db_->Exec("ROLLBACK");
  }
}

Status Transaction::Commit() {
  BH_RETURN_IF_ERROR(begin_status_);
  Status st = db_->Exec(nested_ ? "RELEASE bh_nested" : "COMMIT");
  if (st.ok()) done_ = true;
  return st;
}

RollbackJournalScope::RollbackJournalScope(Db* db) : db_(db) {
  if (db->read_only() || db->path() == ":memory:" || sqlite3_get_autocommit(db->raw()) == 0) return;
  // SQLite answers with the mode in force: "wal" when it refused (another
  // connection has the file open).
  auto journal = db->Prepare("PRAGMA journal_mode=DELETE");
  if (!journal.ok()) return;
  auto row = journal->Step();
  active_ = row.ok() && *row && journal->Text(0) == "delete";
}

RollbackJournalScope::~RollbackJournalScope() {
  if (active_) (void)SetWalJournal(db_, kDefaultBusyTimeoutMilliseconds);
}

}  // namespace bh
