// The scorecard: each country's women, strength, share and status per UGPS
// category in one month, against that year's target.
//
// Status follows the UN's monthly "Operational Effect and Women
// Peacekeepers" list: green when the share meets or exceeds the target,
// yellow with some women but below it, red with none. Where no target exists
// for the year, a country with women is "no target" (red still applies).
// Where the source gives no sex split (the 2023-09 report), status is
// "no sex split" and nothing is inferred.
//
// Ranks are taken among every country with personnel in the category that
// month ("1224" competition ranking: ties share a rank), so a filtered
// scorecard still shows world ranks.
//
// Pure: no I/O. Thread-safe.
#ifndef BLUEHELMET_SCORECARD_SCORECARD_H_
#define BLUEHELMET_SCORECARD_SCORECARD_H_

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "scorecard/targets.h"

namespace bh {

// One country's figures in one category and month.
struct CategoryFigures {
  std::string iso3;
  Category category = Category::kContingents;
  int64_t women = 0, men = 0, total = 0;
  bool sex_known = true;  // false when any contributing row lacks a sex split
};

enum class ParityStatus { kGreen, kYellow, kRed, kNoTarget, kNoSexSplit };
std::string_view ParityStatusName(ParityStatus s);  // "green", "yellow", "red", "no target", "no sex split"

struct ScoreRow {
  std::string iso3;  // or the group name for a group total row
  bool group_total = false;
  Category category = Category::kContingents;
  int64_t women = 0, total = 0;
  bool sex_known = true;
  std::optional<Target> target;
  ParityStatus status = ParityStatus::kRed;
  std::optional<int64_t> women_needed;  // with a target and a sex split
  int rank_women = 0, rank_share = 0;   // 0 = not ranked (group rows, unknown sex)
  int ranked_countries = 0;             // how many countries the ranks are among
  std::optional<Fraction> share() const;
};

ParityStatus StatusFor(int64_t women, int64_t total, bool sex_known, const std::optional<Target>& target);

// Scores every country in `all` (the whole month), then keeps the rows of
// `countries` (all when empty) in the given order, category by category, and
// appends a total row per category when `group_name` is set.
std::vector<ScoreRow> ComputeScorecard(const std::vector<CategoryFigures>& all, const TargetTable& targets, int year,
                                       const std::vector<std::string>& countries, const std::string& group_name);

}  // namespace bh

#endif  // BLUEHELMET_SCORECARD_SCORECARD_H_
