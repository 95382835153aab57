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
// Shipped errata: the corrections the project can prove are data files
// (data/errata/*.csv, written by scripts/make_errata.sh) compiled into the
// binary. LoadShippedErrata loads each file into a database once per
// content (its name and SHA-256, recorded in erratum_shipped_file), marks
// each correction with that as its source, and never loads again one a user
// removed (erratum_removed), even from a later version of the file. Like
// every correction, a shipped one applies only to a row that prints exactly
// the figures it names; until its month is imported it waits, inactive.
//
// Thread safety: one Db, one thread.
#ifndef BLUEHELMET_STORE_ERRATA_H_
#define BLUEHELMET_STORE_ERRATA_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "model/personnel.h"
#include "records/fields.h"
#include "records/record_file.h"
#include "store/database.h"
#include "store/reference.h"

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
  // Shipped: "data/errata/x.csv (sha256 HEX)"; "" for one made in this
  // database (errata add or import).
  std::string source;
  bool applied = false;         // the month's current source prints the expected figures (ListErrata)
  bool month_imported = false;  // the month has a current source at all (ListErrata)
};

// "E-<month>-<ISO3>-<mission or ->-<type code>".
std::string ErratumId(const Erratum& e);

// Adds a correction (id made by ErratumId when empty), checking that the
// month's current source has that cell with the expected printed figures,
// and refreshes the corrected monthly sums, in one transaction. A second
// correction of the same cell is refused naming the first.
Status AddErratum(Db* db, Erratum e);

// Deletes one correction; NotFound for an unknown id. A shipped one is
// remembered as removed, so LoadShippedErrata never brings it back.
Status RemoveErratum(Db* db, const std::string& id);

// The errata's record kinds (src/records): one, the correction, whose
// columns are those `errata list --format csv` writes ("Id", "Month",
// "ISO3", ..., "Created"; "Applied" and "Source" are read and ignored).
// Required (in the header and non-empty): Month, ISO3, Type and the four
// figures; an empty Id is made by ErratumId, Mission may be "" or "-".
enum class ErrataKind { kCorrection };
const KindSpec& SpecOf(ErrataKind k);
const RecordDomain& ErrataDomain();

// A correction from its fields (no database): FieldError "column 'Women':
// not a whole number: 'many'" for the first bad field. Reason and author
// are checked when it is written.
Result<Erratum> ErratumFromFields(const Fields& f);

// The fields of `e` under the kind's columns (Mission "-" when empty), as
// ErratumFromFields reads them back.
Fields ErratumFields(const Erratum& e);

// A correction as read from a CSV file, with its line there.
struct ErrataCsvRow {
  int line = 0;
  Erratum erratum;
};
// Reads the CSV that `errata list --format csv` writes, through
// ReadRecordFile (columns by name, in any order and case; unknown ones are
// refused). InvalidData "NAME:LINE: column 'C': ..." for the first bad
// field, or "NAME:1: missing column 'C' in a corrections file".
Result<std::vector<ErrataCsvRow>> ParseErrataCsv(std::string_view csv, const std::string& name);

// The command line's one write path for a correction (`errata add`):
// `given` holds the kind's columns, with ISO3 a code or a name people type
// (Reference::ResolveCountry); empty "Printed women" and "Printed men" are
// read from the month's current source (NotFound when it has no such cell).
// Only WriteMode::kAdd: a correction is not edited but removed and added
// again (InvalidArgument otherwise). A cell already corrected is refused by
// MergeForWrite (AlreadyExists "2020-08 CMR MINUSCA Troops: correction
// E-... already exists; use 'errata remove E-...'"); then AddErratum.
// Returns the correction as written.
Result<Erratum> WriteErratum(Db* db, const Reference& ref, const Fields& given, WriteMode mode);

// A data file of corrections the project ships, compiled into the binary.
struct ShippedErrataFile {
  std::string_view name;  // its path in the source tree: "data/errata/un_2020_08_sex_swaps.csv"
  std::string_view csv;   // its bytes, exactly
  // Its SHA-256 (hex) when known beforehand (the build computes it for the
  // shipped files, so opening a database hashes nothing); empty: computed.
  std::string_view sha256 = {};
};
// The files of data/errata/ at build time (cmake/embed_assets.cmake).
std::vector<ShippedErrataFile> ShippedErrataFiles();

// Loads each file that this database has not loaded in this content (name
// and SHA-256), in one transaction per file: every correction except those
// a user removed and those whose id or cell the database already has (a
// user's own correction of the cell stands; the same correction imported by
// hand before is marked as shipped), without requiring that its month be
// imported. Returns how many corrections were added. A read-only database
// that has not loaded a file is refused, as a pending migration is.
// Idempotent.
Result<int64_t> LoadShippedErrata(Db* db, const std::vector<ShippedErrataFile>& files);

Result<std::vector<Erratum>> ListErrata(Db* db, std::optional<Month> month);

// Recomputes month_figures_corrected for every current (import, month) a
// correction applies to. In the caller's transaction.
Status RebuildCorrectedFigures(Db* db);

// The same for `months` only: what changes when an import becomes the
// source of those months (the rows of other months, and the corrections,
// stay as they were). In the caller's transaction.
Status RebuildCorrectedFiguresOf(Db* db, const std::set<Month>& months);

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
