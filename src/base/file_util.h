// Whole-file reads and writes. Errors name the path and the OS reason.
// Thread-safe.
#ifndef BLUEHELMET_BASE_FILE_UTIL_H_
#define BLUEHELMET_BASE_FILE_UTIL_H_

#include <string>
#include <string_view>

#include "base/result.h"

namespace bh {

// Reads the whole file. NotFound when it does not exist, IoError otherwise.
Result<std::string> ReadFile(const std::string& path);

// Writes `data` to `path` via a temporary file and rename, so a reader never
// sees half a file.
Status WriteFile(const std::string& path, std::string_view data);

// The last path component ("a/b/c.csv" -> "c.csv").
std::string BaseName(std::string_view path);

}  // namespace bh

#endif  // BLUEHELMET_BASE_FILE_UTIL_H_
