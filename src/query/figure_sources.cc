#include "query/figure_sources.h"

#include <fmt/format.h>

namespace bh {

Result<bool> MonthHasContributions(Db* db, Month month) {
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare("SELECT 1 FROM month_source WHERE dataset = 'contribution' AND month = ?"));
  st.Bind(1, month.ToString());
  return st.Step();
}

Result<std::vector<FigureSource>> FigureSources(Db* db, const FigureSourceQuery& q) {
  // current_contribution reads the month's current import as one key range
  // of the contribution table; the filters are applied within it.
  BH_ASSIGN_OR_RETURN(
      Stmt st,
      db->Prepare(
          "SELECT c.month, c.report_date, c.iso3, COALESCE(c.mission, ''), COALESCE(c.ptype, ''), c.women, c.men,"
          " c.total, COALESCE(c.page, 0), c.line, i.id, i.file_name, COALESCE(i.path, ''), i.sha256, i.kind,"
          " i.synthetic, e.id, e.printed_women, e.printed_men, e.reason, e.author"
          " FROM current_contribution c JOIN import i ON i.id = c.import_id"
          " LEFT JOIN erratum e ON e.id = c.erratum"
          " LEFT JOIN personnel_type t ON t.code = c.ptype"
          " WHERE c.month = ?1 AND c.iso3 = ?2 AND (?3 = '' OR c.mission = ?3) AND (?4 = '' OR c.ptype = ?4)"
          " ORDER BY COALESCE(c.mission, ''), COALESCE(t.sort, 0), c.seq"));
  // "" (never NULL: a null pointer would bind NULL) means "any".
  st.Bind(1, q.month.ToString()).Bind(2, q.iso3).Bind(3, std::string_view(q.mission.c_str(), q.mission.size()));
  st.Bind(4, q.type ? PersonnelTypeCode(*q.type) : std::string_view(""));
  std::vector<FigureSource> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    FigureSource f;
    BH_ASSIGN_OR_RETURN(f.month, Month::Parse(st.Text(0)));
    f.report_date = st.Text(1);
    f.iso3 = st.Text(2);
    f.mission = st.Text(3);
    std::string code = st.Text(4);
    if (!code.empty()) {
      f.type = PersonnelTypeFromCodeOrLabel(code);
      if (!f.type) return Status::InvalidData(fmt::format("import #{}: unknown personnel type '{}'", st.Int(10), code));
    }
    f.women = st.OptInt(5);
    f.men = st.OptInt(6);
    f.total = st.Int(7);
    f.page = static_cast<int>(st.Int(8));
    f.line = static_cast<int>(st.Int(9));
    f.import_id = st.Int(10);
    f.file_name = st.Text(11);
    f.path = st.Text(12);
    f.sha256 = st.Text(13);
    f.kind = st.Text(14);
    f.synthetic = st.Int(15) != 0;
    // The correction applied to this cell (store/errata.h): the figures
    // above are the corrected ones; 'As printed' is the UN's row.
    if (!st.IsNull(16)) {
      f.corrections.push_back(fmt::format("{}: printed {} women, {} men; {} (by {})", st.Text(16), st.Int(17),
                                          st.Int(18), st.Text(19), st.Text(20)));
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace bh
