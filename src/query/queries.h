// query/: the layer above store/ and scorecard/. Read queries over the
// contribution store: the figures the scorecard,
// country series and month listings are built from, and their provenance.
//
// All queries read the *current* source of each month (month_source); the
// history of superseded imports is visible through ListMonthSources.
//
// Thread safety: not thread-safe (holds a Db*).
#ifndef BLUEHELMET_QUERY_QUERIES_H_
#define BLUEHELMET_QUERY_QUERIES_H_

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "query/month_values.h"
#include "scorecard/scorecard.h"
#include "scorecard/targets.h"
#include "store/database.h"

namespace bh {

// The active target version and its cells.
Result<TargetTable> LoadTargetTable(Db* db);

// The newest month with contribution figures; NotFound when none.
Result<Month> LatestContributionMonth(Db* db);

// Per country and UGPS category for one month (current source).
Result<std::vector<CategoryFigures>> CategoryFiguresForMonth(Db* db, Month m);

// One country's figures in one month (current source, as corrected),
// summed per mission and personnel type: what the register's
// reconciliation compares with (register/reconcile.h). Women and men are
// set only when every row of the cell has them. Ordered by mission, type.
struct MissionTypeFigures {
  std::string mission;                // "" when the source gives none
  std::optional<PersonnelType> type;  // unset when the source gives none
  std::optional<int64_t> women, men;  // both or neither
  int64_t total = 0;
};
Result<std::vector<MissionTypeFigures>> MissionTypeFiguresFor(Db* db, const std::string& iso3, Month m);

// One country's figures per month and category, oldest first.
struct SeriesPoint {
  Month month;
  Category category;
  int64_t women = 0, men = 0, total = 0;
  bool sex_known = true;
};
Result<std::vector<SeriesPoint>> CountrySeries(Db* db, const std::string& iso3);

// Every country's figures per month and category over the whole history
// (current sources), ordered by month, country and category.
// Compact (130,000 of them for the whole history): the ISO3 code in place.
struct MonthlyFigures {
  std::array<char, 3> iso3{};
  std::string_view Iso3() const { return {iso3.data(), iso3.size()}; }
  Month month;
  Category category = Category::kContingents;
  int64_t women = 0, men = 0, total = 0;
  bool sex_known = true;  // false when any contributing row lacks a sex split
};
Result<std::vector<MonthlyFigures>> MonthlyFiguresAllCountries(Db* db);
// The same for the ISO3 codes in `countries` only (found in each month's
// packed figures by bisection: a group's series reads 18 countries' records,
// not 120's).
Result<std::vector<MonthlyFigures>> MonthlyFiguresOf(Db* db, std::vector<std::string> countries);

// The `limit` countries with the most women deployed in month `m` (all
// categories together), most first; ties by ISO3. Rows without a sex split
// count no women.
struct CountryWomen {
  std::string iso3;
  int64_t women = 0, total = 0;
  bool sex_known = true;  // false when none of the country's rows has a sex split
};
Result<std::vector<CountryWomen>> TopCountriesByWomen(Db* db, Month m, int limit);

// The imports that supply a month (for provenance notes).
struct SourceFile {
  int64_t import_id = 0;
  std::string file_name, sha256, kind, layout, imported_at, reconciliation;
  bool synthetic = false;
};
Result<std::vector<SourceFile>> SourcesForMonth(Db* db, Month m, std::string_view dataset = "contribution");
// Each month's current file of `dataset`, by month (YYYY-MM): one read of
// month_source, no row counted (what a series needs of ListMonthSources).
Result<std::map<std::string, SourceFile>> CurrentSourceFiles(Db* db, std::string_view dataset = "contribution");

// Every month and dataset with its current file and the files it superseded.
struct MonthSource {
  std::string month, dataset;
  SourceFile current;
  int64_t rows = 0;
  std::vector<std::string> superseded;  // "file (import #id)"
  int64_t mismatches = 0;
};
// With `cache`, each month's rows are counted once (query/month_values.h).
Result<std::vector<MonthSource>> ListMonthSources(Db* db, MonthValuesCache* cache = nullptr);

// One imported file with its provenance, as `imports list` shows it.
struct ImportInfo {
  int64_t id = 0;
  std::string file_name, sha256, kind, imported_at;
  int64_t rows = 0;
  std::string first_month, last_month;  // YYYY-MM; "" when the file brought no month
  int64_t current_months = 0;           // months it is the current source of
  std::string reconciliation;           // "" when none was recorded
  int64_t mismatches = 0;               // printed totals that did not reconcile
  bool synthetic = false;
};
// Every import, newest first.
Result<std::vector<ImportInfo>> ListImports(Db* db);

// One import's provenance, as `imports show` gives it. NotFound names the
// id: "no import #7 (see 'bluehelmet imports list')".
struct ImportDetail {
  int64_t id = 0;
  std::string file_name, path, sha256, kind, layout, imported_at;  // path, layout: "" when none
  int64_t rows = 0;
  std::string reconciliation, note;  // "" when none
  bool synthetic = false;
};
Result<ImportDetail> GetImport(Db* db, int64_t import_id);

// The months (and datasets) one import brought, with their counts and the
// import that is each one's current source now (0 and "" when none).
struct ImportMonth {
  std::string month, dataset;  // dataset: "contribution" or "country_total"
  int64_t rows = 0, countries = 0, missions = 0;
  int64_t current_import = 0;
  std::string current_file;
};
// Ordered by month, then dataset.
Result<std::vector<ImportMonth>> MonthsOfImport(Db* db, int64_t import_id);

// Every import's file name by id.
Result<std::map<int64_t, std::string>> ImportFileNames(Db* db);

// A country with contribution figures (current sources, corrections
// applied) and the first and last month it has them in (YYYY-MM).
struct CountryMonths {
  std::string iso3, first_month, last_month;
};
// Every such country, by ISO3 code. With `cache`, only the current months
// it does not hold are read (query/month_values.h; the answer is the same).
Result<std::vector<CountryMonths>> ContributingCountries(Db* db, MonthValuesCache* cache = nullptr);

// One-line provenance for output notes: "Source: import #3 f.pdf (sha256 d99a5f...)".
std::string DescribeSources(const std::vector<SourceFile>& sources);

}  // namespace bh

#endif  // BLUEHELMET_QUERY_QUERIES_H_
