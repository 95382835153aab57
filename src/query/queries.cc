#include "query/queries.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "base/csv.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "query/figure_rows.h"
#include "store/month_figures.h"

namespace bh {

Result<TargetTable> LoadTargetTable(Db* db) {
  BH_ASSIGN_OR_RETURN(
      Stmt st,
      db->Prepare("SELECT s.version, c.category, c.year, c.basis_points, c.source FROM target_set s"
                  " JOIN target_cell c ON c.version = s.version WHERE s.active = 1 ORDER BY c.category, c.year"));
  std::string version;
  std::vector<TargetCell> cells;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    version = st.Text(0);
    auto cat = CategoryFromCode(st.Text(1));
    if (!cat) return Status::InvalidData(fmt::format("target table: unknown category '{}'", st.Text(1)));
    cells.push_back({*cat, static_cast<int>(st.Int(2)), static_cast<int>(st.Int(3)), st.Text(4)});
  }
  return TargetTable(version, std::move(cells));
}

Result<Month> LatestContributionMonth(Db* db) {
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare("SELECT MAX(month) FROM month_source WHERE dataset = 'contribution'"));
  BH_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row || st.IsNull(0)) {
    return Status::NotFound("no contribution figures imported yet (run 'bluehelmet import FILE' or 'make demo')");
  }
  return Month::Parse(st.Text(0));
}

// Both read the monthly aggregate kept at import (store/month_figures.h),
// which sums exactly the rows with a personnel type, as a GROUP BY joined to
// personnel_type would (issue 7: the scorecard's month went from a scan of
// ~1,000 rows, 60 % of an API request, to one row).
Result<std::vector<CategoryFigures>> CategoryFiguresForMonth(Db* db, Month m) {
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare("SELECT f.figures FROM month_source s JOIN figures_in_use f ON f.import_id "
                                           "= s.import_id AND f.month = s.month"
                                           " WHERE s.dataset = 'contribution' AND s.month = ?"));
  st.Bind(1, m.ToString());
  std::vector<CategoryFigures> out;
  BH_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return out;
  BH_RETURN_IF_ERROR(ForEachMonthFigure(st.Blob(0), [&](const PackedFigure& f) {
    out.push_back({std::string(f.iso3, 3), f.category, f.women, f.men, f.total, f.rows_without_sex == 0});
  }));
  return out;
}

Result<std::vector<MissionTypeFigures>> MissionTypeFiguresFor(Db* db, const std::string& iso3, Month m) {
  BH_ASSIGN_OR_RETURN(Stmt q, db->Prepare("SELECT COALESCE(mission, ''), ptype, SUM(women), "
                                          "SUM(men), SUM(total), COUNT(*) - COUNT(women)"
                                          " FROM current_contribution WHERE iso3 = ? AND month "
                                          "= ? GROUP BY 1, 2 ORDER BY 1, 2"));
  q.Bind(1, iso3).Bind(2, m.ToString());
  std::vector<MissionTypeFigures> out;
  while (true) {
    BH_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    MissionTypeFigures c;
    c.mission = q.Text(0);
    if (!q.IsNull(1)) c.type = PersonnelTypeFromCodeOrLabel(q.Text(1));
    if (q.Int(5) == 0) {
      c.women = q.Int(2);
      c.men = q.Int(3);
    }
    c.total = q.Int(4);
    out.push_back(c);
  }
  return out;
}

namespace {

// Calls fn(const PackedFigure&) for each record of `iso3` in a checked
// blob (CheckMonthFigures): the records are strictly in FigureOrder, so the
// country's are found by bisection, not by decoding the month's every one.
template <typename F>
void ForEachFigureOf(std::string_view blob, std::string_view iso3, F fn) {
  if (iso3.size() != 3) return;
  size_t lo = 0, hi = blob.size() / kPackedFigureBytes;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (std::memcmp(blob.data() + mid * kPackedFigureBytes, iso3.data(), 3) < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (size_t off = lo * kPackedFigureBytes; off < blob.size() && std::memcmp(blob.data() + off, iso3.data(), 3) == 0;
       off += kPackedFigureBytes) {
    fn(DecodeMonthFigure(blob.data() + off));
  }
}

// Each current contribution month's packed figures, in month order.
constexpr char kCurrentMonthFiguresSql[] =
    "SELECT f.month, f.figures FROM month_source s JOIN figures_in_use f ON f.import_id = s.import_id"
    " AND f.month = s.month WHERE s.dataset = 'contribution' ORDER BY s.month";

MonthlyFigures MonthlyFiguresOfRecord(Month month, const PackedFigure& f) {
  MonthlyFigures m;
  std::memcpy(m.iso3.data(), f.iso3, 3);
  m.month = month;
  m.category = f.category;
  m.women = f.women;
  m.men = f.men;
  m.total = f.total;
  m.sex_known = f.rows_without_sex == 0;
  return m;
}

}  // namespace

Result<std::vector<SeriesPoint>> CountrySeries(Db* db, const std::string& iso3) {
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare(kCurrentMonthFiguresSql));
  std::vector<SeriesPoint> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    BH_ASSIGN_OR_RETURN(Month month, Month::Parse(st.Text(0)));
    std::string_view blob = st.Blob(1);
    BH_RETURN_IF_ERROR(CheckMonthFigures(blob));
    ForEachFigureOf(blob, iso3, [&](const PackedFigure& f) {
      out.push_back({month, f.category, f.women, f.men, f.total, f.rows_without_sex == 0});
    });
  }
  return out;
}

// Reads the monthly aggregate kept at import (store/month_figures.h): one
// row per month instead of every contribution row. The result is sized
// once (SQLite reads a BLOB's length without its content), so the 130,000
// figures of the whole history are written in place (issue 7).
Result<std::vector<MonthlyFigures>> MonthlyFiguresAllCountries(Db* db) {
  BH_ASSIGN_OR_RETURN(int64_t months, db->QueryInt("SELECT COUNT(*) FROM month_source WHERE dataset = 'contribution'"));
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare(kCurrentMonthFiguresSql));
  std::vector<MonthlyFigures> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    BH_ASSIGN_OR_RETURN(Month month, Month::Parse(st.Text(0)));
    std::string_view blob = st.Blob(1);
    // Sized once from the first month (later months have about as many
    // countries), so the figures are written in place, not copied on growth.
    if (out.empty()) out.reserve(static_cast<size_t>(months) * (blob.size() / kPackedFigureBytes + 8));
    BH_RETURN_IF_ERROR(
        ForEachMonthFigure(blob, [&](const PackedFigure& f) { out.push_back(MonthlyFiguresOfRecord(month, f)); }));
  }
  return out;
}

Result<std::vector<MonthlyFigures>> MonthlyFiguresOf(Db* db, std::vector<std::string> countries) {
  std::sort(countries.begin(), countries.end());
  countries.erase(std::unique(countries.begin(), countries.end()), countries.end());
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare(kCurrentMonthFiguresSql));
  std::vector<MonthlyFigures> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    BH_ASSIGN_OR_RETURN(Month month, Month::Parse(st.TextView(0)));
    std::string_view blob = st.Blob(1);
    BH_RETURN_IF_ERROR(CheckMonthFigures(blob));
    for (const std::string& iso3 : countries) {
      ForEachFigureOf(blob, iso3, [&](const PackedFigure& f) { out.push_back(MonthlyFiguresOfRecord(month, f)); });
    }
  }
  return out;
}

Result<std::vector<CountryWomen>> TopCountriesByWomen(Db* db, Month m, int limit) {
  // A month no correction names is read as printed (CorrectionsIn). The
  // rows are summed here rather than by GROUP BY and ORDER BY in SQL, which
  // sorted every row of the month in a temporary B-tree (issue 16: 7 ms for
  // a month of the 10x database).
  BH_ASSIGN_OR_RETURN(const bool corrections, CorrectionsIn(db, m, m));
  BH_ASSIGN_OR_RETURN(Stmt st,
                      db->Prepare(fmt::format("SELECT c.iso3, c.women, c.total FROM {} c WHERE c.month = ?",
                                              corrections ? "current_contribution" : "main.printed_contribution")));
  st.Bind(1, m.ToString());
  std::map<std::string, CountryWomen, std::less<>> by_country;
  CountryWomen* last = nullptr;  // a country's rows mostly follow each other
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    std::string_view iso3 = st.TextView(0);
    if (last == nullptr || last->iso3 != iso3) {
      auto it = by_country.find(iso3);
      if (it == by_country.end())
        it = by_country.emplace(std::string(iso3), CountryWomen{std::string(iso3), 0, 0, false}).first;
      last = &it->second;
    }
    if (!st.IsNull(1)) {
      last->women += st.Int(1);
      last->sex_known = true;
    }
    last->total += st.Int(2);
  }
  std::vector<CountryWomen> out;
  out.reserve(by_country.size());
  for (auto& entry : by_country) out.push_back(std::move(entry.second));
  // Most women first, ties by ISO3 (the map's order, kept by a stable sort).
  std::stable_sort(out.begin(), out.end(),
                   [](const CountryWomen& a, const CountryWomen& b) { return a.women > b.women; });
  if (limit >= 0 && out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
  return out;
}

Result<std::vector<ImportInfo>> ListImports(Db* db) {
  BH_ASSIGN_OR_RETURN(
      Stmt st,
      db->Prepare("SELECT i.id, i.file_name, i.sha256, i.kind, i.imported_at, i.rows, COALESCE(i.first_month, ''),"
                  " COALESCE(i.last_month, ''), (SELECT COUNT(*) FROM month_source s WHERE s.import_id = i.id),"
                  " COALESCE(i.reconciliation, ''), (SELECT COUNT(*) FROM import_mismatch m WHERE m.import_id = i.id),"
                  " i.synthetic FROM import i ORDER BY i.id DESC"));
  std::vector<ImportInfo> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    ImportInfo i;
    i.id = st.Int(0);
    i.file_name = st.Text(1);
    i.sha256 = st.Text(2);
    i.kind = st.Text(3);
    i.imported_at = st.Text(4);
    i.rows = st.Int(5);
    i.first_month = st.Text(6);
    i.last_month = st.Text(7);
    i.current_months = st.Int(8);
    i.reconciliation = st.Text(9);
    i.mismatches = st.Int(10);
    i.synthetic = st.Int(11) != 0;
    out.push_back(std::move(i));
  }
  return out;
}

Result<ImportDetail> GetImport(Db* db, int64_t import_id) {
  BH_ASSIGN_OR_RETURN(
      Stmt q, db->Prepare("SELECT file_name, COALESCE(path, ''), sha256, kind, COALESCE(layout, ''), imported_at, rows,"
                          " COALESCE(reconciliation, ''), COALESCE(note, ''), synthetic FROM import WHERE id = ?"));
  q.Bind(1, import_id);
  BH_ASSIGN_OR_RETURN(bool found, q.Step());
  if (!found) return Status::NotFound(fmt::format("no import #{} (see 'bluehelmet imports list')", import_id));
  ImportDetail d;
  d.id = import_id;
  d.file_name = q.Text(0);
  d.path = q.Text(1);
  d.sha256 = q.Text(2);
  d.kind = q.Text(3);
  d.layout = q.Text(4);
  d.imported_at = q.Text(5);
  d.rows = q.Int(6);
  d.reconciliation = q.Text(7);
  d.note = q.Text(8);
  d.synthetic = q.Int(9) != 0;
  return d;
}

Result<std::vector<ImportMonth>> MonthsOfImport(Db* db, int64_t import_id) {
  BH_ASSIGN_OR_RETURN(
      Stmt m,
      db->Prepare(
          "SELECT month, 'contribution', COUNT(*), COUNT(DISTINCT iso3), COUNT(DISTINCT mission) FROM contribution"
          " WHERE import_id = ?1 GROUP BY month"
          " UNION ALL SELECT month, 'country_total', COUNT(*), COUNT(DISTINCT iso3), 0 FROM country_total"
          " WHERE import_id = ?1 GROUP BY month ORDER BY 1, 2"));
  m.Bind(1, import_id);
  BH_ASSIGN_OR_RETURN(
      Stmt cur, db->Prepare("SELECT s.import_id, i.file_name FROM month_source s JOIN import i ON i.id = s.import_id"
                            " WHERE s.dataset = ? AND s.month = ?"));
  std::vector<ImportMonth> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, m.Step());
    if (!row) break;
    ImportMonth x{m.Text(0), m.Text(1), m.Int(2), m.Int(3), m.Int(4), 0, ""};
    cur.Bind(1, x.dataset).Bind(2, x.month);
    BH_ASSIGN_OR_RETURN(bool has, cur.Step());
    if (has) {
      x.current_import = cur.Int(0);
      x.current_file = cur.Text(1);
    }
    cur.Reset();
    out.push_back(std::move(x));
  }
  return out;
}

Result<std::map<int64_t, std::string>> ImportFileNames(Db* db) {
  BH_ASSIGN_OR_RETURN(Stmt q, db->Prepare("SELECT id, file_name FROM import"));
  std::map<int64_t, std::string> files;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, q.Step());
    if (!more) break;
    files[q.Int(0)] = q.Text(1);
  }
  return files;
}

Result<std::vector<CountryMonths>> ContributingCountries(Db* db, MonthValuesCache* cache) {
  BH_ASSIGN_OR_RETURN(auto spans, CurrentValueSpans(db, MonthColumn::kCountry, cache));
  std::vector<CountryMonths> out;
  out.reserve(spans.size());
  for (auto& [iso3, span] : spans) out.push_back({iso3, span.first, span.second});
  return out;
}

namespace {
SourceFile ReadSource(const Stmt& st, int first) {
  SourceFile f;
  f.import_id = st.Int(first);
  f.file_name = st.Text(first + 1);
  f.sha256 = st.Text(first + 2);
  f.kind = st.Text(first + 3);
  f.layout = st.Text(first + 4);
  f.imported_at = st.Text(first + 5);
  f.reconciliation = st.Text(first + 6);
  f.synthetic = st.Int(first + 7) != 0;
  return f;
}
constexpr char kImportCols[] =
    "i.id, i.file_name, i.sha256, i.kind, COALESCE(i.layout, ''), i.imported_at,"
    " COALESCE(i.reconciliation, ''), i.synthetic";
}  // namespace

Result<std::vector<SourceFile>> SourcesForMonth(Db* db, Month m, std::string_view dataset) {
  BH_ASSIGN_OR_RETURN(
      Stmt st,
      db->Prepare(fmt::format(
          "SELECT {} FROM month_source s JOIN import i ON i.id = s.import_id WHERE s.month = ? AND s.dataset = ?",
          kImportCols)));
  st.Bind(1, m.ToString()).Bind(2, dataset);
  std::vector<SourceFile> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadSource(st, 0));
  }
  return out;
}

Result<std::map<std::string, SourceFile>> CurrentSourceFiles(Db* db, std::string_view dataset) {
  BH_ASSIGN_OR_RETURN(
      Stmt st, db->Prepare(fmt::format(
                   "SELECT s.month, {} FROM month_source s JOIN import i ON i.id = s.import_id WHERE s.dataset = ?",
                   kImportCols)));
  st.Bind(1, dataset);
  std::map<std::string, SourceFile> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.emplace(st.Text(0), ReadSource(st, 1));
  }
  return out;
}

Result<std::vector<MonthSource>> ListMonthSources(Db* db, MonthValuesCache* cache) {
  // Contribution months' row counts through month_values.h (a month already
  // counted is not counted again with a cache); country totals are few.
  BH_ASSIGN_OR_RETURN(auto contribution_rows, CurrentMonthRows(db, cache));
  BH_ASSIGN_OR_RETURN(
      Stmt st,
      db->Prepare(fmt::format(
          "SELECT s.month, s.dataset, {},"
          " CASE s.dataset WHEN 'contribution' THEN 0"
          " ELSE (SELECT COUNT(*) FROM country_total t WHERE t.import_id = s.import_id AND t.month = s.month) END,"
          " (SELECT COUNT(*) FROM import_mismatch mm WHERE mm.import_id = s.import_id)"
          " FROM month_source s JOIN import i ON i.id = s.import_id ORDER BY s.month, s.dataset",
          kImportCols)));
  std::vector<MonthSource> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    MonthSource ms;
    ms.month = st.Text(0);
    ms.dataset = st.Text(1);
    ms.current = ReadSource(st, 2);
    ms.rows = ms.dataset == "contribution" ? contribution_rows[ms.month] : st.Int(10);
    ms.mismatches = st.Int(11);
    out.push_back(std::move(ms));
  }
  // Superseded files: other imports with rows for the same month and dataset
  // (month_figures has a row for every import and month with contribution
  // rows: one row each instead of a scan of the rows).
  BH_ASSIGN_OR_RETURN(
      Stmt hist,
      db->Prepare(
          "SELECT f.month, 'contribution', i.id, i.file_name FROM month_figures f JOIN import i ON i.id = f.import_id"
          " UNION SELECT DISTINCT t.month, 'country_total', i.id, i.file_name FROM country_total t"
          " JOIN import i ON i.id = t.import_id ORDER BY 1, 2, 3"));
  std::map<std::pair<std::string, std::string>, std::vector<std::pair<int64_t, std::string>>> all;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, hist.Step());
    if (!row) break;
    all[{hist.Text(0), hist.Text(1)}].push_back({hist.Int(2), hist.Text(3)});
  }
  for (MonthSource& ms : out) {
    for (const auto& [id, file] : all[{ms.month, ms.dataset}]) {
      if (id != ms.current.import_id) ms.superseded.push_back(fmt::format("{} (import #{})", file, id));
    }
  }
  return out;
}

std::string DescribeSources(const std::vector<SourceFile>& sources) {
  std::vector<std::string> parts;
  bool synthetic = false;
  for (const SourceFile& s : sources) {
    parts.push_back(fmt::format("import #{} {} (sha256 {}…)", s.import_id, s.file_name, s.sha256.substr(0, 12)));
    synthetic = synthetic || s.synthetic;
  }
  std::string out = "Source: " + (parts.empty() ? std::string("none") : Join(parts, "; "));
  if (synthetic) out += ". SYNTHETIC sample data, generated by bluehelmet: not UN figures";
  return out;
}

}  // namespace bh
