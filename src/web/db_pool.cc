#include "web/db_pool.h"

namespace bh {

DbPool::DbPool(std::string path, Opener open)
    : path_(std::move(path)), open_(open ? std::move(open) : Opener([](const std::string& p) { return Db::Open(p); })) {}

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

void DbPool::Release(std::unique_ptr<Db> db) {
  MutexLock lock(&mu_);
  idle_.push_back(std::move(db));
}

}  // namespace bh
