// Writing imported figures with their provenance, and the months' sources.
//
// Every figure keeps where it came from: the import (file name, SHA-256,
// time, kind, layout) and the line (and page, for PDFs) of the source row.
// Datasets:
//   "contribution"   month x country x mission x personnel type x sex
//                    (mission NULL where the source gives none; women/men
//                    NULL where it gives no sex split)
//   "country_total"  month x country x sex (the UN ranking files): country
//                    totals, never spread over missions
// For each dataset and month, month_source names the current import: the
// most recent import that covers the month. Older imports keep their rows,
// so the history of which file said what stays queryable.
//
// Usage (one transaction per file, all or nothing):
//   ImportSession s(db, file);            // BEGIN
//   if (s.existing_import()) ...          // same SHA-256 imported before: nothing to do
//   s.AddContribution(row) ...
//   s.Commit(summary)                     // COMMIT; the destructor rolls back otherwise
//
// Speed (issue 7): during a session SQLite's foreign-key enforcement is off
// and the session checks the same references itself (countries and
// personnel types loaded at Begin, missions registered as they come), with
// SQLite's message; it is on again when the session ends. The session also
// sums each month's figures per country and category into month_figures
// (store/month_figures.h), written at Commit.
//
// Thread safety: one session per Db, one thread.
#ifndef BLUEHELMET_STORE_CONTRIBUTION_STORE_H_
#define BLUEHELMET_STORE_CONTRIBUTION_STORE_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/date.h"
#include "model/personnel.h"
#include "store/database.h"

namespace bh {

struct ImportFileInfo {
  std::string file_name;  // base name, as shown to users
  std::string path;       // as given on the command line
  std::string sha256;
  std::string kind;        // "un_gender_csv", "un_rank_csv", "un_pdf"
  std::string layout;      // e.g. "PDF family I"; "" when not applicable
  bool synthetic = false;  // generated sample data, labelled wherever shown
  // Become each month's source even where the file covers the month less
  // fully than the current source (see Commit).
  bool replace = false;
};

struct ContributionRow {
  int page = 0;  // 0 = not a paged source
  int line = 0;
  Date report_date;
  std::string iso3;
  std::string mission;  // "" = the source gives no mission
  std::optional<PersonnelType> type;
  std::optional<int64_t> women, men;  // both or neither
  int64_t total = 0;
};

struct CountryTotalRow {
  int line = 0;
  Date report_date;
  std::string iso3;
  std::optional<int64_t> rank;
  int64_t women = 0, men = 0, total = 0;
};

struct MismatchRecord {
  std::string scope;  // "mission", "country", "grand", "row"
  std::string key;
  std::string what;  // "men", "women", "total"
  int64_t printed = 0, computed = 0;
};

// What removing an import did.
struct RemovedImport {
  int64_t id = 0;
  std::string file_name;
  int64_t rows = 0;
  bool synthetic = false;
  struct MonthChange {
    std::string dataset;  // "contribution", "country_total"
    Month month;
    int64_t source = 0;  // the import now current for the month; 0: none left
    std::string source_file;
  };
  std::vector<MonthChange> months;  // the months it was the source of
};

// Deletes an import and every row it brought, in one transaction; each
// month it was the source of goes back to the most recent other import that
// covers the month (the one it had replaced), or has no source left.
// NotFound for an unknown id.
Result<RemovedImport> RemoveImport(Db* db, int64_t import_id);

// An earlier import of some bytes, found by their SHA-256: what `import
// FOLDER` checks before reading a file, so a file imported before is not
// parsed again (issue 16).
struct KnownImport {
  int64_t id = 0;
  std::string kind, layout, reconciliation;  // as recorded ("" when none)
  bool synthetic = false;
};
// Every import by SHA-256.
Result<std::unordered_map<std::string, KnownImport>> KnownImportsBySha256(Db* db);
// The import of these bytes, if any (nullopt: none).
Result<std::optional<KnownImport>> KnownImportBySha256(Db* db, std::string_view sha256);

// How fully one import covers one month of a dataset.
struct MonthCoverage {
  int64_t countries = 0, missions = 0, rows = 0;
};
Result<MonthCoverage> CoverageOf(Db* db, std::string_view dataset, int64_t import_id, Month month);

class ImportSession {
 public:
  // Rows to an INSERT (3,072 parameters; SQLite allows 32,766): 256 cut
  // the 10x CSV import by 4-5 % against 64, for 4.5 M more instructions
  // preparing the statement once per file (0.8 % of a report's import).
  static constexpr size_t kBatchRows = 256;

  ImportSession(Db* db, ImportFileInfo file);
  ~ImportSession();
  ImportSession(const ImportSession&) = delete;
  ImportSession& operator=(const ImportSession&) = delete;

  // Non-OK when the transaction could not begin.
  const Status& status() const { return status_; }
  // The id of an earlier import of the same bytes, if any. Then the caller
  // adds nothing and the session commits nothing.
  std::optional<int64_t> existing_import() const { return existing_; }

  // Rows are written in batches of kBatchRows; an error about a row (a
  // CHECK constraint, say) may come from a later call or from Commit, and
  // always names the row's line.
  Status AddContribution(const ContributionRow& row);
  Status AddCountryTotal(const CountryTotalRow& row);
  Status AddMismatch(const MismatchRecord& m);

  int64_t import_id() const { return import_id_; }
  int64_t rows() const { return rows_; }
  const std::set<Month>& months() const { return months_; }

  // Where one file reports two dates in one month, the later date's rows
  // stand: deletes this import's rows of `month` dated otherwise than
  // `kept`, and leaves them out of month_figures.
  Status DropOtherDates(Month month, const Date& kept);
  // Marks the import as generated sample data (known only once a file is
  // read); applied at Commit.
  void set_synthetic(bool synthetic) { file_.synthetic = synthetic; }

  // Makes this import the current source of every month it covers, records
  // the summary and commits. `reconciliation` is shown by `months`.
  //
  // Who owns a month: the import becomes a month's source only if it covers
  // the month at least as fully as the current source (countries, missions
  // and rows, each), or file.replace is set; otherwise InvalidData naming
  // the month and both counts, and nothing is written.
  // Real and SYNTHETIC figures never share a database: committing a real
  // file removes the SYNTHETIC sample (removed() says what went), and a
  // SYNTHETIC file is refused where real figures are stored.
  Status Commit(std::string_view reconciliation, std::string_view note = {});

  // The SYNTHETIC imports Commit removed, if any.
  const std::vector<RemovedImport>& removed() const { return removed_; }

 private:
  Status Begin();
  Status EnsureMission(const std::string& acronym);
  Status CheckCountry(const std::string& iso3, int line, std::string_view insert_sql);
  Status WriteMonthFigures();
  struct PendingRow {
    ContributionRow row;
    int64_t seq = 0;
    char date[10];  // "YYYY-MM-DD"; its first 7 bytes are the month
  };
  void BindPending(Stmt& s, int first, const PendingRow& p) const;
  Status FlushPending();

  Db* db_;
  ImportFileInfo file_;
  std::optional<Transaction> tx_;
  Status status_;
  std::optional<int64_t> existing_;
  int64_t import_id_ = 0;
  int64_t rows_ = 0;
  std::set<Month> months_;
  std::set<std::string> datasets_;
  std::set<std::string> known_missions_;
  std::unordered_set<std::string> countries_;
  std::string last_country_, last_mission_;  // known to be valid
  bool foreign_keys_off_ = false;
  // Sums per report date, country and category, in flat arrays: a row adds
  // to sums_[date][country number * 5 + category] (issue 7: a hash map of
  // 130,000 keys took a tenth of the import).
  struct Sums {
    int64_t women = 0, men = 0, total = 0;
    int32_t rows = 0, rows_without_sex = 0;
  };
  Sums& SumsFor(const Date& d, const std::string& iso3, Category c);
  std::map<Date, std::vector<Sums>> sums_;
  Date last_sums_date_{};
  std::vector<Sums>* last_sums_ = nullptr;
  std::unordered_map<std::string, int> country_number_;
  std::vector<std::string> numbered_countries_;
  std::string last_sums_country_;
  int last_country_number_ = -1;
  std::vector<PendingRow> pending_;
  int64_t seq_ = 0;
  std::map<int, Date> kept_dates_;  // month index -> the one date kept (DropOtherDates)
  std::vector<RemovedImport> removed_;
  Status CheckCoverage();
  Status KeepRealAndSyntheticApart();
  Stmt insert_contribution_, insert_batch_, insert_total_, insert_mission_;
};

}  // namespace bh

#endif  // BLUEHELMET_STORE_CONTRIBUTION_STORE_H_
