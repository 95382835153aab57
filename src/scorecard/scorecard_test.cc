#include "scorecard/scorecard.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

TargetTable Targets() {
  return TargetTable("t", {{Category::kContingents, 2021, 800, "a"}, {Category::kObserversStaff, 2021, 1800, "a"}});
}

TEST(ScorecardTest, StatusBoundaries) {
  std::optional<Target> eight = Target{Fraction::Of(8, 100), false, "a"};
  EXPECT_EQ(ParityStatus::kGreen, StatusFor(2, 25, true, eight));     // exactly 8 %: green
  EXPECT_EQ(ParityStatus::kYellow, StatusFor(1, 25, true, eight));    // 4 %
  EXPECT_EQ(ParityStatus::kYellow, StatusFor(1, 2000, true, eight));  // 0.05 %: still some women
  EXPECT_EQ(ParityStatus::kRed, StatusFor(0, 25, true, eight));
  EXPECT_EQ(ParityStatus::kNoTarget, StatusFor(3, 25, true, std::nullopt));
  EXPECT_EQ(ParityStatus::kRed, StatusFor(0, 25, true, std::nullopt));
  EXPECT_EQ(ParityStatus::kNoSexSplit, StatusFor(0, 25, false, eight));
}

TEST(ScorecardTest, RanksAmongAllCountriesAndGroupTotals) {
  std::vector<CategoryFigures> all = {
      {"BGD", Category::kContingents, 300, 5700, 6000, true}, {"VNM", Category::kContingents, 13, 49, 62, true},
      {"JPN", Category::kContingents, 0, 4, 4, true},         {"IND", Category::kContingents, 13, 5000, 5013, true},
      {"VNM", Category::kObserversStaff, 1, 9, 10, true},
  };
  auto rows = ComputeScorecard(all, Targets(), 2021, {"VNM", "JPN"}, "Pair");
  ASSERT_EQ(5u, rows.size());
  const ScoreRow& vnm = rows[0];
  EXPECT_EQ("VNM", vnm.iso3);
  EXPECT_EQ(ParityStatus::kGreen, vnm.status);  // 13/62 = 21 %
  EXPECT_EQ(2, vnm.rank_women);                 // tied with IND at 13
  EXPECT_EQ(1, vnm.rank_share);
  EXPECT_EQ(4, vnm.ranked_countries);
  EXPECT_EQ(0, *vnm.women_needed);
  const ScoreRow& jpn = rows[1];
  EXPECT_EQ(ParityStatus::kRed, jpn.status);
  EXPECT_EQ(4, jpn.rank_women);
  EXPECT_EQ(1, *jpn.women_needed);  // 8 % of 4 = 0.32 -> 1
  const ScoreRow& total = rows[2];
  EXPECT_TRUE(total.group_total);
  EXPECT_EQ("Pair", total.iso3);
  EXPECT_EQ(13, total.women);
  EXPECT_EQ(66, total.total);
  EXPECT_EQ(ParityStatus::kGreen, total.status);
  EXPECT_EQ(Category::kObserversStaff, rows[3].category);
  EXPECT_EQ(ParityStatus::kYellow, rows[3].status);  // 10 % < 18 %
  EXPECT_EQ(1, *rows[3].women_needed);               // 18 % of 10 = 1.8 -> 2
}

TEST(ScorecardTest, UnknownSexIsNeverScored) {
  std::vector<CategoryFigures> all = {{"BGD", Category::kContingents, 0, 0, 6378, false}};
  auto rows = ComputeScorecard(all, Targets(), 2023, {}, "");
  ASSERT_EQ(1u, rows.size());
  EXPECT_EQ(ParityStatus::kNoSexSplit, rows[0].status);
  EXPECT_FALSE(rows[0].women_needed);
  EXPECT_EQ(0, rows[0].rank_women);
  EXPECT_FALSE(rows[0].share());
}

}  // namespace
}  // namespace bh
