// The text form of EWG records: one set of named columns per record kind,
// shared by CSV files, the command line and the built-in facts, so each
// route goes through the same parsing and the same rules. The vocabulary
// (column specs, Fields, the CSV reader, add/edit/set) is records/, shared
// with the deployment register.
//
// Kinds (CLI noun, file kind) and columns (docs/ewg.md has the full
// description; * = required):
//   cycle (cycles)            ewg*, cycle*, start*, end, co_chairs*, source*, note
//   activity (activities)     ref*, ewg*, cycle*, number, type*, title*, start*, end, host,
//                             venue*, themes, agenda, chaired_by, source*, note
//   participant (participants) activity*, country*, women, men, illustrative, source*
//   workplan-item (workplan)  ref*, ewg*, cycle*, title*, status*, due, activity, source*, note
//   outcome (outcomes)        ref*, ewg*, cycle*, kind*, title*, date, activity, url, source*, note
// Lists (co_chairs, themes) are separated by ";". Dates are YYYY, YYYY-MM or
// YYYY-MM-DD. Countries are names or ISO3 codes ("Viet Nam", "VNM").
// A file's kind follows from its header; columns may come in any order.
//
// Errors are InvalidData naming the place: "cycles.csv:3: column 'start': not a
// date (want YYYY, YYYY-MM or YYYY-MM-DD): 'April'".
//
// Thread safety: pure functions, except those taking a Db.
#ifndef BLUEHELMET_EWG_EWG_CSV_H_
#define BLUEHELMET_EWG_EWG_CSV_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ewg/ewg_store.h"
#include "records/fields.h"
#include "records/record_file.h"
#include "store/reference.h"

namespace bh {

enum class EwgKind { kCycle, kActivity, kParticipant, kWorkplanItem, kOutcome };
inline constexpr EwgKind kAllEwgKinds[] = {EwgKind::kCycle, EwgKind::kActivity, EwgKind::kParticipant,
                                           EwgKind::kWorkplanItem, EwgKind::kOutcome};
const KindSpec& SpecOf(EwgKind k);
// The EWG's kinds for the record reader.
const RecordDomain& EwgDomain();
// A kind by its file name or noun ("cycles" or "cycle"), case-insensitive.
// InvalidArgument: "unknown record kind 'x' (want cycles, activities, participants, workplan or outcomes)".
Result<EwgKind> EwgKindFromName(std::string_view s);

// One record from its fields. FieldErrors ("column 'start': ..."), which
// AddToBatch prefixes with the record's place.
Result<Cycle> CycleFromFields(const Fields& f, const Reference& ref);
Result<Activity> ActivityFromFields(const Fields& f, const Reference& ref);
Result<Participation> ParticipationFromFields(const Fields& f, const Reference& ref);
Result<WorkplanItem> WorkplanFromFields(const Fields& f);
Result<Outcome> OutcomeFromFields(const Fields& f);

// And back, with countries as display names, so exports re-import.
Fields FieldsOf(const Cycle& c, const Reference& ref);
Fields FieldsOf(const Activity& a, const Reference& ref);
Fields FieldsOf(const Participation& p, const Reference& ref);
Fields FieldsOf(const WorkplanItem& w);
Fields FieldsOf(const Outcome& o);

// Adds one record of `kind` to the batch, with origin and location (errors
// are prefixed with `where`).
Status AddToBatch(EwgKind kind, const Fields& f, const Reference& ref, const std::string& where,
                  const std::string& origin, Batch* batch);

// Parses a CSV file (name used in messages and as origin "import NAME") into
// `batch`. Returns the kind it detected. Rejects an unknown header, unknown or
// missing required columns, and any bad row, naming the line.
Result<EwgKind> ParseEwgCsv(std::string_view data, const std::string& name, const Reference& ref, Batch* batch);

// The records of `kind` (filtered like the List* reads) as a CSV file that
// ParseEwgCsv reads back unchanged.
Result<std::string> ExportCsv(Db* db, const Reference& ref, EwgKind kind, std::string_view ewg,
                              std::optional<int> cycle);

// "cycle PKO 6", "activity PKO4-M14", "Viet Nam at PKO4-M14", "work-plan
// item W1", "outcome O1": a record named by the key columns of `f`.
std::string RecordLabel(EwgKind kind, const Fields& f);

// The stored record whose key `key` gives, as fields; nullopt when none.
// NotFound for an unknown EWG; InvalidArgument for a cycle number that is
// not a number.
Result<std::optional<Fields>> FindRecord(Db* db, const Reference& ref, EwgKind kind, const Fields& key);

// One record written from the command line (place and origin "command
// line"): `given` merged with the stored record as `mode` says
// (records/fields.h, MergeForWrite), then checked and written by ApplyBatch.
Result<Change> WriteRecord(Db* db, const Reference& ref, EwgKind kind, const Fields& given, WriteMode mode);

}  // namespace bh

#endif  // BLUEHELMET_EWG_EWG_CSV_H_
