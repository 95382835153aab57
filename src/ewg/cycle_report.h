// The cycle report: one EWG cycle's co-chairs, activities and themes, who took
// part (by country and sex) and the women's share among participants, its work
// plan and outcomes, and the members' UN contribution scorecard (the core
// "ADMM-Plus" group) at the start and at the end of the cycle.
//
// The scorecard months follow from the cycle's dates as precisely as they are
// known: a day- or month-level start gives its month; a year-level start gives
// January of that year, and a year-level end December, each labelled as an
// assumption. Options override either month. When the store has no UN figures
// for a month, the report says so and shows no rows; it never substitutes
// another month. SYNTHETIC sources are labelled as the core scorecard does.
//
// Participation figures marked illustrative are labelled ILLUSTRATIVE in every
// table and note that uses them.
//
// Thread safety: not thread-safe (reads a Db).
#ifndef BLUEHELMET_EWG_CYCLE_REPORT_H_
#define BLUEHELMET_EWG_CYCLE_REPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "ewg/ewg_model.h"
#include "query/queries.h"
#include "scorecard/scorecard.h"
#include "store/database.h"
#include "store/reference.h"

namespace bh {

struct CycleReportOptions {
  std::optional<Month> at_start, at_end;  // override the scorecard months
};

struct ScorecardSnapshot {
  std::optional<Month> month;       // nullopt when it cannot be derived (end not known)
  std::string basis;                // why this month, e.g. "... January is an assumption"
  bool has_figures = false;         // the store has UN figures for the month
  std::vector<ScoreRow> rows;       // ADMM-Plus members, with group totals
  std::vector<std::string> absent;  // members with no personnel that month (ISO3)
  std::vector<SourceFile> sources;
};

struct CountryParticipation {
  std::string iso3;
  std::string side;     // "ASEAN", "Plus", "observer" or "other"
  int activities = 0;   // activities the country's delegation attended
  int with_counts = 0;  // of those, how many have counts by sex
  int64_t women = 0, men = 0;
  bool reported = false, illustrative = false;
};

struct CycleReport {
  EwgInfo ewg;
  Cycle cycle;
  std::vector<Activity> activities;
  std::vector<int> delegations;                     // per activity: participation records
  std::vector<CountryParticipation> participation;  // ASEAN, Plus, observers, others; by name within
  int records = 0, records_with_counts = 0;
  int64_t women = 0, men = 0;
  bool any_illustrative = false;
  std::vector<WorkplanItem> workplan;
  std::vector<Outcome> outcomes;
  std::string target_version;
  ScorecardSnapshot at_start, at_end;
};

// NotFound for an unknown EWG or cycle.
Result<CycleReport> BuildCycleReport(Db* db, const Reference& ref, std::string_view ewg, int cycle,
                                     const CycleReportOptions& options);

// Its tables are views/cycle_report_view.h's CycleReportTables.

}  // namespace bh

#endif  // BLUEHELMET_EWG_CYCLE_REPORT_H_
