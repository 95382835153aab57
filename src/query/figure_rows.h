// The long (tidy) table of contribution figures, and the filter every data
// command shares (issue 13): one row per month, country, mission and
// personnel type as the month's current source gives it, corrections applied
// (on a connection switched by UseFiguresAsPrinted, store/errata.h, the
// figures as printed), each with its provenance.
//
// `export` writes these rows; `series`, `missions`, `mission` and the
// filtered forms of the other data commands aggregate them. The CLI options
// and the API query parameters that fill a FigureFilter have the same names:
// --mission/mission, --from/from, --to/to, --category/category,
// --type/type, --countries/countries, --group/group.
//
// Thread safety: not thread-safe (uses a Db*).
#ifndef BLUEHELMET_QUERY_FIGURE_ROWS_H_
#define BLUEHELMET_QUERY_FIGURE_ROWS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "model/personnel.h"
#include "store/database.h"

namespace bh {

// Every field narrows; an empty or unset field does not. Values are already
// resolved (ISO3 codes, mission acronyms as stored, parsed months): the
// front ends resolve names and report unknown ones.
struct FigureFilter {
  std::optional<Month> from, to;       // inclusive
  std::vector<std::string> missions;   // acronyms, e.g. "UNMISS"
  std::vector<PersonnelType> types;    // rows of these types
  std::vector<Category> categories;    // rows of these UGPS categories
  std::vector<std::string> countries;  // ISO3 codes
  // A group's name: a row counts when its country is a member in the row's
  // month (dated memberships, GroupInfo::MembersIn). Combined with
  // `countries`, a row must satisfy both.
  std::string group;

  bool NarrowsRows() const {
    return from || to || !missions.empty() || !types.empty() || !categories.empty() || !countries.empty() ||
           !group.empty();
  }
};

struct FigureRow {
  Month month;
  Date report_date;  // the date the source reports (in `month`)
  std::string iso3;
  std::optional<int> m49;             // nullopt: the reference has none
  std::string country;                // the reference's name
  std::string mission;                // "" = the source gives none
  std::optional<PersonnelType> type;  // nullopt = the source gives none
  std::optional<Category> category;   // CategoryOf(type)
  std::optional<int64_t> women, men;  // both or neither (no sex split)
  int64_t total = 0;
  std::string erratum;                                // the correction applied ("" = as printed)
  std::optional<int64_t> printed_women, printed_men;  // set when corrected
  int64_t import_id = 0;
  std::string file_name, sha256;
  int page = 0;  // 0: a source without pages (CSV)
  int line = 0;
  bool synthetic = false;
};

// The rows matching `f`, ordered by month, ISO3, mission, personnel type
// (the UN's order) and position in the file. InvalidArgument when the
// group does not exist. With `max_rows`, it stops reading after
// max_rows + 1 rows: more than max_rows rows tells the caller the answer
// is too large without building all of it (the API's bound on an export).
Result<std::vector<FigureRow>> FigureRows(Db* db, const FigureFilter& f, std::optional<size_t> max_rows = std::nullopt);

// Whether a correction (store/errata.h) names a month in [from, to] (an
// unset bound does not narrow). Where none does, the current rows of those
// months are the rows as printed, read without current_contribution's
// look-up of a correction per row (issue 16), whichever way the connection
// reads figures (UseFiguresAsPrinted).
Result<bool> CorrectionsIn(Db* db, std::optional<Month> from, std::optional<Month> to);

// Every mission acronym the store knows (the mission table), sorted: what a
// mission filter is checked against.
Result<std::vector<std::string>> MissionAcronyms(Db* db);

}  // namespace bh

#endif  // BLUEHELMET_QUERY_FIGURE_ROWS_H_
