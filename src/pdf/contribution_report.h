// The UN's monthly report "Contribution of Uniformed Personnel to UN by
// Mission, Country and Personnel Type" (and its earlier titles), read from
// the word boxes of its pages.
//
// The report changed layout many times; SOURCES.md in the shared data names
// the families A..K. ParseReport recognises the family from the column
// headers and the structure of the first page, never from a file name or a
// date, and reads every data line:
//
//   A  Country | UN Mission | Description | M | F | Totals, with
//      mission-within-country and country subtotal lines (total only).
//   B  Country | Mission | POST | MALE | FEMALE | TOTAL, numbered countries,
//      "Total for Country" and "Grand Total" lines.
//   C  Country Name | POST | MALE | FEMALE | TOTAL: no mission at all.
//   D  flat mission | country | description | male | female | total | report_date.
//   E  wide: Country | Mission | UNMEM M F | Troops M F | UNPOL M F | FPU M F
//      | MSO M F, "Total by Country" and "Grand Total" per column pair.
//   F  Mission | Country | Male | Female | Total | Post (label after numbers).
//   G  Mission | Country (Contributor) | Description | Male | Female | Total,
//      unlabelled mission subtotal lines, a closing "<rows> M F T" line.
//   H  as G, but the mission line and each contributor line carry subtotals.
//   I  Mission | Country | Personnel Type | Male | Female | Total, a country
//      printed once, vertically centred beside its type rows; "Total <MISSION>"
//      and "Grand Total" lines.
//   J  Country | five types | Total | End Date: totals per type, no sex split.
//   K  flat Mission | Country | Personnel Type | Male | Female | Total | Report Date.
//   L  (seen once, 2016-11) Country | Mission | Male | Female | Total:
//      numbered countries, a mission line, then always four type rows
//      (zeros included) and "Total for Mission"; a "Grand Total" with no
//      split; the month only as "by End of November, 2016".
//
// A row that cannot be read, or a layout that is not recognised, is an error:
// no line of a page is dropped silently. Every data line becomes a row, a
// printed total, a known decoration (headers, footers, titles), or a line
// kept out of the figures with its reason (SkippedLine): the stub rows of
// the 2015 family A reports, an all-zero row that repeats a key already
// printed with figures, a mission subtotal printed with no number, and the
// zero rows of a layout that prints every type.
//
// Thread safety: pure functions over values; safe from many threads.
#ifndef BLUEHELMET_PDF_CONTRIBUTION_REPORT_H_
#define BLUEHELMET_PDF_CONTRIBUTION_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "model/personnel.h"
#include "pdf/pdf_text.h"

namespace bh::pdf {

// One figure of the report: a country's personnel of one type (in one
// mission where the layout gives missions).
struct ReportRow {
  std::string country;                // as printed, wrapped lines joined with one space, diacritics kept
  std::string mission;                // "" where the layout gives no mission (families C, J)
  std::optional<PersonnelType> type;  // set in every family read today
  std::optional<int64_t> men, women;  // nullopt when the layout has no sex split (J)
  int64_t total = 0;
  int page = 0;  // provenance: 1-based page number
  int line = 0;  // and 1-based text line on that page (GroupLines order)
};

// A total printed in the report, to be proved against the rows.
struct PrintedTotal {
  enum class Scope {
    kMission,         // all countries in `mission`
    kCountry,         // all missions of `country`
    kMissionCountry,  // `country` within `mission` (A, H)
    kGrand,           // the whole report
  };
  Scope scope = Scope::kGrand;
  std::string mission;                // set for kMission, kMissionCountry
  std::string country;                // set for kCountry, kMissionCountry (as on the rows)
  std::optional<PersonnelType> type;  // set when the total covers one type (E, J)
  std::optional<int64_t> men, women;  // nullopt where only a total is printed
  int64_t total = 0;
  int page = 0;
  int line = 0;

  // "UNMISS", "Viet Nam", "UNMISS / Viet Nam", "grand total"; with
  // " (Troops)" appended when `type` is set.
  std::string Key() const;
};

// A line read and kept out of the figures on purpose.
struct SkippedLine {
  enum class Why {
    kStubRow,          // a type row with fewer than three figures, all zero (A, 2015)
    kRepeatedZeroRow,  // 0 0 0 for a key already printed with figures
    kEmptySubtotal,    // a mission subtotal with no number, after stub rows only (A, 2015)
    kZeroRow,          // 0 0 0 in a layout that prints every type (L)
  };
  Why why = Why::kStubRow;
  std::string text;  // the line as printed
  int page = 0;
  int line = 0;
};

// "stub row" (fewer than three figures, all zero), "repeated all-zero row",
// "empty mission subtotal", "zero row".
std::string_view SkippedLineName(SkippedLine::Why why);

// A page's "Page N of M" footer.
struct PageNumber {
  int file_page = 0;  // 1-based position in the file
  int number = 0;     // N
  int of = 0;         // M
};

struct ParsedReport {
  std::optional<Date> as_of;  // nullopt when the report prints no date (2019-10)
  char family = '?';          // 'A'..'L', see above
  std::string layout;         // the header line that identified the family
  std::vector<ReportRow> rows;
  std::vector<PrintedTotal> totals;
  std::vector<SkippedLine> skipped;      // in reading order
  std::string title;                     // the lines above page 1's header, joined with spaces
  int pages = 0;                         // in the file
  std::vector<PageNumber> page_numbers;  // of the pages that print one, in file order
  // Families F and G close with the number of data rows printed.
  std::optional<int64_t> printed_row_count;
};

// Reads the report from its pages, all of them (CheckAllPages). `name`
// prefixes error messages:
//   "UN_2021_04.pdf: page 3: cannot read row: 'Total BINUH 9 3'"
//   "x.pdf: unknown layout: no known column header on page 1"
// Fails with InvalidData; never returns a partial report.
Result<ParsedReport> ParseReport(const std::vector<Page>& pages, const std::string& name);

// Identity: the title on page 1 must be one of the titles the uniformed-
// personnel contribution report has carried in the layout read (the flat
// tables D and K print none). Another UN series in a similar layout (for
// example civilian staff) is refused naming the title found:
//   "x.pdf: not the UN's uniformed-personnel contribution report: the title
//    is 'Civilian Staff by Mission ...', not one of the report's titles for
//    layout family I"
Status CheckIdentity(const ParsedReport& report, const std::string& name);

// Completeness: where the report numbers its pages ("Page N of M"), every
// page 1..M must be in the file once, in order; refused naming the pages:
//   "x.pdf: pages missing: 3-5, 9 of 46 (the report numbers its pages 'Page N of 46')"
// A layout that numbers no page passes (its grand total, where printed, is
// the evidence that nothing is missing). ParseReport applies it before
// reading any row.
Status CheckAllPages(const ParsedReport& report, const std::string& name);

// A printed figure that the rows do not reproduce.
struct Mismatch {
  PrintedTotal::Scope scope = PrintedTotal::Scope::kGrand;
  std::string key;   // PrintedTotal::Key(), or "row count", or "page 3 line 7: Viet Nam"
  std::string what;  // "men", "women", "total", "men+women" (a row whose M+F != Total)
  int64_t printed = 0, computed = 0;
};

// Recomputes every printed total (and each row's own M+F = Total, and the
// printed row count) from the rows. Empty when everything agrees.
std::vector<Mismatch> CheckPrintedTotals(const ParsedReport& report);

// "UNMISS: women: printed 13, computed 12" for messages.
std::string ToString(const Mismatch& m);

}  // namespace bh::pdf

#endif  // BLUEHELMET_PDF_CONTRIBUTION_REPORT_H_
