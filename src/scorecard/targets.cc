#include "scorecard/targets.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "base/int128.h"

namespace bh {

Fraction Fraction::Of(int64_t num, int64_t den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  int64_t g = std::gcd(num < 0 ? -num : num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  return {num, den};
}

std::string Fraction::PercentText() const {
  // percent = num * 100 / den, shown with up to two decimals, rounded half up.
  Int128 hundredths = (static_cast<Int128>(num) * 10000 * 2 + den) / (2 * static_cast<Int128>(den));
  int64_t h = static_cast<int64_t>(hundredths);
  if (h % 100 == 0) return fmt::format("{} %", h / 100);
  if (h % 10 == 0) return fmt::format("{}.{} %", h / 100, (h % 100) / 10);
  return fmt::format("{}.{:02d} %", h / 100, h % 100);
}

std::string Target::Label() const {
  return interpolated ? share.PercentText() + " (interpolated)" : share.PercentText();
}

TargetTable::TargetTable(std::string version, std::vector<TargetCell> cells)
    : version_(std::move(version)), cells_(std::move(cells)) {
  std::sort(cells_.begin(), cells_.end(), [](const TargetCell& a, const TargetCell& b) {
    return a.category != b.category ? a.category < b.category : a.year < b.year;
  });
}

std::optional<Target> TargetTable::Lookup(Category c, int year) const {
  const TargetCell* before = nullptr;
  const TargetCell* after = nullptr;
  for (const TargetCell& cell : cells_) {
    if (cell.category != c) continue;
    if (cell.year == year) return Target{Fraction::Of(cell.basis_points, 10000), false, cell.source};
    if (cell.year < year) before = &cell;
    if (cell.year > year && !after) after = &cell;
  }
  if (!before || !after) return std::nullopt;
  // bp(year) = bp_a + (bp_b - bp_a) * (year - y_a) / (y_b - y_a), kept exact.
  int64_t span = after->year - before->year;
  int64_t num = static_cast<int64_t>(before->basis_points) * span +
                static_cast<int64_t>(after->basis_points - before->basis_points) * (year - before->year);
  Fraction f = Fraction::Of(num, span * 10000);
  std::string source = fmt::format("interpolated between {} ({}) and {} ({})", before->year,
                                   Fraction::Of(before->basis_points, 10000).PercentText(), after->year,
                                   Fraction::Of(after->basis_points, 10000).PercentText());
  return Target{f, true, source};
}

int64_t WomenForTarget(int64_t total, const Fraction& t) {
  Int128 p = static_cast<Int128>(total) * t.num;
  return static_cast<int64_t>((p + t.den - 1) / t.den);
}

int64_t WomenNeeded(int64_t women, int64_t total, const Fraction& t) {
  return std::max<int64_t>(0, WomenForTarget(total, t) - women);
}

bool MeetsTarget(int64_t women, int64_t total, const Fraction& t) {
  if (total <= 0) return false;
  return static_cast<Int128>(women) * t.den >= static_cast<Int128>(total) * t.num;
}

}  // namespace bh
