// Plausibility checks: figures that reconcile with everything a report
// prints can still be wrong. The UN's 2020-08 report prints the men of 51
// contingent rows in the Female column, and its own totals carry the same
// error. Only the series can show it: each month is compared with the
// nearest months before and after it that are in the store.
//
// Findings (Anomaly) are derived data: RecheckMonths recomputes them for
// the months an import (or a removal) touched and their neighbours, so a
// month arriving between two others re-checks both. Nothing here changes a
// figure; corrections are made in the open, by errata.
//
// The rules, and what they cannot see, are in docs/checks.md. Thresholds
// are constants below, chosen on the supplied reports (2015-2025) so that
// ordinary rotations do not fire.
//
// Thread safety: Detect is a pure function; RecheckMonths uses one Db*.
#ifndef BLUEHELMET_CHECKS_PLAUSIBILITY_H_
#define BLUEHELMET_CHECKS_PLAUSIBILITY_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "model/personnel.h"
#include "store/database.h"
#include "store/errata.h"

namespace bh {

// One figure of one month as the store has it (a current contribution row).
struct SeriesRow {
  std::string iso3;
  std::string mission;  // "" where the source gives none
  std::optional<PersonnelType> type;
  std::optional<int64_t> women, men;  // nullopt: no sex split
  int64_t total = 0;
  int64_t import_id = 0;
  int page = 0, line = 0;
};

// A month's rows summed the ways the checks compare months (per country
// and category, per country, per country and mission, the whole month).
struct MonthSums;

struct MonthRows {
  Month month;
  std::vector<SeriesRow> rows;
  // `rows` summed, or null: Detect then sums the month itself. RecheckMonths
  // sums each month once (SumMonth), where Detect would sum it once for
  // itself and once for each month it neighbours (issue 16).
  std::shared_ptr<const MonthSums> sums;
};

// The sums Detect reads of `m`'s rows. Pure.
std::shared_ptr<const MonthSums> SumMonth(const MonthRows& m);

// A neighbour's figures for the same cell, as evidence.
struct NeighbourFigure {
  Month month;
  std::optional<int64_t> women, men;
  int64_t total = 0;
};

struct Anomaly {
  enum class Kind {
    kSexSwapped,      // 0 men and N women where the neighbours had mostly men (or the reverse)
    kShareJump,       // a country-category's share of women far from both neighbours'
    kMonthShareJump,  // the whole month's share of women far from both neighbours'
    kGap,             // a country (or country in a mission) absent for one month, back at the same strength
  };
  enum class Severity { kLow, kMedium, kHigh };
  Kind kind = Kind::kSexSwapped;
  Severity severity = Severity::kMedium;
  Month month;
  std::string iso3;     // "" for the whole month
  std::string mission;  // "" when not about one mission
  std::optional<PersonnelType> type;
  std::optional<Category> category;  // kShareJump
  // The figures as the store has them ("as printed"), and their source row.
  std::optional<int64_t> women, men;
  int64_t total = 0;
  int64_t import_id = 0;
  int page = 0, line = 0;
  std::vector<NeighbourFigure> neighbours;
  std::string summary;  // one line: what was seen
};

std::string_view KindName(Anomaly::Kind k);          // "sex swapped", "share jump", ...
std::string_view KindCode(Anomaly::Kind k);          // "sex_swapped", "share_jump", "month_share_jump", "gap"
std::string_view SeverityName(Anomaly::Severity s);  // "low", "medium", "high"
std::optional<Anomaly::Kind> KindFromCode(std::string_view code);

// The stored months around a checked one: the nearest before and after it,
// and the next ones out beyond those; null where there is none (each within
// kMaxNeighbourGapMonths of the one it follows or precedes).
struct Around {
  const MonthRows* before = nullptr;
  const MonthRows* after = nullptr;
  const MonthRows* before_before = nullptr;  // the nearest month before `before`
  const MonthRows* after_after = nullptr;    // the nearest month after `after`
};

// The findings for `month` given the months around it. A swapped row needs
// two months that agree against it: the nearest on each side, or where only
// one side has the cell (the first or last month of a run), the two nearest
// on that side. Where that side has one month with the cell, it is enough
// only if its cell holds both sexes: one that counts one sex only could be
// the swapped one itself. Jumps and gaps need both nearest months. Pure.
std::vector<Anomaly> Detect(const MonthRows& month, const Around& around);
// The same with only the nearest months (either may be absent).
std::vector<Anomaly> Detect(const MonthRows& month, const std::optional<MonthRows>& before,
                            const std::optional<MonthRows>& after);

// Neighbours further apart than this are not compared.
inline constexpr int kMaxNeighbourGapMonths = 3;

// Which months an Around holds for stored[i], of the sorted stored months.
struct AroundMonths {
  std::optional<Month> before, after, before_before, after_after;
  bool operator==(const AroundMonths&) const = default;
};
AroundMonths AroundOf(const std::vector<Month>& stored, size_t i);

// Findings made before the rows of one import were committed (FileChecks,
// checks/file_checks.h), with the months each month's check read. They
// stand in for a check from the store only where the store, after the
// commit, gives the month the same surrounding months, each of them (and
// the month itself) from this import.
struct CheckedAhead {
  struct Checked {
    AroundMonths around;
    std::vector<Anomaly> found;
  };
  int64_t import_id = 0;
  std::map<Month, Checked> months;
};

struct RecheckSummary {
  std::set<Month> months;      // the months re-checked
  std::vector<Anomaly> found;  // in those months, now stored
};

// Re-checks `months` and the two nearest stored months on either side of
// each (a month's findings read the months two away: Around), replacing
// their stored findings, in one transaction.
Result<RecheckSummary> RecheckMonths(Db* db, const std::set<Month>& months);
// The same, taking the findings of `ahead` for each month they still hold
// for (CheckedAhead) instead of reading the month and its neighbours back.
// The findings stored are the same as without `ahead`.
Result<RecheckSummary> RecheckMonths(Db* db, const std::set<Month>& months,
                                     const std::vector<const CheckedAhead*>& ahead);

// The months the store holds figures for (month_source), in order.
Result<std::vector<Month>> StoredContributionMonths(Db* db);

// Re-checks every stored month (after the rules change, say).
Result<RecheckSummary> RecheckAllMonths(Db* db);

// Creates the anomaly table (component "checks"); idempotent.
Status EnsureChecksSchema(Db* db);

// Stored findings, by month, country, mission, type; filters optional.
struct AnomalyFilter {
  std::optional<Month> month;
  std::string iso3;
  std::optional<Anomaly::Kind> kind;
};
Result<std::vector<Anomaly>> ListAnomalies(Db* db, const AnomalyFilter& filter);

// The corrections `errata add --from-anomalies` makes: for every row the
// checks found swapped in `month` (kSexSwapped, with a type and both
// figures), one that expects the printed figures and swaps them, with
// `reason` and `author`, and as evidence `evidence` or, when empty, the
// row's source and the finding ("FILE (sha256 HEX) page P line L: SUMMARY",
// "import #N page P line L: SUMMARY" for an import whose file is not
// recorded). NotFound "no swapped rows found in 2020-08 (see 'bluehelmet
// anomalies')" when there is none. Reads only; AddErratum or WriteErratum
// writes them.
Result<std::vector<Erratum>> ErrataFromAnomalies(Db* db, Month month, const std::string& reason,
                                                 const std::string& evidence, const std::string& author);

// "2020-08: 51 sex swapped, 1 month share jump" (by month, most first) for
// the import's one line; "" when nothing was found.
std::string DescribeFindings(const std::vector<Anomaly>& found);

}  // namespace bh

#endif  // BLUEHELMET_CHECKS_PLAUSIBILITY_H_
