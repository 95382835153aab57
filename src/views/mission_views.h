// views/: the missions' tables (issue 13): `bluehelmet missions` (each
// mission's strength and share of women per category, for a month or as a
// series, with its host country and the months it appears in the reports)
// and `bluehelmet mission NAME` (its contributors, ranked). The CLI prints
// them and the API serves them (GET /api/missions, /api/missions/{mission}).
//
// Both aggregate the long table FigureRows (query/figure_rows.h): a cell's
// women and men are known only when every row summed into it has a sex
// split; otherwise they are null and the share is "-" (the total still
// counts).
//
// Thread safety: as core_views.h.
#ifndef BLUEHELMET_VIEWS_MISSION_VIEWS_H_
#define BLUEHELMET_VIEWS_MISSION_VIEWS_H_

#include <optional>
#include <string>

#include "base/date.h"
#include "query/figure_rows.h"
#include "query/missions.h"
#include "query/queries.h"
#include "store/database.h"
#include "store/reference.h"
#include "table/table.h"
#include "views/figure_filter_options.h"

namespace bh {

// The category label of the rows that sum every personnel type of a
// mission (or of a contributor in it): "All uniformed".
inline constexpr std::string_view kAllUniformedLabel = "All uniformed";

// `missions`: one row per month, mission and category (Month, Mission,
// Host ISO3, Host, Category, Women, Men, Total, Share, First month, Last
// month, Name), with an "All uniformed" row per mission and month when no
// category or type narrows the rows (category `all`: those rows only). The
// months: from..to when either is set (an open end is unbounded), else
// `month`, else the latest imported month. Every other filter narrows the
// rows summed (missions, countries, group, type). InvalidArgument when
// `month` is given with from/to; NotFound when no mission has figures in
// those months. A series notes the months of its range that no imported
// report covers. `known`, when given, keeps the months of each mission
// between calls (query/missions.h; the server's).
Result<Table> MissionsTable(Db* db, const Reference& ref, const ParsedFigureFilter& parsed, std::optional<Month> month,
                            MonthValuesCache* known = nullptr);

// A month text, "" for none; the message names the option.
Result<std::optional<Month>> ParseOptionalMonth(std::string_view text, std::string_view option);

// The provenance note of a table built from many months: DescribeSources
// for up to three files, else "Source: 24 imported files, from
// UN_..._2023_08.pdf to UN_..._2025_07.pdf (see 'bluehelmet months')" (the
// first and last file names), with the SYNTHETIC warning when any is.
std::string SourcesNote(const std::vector<SourceFile>& files);

// How `mission` ranks its contributors.
enum class ContributorOrder { kTotal, kWomen };
// "total" or "women"; InvalidArgument otherwise ("--by: 'x' is not one of
// total, women" with `option` naming the option).
Result<ContributorOrder> ParseContributorOrder(std::string_view by, std::string_view option);

// `mission NAME`: its contributors in one month (default: the latest
// imported month) ranked by their total or their women over the categories
// shown (most first, ties by country name): Rank, Country, ISO3, Category,
// Women, Men, Total, Share; each contributor's "All uniformed" row (when no
// category or type narrows the rows), then one row per category it
// contributes to. The title gives the mission's name, host and strength.
// NotFound names an unknown mission with the nearest acronyms (FindMission),
// or says the mission has no figures that month (and the months it has);
// InvalidArgument for --by women in a month without a sex split.
// The filters category, type, countries and group narrow the rows (category
// `all`: the "All uniformed" rows only); the front ends refuse mission, from
// and to (RefuseFilters), which are ignored here.
Result<Table> MissionContributorsTable(Db* db, const Reference& ref, std::string_view name,
                                       const ParsedFigureFilter& parsed, std::optional<Month> month,
                                       ContributorOrder order, MonthValuesCache* known = nullptr);

}  // namespace bh

#endif  // BLUEHELMET_VIEWS_MISSION_VIEWS_H_
