// Table: the one shape every command's output takes, rendered four ways:
//   kTable     aligned text for a terminal (numbers right-aligned)
//   kCsv       RFC 4180, header row first
//   kJson      {"title", "columns", "rows": [{column: value}], "notes"}
//   kMarkdown  a pipe table under a "### title" line
// Cells keep a typed value (null, integer, decimal, text) for csv/json and an
// optional display text for the terminal ("17.5 %", "1,225").
//
// Thread safety: values; rendering is pure.
#ifndef BLUEHELMET_TABLE_TABLE_H_
#define BLUEHELMET_TABLE_TABLE_H_

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"

namespace bh {

enum class Format { kTable, kCsv, kJson, kMarkdown };
Result<Format> ParseFormat(std::string_view s);

struct Cell {
  std::variant<std::monostate, int64_t, double, std::string> value;
  std::string display;  // terminal/markdown text; empty = derived from value

  Cell() = default;
  Cell(int64_t v) : value(v) {}                    // NOLINT
  Cell(int v) : value(static_cast<int64_t>(v)) {}  // NOLINT
  Cell(std::string v) : value(std::move(v)) {}     // NOLINT
  Cell(const char* v) : value(std::string(v)) {}   // NOLINT
  static Cell Null(std::string display = "") {
    Cell c;
    c.display = std::move(display);
    return c;
  }
  static Cell Decimal(double v, std::string display) {
    Cell c;
    c.value = v;
    c.display = std::move(display);
    return c;
  }
  std::string Text() const;  // display, or the value as text
  bool IsNumber() const { return std::holds_alternative<int64_t>(value) || std::holds_alternative<double>(value); }
};

struct Table {
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> notes;  // printed under the table; in JSON as "notes"

  void AddRow(std::vector<Cell> row) { rows.push_back(std::move(row)); }
};

std::string Render(const Table& t, Format f);
// The JSON form of one table (what kJson prints). With `with_display`, also
// "display": one array per row of the texts the terminal shows ("7.14 %",
// "n/a"), so a web page shows exactly what the CLI prints.
nlohmann::json TableToJson(const Table& t, bool with_display = false);

// `j` as indented JSON text. Never throws: bytes that are not UTF-8 are
// written as U+FFFD. Every JSON rendering of a table goes through here.
std::string DumpJson(const nlohmann::json& j);

// Several tables: text formats separate them with a blank line; JSON makes
// an array; CSV writes each with its title as a "# title" line.
std::string Render(const std::vector<Table>& ts, Format f);

}  // namespace bh

#endif  // BLUEHELMET_TABLE_TABLE_H_
