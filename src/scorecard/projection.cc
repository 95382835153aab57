#include "scorecard/projection.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace bh {
namespace {

// z for a two-sided 90 % interval.
constexpr double kZ90 = 1.6448536269514722;

double Median(std::vector<double> v) { return Quantile(std::move(v), 0.5); }

double Clamp(double pct) { return std::clamp(pct, 0.0, 100.0); }

}  // namespace

double Quantile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  double h = static_cast<double>(v.size() - 1) * p;
  size_t lo = static_cast<size_t>(std::floor(h));
  size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

double TrendFit::Central(Month m) const { return Clamp(intercept + slope * m.Index()); }

double TrendFit::Lower(Month m) const {
  double dx = m.Index() - pivot_x;
  return Clamp(pivot_y + std::min(slope_lo * dx, slope_hi * dx) + resid_lo);
}

double TrendFit::Upper(Month m) const {
  double dx = m.Index() - pivot_x;
  return Clamp(pivot_y + std::max(slope_lo * dx, slope_hi * dx) + resid_hi);
}

Result<TrendFit> FitTrend(std::vector<SharePoint> points) {
  if (static_cast<int>(points.size()) < kMinProjectionPoints) {
    return Status::InvalidData(
        fmt::format("needs at least {} months with a sex split, has {}", kMinProjectionPoints, points.size()));
  }
  std::sort(points.begin(), points.end(), [](const SharePoint& a, const SharePoint& b) { return a.month < b.month; });
  for (size_t i = 1; i < points.size(); ++i) {
    if (points[i].month == points[i - 1].month) {
      return Status::InvalidArgument(fmt::format("two points for {}", points[i].month.ToString()));
    }
  }
  size_t n = points.size();
  std::vector<double> slopes;
  slopes.reserve(n * (n - 1) / 2);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      slopes.push_back((points[j].share_pct - points[i].share_pct) /
                       static_cast<double>(points[j].month.Index() - points[i].month.Index()));
    }
  }
  TrendFit f;
  f.first = points.front().month;
  f.last = points.back().month;
  f.points = static_cast<int>(n);
  f.slope = Median(slopes);
  std::vector<double> offsets, xs;
  for (const SharePoint& p : points) {
    offsets.push_back(p.share_pct - f.slope * p.month.Index());
    xs.push_back(p.month.Index());
  }
  f.intercept = Median(offsets);

  std::sort(slopes.begin(), slopes.end());
  double N = static_cast<double>(slopes.size());
  double dn = static_cast<double>(n);
  double c = kZ90 * std::sqrt(dn * (dn - 1) * (2 * dn + 5) / 18.0);
  auto at = [&](double rank1) {  // 1-based rank, clamped
    long r = std::lround(rank1);
    r = std::clamp<long>(r, 1, static_cast<long>(slopes.size()));
    return slopes[static_cast<size_t>(r - 1)];
  };
  f.slope_lo = at((N - c) / 2);
  f.slope_hi = at(std::round((N + c) / 2) + 1);

  f.pivot_x = Median(xs);
  f.pivot_y = f.intercept + f.slope * f.pivot_x;
  std::vector<double> resid;
  for (const SharePoint& p : points) resid.push_back(p.share_pct - (f.intercept + f.slope * p.month.Index()));
  f.resid_lo = Quantile(resid, 0.05);
  f.resid_hi = Quantile(resid, 0.95);
  return f;
}

}  // namespace bh
