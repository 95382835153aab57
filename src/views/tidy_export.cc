#include "views/tidy_export.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/csv.h"
#include "ingest/tidy_csv.h"

namespace bh {

namespace {

// One row's fields in kTidyColumns' order, as JSON values (null = empty).
std::vector<nlohmann::ordered_json> Values(const FigureRow& r) {
  using J = nlohmann::ordered_json;
  auto opt = [](const std::optional<int64_t>& v) { return v ? J(*v) : J(nullptr); };
  auto text = [](const std::string& s) { return s.empty() ? J(nullptr) : J(s); };
  return {r.month.ToString(),
          r.iso3,
          r.m49 ? J(*r.m49) : J(nullptr),
          r.country,
          text(r.mission),
          r.type ? J(std::string(PersonnelTypeLabel(*r.type))) : J(nullptr),
          r.category ? J(std::string(CategoryCode(*r.category))) : J(nullptr),
          opt(r.women),
          opt(r.men),
          J(r.total),
          r.report_date.ToString(),
          text(r.erratum),
          opt(r.printed_women),
          opt(r.printed_men),
          r.file_name,
          r.sha256,
          r.page > 0 ? J(r.page) : J(nullptr),
          J(r.line),
          J(r.synthetic)};
}

std::string CsvField(const nlohmann::ordered_json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

}  // namespace

Result<TidyFormat> ParseTidyFormat(std::string_view s) {
  if (s == "csv") return TidyFormat::kCsv;
  if (s == "jsonl") return TidyFormat::kJsonLines;
  return Status::InvalidArgument(fmt::format("unknown export format '{}' (want csv or jsonl)", s));
}

std::string WriteTidy(const std::vector<FigureRow>& rows, TidyFormat f) {
  std::string out;
  out.reserve(rows.size() * 200 + 256);
  if (f == TidyFormat::kCsv) out += TidyHeader() + "\n";
  std::vector<std::string> fields(kTidyColumns.size());
  for (const FigureRow& r : rows) {
    std::vector<nlohmann::ordered_json> v = Values(r);
    if (f == TidyFormat::kCsv) {
      for (size_t i = 0; i < v.size(); ++i) fields[i] = CsvField(v[i]);
      CsvReader::AppendRecord(fields, &out);
    } else {
      nlohmann::ordered_json o = nlohmann::ordered_json::object();
      for (size_t i = 0; i < v.size(); ++i) o[std::string(kTidyColumns[i])] = std::move(v[i]);
      out += o.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
      out += '\n';
    }
  }
  return out;
}

}  // namespace bh
