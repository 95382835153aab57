// Records as CSV files: the one reader and writer of every domain's record
// files (EWG, register; later errata and groups), driven by the domain's
// KindSpecs (fields.h).
//
// A file's kind follows from its header: exactly one kind's signature
// column must be present; columns may come in any order, unknown and
// repeated columns are refused, required ones must be there. Lines that
// start with '#' before the header are comments; header names match the
// spec's in any case ("Printed women" for "printed women"), and each field is
// keyed by the spec's name; a comment holding the
// word ILLUSTRATIVE marks the file's records as invented for a
// demonstration. A field that export neutralised for spreadsheets (base/
// csv.h) is read back as it was. Errors are InvalidData naming file and
// line:
//   "c.csv:1: unknown column 'colour' in a cycles file (columns: ewg, cycle, ...)"
//   "c.csv:1: missing column 'source' in a cycles file"
//   "c.csv:2: expected 7 fields, found 3"
//   "x.csv:1: not an EWG file: want a header with exactly one of co_chairs
//    (cycles), venue (activities), ... (see docs/ewg.md)"
//
// Thread safety: pure functions.
#ifndef BLUEHELMET_RECORDS_RECORD_FILE_H_
#define BLUEHELMET_RECORDS_RECORD_FILE_H_

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "records/fields.h"

namespace bh {

// A domain's record kinds, for the reader's messages.
struct RecordDomain {
  const char* name;  // "EWG", "register"
  const char* doc;   // "docs/ewg.md"
  std::span<const KindSpec> kinds;
};

// One file read once: its kind, and its rows with their line numbers.
struct RecordFile {
  std::string name;
  size_t kind = 0;  // index into the domain's kinds
  bool illustrative = false;
  std::vector<std::pair<int, Fields>> rows;
};

Result<RecordFile> ReadRecordFile(std::string_view data, const std::string& name, const RecordDomain& domain);

// The rows as a file ReadRecordFile reads back unchanged: the comment
// lines (each prefixed "# "), the kind's columns as header, then the rows.
std::string WriteRecordFile(const KindSpec& kind, const std::vector<Fields>& rows,
                            const std::vector<std::string>& comments = {});

}  // namespace bh

#endif  // BLUEHELMET_RECORDS_RECORD_FILE_H_
