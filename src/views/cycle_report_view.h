// The EWG cycle report as tables (ewg/cycle_report.h builds the report): the
// overview, activities, participation, work plan, outcomes, and the members'
// UN scorecard at the start and at the end of the cycle. `ewg report` prints
// them and GET /api/ewg/report serves them, so both show the same tables with
// the same ILLUSTRATIVE and SYNTHETIC labels.
//
// Thread safety: pure.
#ifndef BLUEHELMET_VIEWS_CYCLE_REPORT_VIEW_H_
#define BLUEHELMET_VIEWS_CYCLE_REPORT_VIEW_H_

#include <vector>

#include "ewg/cycle_report.h"
#include "store/reference.h"
#include "table/table.h"

namespace bh {

// Seven tables: overview, activities, participation, work plan, outcomes,
// scorecard at the start, scorecard at the end.
std::vector<Table> CycleReportTables(const CycleReport& r, const Reference& ref);

}  // namespace bh

#endif  // BLUEHELMET_VIEWS_CYCLE_REPORT_VIEW_H_
