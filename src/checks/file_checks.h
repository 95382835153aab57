// The plausibility checks of a file's months, run while the file is being
// imported. Reading every month back from the store after the commit took
// as long as the import itself on a 3,000,000-row file (issue 16); the rows
// are at hand while they are written.
//
// The importer hands over the rows it has added, in file order. A thread of
// FileChecks' own keeps a window of months and checks each month (Detect)
// whose surrounding months (Around, over the months the store held before
// and the file's) all come from the file, once they are complete. It checks
// nothing of a file whose months go back (rows out of month order) or whose
// months hold too many rows to keep (kMaxHeldRows), and no
// month that reads a month with two report dates (the importer keeps only
// the later date's rows) or a month the file does not bring.
//
// What it found is a proposal: RecheckMonths takes a month's findings only
// where the store, after the commit, gives the month the same surrounding
// months, each from this import (CheckedAhead), and checks every other
// month from the store as before. The findings stored are the same either
// way.
//
// Thread safety: Add and Finish are called from one thread (the importer's);
// the checking runs on FileChecks' own.
#ifndef BLUEHELMET_CHECKS_FILE_CHECKS_H_
#define BLUEHELMET_CHECKS_FILE_CHECKS_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "base/date.h"
#include "checks/plausibility.h"
#include "store/contribution_store.h"

namespace bh {

class FileChecks {
 public:
  // More rows than this held at once (a month of millions of rows) and the
  // thread gives up: the store checks every month, one at a time, as before.
  static constexpr size_t kMaxHeldRows = size_t{1} << 20;

  // `stored`: the months the store held before the import, sorted;
  // `import_id`: the import the rows are written as.
  FileChecks(std::vector<Month> stored, int64_t import_id, size_t max_held_rows = kMaxHeldRows);
  ~FileChecks();  // stops the thread; what it found is dropped
  FileChecks(const FileChecks&) = delete;
  FileChecks& operator=(const FileChecks&) = delete;

  // The next rows the importer added, in file order. Returns an emptied
  // vector (its memory kept) for the caller to fill again. Waits while the
  // thread is several batches behind, so memory stays bounded.
  std::vector<ContributionRow> Add(std::vector<ContributionRow> rows);

  // No more rows: checks the months left and returns what was checked.
  CheckedAhead Finish();

 private:
  struct Held {
    MonthRows rows;
    Date date;               // the report date of its first row
    bool two_dates = false;  // rows of another date too
  };
  static constexpr size_t kMaxQueued = 4;

  void Run();
  void Take(const std::vector<ContributionRow>& rows);
  // Checks the file's months no later month can change any more (all at
  // the end), and lets go of the months no check reads any more.
  void CheckReady(bool at_end);
  void Check(Month m);

  const int64_t import_id_;
  const size_t max_held_rows_;
  const std::vector<Month> stored_before_;

  // The thread's own state.
  std::map<Month, Held> held_;
  std::set<Month> file_months_;
  std::set<Month> unchecked_;  // file months not decided yet
  bool in_order_ = true;       // false: gave up (months out of order, or too many rows)
  size_t held_rows_ = 0;
  CheckedAhead result_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::vector<ContributionRow>> queue_;   // guarded by mu_
  std::vector<std::vector<ContributionRow>> spare_;  // guarded by mu_
  bool finished_ = false, stop_ = false;             // guarded by mu_
  std::thread thread_;                               // last: starts once the members above exist
};

}  // namespace bh

#endif  // BLUEHELMET_CHECKS_FILE_CHECKS_H_
