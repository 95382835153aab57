#include "ingest/printed_source.h"

#include <fmt/format.h>

#include <cstring>
#include <map>
#include <set>
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

// Walks physical lines forward: the offset where 1-based line `line` begins
// (lines end with LF), or data.size() past the last line. REQUIRES: calls
// with non-decreasing lines.
class LineCursor {
 public:
  explicit LineCursor(std::string_view data) : data_(data) {}
  size_t Start(int line) {
    while (line_ < line && pos_ < data_.size()) {
      const void* nl = std::memchr(data_.data() + pos_, '\n', data_.size() - pos_);
      pos_ = nl == nullptr ? data_.size() : static_cast<size_t>(static_cast<const char*>(nl) - data_.data()) + 1;
      ++line_;
    }
    return line_ < line ? data_.size() : pos_;
  }

 private:
  std::string_view data_;
  int line_ = 1;
  size_t pos_ = 0;
};

}  // namespace

std::vector<Result<std::string>> CsvRecordsAt(std::string_view data, const std::string& name,
                                              const std::vector<int>& lines) {
  std::set<int> wanted(lines.begin(), lines.end());
  std::map<int, std::string> found;
  CsvReader reader(data, name);
  LineCursor cursor(data);
  std::vector<std::string_view> fields;
  // A record runs from its first line to where the next record begins
  // (blank lines between are trimmed below), or to the end of the file.
  int open = 0;  // a wanted record whose end is not known yet
  size_t open_begin = 0;
  auto close = [&](size_t end) {
    std::string_view text = data.substr(open_begin, end - open_begin);
    if (open == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    found[open] = std::string(text);
    open = 0;
  };
  while (!wanted.empty() || open != 0) {
    if (!reader.Next(&fields)) break;
    const int line = reader.line();
    if (open != 0) close(cursor.Start(line));
    if (wanted.erase(line)) {
      open = line;
      open_begin = cursor.Start(line);
    }
    // Lines passed without a record beginning on them stay unanswered.
    while (!wanted.empty() && *wanted.begin() < line) wanted.erase(wanted.begin());
  }
  if (open != 0 && reader.status().ok()) close(data.size());
  std::vector<Result<std::string>> out;
  out.reserve(lines.size());
  for (int line : lines) {
    auto it = found.find(line);
    if (it != found.end()) {
      out.emplace_back(it->second);
    } else if (!reader.status().ok()) {
      out.emplace_back(reader.status());
    } else {
      out.emplace_back(Status::NotFound(fmt::format("{}:{}: no record begins on this line", name, line)));
    }
  }
  return out;
}

Result<std::string> CsvRecordAt(std::string_view data, const std::string& name, int line) {
  return std::move(CsvRecordsAt(data, name, {line})[0]);
}

}  // namespace bh
