#include "ingest/un_csv.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <unordered_map>

#include "base/csv.h"
#include "base/strings.h"

namespace bh {

namespace {

// Column names as the UN spells them; matched case-insensitively, and the
// M49 column appears both as M49_Code and M49Code.
enum Col { kId, kIso, kCountry, kMission, kType, kFemale, kMale, kDate, kRank, kTotal, kNumCols };
constexpr std::array<std::string_view, kNumCols> kColNames = {
    "Contribution_ID", "ISOCode3", "Contributing_Country", "Mission_Acronym", "Personnel_Type",
    "Female_Personnel", "Male_Personnel", "Last_Reporting_Date", "Personnel_Contribution_Rank",
    "Total_Uniformed_Personnel"};

struct Header {
  CsvKind kind = CsvKind::kUnknown;
  std::array<int, kNumCols> idx{};
  size_t width = 0;
};

Header ReadHeader(const std::vector<std::string_view>& fields) {
  Header h;
  h.idx.fill(-1);
  h.width = fields.size();
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string f = ToLowerAscii(Trim(fields[i]));
    for (int c = 0; c < kNumCols; ++c) {
      if (f == ToLowerAscii(kColNames[c])) h.idx[c] = static_cast<int>(i);
    }
  }
  auto has = [&](std::initializer_list<Col> cols) {
    for (Col c : cols) {
      if (h.idx[c] < 0) return false;
    }
    return true;
  };
  if (has({kIso, kCountry, kMission, kType, kFemale, kMale, kDate})) {
    h.kind = CsvKind::kGender;
  } else if (has({kIso, kCountry, kRank, kFemale, kMale, kTotal, kDate})) {
    h.kind = CsvKind::kRank;
  }
  return h;
}

// The first validation failure of a row: "column 'X': reason".
struct RowError {
  std::string reason;
};

class RowReader {
 public:
  RowReader(const Header& h, const std::vector<std::string_view>& f, const Reference& ref)
      : h_(h), f_(f), ref_(ref) {}

  std::string_view Field(Col c) const { return f_[static_cast<size_t>(h_.idx[c])]; }

  bool Count(Col c, int64_t* out, std::string* err) const {
    std::string_view v = Field(c);
    auto n = ParseWholeNumber(v);
    if (!n) {
      *err = fmt::format("column '{}': not a whole number: '{}'", kColNames[c], v);
      return false;
    }
    *out = *n;
    return true;
  }

  bool Country(std::string* iso3, std::string* err) const {
    std::string_view code = Trim(Field(kIso));
    std::string_view name = Trim(Field(kCountry));
    std::string upper(code);
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (upper.size() == 3 && ref_.IsCountryCode(upper)) {
      *iso3 = upper;
      return true;
    }
    // '#N/A', empty or unknown code: resolve from the printed name.
    auto r = ref_.ResolveCountry(name);
    if (r.ok() && !name.empty()) {
      *iso3 = *r;
      return true;
    }
    if (name.empty()) {
      *err = fmt::format("column 'ISOCode3': '{}' is not a country code and 'Contributing_Country' is empty", code);
    } else {
      *err = fmt::format("column 'ISOCode3': '{}' is not a country code and 'Contributing_Country' '{}' is not a known name",
                         code, name);
    }
    return false;
  }

  bool ReportDate(Date* out, std::string* err) const {
    auto d = ParseDate(Field(kDate));
    if (!d.ok()) {
      *err = fmt::format("column 'Last_Reporting_Date': {}", d.status().message());
      return false;
    }
    *out = *d;
    return true;
  }

 private:
  const Header& h_;
  const std::vector<std::string_view>& f_;
  const Reference& ref_;
};

std::string Rejoin(const std::vector<std::string_view>& f) {
  std::vector<std::string> parts(f.begin(), f.end());
  std::string out;
  CsvReader::AppendRecord(parts, &out);
  if (!out.empty()) out.pop_back();
  return out;
}

// The identity of a row for the duplicate check, built without formatting
// a string per row (the import's hot path): the date, the country, and for
// gender files the mission (a view into the file's bytes, which outlive the
// parse) and personnel type.
struct RowKey {
  int32_t date = 0;  // year * 10000 + month * 100 + day; the month alone for rank files
  std::array<char, 3> iso3{};
  int8_t type = -1;
  std::string_view mission;
  bool operator==(const RowKey&) const = default;
};

struct RowKeyHash {
  size_t operator()(const RowKey& k) const {
    uint64_t h = static_cast<uint64_t>(static_cast<uint32_t>(k.date)) * 0x9E3779B97F4A7C15ull;
    h ^= (static_cast<uint64_t>(static_cast<unsigned char>(k.iso3[0])) << 16 |
          static_cast<uint64_t>(static_cast<unsigned char>(k.iso3[1])) << 8 |
          static_cast<uint64_t>(static_cast<unsigned char>(k.iso3[2]))) * 0xBF58476D1CE4E5B9ull;
    h ^= static_cast<uint64_t>(static_cast<uint8_t>(k.type)) * 0x94D049BB133111EBull;
    h ^= std::hash<std::string_view>()(k.mission) + (h << 6) + (h >> 2);
    return static_cast<size_t>(h);
  }
};

RowKey KeyOf(int32_t date, const std::string& iso3) {
  RowKey k;
  k.date = date;
  for (size_t i = 0; i < 3 && i < iso3.size(); ++i) k.iso3[i] = iso3[i];
  return k;
}

bool ValidMissionAcronym(std::string_view m) {
  if (m.empty() || m.size() > 16) return false;
  for (char c : m) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '/'))
      return false;
  }
  return true;
}

}  // namespace

CsvKind DetectCsvKind(std::string_view data) {
  CsvReader r(data, "");
  std::vector<std::string_view> f;
  if (!r.Next(&f)) return CsvKind::kUnknown;
  return ReadHeader(f).kind;
}

Result<ParsedCsv> ParseUnCsv(std::string_view data, const std::string& name, const Reference& ref,
                             bool skip_invalid) {
  CsvReader reader(data, name);
  std::vector<std::string_view> f;
  if (!reader.Next(&f)) {
    if (!reader.status().ok()) return reader.status();
    return Status::InvalidData(fmt::format("{}: empty file", name));
  }
  Header h = ReadHeader(f);
  if (h.kind == CsvKind::kUnknown) {
    return Status::InvalidData(fmt::format(
        "{}:1: not a UN contributions file: the header needs ISOCode3, Contributing_Country, Female_Personnel, "
        "Male_Personnel, Last_Reporting_Date and either Mission_Acronym + Personnel_Type or "
        "Personnel_Contribution_Rank + Total_Uniformed_Personnel",
        name));
  }
  ParsedCsv out;
  out.kind = h.kind;
  bool all_synthetic = h.idx[kId] >= 0;
  // Key -> line, to catch the same figure twice in one file.
  std::unordered_map<RowKey, int, RowKeyHash> seen;
  seen.reserve(data.size() / 64);
  while (reader.Next(&f)) {
    int line = reader.line();
    std::string err;
    auto reject = [&](std::string reason) -> Status {
      if (!skip_invalid) return Status::InvalidData(fmt::format("{}:{}: {}", name, line, reason));
      out.rejected.push_back({line, std::move(reason), Rejoin(f)});
      return Status::Ok();
    };
    if (f.size() != h.width) {
      BH_RETURN_IF_ERROR(reject(fmt::format("expected {} fields, found {}", h.width, f.size())));
      continue;
    }
    RowReader row(h, f, ref);
    std::string iso3;
    Date date;
    int64_t women = 0, men = 0;
    if (!row.Country(&iso3, &err) || !row.Count(kFemale, &women, &err) || !row.Count(kMale, &men, &err) ||
        !row.ReportDate(&date, &err)) {
      BH_RETURN_IF_ERROR(reject(err));
      continue;
    }
    if (h.kind == CsvKind::kGender) {
      std::string_view mission = Trim(row.Field(kMission));
      if (!ValidMissionAcronym(mission)) {
        BH_RETURN_IF_ERROR(reject(fmt::format("column 'Mission_Acronym': not a mission acronym: '{}'", row.Field(kMission))));
        continue;
      }
      auto type = PersonnelTypeFromCodeOrLabel(row.Field(kType));
      if (!type) {
        BH_RETURN_IF_ERROR(reject(fmt::format("column 'Personnel_Type': unknown personnel type: '{}' (want Troops, Staff "
                                              "Officer, Experts on Mission, Formed Police Units or Individual Police)",
                                              row.Field(kType))));
        continue;
      }
      RowKey key = KeyOf(date.year * 10000 + date.month * 100 + date.day, iso3);
      key.mission = mission;
      key.type = static_cast<int8_t>(*type);
      auto [it, inserted] = seen.emplace(key, line);
      if (!inserted) {
        BH_RETURN_IF_ERROR(reject(fmt::format("duplicate of line {}: {} {} {} {}", it->second, date.ToString(), iso3,
                                              mission, PersonnelTypeLabel(*type))));
        continue;
      }
      if (all_synthetic) all_synthetic = Trim(row.Field(kId)).starts_with("SYNTHETIC-");
      ContributionRow r;
      r.line = line;
      r.report_date = date;
      r.iso3 = std::move(iso3);
      r.mission = std::string(mission);
      r.type = type;
      r.women = women;
      r.men = men;
      r.total = women + men;
      out.contributions.push_back(std::move(r));
    } else {
      int64_t rank = 0, total = 0;
      if (!row.Count(kRank, &rank, &err) || !row.Count(kTotal, &total, &err)) {
        BH_RETURN_IF_ERROR(reject(err));
        continue;
      }
      if (women + men != total) {
        BH_RETURN_IF_ERROR(reject(fmt::format("column 'Total_Uniformed_Personnel': {} is not Female {} + Male {}", total,
                                              women, men)));
        continue;
      }
      auto [it, inserted] = seen.emplace(KeyOf(date.year * 100 + date.month, iso3), line);
      if (!inserted) {
        BH_RETURN_IF_ERROR(reject(fmt::format("duplicate of line {}: {} {}", it->second, date.ToMonth().ToString(), iso3)));
        continue;
      }
      out.totals.push_back({line, date, std::move(iso3), rank, women, men, total});
    }
  }
  if (!reader.status().ok()) return reader.status();
  if (out.contributions.empty() && out.totals.empty()) {
    return Status::InvalidData(fmt::format("{}: no valid data rows", name));
  }
  out.synthetic = all_synthetic && !out.contributions.empty();

  // One month, one date: where a file reports two dates in the same month
  // (the UN history has 30 and 31 July 2003), the later date's rows stand.
  if (!out.contributions.empty()) {
    std::map<Month, Date> last;
    for (const auto& r : out.contributions) {
      Date& d = last[r.report_date.ToMonth()];
      if (r.report_date > d) d = r.report_date;
    }
    std::map<Month, std::pair<std::set<std::string>, int>> dropped;
    std::vector<ContributionRow> kept;
    kept.reserve(out.contributions.size());
    for (auto& r : out.contributions) {
      Month m = r.report_date.ToMonth();
      if (r.report_date == last[m]) {
        kept.push_back(std::move(r));
      } else {
        auto& d = dropped[m];
        d.first.insert(r.report_date.ToString());
        ++d.second;
      }
    }
    for (const auto& [m, d] : dropped) {
      std::vector<std::string> dates(d.first.begin(), d.first.end());
      out.notes.push_back(fmt::format("{}: {} rows dated {} superseded by the rows dated {} in the same file",
                                      m.ToString(), d.second, Join(dates, ", "), last[m].ToString()));
    }
    out.contributions = std::move(kept);
  }
  return out;
}

}  // namespace bh
