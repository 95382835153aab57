#include "store/contribution_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "base/utf8.h"
#include "store/errata.h"
#include "store/month_figures.h"

namespace bh {

namespace {
constexpr char kInsertContribution[] =
    "INSERT INTO contribution (import_id, month, seq, page, line, report_date, iso3, mission, ptype, women, men, total)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr int kContributionParams = 12;
constexpr char kInsertTotal[] =
    "INSERT INTO country_total (import_id, line, report_date, month, iso3, rank, women, men, total)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

// The same INSERT for kBatchRows rows at once: one statement execution per
// batch instead of per row (issue 7: a third of the insert time).
std::string BatchInsertSql() {
  std::string sql = kInsertContribution;
  for (size_t i = 1; i < ImportSession::kBatchRows; ++i) sql += ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  return sql;
}

// "2021-04-30" and "2021-04" into fixed buffers, for binding without copies.
void FormatDate(const Date& d, char (&out)[10]) {
  auto put = [](char* p, int v, int digits) {
    for (int i = digits - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
  };
  put(out, d.year, 4);
  out[4] = '-';
  put(out + 5, d.month, 2);
  out[7] = '-';
  put(out + 8, d.day, 2);
}
// Deletes an import's rows and record, and moves each month it was the
// source of to the most recent other import covering it. The caller holds
// the transaction.
Status DeleteImport(Db* db, int64_t id, RemovedImport* out) {
  {
    BH_ASSIGN_OR_RETURN(Stmt q, db->Prepare("SELECT file_name, rows, synthetic FROM import WHERE id = ?"));
    q.Bind(1, id);
    BH_ASSIGN_OR_RETURN(bool found, q.Step());
    if (!found) return Status::NotFound(fmt::format("no import #{} (see 'bluehelmet imports list')", id));
    out->id = id;
    out->file_name = q.Text(0);
    out->rows = q.Int(1);
    out->synthetic = q.Int(2) != 0;
  }
  {
    BH_ASSIGN_OR_RETURN(Stmt q,
                        db->Prepare("SELECT dataset, month FROM month_source WHERE import_id = ? ORDER BY 1, 2"));
    q.Bind(1, id);
    for (;;) {
      BH_ASSIGN_OR_RETURN(bool more, q.Step());
      if (!more) break;
      BH_ASSIGN_OR_RETURN(Month m, Month::Parse(q.Text(1)));
      out->months.push_back({q.Text(0), m, 0, ""});
    }
  }
  for (RemovedImport::MonthChange& c : out->months) {
    const char* sql = c.dataset == "contribution"
                          ? "SELECT f.import_id, i.file_name FROM month_figures f JOIN import i ON i.id = f.import_id"
                            " WHERE f.month = ?1 AND f.import_id != ?2 ORDER BY f.import_id DESC LIMIT 1"
                          : "SELECT t.import_id, i.file_name FROM country_total t JOIN import i ON i.id = t.import_id"
                            " WHERE t.month = ?1 AND t.import_id != ?2 ORDER BY t.import_id DESC LIMIT 1";
    BH_ASSIGN_OR_RETURN(Stmt q, db->Prepare(sql));
    q.Bind(1, c.month.ToString()).Bind(2, id);
    BH_ASSIGN_OR_RETURN(bool found, q.Step());
    if (found) {
      c.source = q.Int(0);
      c.source_file = q.Text(1);
      BH_ASSIGN_OR_RETURN(Stmt u, db->Prepare("UPDATE month_source SET import_id = ? WHERE dataset = ? AND month = ?"));
      BH_RETURN_IF_ERROR(u.Bind(1, c.source).Bind(2, c.dataset).Bind(3, c.month.ToString()).Run());
    } else {
      BH_ASSIGN_OR_RETURN(Stmt d, db->Prepare("DELETE FROM month_source WHERE dataset = ? AND month = ?"));
      BH_RETURN_IF_ERROR(d.Bind(1, c.dataset).Bind(2, c.month.ToString()).Run());
    }
  }
  for (const char* table :
       {"contribution", "country_total", "month_figures", "month_figures_corrected", "import_mismatch"}) {
    BH_ASSIGN_OR_RETURN(Stmt d, db->Prepare(fmt::format("DELETE FROM {} WHERE import_id = ?", table)));
    BH_RETURN_IF_ERROR(d.Bind(1, id).Run());
  }
  BH_ASSIGN_OR_RETURN(Stmt d, db->Prepare("DELETE FROM import WHERE id = ?"));
  BH_RETURN_IF_ERROR(d.Bind(1, id).Run());
  // The months it supplied now come from other imports: corrections that
  // apply to those are summed anew.
  return RebuildCorrectedFigures(db);
}

std::string Plural(int64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

Result<RemovedImport> RemoveImport(Db* db, int64_t import_id) {
  Transaction tx(db);
  BH_RETURN_IF_ERROR(tx.status());
  RemovedImport out;
  BH_RETURN_IF_ERROR(DeleteImport(db, import_id, &out));
  BH_RETURN_IF_ERROR(tx.Commit());
  return out;
}

namespace {

constexpr const char* kKnownImportColumns =
    "SELECT sha256, id, kind, COALESCE(layout, ''), COALESCE(reconciliation, ''), synthetic FROM import";

KnownImport KnownImportAt(const Stmt& q) { return {q.Int(1), q.Text(2), q.Text(3), q.Text(4), q.Int(5) != 0}; }

}  // namespace

Result<std::unordered_map<std::string, KnownImport>> KnownImportsBySha256(Db* db) {
  BH_ASSIGN_OR_RETURN(Stmt q, db->Prepare(kKnownImportColumns));
  std::unordered_map<std::string, KnownImport> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.emplace(q.Text(0), KnownImportAt(q));
  }
  return out;
}

Result<std::optional<KnownImport>> KnownImportBySha256(Db* db, std::string_view sha256) {
  BH_ASSIGN_OR_RETURN(Stmt q, db->Prepare(std::string(kKnownImportColumns) + " WHERE sha256 = ?"));
  q.Bind(1, sha256);
  BH_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<KnownImport>();
  return std::optional<KnownImport>(KnownImportAt(q));
}

Result<MonthCoverage> CoverageOf(Db* db, std::string_view dataset, int64_t import_id, Month month) {
  const char* sql =
      dataset == "contribution"
          ? "SELECT COUNT(DISTINCT iso3), COUNT(DISTINCT mission), COUNT(*) FROM contribution"
            " WHERE import_id = ? AND month = ?"
          : "SELECT COUNT(DISTINCT iso3), 0, COUNT(*) FROM country_total WHERE import_id = ? AND month = ?";
  BH_ASSIGN_OR_RETURN(Stmt q, db->Prepare(sql));
  q.Bind(1, import_id).Bind(2, month.ToString());
  BH_ASSIGN_OR_RETURN(bool row, q.Step());
  MonthCoverage c;
  if (row) c = {q.Int(0), q.Int(1), q.Int(2)};
  return c;
}

ImportSession::ImportSession(Db* db, ImportFileInfo file) : db_(db), file_(std::move(file)) { status_ = Begin(); }

ImportSession::~ImportSession() {
  insert_contribution_ = Stmt();
  insert_batch_ = Stmt();
  insert_total_ = Stmt();
  insert_mission_ = Stmt();
  tx_.reset();  // rolls back unless committed
  if (foreign_keys_off_) (void)db_->Exec("PRAGMA foreign_keys=ON");
}

Status ImportSession::Begin() {
  // The names are stored and shown as text: refused, not stored escaped, when
  // they are not valid UTF-8 on one line (the message shows the bytes escaped).
  for (const auto& [what, text] :
       {std::pair<const char*, const std::string*>{"file name", &file_.file_name}, {"path", &file_.path}}) {
    std::string problem = TextProblem(*text);
    if (!problem.empty()) {
      return Status::InvalidData(
          fmt::format("{}: the {} is {}; rename the file (names are stored as UTF-8 text)", *text, what,
                      problem.starts_with("not") ? problem : "not one line of text: it " + problem));
    }
  }
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
  // Another process may have imported the same bytes while this one waited
  // for the write lock: look again, now that no one else can write.
  q.Reset();
  q.Bind(1, file_.sha256);
  BH_ASSIGN_OR_RETURN(bool again, q.Step());
  if (again) {
    existing_ = q.Int(0);
    q.Reset();
    tx_.reset();
    return Status::Ok();
  }
  q.Reset();
  {
    BH_ASSIGN_OR_RETURN(Stmt c, db_->Prepare("SELECT iso3 FROM country"));
    for (;;) {
      BH_ASSIGN_OR_RETURN(bool more, c.Step());
      if (!more) break;
      countries_.insert(c.Text(0));
    }
    BH_ASSIGN_OR_RETURN(Stmt m, db_->Prepare("SELECT acronym FROM mission"));
    for (;;) {
      BH_ASSIGN_OR_RETURN(bool more, m.Step());
      if (!more) break;
      known_missions_.insert(m.Text(0));
    }
  }
  BH_ASSIGN_OR_RETURN(Stmt ins,
                      db_->Prepare("INSERT INTO import (file_name, path, sha256, kind, layout, imported_at, synthetic)"
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
  BH_ASSIGN_OR_RETURN(insert_batch_, db_->Prepare(BatchInsertSql()));
  pending_.reserve(kBatchRows);
  BH_ASSIGN_OR_RETURN(insert_total_, db_->Prepare(kInsertTotal));
  BH_ASSIGN_OR_RETURN(insert_mission_, db_->Prepare("INSERT OR IGNORE INTO mission (acronym, source) VALUES (?, ?)"));
  return Status::Ok();
}

Status ImportSession::EnsureMission(const std::string& acronym) {
  // Consecutive rows mostly name the same mission.
  if (acronym == last_mission_) return Status::Ok();
  if (known_missions_.count(acronym)) {
    last_mission_ = acronym;
    return Status::Ok();
  }
  BH_RETURN_IF_ERROR(insert_mission_.Bind(1, acronym).Bind(2, "first seen in " + file_.file_name).Run());
  known_missions_.insert(acronym);
  return Status::Ok();
}

// What SQLite says for a reference to a missing parent row, as if it had
// checked (Step's message format).
Status ImportSession::CheckCountry(const std::string& iso3, int line, std::string_view insert_sql) {
  if (iso3 == last_country_) return Status::Ok();
  if (countries_.count(iso3)) {
    last_country_ = iso3;
    return Status::Ok();
  }
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
  PendingRow& p = pending_.emplace_back();
  p.row = r;
  p.seq = ++seq_;
  ++rows_;
  FormatDate(r.report_date, p.date);
  if (pending_.size() == kBatchRows) BH_RETURN_IF_ERROR(FlushPending());
  if (months_.empty() || !(*months_.rbegin() == m)) months_.insert(m);
  if (datasets_.empty()) datasets_.insert("contribution");
  if (r.type) {
    Sums& sums = SumsFor(r.report_date, r.iso3, CategoryOf(*r.type));
    ++sums.rows;
    sums.women += r.women.value_or(0);
    sums.men += r.men.value_or(0);
    sums.total += r.total;
    if (!r.women) ++sums.rows_without_sex;
  }
  return Status::Ok();
}

void ImportSession::BindPending(Stmt& s, int first, const PendingRow& p) const {
  const ContributionRow& r = p.row;
  // The buffers live in pending_ until the statement has run.
  s.Bind(first, import_id_).BindStatic(first + 1, std::string_view(p.date, 7)).Bind(first + 2, p.seq);
  if (r.page > 0) {
    s.Bind(first + 3, r.page);
  } else {
    s.BindNull(first + 3);
  }
  s.Bind(first + 4, r.line).BindStatic(first + 5, std::string_view(p.date, 10)).BindStatic(first + 6, r.iso3);
  if (r.mission.empty()) {
    s.BindNull(first + 7);
  } else {
    s.BindStatic(first + 7, r.mission);
  }
  if (r.type) {
    s.BindStatic(first + 8, PersonnelTypeCode(*r.type));
  } else {
    s.BindNull(first + 8);
  }
  s.Bind(first + 9, r.women).Bind(first + 10, r.men).Bind(first + 11, r.total);
}

Status ImportSession::FlushPending() {
  if (pending_.empty()) return Status::Ok();
  Status st;
  if (pending_.size() == kBatchRows) {
    for (size_t i = 0; i < pending_.size(); ++i)
      BindPending(insert_batch_, static_cast<int>(i) * kContributionParams + 1, pending_[i]);
    st = insert_batch_.Run();
    if (st.ok()) {
      pending_.clear();
      return st;
    }
    // The failed statement changed nothing (SQLite undoes a failed
    // statement); insert row by row to name the row at fault.
  }
  for (const PendingRow& p : pending_) {
    BindPending(insert_contribution_, 1, p);
    Status row = insert_contribution_.Run();
    if (!row.ok()) {
      pending_.clear();
      return row.WithPrefix(fmt::format("{}:{}", file_.file_name, p.row.line));
    }
  }
  pending_.clear();
  return st;
}

ImportSession::Sums& ImportSession::SumsFor(const Date& d, const std::string& iso3, Category c) {
  if (last_sums_ == nullptr || !(d == last_sums_date_)) {
    last_sums_ = &sums_[d];
    last_sums_date_ = d;
  }
  if (iso3 != last_sums_country_) {
    auto [it, added] = country_number_.emplace(iso3, static_cast<int>(numbered_countries_.size()));
    if (added) numbered_countries_.push_back(iso3);
    last_country_number_ = it->second;
    last_sums_country_ = iso3;
  }
  size_t i = static_cast<size_t>(last_country_number_) * kAllCategories.size() + static_cast<size_t>(c);
  if (last_sums_->size() <= i) last_sums_->resize(numbered_countries_.size() * kAllCategories.size());
  return (*last_sums_)[i];
}

Status ImportSession::DropOtherDates(Month month, const Date& kept) {
  BH_RETURN_IF_ERROR(status_);
  BH_RETURN_IF_ERROR(FlushPending());
  BH_ASSIGN_OR_RETURN(Stmt del,
                      db_->Prepare("DELETE FROM contribution WHERE import_id = ? AND month = ? AND report_date <> ?"));
  BH_RETURN_IF_ERROR(del.Bind(1, import_id_).Bind(2, month.ToString()).Bind(3, kept.ToString()).Run());
  rows_ -= db_->Changes();
  kept_dates_[month.Index()] = kept;
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
  return ins.Bind(1, import_id_)
      .Bind(2, mm.scope)
      .Bind(3, mm.key)
      .Bind(4, mm.what)
      .Bind(5, mm.printed)
      .Bind(6, mm.computed)
      .Run();
}

Status ImportSession::WriteMonthFigures() {
  if (!datasets_.count("contribution")) return Status::Ok();
  std::map<int, std::vector<PackedFigure>> by_month;
  for (const Month& m : months_) by_month[m.Index()];  // every month gets its row
  // The figures of a date DropOtherDates removed are left out; the rest are
  // added up per month (a month's rows carry one date once DropOtherDates
  // has run; a caller that did not run it gets both dates' sums added).
  std::vector<int> by_code(numbered_countries_.size());
  for (size_t i = 0; i < by_code.size(); ++i) by_code[i] = static_cast<int>(i);
  std::sort(by_code.begin(), by_code.end(),
            [&](int a, int b) { return numbered_countries_[a] < numbered_countries_[b]; });
  for (const auto& [d, sums] : sums_) {
    int month = d.ToMonth().Index();
    auto kept = kept_dates_.find(month);
    if (kept != kept_dates_.end() && !(kept->second == d)) continue;
    std::vector<PackedFigure>& figures = by_month[month];
    for (int country : by_code) {
      for (size_t c = 0; c < kAllCategories.size(); ++c) {
        size_t i = static_cast<size_t>(country) * kAllCategories.size() + c;
        if (i >= sums.size() || sums[i].rows == 0) continue;
        const Sums& s = sums[i];
        PackedFigure f;
        std::memcpy(f.iso3, numbered_countries_[country].data(),
                    std::min<size_t>(3, numbered_countries_[country].size()));
        f.category = static_cast<Category>(c);
        f.women = s.women;
        f.men = s.men;
        f.total = s.total;
        f.rows_without_sex = s.rows_without_sex;
        figures.push_back(f);
      }
    }
  }
  for (auto& [index, figures] : by_month) {
    std::sort(figures.begin(), figures.end(), FigureOrder);
    // Merge the same country and category from two dates of one month.
    size_t out = 0;
    for (size_t i = 0; i < figures.size(); ++i) {
      if (out > 0 && !FigureOrder(figures[out - 1], figures[i])) {
        PackedFigure& m = figures[out - 1];
        m.women += figures[i].women;
        m.men += figures[i].men;
        m.total += figures[i].total;
        m.rows_without_sex += figures[i].rows_without_sex;
      } else {
        figures[out++] = figures[i];
      }
    }
    figures.resize(out);
  }
  BH_ASSIGN_OR_RETURN(Stmt ins, db_->Prepare("INSERT INTO month_figures (import_id, month, figures) VALUES (?, ?, ?)"));
  for (auto& [index, figures] : by_month) {
    BH_RETURN_IF_ERROR(ins.Bind(1, import_id_)
                           .Bind(2, Month::FromIndex(index).ToString())
                           .BindBlob(3, PackMonthFigures(figures))
                           .Run());
  }
  return Status::Ok();
}

Status ImportSession::Commit(std::string_view reconciliation, std::string_view note) {
  BH_RETURN_IF_ERROR(status_);
  if (existing_) return Status::Ok();
  if (rows_ == 0) return Status::InvalidData(fmt::format("{}: no data rows", file_.file_name));
  BH_RETURN_IF_ERROR(FlushPending());
  BH_RETURN_IF_ERROR(KeepRealAndSyntheticApart());
  BH_RETURN_IF_ERROR(CheckCoverage());
  BH_ASSIGN_OR_RETURN(Stmt src,
                      db_->Prepare("INSERT INTO month_source (dataset, month, import_id) VALUES (?, ?, ?)"
                                   " ON CONFLICT(dataset, month) DO UPDATE SET import_id = excluded.import_id"));
  for (const std::string& ds : datasets_) {
    for (const Month& m : months_) {
      BH_RETURN_IF_ERROR(src.Bind(1, ds).Bind(2, m.ToString()).Bind(3, import_id_).Run());
    }
  }
  BH_ASSIGN_OR_RETURN(
      Stmt upd,
      db_->Prepare(
          "UPDATE import SET rows = ?, first_month = ?, last_month = ?, reconciliation = ?, note = ?, synthetic = ?"
          " WHERE id = ?"));
  BH_RETURN_IF_ERROR(upd.Bind(1, rows_)
                         .Bind(2, months_.begin()->ToString())
                         .Bind(3, months_.rbegin()->ToString())
                         .BindText(4, reconciliation)
                         .BindText(5, note)
                         .Bind(6, file_.synthetic ? 1 : 0)
                         .Bind(7, import_id_)
                         .Run());
  BH_RETURN_IF_ERROR(WriteMonthFigures());
  // A correction applies to the new source where it prints the figures the
  // correction expects (store/errata.h); only the months of this import
  // changed source.
  BH_RETURN_IF_ERROR(RebuildCorrectedFiguresOf(db_, months_));
  // Finalize statements before COMMIT so no statement keeps the write open.
  insert_contribution_ = Stmt();
  insert_batch_ = Stmt();
  insert_total_ = Stmt();
  insert_mission_ = Stmt();
  BH_RETURN_IF_ERROR(tx_->Commit());
  if (foreign_keys_off_) {
    foreign_keys_off_ = false;
    BH_RETURN_IF_ERROR(db_->Exec("PRAGMA foreign_keys=ON"));
  }
  return Status::Ok();
}

Status ImportSession::CheckCoverage() {
  BH_ASSIGN_OR_RETURN(
      Stmt cur, db_->Prepare("SELECT s.import_id, i.file_name FROM month_source s JOIN import i ON i.id = s.import_id"
                             " WHERE s.dataset = ? AND s.month = ?"));
  for (const std::string& ds : datasets_) {
    for (const Month& m : months_) {
      cur.Bind(1, ds).Bind(2, m.ToString());
      BH_ASSIGN_OR_RETURN(bool has, cur.Step());
      if (!has || file_.replace) {
        cur.Reset();
        continue;
      }
      const int64_t current = cur.Int(0);
      const std::string current_file = cur.Text(1);
      cur.Reset();
      BH_ASSIGN_OR_RETURN(MonthCoverage now, CoverageOf(db_, ds, current, m));
      BH_ASSIGN_OR_RETURN(MonthCoverage mine, CoverageOf(db_, ds, import_id_, m));
      if (mine.countries >= now.countries && mine.missions >= now.missions && mine.rows >= now.rows) continue;
      auto describe = [&](const MonthCoverage& c) {
        return ds == "contribution"
                   ? fmt::format("{}, {}, {}", Plural(c.countries, "country", "countries"),
                                 Plural(c.missions, "mission", "missions"), Plural(c.rows, "row", "rows"))
                   : fmt::format("{}, {}", Plural(c.countries, "country", "countries"), Plural(c.rows, "row", "rows"));
      };
      return Status::InvalidData(fmt::format(
          "{}: {} covers {} where its current source (import #{} {}) covers {}: nothing imported (--replace makes "
          "this file the month's source anyway)",
          file_.file_name, m.ToString(), describe(mine), current, current_file, describe(now)));
    }
  }
  return Status::Ok();
}

Status ImportSession::KeepRealAndSyntheticApart() {
  BH_ASSIGN_OR_RETURN(Stmt q, db_->Prepare("SELECT id FROM import WHERE synthetic = ? AND id != ? ORDER BY id"));
  q.Bind(1, file_.synthetic ? 0 : 1).Bind(2, import_id_);
  std::vector<int64_t> other;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, q.Step());
    if (!more) break;
    other.push_back(q.Int(0));
  }
  q = Stmt();
  if (other.empty()) return Status::Ok();
  if (file_.synthetic) {
    return Status::InvalidData(fmt::format(
        "{}: SYNTHETIC sample data, and this database holds real UN figures ({}): they never blend; load the "
        "sample into a database of its own (--db FILE)",
        file_.file_name, Plural(static_cast<int64_t>(other.size()), "import", "imports")));
  }
  for (int64_t id : other) {
    RemovedImport r;
    BH_RETURN_IF_ERROR(DeleteImport(db_, id, &r));
    removed_.push_back(std::move(r));
  }
  return Status::Ok();
}

}  // namespace bh
