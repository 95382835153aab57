#include "store/contribution_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "store/month_figures.h"

namespace bh {

namespace {
constexpr char kInsertContribution[] =
    "INSERT INTO contribution (import_id, page, line, report_date, month, iso3, mission, ptype, women, men, total)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kInsertTotal[] =
    "INSERT INTO country_total (import_id, line, report_date, month, iso3, rank, women, men, total)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

uint64_t SumsKey(int month_index, const std::string& iso3, Category c) {
  uint64_t k = static_cast<uint64_t>(static_cast<uint32_t>(month_index)) << 32;
  for (size_t i = 0; i < 3; ++i) {
    k |= static_cast<uint64_t>(static_cast<unsigned char>(i < iso3.size() ? iso3[i] : 0)) << (24 - 8 * i);
  }
  return k | static_cast<uint64_t>(c);
}

// "2021-04-30" and "2021-04" into fixed buffers, for binding without copies.
void FormatDate(const Date& d, char (&out)[10]) {
  std::string s = d.ToString();
  std::memcpy(out, s.data(), std::min(s.size(), sizeof out));
}
}  // namespace

ImportSession::ImportSession(Db* db, ImportFileInfo file) : db_(db), file_(std::move(file)) {
  status_ = Begin();
}

ImportSession::~ImportSession() {
  insert_contribution_ = Stmt();
  insert_total_ = Stmt();
  insert_mission_ = Stmt();
  tx_.reset();  // rolls back unless committed
  if (foreign_keys_off_) (void)db_->Exec("PRAGMA foreign_keys=ON");
}

Status ImportSession::Begin() {
  BH_ASSIGN_OR_RETURN(Stmt q, db_->Prepare("SELECT id FROM import WHERE sha256 = ?"));
  q.Bind(1, file_.sha256);
  BH_ASSIGN_OR_RETURN(bool row, q.Step());
  if (row) {
    existing_ = q.Int(0);
    return Status::Ok();
  }
  // Foreign keys can only be switched outside a transaction.
  BH_ASSIGN_OR_RETURN(int64_t fk_on, db_->QueryInt("PRAGMA foreign_keys"));
  if (fk_on) {
    BH_RETURN_IF_ERROR(db_->Exec("PRAGMA foreign_keys=OFF"));
    foreign_keys_off_ = true;
  }
  tx_.emplace(db_);
  BH_RETURN_IF_ERROR(tx_->status());
  {
    BH_ASSIGN_OR_RETURN(Stmt q, db_->Prepare("SELECT iso3 FROM country"));
    for (;;) {
      BH_ASSIGN_OR_RETURN(bool more, q.Step());
      if (!more) break;
      countries_.insert(q.Text(0));
    }
    BH_ASSIGN_OR_RETURN(Stmt m, db_->Prepare("SELECT acronym FROM mission"));
    for (;;) {
      BH_ASSIGN_OR_RETURN(bool more, m.Step());
      if (!more) break;
      known_missions_.insert(m.Text(0));
    }
  }
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
  BH_ASSIGN_OR_RETURN(insert_contribution_, db_->Prepare(kInsertContribution));
  BH_ASSIGN_OR_RETURN(insert_total_, db_->Prepare(kInsertTotal));
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

// What SQLite says for a reference to a missing parent row, as if it had
// checked (Step's message format).
Status ImportSession::CheckCountry(const std::string& iso3, int line, std::string_view insert_sql) const {
  if (countries_.count(iso3)) return Status::Ok();
  std::string head(insert_sql.substr(0, 60));
  return Status::InvalidData(fmt::format("database: FOREIGN KEY constraint failed (in: {})", head))
      .WithPrefix(fmt::format("{}:{}", file_.file_name, line));
}

Status ImportSession::AddContribution(const ContributionRow& r) {
  BH_RETURN_IF_ERROR(status_);
  if (existing_) return Status::Internal("AddContribution on an already-imported file");
  if (!r.mission.empty()) BH_RETURN_IF_ERROR(EnsureMission(r.mission));
  BH_RETURN_IF_ERROR(CheckCountry(r.iso3, r.line, kInsertContribution));
  Month m = r.report_date.ToMonth();
  char date[10];
  FormatDate(r.report_date, date);
  Stmt& s = insert_contribution_;
  if (r.page > 0) {
    s.Bind(2, r.page);
  } else {
    s.BindNull(2);
  }
  // The buffers and r outlive Run(), which resets the statement.
  s.Bind(1, import_id_).Bind(3, r.line).BindStatic(4, std::string_view(date, 10)).BindStatic(5, std::string_view(date, 7));
  s.BindStatic(6, r.iso3);
  if (r.mission.empty()) {
    s.BindNull(7);
  } else {
    s.BindStatic(7, r.mission);
  }
  if (r.type) {
    s.Bind(8, PersonnelTypeCode(*r.type));
  } else {
    s.BindNull(8);
  }
  s.Bind(9, r.women).Bind(10, r.men).Bind(11, r.total);
  Status st = s.Run();
  if (!st.ok()) return st.WithPrefix(fmt::format("{}:{}", file_.file_name, r.line));
  ++rows_;
  if (months_.empty() || !(*months_.rbegin() == m)) months_.insert(m);
  if (datasets_.empty()) datasets_.insert("contribution");
  if (r.type) {
    Sums& sums = month_sums_[SumsKey(m.Index(), r.iso3, CategoryOf(*r.type))];
    sums.women += r.women.value_or(0);
    sums.men += r.men.value_or(0);
    sums.total += r.total;
    if (!r.women) ++sums.rows_without_sex;
  }
  return Status::Ok();
}

Status ImportSession::AddCountryTotal(const CountryTotalRow& r) {
  BH_RETURN_IF_ERROR(status_);
  if (existing_) return Status::Internal("AddCountryTotal on an already-imported file");
  BH_RETURN_IF_ERROR(CheckCountry(r.iso3, r.line, kInsertTotal));
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

Status ImportSession::WriteMonthFigures() {
  if (!datasets_.count("contribution")) return Status::Ok();
  std::map<int, std::vector<PackedFigure>> by_month;
  for (const Month& m : months_) by_month[m.Index()];  // every month gets its row
  for (const auto& [key, sums] : month_sums_) {
    PackedFigure f;
    f.iso3[0] = static_cast<char>((key >> 24) & 0xff);
    f.iso3[1] = static_cast<char>((key >> 16) & 0xff);
    f.iso3[2] = static_cast<char>((key >> 8) & 0xff);
    f.category = static_cast<Category>(key & 0xff);
    f.women = sums.women;
    f.men = sums.men;
    f.total = sums.total;
    f.rows_without_sex = sums.rows_without_sex;
    by_month[static_cast<int>(key >> 32)].push_back(f);
  }
  BH_ASSIGN_OR_RETURN(Stmt ins, db_->Prepare("INSERT INTO month_figures (import_id, month, figures) VALUES (?, ?, ?)"));
  for (auto& [index, figures] : by_month) {
    std::sort(figures.begin(), figures.end(), FigureOrder);
    BH_RETURN_IF_ERROR(
        ins.Bind(1, import_id_).Bind(2, Month::FromIndex(index).ToString()).BindBlob(3, PackMonthFigures(figures)).Run());
  }
  return Status::Ok();
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
  BH_RETURN_IF_ERROR(WriteMonthFigures());
  // Finalize statements before COMMIT so no statement keeps the write open.
  insert_contribution_ = Stmt();
  insert_total_ = Stmt();
  insert_mission_ = Stmt();
  BH_RETURN_IF_ERROR(tx_->Commit());
  if (foreign_keys_off_) {
    foreign_keys_off_ = false;
    BH_RETURN_IF_ERROR(db_->Exec("PRAGMA foreign_keys=ON"));
  }
  return Status::Ok();
}

}  // namespace bh
