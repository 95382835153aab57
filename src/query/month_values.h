// The distinct values of one column (mission, country) in each month's
// current source, and the first and last month each value appears in: what
// the missions and countries lists show beside each entry; and each month's
// row count (the months list).
//
// Read month by month (a month of an import is one range of the
// contribution table's key) rather than by a GROUP BY over every current
// row, and kept from one call to the next in a MonthValuesCache, so that a
// long-lived reader (the API server) reads again only the months a commit
// added. An import's rows never change once committed (an import is removed
// whole, and a correction changes figures, never a row's country or
// mission), so a month of an import is read once. A month is known by its
// import's id, SHA-256 and import time and the month: an id that SQLite
// reuses after a removal is not mistaken for the old import. Months read
// inside a write transaction are not kept, and months no longer current are
// dropped at each call. One database per cache.
//
// Thread safety: MonthValuesCache is thread-safe; CurrentValueSpans is not
// (it uses a Db*).
#ifndef BLUEHELMET_QUERY_MONTH_VALUES_H_
#define BLUEHELMET_QUERY_MONTH_VALUES_H_

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "base/mutex.h"
#include "base/result.h"
#include "store/database.h"

namespace bh {

// kRows: the month's row count (one value).
enum class MonthColumn { kMission, kCountry, kRows };

class MonthValuesCache {
 public:
  // Column, import id, SHA-256, imported_at, month.
  using Key = std::tuple<MonthColumn, int64_t, std::string, std::string, std::string>;
  // The values kept for `key`, or false.
  bool Find(const Key& key, std::vector<std::string>* values) const EXCLUDES(mu_);
  void Keep(const Key& key, std::vector<std::string> values) EXCLUDES(mu_);
  // Drops every entry of `column` not in `current`.
  void Prune(MonthColumn column, const std::vector<Key>& current) EXCLUDES(mu_);
  size_t size() const EXCLUDES(mu_);

 private:
  mutable Mutex mu_;
  std::map<Key, std::vector<std::string>> months_ GUARDED_BY(mu_);
};

// Each value of `column` in the current contribution rows (missions: rows
// without one left out), with the first and last month (YYYY-MM) it appears
// in, by value. With `cache`, only the current months it does not hold are
// read (the answer is the same).
Result<std::map<std::string, std::pair<std::string, std::string>>> CurrentValueSpans(Db* db, MonthColumn column,
                                                                                     MonthValuesCache* cache);

// The number of rows of each current contribution month, by month
// (YYYY-MM). With `cache`, as above.
Result<std::map<std::string, int64_t>> CurrentMonthRows(Db* db, MonthValuesCache* cache);

}  // namespace bh

#endif  // BLUEHELMET_QUERY_MONTH_VALUES_H_
