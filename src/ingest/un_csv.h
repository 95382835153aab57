// Reader for the UN DPO open-data CSVs:
//   - contributions by gender (odp_contributionsbygender.csv, and the
//     lower-case DPO-UCHISTORICAL variant): one row per month x country x
//     mission x personnel type, with Female_Personnel and Male_Personnel;
//   - contribution ranks (Rank.csv, odp_contributionranks.csv): country
//     totals per month, kept as such and never spread over missions.
// The kind is recognised from the header row, not the file name; columns
// are found by name (case-insensitive), so column order does not matter.
//
// Real files carry a UTF-8 BOM, CRLF line ends, quoted fields, trailing
// spaces in mission acronyms, three date formats and '#N/A' or empty ISO
// codes (DOMAIN.md C). An '#N/A' code is resolved from the country name or
// the row is rejected with the reason.
//
// Thread safety: pure functions over their arguments.
#ifndef BLUEHELMET_INGEST_UN_CSV_H_
#define BLUEHELMET_INGEST_UN_CSV_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/contribution_store.h"
#include "store/reference.h"

namespace bh {

enum class CsvKind { kUnknown, kGender, kRank };

// Looks at the header row only.
CsvKind DetectCsvKind(std::string_view data);

struct RejectedRow {
  int line;
  std::string reason;  // "column 'Female_Personnel': not a whole number: 'n/a'"
  std::string raw;     // the record as read, re-joined with commas
};

struct ParsedCsv {
  CsvKind kind = CsvKind::kUnknown;
  bool synthetic = false;  // every Contribution_ID starts with "SYNTHETIC-"
  std::vector<ContributionRow> contributions;
  std::vector<CountryTotalRow> totals;
  std::vector<RejectedRow> rejected;  // filled only when skip_invalid
  // Rows dropped because the same file reports a later date in the same
  // month (the UN's "extra Jul 2003" duplicate): one note per month.
  std::vector<std::string> notes;
};

// Months where one file reports more than one date (the UN's history has
// 30 and 31 July 2003): the later date's rows stand.
struct SupersededDates {
  Month month;
  Date kept;
  std::vector<Date> dropped;  // ascending
  int64_t dropped_rows = 0;
  // "2003-07: 1 rows dated 2003-07-30 superseded by the rows dated
  // 2003-07-31 in the same file"
  std::string Note() const;
};

// Reads a file in batches, so that an import can write one batch while the
// next is read (issue 7). The rows it returns are valid and free of
// duplicates; the rule "one month, one date" is applied by the caller from
// superseded() once the file is read (ParseUnCsv drops the rows, the
// importer deletes them in its transaction).
class UnCsvReader {
 public:
  // Reads the header row. InvalidData when it is not a UN contributions file.
  // `data` must outlive the reader.
  //
  // `done_before`, when given, is called with an offset once the reader no
  // longer needs the bytes before it (from Open's check of the whole file,
  // then from Read), so that a caller reading a mapped file can let those
  // pages go (base/mapped_file.h; issue 16). It is called on the thread that
  // calls Open or Read.
  static Result<std::unique_ptr<UnCsvReader>> Open(std::string_view data, std::string name, const Reference& ref,
                                                   bool skip_invalid,
                                                   std::function<void(size_t)> done_before = nullptr);
  ~UnCsvReader();
  UnCsvReader(const UnCsvReader&) = delete;
  UnCsvReader& operator=(const UnCsvReader&) = delete;

  CsvKind kind() const;
  // Appends up to `max_rows` valid rows (contributions for a gender file,
  // totals for a rank file). Returns false once the file is done. Without
  // skip_invalid the first invalid row fails with "NAME:LINE: reason"; with
  // it, invalid rows go to rejected(). A file without a valid row fails at
  // the end with "NAME: no valid data rows".
  Result<bool> Read(size_t max_rows, std::vector<ContributionRow>* contributions, std::vector<CountryTotalRow>* totals);

  // After Read returned false:
  bool synthetic() const;  // every Contribution_ID starts with "SYNTHETIC-"
  std::vector<RejectedRow>& rejected();
  std::vector<SupersededDates> superseded() const;

 private:
  struct State;
  explicit UnCsvReader(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

// Parses and validates a whole file (UnCsvReader, then the rows of
// superseded dates dropped, with a note each). Without skip_invalid, the
// first invalid row fails the parse with "NAME:LINE: reason". With it,
// invalid rows go to `rejected` and the rest are returned.
Result<ParsedCsv> ParseUnCsv(std::string_view data, const std::string& name, const Reference& ref, bool skip_invalid);

}  // namespace bh

#endif  // BLUEHELMET_INGEST_UN_CSV_H_
