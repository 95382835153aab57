#include "ingest/targets_csv.h"

#include <fmt/format.h>

#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "base/csv.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "scorecard/targets.h"

namespace bh {

namespace {
// "8" / "12.5" / "12.25" percent -> basis points.
std::optional<int> ParsePercentBp(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && s.back() == '%') s = Trim(s.substr(0, s.size() - 1));
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (frac.size() > 2) return std::nullopt;
  auto w = ParseWholeNumber(whole);
  if (!w || whole.find(',') != std::string_view::npos) return std::nullopt;
  int64_t bp = *w * 100;
  if (!frac.empty()) {
    auto f = ParseWholeNumber(frac);
    if (!f) return std::nullopt;
    bp += frac.size() == 1 ? *f * 10 : *f;
  }
  if (bp > 10000) return std::nullopt;
  return static_cast<int>(bp);
}
}  // namespace

Status ImportTargets(Db* db, std::string_view csv, const std::string& name, const std::string& version) {
  // Stored text is valid UTF-8 on one line (base/utf8.h).
  for (const auto& [what, text] :
       {std::pair<const char*, const std::string*>{"file name", &name}, {"version", &version}}) {
    std::string problem = TextProblem(*text);
    if (!problem.empty()) return Status::InvalidData(fmt::format("{}: {}: {}", name, what, problem));
  }
  CsvReader reader(csv, name);
  std::vector<std::string_view> f;
  if (!reader.Next(&f)) {
    if (!reader.status().ok()) return reader.status();
    return Status::InvalidData(fmt::format("{}: empty file", name));
  }
  std::vector<std::string> header;
  for (auto h : f) header.push_back(ToLowerAscii(Trim(h)));
  if (header != std::vector<std::string>{"category", "year", "percent", "source"}) {
    return Status::InvalidData(fmt::format("{}:1: header must be: category,year,percent,source", name));
  }
  std::vector<TargetCell> cells;
  std::set<std::pair<Category, int>> seen;
  while (reader.Next(&f)) {
    int line = reader.line();
    auto fail = [&](std::string why) { return Status::InvalidData(fmt::format("{}:{}: {}", name, line, why)); };
    if (f.size() != 4) return fail(fmt::format("expected 4 fields, found {}", f.size()));
    auto cat = CategoryFromCode(f[0]);
    if (!cat)
      return fail(
          fmt::format("column 'category': unknown category '{}' (want contingents, mo_so, fpu, ipo or jc)", f[0]));
    auto year = ParseWholeNumber(f[1]);
    if (!year || *year < 2000 || *year > 2100) return fail(fmt::format("column 'year': not a year: '{}'", f[1]));
    auto bp = ParsePercentBp(f[2]);
    if (!bp) return fail(fmt::format("column 'percent': not a percentage between 0 and 100: '{}'", f[2]));
    if (Trim(f[3]).empty()) return fail("column 'source': every target needs its source");
    if (std::string problem = TextProblem(f[3]); !problem.empty()) return fail("column 'source': " + problem);
    if (!seen.insert({*cat, static_cast<int>(*year)}).second)
      return fail(fmt::format("{} {} appears twice", CategoryCode(*cat), *year));
    cells.push_back({*cat, static_cast<int>(*year), *bp, std::string(Trim(f[3]))});
  }
  if (!reader.status().ok()) return reader.status();
  if (cells.empty()) return Status::InvalidData(fmt::format("{}: no target rows", name));
  Transaction tx(db);
  BH_RETURN_IF_ERROR(tx.status());
  BH_RETURN_IF_ERROR(db->Exec("UPDATE target_set SET active = 0"));
  BH_ASSIGN_OR_RETURN(Stmt del, db->Prepare("DELETE FROM target_set WHERE version = ?"));
  BH_RETURN_IF_ERROR(del.Bind(1, version).Run());
  BH_ASSIGN_OR_RETURN(Stmt set,
                      db->Prepare("INSERT INTO target_set VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'), 1)"));
  BH_RETURN_IF_ERROR(set.Bind(1, version).Bind(2, "imported from " + name).Run());
  BH_ASSIGN_OR_RETURN(Stmt ins, db->Prepare("INSERT INTO target_cell VALUES (?, ?, ?, ?, ?)"));
  for (const TargetCell& c : cells) {
    BH_RETURN_IF_ERROR(ins.Bind(1, version)
                           .Bind(2, CategoryCode(c.category))
                           .Bind(3, c.year)
                           .Bind(4, c.basis_points)
                           .Bind(5, c.source)
                           .Run());
  }
  return tx.Commit();
}

}  // namespace bh
