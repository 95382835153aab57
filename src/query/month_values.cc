#include "query/month_values.h"

#include <sqlite3.h>

namespace bh {

bool MonthValuesCache::Find(const Key& key, std::vector<std::string>* values) const {
  MutexLock lock(&mu_);
  auto it = months_.find(key);
  if (it == months_.end()) return false;
  *values = it->second;
  return true;
}

void MonthValuesCache::Keep(const Key& key, std::vector<std::string> values) {
  MutexLock lock(&mu_);
  months_[key] = std::move(values);
}

void MonthValuesCache::Prune(MonthColumn column, const std::vector<Key>& current) {
  MutexLock lock(&mu_);
  std::map<Key, std::vector<std::string>> kept;
  for (const Key& k : current) {
    auto it = months_.find(k);
    if (it != months_.end()) kept.insert(months_.extract(it));
  }
  for (auto it = months_.begin(); it != months_.end();) {
    it = std::get<0>(it->first) == column ? months_.erase(it) : std::next(it);
  }
  kept.merge(months_);
  months_.swap(kept);
}

size_t MonthValuesCache::size() const {
  MutexLock lock(&mu_);
  return months_.size();
}

namespace {

// Calls fn(key, values) for each current contribution month, in month
// order, with `column`'s values of its rows (read, or found in `cache`).
template <typename F>
Status ForEachCurrentMonth(Db* db, MonthColumn column, MonthValuesCache* cache, F fn) {
  BH_ASSIGN_OR_RETURN(Stmt months, db->Prepare("SELECT s.import_id, i.sha256, i.imported_at, s.month"
                                               " FROM month_source s JOIN import i ON i.id = s.import_id"
                                               " WHERE s.dataset = 'contribution' ORDER BY s.month"));
  const char* sql = "SELECT COUNT(*) FROM contribution WHERE import_id = ? AND month = ?";
  if (column == MonthColumn::kMission) {
    sql = "SELECT DISTINCT mission FROM contribution WHERE import_id = ? AND month = ? AND mission IS NOT NULL";
  } else if (column == MonthColumn::kCountry) {
    sql = "SELECT DISTINCT iso3 FROM contribution WHERE import_id = ? AND month = ?";
  }
  BH_ASSIGN_OR_RETURN(Stmt values, db->Prepare(sql));
  // What a write transaction of this connection holds may never commit.
  const bool keep = cache && sqlite3_txn_state(db->raw(), nullptr) != SQLITE_TXN_WRITE;
  std::vector<MonthValuesCache::Key> current;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, months.Step());
    if (!more) break;
    MonthValuesCache::Key key{column, months.Int(0), months.Text(1), months.Text(2), months.Text(3)};
    std::vector<std::string> found;
    if (!cache || !cache->Find(key, &found)) {
      values.Reset();
      values.Bind(1, std::get<1>(key)).Bind(2, std::get<4>(key));
      for (;;) {
        BH_ASSIGN_OR_RETURN(bool row, values.Step());
        if (!row) break;
        found.push_back(values.Text(0));
      }
      if (keep) cache->Keep(key, found);
    }
    fn(key, found);
    if (keep) current.push_back(std::move(key));
  }
  if (keep) cache->Prune(column, current);
  return Status::Ok();
}

}  // namespace

Result<std::map<std::string, std::pair<std::string, std::string>>> CurrentValueSpans(Db* db, MonthColumn column,
                                                                                     MonthValuesCache* cache) {
  std::map<std::string, std::pair<std::string, std::string>> spans;
  BH_RETURN_IF_ERROR(ForEachCurrentMonth(db, column, cache, [&](const auto& key, const auto& found) {
    const std::string& month = std::get<4>(key);
    for (const std::string& v : found) {
      auto [it, fresh] = spans.try_emplace(v, month, month);
      if (!fresh) it->second.second = month;  // the months come in order
    }
  }));
  return spans;
}

Result<std::map<std::string, int64_t>> CurrentMonthRows(Db* db, MonthValuesCache* cache) {
  std::map<std::string, int64_t> rows;
  BH_RETURN_IF_ERROR(ForEachCurrentMonth(db, MonthColumn::kRows, cache, [&](const auto& key, const auto& found) {
    rows[std::get<4>(key)] = found.empty() ? 0 : std::stoll(found[0]);
  }));
  return rows;
}

}  // namespace bh
