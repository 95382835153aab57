// The register as CSV files: import (validated, all or nothing, idempotent),
// export, and single-record writes for the CLI, all through one column
// vocabulary (documented in docs/register.md).
//
// Five kinds of file, each recognised by its header (column order free):
//   persons.csv   country, service_number, sex, rank, service[, specialty, name]
//   units.csv     country, unit, unit_type, mission, authorised_strength[, personnel_type, parent, location,
//                 rotation, requested_share, note]
//   legs.csv      country, unit, direction, batch[, departs, arrives, note]
//   members.csv   country, unit, service_number, out_batch[, home_batch, ends, role]
//   postings.csv  country, service_number, role, mission, starts[, ends, post, note]
// Lines starting with '#' before the header are comments; a file whose
// comments contain the word ILLUSTRATIVE marks every record it holds as
// illustrative, and every output built on such records says so.
//
// An import takes any number of files, writes persons, then units, legs,
// members and postings (whatever the argument order), checks the whole
// register (CheckRegister), and commits only if everything passed. Errors
// name the file, line and column:
//   "vnm.csv:7: column 'sex': want F or M, got 'X'".
// Records are upserted on their keys (register_store.h), so importing the
// same files again changes nothing.
//
// Thread safety: one call at a time per Db.
#ifndef BLUEHELMET_REGISTER_REGISTER_CSV_H_
#define BLUEHELMET_REGISTER_REGISTER_CSV_H_

#include <map>
#include <string>
#include <vector>

#include "records/fields.h"
#include "records/record_file.h"
#include "register/register_store.h"
#include "store/reference.h"

namespace bh {

// Each kind's CLI noun ("person"), file ("persons": persons.csv) and
// columns; and the five together for the record reader.
const KindSpec& SpecOf(RegisterKind k);
const RecordDomain& RegisterDomain();

struct InputFile {
  std::string name;  // for messages, e.g. "persons.csv"
  std::string data;
};

struct RegisterImportSummary {
  std::map<RegisterKind, ChangeCounts> counts;
  std::vector<std::string> countries;  // ISO3 touched, sorted
  bool illustrative = false;           // any file marked ILLUSTRATIVE
};

// One file read once: its kind, and its rows with their line numbers.
struct ParsedRegisterFile {
  std::string name;
  RegisterKind kind = RegisterKind::kPerson;
  bool illustrative = false;
  std::vector<std::pair<int, Fields>> rows;
};
// An upload read once, files in dependency order (persons first). Whoever
// must check what an import would change (the web server's country scope)
// reads the countries from these rows (RegisterCountries) and then writes
// these same rows (ApplyRegister): there is no second reading of the bytes
// that could see other rows than the check saw.
struct ParsedRegister {
  std::vector<ParsedRegisterFile> files;
};

// Parses the files (no database). InvalidData naming file:line.
Result<ParsedRegister> ParseRegisterFiles(const std::vector<InputFile>& files);
// The ISO3 codes of every row's country, sorted and unique, resolved as
// ApplyRegister resolves them; InvalidData "file:line: column 'country': ..."
// for a row whose country is empty or unknown (ApplyRegister would refuse
// it too).
Result<std::vector<std::string>> RegisterCountries(const ParsedRegister& parsed, const Reference& ref);
// Writes exactly the parsed rows in one transaction. InvalidData naming
// file:line on any error, and then nothing is written.
Result<RegisterImportSummary> ApplyRegister(Db* db, const Reference& ref, const ParsedRegister& parsed);
// ParseRegisterFiles then ApplyRegister.
Result<RegisterImportSummary> ImportRegister(Db* db, const Reference& ref, const std::vector<InputFile>& files);

// Reads the files (folders: their *.csv files, sorted) and imports them.
Result<RegisterImportSummary> ImportRegisterPaths(Db* db, const Reference& ref, const std::vector<std::string>& paths);

// One country's register as the five files (those with records), in the
// import format; an ILLUSTRATIVE comment heads each file when the register
// holds illustrative records.
Result<std::vector<InputFile>> ExportRegister(Db* db, const std::string& iso3);

// Single-record writes for the CLI. `given` holds the columns the user set,
// merged with the stored record of the same key as `mode` says
// (records/fields.h, MergeForWrite: "service number 'P-1' of VNM already
// exists; use 'register person edit'", "... is not recorded"). The whole
// register is checked before commit. Records written this way keep the
// illustrative mark of the record they edit, and are not illustrative when
// added.
Result<Change> WriteRecord(Db* db, const Reference& ref, RegisterKind kind, const Fields& given, WriteMode mode);

}  // namespace bh

#endif  // BLUEHELMET_REGISTER_REGISTER_CSV_H_
