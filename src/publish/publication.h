// publish/: a publication, the file `bluehelmet report` writes: the
// scorecard of a group for a month as a file to send: one self-contained HTML page (tables, and charts drawn as
// inline SVG, so it opens offline, prints, and needs no script) or an XLSX
// workbook with one sheet per table (libxlsxwriter).
//
// The tables are views/' tables, so the publication shows the CLI's and the
// dashboard's figures, SYNTHETIC label and provenance notes included.
//
// Thread safety: not thread-safe (uses one Db*).
#ifndef BLUEHELMET_PUBLISH_PUBLICATION_H_
#define BLUEHELMET_PUBLISH_PUBLICATION_H_

#include <string>
#include <vector>

#include "store/database.h"
#include "store/reference.h"
#include "table/table.h"

namespace bh {

struct PublicationRequest {
  std::string month;  // YYYY-MM; empty = the latest imported month
  std::string group = "ADMM-Plus";
  int ranking_limit = 20;  // rows per world ranking
};

// The report's tables: the group scorecard, the world rankings by women in
// contingents and in observers & staff officers, and the targets of the
// month's year. NotFound for an unknown group or month without figures.
Result<std::vector<Table>> PublicationTables(Db* db, const Reference& ref, const PublicationRequest& r);

// One HTML document, no external references.
Result<std::string> RenderHtmlPublication(Db* db, const Reference& ref, const PublicationRequest& r);

// Writes an .xlsx workbook to `path`, one sheet per table. IoError names
// the path.
Status WriteXlsxPublication(Db* db, const Reference& ref, const PublicationRequest& r, const std::string& path);

// Any tables as one self-contained HTML document (no external reference,
// no script; the publication's style): `title` as its heading, the
// SYNTHETIC banner when a table's title carries that label, then each table
// under its title, with the columns the terminal shows and their display
// texts (the JSON answer's "display"), and its notes; then `notes`. Every
// text is escaped. The dashboard's HTML download of any page's tables.
// Pure.
std::string RenderHtmlTables(const std::string& title, const std::vector<Table>& tables,
                             const std::vector<std::string>& notes);

// An .xlsx workbook at `path` of any tables, one sheet per table (named by
// SheetNames of the titles): the title, the header row of every column (the
// machine-only ones too), the rows with numbers as numbers and null as an
// empty cell, then the notes. A text longer than a cell holds (32,767
// characters) is cut, between characters, and ends with "…".
// InvalidArgument when a table has more rows than a sheet holds (1,048,576
// with its title, header and notes); IoError names the path. Runs in the
// module bluehelmet-xlsx (xlsx_module.h), loaded on the first call.
Status WriteXlsxTables(const std::vector<Table>& tables, const std::string& path);

// The same workbook as bytes. Debian 12's libxlsxwriter (1.1.4) writes only
// to a file, so this writes a private temporary file (mkstemp, mode 0600) in
// `temp_dir` (empty: the system's, $TMPDIR) and reads it back; the file is
// removed on every path. IoError names the folder when none can be made.
Result<std::string> XlsxTablesBytes(const std::vector<Table>& tables, const std::string& temp_dir = "");

// The worksheet names for tables with these titles, valid for Excel whatever
// the titles hold: the " [SYNTHETIC ...]" label dropped; none of []:*?/\,
// control characters or bytes that are not UTF-8; 1 to 31 characters
// (counted as Excel does, in UTF-16 units, so never more than 31 code
// points) and cut between characters, never inside one; not beginning or
// ending with an apostrophe; not "History" (Excel reserves it); and unique
// ignoring case (" (2)", " (3)"... added). An empty result becomes "Sheet".
// Pure.
std::vector<std::string> SheetNames(const std::vector<std::string>& titles);

// A horizontal bar chart as inline SVG: one bar per label (percent), the
// target as a vertical line, bars coloured by status ("green"/"yellow"/
// "red"/other) with the value printed beside each bar. Pure.
struct Bar {
  std::string label;
  double value_pct = 0;
  std::string status;
};
std::string SvgBarChart(const std::string& title, const std::vector<Bar>& bars, double target_pct);

// Escapes &, <, >, " and ' for HTML text and attributes.
std::string HtmlEscape(std::string_view s);

}  // namespace bh

#endif  // BLUEHELMET_PUBLISH_PUBLICATION_H_
