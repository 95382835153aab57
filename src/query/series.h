// query/: the monthly series of anything a FigureFilter selects (issue 13):
// a country, several, a group (its members as of each month), a mission, a
// personnel type, or the world (no filter), per UGPS category or for all
// uniformed personnel together. `bluehelmet series` shows it, `project`
// fits trends to it.
//
// Every month of the range is a row, per category: a month with no imported
// figures is a row marked missing (never closed up), a month where the
// subject had nobody in a category is a row of zeros. The range is the
// filter's from..to, else the first to the last imported month.
//
// Real and synthetic figures are never blended: when the range holds months
// from real reports, the months whose source is the synthetic sample are
// rows marked `synthetic_excluded` with no figures (and count as no data);
// when every month is synthetic, the series is that sample, flagged.
//
// Thread safety: not thread-safe (uses a Db*).
#ifndef BLUEHELMET_QUERY_SERIES_H_
#define BLUEHELMET_QUERY_SERIES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "model/personnel.h"
#include "query/figure_rows.h"
#include "scorecard/scorecard.h"
#include "scorecard/targets.h"
#include "store/database.h"

namespace bh {

struct SeriesOptions {
  // One category, "all": every personnel type summed (all uniformed
  // personnel; no UGPS target). A month without contribution figures takes
  // the rank files' country totals (the country_total dataset), which a
  // mission or type filter cannot use.
  bool all_categories = false;
  // Read every contribution row (FigureRows) even when the precomputed
  // month figures would do; for tests that compare the two paths.
  bool force_rows = false;
};

// Where a month's figures come from.
enum class SeriesSource {
  kNone,           // no figures: a missing month
  kReports,        // contribution rows (reports, gender open data)
  kCountryTotals,  // the rank files' totals (category all only)
};
std::string_view SeriesSourceName(SeriesSource s);  // "", "reports", "rank files"

struct SeriesMonth {
  Month month;
  std::optional<Category> category;  // nullopt: all uniformed personnel
  // No figures for this month in the store (or only synthetic ones beside
  // real months): women, men and total mean nothing.
  bool missing = false;
  bool synthetic_excluded = false;  // missing because its source is the synthetic sample
  bool synthetic = false;           // the figures are the synthetic sample
  int64_t women = 0, men = 0, total = 0;
  bool sex_known = true;  // false when any row counted lacks a sex split
  int countries = 0;      // countries with personnel counted
  SeriesSource source = SeriesSource::kNone;
  std::optional<Target> target;  // the UGPS target of the month's year (none for all)
  ParityStatus status = ParityStatus::kRed;
  // women / total when sex_known and total > 0.
  std::optional<Fraction> share() const;
};

struct Series {
  Month first, last;  // the range, inclusive
  // By month, then category (UGPS order; all alone).
  std::vector<SeriesMonth> points;
  bool synthetic = false;      // every month with figures is synthetic
  int synthetic_excluded = 0;  // months left out as synthetic beside real ones
  bool used_rows = false;      // read from FigureRows (a row-level filter), not month figures
  std::string target_version;
};

// The series of what `f` selects. InvalidArgument for an unknown group;
// NotFound when nothing is imported (no range) or the range holds no month
// with figures.
Result<Series> SeriesFor(Db* db, const FigureFilter& f, const SeriesOptions& options = {});

// The rank files' country totals (the current country_total source of each
// month) in [from, to] (unset: unbounded), by month and ISO3.
struct CountryTotal {
  Month month;
  std::string iso3;
  int64_t women = 0, men = 0, total = 0;
};
Result<std::vector<CountryTotal>> CountryTotals(Db* db, std::optional<Month> from, std::optional<Month> to);

// Each month with a current source per dataset, and whether that source is
// the synthetic sample.
struct MonthDataset {
  Month month;
  bool contribution = false, contribution_synthetic = false;
  bool country_total = false, country_total_synthetic = false;
};
// Every month with any current source, oldest first.
Result<std::vector<MonthDataset>> MonthDatasets(Db* db);

}  // namespace bh

#endif  // BLUEHELMET_QUERY_SERIES_H_
