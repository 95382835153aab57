#include "base/date.h"

#include <gtest/gtest.h>

#include "base/clock.h"

namespace bh {
namespace {

TEST(DateTest, ParsesEveryUnFormat) {
  struct Case {
    const char* text;
    Date want;
  } cases[] = {
      {"31/01/2021", {2021, 1, 31}},          {"31-Jan-21", {2021, 1, 31}},    {"2021-01-31", {2021, 1, 31}},
      {"30-Nov-20", {2020, 11, 30}},          {"31-JAN-2022", {2022, 1, 31}},  {"1/7/2020", {2020, 7, 1}},
      {"2020-07-31 00:00:00", {2020, 7, 31}}, {" 29/02/2020 ", {2020, 2, 29}},
  };
  for (const auto& c : cases) {
    auto d = ParseDate(c.text);
    ASSERT_TRUE(d.ok()) << c.text << ": " << d.status().message();
    EXPECT_EQ(c.want, *d) << c.text;
  }
}

TEST(DateTest, RejectsNonDatesWithTheText) {
  for (const char* text :
       {"", "31/13/2021", "29/02/2021", "31-Foo-21", "2021/01/31", "yesterday", "31-01-21", "2021-1-31"}) {
    auto d = ParseDate(text);
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(std::string("not a date: '") + text + "'", d.status().message());
  }
}

TEST(DateTest, MonthParseAndArithmetic) {
  auto m = Month::Parse("2021-04");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ("2021-04", m->ToString());
  EXPECT_EQ("2021-05", m->Next().ToString());
  EXPECT_EQ("2020-12", Month({2021, 1}).Prev().ToString());
  EXPECT_FALSE(Month::Parse("2021-13").ok());
  EXPECT_EQ("not a month (want YYYY-MM): '04/2021'", Month::Parse("04/2021").status().message());
}

TEST(DateTest, DaysSinceEpochRoundTrips) {
  Date d{2021, 4, 6};
  EXPECT_EQ(18723, d.DaysSinceEpoch());
  EXPECT_EQ(d, Date::FromDaysSinceEpoch(d.DaysSinceEpoch()));
  EXPECT_EQ((Date{2020, 2, 29}), Date::LastDayOf({2020, 2}));
  EXPECT_TRUE((Date{2021, 4, 30}).IsLastDayOfMonth());
}

TEST(DateTest, MonthFromName) {
  EXPECT_EQ(11, MonthFromName("November,"));
  EXPECT_EQ(11, MonthFromName("nov"));
  EXPECT_EQ(1, MonthFromName("January"));
  EXPECT_EQ(9, MonthFromName("Sep."));
  EXPECT_EQ(std::nullopt, MonthFromName("Novembre"));
  EXPECT_EQ(std::nullopt, MonthFromName(""));
  EXPECT_EQ(std::nullopt, MonthFromName("2016"));
}

TEST(DateTest, TodayUtcIsTheClocksDay) {
  EXPECT_EQ("2023-11-14", TodayUtc(FakeClock(1700000000)).ToString());  // 22:13:20 UTC
  EXPECT_EQ("1970-01-01", TodayUtc(FakeClock(0)).ToString());
  EXPECT_EQ("1969-12-31", TodayUtc(FakeClock(-1)).ToString());
}

}  // namespace
}  // namespace bh
