// The tables of the national deployment register (src/register/), built
// once: `bluehelmet register summary|headcount|reconcile|plan|import` print
// them and the web API serves them (/api/register/...), so both show the
// same figures, titles and notes.
//
// Every table built on illustrative records says so: " [ILLUSTRATIVE
// register]" ends its title and its first note says what that means.
// Countries are ISO3 codes or names, resolved by the reference data.
// Errors: NotFound "no register records for Japan (JPN); load some with
// 'bluehelmet register import'" for a country without a register; the
// register's own checks (CheckRegister) otherwise.
//
// Thread safety: not thread-safe (each call uses one Db*).
#ifndef BLUEHELMET_VIEWS_REGISTER_VIEWS_H_
#define BLUEHELMET_VIEWS_REGISTER_VIEWS_H_

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "register/register_csv.h"
#include "store/database.h"
#include "store/reference.h"
#include "table/table.h"

namespace bh {

// Countries with a register: ISO3, Country.
Result<Table> RegisterCountriesTable(Db* db, const Reference& ref);

// What a country sent as of a day (register/summary.h): per unit type and
// for individual postings (`groups`), and per unit (`units`), with the
// plain-English briefing.
struct RegisterSummaryView {
  std::string iso3, name;
  Date as_of;
  bool illustrative = false;
  std::string briefing;
  Table groups, units;
  // Where the briefing goes: a note under `groups`, wrapped for the
  // terminal (text formats), or a one-cell "Briefing" table after the two
  // (data formats).
  enum class BriefingAs { kNote, kTable };
  std::vector<Table> Tables(BriefingAs as) const;
};
Result<RegisterSummaryView> RegisterSummaryTables(Db* db, const Reference& ref, const std::string& country, Date as_of);

// Headcount on the last day of each month by mission, UN personnel type
// and sex. `from`/`to` default to the register's dated months (DatedMonths);
// NotFound "no dated records for VNM" when it has none.
Result<Table> RegisterHeadcountTable(Db* db, const Reference& ref, const std::string& country,
                                     std::optional<Month> from, std::optional<Month> to);

// The register's month-end headcount against the UN's figures for the
// month, one row per differing cell. NotFound when the store has no UN
// figures for the country in that month.
Result<Table> RegisterReconcileTable(Db* db, const Reference& ref, const std::string& country, Month month);

// Women a unit's next rotation needs in `year` (register/summary.h,
// PlanNextRotation). NotFound "unknown unit 'X' of VNM".
Result<Table> RegisterPlanTable(Db* db, const Reference& ref, const std::string& country, const std::string& unit,
                                int year);

// What an import wrote: per record file, added, updated and unchanged.
Table RegisterImportTable(const RegisterImportSummary& s);
// For audit lines: "243 person: +0 ~0; 3 unit: +3 ~0".
std::string RegisterImportText(const RegisterImportSummary& s);

}  // namespace bh

#endif  // BLUEHELMET_VIEWS_REGISTER_VIEWS_H_
