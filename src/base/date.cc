#include "base/date.h"

#include <fmt/format.h>

#include "base/strings.h"

namespace bh {

namespace {
bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

Result<Date> Checked(int y, int m, int d, std::string_view text) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) {
    return Status::InvalidData(fmt::format("not a date: '{}'", text));
  }
  return Date{y, m, d};
}

constexpr std::string_view kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

Result<Month> Month::Parse(std::string_view s) {
  std::string_view t = Trim(s);
  if (t.size() == 7 && t[4] == '-' && AllDigits(t.substr(0, 4)) && AllDigits(t.substr(5, 2))) {
    int y = ToInt(t.substr(0, 4));
    int m = ToInt(t.substr(5, 2));
    if (m >= 1 && m <= 12 && y >= 1900 && y <= 2200) return Month{y, m};
  }
  return Status::InvalidArgument(fmt::format("not a month (want YYYY-MM): '{}'", s));
}

namespace {
// Writes `v` as exactly `width` digits (zero-padded; values wider than that
// keep only their low digits, which no valid date has).
char* PutDigits(char* p, int v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + width;
}
bool InPlainRange(int year, int month, int day) {
  return year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99;
}
}  // namespace

// Hand-formatted: called twice for every imported row.
std::string Month::ToString() const {
  if (!InPlainRange(year, month, 0)) return fmt::format("{:04d}-{:02d}", year, month);
  char buf[7];
  char* p = PutDigits(buf, year, 4);
  *p++ = '-';
  PutDigits(p, month, 2);
  return std::string(buf, sizeof buf);
}

Result<Date> Date::ParseIso(std::string_view s) {
  std::string_view t = Trim(s);
  if (t.size() == 10 && t[4] == '-' && t[7] == '-' && AllDigits(t.substr(0, 4)) && AllDigits(t.substr(5, 2)) &&
      AllDigits(t.substr(8, 2))) {
    auto r = Checked(ToInt(t.substr(0, 4)), ToInt(t.substr(5, 2)), ToInt(t.substr(8, 2)), s);
    if (r.ok()) return r;
  }
  return Status::InvalidArgument(fmt::format("not a date (want YYYY-MM-DD): '{}'", s));
}

std::string Date::ToString() const {
  if (!InPlainRange(year, month, day)) return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
  char buf[10];
  char* p = PutDigits(buf, year, 4);
  *p++ = '-';
  p = PutDigits(p, month, 2);
  *p++ = '-';
  PutDigits(p, day, 2);
  return std::string(buf, sizeof buf);
}

bool Date::IsLastDayOfMonth() const { return day == DaysInMonth(year, month); }

Date Date::LastDayOf(Month m) { return {m.year, m.month, DaysInMonth(m.year, m.month)}; }

// Howard Hinnant's days_from_civil.
int Date::DaysSinceEpoch() const {
  int y = year - (month <= 2 ? 1 : 0);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = static_cast<unsigned>(y - era * 400);
  unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
  unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

Date Date::FromDaysSinceEpoch(int z) {
  z += 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {y + (m <= 2 ? 1 : 0), m, d};
}

Result<Date> ParseDate(std::string_view s) {
  std::string_view t = Trim(s);
  if (t.size() > 9 && t.substr(t.size() - 9) == " 00:00:00") t.remove_suffix(9);
  auto bad = [&] { return Status::InvalidData(fmt::format("not a date: '{}'", s)); };
  // yyyy-mm-dd
  if (t.size() == 10 && t[4] == '-' && t[7] == '-') {
    if (!AllDigits(t.substr(0, 4)) || !AllDigits(t.substr(5, 2)) || !AllDigits(t.substr(8, 2))) return bad();
    return Checked(ToInt(t.substr(0, 4)), ToInt(t.substr(5, 2)), ToInt(t.substr(8, 2)), s);
  }
  // dd/mm/yyyy (also d/m/yyyy)
  if (t.find('/') != std::string_view::npos) {
    auto parts = Split(t, '/');
    if (parts.size() != 3 || !AllDigits(parts[0]) || !AllDigits(parts[1]) || parts[2].size() != 4 ||
        !AllDigits(parts[2]) || parts[0].size() > 2 || parts[1].size() > 2)
      return bad();
    return Checked(ToInt(parts[2]), ToInt(parts[1]), ToInt(parts[0]), s);
  }
  // dd-Mon-yy or dd-Mon-yyyy
  auto parts = Split(t, '-');
  if (parts.size() == 3 && AllDigits(parts[0]) && parts[0].size() <= 2 && parts[1].size() == 3 && AllDigits(parts[2]) &&
      (parts[2].size() == 2 || parts[2].size() == 4)) {
    std::string mon = ToLowerAscii(parts[1]);
    for (int i = 0; i < 12; ++i) {
      if (mon == kMonthNames[i]) {
        int y = ToInt(parts[2]);
        if (parts[2].size() == 2) y += 2000;
        return Checked(y, i + 1, ToInt(parts[0]), s);
      }
    }
  }
  return bad();
}

std::optional<int> MonthFromName(std::string_view name) {
  static constexpr std::string_view kFull[] = {"january", "february", "march",     "april",   "may",      "june",
                                               "july",    "august",   "september", "october", "november", "december"};
  std::string_view t = Trim(name);
  while (!t.empty() && (t.back() == ',' || t.back() == '.')) t.remove_suffix(1);
  std::string lower = ToLowerAscii(t);
  for (int i = 0; i < 12; ++i) {
    if (lower == kFull[i] || lower == kMonthNames[i]) return i + 1;
  }
  return std::nullopt;
}

}  // namespace bh
