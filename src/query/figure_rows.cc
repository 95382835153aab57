#include "query/figure_rows.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "store/reference.h"

namespace bh {
namespace {

// "?,?,?" for n values.
std::string Placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

}  // namespace

Result<bool> CorrectionsIn(Db* db, std::optional<Month> from, std::optional<Month> to) {
  BH_ASSIGN_OR_RETURN(Stmt any,
                      db->Prepare("SELECT EXISTS (SELECT 1 FROM main.erratum WHERE month >= ? AND month <= ?)"));
  any.Bind(1, from ? from->ToString() : std::string("0000-00")).Bind(2, to ? to->ToString() : std::string("9999-99"));
  BH_ASSIGN_OR_RETURN(bool row, any.Step());
  if (!row) return Status::Internal("CorrectionsIn: EXISTS gave no row");
  return any.Int(0) != 0;
}

Result<std::vector<FigureRow>> FigureRows(Db* db, const FigureFilter& f, std::optional<size_t> max_rows) {
  std::optional<GroupInfo> group;
  if (!f.group.empty()) {
    BH_ASSIGN_OR_RETURN(GroupInfo g, GetGroup(db, f.group));
    group = std::move(g);
  }
  // A category is the set of its personnel types; with both, a row must be
  // of a listed type that is in a listed category.
  std::set<std::string_view> ptypes;
  for (PersonnelType t : kAllPersonnelTypes) {
    bool type_ok = f.types.empty() || std::find(f.types.begin(), f.types.end(), t) != f.types.end();
    bool cat_ok = f.categories.empty() ||
                  std::find(f.categories.begin(), f.categories.end(), CategoryOf(t)) != f.categories.end();
    if (type_ok && cat_ok) ptypes.insert(PersonnelTypeCode(t));
  }
  bool by_type = !f.types.empty() || !f.categories.empty();
  if (by_type && ptypes.empty()) return std::vector<FigureRow>{};

  // current_contribution: the current source's rows, corrected where an
  // erratum applies (c.erratum), or as printed on a connection switched by
  // UseFiguresAsPrinted. The import's, the country's and the type's columns
  // and the order are added here rather than by joins and ORDER BY in SQL:
  // those cost four index probes a row and a sort (29 ms for a month of the
  // 10x database against 5 ms without; issue 16, the missions page's cold
  // answer).
  // With no correction in the months asked for, the rows are as printed:
  // read without the view's per-row look-up of a correction (the same rows,
  // whichever way the connection reads figures).
  BH_ASSIGN_OR_RETURN(const bool corrections, CorrectionsIn(db, f.from, f.to));
  std::string sql = fmt::format(
      "SELECT c.month, c.iso3, COALESCE(c.mission, ''), COALESCE(c.ptype, ''), c.women, c.men, c.total, {},"
      " c.import_id, COALESCE(c.page, 0), c.line, c.report_date, c.seq FROM {} c",
      corrections ? "c.erratum" : "NULL", corrections ? "current_contribution" : "main.printed_contribution");
  std::vector<std::string> where, binds;
  if (f.from) {
    where.push_back("c.month >= ?");
    binds.push_back(f.from->ToString());
  }
  if (f.to) {
    where.push_back("c.month <= ?");
    binds.push_back(f.to->ToString());
  }
  if (!f.missions.empty()) {
    where.push_back(fmt::format("c.mission IN ({})", Placeholders(f.missions.size())));
    binds.insert(binds.end(), f.missions.begin(), f.missions.end());
  }
  if (by_type) {
    where.push_back(fmt::format("c.ptype IN ({})", Placeholders(ptypes.size())));
    for (std::string_view p : ptypes) binds.emplace_back(p);
  }
  if (!f.countries.empty()) {
    where.push_back(fmt::format("c.iso3 IN ({})", Placeholders(f.countries.size())));
    binds.insert(binds.end(), f.countries.begin(), f.countries.end());
  }
  if (group) {
    std::vector<std::string> ever = group->AllMembers();
    if (ever.empty()) return std::vector<FigureRow>{};
    where.push_back(fmt::format("c.iso3 IN ({})", Placeholders(ever.size())));
    binds.insert(binds.end(), ever.begin(), ever.end());
  }
  for (size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : " WHERE ") + where[i];

  // The few imports, countries and types the rows name, each read once.
  struct ImportCols {
    std::string file_name, sha256;
    bool synthetic = false;
  };
  struct CountryCols {
    std::optional<int> m49;
    std::string name;
  };
  std::map<int64_t, ImportCols> imports;
  std::map<std::string, CountryCols, std::less<>> countries;
  std::map<std::string, int64_t, std::less<>> type_sort;
  {
    BH_ASSIGN_OR_RETURN(Stmt t, db->Prepare("SELECT code, sort FROM personnel_type"));
    for (;;) {
      BH_ASSIGN_OR_RETURN(bool more, t.Step());
      if (!more) break;
      type_sort[t.Text(0)] = t.Int(1);
    }
  }
  BH_ASSIGN_OR_RETURN(Stmt import_st, db->Prepare("SELECT file_name, sha256, synthetic FROM import WHERE id = ?"));
  BH_ASSIGN_OR_RETURN(Stmt country_st, db->Prepare("SELECT m49, name FROM country WHERE iso3 = ?"));
  BH_ASSIGN_OR_RETURN(Stmt printed_st,
                      db->Prepare("SELECT women, men FROM contribution WHERE import_id = ? AND month = ? AND seq = ?"));

  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare(sql));
  for (size_t i = 0; i < binds.size(); ++i) st.Bind(static_cast<int>(i + 1), binds[i]);
  std::vector<FigureRow> rows;
  struct Order {
    int64_t type_sort = 0, seq = 0;
  };
  std::vector<Order> order;
  // Members per month, computed once per month.
  std::optional<Month> members_month;
  std::vector<std::string> members;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, st.Step());
    if (!more) break;
    FigureRow r;
    BH_ASSIGN_OR_RETURN(r.month, Month::Parse(st.TextView(0)));
    r.iso3 = st.TextView(1);
    if (group) {
      if (members_month != r.month) {
        members = group->MembersIn(r.month);
        members_month = r.month;
      }
      if (!std::binary_search(members.begin(), members.end(), r.iso3)) continue;
    }
    auto country = countries.find(r.iso3);
    if (country == countries.end()) {
      country_st.Reset();
      country_st.Bind(1, r.iso3);
      BH_ASSIGN_OR_RETURN(bool found, country_st.Step());
      if (!found) return Status::InvalidData(fmt::format("unknown country '{}' in the contribution rows", r.iso3));
      CountryCols c;
      if (auto m49 = country_st.OptInt(0)) c.m49 = static_cast<int>(*m49);
      c.name = country_st.Text(1);
      country = countries.emplace(r.iso3, std::move(c)).first;
    }
    r.m49 = country->second.m49;
    r.country = country->second.name;
    r.mission = st.TextView(2);
    std::string_view code = st.TextView(3);
    Order o;
    if (!code.empty()) {
      r.type = PersonnelTypeFromCodeOrLabel(code);
      if (!r.type) return Status::InvalidData(fmt::format("import #{}: unknown personnel type '{}'", st.Int(8), code));
      r.category = CategoryOf(*r.type);
      if (auto it = type_sort.find(code); it != type_sort.end()) o.type_sort = it->second;
    }
    r.women = st.OptInt(4);
    r.men = st.OptInt(5);
    r.total = st.Int(6);
    r.import_id = st.Int(8);
    o.seq = st.Int(12);
    if (!st.IsNull(7)) {
      r.erratum = st.Text(7);
      printed_st.Reset();
      printed_st.Bind(1, r.import_id).Bind(2, r.month.ToString()).Bind(3, o.seq);
      BH_ASSIGN_OR_RETURN(bool found, printed_st.Step());
      if (found) {
        r.printed_women = printed_st.OptInt(0);
        r.printed_men = printed_st.OptInt(1);
      }
    }
    auto import = imports.find(r.import_id);
    if (import == imports.end()) {
      import_st.Reset();
      import_st.Bind(1, r.import_id);
      BH_ASSIGN_OR_RETURN(bool found, import_st.Step());
      if (!found) return Status::InvalidData(fmt::format("import #{}: not in the import table", r.import_id));
      import =
          imports.emplace(r.import_id, ImportCols{import_st.Text(0), import_st.Text(1), import_st.Int(2) != 0}).first;
    }
    r.file_name = import->second.file_name;
    r.sha256 = import->second.sha256;
    r.synthetic = import->second.synthetic;
    r.page = static_cast<int>(st.Int(9));
    r.line = static_cast<int>(st.Int(10));
    BH_ASSIGN_OR_RETURN(r.report_date, Date::ParseIso(st.TextView(11)));
    rows.push_back(std::move(r));
    order.push_back(o);
    // More than max_rows tells the caller the answer is too large: which
    // rows they are does not matter then.
    if (max_rows && rows.size() > *max_rows) return rows;
  }
  // Month, ISO3, mission, the type's place in the UN's order, position in
  // the file (what ORDER BY c.month, c.iso3, mission, t.sort, c.seq gave).
  std::vector<size_t> idx(rows.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    const FigureRow &x = rows[a], &y = rows[b];
    if (x.month != y.month) return x.month < y.month;
    if (int c = x.iso3.compare(y.iso3)) return c < 0;
    if (int c = x.mission.compare(y.mission)) return c < 0;
    if (order[a].type_sort != order[b].type_sort) return order[a].type_sort < order[b].type_sort;
    return order[a].seq < order[b].seq;
  });
  std::vector<FigureRow> out;
  out.reserve(rows.size());
  for (size_t i : idx) out.push_back(std::move(rows[i]));
  return out;
}

Result<std::vector<std::string>> MissionAcronyms(Db* db) {
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare("SELECT acronym FROM mission ORDER BY acronym"));
  std::vector<std::string> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, st.Step());
    if (!more) break;
    out.push_back(st.Text(0));
  }
  return out;
}

}  // namespace bh
