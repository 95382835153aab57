#include "ewg/ewg_model.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

TEST(PartialDateTest, KeepsThePrecisionGiven) {
  static const struct {
    const char* text;
    PartialDate::Precision precision;
    const char* first;
    const char* last;
  } cases[] = {
      {"2021", PartialDate::Precision::kYear, "2021-01-01", "2021-12-31"},
      {"2014-02", PartialDate::Precision::kMonth, "2014-02-01", "2014-02-28"},
      {"2024-02", PartialDate::Precision::kMonth, "2024-02-01", "2024-02-29"},
      {"2021-04-06", PartialDate::Precision::kDay, "2021-04-06", "2021-04-06"},
  };
  for (const auto& c : cases) {
    auto d = PartialDate::Parse(c.text);
    ASSERT_TRUE(d.ok()) << c.text;
    EXPECT_EQ(c.precision, d->precision) << c.text;
    EXPECT_EQ(c.text, d->ToString());
    EXPECT_EQ(c.first, d->First().ToString()) << c.text;
    EXPECT_EQ(c.last, d->Last().ToString()) << c.text;
  }
}

TEST(PartialDateTest, RejectsOtherForms) {
  for (const char* bad : {"6 April 2021", "21", "2021-13", "2021-02-30", "", "06/04/2021"}) {
    auto d = PartialDate::Parse(bad);
    ASSERT_FALSE(d.ok()) << bad;
    EXPECT_EQ(std::string("not a date (want YYYY, YYYY-MM or YYYY-MM-DD): '") + bad + "'", d.status().message());
  }
}

TEST(PartialDateTest, RangeText) {
  PartialDate a = *PartialDate::Parse("2021"), b = *PartialDate::Parse("2023");
  EXPECT_EQ("2021 to 2023", DateRangeText(a, b));
  EXPECT_EQ("2021", DateRangeText(a, a));
  EXPECT_EQ("2021 to (end not known)", DateRangeText(a, std::nullopt));
}

TEST(ActivityTypeTest, NamesAndAbbreviations) {
  EXPECT_EQ(ActivityType::kTableTopExercise, ActivityTypeFromName("TTX"));
  EXPECT_EQ(ActivityType::kTableTopExercise, ActivityTypeFromName("Table-top exercise"));
  EXPECT_EQ(ActivityType::kFieldExercise, ActivityTypeFromName("field exercise"));
  EXPECT_EQ(ActivityType::kSeminar, ActivityTypeFromName("Seminar"));
  EXPECT_FALSE(ActivityTypeFromName("conference"));
  EXPECT_EQ("table-top exercise", ActivityTypeName(ActivityType::kTableTopExercise));
}

TEST(SplitListTest, TrimsAndDropsEmpty) {
  EXPECT_EQ((std::vector<std::string>{"Viet Nam", "Japan"}), SplitList(" Viet Nam ;; Japan; "));
}

}  // namespace
}  // namespace bh
