// Whole-file reads and writes. Errors name the path and the OS reason.
// Thread-safe.
#ifndef BLUEHELMET_BASE_FILE_UTIL_H_
#define BLUEHELMET_BASE_FILE_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace bh {

// The largest file ReadFile reads unless told otherwise: 1 GiB, three times
// the benchmarks' 3,000,000-row CSV (~300 MB), which is read whole.
inline constexpr size_t kMaxReadBytes = size_t{1} << 30;

// Reads the whole file. NotFound when it does not exist; InvalidArgument for
// a directory or anything else that is not a regular file (a device such as
// /dev/zero, a pipe, a socket: they may never end), and InvalidData when the
// file holds more than `max_bytes` ("f.csv: the file is 2.0 GiB; the limit
// is 1.0 GiB"), checked before reading and while reading, so memory stays
// bounded even for a file that grows; IoError otherwise.
Result<std::string> ReadFile(const std::string& path, size_t max_bytes = kMaxReadBytes);

// True when `bytes` start as a gzip stream does (RFC 1952: 1f 8b).
bool IsGzip(std::string_view bytes);

// The bytes a gzip stream (one member or several) holds, via zlib.
// InvalidData "NAME: not a valid gzip stream (REASON)" for a damaged or cut
// short one, and "NAME: holds more than LIMIT uncompressed" past
// `max_bytes`, checked while inflating so memory stays bounded.
Result<std::string> Gunzip(std::string_view gz, const std::string& name, size_t max_bytes = kMaxReadBytes);

// `data` as one gzip member (RFC 1952), via zlib at `level` (1 fastest .. 9
// smallest). Internal when zlib cannot start (no memory, a level outside
// 0..9) or the input is 4 GiB or more.
Result<std::string> Gzip(std::string_view data, int level = 6);

// "1.0 GiB", "100 MiB", "512 bytes": a byte count for messages.
std::string ByteSizeText(uint64_t bytes);

// Writes `data` to `path` via a temporary file and rename, so a reader never
// sees half a file.
Status WriteFile(const std::string& path, std::string_view data);

// The last path component ("a/b/c.csv" -> "c.csv").
std::string BaseName(std::string_view path);

}  // namespace bh

#endif  // BLUEHELMET_BASE_FILE_UTIL_H_
