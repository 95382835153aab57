// Calendar dates and months as the UN reports them.
//
// The UN's files print the same day in several ways: "31/01/2021",
// "31-Jan-21", "2021-01-31" (and "31-Jan-2021"). ParseDate reads all of them
// and nothing else; a two-digit year yy means 20yy (the data start in 2002).
// Pure value types; thread-safe.
#ifndef BLUEHELMET_BASE_DATE_H_
#define BLUEHELMET_BASE_DATE_H_

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace bh {

struct Month {
  int year = 0;
  int month = 0;  // 1..12

  // "YYYY-MM". Fails with InvalidArgument naming the text.
  static Result<Month> Parse(std::string_view s);
  std::string ToString() const;  // "2021-04"
  int Index() const { return year * 12 + (month - 1); }
  static Month FromIndex(int idx) { return {idx / 12, idx % 12 + 1}; }
  Month Next() const { return FromIndex(Index() + 1); }
  Month Prev() const { return FromIndex(Index() - 1); }
  auto operator<=>(const Month&) const = default;
};

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  // "YYYY-MM-DD" only (ISO 8601), for user input and stored values.
  static Result<Date> ParseIso(std::string_view s);
  std::string ToString() const;  // "2021-04-30"
  Month ToMonth() const { return {year, month}; }
  bool IsLastDayOfMonth() const;
  static Date LastDayOf(Month m);
  // Days since 1970-01-01 (proleptic Gregorian), for differences.
  int DaysSinceEpoch() const;
  static Date FromDaysSinceEpoch(int days);
  auto operator<=>(const Date&) const = default;
};

int DaysInMonth(int year, int month);

// Reads "dd/mm/yyyy", "dd-Mon-yy", "dd-Mon-yyyy", "yyyy-mm-dd" (also with a
// trailing " 00:00:00"). Fails with InvalidData quoting the text.
Result<Date> ParseDate(std::string_view s);

// The month (1..12) an English month name stands for, full ("November") or
// abbreviated ("Nov"), any case, a trailing comma or period ignored;
// nullopt for anything else.
std::optional<int> MonthFromName(std::string_view name);

}  // namespace bh

#endif  // BLUEHELMET_BASE_DATE_H_
