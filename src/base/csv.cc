#include "base/csv.h"

#include <fmt/format.h>

namespace bh {

CsvReader::CsvReader(std::string_view data, std::string name) : data_(data), name_(std::move(name)) {
  if (data_.size() >= 3 && data_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool CsvReader::Next(std::vector<std::string_view>* fields) {
  fields->clear();
  scratch_.clear();
  if (!status_.ok()) return false;
  // Skip blank lines (LF or CRLF only).
  while (pos_ < data_.size() && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
    if (data_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= data_.size()) return false;
  record_line_ = line_;
  const size_t n = data_.size();
  for (;;) {
    if (pos_ < n && data_[pos_] == '"') {
      // Quoted field.
      size_t start_line = static_cast<size_t>(line_);
      ++pos_;
      std::string* buf = nullptr;
      size_t seg = pos_;
      for (;;) {
        if (pos_ >= n) {
          status_ = Status::InvalidData(fmt::format("{}:{}: unterminated quoted field", name_, start_line));
          return false;
        }
        char c = data_[pos_];
        if (c == '"') {
          if (pos_ + 1 < n && data_[pos_ + 1] == '"') {
            if (!buf) buf = &scratch_.emplace_back();
            buf->append(data_.substr(seg, pos_ + 1 - seg));
            pos_ += 2;
            seg = pos_;
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        ++pos_;
      }
      if (buf) {
        buf->append(data_.substr(seg, pos_ - seg));
        fields->push_back(*buf);
      } else {
        fields->push_back(data_.substr(seg, pos_ - seg));
      }
      ++pos_;  // closing quote
      // Tolerate spaces after the closing quote; anything else is an error.
      while (pos_ < n && (data_[pos_] == ' ' || data_[pos_] == '\t')) ++pos_;
      if (pos_ < n && data_[pos_] != ',' && data_[pos_] != '\n' && data_[pos_] != '\r') {
        status_ = Status::InvalidData(fmt::format("{}:{}: text after a closing quote", name_, line_));
        return false;
      }
    } else {
      size_t start = pos_;
      while (pos_ < n && data_[pos_] != ',' && data_[pos_] != '\n' && data_[pos_] != '\r') ++pos_;
      fields->push_back(data_.substr(start, pos_ - start));
    }
    if (pos_ >= n) return true;
    char c = data_[pos_];
    if (c == ',') {
      ++pos_;
      if (pos_ >= n) {
        fields->push_back(std::string_view());
        return true;
      }
      continue;
    }
    // End of record: CRLF, LF or lone CR.
    if (c == '\r') ++pos_;
    if (pos_ < n && data_[pos_] == '\n') {
      ++pos_;
    }
    ++line_;
    return true;
  }
}

std::string CsvReader::Quote(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string CsvReader::QuoteSafe(std::string_view field) {
  if (!IsFormulaLike(field)) return Quote(field);
  std::string out = "\"'";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void CsvReader::AppendRecord(const std::vector<std::string>& fields, std::string* out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out->push_back(',');
    out->append(QuoteSafe(fields[i]));
  }
  out->push_back('\n');
}

void CsvReader::AppendRawRecord(const std::vector<std::string>& fields, std::string* out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out->push_back(',');
    out->append(Quote(fields[i]));
  }
  out->push_back('\n');
}

namespace {

bool IsTrigger(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// [+-] digits [. digits] [e [+-] digits], or [+-] . digits [...]: what every
// spreadsheet reads as a number and nothing else.
bool IsPlainNumber(std::string_view s) {
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < n && IsDigit(s[i])) ++i, ++digits;
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && IsDigit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp = 0;
    while (i < n && IsDigit(s[i])) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == n;
}

}  // namespace

bool IsFormulaLike(std::string_view field) {
  size_t quotes = 0;
  while (quotes < field.size() && field[quotes] == '\'') ++quotes;
  if (quotes == field.size() || !IsTrigger(field[quotes])) return false;
  return quotes > 0 || !(IsPlainNumber(field) || field == "-");
}

std::string NeutraliseFormula(std::string_view field) {
  if (!IsFormulaLike(field)) return std::string(field);
  return "'" + std::string(field);
}

std::string_view UnneutraliseFormula(std::string_view field) {
  if (field.starts_with('\'') && IsFormulaLike(field)) field.remove_prefix(1);
  return field;
}

}  // namespace bh
