#include "ingest/un_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <functional>
#include <map>
#include <unordered_map>

#include "base/csv.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace bh {

namespace {

// Column names as the UN spells them; matched case-insensitively, and the
// M49 column appears both as M49_Code and M49Code.
enum Col { kId, kIso, kCountry, kMission, kType, kFemale, kMale, kDate, kRank, kTotal, kNumCols };
constexpr std::array<std::string_view, kNumCols> kColNames = {"Contribution_ID",
                                                              "ISOCode3",
                                                              "Contributing_Country",
                                                              "Mission_Acronym",
                                                              "Personnel_Type",
                                                              "Female_Personnel",
                                                              "Male_Personnel",
                                                              "Last_Reporting_Date",
                                                              "Personnel_Contribution_Rank",
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
  RowReader(const Header& h, const std::vector<std::string_view>& f, const Reference& ref) : h_(h), f_(f), ref_(ref) {}

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
      *err = fmt::format(
          "column 'ISOCode3': '{}' is not a country code and 'Contributing_Country' '{}' is not a known name", code,
          name);
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
  CsvReader::AppendRawRecord(parts, &out);
  if (!out.empty()) out.pop_back();
  return out;
}

bool ValidMissionAcronym(std::string_view m) {
  if (m.empty() || m.size() > 16) return false;
  for (char c : m) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '/'))
      return false;
  }
  return true;
}

// The identity of a row for the duplicate check, packed in 64 bits: the
// date (days since 1900-01-00 in a 31-day-month calendar; the month alone
// for rank files), the ISO3 code (5 bits a letter), the personnel type and
// the mission's number in the file. Bit 63 is set so that 0 means empty.
uint64_t PackKey(const Date& d, bool month_only, std::string_view iso3, int type, uint32_t mission) {
  uint64_t date = static_cast<uint64_t>((d.year - 1900) * 372 + (d.month - 1) * 31 + (month_only ? 0 : d.day));
  uint64_t code = 0;
  for (size_t i = 0; i < 3; ++i) code = code << 5 | static_cast<uint64_t>((iso3.size() > i ? iso3[i] : 'A') - 'A' + 1);
  return 1ull << 63 | (date & 0xfffff) << 38 | code << 23 | static_cast<uint64_t>(type + 1) << 19 | (mission & 0x7ffff);
}

// Open addressing over the packed keys: the import's hot path, so no node
// per row (std::unordered_map took a malloc a row).
class KeySet {
 public:
  // Inserts `key` seen on `line`; returns 0, or the line it was seen on.
  int Insert(uint64_t key, int line) {
    if ((size_ + 1) * 2 > keys_.size()) Grow();
    size_t mask = keys_.size() - 1;
    for (size_t i = Hash(key) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == 0) {
        keys_[i] = key;
        lines_[i] = line;
        ++size_;
        return 0;
      }
      if (keys_[i] == key) return lines_[i];
    }
  }

 private:
  static size_t Hash(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return static_cast<size_t>(k);
  }
  void Grow() {
    std::vector<uint64_t> keys(std::max<size_t>(1024, keys_.size() * 2));
    std::vector<int> lines(keys.size());
    size_t mask = keys.size() - 1;
    for (size_t j = 0; j < keys_.size(); ++j) {
      if (keys_[j] == 0) continue;
      size_t i = Hash(keys_[j]) & mask;
      while (keys[i] != 0) i = (i + 1) & mask;
      keys[i] = keys_[j];
      lines[i] = lines_[j];
    }
    keys_.swap(keys);
    lines_.swap(lines);
  }
  std::vector<uint64_t> keys_;
  std::vector<int> lines_;
  size_t size_ = 0;
};

}  // namespace

CsvKind DetectCsvKind(std::string_view data) {
  CsvReader r(data, "");
  std::vector<std::string_view> f;
  if (!r.Next(&f)) return CsvKind::kUnknown;
  return ReadHeader(f).kind;
}

std::string SupersededDates::Note() const {
  std::vector<std::string> dates;
  for (const Date& d : dropped) dates.push_back(d.ToString());
  return fmt::format("{}: {} rows dated {} superseded by the rows dated {} in the same file", month.ToString(),
                     dropped_rows, Join(dates, ", "), kept.ToString());
}

struct UnCsvReader::State {
  State(std::string_view d, std::string n, const Reference& r, bool skip, std::function<void(size_t)> on_done)
      : data(d), reader(d, n), name(std::move(n)), ref(r), skip_invalid(skip), done_before(std::move(on_done)) {}

  std::string_view data;
  CsvReader reader;
  std::string name;
  const Reference& ref;
  bool skip_invalid;
  std::function<void(size_t)> done_before;
  Header h;
  std::vector<std::string_view> f;
  bool all_synthetic = false;
  int64_t valid_rows = 0;
  bool done = false;
  std::vector<RejectedRow> rejected;
  KeySet seen;
  // Missions numbered in order of appearance, for the packed keys.
  std::unordered_map<std::string, uint32_t> mission_ids;
  // The dates each month's rows carry, with their row counts.
  std::map<int, std::vector<std::pair<Date, int64_t>>> month_dates;
  std::vector<std::pair<Date, int64_t>>* last_month_dates = nullptr;
  int last_month_index = -1;
  // Consecutive rows mostly repeat the country and the date: parsed once.
  std::string last_code, last_iso3, last_date_text;
  Date last_date;

  Status Reject(int line, std::string reason) {
    if (!skip_invalid) return Status::InvalidData(fmt::format("{}:{}: {}", name, line, reason));
    rejected.push_back({line, std::move(reason), Rejoin(f)});
    return Status::Ok();
  }

  void CountDate(const Date& d) {
    int idx = d.ToMonth().Index();
    if (idx != last_month_index) {
      last_month_dates = &month_dates[idx];
      last_month_index = idx;
    }
    for (auto& [date, n] : *last_month_dates) {
      if (date == d) {
        ++n;
        return;
      }
    }
    last_month_dates->push_back({d, 1});
  }

  uint32_t MissionId(std::string_view mission) {
    auto it = mission_ids.find(std::string(mission));
    if (it != mission_ids.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(mission_ids.size());
    mission_ids.emplace(std::string(mission), id);
    return id;
  }

  bool Country(const RowReader& row, std::string* iso3, std::string* err) {
    std::string_view code = row.Field(kIso);
    if (!last_code.empty() && code == last_code) {
      *iso3 = last_iso3;
      return true;
    }
    if (!row.Country(iso3, err)) return false;
    last_code.assign(code);
    last_iso3 = *iso3;
    // A code that had to be resolved from the name is not cached by code.
    if (last_code.size() != 3 || last_code != *iso3) last_code.clear();
    return true;
  }

  bool ReportDate(const RowReader& row, Date* date, std::string* err) {
    std::string_view text = row.Field(kDate);
    if (!last_date_text.empty() && text == last_date_text) {
      *date = last_date;
      return true;
    }
    if (!row.ReportDate(date, err)) return false;
    last_date_text.assign(text);
    last_date = *date;
    return true;
  }
};

UnCsvReader::UnCsvReader(std::unique_ptr<State> state) : s_(std::move(state)) {}
UnCsvReader::~UnCsvReader() = default;

namespace {

// The first byte of `data` that is not valid UTF-8 or is a NUL, and which of
// the two it is; npos when there is none. Read in chunks, each handed to
// `done_before` once checked.
std::pair<size_t, std::string_view> FirstBadByte(std::string_view data,
                                                 const std::function<void(size_t)>& done_before) {
  constexpr size_t kChunk = size_t{8} << 20;
  for (size_t start = 0; start < data.size();) {
    size_t end = std::min(data.size(), start + kChunk);
    // Split before a byte that is not a continuation byte (10xxxxxx), so
    // that every sequence is judged on the same bytes as in one pass.
    while (end < data.size() && (static_cast<unsigned char>(data[end]) & 0xC0) == 0x80) ++end;
    std::string_view chunk = data.substr(start, end - start);
    size_t bad = FirstInvalidUtf8(chunk);
    std::string_view why = "is not valid UTF-8";
    size_t nul = chunk.find('\0');
    if (nul < bad) {
      bad = nul;
      why = "holds a NUL byte";
    }
    if (bad != std::string_view::npos) return {start + bad, why};
    if (done_before) done_before(end);
    start = end;
  }
  return {std::string_view::npos, ""};
}

}  // namespace

Result<std::unique_ptr<UnCsvReader>> UnCsvReader::Open(std::string_view data, std::string name, const Reference& ref,
                                                       bool skip_invalid, std::function<void(size_t)> done_before) {
  auto state = std::make_unique<State>(data, std::move(name), ref, skip_invalid, std::move(done_before));
  State& s = *state;
  if (!s.reader.Next(&s.f)) {
    if (!s.reader.status().ok()) return s.reader.status();
    return Status::InvalidData(fmt::format("{}: empty file", s.name));
  }
  s.h = ReadHeader(s.f);
  if (s.h.kind == CsvKind::kUnknown) {
    return Status::InvalidData(fmt::format(
        "{}:1: not a UN contributions file: the header needs ISOCode3, Contributing_Country, Female_Personnel, "
        "Male_Personnel, Last_Reporting_Date and either Mission_Acronym + Personnel_Type or "
        "Personnel_Contribution_Rank + Total_Uniformed_Personnel",
        s.name));
  }
  // A UN file (its header recognised) is UTF-8 text without NUL bytes as a
  // whole, or it is refused at the line of the first bad byte: an encoding
  // problem of the file, not of a row, so --skip-invalid does not skip it.
  // One pass, ASCII runs a word at a time.
  auto [bad, why] = FirstBadByte(data, s.done_before);
  if (bad != std::string_view::npos) {
    size_t line = 1 + static_cast<size_t>(std::count(data.begin(), data.begin() + static_cast<long>(bad), '\n'));
    size_t line_start = data.rfind('\n', bad == 0 ? 0 : bad - 1);
    size_t column = line_start == std::string_view::npos || bad == 0 ? bad + 1 : bad - line_start;
    return Status::InvalidData(fmt::format("{}:{}: the file {} (byte 0x{:02x} at column {}); save it as UTF-8", s.name,
                                           line, why, static_cast<unsigned char>(data[bad]), column));
  }
  s.all_synthetic = s.h.idx[kId] >= 0;
  return std::unique_ptr<UnCsvReader>(new UnCsvReader(std::move(state)));
}

CsvKind UnCsvReader::kind() const { return s_->h.kind; }
bool UnCsvReader::synthetic() const {
  return s_->all_synthetic && s_->valid_rows > 0 && s_->h.kind == CsvKind::kGender;
}
std::vector<RejectedRow>& UnCsvReader::rejected() { return s_->rejected; }

std::vector<SupersededDates> UnCsvReader::superseded() const {
  std::vector<SupersededDates> out;
  for (const auto& [idx, dates] : s_->month_dates) {
    if (dates.size() < 2) continue;
    SupersededDates sd;
    sd.month = Month::FromIndex(idx);
    for (const auto& [d, n] : dates) sd.kept = std::max(sd.kept, d);
    for (const auto& [d, n] : dates) {
      if (d == sd.kept) continue;
      sd.dropped.push_back(d);
      sd.dropped_rows += n;
    }
    std::sort(sd.dropped.begin(), sd.dropped.end());
    out.push_back(std::move(sd));
  }
  return out;
}

Result<bool> UnCsvReader::Read(size_t max_rows, std::vector<ContributionRow>* contributions,
                               std::vector<CountryTotalRow>* totals) {
  State& s = *s_;
  if (s.done) return false;
  const Header& h = s.h;
  std::vector<std::string_view>& f = s.f;
  size_t added = 0;
  while (added < max_rows) {
    if (!s.reader.Next(&f)) {
      if (!s.reader.status().ok()) return s.reader.status();
      s.done = true;
      if (s.valid_rows == 0) return Status::InvalidData(fmt::format("{}: no valid data rows", s.name));
      return added > 0;
    }
    int line = s.reader.line();
    std::string err;
    if (f.size() != h.width) {
      BH_RETURN_IF_ERROR(s.Reject(line, fmt::format("expected {} fields, found {}", h.width, f.size())));
      continue;
    }
    RowReader row(h, f, s.ref);
    std::string iso3;
    Date date;
    int64_t women = 0, men = 0;
    if (!s.Country(row, &iso3, &err) || !row.Count(kFemale, &women, &err) || !row.Count(kMale, &men, &err) ||
        !s.ReportDate(row, &date, &err)) {
      BH_RETURN_IF_ERROR(s.Reject(line, err));
      continue;
    }
    if (h.kind == CsvKind::kGender) {
      std::string_view mission = Trim(row.Field(kMission));
      if (!ValidMissionAcronym(mission)) {
        BH_RETURN_IF_ERROR(
            s.Reject(line, fmt::format("column 'Mission_Acronym': not a mission acronym: '{}'", row.Field(kMission))));
        continue;
      }
      auto type = PersonnelTypeFromCodeOrLabel(row.Field(kType));
      if (!type) {
        BH_RETURN_IF_ERROR(
            s.Reject(line, fmt::format("column 'Personnel_Type': unknown personnel type: '{}' (want Troops, "
                                       "Staff Officer, Experts on Mission, Formed Police Units or "
                                       "Individual Police)",
                                       row.Field(kType))));
        continue;
      }
      uint32_t mission_id = s.MissionId(mission);
      if (mission_id >= (1u << 19)) {
        return Status::InvalidData(
            fmt::format("{}:{}: more than {} different mission acronyms in one file", s.name, line, 1u << 19));
      }
      uint64_t key = PackKey(date, false, iso3, static_cast<int>(*type), mission_id);
      if (int first = s.seen.Insert(key, line)) {
        BH_RETURN_IF_ERROR(s.Reject(line, fmt::format("duplicate of line {}: {} {} {} {}", first, date.ToString(), iso3,
                                                      mission, PersonnelTypeLabel(*type))));
        continue;
      }
      if (s.all_synthetic) s.all_synthetic = Trim(row.Field(kId)).starts_with("SYNTHETIC-");
      s.CountDate(date);
      ContributionRow& r = contributions->emplace_back();
      r.page = 0;
      r.line = line;
      r.report_date = date;
      r.iso3 = std::move(iso3);
      r.mission.assign(mission);
      r.type = type;
      r.women = women;
      r.men = men;
      r.total = women + men;
    } else {
      int64_t rank = 0, total = 0;
      if (!row.Count(kRank, &rank, &err) || !row.Count(kTotal, &total, &err)) {
        BH_RETURN_IF_ERROR(s.Reject(line, err));
        continue;
      }
      if (women + men != total) {
        BH_RETURN_IF_ERROR(s.Reject(
            line, fmt::format("column 'Total_Uniformed_Personnel': {} is not Female {} + Male {}", total, women, men)));
        continue;
      }
      if (int first = s.seen.Insert(PackKey(date, true, iso3, -1, 0), line)) {
        BH_RETURN_IF_ERROR(
            s.Reject(line, fmt::format("duplicate of line {}: {} {}", first, date.ToMonth().ToString(), iso3)));
        continue;
      }
      totals->push_back({line, date, std::move(iso3), rank, women, men, total});
    }
    ++s.valid_rows;
    ++added;
  }
  // The bytes before the last record read are no longer needed. (Its first
  // field points into the data unless it was unescaped into the reader's
  // own space; then nothing is said this time.)
  if (s.done_before && !f.empty()) {
    const auto field = reinterpret_cast<uintptr_t>(f[0].data()), begin = reinterpret_cast<uintptr_t>(s.data.data());
    if (field >= begin && field <= begin + s.data.size()) s.done_before(field - begin);
  }
  return true;
}

Result<ParsedCsv> ParseUnCsv(std::string_view data, const std::string& name, const Reference& ref, bool skip_invalid) {
  BH_ASSIGN_OR_RETURN(std::unique_ptr<UnCsvReader> reader, UnCsvReader::Open(data, name, ref, skip_invalid));
  ParsedCsv out;
  out.kind = reader->kind();
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, reader->Read(SIZE_MAX, &out.contributions, &out.totals));
    if (!more) break;
  }
  out.synthetic = reader->synthetic();
  out.rejected = std::move(reader->rejected());
  // One month, one date: the later date's rows stand.
  std::vector<SupersededDates> superseded = reader->superseded();
  if (!superseded.empty()) {
    std::map<int, Date> kept;
    for (const SupersededDates& sd : superseded) {
      kept[sd.month.Index()] = sd.kept;
      out.notes.push_back(sd.Note());
    }
    std::erase_if(out.contributions, [&](const ContributionRow& r) {
      auto it = kept.find(r.report_date.ToMonth().Index());
      return it != kept.end() && r.report_date != it->second;
    });
  }
  return out;
}

}  // namespace bh
