#include "ewg/ewg_model.h"

#include <fmt/format.h>

#include "base/strings.h"

namespace bh {

namespace {
bool Digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}
int Num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
}  // namespace

Result<PartialDate> PartialDate::Parse(std::string_view s) {
  std::string_view t = Trim(s);
  auto bad = [&] { return Status::InvalidData(fmt::format("not a date (want YYYY, YYYY-MM or YYYY-MM-DD): '{}'", s)); };
  if (t.size() == 4 && Digits(t)) {
    int y = Num(t);
    if (y < 1900 || y > 2200) return bad();
    return PartialDate{y, 0, 0, Precision::kYear};
  }
  if (t.size() == 7 && t[4] == '-' && Digits(t.substr(0, 4)) && Digits(t.substr(5, 2))) {
    int y = Num(t.substr(0, 4)), m = Num(t.substr(5, 2));
    if (y < 1900 || y > 2200 || m < 1 || m > 12) return bad();
    return PartialDate{y, m, 0, Precision::kMonth};
  }
  auto d = Date::ParseIso(t);
  if (!d.ok()) return bad();
  return FromDate(*d);
}

std::string PartialDate::ToString() const {
  switch (precision) {
    case Precision::kYear:
      return fmt::format("{:04d}", year);
    case Precision::kMonth:
      return fmt::format("{:04d}-{:02d}", year, month);
    case Precision::kDay:
      break;
  }
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

Date PartialDate::First() const {
  switch (precision) {
    case Precision::kYear:
      return {year, 1, 1};
    case Precision::kMonth:
      return {year, month, 1};
    case Precision::kDay:
      break;
  }
  return {year, month, day};
}

Date PartialDate::Last() const {
  switch (precision) {
    case Precision::kYear:
      return {year, 12, 31};
    case Precision::kMonth:
      return Date::LastDayOf({year, month});
    case Precision::kDay:
      break;
  }
  return {year, month, day};
}

std::string DateRangeText(const PartialDate& start, const std::optional<PartialDate>& end) {
  if (!end) return start.ToString() + " to (end not known)";
  if (*end == start) return start.ToString();
  return start.ToString() + " to " + end->ToString();
}

std::string_view SideName(Side s) { return s == Side::kAsean ? "ASEAN" : "Plus"; }

std::string_view ActivityTypeName(ActivityType t) {
  switch (t) {
    case ActivityType::kMeeting:
      return "meeting";
    case ActivityType::kWorkshop:
      return "workshop";
    case ActivityType::kSeminar:
      return "seminar";
    case ActivityType::kTableTopExercise:
      return "table-top exercise";
    case ActivityType::kFieldExercise:
      return "field exercise";
  }
  return "?";
}

std::optional<ActivityType> ActivityTypeFromName(std::string_view s) {
  std::string k = NameKey(s);  // case-folded, hyphens as spaces
  if (k == "meeting") return ActivityType::kMeeting;
  if (k == "workshop") return ActivityType::kWorkshop;
  if (k == "seminar") return ActivityType::kSeminar;
  if (k == "table top exercise" || k == "tabletop exercise" || k == "ttx") return ActivityType::kTableTopExercise;
  if (k == "field exercise" || k == "ftx") return ActivityType::kFieldExercise;
  return std::nullopt;
}

std::string_view WorkplanStatusName(WorkplanStatus s) {
  switch (s) {
    case WorkplanStatus::kPlanned:
      return "planned";
    case WorkplanStatus::kInProgress:
      return "in progress";
    case WorkplanStatus::kDone:
      return "done";
    case WorkplanStatus::kCancelled:
      return "cancelled";
  }
  return "?";
}

std::optional<WorkplanStatus> WorkplanStatusFromName(std::string_view s) {
  std::string k = NameKey(s);
  if (k == "planned") return WorkplanStatus::kPlanned;
  if (k == "in progress") return WorkplanStatus::kInProgress;
  if (k == "done") return WorkplanStatus::kDone;
  if (k == "cancelled") return WorkplanStatus::kCancelled;
  return std::nullopt;
}

std::string_view OutcomeKindName(OutcomeKind k) { return k == OutcomeKind::kDocument ? "document" : "outcome"; }

std::optional<OutcomeKind> OutcomeKindFromName(std::string_view s) {
  std::string k = NameKey(s);
  if (k == "document") return OutcomeKind::kDocument;
  if (k == "outcome") return OutcomeKind::kOutcome;
  return std::nullopt;
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view part : Split(s, ';')) {
    part = Trim(part);
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

}  // namespace bh
