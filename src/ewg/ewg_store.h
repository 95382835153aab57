// EwgStore: the EWG tables (component "ewg") and the one way to change them.
//
// Tables (migration 1):
//   ewg_member(iso3, side, source)                the 18 ADMM-Plus members
//   ewg_observer(name, iso3, source)              e.g. Timor-Leste, the ASEAN Secretariat
//   ewg(code, name, founded, source, sort)        the seven Experts' Working Groups
//   ewg_cycle(ewg, number, start_date, end_date, asean_cochair, plus_cochair,
//             source, note, origin)               a trigger rejects a co-chair pair that
//                                                 is not one ASEAN + one Plus member
//   ewg_activity(ref, ewg, cycle, number, type, title, start_date, end_date, host,
//                venue, agenda, chaired_by, source, note, origin)
//   ewg_activity_theme(activity, position, theme)
//   ewg_participation(activity, iso3, women, men, illustrative, source, origin)
//   ewg_workplan_item(ref, ewg, cycle, title, status, due, activity, source, note, origin)
//   ewg_outcome(ref, ewg, cycle, kind, title, date, activity, url, source, note, origin)
//   ewg_seed(version, applied_at)                 which built-in fact set was loaded
// Dates are PartialDate text ("2021", "2014-02", "2021-04-06"); end_date NULL
// means not known. `origin` says where a record came from ("built-in",
// "import cycles.csv", "command line"); `source` says where the fact came from.
//
// Writes go through ApplyBatch: every record of a batch is checked against the
// database as the batch would leave it, then all are written in one
// transaction, or none. Records are upserted by key (cycle: ewg + number;
// activity, work-plan item, outcome: ref; participation: activity + country),
// so applying the same batch twice changes nothing.
//
// Thread safety: not thread-safe (holds a Db*).
#ifndef BLUEHELMET_EWG_EWG_STORE_H_
#define BLUEHELMET_EWG_EWG_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "ewg/ewg_model.h"
#include "store/database.h"
#include "store/reference.h"

namespace bh {

// Creates or upgrades the EWG tables. REQUIRES: the core schema (countries).
// Does not load the built-in facts: EnsureEwgSchema (ewg_schema.h) does both.
Status MigrateEwgTables(Db* db);

// A record with where it came from, for error messages: "cycles.csv:3",
// "built-in fact PKO4-M14", "command line".
template <typename T>
struct Located {
  T record;
  std::string where;
};

struct Batch {
  std::vector<Located<Cycle>> cycles;
  std::vector<Located<Activity>> activities;
  std::vector<Located<Participation>> participants;
  std::vector<Located<WorkplanItem>> workplan;
  std::vector<Located<Outcome>> outcomes;
  bool empty() const {
    return cycles.empty() && activities.empty() && participants.empty() && workplan.empty() && outcomes.empty();
  }
};

// What ApplyBatch wrote.
struct ApplySummary {
  int cycles = 0, activities = 0, participants = 0, workplan = 0, outcomes = 0;
  int unchanged = 0;  // records identical to what was stored
};

// Checks then writes the batch, all or nothing. InvalidData, prefixed with
// the record's `where`, for:
//   "cycle PKO 4: two ASEAN co-chairs (Viet Nam, Cambodia) and no Plus co-chair;
//    a cycle has exactly one ASEAN and one Plus co-chair" (and the mirror cases);
//   "cycle PKO 4: 3 co-chairs given (...); a cycle has exactly one ASEAN and one Plus co-chair";
//   "cycle PKO 4: co-chair Timor-Leste is not an ADMM-Plus member";
//   "... end 2021-03 is before start 2021-04-06" (cycles, activities);
//   "activity X (2024-02-01) lies outside cycle PKO 4 (2021 to 2023)";
//   "cycle PKO 4 (2022 to 2023): recorded activity X (2021-04-06) would lie outside it";
//   "unknown EWG 'XYZ' (known: ...)", "cycle PKO 9 is not recorded", "unknown activity 'X'",
//   "... appears twice (also at WHERE)", "column 'source': every record needs its source".
// Unknown countries are rejected earlier, where names are resolved (ewg_csv.h).
Result<ApplySummary> ApplyBatch(Db* db, const Reference& ref, const Batch& batch);

// Reads. An empty `ewg` means all EWGs; codes are matched case-insensitively.
Result<std::vector<Member>> ListMembers(Db* db);
Result<std::vector<Observer>> ListObservers(Db* db);
Result<std::vector<EwgInfo>> ListEwgs(Db* db);
// NotFound: "unknown EWG 'XYZ' (known: CT, CYBER, HADR, HMA, MM, MS, PKO)".
Result<EwgInfo> GetEwg(Db* db, std::string_view code);
Result<std::vector<Cycle>> ListCycles(Db* db, std::string_view ewg);
// NotFound: "cycle PKO 9 is not recorded (see 'bluehelmet ewg cycles --ewg PKO')".
Result<Cycle> GetCycle(Db* db, std::string_view ewg, int number);
// Ordered by start date, then ref.
Result<std::vector<Activity>> ListActivities(Db* db, std::string_view ewg, std::optional<int> cycle);
// NotFound: "unknown activity 'X'".
Result<Activity> GetActivity(Db* db, std::string_view ref);
// Of the activities ListActivities selects, or of one activity when
// `activity_ref` is set; ordered by activity date, then country code.
Result<std::vector<Participation>> ListParticipation(Db* db, std::string_view ewg, std::optional<int> cycle,
                                                     std::string_view activity_ref = {});
Result<std::vector<WorkplanItem>> ListWorkplan(Db* db, std::string_view ewg, std::optional<int> cycle);
Result<std::optional<WorkplanItem>> FindWorkplanItem(Db* db, std::string_view ref);
Result<std::vector<Outcome>> ListOutcomes(Db* db, std::string_view ewg, std::optional<int> cycle);
Result<std::optional<Outcome>> FindOutcome(Db* db, std::string_view ref);

}  // namespace bh

#endif  // BLUEHELMET_EWG_EWG_STORE_H_
