#include "ingest/tidy_csv.h"

#include <fmt/format.h>

#include "base/csv.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace bh {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Largest figure or line number read: far above any real one, and below
// what int64 sums of a month could overflow.
constexpr int64_t kMaxFigure = 999'999'999;

// Column indexes, in kTidyColumns' order.
enum Col {
  kMonth,
  kIso3,
  kM49,
  kCountry,
  kMission,
  kType,
  kCategory,
  kWomen,
  kMen,
  kTotal,
  kReportDate,
  kErratum,
  kPrintedWomen,
  kPrintedMen,
  kSourceFile,
  kSha256,
  kPage,
  kLine,
  kSynthetic
};

// A field as a message shows it: one line of valid UTF-8, at most 40 bytes.
std::string EscapeForMessage(std::string_view s) {
  std::string out;
  for (char c : ToValidUtf8(s.substr(0, 40))) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  if (s.size() > 40) out += "...";
  return out;
}

class RowReader {
 public:
  RowReader(const std::string& name, int line, const std::vector<std::string_view>& f)
      : name_(name), line_(line), f_(f) {}

  Status Error(Col c, const std::string& why) const {
    return Status::InvalidData(fmt::format("{}:{}: column '{}': {}", name_, line_, kTidyColumns[c], why));
  }
  std::string_view Field(Col c) const { return f_[c]; }
  std::string Quoted(Col c) const { return "'" + EscapeForMessage(f_[c]) + "'"; }

  // A whole number 0..kMaxFigure written with digits only; nullopt for an
  // empty field when `optional`.
  Result<std::optional<int64_t>> Number(Col c, bool optional) const {
    std::string_view s = f_[c];
    if (s.empty()) {
      if (optional) return std::optional<int64_t>();
      return Error(c, "empty");
    }
    if (s.size() > 10) return Error(c, "not a whole number from 0 to 999999999: " + Quoted(c));
    int64_t v = 0;
    for (char ch : s) {
      if (ch < '0' || ch > '9') return Error(c, "not a whole number from 0 to 999999999: " + Quoted(c));
      v = v * 10 + (ch - '0');
    }
    if (v > kMaxFigure) return Error(c, "not a whole number from 0 to 999999999: " + Quoted(c));
    return std::optional<int64_t>(v);
  }

  // Text checked at the door: valid UTF-8 on one line.
  Result<std::string> Text(Col c) const {
    std::string problem = TextProblem(f_[c]);
    if (!problem.empty()) return Error(c, problem);
    return std::string(f_[c]);
  }

 private:
  const std::string& name_;
  int line_;
  const std::vector<std::string_view>& f_;
};

bool IsHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Result<TidyRow> ReadRow(const RowReader& r, int line, const Reference& ref) {
  TidyRow row;
  row.line = line;
  auto month = Month::Parse(r.Field(kMonth));
  if (!month.ok()) return r.Error(kMonth, "not a month (want YYYY-MM): " + r.Quoted(kMonth));
  row.month = *month;
  std::string_view iso3 = r.Field(kIso3);
  if (!ref.IsCountryCode(iso3)) return r.Error(kIso3, "not a known ISO 3166-1 code: " + r.Quoted(kIso3));
  row.iso3 = std::string(iso3);
  BH_ASSIGN_OR_RETURN(row.mission, r.Text(kMission));
  if (!r.Field(kType).empty()) {
    row.type = PersonnelTypeFromCodeOrLabel(r.Field(kType));
    if (!row.type) return r.Error(kType, "not a UN personnel type: " + r.Quoted(kType));
    if (r.Field(kCategory) != CategoryCode(CategoryOf(*row.type))) {
      return r.Error(kCategory, fmt::format("{} is not the category of {} ({})", r.Quoted(kCategory),
                                            PersonnelTypeLabel(*row.type), CategoryCode(CategoryOf(*row.type))));
    }
  } else if (!r.Field(kCategory).empty()) {
    return r.Error(kCategory, "given without a personnel type: " + r.Quoted(kCategory));
  }
  BH_ASSIGN_OR_RETURN(std::optional<int64_t> women, r.Number(kWomen, true));
  BH_ASSIGN_OR_RETURN(std::optional<int64_t> men, r.Number(kMen, true));
  BH_ASSIGN_OR_RETURN(std::optional<int64_t> total, r.Number(kTotal, false));
  if (women.has_value() != men.has_value()) return r.Error(women ? kMen : kWomen, "empty while the other sex is given");
  row.total = *total;
  if (women && *women + *men != row.total) {
    return r.Error(kTotal, fmt::format("{} is not women + men ({} + {})", row.total, *women, *men));
  }
  auto date = Date::ParseIso(r.Field(kReportDate));
  if (!date.ok()) return r.Error(kReportDate, "not a date (want YYYY-MM-DD): " + r.Quoted(kReportDate));
  if (date->ToMonth() != row.month) {
    return r.Error(kReportDate, fmt::format("{} is not in {}", date->ToString(), row.month.ToString()));
  }
  row.report_date = *date;
  BH_ASSIGN_OR_RETURN(row.erratum, r.Text(kErratum));
  BH_ASSIGN_OR_RETURN(std::optional<int64_t> pw, r.Number(kPrintedWomen, true));
  BH_ASSIGN_OR_RETURN(std::optional<int64_t> pm, r.Number(kPrintedMen, true));
  if (row.erratum.empty()) {
    if (pw || pm) return r.Error(pw ? kPrintedWomen : kPrintedMen, "printed figures without an erratum");
    row.women = women;
    row.men = men;
  } else {
    if (!pw || !pm) return r.Error(pw ? kPrintedMen : kPrintedWomen, "empty where an erratum is applied");
    if (!women) return r.Error(kWomen, "empty where an erratum is applied");
    if (*pw + *pm != row.total) {
      return r.Error(kTotal, fmt::format("{} is not the printed women + men ({} + {})", row.total, *pw, *pm));
    }
    row.women = pw;
    row.men = pm;
  }
  BH_ASSIGN_OR_RETURN(row.source_file, r.Text(kSourceFile));
  if (row.source_file.empty()) return r.Error(kSourceFile, "empty");
  if (!IsHex64(r.Field(kSha256))) return r.Error(kSha256, "not 64 lowercase hex digits: " + r.Quoted(kSha256));
  row.sha256 = std::string(r.Field(kSha256));
  BH_ASSIGN_OR_RETURN(std::optional<int64_t> page, r.Number(kPage, true));
  BH_ASSIGN_OR_RETURN(std::optional<int64_t> src_line, r.Number(kLine, false));
  if (page && *page == 0) return r.Error(kPage, "0 (empty for a source without pages)");
  if (*src_line == 0) return r.Error(kLine, "0 (lines count from 1)");
  row.source_page = static_cast<int>(page.value_or(0));
  row.source_line = static_cast<int>(*src_line);
  std::string_view syn = r.Field(kSynthetic);
  if (syn != "true" && syn != "false") return r.Error(kSynthetic, "want true or false: " + r.Quoted(kSynthetic));
  row.synthetic = syn == "true";
  return row;
}

}  // namespace

std::string TidyHeader() {
  std::string h;
  for (size_t i = 0; i < kTidyColumns.size(); ++i) {
    if (i) h += ',';
    h += kTidyColumns[i];
  }
  return h;
}

bool LooksLikeTidyCsv(std::string_view bytes) {
  if (bytes.starts_with(kBom)) bytes.remove_prefix(kBom.size());
  std::string header = TidyHeader();
  if (!bytes.starts_with(header)) return false;
  bytes.remove_prefix(header.size());
  return bytes.empty() || bytes.starts_with("\n") || bytes.starts_with("\r\n");
}

Result<std::vector<TidyRow>> ParseTidyCsv(std::string_view bytes, const std::string& name, const Reference& ref) {
  CsvReader reader(bytes, name);
  std::vector<std::string_view> f;
  if (!reader.Next(&f)) {
    BH_RETURN_IF_ERROR(reader.status());
    return Status::InvalidData(fmt::format("{}: empty file", name));
  }
  for (size_t i = 0; i < kTidyColumns.size(); ++i) {
    std::string_view got = i < f.size() ? f[i] : std::string_view("(none)");
    if (i == 0 && got.starts_with(kBom)) got.remove_prefix(kBom.size());
    if (got != kTidyColumns[i]) {
      return Status::InvalidData(fmt::format("{}:1: column {} of a tidy file is '{}', not '{}'", name, i + 1,
                                             kTidyColumns[i], EscapeForMessage(got)));
    }
  }
  if (f.size() != kTidyColumns.size()) {
    return Status::InvalidData(
        fmt::format("{}:1: a tidy file has {} columns, this header {}", name, kTidyColumns.size(), f.size()));
  }
  std::vector<TidyRow> rows;
  while (reader.Next(&f)) {
    int line = reader.line();
    if (f.size() != kTidyColumns.size()) {
      return Status::InvalidData(
          fmt::format("{}:{}: {} fields, want {} (the header's)", name, line, f.size(), kTidyColumns.size()));
    }
    RowReader r(name, line, f);
    BH_ASSIGN_OR_RETURN(TidyRow row, ReadRow(r, line, ref));
    rows.push_back(std::move(row));
  }
  BH_RETURN_IF_ERROR(reader.status());
  if (rows.empty()) return Status::InvalidData(fmt::format("{}: a tidy file with no rows", name));
  return rows;
}

}  // namespace bh
