#include "store/contribution_store.h"

#include <fmt/format.h>

namespace bh {

ImportSession::ImportSession(Db* db, ImportFileInfo file) : db_(db), file_(std::move(file)) {
  status_ = Begin();
}

Status ImportSession::Begin() {
  BH_ASSIGN_OR_RETURN(Stmt q, db_->Prepare("SELECT id FROM import WHERE sha256 = ?"));
  q.Bind(1, file_.sha256);
  BH_ASSIGN_OR_RETURN(bool row, q.Step());
  if (row) {
    existing_ = q.Int(0);
    return Status::Ok();
  }
  tx_.emplace(db_);
  BH_RETURN_IF_ERROR(tx_->status());
  BH_ASSIGN_OR_RETURN(Stmt ins, db_->Prepare(
      "INSERT INTO import (file_name, path, sha256, kind, layout, imported_at, synthetic)"
      " VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?)"));
  BH_RETURN_IF_ERROR(ins.Bind(1, file_.file_name)
                         .Bind(2, file_.path)
                         .Bind(3, file_.sha256)
                         .Bind(4, file_.kind)
                         .BindText(5, file_.layout)
                         .Bind(6, file_.synthetic ? 1 : 0)
                         .Run());
  import_id_ = db_->LastInsertRowId();
  BH_ASSIGN_OR_RETURN(insert_contribution_, db_->Prepare(
      "INSERT INTO contribution (import_id, page, line, report_date, month, iso3, mission, ptype, women, men, total)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  BH_ASSIGN_OR_RETURN(insert_total_, db_->Prepare(
      "INSERT INTO country_total (import_id, line, report_date, month, iso3, rank, women, men, total)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  BH_ASSIGN_OR_RETURN(insert_mission_, db_->Prepare(
      "INSERT OR IGNORE INTO mission (acronym, source) VALUES (?, ?)"));
  return Status::Ok();
}

Status ImportSession::EnsureMission(const std::string& acronym) {
  if (known_missions_.count(acronym)) return Status::Ok();
  BH_RETURN_IF_ERROR(insert_mission_.Bind(1, acronym).Bind(2, "first seen in " + file_.file_name).Run());
  known_missions_.insert(acronym);
  return Status::Ok();
}

Status ImportSession::AddContribution(const ContributionRow& r) {
  BH_RETURN_IF_ERROR(status_);
  if (existing_) return Status::Internal("AddContribution on an already-imported file");
  if (!r.mission.empty()) BH_RETURN_IF_ERROR(EnsureMission(r.mission));
  Month m = r.report_date.ToMonth();
  Stmt& s = insert_contribution_;
  if (r.page > 0) {
    s.Bind(2, r.page);
  } else {
    s.BindNull(2);
  }
  s.Bind(1, import_id_).Bind(3, r.line).Bind(4, r.report_date.ToString()).Bind(5, m.ToString()).Bind(6, r.iso3);
  s.BindText(7, r.mission);
  if (r.type) {
    s.Bind(8, PersonnelTypeCode(*r.type));
  } else {
    s.BindNull(8);
  }
  s.Bind(9, r.women).Bind(10, r.men).Bind(11, r.total);
  Status st = s.Run();
  if (!st.ok()) return st.WithPrefix(fmt::format("{}:{}", file_.file_name, r.line));
  ++rows_;
  months_.insert(m);
  datasets_.insert("contribution");
  return Status::Ok();
}

Status ImportSession::AddCountryTotal(const CountryTotalRow& r) {
  BH_RETURN_IF_ERROR(status_);
  if (existing_) return Status::Internal("AddCountryTotal on an already-imported file");
  Month m = r.report_date.ToMonth();
  Status st = insert_total_.Bind(1, import_id_)
                  .Bind(2, r.line)
                  .Bind(3, r.report_date.ToString())
                  .Bind(4, m.ToString())
                  .Bind(5, r.iso3)
                  .Bind(6, r.rank)
                  .Bind(7, r.women)
                  .Bind(8, r.men)
                  .Bind(9, r.total)
                  .Run();
  if (!st.ok()) return st.WithPrefix(fmt::format("{}:{}", file_.file_name, r.line));
  ++rows_;
  months_.insert(m);
  datasets_.insert("country_total");
  return Status::Ok();
}

Status ImportSession::AddMismatch(const MismatchRecord& mm) {
  BH_RETURN_IF_ERROR(status_);
  BH_ASSIGN_OR_RETURN(Stmt ins, db_->Prepare("INSERT INTO import_mismatch VALUES (?, ?, ?, ?, ?, ?)"));
  return ins.Bind(1, import_id_).Bind(2, mm.scope).Bind(3, mm.key).Bind(4, mm.what).Bind(5, mm.printed)
      .Bind(6, mm.computed).Run();
}

Status ImportSession::Commit(std::string_view reconciliation, std::string_view note) {
  BH_RETURN_IF_ERROR(status_);
  if (existing_) return Status::Ok();
  if (rows_ == 0) return Status::InvalidData(fmt::format("{}: no data rows", file_.file_name));
  BH_ASSIGN_OR_RETURN(Stmt src, db_->Prepare(
      "INSERT INTO month_source (dataset, month, import_id) VALUES (?, ?, ?)"
      " ON CONFLICT(dataset, month) DO UPDATE SET import_id = excluded.import_id"));
  for (const std::string& ds : datasets_) {
    for (const Month& m : months_) {
      BH_RETURN_IF_ERROR(src.Bind(1, ds).Bind(2, m.ToString()).Bind(3, import_id_).Run());
    }
  }
  BH_ASSIGN_OR_RETURN(Stmt upd, db_->Prepare(
      "UPDATE import SET rows = ?, first_month = ?, last_month = ?, reconciliation = ?, note = ? WHERE id = ?"));
  BH_RETURN_IF_ERROR(upd.Bind(1, rows_)
                         .Bind(2, months_.begin()->ToString())
                         .Bind(3, months_.rbegin()->ToString())
                         .BindText(4, reconciliation)
                         .BindText(5, note)
                         .Bind(6, import_id_)
                         .Run());
  // Finalize statements before COMMIT so no statement keeps the write open.
  insert_contribution_ = Stmt();
  insert_total_ = Stmt();
  insert_mission_ = Stmt();
  return tx_->Commit();
}

}  // namespace bh
