// views/: `bluehelmet project` (issue 13): per UGPS category, the recent
// trend of a country's or a group's share of women (Theil–Sen over the last
// months, scorecard/projection.h), carried forward to 2028 against the
// UGPS targets; and `project --backtest`, the same method checked on the
// past. Every table is titled "Projection" and names the months it used: a
// projection is arithmetic on the past, not a forecast. The input is the
// monthly series of query/series.h (SeriesFor): a group counts its members
// of each month; missing months are left out of a fit, never filled in.
//
// Thread safety: as core_views.h.
#ifndef BLUEHELMET_VIEWS_PROJECTION_VIEWS_H_
#define BLUEHELMET_VIEWS_PROJECTION_VIEWS_H_

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "scorecard/projection.h"
#include "store/database.h"
#include "store/reference.h"
#include "table/table.h"

namespace bh {

// The last year a projection looks at: the UGPS runs to 2028.
inline constexpr int kProjectionEndYear = 2028;

struct ProjectionQuery {
  std::string country;                    // a code or name; or
  std::string group;                      // a group's name (members as of each month)
  int months = kDefaultProjectionWindow;  // the window: this many calendar months
  std::optional<Month> to;                // the window's last month; default the latest imported month
  bool monthly = false;                   // add the fourth table, "path" (below)
};

// Three tables, each titled "Projection ...":
//   1. per category: the months used, the share in the last of them, the
//      trend (points per year) with its 90 % interval, the projected share
//      in December 2028 with its band, the 2028 target and the gap to it;
//   2. per category and year (the window's last year to 2028): that year's
//      target, the projected December share, and the month the projection
//      reaches the target (central line; earliest: the band's upper edge;
//      latest: its lower edge), searched to 2050-12;
//   3. per category and year: the women the last month's strength needs to
//      meet that year's target, and how many more than it has.
// With `monthly`, a fourth table, "path": per category and month from the
// last month used to 2028-12, the central line and the 90 % band as the fit
// gives them (TrendFit::Central, Lower, Upper: two straight edges through
// the median month, clamped to [0, 100], so the band is already open at the
// last month used), for a chart to draw.
// A category with too few months is left out with a note that says how many
// it needs; when every category is, InvalidData says so ("projection for
// Viet Nam: needs at least 12 months with a sex split in 2023-08 to
// 2025-07; the most any category has is 5"). InvalidArgument: neither or
// both of country and group, months outside 12..120. NotFound: unknown
// country or group, nothing imported.
Result<std::vector<Table>> ProjectionTables(Db* db, const Reference& ref, const ProjectionQuery& q);

// The method on the past: for every ADMM-Plus member (every country ever a
// member) and for the groups ASEAN and ADMM-Plus, per category with a
// target, a fit over `months` months up to `origin` is compared with what
// the reports show `horizons` months later. Two tables: the summary per
// horizon (cases, mean and median absolute error in percentage points, the
// mean error, the share of actual values inside the 90 % band, and the
// mean absolute error of "no change" — the origin's share carried forward
// — for comparison), and every case. Months without a sex split or
// figures are skipped, never filled in.
Result<std::vector<Table>> ProjectionBacktestTables(Db* db, const Reference& ref, Month origin, int months,
                                                    const std::vector<int>& horizons);

}  // namespace bh

#endif  // BLUEHELMET_VIEWS_PROJECTION_VIEWS_H_
