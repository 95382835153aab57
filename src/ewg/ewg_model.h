// The ADMM-Plus Experts' Working Groups (EWGs): the forum's members, the
// seven EWGs, their cycles, activities, participants, work-plan items and
// outcomes. Plain values and the parsing of their text forms; no I/O.
//
// Dates are stored as precisely as they are known (PartialDate): "2021" when
// a source gives only the year, "2014-02" for a month, "2021-04-06" for a
// day. A year-level date is never widened silently: its first and last days
// are explicit assumptions that outputs label as such.
//
// Rules every cycle obeys (checked by ApplyBatch in ewg_store.h, and by a
// database trigger as a backstop): exactly two co-chairs, one an ASEAN member
// and one a Plus (dialogue partner) member; start not after end.
//
// Thread safety: values; functions are pure and thread-safe.
#ifndef BLUEHELMET_EWG_EWG_MODEL_H_
#define BLUEHELMET_EWG_EWG_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace bh {

// A date known to the year, the month or the day.
struct PartialDate {
  enum class Precision { kYear, kMonth, kDay };
  int year = 0, month = 0, day = 0;  // month/day 0 when not known
  Precision precision = Precision::kDay;

  // "YYYY", "YYYY-MM" or "YYYY-MM-DD". InvalidData:
  // "not a date (want YYYY, YYYY-MM or YYYY-MM-DD): '6 April'".
  static Result<PartialDate> Parse(std::string_view s);
  static PartialDate FromDate(const Date& d) { return {d.year, d.month, d.day, Precision::kDay}; }
  std::string ToString() const;  // the text it was parsed from
  Date First() const;            // 2021 -> 2021-01-01
  Date Last() const;             // 2021 -> 2021-12-31
  bool exact() const { return precision == Precision::kDay; }
  bool operator==(const PartialDate&) const = default;
};

// "2021-04-06", "2021-09-13 to 2021-09-21", "2021 to 2023", "2024 to (end not known)".
std::string DateRangeText(const PartialDate& start, const std::optional<PartialDate>& end);

enum class Side { kAsean, kPlus };
std::string_view SideName(Side s);  // "ASEAN", "Plus"

struct Member {
  std::string iso3;
  Side side = Side::kAsean;
  std::string source;
};

// Attends EWG meetings without being a member: a country or an organisation.
struct Observer {
  std::string name;
  std::string iso3;  // "" for an organisation (the ASEAN Secretariat)
  std::string source;
};

struct EwgInfo {
  std::string code;     // "PKO"
  std::string name;     // "Peacekeeping Operations"
  std::string founded;  // as the sources put it: "2011", "by 2013"; "" = not found
  std::string source;
};

struct Cycle {
  std::string ewg;
  int number = 0;
  PartialDate start;
  std::optional<PartialDate> end;      // nullopt = not known yet
  std::vector<std::string> co_chairs;  // ISO3; valid cycles have one ASEAN and one Plus member
  std::string source, note;
  std::string origin;  // "built-in", "import FILE", "command line"
};

enum class ActivityType { kMeeting, kWorkshop, kSeminar, kTableTopExercise, kFieldExercise };
// "meeting", "workshop", "seminar", "table-top exercise", "field exercise".
std::string_view ActivityTypeName(ActivityType t);
// Also accepts "TTX", "FTX", "table top exercise", case-insensitive.
std::optional<ActivityType> ActivityTypeFromName(std::string_view s);

struct Activity {
  std::string ref;  // unique key, e.g. "PKO4-M14"
  std::string ewg;
  int cycle = 0;
  std::optional<int> number;  // the EWG's own ordinal: 14 for "the 14th meeting"
  ActivityType type = ActivityType::kMeeting;
  std::string title;
  PartialDate start, end;
  std::string host;   // ISO3; "" = not stated
  std::string venue;  // a place, or "virtual"
  std::vector<std::string> themes;
  std::string agenda, chaired_by, source, note;
  std::string origin;
};

// One country's delegation at one activity. Counts by sex are optional:
// attendance is often reported without them.
struct Participation {
  std::string activity_ref;
  std::string iso3;
  std::optional<int64_t> women, men;  // both or neither
  bool illustrative = false;          // invented for a demo: labelled ILLUSTRATIVE
  std::string source;
  std::string origin;
  std::optional<int64_t> total() const {
    if (!women || !men) return std::nullopt;
    return *women + *men;
  }
};

enum class WorkplanStatus { kPlanned, kInProgress, kDone, kCancelled };
std::string_view WorkplanStatusName(WorkplanStatus s);  // "planned", "in progress", "done", "cancelled"
std::optional<WorkplanStatus> WorkplanStatusFromName(std::string_view s);

struct WorkplanItem {
  std::string ref, ewg;
  int cycle = 0;
  std::string title;
  WorkplanStatus status = WorkplanStatus::kPlanned;
  std::optional<PartialDate> due;
  std::string activity_ref;  // "" = none
  std::string source, note, origin;
};

enum class OutcomeKind { kDocument, kOutcome };
std::string_view OutcomeKindName(OutcomeKind k);  // "document", "outcome"
std::optional<OutcomeKind> OutcomeKindFromName(std::string_view s);

struct Outcome {
  std::string ref, ewg;
  int cycle = 0;
  OutcomeKind kind = OutcomeKind::kOutcome;
  std::string title;
  std::optional<PartialDate> date;
  std::string activity_ref, url, source, note, origin;
};

// Splits a ";"-separated list, trimming items and dropping empty ones.
std::vector<std::string> SplitList(std::string_view s);

}  // namespace bh

#endif  // BLUEHELMET_EWG_EWG_MODEL_H_
