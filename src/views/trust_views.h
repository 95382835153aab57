// views/: the tables of the commands that say where figures come from and
// what the checks found: `imports show` (one import's provenance and the
// months it covers), `imports remove` (where each month it supplied went),
// `anomalies` (the plausibility findings with their evidence).
//
// Thread safety: as core_views.h.
#ifndef BLUEHELMET_VIEWS_TRUST_VIEWS_H_
#define BLUEHELMET_VIEWS_TRUST_VIEWS_H_

#include <cstdint>
#include <vector>

#include "checks/plausibility.h"
#include "store/contribution_store.h"
#include "store/database.h"
#include "store/errata.h"
#include "store/reference.h"
#include "table/table.h"

namespace bh {

// Two tables: the import's fields (file, path, SHA-256, kind, layout, when,
// rows, reconciliation, note), and each month it covers with its rows,
// countries and missions, and the month's current source (this import or
// the one that superseded it). NotFound for an unknown id.
Result<std::vector<Table>> ImportDetailTables(Db* db, int64_t import_id);

// The months the removed import was the source of and where each went.
Table RemovedImportTable(const RemovedImport& removed);

// The stored plausibility findings, filtered: month, country, mission,
// type or category, kind, severity, the figures as printed with their file,
// page and line, and the neighbours' figures as evidence.
Result<Table> AnomaliesTable(Db* db, const Reference& ref, const AnomalyFilter& filter);

// The filter from its texts as a user gives them (each "" for none): month
// YYYY-MM, a country's code or name, a kind's code. `kind_option` names the
// kind's option in the message ("--kind" on the command line, "kind" in the
// API): "--kind: 'x' is not one of sex_swapped, share_jump, month_share_jump, gap".
Result<AnomalyFilter> ParseAnomalyFilter(const Reference& ref, std::string_view month, std::string_view country,
                                         std::string_view kind, std::string_view kind_option);

// The corrections (errata) with what was printed, what stands instead, why,
// who made them, whether they apply to the month's current source (and if
// not, why not: the month is not imported, or prints other figures), and
// their source (shipped: the data file and its SHA-256). The CSV form is
// what `errata import` reads back.
Result<Table> ErrataTable(Db* db, std::optional<Month> month);

// Reads corrections back from ErrataTable's CSV (ParseErrataCsv: another
// database's, or a shipped file again), adding each with AddErratum (its
// month must be imported); returns how many were added. Corrections already
// present (same id) are skipped.
Result<int64_t> ImportErrataCsv(Db* db, std::string_view csv, const std::string& name);

}  // namespace bh

#endif  // BLUEHELMET_VIEWS_TRUST_VIEWS_H_
