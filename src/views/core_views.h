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
#include "views/figure_filter_options.h"

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
  // The shared filters (issue 13). Missions and types narrow the figures
  // scored: each country's personnel in those missions (of those types),
  // ranked among everyone with personnel there. Categories narrow the rows
  // shown (ranks stay world ranks). all_categories scores every personnel
  // type summed, one row per country, with no UGPS target.
  std::vector<std::string> missions = {};
  std::vector<PersonnelType> types = {};
  std::vector<Category> categories = {};
  bool all_categories = false;
};

// The scorecard's query from the shared filter and its --month: refuses
// from/to (it scores one month) and countries with group together.
Result<ScorecardQuery> ScorecardQueryFrom(const ParsedFigureFilter& filter, const std::string& month,
                                          FilterSyntax syntax);

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
// The same narrowed by the shared filters: --mission (the country's
// personnel in those missions), --from/--to, --category (all: every type
// summed, from the reports or, in months without them, the rank files),
// --type. countries and group are refused (the country is the argument).
Result<std::vector<Table>> CountryTables(Db* db, const Reference& ref, const std::string& country,
                                         const ParsedFigureFilter& filter, FilterSyntax syntax);

// The same monthly series as numbers for a chart: per category, the share of
// women (percent) and the target (percent, null where there is none).
struct ChartSeries {
  Category category = Category::kContingents;
  bool all_categories = false;                    // every type summed (category is meaningless)
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
// The chart of the filtered series (CountryTables with a filter); the series
// of category all has no category code in the chart ("all") and no target.
Result<CountryChart> CountryChartData(Db* db, const Reference& ref, const std::string& country,
                                      const ParsedFigureFilter& filter, FilterSyntax syntax);
// Both from one read of the series (the country page's answer).
struct CountryPage {
  std::vector<Table> tables;
  CountryChart chart;
};
Result<CountryPage> CountryPageData(Db* db, const Reference& ref, const std::string& country,
                                    const ParsedFigureFilter& filter, FilterSyntax syntax);

// World ranking of every contributing country in one category and month,
// by number of women (by == "women") or by share (by == "share"), with the
// scorecard's status. InvalidArgument for an unknown category code or `by`.
Result<Table> RankingsTable(Db* db, const Reference& ref, const std::string& month, const std::string& category_code,
                            const std::string& by, int limit);
// The same with the shared filters: one category (default contingents; a
// type alone picks its category; all: every type summed, no target),
// --mission and --type narrow the figures ranked (ranks among the countries
// with personnel there), --countries/--group show those countries' rows
// with their ranks. from/to and several categories are refused.
Result<Table> RankingsTable(Db* db, const Reference& ref, const std::string& month, const ParsedFigureFilter& filter,
                            const std::string& by, int limit, FilterSyntax syntax);

// Every imported month with its current file, reconciliation state and the
// files it superseded.
// `known`, when given, keeps each month's row count between calls (the
// server's; query/month_values.h).
Result<Table> MonthsTable(Db* db, MonthValuesCache* known = nullptr);

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
// Country, First month, Last month): the index of country pages. `known`,
// when given, keeps each month's countries between calls (the server's).
Result<Table> ContributingCountriesTable(Db* db, const Reference& ref, MonthValuesCache* known = nullptr);

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
  // The shared filters (all optional): --mission, --category, --type narrow
  // whose women count; --countries/--group rank among those countries.
  ParsedFigureFilter filter = {};
  bool from_country_totals = false;  // set by ReadTop: the month has only the rank files' totals
};
// InvalidArgument for a limit below 1 or a malformed month; NotFound when
// nothing is imported.
Result<TopSpec> ResolveTop(Db* db, const TopQuery& q);
// With the shared filters: from/to are refused (one month). With no month
// given and no reports imported, the latest month of the rank files.
Result<TopSpec> ResolveTop(Db* db, const TopQuery& q, const ParsedFigureFilter& filter, FilterSyntax syntax);
// The figures of `top` for `spec`: TopCountriesByWomen when nothing narrows,
// else the month's FigureRows summed per country; a month without reports
// takes the rank files' totals (and sets spec->from_country_totals).
Result<std::vector<CountryWomen>> ReadTop(Db* db, TopSpec* spec);
// The table (Rank, Country, ISO3, Women, Total, Share) of `top`, the figures
// TopCountriesByWomen read for `spec`, with the month's provenance.
// NotFound when the month has no figures.
Result<Table> TopTable(Db* db, const Reference& ref, const TopSpec& spec, const std::vector<CountryWomen>& top);
// The three steps at once (the web API).
Result<Table> TopTable(Db* db, const Reference& ref, const TopQuery& q);
Result<Table> TopTable(Db* db, const Reference& ref, const TopQuery& q, const ParsedFigureFilter& filter,
                       FilterSyntax syntax);

// `shares`: every country's share of women per month and category over the
// whole history. ReadShares is the part a benchmark times (`shares
// --repeat`): the figures and each one's share as a number, which is what
// its pandas and DuckDB peers compute; the table shows exact fractions.
struct ShareFigures {
  std::vector<MonthlyFigures> figures;  // by month, country and category
  std::vector<double> shares;           // one per figure; NaN without a sex split or personnel
  // With category all: one figure per month and country, every type summed
  // (its `category` is meaningless), from the reports or the rank files.
  bool all_categories = false;
  std::string narrowed;  // the filters given, for the title ("" when none)
};
Result<ShareFigures> ReadShares(Db* db);
// Narrowed by every shared filter: mission and type read FigureRows; the
// others filter the month figures (a group: its members in each month).
Result<ShareFigures> ReadShares(Db* db, const Reference& ref, const ParsedFigureFilter& filter);
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
