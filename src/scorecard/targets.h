// UGPS targets as exact fractions, with the rule for years between sourced
// cells.
//
// A TargetTable holds one version's sourced cells (category, year, basis
// points, source). Lookup(category, year):
//   - a sourced cell            -> that value, labelled with its source;
//   - between two sourced cells -> linear interpolation, always labelled
//                                  "interpolated", never shown as official;
//   - before the first or after the last sourced cell -> no target.
// Values are exact rationals, so "8 % of 1,225" is exactly 98 women and a
// share equal to the target is never lost to rounding.
//
// Pure; thread-safe after construction.
#ifndef BLUEHELMET_SCORECARD_TARGETS_H_
#define BLUEHELMET_SCORECARD_TARGETS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/personnel.h"

namespace bh {

struct TargetCell {
  Category category;
  int year;
  int basis_points;  // 800 = 8 %
  std::string source;
};

// A fraction of 1: num/den (reduced, den > 0).
struct Fraction {
  int64_t num = 0;
  int64_t den = 1;
  static Fraction Of(int64_t num, int64_t den);
  // "8 %", "13.33 %" (two decimals when not whole).
  std::string PercentText() const;
  double ToDouble() const { return static_cast<double>(num) / static_cast<double>(den); }
};

struct Target {
  Fraction share;
  bool interpolated = false;
  std::string source;  // the cell's source, or "interpolated between 2022 (12 %) and 2028 (20 %)"
  // "8 %" or "13.33 % (interpolated)"
  std::string Label() const;
};

class TargetTable {
 public:
  TargetTable() = default;
  TargetTable(std::string version, std::vector<TargetCell> cells);

  std::optional<Target> Lookup(Category c, int year) const;
  const std::string& version() const { return version_; }
  const std::vector<TargetCell>& cells() const { return cells_; }

 private:
  std::string version_;
  std::vector<TargetCell> cells_;  // sorted by category, year
};

// Smallest number of women w with w / total >= target, i.e.
// ceil(total * num / den). REQUIRES: total >= 0.
int64_t WomenForTarget(int64_t total, const Fraction& target);

// How many more women the same strength needs: max(0, WomenForTarget - women).
int64_t WomenNeeded(int64_t women, int64_t total, const Fraction& target);

// women / total >= target, exactly. False when total == 0.
bool MeetsTarget(int64_t women, int64_t total, const Fraction& target);

}  // namespace bh

#endif  // BLUEHELMET_SCORECARD_TARGETS_H_
