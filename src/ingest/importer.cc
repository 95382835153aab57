#include "ingest/importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <variant>

#include "base/clock.h"
#include "base/csv.h"
#include "base/file_util.h"
#include "base/mapped_file.h"
#include "base/strings.h"
#include "checks/file_checks.h"
#include "checks/plausibility.h"
#include "ingest/pdf_import.h"
#include "ingest/tidy_csv.h"
#include "ingest/un_csv.h"
#include "store/contribution_store.h"
#include "store/database.h"
#include "store/errata.h"

namespace bh {

namespace {

// A CSV is read while it is written (ReadCsvInBatches), so preparing it
// only keeps its bytes.
struct PendingCsv {};
// A tidy file (ingest/tidy_csv.h), read whole when written.
struct PendingTidy {};

// A file read and checked, ready to write: the work that needs no database.
struct Prepared {
  std::string path, name, sha256;
  // What the import records as the file's path: absolute for a file read
  // from disk, so `source` finds it again from any directory; as given for
  // bytes a caller hands over (an upload's name).
  std::string stored_path;
  Status status;  // non-OK: the file failed before any write
  std::variant<std::monostate, PendingCsv, PendingTidy, PreparedPdf> content;
  std::optional<std::string> owned;  // the bytes, when read from a file
  // A CSV read from disk stays mapped, not read whole: the UN reader lets
  // the pages it has passed go (issue 16: peak memory at 10x).
  std::shared_ptr<const MappedFile> mapped;
  std::string_view borrowed;  // the bytes, when the caller keeps them
  // An earlier import of the same bytes, found before reading them (a PDF
  // in `import FOLDER`): nothing was parsed, and Write checks it again.
  std::optional<KnownImport> known;
  std::string_view bytes() const {
    if (mapped) return mapped->bytes();
    return owned ? std::string_view(*owned) : borrowed;
  }
};

void PrepareContent(const Reference& ref, std::string_view bytes, const ImportOptions& options, Prepared& p) {
  if (bytes.starts_with("%PDF")) {
    if (bytes.size() > kMaxImportPdfBytes) {
      p.status = Status::InvalidData(fmt::format("{}: the PDF is {}; the limit is {}", p.name,
                                                 ByteSizeText(bytes.size()), ByteSizeText(kMaxImportPdfBytes)));
      return;
    }
    Result<PreparedPdf> pdf = PreparePdf(bytes, p.name, ref, options.month, options.accept_mismatch);
    if (pdf.ok()) {
      p.content = std::move(*pdf);
    } else {
      p.status = pdf.status();
    }
    return;
  }
  if (bytes.empty()) {
    p.status = Status::InvalidData(fmt::format("{}: empty file", p.name));
    return;
  }
  if (LooksLikeTidyCsv(bytes)) {
    p.content = PendingTidy{};
    return;
  }
  // Anything else is read as CSV when written; the parser says what is
  // wrong with it.
  p.content = PendingCsv{};
}

Prepared Prepare(const Reference& ref, const std::string& path, std::string_view bytes, const ImportOptions& options) {
  Prepared p;
  p.path = path;
  p.stored_path = path;
  p.name = BaseName(path);
  if (bytes.starts_with("%PDF")) {
    // SHA-256 (hardware-assisted, ~1 GB/s) beside the PDF's extraction.
    std::future<std::string> sha256 = std::async(std::launch::async, [bytes] { return Sha256Hex(bytes); });
    PrepareContent(ref, bytes, options, p);
    p.sha256 = sha256.get();
  } else {
    // A CSV's SHA-256 is taken when it is written, while its reading starts.
    PrepareContent(ref, bytes, options, p);
    if (std::holds_alternative<std::monostate>(p.content)) p.sha256 = Sha256Hex(bytes);
  }
  return p;
}

// Reads a CSV on a second thread, one batch ahead of the writer, so that
// parsing and SQLite's inserts overlap (issue 7). The reader is only used
// by that thread until Finish() has joined it.
class CsvBatches {
 public:
  static constexpr size_t kBatchRows = 4096;
  struct Batch {
    std::vector<ContributionRow> contributions;
    std::vector<CountryTotalRow> totals;
  };

  explicit CsvBatches(UnCsvReader* reader) : reader_(reader), thread_([this] { Produce(); }) {}
  ~CsvBatches() { (void)Finish(); }

  // The next batch, or nullopt when the file is done or failed (Finish()
  // says which). Give the batch back with Recycle.
  std::optional<Batch> Next() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !full_.empty() || done_; });
    if (full_.empty()) return std::nullopt;
    Batch b = std::move(full_.front());
    full_.pop_front();
    cv_.notify_all();
    return b;
  }
  void Recycle(Batch b) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(b));
  }
  // Stops the reader if it still runs, waits for it, and returns its error.
  Status Finish() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    return error_;
  }

 private:
  void Produce() {
    for (;;) {
      Batch b;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return full_.size() < 2 || stop_; });
        if (stop_) break;
        if (!free_.empty()) {
          b = std::move(free_.back());
          free_.pop_back();
        }
      }
      b.contributions.clear();
      b.totals.clear();
      Result<bool> more = reader_->Read(kBatchRows, &b.contributions, &b.totals);
      std::lock_guard<std::mutex> lock(mu_);
      if (!more.ok()) {
        error_ = more.status();
        break;
      }
      if (!b.contributions.empty() || !b.totals.empty()) full_.push_back(std::move(b));
      cv_.notify_all();
      if (!*more) break;
    }
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
    cv_.notify_all();
  }

  UnCsvReader* reader_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Batch> full_;
  std::vector<Batch> free_;
  bool done_ = false, stop_ = false;
  Status error_;
  std::thread thread_;  // last: starts once the members above exist
};

// Months that cannot be a report's: later than this month, or, in a file of
// three months or more, further than two years from every other month of
// the file (a typo such as 2099 or 1920 in a history of consecutive months).
class MonthCheck {
 public:
  MonthCheck(const std::string& name, const ImportOptions& options) : name_(name) {
    const Clock* clock = options.clock ? options.clock : SystemClock::Default();
    this_month_ = Date::FromDaysSinceEpoch(static_cast<int>(clock->NowSeconds() / 86400)).ToMonth();
  }

  // `line` 0: the report as a whole (a PDF's "as of" date).
  Status Add(int line, const Date& d) {
    Month m = d.ToMonth();
    if (m > this_month_) {
      std::string where = line > 0 ? fmt::format("{}:{}", name_, line) : name_;
      return Status::InvalidData(fmt::format("{}: dated {}, later than this month ({}): refused", where, d.ToString(),
                                             this_month_.ToString()));
    }
    // Consecutive rows mostly share a month: the map is looked up (without
    // allocating) only when the month changes.
    if (!(m == last_)) {
      first_line_.try_emplace(m, line);
      last_ = m;
    }
    return Status::Ok();
  }

  Status Finish() const {
    if (first_line_.size() < 3) return Status::Ok();
    for (auto it = first_line_.begin(); it != first_line_.end(); ++it) {
      int gap = std::numeric_limits<int>::max();
      if (it != first_line_.begin()) gap = it->first.Index() - std::prev(it)->first.Index();
      if (std::next(it) != first_line_.end()) gap = std::min(gap, std::next(it)->first.Index() - it->first.Index());
      if (gap > kMaxGapMonths) {
        return Status::InvalidData(fmt::format(
            "{}:{}: month {} is {} months from every other month in the file ({} to {}): refused as a likely typo",
            name_, it->second, it->first.ToString(), gap, first_line_.begin()->first.ToString(),
            first_line_.rbegin()->first.ToString()));
      }
    }
    return Status::Ok();
  }

 private:
  static constexpr int kMaxGapMonths = 24;
  std::string name_;
  Month this_month_;
  std::map<Month, int> first_line_;  // month -> the first line dated in it
  Month last_;                       // the month of the last line added
};

// Says, once per import, that the SYNTHETIC sample made way for real files.
void NoteRemoved(const ImportSession& session, FileOutcome* out) {
  for (const RemovedImport& r : session.removed()) {
    out->notes.push_back(
        fmt::format("removed the SYNTHETIC sample (import #{} {}, {} rows): real and SYNTHETIC "
                    "figures never share a database",
                    r.id, r.file_name, r.rows));
  }
}

Status WriteRejects(const std::string& path, const std::vector<RejectedRow>& rows) {
  std::string out = "line,reason,record\n";
  for (const RejectedRow& r : rows) CsvReader::AppendRecord({std::to_string(r.line), r.reason, r.raw}, &out);
  return WriteFile(path, out);
}

Status WriteCsv(Db* db, const Reference& ref, const Prepared& p, const ImportOptions& options, FileOutcome* out) {
  // A mapped file's pages go once read: the reader's, and the hash's.
  std::function<void(size_t)> done_before;
  if (p.mapped) done_before = [file = p.mapped](size_t offset) { file->DropBefore(offset); };
  BH_ASSIGN_OR_RETURN(std::unique_ptr<UnCsvReader> reader,
                      UnCsvReader::Open(p.bytes(), p.name, ref, options.skip_invalid, done_before));
  out->kind = reader->kind() == CsvKind::kGender ? "un_gender_csv" : "un_rank_csv";
  // The reading starts now; the SHA-256 (which tells whether the same bytes
  // were imported before) is taken meanwhile. Returning stops the reader
  // (~CsvBatches) after the session has rolled back.
  CsvBatches batches(reader.get());
  std::string sha256 = p.mapped ? p.mapped->Sha256Hex() : Sha256Hex(p.bytes());
  ImportSession session(db, {p.name, p.stored_path, sha256, out->kind, "", false, options.replace});
  BH_RETURN_IF_ERROR(session.status());
  if (session.existing_import()) {
    out->state = FileOutcome::State::kAlreadyImported;
    out->import_id = *session.existing_import();
    return Status::Ok();
  }
  MonthCheck months(p.name, options);
  // The plausibility checks of the file's months, on a thread beside the
  // writer (issue 16), from the rows as they are written.
  BH_ASSIGN_OR_RETURN(std::vector<Month> stored, StoredContributionMonths(db));
  FileChecks checks(std::move(stored), session.import_id());
  while (std::optional<CsvBatches::Batch> b = batches.Next()) {
    Status st;
    for (const ContributionRow& r : b->contributions) {
      st = months.Add(r.line, r.report_date);
      if (st.ok()) st = session.AddContribution(r);
      if (!st.ok()) break;
    }
    for (const CountryTotalRow& r : b->totals) {
      if (!st.ok()) break;
      st = months.Add(r.line, r.report_date);
      if (st.ok()) st = session.AddCountryTotal(r);
    }
    if (!st.ok()) return st;
    if (!b->contributions.empty()) b->contributions = checks.Add(std::move(b->contributions));
    batches.Recycle(std::move(*b));
  }
  BH_RETURN_IF_ERROR(batches.Finish());
  // The SHA-256 and the rows must describe the same bytes.
  if (p.mapped) BH_RETURN_IF_ERROR(p.mapped->CheckUnchanged());
  BH_RETURN_IF_ERROR(months.Finish());
  // One month, one date: where the file reports two dates in a month, the
  // later date's rows stand (the UN history's 30 and 31 July 2003).
  for (const SupersededDates& sd : reader->superseded()) {
    BH_RETURN_IF_ERROR(session.DropOtherDates(sd.month, sd.kept));
    out->notes.push_back(sd.Note());
  }
  out->synthetic = reader->synthetic();
  session.set_synthetic(out->synthetic);
  const std::vector<RejectedRow>& rejected = reader->rejected();
  if (!rejected.empty()) {
    out->rejected = static_cast<int64_t>(rejected.size());
    out->rejects_path = options.rejects_path.empty() ? p.name + ".rejected.csv" : options.rejects_path;
    BH_RETURN_IF_ERROR(WriteRejects(out->rejects_path, rejected));
  }
  out->reconciliation = "no totals printed";
  std::string note = Join(out->notes, "; ");
  if (out->rejected) {
    if (!note.empty()) note += "; ";
    note += fmt::format("{} rows rejected, see {}", out->rejected, out->rejects_path);
  }
  BH_RETURN_IF_ERROR(session.Commit(out->reconciliation, note));
  NoteRemoved(session, out);
  out->state = FileOutcome::State::kImported;
  out->import_id = session.import_id();
  out->rows = session.rows();
  out->months = session.months();
  out->checked_ahead = std::make_shared<const CheckedAhead>(checks.Finish());
  return Status::Ok();
}

Status WritePdf(Db* db, const Prepared& p, const PreparedPdf& pdf, const ImportOptions& options, FileOutcome* out) {
  BH_RETURN_IF_ERROR(MonthCheck(p.name, options).Add(0, pdf.report_date));
  out->kind = "un_pdf";
  out->layout = pdf.layout;
  if (pdf.printed_totals == 0) {
    out->reconciliation = "no totals printed";
  } else if (pdf.mismatches.empty()) {
    out->reconciliation = fmt::format("reconciled: {} printed totals", pdf.printed_totals);
  } else {
    out->reconciliation =
        fmt::format("MISMATCH accepted: {} of {} printed totals differ", pdf.mismatches.size(), pdf.printed_totals);
  }
  ImportSession session(db, {p.name, p.stored_path, p.sha256, out->kind, pdf.layout, false, options.replace});
  BH_RETURN_IF_ERROR(session.status());
  if (session.existing_import()) {
    out->state = FileOutcome::State::kAlreadyImported;
    out->import_id = *session.existing_import();
    return Status::Ok();
  }
  for (const ContributionRow& r : pdf.rows) BH_RETURN_IF_ERROR(session.AddContribution(r));
  for (const MismatchRecord& m : pdf.mismatches) BH_RETURN_IF_ERROR(session.AddMismatch(m));
  out->notes = pdf.name_notes;
  if (!pdf.skipped_note.empty()) out->notes.push_back(pdf.skipped_note);
  BH_RETURN_IF_ERROR(session.Commit(out->reconciliation, Join(out->notes, "; ")));
  NoteRemoved(session, out);
  out->state = FileOutcome::State::kImported;
  out->import_id = session.import_id();
  out->rows = session.rows();
  out->months = session.months();
  return Status::Ok();
}

// A tidy file: each source file's figures become one import under that
// file's name and SHA-256 (the UN's file stays the figure's source), all in
// one transaction: the whole tidy file or nothing. A source already
// imported (the same SHA-256) is left as it is, so importing the file again
// changes nothing.
Status WriteTidy(Db* db, const Reference& ref, const Prepared& p, const ImportOptions& options, FileOutcome* out) {
  out->kind = "tidy_csv";
  // A source's failure, named by the tidy file and the source.
  auto in_source = [&p](const std::string& source, const Status& st) {
    return st.WithPrefix(fmt::format("{}: source {}", p.name, source));
  };
  BH_ASSIGN_OR_RETURN(std::vector<TidyRow> rows, ParseTidyCsv(p.bytes(), p.name, ref));
  // No month after this one. (Not the typo check of months far from the
  // others: a filtered export may skip years, and each month here is its
  // source's, named with the source's SHA-256.)
  MonthCheck months(p.name, options);
  for (const TidyRow& r : rows) BH_RETURN_IF_ERROR(months.Add(r.line, r.report_date));
  // The sources in the order they first appear; each one's rows in file order.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const TidyRow*>> by_sha;
  for (const TidyRow& r : rows) {
    auto [it, added] = by_sha.try_emplace(r.sha256);
    if (added) order.push_back(r.sha256);
    const TidyRow* first = it->second.empty() ? nullptr : it->second.front();
    if (first && (first->source_file != r.source_file || first->synthetic != r.synthetic)) {
      return Status::InvalidData(fmt::format("{}:{}: sha256 {} names {} at line {} and {} here", p.name, r.line,
                                             r.sha256.substr(0, 12), first->source_file, first->line, r.source_file));
    }
    it->second.push_back(&r);
  }
  Transaction tx(db);
  BH_RETURN_IF_ERROR(tx.status());
  std::set<std::string> errata;
  int64_t first_import = 0, existing = 0;
  for (const std::string& sha : order) {
    const std::vector<const TidyRow*>& source = by_sha[sha];
    ImportSession session(db, {source.front()->source_file, p.stored_path, sha, out->kind, "from " + p.name,
                               source.front()->synthetic, options.replace});
    if (!session.status().ok()) return in_source(source.front()->source_file, session.status());
    if (session.existing_import()) {
      if (!existing) existing = *session.existing_import();
      continue;
    }
    for (const TidyRow* r : source) {
      ContributionRow c;
      c.page = r->source_page;
      c.line = r->source_line;
      c.report_date = r->report_date;
      c.iso3 = r->iso3;
      c.mission = r->mission;
      c.type = r->type;
      c.women = r->women;
      c.men = r->men;
      c.total = r->total;
      Status st = session.AddContribution(c);
      if (!st.ok()) return Status::InvalidData(fmt::format("{}:{}: {}", p.name, r->line, st.message()));
      if (!r->erratum.empty()) errata.insert(r->erratum);
    }
    session.set_synthetic(source.front()->synthetic);
    Status committed = session.Commit("no totals printed", "from the tidy file " + p.name);
    if (!committed.ok()) return in_source(source.front()->source_file, committed);
    NoteRemoved(session, out);
    if (!first_import) first_import = session.import_id();
    out->rows += session.rows();
    out->months.insert(session.months().begin(), session.months().end());
    out->synthetic = out->synthetic || source.front()->synthetic;
  }
  BH_RETURN_IF_ERROR(tx.Commit());
  if (!first_import) {
    out->state = FileOutcome::State::kAlreadyImported;
    out->import_id = existing;
    return Status::Ok();
  }
  // The corrections the file names apply from this database's errata:
  // say which it does not have (their figures stay as printed).
  if (!errata.empty()) {
    BH_ASSIGN_OR_RETURN(std::vector<Erratum> known, ListErrata(db, std::nullopt));
    for (const Erratum& e : known) errata.erase(e.id);
    if (!errata.empty()) {
      std::vector<std::string> missing(errata.begin(), errata.end());
      if (missing.size() > 3) missing.resize(3), missing.push_back("...");
      out->notes.push_back(
          fmt::format("{} correction(s) named in the file are not in this database ({}): those figures stay as printed",
                      errata.size(), Join(missing, ", ")));
    }
  }
  out->state = FileOutcome::State::kImported;
  out->import_id = first_import;
  out->reconciliation = fmt::format("{} source file(s)", order.size());
  return Status::Ok();
}

FileOutcome Write(Db* db, const Reference& ref, const Prepared& p, const ImportOptions& options) {
  if (p.known) {
    // Found by its hash before it was read: still there (another process
    // may have removed it meanwhile), or read now after all.
    Result<std::optional<KnownImport>> still = KnownImportBySha256(db, p.sha256);
    if (still.ok() && *still) {
      FileOutcome out;
      out.path = p.path;
      out.state = FileOutcome::State::kAlreadyImported;
      out.import_id = (*still)->id;
      out.kind = (*still)->kind;
      out.layout = (*still)->layout;
      out.reconciliation = (*still)->reconciliation;
      out.synthetic = (*still)->synthetic;
      return out;
    }
    Prepared fresh = Prepare(ref, p.path, p.bytes(), options);
    fresh.stored_path = p.stored_path;
    fresh.borrowed = p.bytes();
    return Write(db, ref, fresh, options);
  }
  FileOutcome out;
  out.path = p.path;
  Status st = p.status;
  if (st.ok()) {
    if (std::holds_alternative<PendingCsv>(p.content)) {
      st = WriteCsv(db, ref, p, options, &out);
    } else if (std::holds_alternative<PendingTidy>(p.content)) {
      st = WriteTidy(db, ref, p, options, &out);
    } else if (const auto* pdf = std::get_if<PreparedPdf>(&p.content)) {
      st = WritePdf(db, p, *pdf, options, &out);
    } else {
      st = Status::Internal(p.name + ": nothing prepared");
    }
  }
  if (!st.ok()) {
    out.state = FileOutcome::State::kFailed;
    out.status = st;
    out.rows = 0;
    out.months.clear();
  }
  return out;
}

// SHA-256 -> the import of those bytes, as the database had them before the
// files were read; empty when it had none.
using KnownImports = std::unordered_map<std::string, KnownImport>;

Prepared PrepareFile(const Reference& ref, const std::string& path, const ImportOptions& options,
                     const KnownImports& known) {
  // A CSV stays mapped (Prepared::mapped) and is read as it is written;
  // anything else (a PDF, a gzip file, an empty one) is read whole, as
  // before. MappedFile::Open fails as ReadFile does, with its messages.
  Result<std::unique_ptr<MappedFile>> file = MappedFile::Open(path, kMaxImportCsvBytes);
  Result<std::string> bytes = std::string();
  if (!file.ok()) {
    bytes = file.status();
  } else {
    std::string_view head = (*file)->bytes();
    if (!head.empty() && !head.starts_with("%PDF") && !IsGzip(head)) {
      std::shared_ptr<const MappedFile> mapped = std::move(*file);
      Prepared p = Prepare(ref, path, mapped->bytes(), options);
      std::error_code ec;
      std::filesystem::path absolute = std::filesystem::absolute(path, ec);
      if (!ec) p.stored_path = absolute.lexically_normal().string();
      p.mapped = std::move(mapped);  // PrepareContent: a UN or a tidy CSV
      return p;
    }
    file->reset();  // unmapped and closed
    bytes = ReadFile(path, kMaxImportCsvBytes);
  }
  // A gzip file (the bundled real data, data/real/*.csv.gz) is read as the
  // bytes it holds, within the same limit.
  if (bytes.ok() && IsGzip(*bytes)) bytes = Gunzip(*bytes, BaseName(path), kMaxImportCsvBytes);
  if (!bytes.ok()) {
    Prepared p;
    p.path = path;
    p.name = BaseName(path);
    p.status = bytes.status();
    return p;
  }
  Prepared p;
  // Hash first (issue 16): a PDF imported before is not parsed again, which
  // makes the monthly `import FOLDER` over a folder of known reports cost a
  // read and a hash per file. (A known CSV stops after its first batch:
  // WriteCsv.)
  if (!known.empty() && bytes->starts_with("%PDF")) {
    std::string sha256 = Sha256Hex(*bytes);
    if (auto it = known.find(sha256); it != known.end()) {
      p.path = path;
      p.stored_path = path;
      p.name = BaseName(path);
      p.sha256 = std::move(sha256);
      p.known = it->second;
    }
  }
  if (!p.known) p = Prepare(ref, path, *bytes, options);
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (!ec) p.stored_path = absolute.lexically_normal().string();
  // A CSV is parsed when written: it keeps its bytes until then. A PDF's
  // rows are extracted already; a known one keeps its bytes in case its
  // import is gone by the time it is written (Write).
  if (std::holds_alternative<PendingCsv>(p.content) || std::holds_alternative<PendingTidy>(p.content) || p.known) {
    p.owned = std::move(*bytes);
  }
  return p;
}

}  // namespace

Result<std::vector<std::string>> ExpandImportPaths(const std::vector<std::string>& args) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string& a : args) {
    std::error_code ec;
    fs::file_status st = fs::status(a, ec);
    if (ec || !fs::exists(st)) return Status::NotFound(fmt::format("{}: no such file or folder", a));
    if (fs::is_directory(st)) {
      std::vector<std::string> files;
      for (const auto& e : fs::directory_iterator(a, ec)) {
        std::string name = ToLowerAscii(e.path().filename().string());
        if (e.is_regular_file() && (name.ends_with(".csv") || name.ends_with(".pdf") || name.ends_with(".csv.gz"))) {
          files.push_back(e.path().string());
        }
      }
      if (ec) return Status::IoError(a, ec.value());
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else {
      out.push_back(a);
    }
  }
  return out;
}

namespace {

// The plausibility checks over the months the imported files brought (and
// their neighbours, which RecheckMonths adds).
void CheckMonths(Db* db, const std::vector<FileOutcome>& outcomes, ImportChecks* checks) {
  std::set<Month> months;
  for (const FileOutcome& o : outcomes) {
    if (o.state == FileOutcome::State::kImported) months.insert(o.months.begin(), o.months.end());
  }
  ImportChecks local;
  ImportChecks& out = checks ? *checks : local;
  if (months.empty()) return;
  std::vector<const CheckedAhead*> ahead;
  for (const FileOutcome& o : outcomes) {
    if (o.state == FileOutcome::State::kImported && o.checked_ahead) ahead.push_back(o.checked_ahead.get());
  }
  Result<RecheckSummary> r = RecheckMonths(db, months, ahead);
  if (!r.ok()) {
    out.status = r.status();
    return;
  }
  out.months = std::move(r->months);
  out.found = std::move(r->found);
}

std::vector<FileOutcome> ImportFilesUnchecked(Db* db, const Reference& ref, const std::vector<std::string>& paths,
                                              const ImportOptions& options, const ImportProgress& progress);

}  // namespace

FileOutcome ImportBytes(Db* db, const Reference& ref, const std::string& path, std::string_view bytes,
                        const ImportOptions& options, ImportChecks* checks) {
  Prepared p = Prepare(ref, path, bytes, options);
  p.borrowed = bytes;
  FileOutcome out = Write(db, ref, p, options);
  CheckMonths(db, {out}, checks);
  return out;
}

std::vector<FileOutcome> ImportFiles(Db* db, const Reference& ref, const std::vector<std::string>& paths,
                                     const ImportOptions& options, const ImportProgress& progress,
                                     ImportChecks* checks) {
  std::vector<FileOutcome> outcomes = ImportFilesUnchecked(db, ref, paths, options, progress);
  CheckMonths(db, outcomes, checks);
  return outcomes;
}

namespace {

std::vector<FileOutcome> ImportFilesUnchecked(Db* db, const Reference& ref, const std::vector<std::string>& paths,
                                              const ImportOptions& options, const ImportProgress& progress) {
  // Reading files and extracting PDFs (the expensive part, pure) runs on worker threads;
  // writes happen here, one transaction per file, in the order given, so the
  // newest file for a month is the last one written.
  db->SetBusyTimeout(kImportWaitMilliseconds);
  struct RestoreTimeout {
    Db* db;
    ~RestoreTimeout() { db->SetBusyTimeout(kDefaultBusyTimeoutMilliseconds); }
  } restore{db};
  KnownImports known;  // every import the database holds
  bool first_import = false;
  if (Result<KnownImports> k = KnownImportsBySha256(db); k.ok()) {  // else: parse everything
    known = std::move(*k);
    first_import = known.empty();
  }
  // The first import into a database (a folder of reports, the UN's whole
  // CSV) writes its pages once, when no one else has the file open: there
  // is nothing to read in it yet (store/database.h).
  std::optional<RollbackJournalScope> write_once;
  if (first_import) write_once.emplace(db);
  const size_t n = paths.size();
  const size_t workers = std::min<size_t>(n > 1 ? std::max(1u, std::thread::hardware_concurrency()) : 0, 4);
  std::vector<FileOutcome> outcomes;
  outcomes.reserve(n);
  if (workers == 0) {
    for (size_t i = 0; i < n; ++i) {
      if (progress) progress(i, n, paths[i]);
      outcomes.push_back(Write(db, ref, PrepareFile(ref, paths[i], options, known), options));
    }
    if (progress) progress(n, n, "");
    return outcomes;
  }
  std::mutex mu;
  std::condition_variable ready, space;
  std::vector<std::optional<Prepared>> slots(n);
  size_t next = 0;                    // next file a worker takes
  size_t written = 0;                 // files written so far
  const size_t window = workers * 2;  // bounded look-ahead keeps memory flat
  auto work = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(mu);
        space.wait(lock, [&] { return next >= n || next < written + window; });
        if (next >= n) return;
        i = next++;
      }
      Prepared p = PrepareFile(ref, paths[i], options, known);
      {
        std::lock_guard<std::mutex> lock(mu);
        slots[i] = std::move(p);
      }
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (size_t w = 0; w < workers; ++w) threads.emplace_back(work);
  for (size_t i = 0; i < n; ++i) {
    if (progress) progress(i, n, paths[i]);
    Prepared p;
    {
      std::unique_lock<std::mutex> lock(mu);
      ready.wait(lock, [&] { return slots[i].has_value(); });
      p = std::move(*slots[i]);
      slots[i].reset();
    }
    outcomes.push_back(Write(db, ref, p, options));
    {
      std::lock_guard<std::mutex> lock(mu);
      written = i + 1;
    }
    space.notify_all();
  }
  for (std::thread& t : threads) t.join();
  if (progress) progress(n, n, "");
  return outcomes;
}

}  // namespace

}  // namespace bh
