#include "table/table.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/csv.h"
#include "base/strings.h"

namespace bh {

namespace {

// Display width in code points (good enough for Latin text and the few
// symbols we print).
size_t Width(std::string_view s) {
  size_t w = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++w;
  }
  return w;
}

nlohmann::json ToJson(const Cell& c) {
  if (std::holds_alternative<int64_t>(c.value)) return std::get<int64_t>(c.value);
  if (std::holds_alternative<double>(c.value)) return std::get<double>(c.value);
  if (std::holds_alternative<std::string>(c.value)) return std::get<std::string>(c.value);
  return nullptr;
}

}  // namespace

bool Table::Shown(size_t column) const {
  return column >= columns.size() ||
         std::find(machine_only.begin(), machine_only.end(), columns[column]) == machine_only.end();
}

nlohmann::json TableToJson(const Table& t, bool with_display) {
  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json display = nlohmann::json::array();
  for (const auto& r : t.rows) {
    nlohmann::json o = nlohmann::json::object();
    nlohmann::json d = nlohmann::json::array();
    for (size_t i = 0; i < t.columns.size() && i < r.size(); ++i) {
      o[t.columns[i]] = ToJson(r[i]);
      if (t.Shown(i)) d.push_back(r[i].Text());
    }
    rows.push_back(std::move(o));
    display.push_back(std::move(d));
  }
  std::vector<std::string> columns;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (!with_display || t.Shown(i)) columns.push_back(t.columns[i]);
  }
  nlohmann::json j = {{"title", t.title}, {"columns", columns}, {"rows", rows}, {"notes", t.notes}};
  if (with_display) {
    j["display"] = std::move(display);
    j["machine_only"] = t.machine_only;
  }
  return j;
}

nlohmann::json TablesToJson(const std::vector<Table>& ts, const std::string& default_name) {
  nlohmann::json tables = nlohmann::json::object();
  int unnamed = 0;
  for (const Table& t : ts) {
    std::string name = t.name;
    if (name.empty()) name = ++unnamed == 1 ? default_name : fmt::format("{}_{}", default_name, unnamed);
    tables[name] = TableToJson(t);
  }
  return nlohmann::json{{"tables", std::move(tables)}};
}

namespace {

// `t` without its machine_only columns: what people read.
Table Shown(const Table& t) {
  if (t.machine_only.empty()) return t;
  Table s;
  s.name = t.name;
  s.title = t.title;
  s.notes = t.notes;
  std::vector<size_t> keep;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (t.Shown(i)) {
      keep.push_back(i);
      s.columns.push_back(t.columns[i]);
    }
  }
  for (const auto& r : t.rows) {
    std::vector<Cell> row;
    for (size_t i : keep) row.push_back(i < r.size() ? r[i] : Cell());
    s.rows.push_back(std::move(row));
  }
  return s;
}

std::string RenderText(const Table& t) {
  std::vector<size_t> width(t.columns.size(), 0);
  std::vector<bool> numeric(t.columns.size(), true);
  for (size_t i = 0; i < t.columns.size(); ++i) width[i] = Width(t.columns[i]);
  for (const auto& r : t.rows) {
    for (size_t i = 0; i < t.columns.size() && i < r.size(); ++i) {
      width[i] = std::max(width[i], Width(r[i].Text()));
      if (!r[i].IsNumber() && !std::holds_alternative<std::monostate>(r[i].value)) numeric[i] = false;
    }
  }
  std::string out;
  if (!t.title.empty()) out += t.title + "\n";
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      const std::string& s = i < cells.size() ? cells[i] : std::string();
      size_t pad = width[i] - Width(s);
      if (i) l += "  ";
      if (numeric[i]) {
        l += std::string(pad, ' ') + s;
      } else {
        l += s + (i + 1 < t.columns.size() ? std::string(pad, ' ') : std::string());
      }
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line(t.columns);
  std::vector<std::string> rule;
  for (size_t w : width) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& r : t.rows) {
    std::vector<std::string> cells;
    for (const Cell& c : r) cells.push_back(c.Text());
    line(cells);
  }
  for (const std::string& n : t.notes) out += n + "\n";
  return out;
}

std::string CsvValue(const Cell& c) {
  if (std::holds_alternative<int64_t>(c.value)) return std::to_string(std::get<int64_t>(c.value));
  if (std::holds_alternative<double>(c.value)) return fmt::format("{}", std::get<double>(c.value));
  if (std::holds_alternative<std::string>(c.value)) return std::get<std::string>(c.value);
  return "";
}

std::string RenderCsv(const Table& t) {
  std::string out;
  CsvReader::AppendRecord(t.columns, &out);
  for (const auto& r : t.rows) {
    std::vector<std::string> cells;
    for (const Cell& c : r) cells.push_back(CsvValue(c));
    CsvReader::AppendRecord(cells, &out);
  }
  return out;
}

std::string RenderJsonLines(const Table& t) {
  std::string out;
  for (const auto& r : t.rows) {
    nlohmann::json o = nlohmann::json::object();
    for (size_t i = 0; i < t.columns.size() && i < r.size(); ++i) o[t.columns[i]] = ToJson(r[i]);
    out += o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += "\n";
  }
  return out;
}

std::string MdEscape(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string RenderMarkdown(const Table& t) {
  std::string out;
  if (!t.title.empty()) out += "### " + MdEscape(t.title) + "\n\n";
  out += "|";
  for (const auto& c : t.columns) out += " " + MdEscape(c) + " |";
  out += "\n|";
  for (size_t i = 0; i < t.columns.size(); ++i) {
    bool num = !t.rows.empty() && i < t.rows[0].size() && t.rows[0][i].IsNumber();
    out += num ? "---:|" : "---|";
  }
  out += "\n";
  for (const auto& r : t.rows) {
    out += "|";
    for (const Cell& c : r) out += " " + MdEscape(c.Text()) + " |";
    out += "\n";
  }
  if (!t.notes.empty()) {
    out += "\n";
    for (const auto& n : t.notes) out += MdEscape(n) + "\n";
  }
  return out;
}

}  // namespace

Result<Format> ParseFormat(std::string_view s) {
  std::string k = ToLowerAscii(Trim(s));
  if (k == "table" || k == "text") return Format::kTable;
  if (k == "csv") return Format::kCsv;
  if (k == "json") return Format::kJson;
  if (k == "jsonl" || k == "jsonlines") return Format::kJsonLines;
  if (k == "markdown" || k == "md") return Format::kMarkdown;
  return Status::InvalidArgument(fmt::format("unknown format '{}' (want table, csv, json, jsonl or markdown)", s));
}

std::string DumpJson(const nlohmann::json& j) {
  // The database may hold text from before text was checked at the door (a
  // file name that is not UTF-8, say); dump() would throw on it. Such bytes
  // become U+FFFD instead, so rendering cannot fail.
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Cell::Text() const {
  if (!display.empty()) return display;
  if (std::holds_alternative<int64_t>(value)) return GroupThousands(std::get<int64_t>(value));
  if (std::holds_alternative<double>(value)) return fmt::format("{:.1f}", std::get<double>(value));
  if (std::holds_alternative<std::string>(value)) return std::get<std::string>(value);
  return "";
}

std::string Render(const Table& t, Format f) {
  switch (f) {
    case Format::kTable:
      return RenderText(Shown(t));
    case Format::kCsv:
      return RenderCsv(t);
    case Format::kJson:
      return DumpJson(TablesToJson({t})) + "\n";
    case Format::kJsonLines:
      return RenderJsonLines(t);
    case Format::kMarkdown:
      return RenderMarkdown(Shown(t));
  }
  return {};
}

std::string Render(const std::vector<Table>& ts, Format f, const std::string& default_name) {
  if (f == Format::kJson) return DumpJson(TablesToJson(ts, default_name)) + "\n";
  if (ts.empty()) return {};
  if (f == Format::kCsv || f == Format::kJsonLines) return Render(ts[0], f);
  std::string out;
  for (size_t i = 0; i < ts.size(); ++i) {
    if (i) out += "\n";
    out += Render(ts[i], f);
  }
  return out;
}

}  // namespace bh
