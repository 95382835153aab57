// views/: `bluehelmet series` and GET /api/series (issue 13): the monthly
// series of whatever the shared figure filter selects (a country, a group
// with its members as of each month, a mission, a type, or the world), per
// UGPS category or for all uniformed personnel, built on SeriesFor
// (query/series.h).
//
// Thread safety: as core_views.h.
#ifndef BLUEHELMET_VIEWS_SERIES_VIEW_H_
#define BLUEHELMET_VIEWS_SERIES_VIEW_H_

#include <vector>

#include "query/series.h"
#include "store/database.h"
#include "store/reference.h"
#include "table/table.h"
#include "views/figure_filter_options.h"

namespace bh {

// The monthly table (Month, Category, Women, Men, Total, Share, Target,
// Target kind, Status, Countries, Source): one row per month and category,
// missing months as rows whose Status says so; with `annual`, a second
// table of annual means and change year on year (Year, Category, Months,
// Mean women, Mean men, Mean total, Share, Change (points), Target).
// Errors: SeriesFor's.
Result<std::vector<Table>> SeriesTables(Db* db, const Reference& ref, const ParsedFigureFilter& filter, bool annual);

}  // namespace bh

#endif  // BLUEHELMET_VIEWS_SERIES_VIEW_H_
