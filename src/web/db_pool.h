// DbPool: SQLite connections for the server's worker threads.
//
// A Db is not thread-safe, so each request leases a connection of its own
// for its duration and gives it back when the lease ends; the pool opens a
// new connection when none is idle, so there are at most as many as requests
// in flight (the HTTP server's thread count). SQLite (WAL, busy timeout, set
// by Db::Open) serialises writers between connections; readers run in
// parallel. The schema is brought up to date once, before the pool opens
// connections (OpenWorkspace), not per connection.
//
// DataVersion() tells whether anything changed since a previous call, so the
// API can reuse what it computed (web/response_cache.h).
//
// Thread safety: thread-safe; the idle list is guarded by mu_, the version
// watcher by version_mu_. A Lease is used by one thread.
#ifndef BLUEHELMET_WEB_DB_POOL_H_
#define BLUEHELMET_WEB_DB_POOL_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/mutex.h"
#include "base/result.h"
#include "store/database.h"

namespace bh {

class DbPool {
 public:
  using Opener = std::function<Result<std::unique_ptr<Db>>(const std::string& path)>;

  // `open` defaults to Db::Open. REQUIRES: the database's schema is current.
  explicit DbPool(std::string path, Opener open = nullptr);
  DbPool(const DbPool&) = delete;
  DbPool& operator=(const DbPool&) = delete;

  class Lease {
   public:
    Lease(DbPool* pool, std::unique_ptr<Db> db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&& o) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Db* get() const { return db_.get(); }

   private:
    DbPool* pool_;
    std::unique_ptr<Db> db_;
  };

  // An idle connection, or a new one (IoError/Internal when it cannot open).
  // A connection comes back to the pool outside any transaction: when its
  // lease ends inside one (the request failed or threw), the pool rolls it
  // back, and closes the connection if even that fails.
  Result<Lease> Acquire() EXCLUDES(mu_);
  const std::string& path() const { return path_; }

  // The database's data version: a number that grows by one each time a call
  // finds that a transaction changed the database since the previous call,
  // whoever committed it (a pooled connection, or another process such as a
  // CLI import). A transaction that committed before this call starts is
  // always counted. It is SQLite's PRAGMA data_version read on a connection
  // of its own that never writes: the pragma's value is per connection and
  // ignores the connection's own commits, so no pooled connection could
  // give one number for all. A few microseconds: one read of the WAL index.
  // IoError/Internal when that connection cannot be opened or read.
  Result<uint64_t> DataVersion() EXCLUDES(version_mu_);

 private:
  void Release(std::unique_ptr<Db> db) EXCLUDES(mu_);

  const std::string path_;
  const Opener open_;
  Mutex mu_;
  std::vector<std::unique_ptr<Db>> idle_ GUARDED_BY(mu_);

  Mutex version_mu_;
  std::unique_ptr<Db> watcher_ GUARDED_BY(version_mu_);  // opened by the first DataVersion()
  Stmt data_version_ GUARDED_BY(version_mu_);            // finalized before watcher_ closes
  int64_t last_pragma_ GUARDED_BY(version_mu_) = 0;
  uint64_t version_ GUARDED_BY(version_mu_) = 0;
};

}  // namespace bh

#endif  // BLUEHELMET_WEB_DB_POOL_H_
