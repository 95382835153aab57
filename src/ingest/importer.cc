#include "ingest/importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>
#include <variant>

#include "base/csv.h"
#include "base/file_util.h"
#include "base/strings.h"
#include "ingest/pdf_import.h"
#include "ingest/un_csv.h"
#include "store/contribution_store.h"

namespace bh {

namespace {

// A file read and checked, ready to write: the work that needs no database.
struct Prepared {
  std::string path, name, sha256;
  Status status;  // non-OK: the file failed before any write
  std::variant<std::monostate, ParsedCsv, PreparedPdf> content;
};

void PrepareContent(const Reference& ref, std::string_view bytes, const ImportOptions& options, Prepared& p) {
  if (bytes.starts_with("%PDF")) {
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
  // Anything else is read as CSV; the parser says what is wrong with it.
  Result<ParsedCsv> csv = ParseUnCsv(bytes, p.name, ref, options.skip_invalid);
  if (csv.ok()) {
    p.content = std::move(*csv);
  } else {
    p.status = csv.status();
  }
}

// SHA-256 of a 3-million-row CSV takes as long as a third of its parse
// (issue 7): it runs on another thread meanwhile.
Prepared Prepare(const Reference& ref, const std::string& path, std::string_view bytes, const ImportOptions& options) {
  Prepared p;
  p.path = path;
  p.name = BaseName(path);
  std::future<std::string> sha256 = std::async(std::launch::async, [bytes] { return Sha256Hex(bytes); });
  PrepareContent(ref, bytes, options, p);
  p.sha256 = sha256.get();
  return p;
}

Status WriteRejects(const std::string& path, const std::vector<RejectedRow>& rows) {
  std::string out = "line,reason,record\n";
  for (const RejectedRow& r : rows) CsvReader::AppendRecord({std::to_string(r.line), r.reason, r.raw}, &out);
  return WriteFile(path, out);
}

Status WriteCsv(Db* db, const Prepared& p, const ParsedCsv& parsed, const ImportOptions& options, FileOutcome* out) {
  out->kind = parsed.kind == CsvKind::kGender ? "un_gender_csv" : "un_rank_csv";
  out->synthetic = parsed.synthetic;
  out->notes = parsed.notes;
  ImportSession session(db, {p.name, p.path, p.sha256, out->kind, "", parsed.synthetic});
  BH_RETURN_IF_ERROR(session.status());
  if (session.existing_import()) {
    out->state = FileOutcome::State::kAlreadyImported;
    out->import_id = *session.existing_import();
    return Status::Ok();
  }
  for (const ContributionRow& r : parsed.contributions) BH_RETURN_IF_ERROR(session.AddContribution(r));
  for (const CountryTotalRow& r : parsed.totals) BH_RETURN_IF_ERROR(session.AddCountryTotal(r));
  if (!parsed.rejected.empty()) {
    out->rejected = static_cast<int64_t>(parsed.rejected.size());
    out->rejects_path = options.rejects_path.empty() ? p.name + ".rejected.csv" : options.rejects_path;
    BH_RETURN_IF_ERROR(WriteRejects(out->rejects_path, parsed.rejected));
  }
  out->reconciliation = "no totals printed";
  std::string note = Join(parsed.notes, "; ");
  if (out->rejected) {
    if (!note.empty()) note += "; ";
    note += fmt::format("{} rows rejected, see {}", out->rejected, out->rejects_path);
  }
  BH_RETURN_IF_ERROR(session.Commit(out->reconciliation, note));
  out->state = FileOutcome::State::kImported;
  out->import_id = session.import_id();
  out->rows = session.rows();
  out->months = session.months();
  return Status::Ok();
}

Status WritePdf(Db* db, const Prepared& p, const PreparedPdf& pdf, FileOutcome* out) {
  out->kind = "un_pdf";
  out->layout = pdf.layout;
  if (pdf.printed_totals == 0) {
    out->reconciliation = "no totals printed";
  } else if (pdf.mismatches.empty()) {
    out->reconciliation = fmt::format("reconciled: {} printed totals", pdf.printed_totals);
  } else {
    out->reconciliation = fmt::format("MISMATCH accepted: {} of {} printed totals differ", pdf.mismatches.size(),
                                      pdf.printed_totals);
  }
  ImportSession session(db, {p.name, p.path, p.sha256, out->kind, pdf.layout, false});
  BH_RETURN_IF_ERROR(session.status());
  if (session.existing_import()) {
    out->state = FileOutcome::State::kAlreadyImported;
    out->import_id = *session.existing_import();
    return Status::Ok();
  }
  for (const ContributionRow& r : pdf.rows) BH_RETURN_IF_ERROR(session.AddContribution(r));
  for (const MismatchRecord& m : pdf.mismatches) BH_RETURN_IF_ERROR(session.AddMismatch(m));
  out->notes = pdf.name_notes;
  BH_RETURN_IF_ERROR(session.Commit(out->reconciliation, Join(pdf.name_notes, "; ")));
  out->state = FileOutcome::State::kImported;
  out->import_id = session.import_id();
  out->rows = session.rows();
  out->months = session.months();
  return Status::Ok();
}

FileOutcome Write(Db* db, const Prepared& p, const ImportOptions& options) {
  FileOutcome out;
  out.path = p.path;
  Status st = p.status;
  if (st.ok()) {
    if (const auto* csv = std::get_if<ParsedCsv>(&p.content)) {
      st = WriteCsv(db, p, *csv, options, &out);
    } else if (const auto* pdf = std::get_if<PreparedPdf>(&p.content)) {
      st = WritePdf(db, p, *pdf, &out);
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

Prepared PrepareFile(const Reference& ref, const std::string& path, const ImportOptions& options) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) {
    Prepared p;
    p.path = path;
    p.name = BaseName(path);
    p.status = bytes.status();
    return p;
  }
  return Prepare(ref, path, *bytes, options);
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
        std::string ext = ToLowerAscii(e.path().extension().string());
        if (e.is_regular_file() && (ext == ".csv" || ext == ".pdf")) files.push_back(e.path().string());
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

FileOutcome ImportBytes(Db* db, const Reference& ref, const std::string& path, std::string_view bytes,
                        const ImportOptions& options) {
  return Write(db, Prepare(ref, path, bytes, options), options);
}

std::vector<FileOutcome> ImportFiles(Db* db, const Reference& ref, const std::vector<std::string>& paths,
                                     const ImportOptions& options, const ImportProgress& progress) {
  // Reading and parsing (the expensive part, pure) runs on worker threads;
  // writes happen here, one transaction per file, in the order given, so the
  // newest file for a month is the last one written.
  const size_t n = paths.size();
  const size_t workers = std::min<size_t>(n > 1 ? std::max(1u, std::thread::hardware_concurrency()) : 0, 4);
  std::vector<FileOutcome> outcomes;
  outcomes.reserve(n);
  if (workers == 0) {
    for (size_t i = 0; i < n; ++i) {
      if (progress) progress(i, n, paths[i]);
      outcomes.push_back(Write(db, PrepareFile(ref, paths[i], options), options));
    }
    if (progress) progress(n, n, "");
    return outcomes;
  }
  std::mutex mu;
  std::condition_variable ready, space;
  std::vector<std::optional<Prepared>> slots(n);
  size_t next = 0;         // next file a worker takes
  size_t written = 0;      // files written so far
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
      Prepared p = PrepareFile(ref, paths[i], options);
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
    outcomes.push_back(Write(db, p, options));
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

}  // namespace bh
