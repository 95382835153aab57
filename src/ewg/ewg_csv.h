// The text form of EWG records: one set of named columns per record kind,
// shared by CSV files, the command line and the built-in facts, so each
// route goes through the same parsing and the same rules.
//
// Kinds and columns (docs/ewg.md has the full description; * = required):
//   cycles        ewg*, cycle*, start*, end, co_chairs*, source*, note
//   activities    ref*, ewg*, cycle*, number, type*, title*, start*, end, host,
//                 venue*, themes, agenda, chaired_by, source*, note
//   participants  activity*, country*, women, men, illustrative, source*
//   workplan      ref*, ewg*, cycle*, title*, status*, due, activity, source*, note
//   outcomes      ref*, ewg*, cycle*, kind*, title*, date, activity, url, source*, note
// Lists (co_chairs, themes) are separated by ";". Dates are YYYY, YYYY-MM or
// YYYY-MM-DD. Countries are names or ISO3 codes ("Viet Nam", "VNM").
// A file's kind follows from its header; columns may come in any order.
//
// Errors are InvalidData naming the place: "cycles.csv:3: column 'start': not a
// date (want YYYY, YYYY-MM or YYYY-MM-DD): 'April'".
//
// Thread safety: pure functions, except ExportCsv (reads a Db).
#ifndef BLUEHELMET_EWG_EWG_CSV_H_
#define BLUEHELMET_EWG_EWG_CSV_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ewg/ewg_store.h"
#include "store/reference.h"

namespace bh {

enum class RecordKind { kCycles, kActivities, kParticipants, kWorkplan, kOutcomes };
inline constexpr RecordKind kAllRecordKinds[] = {RecordKind::kCycles, RecordKind::kActivities,
                                                 RecordKind::kParticipants, RecordKind::kWorkplan,
                                                 RecordKind::kOutcomes};
std::string_view RecordKindName(RecordKind k);  // "cycles", ...
// InvalidArgument: "unknown record kind 'x' (want cycles, activities, participants, workplan or outcomes)".
Result<RecordKind> RecordKindFromName(std::string_view s);
// The kind's columns in export order.
const std::vector<std::string>& ColumnsOf(RecordKind k);

// Column name -> text; a missing column reads as "".
using FieldMap = std::map<std::string, std::string>;

// One record from its fields. `where` prefixes errors; `origin` is stored.
Result<Cycle> CycleFromFields(const FieldMap& f, const Reference& ref, const std::string& where);
Result<Activity> ActivityFromFields(const FieldMap& f, const Reference& ref, const std::string& where);
Result<Participation> ParticipationFromFields(const FieldMap& f, const Reference& ref, const std::string& where);
Result<WorkplanItem> WorkplanFromFields(const FieldMap& f, const std::string& where);
Result<Outcome> OutcomeFromFields(const FieldMap& f, const std::string& where);

// And back, with countries as display names, so exports re-import.
FieldMap FieldsOf(const Cycle& c, const Reference& ref);
FieldMap FieldsOf(const Activity& a, const Reference& ref);
FieldMap FieldsOf(const Participation& p, const Reference& ref);
FieldMap FieldsOf(const WorkplanItem& w);
FieldMap FieldsOf(const Outcome& o);

// Adds one record of `kind` to the batch, with origin and location.
Status AddToBatch(RecordKind kind, const FieldMap& f, const Reference& ref, const std::string& where,
                  const std::string& origin, Batch* batch);

// Parses a CSV file (name used in messages and as origin "import NAME") into
// `batch`. Returns the kind it detected. Rejects an unknown header, unknown or
// missing required columns, and any bad row, naming the line.
Result<RecordKind> ParseEwgCsv(std::string_view data, const std::string& name, const Reference& ref, Batch* batch);

// The records of `kind` (filtered like the List* reads) as a CSV file that
// ParseEwgCsv reads back unchanged.
Result<std::string> ExportCsv(Db* db, const Reference& ref, RecordKind kind, std::string_view ewg,
                              std::optional<int> cycle);

}  // namespace bh

#endif  // BLUEHELMET_EWG_EWG_CSV_H_
