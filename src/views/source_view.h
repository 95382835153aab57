// `bluehelmet source`: where each figure behind one cell came from.
//
// For a month, a country and optionally a mission and a personnel type, the
// current rows with their provenance (query/figure_sources.h) and each row
// as it stands in its file: a PDF's line re-read from the page (the words
// the importer grouped into that line), a CSV's record at its line. A file
// is re-read only from the path stored at import and only when its SHA-256
// still matches (ingest/printed_source.h); otherwise the row's "As printed"
// is empty (null in JSON) and a note says why: nothing is guessed.
//
// SourcePagePng draws the PDF page of the rows with each row boxed in red.
//
// Thread safety: not thread-safe (uses a Db*); results are values.
#ifndef BLUEHELMET_VIEWS_SOURCE_VIEW_H_
#define BLUEHELMET_VIEWS_SOURCE_VIEW_H_

#include <string>
#include <vector>

#include "query/figure_sources.h"
#include "store/database.h"
#include "store/reference.h"
#include "table/table.h"

namespace bh {

// What the user typed; everything but month and country may be empty.
struct SourceRequest {
  std::string month;    // YYYY-MM
  std::string country;  // ISO3 or a name the Reference resolves
  std::string mission;  // acronym, any case; "" = every mission
  std::string type;     // a code (TRP, SO, EOM, FPU, IPO), a UN label ("Troops") or a report label ("FPU")
};

// The request resolved and its rows (at least one).
struct SourceRows {
  FigureSourceQuery query;
  std::string country_name;
  std::vector<FigureSource> rows;
};

// Errors, each one line:
//   InvalidArgument  "not a month (want YYYY-MM): 'April'", "unknown personnel type 'x' (want ...)"
//   NotFound         "unknown country: 'Xanadu'",
//                    "no contribution figures for 2021-05 (see 'bluehelmet months')",
//                    "no current row for Viet Nam (VNM) in 2021-04 with mission UNMIK (that month: UNMISS
//                     Troops, ...)"
Result<SourceRows> FindSourceRows(Db* db, const Reference& ref, const SourceRequest& req);

// Columns: Month, ISO3, Mission, Type, Women, Men, Total, Import, File,
// SHA-256 (a 12-digit prefix on the terminal, in full in CSV and JSON), Page,
// Line, As printed, Correction. Notes say, per file, whether it was re-read
// and verified or why it is not available. Errors as FindSourceRows.
// Without `reveal_paths` (the web API), no text of the table names a
// stored file's path on the server: a file is named by its file name and
// SHA-256 only, and reasons such as "cannot open PATH" say the file name.
Result<Table> SourceTable(Db* db, const Reference& ref, const SourceRequest& req, bool reveal_paths = true);

// What SourcePagePng drew.
struct SourcePicture {
  std::string file_name;
  int page = 0;
  int width = 0, height = 0;  // pixels
  double dpi = 0;
  std::vector<std::string> boxed;  // per boxed row: "page 29 line 45: Troops 49 13 62"
};

// Renders the page of the matching rows at `dpi`, boxes each row's line
// (3 px red, 2 pt clear of the words) and writes the PNG to `png_path`.
// Refused with one line: rows from a file that is not a PDF
// (InvalidArgument), rows on more than one page (InvalidArgument: narrow
// with --mission or --type), the file not available (its NotFound, IoError
// or InvalidData, prefixed with the file name). Errors as FindSourceRows.
Result<SourcePicture> SourcePagePng(Db* db, const Reference& ref, const SourceRequest& req, const std::string& png_path,
                                    double dpi);

// As SourcePagePng, into `*png` (the PNG's bytes) instead of a file: the web
// API's page picture. When the page's larger side would exceed
// `max_side_px` pixels at `dpi`, the page is drawn at the resolution that
// fits (never below 36 dpi); SourcePicture::dpi says which. Its errors
// never name the stored file's path (as SourceTable without reveal_paths).
Result<SourcePicture> SourcePagePngBytes(Db* db, const Reference& ref, const SourceRequest& req, double dpi,
                                         int max_side_px, std::string* png);

}  // namespace bh

#endif  // BLUEHELMET_VIEWS_SOURCE_VIEW_H_
