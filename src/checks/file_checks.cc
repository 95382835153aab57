#include "checks/file_checks.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace bh {

namespace {

// Around reaches two neighbours out, each within kMaxNeighbourGapMonths of
// the one before it: no month further than this from a month reads it.
constexpr int kReach = 2 * kMaxNeighbourGapMonths;

}  // namespace

FileChecks::FileChecks(std::vector<Month> stored, int64_t import_id, size_t max_held_rows)
    : import_id_(import_id),
      max_held_rows_(max_held_rows),
      stored_before_(std::move(stored)),
      result_{import_id, {}},
      thread_([this] { Run(); }) {}

FileChecks::~FileChecks() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::vector<ContributionRow> FileChecks::Add(std::vector<ContributionRow> rows) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return queue_.size() < kMaxQueued || stop_; });
  queue_.push_back(std::move(rows));
  cv_.notify_all();
  std::vector<ContributionRow> out;
  if (!spare_.empty()) {
    out = std::move(spare_.back());
    spare_.pop_back();
  }
  return out;
}

CheckedAhead FileChecks::Finish() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    finished_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  return std::move(result_);
}

void FileChecks::Run() {
  for (;;) {
    std::vector<ContributionRow> rows;
    bool at_end = false;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return !queue_.empty() || finished_ || stop_; });
      if (stop_) return;
      if (queue_.empty()) {
        at_end = true;
      } else {
        rows = std::move(queue_.front());
        queue_.pop_front();
        cv_.notify_all();
      }
    }
    if (at_end) {
      CheckReady(/*at_end=*/true);
      return;
    }
    Take(rows);
    rows.clear();
    CheckReady(/*at_end=*/false);
    std::lock_guard<std::mutex> lock(mu_);
    spare_.push_back(std::move(rows));
  }
}

void FileChecks::Take(const std::vector<ContributionRow>& rows) {
  if (!in_order_) return;
  for (const ContributionRow& r : rows) {
    const Month m = r.report_date.ToMonth();
    if ((!held_.empty() && m < held_.rbegin()->first) || held_rows_ >= max_held_rows_) {
      // Nothing is checked ahead: the store checks every month.
      in_order_ = false;
      held_.clear();
      unchecked_.clear();
      result_.months.clear();
      return;
    }
    auto it = held_.end();
    if (held_.empty() || held_.rbegin()->first != m) {
      it = held_.emplace_hint(held_.end(), m, Held{MonthRows{m, {}, nullptr}, r.report_date, false});
      file_months_.insert(m);
      unchecked_.insert(m);
    } else {
      it = std::prev(held_.end());
    }
    Held& h = it->second;
    if (!(r.report_date == h.date)) h.two_dates = true;
    // The row as the store will give it back (LoadMonth).
    SeriesRow& s = h.rows.rows.emplace_back();
    ++held_rows_;
    s.iso3 = r.iso3;
    s.mission = r.mission;
    s.type = r.type;
    if (r.women) {
      s.women = *r.women;
      s.men = r.men.value_or(0);
    }
    s.total = r.total;
    s.import_id = import_id_;
    s.page = r.page > 0 ? r.page : 0;
    s.line = r.line;
  }
}

void FileChecks::CheckReady(bool at_end) {
  if (!in_order_ || held_.empty()) return;
  // Months up to kReach before the latest one may still get neighbours.
  const int latest = held_.rbegin()->first.Index();
  while (!unchecked_.empty() && (at_end || unchecked_.begin()->Index() + kReach < latest)) {
    Check(*unchecked_.begin());
    unchecked_.erase(unchecked_.begin());
  }
  // No month left to check reads a month more than kReach before it.
  const int keep_from = (unchecked_.empty() ? latest : unchecked_.begin()->Index()) - kReach;
  while (!held_.empty() && held_.begin()->first.Index() < keep_from) {
    held_rows_ -= held_.begin()->second.rows.rows.size();
    held_.erase(held_.begin());
  }
}

void FileChecks::Check(Month m) {
  // The months the store will hold around m once the file is in.
  std::vector<Month> stored;
  stored.reserve(stored_before_.size() + file_months_.size());
  std::set_union(stored_before_.begin(), stored_before_.end(), file_months_.begin(), file_months_.end(),
                 std::back_inserter(stored));
  const size_t i = static_cast<size_t>(std::lower_bound(stored.begin(), stored.end(), m) - stored.begin());
  const AroundMonths around = AroundOf(stored, i);
  // Each month read must be one of the file's, held, of one date.
  Around rows;
  for (auto [month, slot] :
       {std::pair{std::optional<Month>(m), static_cast<const MonthRows**>(nullptr)},
        std::pair{around.before, &rows.before}, std::pair{around.after, &rows.after},
        std::pair{around.before_before, &rows.before_before}, std::pair{around.after_after, &rows.after_after}}) {
    if (!month) continue;
    auto it = held_.find(*month);
    if (it == held_.end() || it->second.two_dates) return;
    MonthRows& held = it->second.rows;
    if (!held.sums) held.sums = SumMonth(held);
    if (slot) *slot = &held;
  }
  result_.months[m] = {around, Detect(held_.at(m).rows, rows)};
}

}  // namespace bh
