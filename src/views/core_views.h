// views/: the tables Bluehelmet shows, built once for every front end.
//
// The CLI prints these tables (`bluehelmet scorecard`, `country`, `months`,
// `targets`, `groups`, `rankings`, `top`, `shares`), the web API serves them
// as JSON and the HTML/XLSX reports lay them out: all three call the
// functions here, so a figure on the dashboard is the figure on the terminal
// by construction.
//
// Each function reads the store through query/, scores through scorecard/
// and returns report::Table values (title, typed cells, notes with the
// provenance line, "[SYNTHETIC sample data]" in the title when the figures
// come from the generated sample). Failures are Status values whose message
// is the one the CLI prints.
//
// Thread safety: not thread-safe (each call uses one Db*); the results are
// plain values.
#ifndef BLUEHELMET_VIEWS_CORE_VIEWS_H_
#define BLUEHELMET_VIEWS_CORE_VIEWS_H_

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "ingest/importer.h"
#include "model/personnel.h"
#include "query/queries.h"
#include "scorecard/targets.h"
#include "store/database.h"
#include "store/errata.h"
#include "store/reference.h"
#include "table/table.h"

namespace bh {

// A share cell: the percentage as a number, "7.14 %" as its display text,
// "-" when there is no share.
Cell ShareCell(const std::optional<Fraction>& f);
// A target cell: the percentage as a number, "13.33 % (interpolated)" as its
// display text, "none" (null) without a target. Its kind, a label in its
// own column (machine-format rule): TargetKindCell, "sourced" or
// "interpolated" (null without a target).
Cell TargetCellOf(const std::optional<Target>& t);
Cell TargetKindCell(const std::optional<Target>& t);
// A rank: the number, "52 of 65" as its display text, null ("-") for 0.
Cell RankCell(int rank, int of);

// Which countries a scorecard covers: an explicit list, a group, or (both
// empty) every contributing country.
struct ScorecardQuery {
  std::string month;                   // YYYY-MM; empty = the latest imported month
  std::vector<std::string> countries;  // ISO3, shown in this order
  std::string group;                   // group name (case-insensitive)
};

// The month a query string names, or the latest imported month when empty.
// InvalidArgument for a malformed month, NotFound when nothing is imported.
Result<Month> ResolveMonth(Db* db, const std::string& month);

// The scorecard table (columns Country, ISO3, Category, Women, Total, Share,
// Target, Status, Women needed, Rank (women), Rank (share)).
// NotFound: unknown group, or no figures for the month.
Result<Table> ScorecardTable(Db* db, const Reference& ref, const ScorecardQuery& q);

// One country's monthly series per category and its annual means, as two
// tables. NotFound: unknown country or no figures.
Result<std::vector<Table>> CountryTables(Db* db, const Reference& ref, const std::string& country);

// The same monthly series as numbers for a chart: per category, the share of
// women (percent) and the target (percent, null where there is none).
struct ChartSeries {
  Category category = Category::kContingents;
  std::vector<std::string> months;                // YYYY-MM, oldest first
  std::vector<std::optional<double>> share_pct;   // null without a sex split
  std::vector<std::optional<double>> target_pct;  // null without a target
  std::vector<int64_t> women, total;
};
struct CountryChart {
  std::string iso3, name;
  bool synthetic = false;
  std::vector<ChartSeries> series;  // categories with data, in category order
};
Result<CountryChart> CountryChartData(Db* db, const Reference& ref, const std::string& country);

// World ranking of every contributing country in one category and month,
// by number of women (by == "women") or by share (by == "share"), with the
// scorecard's status. InvalidArgument for an unknown category code or `by`.
Result<Table> RankingsTable(Db* db, const Reference& ref, const std::string& month, const std::string& category_code,
                            const std::string& by, int limit);

// Every imported month with its current file, reconciliation state and the
// files it superseded.
Result<Table> MonthsTable(Db* db);

// The UGPS targets for years [from, to] with their sources. InvalidArgument
// unless kMinTableYear <= from <= to <= kMaxTableYear (the years a Month
// holds), so a caller's year range cannot size the table without bound.
inline constexpr int kMinTableYear = 1900;
inline constexpr int kMaxTableYear = 2200;
Result<Table> TargetsTable(Db* db, int from, int to);

// Every group with its members: on `as_of` when given, else every member
// ever, later members marked with the day they joined.
Result<Table> GroupsTable(Db* db, const Reference& ref, std::optional<Date> as_of = std::nullopt);
// One group's members with their dates and sources (on `as_of` when given).
// NotFound names the group and lists the known ones.
Result<Table> GroupTable(Db* db, const Reference& ref, std::string_view name, std::optional<Date> as_of);

// Every imported file with its provenance: id, file, SHA-256, kind, when,
// rows, months covered, how many months it is the current source of,
// reconciliation state and printed-total mismatches. Newest first.
Result<Table> ImportsTable(Db* db);

// The countries with contribution figures in any month, by name (ISO3,
// Country, First month, Last month): the index of country pages.
Result<Table> ContributingCountriesTable(Db* db, const Reference& ref);

// `top`: the countries with the most women deployed in one month, all
// personnel types together. Built in three steps so that a benchmark can
// time the read alone (`top --repeat`): ResolveTop, then
// TopCountriesByWomen (query/queries.h), then the table.
struct TopQuery {
  std::string month;  // YYYY-MM; empty = the latest imported month
  int limit = 20;     // how many countries; at least 1
};
struct TopSpec {
  Month month;
  int limit = 20;
};
// InvalidArgument for a limit below 1 or a malformed month; NotFound when
// nothing is imported.
Result<TopSpec> ResolveTop(Db* db, const TopQuery& q);
// The table (Rank, Country, ISO3, Women, Total, Share) of `top`, the figures
// TopCountriesByWomen read for `spec`, with the month's provenance.
// NotFound when the month has no figures.
Result<Table> TopTable(Db* db, const Reference& ref, const TopSpec& spec, const std::vector<CountryWomen>& top);
// The three steps at once (the web API).
Result<Table> TopTable(Db* db, const Reference& ref, const TopQuery& q);

// `shares`: every country's share of women per month and category over the
// whole history. ReadShares is the part a benchmark times (`shares
// --repeat`): the figures and each one's share as a number, which is what
// its pandas and DuckDB peers compute; the table shows exact fractions.
struct ShareFigures {
  std::vector<MonthlyFigures> figures;  // by month, country and category
  std::vector<double> shares;           // one per figure; NaN without a sex split or personnel
};
Result<ShareFigures> ReadShares(Db* db);
// The table (ISO3, Month, Category, Women, Men, Total, Share) with the
// provenance of every month. NotFound when nothing is imported.
Result<Table> SharesTable(Db* db, const ShareFigures& shares);
// Both steps at once (the web API).
Result<Table> SharesTable(Db* db);

// "2020-08: 48 cells corrected (errata E-2020-08-BGD-MINUSCA-TRP, ...): see
// 'bluehelmet errata list --month 2020-08'; --as-printed shows the UN's
// figures."
std::string CorrectionsNote(Month month, const MonthCorrections& corrected);

// The summary of one import run (one row per file).
Table ImportSummaryTable(const std::vector<FileOutcome>& outcomes);

}  // namespace bh

#endif  // BLUEHELMET_VIEWS_CORE_VIEWS_H_
