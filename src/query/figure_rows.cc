#include "query/figure_rows.h"

#include <fmt/format.h>

#include <algorithm>
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
  // UseFiguresAsPrinted; `p` is the row as printed when corrected.
  std::string sql =
      "SELECT c.month, c.iso3, n.m49, n.name, COALESCE(c.mission, ''), COALESCE(c.ptype, ''), c.women, c.men,"
      " c.total, c.erratum, p.women, p.men, i.id, i.file_name, i.sha256, COALESCE(c.page, 0), c.line, i.synthetic,"
      " c.report_date"
      " FROM current_contribution c JOIN import i ON i.id = c.import_id JOIN country n ON n.iso3 = c.iso3"
      " LEFT JOIN personnel_type t ON t.code = c.ptype"
      " LEFT JOIN contribution p ON c.erratum IS NOT NULL AND p.import_id = c.import_id AND p.month = c.month"
      " AND p.seq = c.seq";
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
  sql += " ORDER BY c.month, c.iso3, COALESCE(c.mission, ''), COALESCE(t.sort, 0), c.seq";

  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare(sql));
  for (size_t i = 0; i < binds.size(); ++i) st.Bind(static_cast<int>(i + 1), binds[i]);
  std::vector<FigureRow> out;
  // Members per month, computed once per month.
  std::optional<Month> members_month;
  std::vector<std::string> members;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, st.Step());
    if (!more) break;
    FigureRow r;
    BH_ASSIGN_OR_RETURN(r.month, Month::Parse(st.Text(0)));
    r.iso3 = st.Text(1);
    if (group) {
      if (members_month != r.month) {
        members = group->MembersIn(r.month);
        members_month = r.month;
      }
      if (!std::binary_search(members.begin(), members.end(), r.iso3)) continue;
    }
    if (auto m49 = st.OptInt(2)) r.m49 = static_cast<int>(*m49);
    r.country = st.Text(3);
    r.mission = st.Text(4);
    std::string code = st.Text(5);
    if (!code.empty()) {
      r.type = PersonnelTypeFromCodeOrLabel(code);
      if (!r.type) return Status::InvalidData(fmt::format("import #{}: unknown personnel type '{}'", st.Int(12), code));
      r.category = CategoryOf(*r.type);
    }
    r.women = st.OptInt(6);
    r.men = st.OptInt(7);
    r.total = st.Int(8);
    if (!st.IsNull(9)) {
      r.erratum = st.Text(9);
      r.printed_women = st.OptInt(10);
      r.printed_men = st.OptInt(11);
    }
    r.import_id = st.Int(12);
    r.file_name = st.Text(13);
    r.sha256 = st.Text(14);
    r.page = static_cast<int>(st.Int(15));
    r.line = static_cast<int>(st.Int(16));
    r.synthetic = st.Int(17) != 0;
    BH_ASSIGN_OR_RETURN(r.report_date, Date::ParseIso(st.Text(18)));
    out.push_back(std::move(r));
    if (max_rows && out.size() > *max_rows) break;
  }
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
