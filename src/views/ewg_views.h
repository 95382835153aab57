// The EWG tables that `bluehelmet ewg list|members|cycles|activities|
// participants|workplan|outcomes|import` print and the web API serves
// (/api/ewg/...), built once here like views/core_views.h. `ewg` filters
// are EWG codes (case-insensitive; empty = all), `cycle` a cycle number.
//
// Thread safety: not thread-safe (each call uses one Db*).
#ifndef BLUEHELMET_VIEWS_EWG_VIEWS_H_
#define BLUEHELMET_VIEWS_EWG_VIEWS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ewg/ewg_store.h"
#include "store/database.h"
#include "store/reference.h"
#include "table/table.h"

namespace bh {

// The seven EWGs with their founding, sources and cycles recorded.
Result<Table> EwgListTable(Db* db);

// The ADMM-Plus members (ASEAN or Plus) and the observers.
Result<Table> EwgMembersTable(Db* db, const Reference& ref);

// Cycles with dates, co-chairs and activity counts; `ewg` empty = all.
// NotFound for an unknown EWG code.
Result<Table> EwgCyclesTable(Db* db, const Reference& ref, const std::string& ewg);

// Activities, optionally of one EWG and cycle.
Result<Table> EwgActivitiesTable(Db* db, const Reference& ref, const std::string& ewg, std::optional<int> cycle);

// Delegations by activity and country with counts by sex, of the
// activities ListActivities selects or of one activity (NotFound "unknown
// activity 'X'").
Result<Table> EwgParticipantsTable(Db* db, const Reference& ref, const std::string& ewg, std::optional<int> cycle,
                                   const std::string& activity);

// Work-plan items with their status; outcomes and documents.
Result<Table> EwgWorkplanTable(Db* db, const std::string& ewg, std::optional<int> cycle);
Result<Table> EwgOutcomesTable(Db* db, const std::string& ewg, std::optional<int> cycle);

// "2 cycle(s), 3 activities, ... written; 1 unchanged".
std::string EwgSummaryText(const ApplySummary& s);

// Imports EWG CSV files given as (name, content), all in one transaction
// (nothing is written if any file fails; the error names file and line).
// Returns the import table (File, Kind, Records) and the summary in *summary.
Result<Table> ImportEwgFiles(Db* db, const Reference& ref,
                             const std::vector<std::pair<std::string, std::string>>& files,
                             ApplySummary* summary = nullptr);

}  // namespace bh

#endif  // BLUEHELMET_VIEWS_EWG_VIEWS_H_
