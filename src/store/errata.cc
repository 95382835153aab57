#include "store/errata.h"

#include <fmt/format.h>

#include "store/month_figures.h"

namespace bh {

std::string ErratumId(const Erratum& e) {
  return fmt::format("E-{}-{}-{}-{}", e.month.ToString(), e.iso3, e.mission.empty() ? "-" : e.mission,
                     PersonnelTypeCode(e.type));
}

Status RebuildCorrectedFigures(Db* db) {
  BH_RETURN_IF_ERROR(db->Exec("DELETE FROM main.month_figures_corrected"));
  BH_ASSIGN_OR_RETURN(int64_t any, db->QueryInt("SELECT EXISTS (SELECT 1 FROM main.erratum)"));
  if (!any) return Status::Ok();
  // main.*: a connection reading as printed shadows the views in temp.
  BH_ASSIGN_OR_RETURN(Stmt sums, db->Prepare(
      "SELECT c.import_id, c.month, c.iso3, p.category, COALESCE(SUM(c.women), 0), COALESCE(SUM(c.men), 0),"
      " SUM(c.total), SUM(c.women IS NULL) FROM main.current_contribution c"
      " LEFT JOIN personnel_type p ON p.code = c.ptype"
      " WHERE (c.import_id, c.month) IN (SELECT DISTINCT import_id, month FROM main.current_contribution"
      "   WHERE erratum IS NOT NULL)"
      " GROUP BY c.import_id, c.month, c.iso3, p.category ORDER BY c.import_id, c.month"));
  BH_ASSIGN_OR_RETURN(Stmt ins,
                      db->Prepare("INSERT INTO main.month_figures_corrected (import_id, month, figures) VALUES (?, ?, ?)"));
  return PackGroupedSums(sums, ins);
}

Status AddErratum(Db* db, Erratum e) {
  if (e.id.empty()) e.id = ErratumId(e);
  if (e.reason.empty()) return Status::InvalidArgument("a correction needs a reason (--reason)");
  if (e.author.empty()) return Status::InvalidArgument("a correction needs an author (--author)");
  if (e.women < 0 || e.men < 0) return Status::InvalidArgument("corrected figures cannot be negative");
  Transaction tx(db);
  BH_RETURN_IF_ERROR(tx.status());
  BH_ASSIGN_OR_RETURN(Stmt cell, db->Prepare(
      "SELECT women, men FROM main.printed_contribution WHERE month = ? AND iso3 = ? AND COALESCE(mission, '') = ?"
      " AND ptype = ?"));
  cell.Bind(1, e.month.ToString()).Bind(2, e.iso3).Bind(3, e.mission).Bind(4, std::string(PersonnelTypeCode(e.type)));
  BH_ASSIGN_OR_RETURN(bool found, cell.Step());
  const std::string where = fmt::format("{} {} {} {}", e.month.ToString(), e.iso3, e.mission.empty() ? "-" : e.mission,
                                        PersonnelTypeLabel(e.type));
  if (!found) return Status::NotFound(fmt::format("{}: no such cell in the month's current source", where));
  if (cell.IsNull(0)) return Status::InvalidData(fmt::format("{}: printed without a sex split", where));
  if (cell.Int(0) != e.printed_women || cell.Int(1) != e.printed_men) {
    return Status::InvalidData(fmt::format("{}: the current source prints {} women and {} men, not {} and {}", where,
                                           cell.Int(0), cell.Int(1), e.printed_women, e.printed_men));
  }
  cell = Stmt();
  BH_ASSIGN_OR_RETURN(Stmt dup, db->Prepare(
      "SELECT id FROM main.erratum WHERE id = ? OR (month = ? AND iso3 = ? AND mission = ? AND ptype = ?)"));
  dup.Bind(1, e.id).Bind(2, e.month.ToString()).Bind(3, e.iso3).Bind(4, e.mission).Bind(5, std::string(PersonnelTypeCode(e.type)));
  BH_ASSIGN_OR_RETURN(bool exists, dup.Step());
  if (exists) return Status::AlreadyExists(fmt::format("{}: already corrected by {}", where, dup.Text(0)));
  dup = Stmt();
  BH_ASSIGN_OR_RETURN(Stmt ins, db->Prepare(
      "INSERT INTO main.erratum (id, month, iso3, mission, ptype, printed_women, printed_men, women, men, reason,"
      " evidence, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
      " COALESCE(NULLIF(?, ''), strftime('%Y-%m-%dT%H:%M:%SZ','now')))"));
  ins.Bind(1, e.id).Bind(2, e.month.ToString()).Bind(3, e.iso3).Bind(4, e.mission);
  ins.Bind(5, std::string(PersonnelTypeCode(e.type))).Bind(6, e.printed_women).Bind(7, e.printed_men);
  ins.Bind(8, e.women).Bind(9, e.men).Bind(10, e.reason).Bind(11, e.evidence).Bind(12, e.author).Bind(13, e.created_at);
  BH_RETURN_IF_ERROR(ins.Run());
  BH_RETURN_IF_ERROR(RebuildCorrectedFigures(db));
  return tx.Commit();
}

Status RemoveErratum(Db* db, const std::string& id) {
  Transaction tx(db);
  BH_RETURN_IF_ERROR(tx.status());
  BH_ASSIGN_OR_RETURN(Stmt del, db->Prepare("DELETE FROM main.erratum WHERE id = ?"));
  BH_RETURN_IF_ERROR(del.Bind(1, id).Run());
  if (db->Changes() == 0) return Status::NotFound(fmt::format("no correction '{}' (see 'bluehelmet errata list')", id));
  BH_RETURN_IF_ERROR(RebuildCorrectedFigures(db));
  return tx.Commit();
}

Result<std::vector<Erratum>> ListErrata(Db* db, std::optional<Month> month) {
  BH_ASSIGN_OR_RETURN(Stmt q, db->Prepare(
      "SELECT e.id, e.month, e.iso3, e.mission, e.ptype, e.printed_women, e.printed_men, e.women, e.men, e.reason,"
      " e.evidence, e.author, e.created_at, EXISTS (SELECT 1 FROM main.current_contribution c WHERE c.erratum = e.id)"
      " FROM main.erratum e WHERE ?1 IS NULL OR e.month = ?1 ORDER BY e.month, e.iso3, e.mission, e.ptype"));
  if (month) {
    q.Bind(1, month->ToString());
  } else {
    q.BindNull(1);
  }
  std::vector<Erratum> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, q.Step());
    if (!more) break;
    Erratum e;
    e.id = q.Text(0);
    BH_ASSIGN_OR_RETURN(e.month, Month::Parse(q.Text(1)));
    e.iso3 = q.Text(2);
    e.mission = q.Text(3);
    e.type = PersonnelTypeFromCodeOrLabel(q.Text(4)).value_or(PersonnelType::kTroops);
    e.printed_women = q.Int(5);
    e.printed_men = q.Int(6);
    e.women = q.Int(7);
    e.men = q.Int(8);
    e.reason = q.Text(9);
    e.evidence = q.Text(10);
    e.author = q.Text(11);
    e.created_at = q.Text(12);
    e.applied = q.Int(13) != 0;
    out.push_back(std::move(e));
  }
  return out;
}

Status UseFiguresAsPrinted(Db* db) {
  return db->Exec(
      "CREATE TEMP VIEW IF NOT EXISTS current_contribution AS SELECT c.*, NULL AS erratum FROM main.printed_contribution c;"
      "CREATE TEMP VIEW IF NOT EXISTS figures_in_use AS SELECT import_id, month, figures FROM main.month_figures;");
}

Result<MonthCorrections> CorrectionsIn(Db* db, Month month) {
  BH_ASSIGN_OR_RETURN(Stmt q, db->Prepare(
      "SELECT erratum FROM current_contribution WHERE month = ? AND erratum IS NOT NULL ORDER BY erratum"));
  q.Bind(1, month.ToString());
  MonthCorrections out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, q.Step());
    if (!more) break;
    ++out.cells;
    out.ids.push_back(q.Text(0));
  }
  return out;
}

}  // namespace bh
