// What a register says: the summary of what a country sent (per unit type
// and for individual postings) with a plain-English briefing, the headcount
// on a given day in the UN's categories, and the women a unit's next
// rotation needs.
//
// Counting rules (records.h has the dates):
//   - "Sent as of D": a unit once its first out batch set off on or before D,
//     with its full deployed strength (all its members, including those of
//     batches that leave after D; the briefing says how many); a posting
//     once it started on or before D. Each rotation and each posting counts
//     once, as national statements count (a person who served twice counts
//     twice).
//   - Headcount on D: members and postings on strength on D, by mission x
//     UN personnel type (units: their type; postings: Staff Officer, Experts
//     on Mission or Individual Police) x sex. Postings at UN Headquarters are
//     not in any mission and are counted apart.
//   - Shares in summaries are shown with one decimal, rounded half up
//     ("17.5 %"); comparisons with requested shares and UGPS targets are
//     exact (integer arithmetic).
//
// Pure: no I/O. Thread-safe.
#ifndef BLUEHELMET_REGISTER_SUMMARY_H_
#define BLUEHELMET_REGISTER_SUMMARY_H_

#include <optional>
#include <string>
#include <vector>

#include "register/records.h"
#include "scorecard/targets.h"

namespace bh {

// women / total in percent with one decimal, half up: "17.5 %"; "-" for 0.
std::string OneDecimalShare(int64_t women, int64_t total);

enum class RangeComparison { kBelow, kWithin, kAbove };
// Exact: women/total against [min, max].
RangeComparison CompareToRange(int64_t women, int64_t total, const ShareRange& r);
std::string_view RangeComparisonName(RangeComparison c);  // "below", "within", "above"

// One unit type, or the individual postings of one UGPS category.
struct GroupSummary {
  std::string label;  // "Level-2 field hospital", "Individual postings"
  bool individual = false;
  Category category = Category::kContingents;
  int units = 0;  // rotations sent (unit groups)
  int sent = 0, women = 0;
  std::optional<ShareRange> requested;  // when every unit of the group has the same one
  bool requested_varies = false;
  int target_year = 0;
  std::optional<Target> target;
  std::vector<std::string> missions;   // acronyms; "UNHQ" last
  std::vector<std::string> locations;  // unit groups
  std::optional<Date> first_start;
  // Units counted in full though some members' batches set off after as_of:
  // "33 of the 63 personnel of L2FH-3".
  std::vector<std::string> counted_ahead;
};

struct UnitSummary {
  std::string code, unit_type, mission, location;
  std::optional<int> rotation;
  Date began;  // first out batch set off
  int sent = 0, women = 0, authorised = 0;
  int not_yet_departed = 0;  // members whose batch set off after as_of
  std::optional<ShareRange> requested;
  std::optional<Target> target;  // for the year the rotation began
};

struct RegisterSummary {
  std::string country;
  Date as_of;
  bool illustrative = false;
  std::vector<GroupSummary> groups;  // unit types by name, then postings
  std::vector<UnitSummary> units;    // sent units by start
};

// REQUIRES: CheckRegister(r) passed.
RegisterSummary Summarize(const RegisterData& r, const TargetTable& targets, Date as_of);

// One paragraph, e.g. "As of 6 April 2021, Viet Nam has sent 3 level-2 field
// hospital teams with 189 personnel to UNMISS (Bentiu), 33 of them women
// (17.5 %): above the 8–10 % the UN requested ...". Starts with
// "ILLUSTRATIVE register: ..." when the register is illustrative.
std::string Briefing(const RegisterSummary& s, const std::string& country_name);

// "6 April 2021".
std::string LongDate(const Date& d);

struct HeadcountCell {
  std::string mission;
  PersonnelType type = PersonnelType::kTroops;
  int women = 0, men = 0;
  int total() const { return women + men; }
};

struct Headcount {
  Date date;
  std::vector<HeadcountCell> cells;  // by mission, then personnel type order
  int hq_women = 0, hq_men = 0;      // postings at UN Headquarters
};

// REQUIRES: CheckRegister(r) passed.
Headcount HeadcountOn(const RegisterData& r, const Date& d);

// The months a headcount covers by default: from the month of the
// register's first dated event to that of its last (batches joining or
// leaving, members' ends, postings' starts and ends). nullopt when nothing
// is dated.
struct MonthSpan {
  Month from, to;
};
std::optional<MonthSpan> DatedMonths(const RegisterData& r);

// The women a unit's next rotation needs at the unit's authorised strength:
// to meet `year`'s UGPS target for its category, and the bottom and top of
// the share the UN requested. Uses WomenForTarget (exact ceilings), e.g. 63
// at 8 % needs 6 women.
struct RotationPlan {
  std::string unit, unit_type, mission;
  int strength = 0;  // authorised
  int year = 0;
  Category category = Category::kContingents;
  std::optional<Target> target;
  std::optional<int64_t> women_for_target;
  std::optional<ShareRange> requested;
  std::optional<int64_t> women_for_requested_min, women_for_requested_max;
  int current_women = 0, current_sent = 0;  // the unit's own rotation
};
// NotFound "unknown unit 'X' of VNM".
Result<RotationPlan> PlanNextRotation(const RegisterData& r, const TargetTable& targets, const std::string& unit,
                                      int year);

}  // namespace bh

#endif  // BLUEHELMET_REGISTER_SUMMARY_H_
