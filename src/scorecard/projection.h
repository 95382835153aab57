// Projection of a share of women: a robust linear trend over recent months
// (Theil–Sen), with an interval, and what it says about the UGPS targets.
// A projection is arithmetic on the past, not a forecast of decisions: every
// table built from it is labelled "projection" and names the months used.
//
// The method, exactly (docs/projection.md):
//   - Points: (x, y) with x the month's index (months since year 0) and y
//     the share of women in percent, one per month that has a sex split.
//   - Slope b: the median of the slopes (y_j - y_i) / (x_j - x_i) over all
//     pairs i < j (Theil 1950, Sen 1968). Intercept a: the median of
//     y_i - b x_i. So one wild month moves neither.
//   - Slope interval [b_lo, b_hi]: Sen's rank interval at 90 %: with the N
//     pairwise slopes sorted, C = 1.6449 * sqrt(n (n - 1) (2n + 5) / 18)
//     (n points, no correction for ties), b_lo is the round((N - C) / 2)-th
//     and b_hi the (round((N + C) / 2) + 1)-th smallest (1-based, clamped
//     to 1..N).
//   - Band at month x: the two lines of slope b_lo and b_hi through the
//     central line's value at the median month x~ (a + b x~), the lower
//     one shifted by the 5th and the upper one by the 95th percentile of
//     the residuals y_i - (a + b x_i) (percentiles by linear interpolation
//     between order statistics, R's type 7), clamped to [0, 100] as the
//     central value is.
//
// Pure; thread-safe.
#ifndef BLUEHELMET_SCORECARD_PROJECTION_H_
#define BLUEHELMET_SCORECARD_PROJECTION_H_

#include <optional>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace bh {

// How many points a fit needs at least: fewer months make a slope of noise.
inline constexpr int kMinProjectionPoints = 12;
// The default window: the last 24 months.
inline constexpr int kDefaultProjectionWindow = 24;

struct SharePoint {
  Month month;
  double share_pct = 0;  // women / total * 100
};

struct TrendFit {
  Month first, last;  // the first and last month used
  int points = 0;
  double slope = 0;      // percentage points per month
  double intercept = 0;  // at month index 0
  double slope_lo = 0, slope_hi = 0;
  double pivot_x = 0, pivot_y = 0;    // median month index, central value there
  double resid_lo = 0, resid_hi = 0;  // 5th and 95th percentiles of the residuals

  // The central projection at month m, in percent, clamped to [0, 100].
  double Central(Month m) const;
  // The 90 % band at month m (lower, upper), clamped to [0, 100].
  double Lower(Month m) const;
  double Upper(Month m) const;
};

// Fits the points (any order; one per month). InvalidData when there
// are fewer than kMinProjectionPoints: "needs at least 12 months with a sex
// split, has 5". InvalidArgument when two points share a month.
Result<TrendFit> FitTrend(std::vector<SharePoint> points);

// The first month from `from` to `until` (both included) in which `value`
// reaches `target_pct` (within 1e-9), or nullopt.
template <typename F>
std::optional<Month> FirstMonthReaching(F value, double target_pct, Month from, Month until) {
  for (Month m = from; m <= until; m = m.Next()) {
    if (value(m) >= target_pct - 1e-9) return m;
  }
  return std::nullopt;
}

// The p-quantile (0 <= p <= 1) of `v` by linear interpolation between order
// statistics (R's type 7). REQUIRES: v not empty.
double Quantile(std::vector<double> v, double p);

}  // namespace bh

#endif  // BLUEHELMET_SCORECARD_PROJECTION_H_
