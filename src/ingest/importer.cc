#include "ingest/importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <future>

#include "base/csv.h"
#include "base/file_util.h"
#include "base/strings.h"
#include "ingest/un_csv.h"
#include "store/contribution_store.h"

namespace bh {

namespace {

Status WriteRejects(const std::string& path, const std::vector<RejectedRow>& rows) {
  std::string out = "line,reason,record\n";
  for (const RejectedRow& r : rows) CsvReader::AppendRecord({std::to_string(r.line), r.reason, r.raw}, &out);
  return WriteFile(path, out);
}

Status ImportCsv(Db* db, const Reference& ref, const std::string& name, std::string_view bytes,
                 const ImportOptions& options, FileOutcome* out) {
  // SHA-256 of a 3-million-row file takes as long as a third of its parse:
  // it runs on another thread meanwhile.
  std::future<std::string> sha256 = std::async(std::launch::async, [bytes] { return Sha256Hex(bytes); });
  Result<ParsedCsv> parse_result = ParseUnCsv(bytes, name, ref, options.skip_invalid);
  std::string sha = sha256.get();
  BH_ASSIGN_OR_RETURN(ParsedCsv parsed, std::move(parse_result));
  out->kind = parsed.kind == CsvKind::kGender ? "un_gender_csv" : "un_rank_csv";
  out->synthetic = parsed.synthetic;
  out->notes = parsed.notes;
  ImportSession session(db, {name, out->path, std::move(sha), out->kind, "", parsed.synthetic});
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
    out->rejects_path = options.rejects_path.empty() ? name + ".rejected.csv" : options.rejects_path;
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
  FileOutcome out;
  out.path = path;
  std::string name = BaseName(path);
  Status st;
  if (bytes.starts_with("%PDF")) {
    st = Status::InvalidData(fmt::format("{}: PDF reports are not readable yet", name));
  } else if (DetectCsvKind(bytes) != CsvKind::kUnknown) {
    st = ImportCsv(db, ref, name, bytes, options, &out);
  } else if (bytes.empty()) {
    st = Status::InvalidData(fmt::format("{}: empty file", name));
  } else {
    // Let the CSV parser say what is wrong with the header.
    st = ImportCsv(db, ref, name, bytes, options, &out);
  }
  if (!st.ok()) {
    out.state = FileOutcome::State::kFailed;
    out.status = st;
    out.rows = 0;
    out.months.clear();
  }
  return out;
}

std::vector<FileOutcome> ImportFiles(Db* db, const Reference& ref, const std::vector<std::string>& paths,
                                     const ImportOptions& options, const ImportProgress& progress) {
  std::vector<FileOutcome> outcomes;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (progress) progress(i, paths.size(), paths[i]);
    auto bytes = ReadFile(paths[i]);
    if (!bytes.ok()) {
      FileOutcome o;
      o.path = paths[i];
      o.status = bytes.status();
      outcomes.push_back(std::move(o));
      continue;
    }
    outcomes.push_back(ImportBytes(db, ref, paths[i], *bytes, options));
  }
  if (progress) progress(paths.size(), paths.size(), "");
  return outcomes;
}

}  // namespace bh
