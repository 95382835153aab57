// Where each figure came from: the current contribution rows behind one cell
// (month, country, optionally mission and personnel type), each with its
// provenance: the import (file name, stored path, SHA-256, kind), the page
// and line the row was read from, and the corrections applied to it.
//
// Read-only; reads the *current* source of the month (month_source), as
// every other figure Bluehelmet shows does.
//
// Corrections: a row's women and men are the corrected ones where an
// erratum applies (store/errata.h; the figures as printed with
// --as-printed), and FigureSource::corrections names the erratum, the
// printed figures, the reason and the author.
//
// Thread safety: not thread-safe (uses a Db*).
#ifndef BLUEHELMET_QUERY_FIGURE_SOURCES_H_
#define BLUEHELMET_QUERY_FIGURE_SOURCES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "model/personnel.h"
#include "store/database.h"

namespace bh {

struct FigureSourceQuery {
  Month month;
  std::string iso3;                   // REQUIRES: an ISO3 code
  std::string mission;                // "" = every mission (and rows without one)
  std::optional<PersonnelType> type;  // nullopt = every type
};

struct FigureSource {
  Month month;
  std::string report_date;  // YYYY-MM-DD, the date the source gives the row
  std::string iso3;
  std::string mission;                // "" = the source gives no mission
  std::optional<PersonnelType> type;  // nullopt = the source gives no type
  std::optional<int64_t> women, men;  // nullopt = no sex split
  int64_t total = 0;
  int page = 0;  // 1-based page of a PDF; 0 for a source without pages (CSV)
  int line = 0;  // PDF: 1-based line on the page (pdf::GroupLines); CSV: 1-based line of the record
  int64_t import_id = 0;
  std::string file_name, path, sha256, kind;  // kind: "un_pdf", "un_gender_csv", ...
  bool synthetic = false;
  // The corrections applied to this figure, one line each; empty = none.
  // One line per applied erratum (see above).
  std::vector<std::string> corrections;
};

// The current rows matching `q`, ordered by mission, personnel type (the
// UN's order) and position in the file. An empty result is not an error:
// the caller words the "no such row" message.
Result<std::vector<FigureSource>> FigureSources(Db* db, const FigureSourceQuery& q);

// True when `month` has a current contribution source.
Result<bool> MonthHasContributions(Db* db, Month month);

}  // namespace bh

#endif  // BLUEHELMET_QUERY_FIGURE_SOURCES_H_
