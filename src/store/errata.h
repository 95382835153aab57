// Errata: corrections of the UN's figures, made in the open.
//
// A correction replaces the women and men of one cell (month, country,
// mission, personnel type) and records why (the reason, the evidence, the
// anomaly it answers) and who made it. The figures as printed are never
// changed: `contribution` keeps them, `printed_contribution` shows them,
// and `current_contribution` and `figures_in_use` (which every query
// reads) show the corrected ones. A correction names the figures it
// expects to find (printed_women, printed_men): it applies only while the
// month's current source prints exactly those, so a newer file with other
// figures is never "corrected" by mistake.
//
// UseFiguresAsPrinted switches one connection back to the figures as
// printed (`--as-printed`), by TEMP views that shadow the corrected ones.
//
// Thread safety: one Db, one thread.
#ifndef BLUEHELMET_STORE_ERRATA_H_
#define BLUEHELMET_STORE_ERRATA_H_

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "model/personnel.h"
#include "store/database.h"

namespace bh {

struct Erratum {
  std::string id;  // "E-2020-08-CMR-MINUSCA-TRP"
  Month month;
  std::string iso3;
  std::string mission;  // "" where the source gives none
  PersonnelType type = PersonnelType::kTroops;
  int64_t printed_women = 0, printed_men = 0;
  int64_t women = 0, men = 0;
  std::string reason, evidence, author, created_at;
  bool applied = false;  // the month's current source prints the expected figures (ListErrata)
};

// "E-<month>-<ISO3>-<mission or ->-<type code>".
std::string ErratumId(const Erratum& e);

// Adds a correction (id made by ErratumId when empty), checking that the
// month's current source has that cell with the expected printed figures,
// and refreshes the corrected monthly sums, in one transaction. A second
// correction of the same cell is refused naming the first.
Status AddErratum(Db* db, Erratum e);

// Deletes one correction; NotFound for an unknown id.
Status RemoveErratum(Db* db, const std::string& id);

Result<std::vector<Erratum>> ListErrata(Db* db, std::optional<Month> month);

// Recomputes month_figures_corrected for every current (import, month) a
// correction applies to. In the caller's transaction.
Status RebuildCorrectedFigures(Db* db);

// From now on this connection reads the figures as printed.
Status UseFiguresAsPrinted(Db* db);

// How many cells of `month` are corrected, and the ids: for output notes.
struct MonthCorrections {
  int64_t cells = 0;
  std::vector<std::string> ids;
};
Result<MonthCorrections> CorrectionsIn(Db* db, Month month);

}  // namespace bh

#endif  // BLUEHELMET_STORE_ERRATA_H_
