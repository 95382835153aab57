// CsvReader: an RFC 4180 reader over an in-memory buffer, as the UN writes
// its open-data files: optional UTF-8 byte-order mark, LF or CRLF line ends,
// fields quoted with "..." and "" for a literal quote, quoted line breaks.
//
// Fields are string_views into the buffer (or into the reader's scratch
// space for quoted fields that needed unescaping); they stay valid until the
// next call to Next(). The buffer must outlive the reader.
//
// Written by hand rather than taken from a library: Debian packages no C++
// CSV reader, and this one is ~100 lines that never copies an unquoted field.
//
// Thread safety: one reader per thread.
#ifndef BLUEHELMET_BASE_CSV_H_
#define BLUEHELMET_BASE_CSV_H_

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace bh {

class CsvReader {
 public:
  // `name` is used in error messages ("name:LINE: ...").
  CsvReader(std::string_view data, std::string name);

  // Reads the next record into `fields`. Returns false at end of input or on
  // error; then status() tells which. Blank lines are skipped.
  bool Next(std::vector<std::string_view>* fields);

  // 1-based physical line on which the last record returned began.
  int line() const { return record_line_; }
  const Status& status() const { return status_; }
  const std::string& name() const { return name_; }

  // Writes one record, quoting fields that need it.
  static void AppendRecord(const std::vector<std::string>& fields, std::string* out);
  static std::string Quote(std::string_view field);

 private:
  std::string_view data_;
  std::string name_;
  size_t pos_ = 0;
  int line_ = 1;
  int record_line_ = 0;
  Status status_;
  std::deque<std::string> scratch_;  // deque: growth keeps earlier views valid
};

}  // namespace bh

#endif  // BLUEHELMET_BASE_CSV_H_
