// Re-reading an imported file to show a stored row as it stands in the file:
// the inverse of the import's provenance (the import's path and SHA-256, the
// row's page and line).
//
// Nothing is guessed. The file is read back only from the path stored at
// import and only when its SHA-256 still equals the stored one; otherwise
// the caller gets the reason (no path, not found, unreadable, changed).
//
// A file once verified is not hashed again by this process while its
// identity holds: device, inode, size, and modification and status-change
// times to the nanosecond (as git's index trusts a file whose stat data is
// unchanged). The status-change time cannot be set back by a program, so a
// file written again has another identity. As git does with "racily clean"
// files, a file whose times are less than kSettledSeconds before the check
// is not remembered (timestamps advance by clock ticks, and a write in the
// same tick could keep them). With the identity the process keeps where
// every kLineStride-th line begins, so a CSV record is read back from its
// line without reading the 228 MB file again (issue 16: /api/source took
// 0.7-1.0 s on the 10x database). At most kMaxVerifiedFiles are remembered.
//
// Thread safety: thread-safe.
#ifndef BLUEHELMET_INGEST_PRINTED_SOURCE_H_
#define BLUEHELMET_INGEST_PRINTED_SOURCE_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace bh {

// The bytes of an imported file, read from `path` (as stored at import:
// absolute for files read from disk since issue 11; an older relative path
// is read from the current directory) and checked against
// the `sha256` stored with it. Failures say why the file is not available:
//   NotFound    "no path stored for this import"
//   NotFound    "<path>: no such file"
//   IoError     "<path>: <OS reason>"
//   InvalidData "<path>: changed since import (SHA-256 now 1a2b3c4d5e6f…, imported 2bee0bfc45ef…)"
Result<std::string> ReadImportedFile(const std::string& path, const std::string& sha256);

inline constexpr int kSettledSeconds = 1;
inline constexpr int kLineStride = 4096;
inline constexpr size_t kMaxVerifiedFiles = 64;

// The CSV records that begin on the 1-based physical lines `lines` of the
// imported file at `path` (as CsvRecordsAt over ReadImportedFile's bytes,
// one result per entry of `lines`), read from the file's line starts
// without reading the rest once the file has been verified (see above).
// The outer error is ReadImportedFile's. `from_line_starts`, when given,
// says whether the answer came from the remembered line starts (every line
// a record begins on) rather than from reading the whole file.
Result<std::vector<Result<std::string>>> ImportedCsvRecordsAt(const std::string& path, const std::string& sha256,
                                                              const std::string& name, const std::vector<int>& lines,
                                                              bool* from_line_starts = nullptr);

// Whether this process remembers `path` as verified against `sha256` with
// its identity of now (for tests).
bool ImportedFileIsRemembered(const std::string& path, const std::string& sha256);

// The CSV record that begins on 1-based physical line `line` of `data`, as it
// stands in the file: its raw text, quotes and all, without the line end
// (a record with a quoted line break keeps it). `name` prefixes errors:
// NotFound "<name>:<line>: no record begins on this line".
Result<std::string> CsvRecordAt(std::string_view data, const std::string& name, int line);

// The same for several lines in one pass over the data (a country's rows of
// a month in a 300,000-row file): one result per entry of `lines`, in order.
std::vector<Result<std::string>> CsvRecordsAt(std::string_view data, const std::string& name,
                                              const std::vector<int>& lines);

}  // namespace bh

#endif  // BLUEHELMET_INGEST_PRINTED_SOURCE_H_
