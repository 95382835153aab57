#include "records/fields.h"

#include <fmt/format.h>

#include "base/strings.h"
#include "base/utf8.h"

namespace bh {

std::string OptionName(std::string_view column) {
  std::string o = "--" + std::string(column);
  for (char& c : o) {
    if (c == '_') c = '-';
  }
  return o;
}

std::string KeyLabel(const KindSpec& kind, const Fields& f) {
  std::string out = kind.noun;
  for (const ColumnSpec& c : kind.columns) {
    if (c.key) out += " " + f.Get(c.name);
  }
  return out;
}

Status FieldError(std::string_view column, std::string_view reason) {
  return Status::InvalidData(fmt::format("column '{}': {}", column, reason));
}

std::string Fields::Get(std::string_view column) const {
  auto it = values_.find(column);
  return it == values_.end() ? std::string() : std::string(Trim(it->second));
}

void Fields::Overlay(const Fields& over) {
  for (const auto& [column, value] : over.values_) values_[column] = value;
}

Result<std::string> Fields::Required(std::string_view column) const {
  std::string v = Get(column);
  if (v.empty()) return FieldError(column, "required");
  return v;
}

Status Fields::CheckText() const {
  for (const auto& [column, value] : values_) {
    std::string problem = TextProblem(value);
    if (!problem.empty()) return FieldError(column, problem);
  }
  return Status::Ok();
}

Status Fields::CheckRequired(const KindSpec& kind) const {
  for (const ColumnSpec& c : kind.columns) {
    if (c.required && Get(c.name).empty()) return FieldError(c.name, "required");
  }
  return Status::Ok();
}

std::string_view ChangeName(Change c) {
  switch (c) {
    case Change::kAdded:
      return "added";
    case Change::kUpdated:
      return "updated";
    case Change::kUnchanged:
      return "unchanged";
  }
  return "?";
}

void ChangeCounts::Count(Change c) {
  switch (c) {
    case Change::kAdded:
      ++added;
      break;
    case Change::kUpdated:
      ++updated;
      break;
    case Change::kUnchanged:
      ++unchanged;
      break;
  }
}

Result<Fields> MergeForWrite(WriteMode mode, const std::optional<Fields>& stored, const Fields& given,
                             std::string_view label, std::string_view edit_command) {
  if (mode == WriteMode::kAdd && stored) {
    return Status::AlreadyExists(fmt::format("{} already exists; use '{}'", label, edit_command));
  }
  if (mode == WriteMode::kEdit && !stored) return Status::NotFound(fmt::format("{} is not recorded", label));
  Fields out = stored.value_or(Fields());
  out.Overlay(given);
  return out;
}

}  // namespace bh
