// The import front door: `bluehelmet import FILE|FOLDER...`.
//
// Recognises each file's kind from its content (a PDF by its %PDF header, a
// CSV by its header row: the UN's open-data files, or the tidy form that
// `export` writes, ingest/tidy_csv.h; a file read from disk may be gzipped), reads it (a PDF fully on a worker thread,
// a CSV in batches on a second thread while the first writes), and writes it in one transaction with its provenance. A
// file either imports whole or not at all; importing the same bytes again changes nothing; a newer file for a month
// becomes that month's source while the older rows stay as history.
//
// Thread safety: one call at a time per Db.
#ifndef BLUEHELMET_INGEST_IMPORTER_H_
#define BLUEHELMET_INGEST_IMPORTER_H_

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "checks/plausibility.h"
#include "store/database.h"
#include "store/reference.h"

namespace bh {

// Size limits of one imported file (docs/security.md, "Data paths"). A CSV
// is read whole: 1 GiB is three times the benchmarks' 3,000,000-row file
// (~300 MB). The UN's monthly PDF reports are under 1 MB; 100 MiB leaves
// room for scanned ones and bounds what poppler is handed. Devices, pipes
// and sockets are refused (base/file_util.h).
inline constexpr size_t kMaxImportCsvBytes = size_t{1} << 30;
inline constexpr size_t kMaxImportPdfBytes = size_t{100} << 20;

// How long ImportFiles waits for another process's import (or any writer)
// to finish before it gives up on a file with "the database is busy": an
// import of the 3,000,000-row benchmark file takes about a minute.
inline constexpr int kImportWaitMilliseconds = 10 * 60 * 1000;

struct ImportOptions {
  // Import the valid rows and write rejected ones, with reasons, to a file.
  bool skip_invalid = false;
  // Where rejected rows go; default "<file name>.rejected.csv" in the
  // current directory.
  std::string rejects_path;
  // PDF reports: import even when printed totals do not reconcile, and
  // record the mismatch.
  bool accept_mismatch = false;
  // PDF reports that print no "as of" date take their month from here.
  std::optional<Month> month;
  // Make the file each month's source even where it covers a month less
  // fully (countries, missions, rows) than the current source.
  bool replace = false;
  // "Now", for refusing figures dated after this month; nullptr: the
  // system clock.
  const Clock* clock = nullptr;
};

struct FileOutcome {
  enum class State { kImported, kAlreadyImported, kFailed };
  std::string path;
  State state = State::kFailed;
  Status status;  // why it failed
  std::string kind, layout;
  int64_t import_id = 0;
  int64_t rows = 0;
  int64_t rejected = 0;
  std::string rejects_path;
  std::set<Month> months;
  std::string reconciliation;  // e.g. "reconciled: 212 totals" / "no totals printed"
  std::vector<std::string> notes;
  bool synthetic = false;
  // The plausibility checks of the file's months made while it was read
  // (checks/file_checks.h); null when none were. The import's checks take
  // them where they still hold.
  std::shared_ptr<const CheckedAhead> checked_ahead;
};

// Called before each file (done = files finished so far).
using ImportProgress = std::function<void(size_t done, size_t total, const std::string& path)>;

// Expands folders (their *.csv, *.csv.gz and *.pdf files, sorted) into file
// paths.
// NotFound names a path that does not exist.
Result<std::vector<std::string>> ExpandImportPaths(const std::vector<std::string>& args);

// What the plausibility checks (checks/plausibility.h) found after an
// import, over the months it brought and their neighbours. The figures are
// stored as printed whatever the checks find; `status` is non-OK only when
// the checks themselves could not run.
struct ImportChecks {
  Status status;
  std::set<Month> months;
  std::vector<Anomaly> found;
};

// Imports one file's bytes, then runs the plausibility checks. Never
// throws; every failure is in the outcome.
FileOutcome ImportBytes(Db* db, const Reference& ref, const std::string& path, std::string_view bytes,
                        const ImportOptions& options, ImportChecks* checks = nullptr);

// Imports each file in turn; a failed file imports nothing and does not stop
// the others. Two processes importing into one database take turns: each
// file's transaction waits up to kImportWaitMilliseconds for the other's,
// and bytes the other imported meanwhile count as already imported. Then
// the plausibility checks run once over every month the files brought.
std::vector<FileOutcome> ImportFiles(Db* db, const Reference& ref, const std::vector<std::string>& paths,
                                     const ImportOptions& options, const ImportProgress& progress,
                                     ImportChecks* checks = nullptr);

}  // namespace bh

#endif  // BLUEHELMET_INGEST_IMPORTER_H_
