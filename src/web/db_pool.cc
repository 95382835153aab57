#include "web/db_pool.h"

#include <sqlite3.h>

namespace bh {

DbPool::DbPool(std::string path, Opener open)
    : path_(std::move(path)),
      open_(open ? std::move(open) : Opener([](const std::string& p) { return Db::Open(p); })) {}

DbPool::Lease::~Lease() {
  if (db_) pool_->Release(std::move(db_));
}

Result<DbPool::Lease> DbPool::Acquire() {
  {
    MutexLock lock(&mu_);
    if (!idle_.empty()) {
      std::unique_ptr<Db> db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
  }
  // Opening happens outside the lock: it touches the disk.
  BH_ASSIGN_OR_RETURN(std::unique_ptr<Db> db, open_(path_));
  return Lease(this, std::move(db));
}

Result<uint64_t> DbPool::DataVersion() {
  MutexLock lock(&version_mu_);
  if (!watcher_) {
    BH_ASSIGN_OR_RETURN(std::unique_ptr<Db> db, open_(path_));
    BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare("PRAGMA data_version"));
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Internal("database: PRAGMA data_version returned no row");
    last_pragma_ = st.Int(0);
    st.Reset();
    watcher_ = std::move(db);
    data_version_ = std::move(st);
    return version_;
  }
  // The pragma opens (and ends) a read transaction, which is what makes the
  // connection look at the WAL index for other connections' commits.
  BH_ASSIGN_OR_RETURN(bool row, data_version_.Step());
  if (!row) return Status::Internal("database: PRAGMA data_version returned no row");
  int64_t v = data_version_.Int(0);
  data_version_.Reset();
  if (v != last_pragma_) {
    last_pragma_ = v;
    ++version_;
  }
  return version_;
}

void DbPool::Release(std::unique_ptr<Db> db) {
  // A request that failed (an error return or an exception) may leave its
  // transaction open; the next request on this connection would then answer
  // "cannot start a transaction within a transaction". Roll it back here,
  // whoever forgot; a connection that cannot be rolled back is closed.
  if (sqlite3_get_autocommit(db->raw()) == 0) {
    sqlite3_exec(db->raw(), "ROLLBACK", nullptr, nullptr, nullptr);
    if (sqlite3_get_autocommit(db->raw()) == 0) return;  // db closes here
  }
  MutexLock lock(&mu_);
  idle_.push_back(std::move(db));
}

}  // namespace bh
