// Table: the one shape every command's output takes, rendered five ways:
//   kTable      aligned text for a terminal (numbers right-aligned)
//   kCsv        RFC 4180: one header row, then the rows; nothing else
//   kJson       {"tables": {NAME: {"title", "columns", "rows": [{column:
//               value}], "notes"}}}, the same shape for one table or several
//   kJsonLines  one JSON object per row ({column: value}); nothing else
//   kMarkdown   a pipe table under a "### title" line
// Cells keep a typed value (null, integer, decimal, text) for the machine
// formats (csv, json, jsonl) and an optional display text for people
// ("17.5 %", "1,225", "52 of 65").
//
// The machine-format rule (README, "Machine formats"): a number is a number
// (a cell's value, never "12 %" or "52 of 65"); a label is its own column
// ("Target kind" beside "Target"); one table per stream in CSV and JSON
// Lines; titles and notes only in JSON (and the text forms).
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

enum class Format { kTable, kCsv, kJson, kJsonLines, kMarkdown };
// True for csv, json and jsonl: the formats programs read.
inline bool IsMachineFormat(Format f) { return f == Format::kCsv || f == Format::kJson || f == Format::kJsonLines; }
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
  // The table's name in JSON ("tables": {NAME: ...}) and for `--table NAME`
  // ("monthly", "annual"); "" = the command's name.
  std::string name;
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> notes;  // printed under the table; in JSON as "notes"
  // Columns that only the machine formats carry: the text and markdown forms
  // (and the web's "display") leave them out, because another column's
  // display text says it already ("Ranked countries" is the 65 of the rank's
  // "52 of 65"; "Target kind" the "(interpolated)" of "12 % (interpolated)").
  std::vector<std::string> machine_only;

  void AddRow(std::vector<Cell> row) { rows.push_back(std::move(row)); }
  // False for a column in machine_only.
  bool Shown(size_t column) const;
};

std::string Render(const Table& t, Format f);
// The JSON form of one table ({"title", "columns", "rows", "notes"}). With
// `with_display` (the web API), "columns" lists the columns the terminal
// shows and "display" holds one array per row of their texts ("7.14 %",
// "n/a"), so a web page shows exactly what the CLI prints; "rows" keeps
// every column, the machine_only ones (listed in "machine_only") too.
nlohmann::json TableToJson(const Table& t, bool with_display = false);

// What kJson prints: {"tables": {NAME: TableToJson(t)}}, NAME being
// Table::name, or `default_name` for an unnamed table (then NAME_2, ...
// for the second unnamed one, and so on).
nlohmann::json TablesToJson(const std::vector<Table>& ts, const std::string& default_name = "table");

// `j` as indented JSON text. Never throws: bytes that are not UTF-8 are
// written as U+FFFD. Every JSON rendering of a table goes through here.
std::string DumpJson(const nlohmann::json& j);

// Several tables: the text formats separate them with a blank line; JSON
// names each in one object (TablesToJson); CSV and JSON Lines, one table
// per stream, write the first (the caller picks which: `--table NAME`).
std::string Render(const std::vector<Table>& ts, Format f, const std::string& default_name = "table");

}  // namespace bh

#endif  // BLUEHELMET_TABLE_TABLE_H_
