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

  // Writes one record for a person with a spreadsheet: each field goes
  // through QuoteSafe. Every CSV file Bluehelmet writes (tables, register and
  // EWG exports, rejected-row files) is written by this function.
  static void AppendRecord(const std::vector<std::string>& fields, std::string* out);
  // RFC 4180 quoting alone: fields holding a comma, quote or line break are
  // quoted. For CSV text that is itself data (the raw record of a rejected
  // row, stored in a field that AppendRecord then writes).
  static void AppendRawRecord(const std::vector<std::string>& fields, std::string* out);
  static std::string Quote(std::string_view field);
  // Quote(NeutraliseFormula(field)), and quoted whenever it was neutralised,
  // as OWASP's "CSV Injection" guidance asks.
  static std::string QuoteSafe(std::string_view field);

 private:
  std::string_view data_;
  std::string name_;
  size_t pos_ = 0;
  int line_ = 1;
  int record_line_ = 0;
  Status status_;
  std::deque<std::string> scratch_;  // deque: growth keeps earlier views valid
};

// CSV injection (OWASP "CSV Injection"): a spreadsheet runs a cell that
// begins with '=', '+', '-' or '@' as a formula ("=HYPERLINK(...)",
// "=cmd|' /C calc'!A0"), and a leading tab or carriage return can hide such a
// cell. The rule Bluehelmet applies to every CSV field it writes:
//   - a field that begins with one of = + - @ TAB CR is formula-like, unless
//     the whole field is a plain decimal number ("-3", "-0.5", "+2", "1e-3"):
//     a cell that parses entirely as a number is a number to every
//     spreadsheet, cannot run anything, and a year-on-year change column
//     must stay numeric; a lone "-" (the tables' placeholder for nothing)
//     has no operand, is no formula, and stays too;
//   - a field that begins with one or more apostrophes followed by one of
//     those characters is formula-like too, so that the neutralising is
//     reversible (a stored "'=x" is written "''=x" and reads back as "'=x");
//   - a formula-like field gets one apostrophe in front (the spreadsheet's
//     "this is text" mark) and is quoted.
// Pure functions, thread-safe.
bool IsFormulaLike(std::string_view field);
// "'" + field when IsFormulaLike(field), else field unchanged.
std::string NeutraliseFormula(std::string_view field);
// The inverse, for the importers of Bluehelmet's own exports (register and
// EWG files): drops the one apostrophe NeutraliseFormula added, and nothing
// else: "'=x" -> "=x", "''=x" -> "'=x", "'abc" and "-3" unchanged.
std::string_view UnneutraliseFormula(std::string_view field);

}  // namespace bh

#endif  // BLUEHELMET_BASE_CSV_H_
