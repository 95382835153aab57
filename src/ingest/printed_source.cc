#include "ingest/printed_source.h"

#include <fmt/format.h>

#include <cstring>
#include <vector>

#include "base/csv.h"
#include "base/file_util.h"
#include "base/strings.h"

namespace bh {

Result<std::string> ReadImportedFile(const std::string& path, const std::string& sha256) {
  if (path.empty()) return Status::NotFound("no path stored for this import");
  BH_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  std::string now = Sha256Hex(bytes);
  if (now != sha256) {
    return Status::InvalidData(fmt::format("{}: changed since import (SHA-256 now {}…, imported {}…)", path,
                                           now.substr(0, 12), sha256.substr(0, 12)));
  }
  return bytes;
}

namespace {
// Offset of the first byte of 1-based physical line `line` (lines end with
// LF), or data.size() when the data has fewer lines.
size_t LineStart(std::string_view data, int line) {
  size_t pos = 0;
  for (int l = 1; l < line; ++l) {
    const void* nl = std::memchr(data.data() + pos, '\n', data.size() - pos);
    if (nl == nullptr) return data.size();
    pos = static_cast<size_t>(static_cast<const char*>(nl) - data.data()) + 1;
  }
  return pos;
}
}  // namespace

Result<std::string> CsvRecordAt(std::string_view data, const std::string& name, int line) {
  CsvReader reader(data, name);
  std::vector<std::string_view> fields;
  bool found = false;
  while (reader.Next(&fields)) {
    if (reader.line() >= line) {
      found = reader.line() == line;
      break;
    }
  }
  if (!reader.status().ok()) return reader.status();
  if (!found) return Status::NotFound(fmt::format("{}:{}: no record begins on this line", name, line));
  // The record runs to where the next one begins (blank lines between are
  // trimmed below), or to the end of the file.
  size_t begin = LineStart(data, line);
  size_t end = reader.Next(&fields) ? LineStart(data, reader.line()) : data.size();
  if (!reader.status().ok()) return reader.status();
  std::string_view text = data.substr(begin, end - begin);
  if (line == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace bh
