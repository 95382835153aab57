#include "records/record_file.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "base/csv.h"
#include "base/strings.h"

namespace bh {

namespace {

// Blanks out the leading comment lines, so the reader's line numbers stay
// those of the file; says whether one of them holds ILLUSTRATIVE.
std::string StripComments(std::string_view data, bool* illustrative) {
  std::string_view rest = data;
  std::string out;
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
  while (rest.starts_with("#")) {
    size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    if (line.find("ILLUSTRATIVE") != std::string_view::npos) *illustrative = true;
    out += '\n';
    rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
  }
  out += rest;
  return out;
}

Result<size_t> KindOf(const std::set<std::string>& present, const RecordDomain& domain, const std::string& where) {
  std::vector<size_t> found;
  std::vector<std::string> signatures;
  for (size_t i = 0; i < domain.kinds.size(); ++i) {
    const KindSpec& k = domain.kinds[i];
    signatures.push_back(fmt::format("{} ({})", k.signature, k.file));
    if (present.count(ToLowerAscii(k.signature))) found.push_back(i);
  }
  if (found.size() == 1) return found[0];
  std::string_view article = std::string_view("AEIOUaeiou").find(domain.name[0]) == std::string_view::npos ? "a" : "an";
  return Status::InvalidData(fmt::format("{}: not {} {} file: want a header with exactly one of {} (see {})", where,
                                         article, domain.name, Join(signatures, ", "), domain.doc));
}

}  // namespace

Result<RecordFile> ReadRecordFile(std::string_view data, const std::string& name, const RecordDomain& domain) {
  RecordFile out;
  out.name = name;
  std::string text = StripComments(data, &out.illustrative);
  CsvReader reader(text, name);
  std::vector<std::string_view> fields;
  if (!reader.Next(&fields)) {
    if (!reader.status().ok()) return reader.status();
    return Status::InvalidData(fmt::format("{}: empty file", name));
  }
  std::string head = fmt::format("{}:{}", name, reader.line());
  std::vector<std::string> header;
  std::set<std::string> present;
  for (std::string_view h : fields) {
    std::string col = ToLowerAscii(Trim(h));
    if (!present.insert(col).second)
      return Status::InvalidData(fmt::format("{}: column '{}' appears twice", head, col));
    header.push_back(col);
  }
  BH_ASSIGN_OR_RETURN(out.kind, KindOf(present, domain, head));
  const KindSpec& kind = domain.kinds[out.kind];
  // Header names match the spec's in any case; fields are keyed by the spec's.
  std::map<std::string, std::string> allowed;
  std::vector<std::string> names;
  for (const ColumnSpec& c : kind.columns) {
    allowed[ToLowerAscii(c.name)] = c.name;
    names.push_back(c.name);
  }
  for (std::string& col : header) {
    auto it = allowed.find(col);
    if (it == allowed.end()) {
      return Status::InvalidData(
          fmt::format("{}: unknown column '{}' in a {} file (columns: {})", head, col, kind.file, Join(names, ", ")));
    }
    col = it->second;
  }
  for (const ColumnSpec& c : kind.columns) {
    if (c.required && !present.count(ToLowerAscii(c.name))) {
      return Status::InvalidData(fmt::format("{}: missing column '{}' in a {} file", head, c.name, kind.file));
    }
  }
  while (reader.Next(&fields)) {
    if (fields.size() != header.size()) {
      return Status::InvalidData(
          fmt::format("{}:{}: expected {} fields, found {}", name, reader.line(), header.size(), fields.size()));
    }
    Fields row;
    // Export neutralised formula-like fields (base/csv.h); undo exactly that.
    for (size_t i = 0; i < header.size(); ++i) row.Set(header[i], std::string(UnneutraliseFormula(fields[i])));
    out.rows.push_back({reader.line(), std::move(row)});
  }
  if (!reader.status().ok()) return reader.status();
  return out;
}

std::string WriteRecordFile(const KindSpec& kind, const std::vector<Fields>& rows,
                            const std::vector<std::string>& comments) {
  std::string out;
  for (const std::string& c : comments) out += "# " + c + "\n";
  std::vector<std::string> header;
  for (const ColumnSpec& c : kind.columns) header.push_back(c.name);
  CsvReader::AppendRecord(header, &out);
  for (const Fields& f : rows) {
    std::vector<std::string> row;
    for (const ColumnSpec& c : kind.columns) row.push_back(f.Get(c.name));
    CsvReader::AppendRecord(row, &out);
  }
  return out;
}

}  // namespace bh
