#include "scorecard/projection.h"

#include <gtest/gtest.h>

#include <cmath>

namespace bh {
namespace {

// y = a + b * i for months first, first+1, ... (i = 0, 1, ...).
std::vector<SharePoint> Line(Month first, int n, double a, double b) {
  std::vector<SharePoint> out;
  for (int i = 0; i < n; ++i) out.push_back({Month::FromIndex(first.Index() + i), a + b * i});
  return out;
}

TEST(ProjectionTest, AnExactLineIsItsOwnTrendWithANarrowBand) {
  // 5 % in 2024-01 rising 0.1 point a month for 24 months.
  auto fit = FitTrend(Line({2024, 1}, 24, 5.0, 0.1));
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  EXPECT_EQ((Month{2024, 1}), fit->first);
  EXPECT_EQ((Month{2025, 12}), fit->last);
  EXPECT_EQ(24, fit->points);
  EXPECT_NEAR(0.1, fit->slope, 1e-12);
  EXPECT_NEAR(0.1, fit->slope_lo, 1e-12);
  EXPECT_NEAR(0.1, fit->slope_hi, 1e-12);
  EXPECT_NEAR(5.0, fit->Central({2024, 1}), 1e-9);
  EXPECT_NEAR(7.4, fit->Central({2026, 1}), 1e-9);   // 24 months on
  EXPECT_NEAR(12.5, fit->Central({2030, 4}), 1e-9);  // 75 months on
  EXPECT_NEAR(fit->Central({2028, 12}), fit->Lower({2028, 12}), 1e-9);
  EXPECT_NEAR(fit->Central({2028, 12}), fit->Upper({2028, 12}), 1e-9);
  // 8 % is reached 30 months after 2024-01.
  auto cross = FirstMonthReaching([&](Month m) { return fit->Central(m); }, 8.0, {2026, 1}, {2050, 12});
  ASSERT_TRUE(cross);
  EXPECT_EQ((Month{2026, 7}), *cross);
}

TEST(ProjectionTest, OneWildMonthMovesNeitherSlopeNorIntercept) {
  auto points = Line({2023, 1}, 20, 10.0, -0.05);
  points[7].share_pct = 60;  // a misprint
  auto fit = FitTrend(points);
  ASSERT_TRUE(fit.ok());
  EXPECT_NEAR(-0.05, fit->slope, 1e-12);
  EXPECT_NEAR(10.0, fit->Central({2023, 1}), 1e-9);
  // A falling trend never reaches a target above today's share.
  EXPECT_FALSE(FirstMonthReaching([&](Month m) { return fit->Central(m); }, 12.0, {2024, 9}, {2050, 12}));
}

TEST(ProjectionTest, TheIntervalFollowsSensRanksAndTheResiduals) {
  // Alternating +-1 around a flat 10 %: twelve points 9, 11, 9, 11, ...
  std::vector<SharePoint> points;
  for (int i = 0; i < 12; ++i) points.push_back({Month::FromIndex(Month{2020, 1}.Index() + i), i % 2 ? 11.0 : 9.0});
  auto fit = FitTrend(points);
  ASSERT_TRUE(fit.ok());
  // 66 pairwise slopes: 30 zero (same parity), 36 of +-2/d for odd d.
  EXPECT_NEAR(0.0, fit->slope, 1e-12);
  EXPECT_NEAR(10.0, fit->intercept, 1e-12);  // median of 9s and 11s
  // C = 1.6449 * sqrt(12 * 11 * 29 / 18) = 23.99: b_lo is the
  // round(21.01) = 21st smallest slope (0) and b_hi the round(44.99) + 1 =
  // 46th (2/11, the first positive one: the series starts low, ends high).
  EXPECT_DOUBLE_EQ(0.0, fit->slope_lo);
  EXPECT_DOUBLE_EQ(2.0 / 11.0, fit->slope_hi);
  // Residuals are -1 and +1 (six each): 5th percentile -1, 95th +1.
  EXPECT_DOUBLE_EQ(-1.0, fit->resid_lo);
  EXPECT_DOUBLE_EQ(1.0, fit->resid_hi);
  // 2030-01 is 114.5 months after the median month (between 2020-06 and
  // 2020-07): lower 10 + 0 - 1, upper 10 + 114.5 * 2/11 + 1.
  EXPECT_NEAR(9.0, fit->Lower({2030, 1}), 1e-9);
  EXPECT_NEAR(11.0 + 114.5 * 2.0 / 11.0, fit->Upper({2030, 1}), 1e-9);
}

TEST(ProjectionTest, RefusesTooFewMonthsAndDuplicates) {
  auto few = FitTrend(Line({2024, 1}, 11, 5.0, 0.1));
  EXPECT_EQ("needs at least 12 months with a sex split, has 11", few.status().message());
  auto points = Line({2024, 1}, 12, 5.0, 0.1);
  points.push_back(points[3]);
  EXPECT_EQ("two points for 2024-04", FitTrend(points).status().message());
}

TEST(ProjectionTest, QuantilesInterpolateBetweenOrderStatistics) {
  EXPECT_DOUBLE_EQ(2.5, Quantile({4, 1, 3, 2}, 0.5));
  EXPECT_DOUBLE_EQ(1.15, Quantile({1, 2, 3, 4}, 0.05));
  EXPECT_DOUBLE_EQ(4.0, Quantile({1, 2, 3, 4}, 1.0));
}

}  // namespace
}  // namespace bh
