// The tidy form of the contribution figures: the file `bluehelmet export`
// writes (views/tidy_export) and `bluehelmet import` reads back, one row per
// month, country, mission and personnel type, each with its source.
//
// Columns, in this order (kTidyColumns):
//   month           YYYY-MM
//   iso3, m49, country   the reference's code, M49 number and name
//   mission         the UN's acronym; empty where the source gives none
//   personnel_type  the UN's label ("Troops", "Staff Officer", ...); empty
//                   where the source gives none
//   category        the UGPS category of the type (contingents, mo_so, fpu,
//                   ipo); empty with the type
//   women, men      empty where the source gives no split by sex
//   total
//   report_date     YYYY-MM-DD, the date the source reports
//   erratum         the correction applied ("" = the figures as printed)
//   printed_women, printed_men   the figures as printed, where corrected
//   source_file, sha256, page, line   the UN file the figure comes from
//                   (page empty for a source without pages)
//   synthetic       true for the generated sample, else false
//
// Reading back keeps the provenance: the figures of each source file become
// one import under that file's name and SHA-256 (kind "tidy_csv"), with
// their page and line in it, not the tidy file's. The figures stored are
// the ones printed (printed_women/men where corrected): corrections apply
// from the database's errata, as they do to an import of the UN file.
//
// Thread safety: pure functions.
#ifndef BLUEHELMET_INGEST_TIDY_CSV_H_
#define BLUEHELMET_INGEST_TIDY_CSV_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "model/personnel.h"
#include "store/reference.h"

namespace bh {

inline constexpr std::array<std::string_view, 19> kTidyColumns = {
    "month",       "iso3",   "m49",   "country",     "mission",  "personnel_type", "category",
    "women",       "men",    "total", "report_date", "erratum",  "printed_women",  "printed_men",
    "source_file", "sha256", "page",  "line",        "synthetic"};

// The header line of a tidy file ("month,iso3,...,synthetic").
std::string TidyHeader();

// True when `bytes` (after a UTF-8 BOM) starts with the tidy header.
bool LooksLikeTidyCsv(std::string_view bytes);

// One row as read, the figures as printed.
struct TidyRow {
  int line = 0;  // in the tidy file
  Month month;
  Date report_date;
  std::string iso3, mission;
  std::optional<PersonnelType> type;
  std::optional<int64_t> women, men;  // as printed
  int64_t total = 0;
  std::string erratum;
  std::string source_file, sha256;
  int source_page = 0, source_line = 0;
  bool synthetic = false;
};

// Reads a whole tidy file. InvalidData "NAME:LINE: column 'C': reason" for
// the first bad field (a malformed number, an unknown country, a category
// that is not its type's, women + men not the total, a report date outside
// its month, a SHA-256 that is not 64 hex digits, ...), "NAME:1: ..." for a
// header that is not the tidy one; nothing is returned then.
Result<std::vector<TidyRow>> ParseTidyCsv(std::string_view bytes, const std::string& name, const Reference& ref);

}  // namespace bh

#endif  // BLUEHELMET_INGEST_TIDY_CSV_H_
