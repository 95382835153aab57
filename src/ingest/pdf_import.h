// Turning a parsed UN monthly report (src/pdf) into store rows.
//
// PreparePdf extracts the words, parses the report, recognises its layout,
// takes the month from the report's "as of" line (or, only where the report
// prints none, from an explicit --month), proves every printed total against
// the rows (pdf::Reconcile), and resolves every printed country name to an
// ISO code. It touches no database, so several files can be prepared at once
// on different threads.
//
// Thread safety: PreparePdf is safe to call concurrently; `ref` is read only.
#ifndef BLUEHELMET_INGEST_PDF_IMPORT_H_
#define BLUEHELMET_INGEST_PDF_IMPORT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "store/contribution_store.h"
#include "store/reference.h"

namespace bh {

struct PreparedPdf {
  char family = '?';
  std::string layout;  // "PDF family I"
  Date report_date;
  std::vector<ContributionRow> rows;
  int64_t printed_totals = 0;              // how many printed figures were proved
  std::vector<MismatchRecord> mismatches;  // empty unless accept_mismatch
  // Names printed cut short and how each was resolved, for the import note:
  // "'Russian' -> RUS (cut short; the only name that starts so)".
  std::vector<std::string> name_notes;
  // Lines read and kept out of the figures, counted per reason, for the
  // import note: "kept out of the figures: 48 stub rows (first page 1 line
  // 14), 5 empty mission subtotals (first page 11 line 22)"; empty if none.
  std::string skipped_note;
  int64_t skipped_lines = 0;
};

// Fails with one line naming the file: damaged/encrypted/non-PDF, unknown
// layout, pages missing or out of order (where the report numbers them), a
// title that is not the uniformed-personnel report's, unreadable row, no date and no --month, an unknown country name
// (quoted), or totals that do not reconcile (naming the mission or country
// with both numbers) unless `accept_mismatch`.
Result<PreparedPdf> PreparePdf(std::string_view bytes, const std::string& name, const Reference& ref,
                               std::optional<Month> month, bool accept_mismatch);

}  // namespace bh

#endif  // BLUEHELMET_INGEST_PDF_IMPORT_H_
