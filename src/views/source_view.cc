#include "views/source_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/strings.h"
#include "ingest/printed_source.h"
#include "pdf/layout.h"
#include "pdf/source_page.h"

namespace bh {

namespace {

constexpr char kPdfKind[] = "un_pdf";

Result<std::optional<PersonnelType>> ParseType(const std::string& s) {
  if (Trim(s).empty()) return std::optional<PersonnelType>();
  // The codes and open-data labels first, then the labels the reports print.
  if (auto t = PersonnelTypeFromCodeOrLabel(s)) return std::optional<PersonnelType>(t);
  if (auto t = pdf::TypeFromLabel(s)) return std::optional<PersonnelType>(t);
  std::vector<std::string> codes;
  for (PersonnelType t : kAllPersonnelTypes) codes.push_back(std::string(PersonnelTypeCode(t)));
  return Status::InvalidArgument(
      fmt::format("unknown personnel type '{}' (want {} or a label such as Troops, Staff Officer, Experts on Mission, "
                  "Formed Police Units, Individual Police)",
                  Trim(s), Join(codes, ", ")));
}

std::string UpperAscii(std::string_view s) {
  std::string out(Trim(s));
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// A line or page number: "298909", not "298,909" (it is a position, not a count).
Cell PlainNumber(int64_t n) {
  Cell c(n);
  c.display = std::to_string(n);
  return c;
}

std::string TypeText(const std::optional<PersonnelType>& t) {
  return t ? std::string(PersonnelTypeLabel(*t)) : std::string("-");
}

// "Viet Nam (VNM), 2021-04, UNMISS, Troops"
std::string Describe(const SourceRows& s) {
  std::string out = fmt::format("{} ({}), {}", s.country_name, s.query.iso3, s.query.month.ToString());
  if (!s.query.mission.empty()) out += ", " + s.query.mission;
  if (s.query.type) out += ", " + std::string(PersonnelTypeLabel(*s.query.type));
  return out;
}

// Whether the words of a re-read line show `total` as a number: the line
// the importer read the row from must print the row's total.
bool ShowsTotal(const std::string& text, int64_t total) {
  for (std::string_view w : Split(text, ' ')) {
    if (pdf::IsNumberWord(w) && ParseWholeNumber(w) == total) return true;
  }
  return false;
}

// `text` with each stored path of `rows` replaced by its file name.
std::string HidePaths(const std::vector<FigureSource>& rows, std::string text) {
  for (const FigureSource& f : rows) {
    if (f.path.empty()) continue;
    for (size_t at = text.find(f.path); at != std::string::npos; at = text.find(f.path, at + f.file_name.size())) {
      text.replace(at, f.path.size(), f.file_name);
    }
  }
  return text;
}

// `s` with its code and `message`.
Status Rephrased(const Status& s, const std::string& message) {
  switch (s.code()) {
    case Status::Code::kInvalidArgument:
      return Status::InvalidArgument(message);
    case Status::Code::kInvalidData:
      return Status::InvalidData(message);
    case Status::Code::kNotFound:
      return Status::NotFound(message);
    case Status::Code::kIoError:
      return Status::IoError(message);
    case Status::Code::kMismatch:
      return Status::Mismatch(message);
    default:
      return Status::Internal(message);
  }
}

// Every text of `t` without the stored paths of `rows`: what a reader of
// the web API is shown (a reason such as "cannot open PATH" included).
void HidePaths(const std::vector<FigureSource>& rows, Table* t) {
  t->title = HidePaths(rows, t->title);
  for (std::string& n : t->notes) n = HidePaths(rows, n);
  for (auto& row : t->rows) {
    for (Cell& c : row) {
      if (auto* v = std::get_if<std::string>(&c.value)) *v = HidePaths(rows, *v);
      c.display = HidePaths(rows, c.display);
    }
  }
}

// One imported file, read back once for all its rows.
struct Reread {
  Status status;                           // why the file is not available
  std::string bytes;                       // a PDF's, when status.ok()
  std::map<int, Result<pdf::Page>> pages;  // PDF pages extracted so far
  std::map<int, Result<std::string>> csv;  // CSV records by line, read in one pass
};

// Reads the file of `f` back once, and for a CSV every record `rows` needs
// from it in one pass over the file.
Reread ReadBack(const FigureSource& f, const std::vector<FigureSource>& rows) {
  Reread r;
  if (f.kind != kPdfKind) {
    // Only the records: a verified CSV is not read whole again.
    std::vector<int> lines;
    for (const FigureSource& row : rows) {
      if (row.import_id == f.import_id) lines.push_back(row.line);
    }
    auto records = ImportedCsvRecordsAt(f.path, f.sha256, f.file_name, lines);
    if (!records.ok()) {
      r.status = records.status();
      return r;
    }
    for (size_t i = 0; i < lines.size(); ++i) r.csv.emplace(lines[i], std::move((*records)[i]));
    return r;
  }
  auto bytes = ReadImportedFile(f.path, f.sha256);
  if (!bytes.ok()) {
    r.status = bytes.status();
    return r;
  }
  r.bytes = std::move(*bytes);
  return r;
}

// The row's text as it stands in the file.
Result<std::string> AsPrinted(const FigureSource& f, Reread* file) {
  if (f.kind == kPdfKind) {
    auto it = file->pages.find(f.page);
    if (it == file->pages.end())
      it = file->pages.emplace(f.page, pdf::ExtractPage(file->bytes, f.file_name, f.page)).first;
    if (!it->second.ok()) return it->second.status();
    BH_ASSIGN_OR_RETURN(pdf::PrintedLine line, pdf::FindPrintedLine(*it->second, f.file_name, f.line));
    return line.text;
  }
  auto it = file->csv.find(f.line);
  if (it == file->csv.end()) return Status::Internal(fmt::format("{}:{}: record not read", f.file_name, f.line));
  return it->second;
}

}  // namespace

Result<SourceRows> FindSourceRows(Db* db, const Reference& ref, const SourceRequest& req) {
  SourceRows out;
  BH_ASSIGN_OR_RETURN(out.query.month, Month::Parse(req.month));
  BH_ASSIGN_OR_RETURN(out.query.type, ParseType(req.type));
  BH_ASSIGN_OR_RETURN(out.query.iso3, ref.ResolveCountry(req.country));
  out.query.mission = UpperAscii(req.mission);
  out.country_name = ref.CountryName(out.query.iso3);
  BH_ASSIGN_OR_RETURN(bool has_month, MonthHasContributions(db, out.query.month));
  if (!has_month) {
    return Status::NotFound(
        fmt::format("no contribution figures for {} (see 'bluehelmet months')", out.query.month.ToString()));
  }
  BH_ASSIGN_OR_RETURN(out.rows, FigureSources(db, out.query));
  if (!out.rows.empty()) return out;
  // Say what the country does have that month, so the user can narrow again.
  FigureSourceQuery any = out.query;
  any.mission.clear();
  any.type.reset();
  BH_ASSIGN_OR_RETURN(std::vector<FigureSource> all, FigureSources(db, any));
  std::string wanted;
  if (!out.query.mission.empty()) wanted += " with mission " + out.query.mission;
  if (out.query.type) wanted += fmt::format("{} type {}", wanted.empty() ? " with" : " and", TypeText(out.query.type));
  if (all.empty()) {
    return Status::NotFound(fmt::format("no current row for {} ({}) in {}: it has no personnel in that month's source",
                                        out.country_name, out.query.iso3, out.query.month.ToString()));
  }
  std::vector<std::string> have;
  std::set<std::string> seen;
  for (const FigureSource& f : all) {
    std::string key = (f.mission.empty() ? "" : f.mission + " ") + TypeText(f.type);
    if (seen.insert(key).second) have.push_back(key);
  }
  return Status::NotFound(fmt::format("no current row for {} ({}) in {}{} (that month: {})", out.country_name,
                                      out.query.iso3, out.query.month.ToString(), wanted, Join(have, "; ")));
}

Result<Table> SourceTable(Db* db, const Reference& ref, const SourceRequest& req, bool reveal_paths) {
  BH_ASSIGN_OR_RETURN(SourceRows s, FindSourceRows(db, ref, req));
  Table t;
  t.title = "Where the figures came from: " + Describe(s);
  t.columns = {"Month",  "ISO3", "Mission", "Type", "Women", "Men",        "Total",
               "Import", "File", "SHA-256", "Page", "Line",  "As printed", "Correction"};
  std::map<int64_t, Reread> files;
  std::vector<std::string> row_notes;
  bool synthetic = false;
  for (const FigureSource& f : s.rows) {
    auto it = files.find(f.import_id);
    if (it == files.end()) it = files.emplace(f.import_id, ReadBack(f, s.rows)).first;
    Reread& file = it->second;
    Cell printed = Cell::Null("not available");
    if (file.status.ok()) {
      auto text = AsPrinted(f, &file);
      if (text.ok()) {
        printed = Cell(*text);
        if (f.kind == kPdfKind && !ShowsTotal(*text, f.total)) {
          row_notes.push_back(
              fmt::format("Warning: page {} line {} as read today does not show the total {}; "
                          "the line may not be the one the import read.",
                          f.page, f.line, f.total));
        }
      } else {
        printed = Cell::Null("not found in file");
        row_notes.push_back(fmt::format("Line {}{} not found: {}.", f.line,
                                        f.page ? fmt::format(" of page {}", f.page) : "", text.status().message()));
      }
    }
    Cell sha(f.sha256);
    sha.display = f.sha256.substr(0, 12) + "…";
    t.AddRow({f.month.ToString(), f.iso3, f.mission.empty() ? Cell::Null("-") : Cell(f.mission),
              f.type ? Cell(std::string(PersonnelTypeLabel(*f.type))) : Cell::Null("-"),
              f.women ? Cell(*f.women) : Cell::Null("n/a"), f.men ? Cell(*f.men) : Cell::Null("n/a"), f.total,
              f.import_id, f.file_name, sha, f.page ? PlainNumber(f.page) : Cell::Null("-"), PlainNumber(f.line),
              printed, f.corrections.empty() ? Cell::Null("none") : Cell(Join(f.corrections, "; "))});
    synthetic = synthetic || f.synthetic;
  }
  for (const auto& [id, file] : files) {
    const FigureSource* f = nullptr;
    for (const FigureSource& r : s.rows) {
      if (r.import_id == id) {
        f = &r;
        break;
      }
    }
    if (file.status.ok()) {
      t.notes.push_back(fmt::format("Import #{} {}: re-read{}, SHA-256 {} verified; {}.", id, f->file_name,
                                    reveal_paths ? " from " + f->path : "", f->sha256,
                                    f->kind == kPdfKind ? "'As printed' is the page's line as the importer grouped "
                                                          "its words (line = top to bottom on the page)"
                                                        : "'As printed' is the CSV record that begins on the line"));
    } else {
      t.notes.push_back(fmt::format("Import #{} {} (SHA-256 {}): file not available: {}; 'As printed' left empty.", id,
                                    f->file_name, f->sha256, file.status.message()));
    }
  }
  t.notes.insert(t.notes.end(), row_notes.begin(), row_notes.end());
  if (std::all_of(s.rows.begin(), s.rows.end(), [](const FigureSource& f) { return f.corrections.empty(); })) {
    t.notes.push_back("Correction: none applies to these rows (see 'bluehelmet errata list').");
  }
  if (synthetic) {
    t.title += " [SYNTHETIC sample data]";
    t.notes.push_back("SYNTHETIC sample data, generated by bluehelmet: not UN figures.");
  }
  if (!reveal_paths) HidePaths(s.rows, &t);
  return t;
}

namespace {

// The page of the rows, rendered and boxed: what SourcePagePng and
// SourcePagePngBytes write. `max_side_px` > 0 lowers the resolution so the
// larger side of the page stays within it.
Result<std::pair<SourcePicture, pdf::Raster>> DrawSourcePage(Db* db, const Reference& ref, const SourceRequest& req,
                                                             double dpi, int max_side_px) {
  BH_ASSIGN_OR_RETURN(SourceRows s, FindSourceRows(db, ref, req));
  // A month has one current import, so every row comes from the same file.
  const FigureSource& first = s.rows.front();
  if (first.kind != kPdfKind) {
    return Status::InvalidArgument(
        fmt::format("--png: {} comes from {}, a CSV file ({}): only a PDF report has a "
                    "page to draw",
                    Describe(s), first.file_name, first.kind));
  }
  std::set<int> pages;
  for (const FigureSource& f : s.rows) pages.insert(f.page);
  if (pages.size() > 1) {
    std::vector<std::string> list;
    for (int p : pages) list.push_back(std::to_string(p));
    return Status::InvalidArgument(
        fmt::format("--png: the {} rows of {} are on pages {} of {}: narrow with --mission "
                    "or --type to rows on one page",
                    s.rows.size(), Describe(s), Join(list, ", "), first.file_name));
  }
  auto bytes = ReadImportedFile(first.path, first.sha256);
  if (!bytes.ok()) {
    return bytes.status().WithPrefix(
        fmt::format("--png: {} (import #{}) not available", first.file_name, first.import_id));
  }
  BH_ASSIGN_OR_RETURN(pdf::Page page, pdf::ExtractPage(*bytes, first.file_name, first.page));
  const double side_pt = std::max(page.width, page.height);
  if (max_side_px > 0 && side_pt > 0 && side_pt * dpi / 72.0 > max_side_px) {
    dpi = std::max(36.0, std::floor(max_side_px * 72.0 / side_pt));
  }
  BH_ASSIGN_OR_RETURN(pdf::Raster raster, pdf::RenderPage(*bytes, first.file_name, first.page, dpi));
  SourcePicture pic;
  pic.file_name = first.file_name;
  pic.page = first.page;
  pic.width = raster.width;
  pic.height = raster.height;
  pic.dpi = dpi;
  for (const FigureSource& f : s.rows) {
    BH_ASSIGN_OR_RETURN(pdf::PrintedLine line, pdf::FindPrintedLine(page, f.file_name, f.line));
    pdf::DrawRect(&raster, pdf::ToPixels(raster, line.box, pdf::kBoxMarginPt), pdf::kBoxBorderPx, pdf::kBoxRed);
    pic.boxed.push_back(fmt::format("page {} line {}: {}", f.page, f.line, line.text));
  }
  return std::make_pair(std::move(pic), std::move(raster));
}

}  // namespace

Result<SourcePicture> SourcePagePng(Db* db, const Reference& ref, const SourceRequest& req, const std::string& png_path,
                                    double dpi) {
  BH_ASSIGN_OR_RETURN(auto drawn, DrawSourcePage(db, ref, req, dpi, 0));
  BH_RETURN_IF_ERROR(pdf::SavePng(drawn.second, png_path));
  return std::move(drawn.first);
}

Result<SourcePicture> SourcePagePngBytes(Db* db, const Reference& ref, const SourceRequest& req, double dpi,
                                         int max_side_px, std::string* png) {
  auto drawn = DrawSourcePage(db, ref, req, dpi, max_side_px);
  if (!drawn.ok()) {
    auto rows = FindSourceRows(db, ref, req);
    if (!rows.ok()) return drawn.status();
    return Rephrased(drawn.status(), HidePaths(rows->rows, drawn.status().message()));
  }
  BH_ASSIGN_OR_RETURN(*png, pdf::EncodePng(drawn->second));
  return std::move(drawn->first);
}

}  // namespace bh
