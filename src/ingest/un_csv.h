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

// Parses and validates a whole file. Without skip_invalid, the first invalid
// row fails the parse with "NAME:LINE: reason". With it, invalid rows go to
// `rejected` and the rest are returned.
Result<ParsedCsv> ParseUnCsv(std::string_view data, const std::string& name, const Reference& ref,
                             bool skip_invalid);

}  // namespace bh

#endif  // BLUEHELMET_INGEST_UN_CSV_H_
