#include "register/register_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "base/csv.h"
#include "base/file_util.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace bh {

namespace {

constexpr ColumnSpec kPersonColumns[] = {
    {"country", true, true, "ISO3 code or UN name, e.g. VNM"},
    {"service_number", true, true, "unique within the country"},
    {"sex", true, false, "F or M"},
    {"rank", true, false, "e.g. Maj, Lt Col"},
    {"service", true, false, "e.g. Army, Police"},
    {"specialty", false, false, "e.g. surgeon, staff officer"},
    {"name", false, false, "optional; the register needs none"},
};
constexpr ColumnSpec kUnitColumns[] = {
    {"country", true, true, "ISO3 code or UN name"},
    {"unit", true, true, "unit code, unique within the country, e.g. L2FH-3"},
    {"unit_type", true, false, "e.g. Level-2 field hospital"},
    {"personnel_type", false, false, "Troops (default) or Formed Police Units"},
    {"parent", false, false, "parent organisation"},
    {"mission", true, false, "mission acronym, e.g. UNMISS"},
    {"location", false, false, "e.g. Bentiu"},
    {"rotation", false, false, "rotation number, 1 or more"},
    {"authorised_strength", true, false, "whole number, 1 or more"},
    {"requested_share", false, false, "share of women the UN requested: 8-10 or 8 (percent)"},
    {"note", false, false, "free text, e.g. sources"},
};
constexpr ColumnSpec kLegColumns[] = {
    {"country", true, true, "ISO3 code or UN name"},
    {"unit", true, true, "unit code"},
    {"direction", true, true, "out (to the mission) or home"},
    {"batch", true, true, "1, 2, ... within the direction"},
    {"departs", false, false, "YYYY-MM-DD; departs or arrives or both"},
    {"arrives", false, false, "YYYY-MM-DD"},
    {"note", false, false, "free text"},
};
constexpr ColumnSpec kMemberColumns[] = {
    {"country", true, true, "ISO3 code or UN name"},
    {"unit", true, true, "unit code"},
    {"service_number", true, true, "a person of the country"},
    {"out_batch", true, false, "the out batch the person travelled with"},
    {"home_batch", false, false, "the home batch that brought them back"},
    {"ends", false, false, "YYYY-MM-DD: left the unit alone on this day (overrides home_batch)"},
    {"role", false, false, "e.g. surgeon"},
};
constexpr ColumnSpec kPostingColumns[] = {
    {"country", true, true, "ISO3 code or UN name"},
    {"service_number", true, true, "a person of the country"},
    {"role", true, false, "staff_officer, military_observer, expert_on_mission or police"},
    {"mission", true, false, "mission acronym, or UNHQ for UN Headquarters"},
    {"starts", true, true, "YYYY-MM-DD, first day on the posting"},
    {"ends", false, false, "YYYY-MM-DD, the day the posting ended; empty while serving"},
    {"post", false, false, "appointment, e.g. military operations"},
    {"note", false, false, "free text"},
};

// In RegisterKind order: persons before the units, legs, members and
// postings that refer to them.
constexpr KindSpec kKinds[] = {
    {"person", "persons", "sex", kPersonColumns},       {"unit", "units", "unit_type", kUnitColumns},
    {"leg", "legs", "direction", kLegColumns},          {"member", "members", "out_batch", kMemberColumns},
    {"posting", "postings", "starts", kPostingColumns},
};

Result<std::string> Country(const Fields& f, const Reference& ref) {
  auto iso3 = ref.ResolveCountry(f.Get("country"));
  if (!iso3.ok()) return FieldError("country", iso3.status().message());
  return *iso3;
}

Result<std::optional<Date>> OptDateField(const Fields& f, const char* col) {
  std::string v = f.Get(col);
  if (v.empty()) return std::optional<Date>();
  BH_ASSIGN_OR_RETURN(Date d, ParseFieldDate(v, col));
  return std::optional<Date>(d);
}

Result<std::optional<int>> OptIntField(const Fields& f, const char* col, int min) {
  std::string v = f.Get(col);
  if (v.empty()) return std::optional<int>();
  BH_ASSIGN_OR_RETURN(int n, ParseFieldInt(v, col, min));
  return std::optional<int>(n);
}

Result<LegDirection> ParseDirection(std::string_view s) {
  std::string v = ToLowerAscii(Trim(s));
  if (v == "out") return LegDirection::kOut;
  if (v == "home") return LegDirection::kHome;
  return FieldError("direction", fmt::format("want out or home, got '{}'", s));
}

// The record's key as text, after parsing the key columns, and a label for
// messages ("service number 'VN-1' of VNM").
struct Key {
  std::string text, label;
};

Result<Key> KeyOf(RegisterKind k, const Fields& f, const std::string& iso3) {
  switch (k) {
    case RegisterKind::kPerson: {
      std::string sn = f.Get("service_number");
      return Key{sn, fmt::format("service number '{}' of {}", sn, iso3)};
    }
    case RegisterKind::kUnit: {
      std::string u = f.Get("unit");
      return Key{u, fmt::format("unit '{}' of {}", u, iso3)};
    }
    case RegisterKind::kLeg: {
      BH_ASSIGN_OR_RETURN(LegDirection d, ParseDirection(f.Get("direction")));
      BH_ASSIGN_OR_RETURN(int batch, ParseFieldInt(f.Get("batch"), "batch", 1));
      std::string u = f.Get("unit");
      return Key{fmt::format("{}\t{}\t{}", u, LegDirectionCode(d), batch),
                 fmt::format("{} batch {} of unit '{}' of {}", LegDirectionCode(d), batch, u, iso3)};
    }
    case RegisterKind::kMember: {
      std::string u = f.Get("unit"), sn = f.Get("service_number");
      return Key{u + "\t" + sn, fmt::format("member '{}' of unit '{}' of {}", sn, u, iso3)};
    }
    case RegisterKind::kPosting: {
      std::string sn = f.Get("service_number");
      BH_ASSIGN_OR_RETURN(Date d, ParseFieldDate(f.Get("starts"), "starts"));
      return Key{sn + "\t" + d.ToString(),
                 fmt::format("posting of service number '{}' of {} starting {}", sn, iso3, d.ToString())};
    }
  }
  return Status::Internal("unknown record kind");
}

// Parses one record and writes it.
Result<Change> PutFields(Db* db, const Reference& ref, RegisterKind k, const Fields& f, const std::string& source,
                         bool illustrative) {
  BH_RETURN_IF_ERROR(f.CheckText());
  BH_RETURN_IF_ERROR(f.CheckRequired(SpecOf(k)));
  BH_ASSIGN_OR_RETURN(std::string iso3, Country(f, ref));
  switch (k) {
    case RegisterKind::kPerson: {
      Person p;
      p.country = iso3;
      p.service_number = f.Get("service_number");
      BH_ASSIGN_OR_RETURN(p.sex, ParseSex(f.Get("sex"), "sex"));
      p.rank = f.Get("rank");
      p.service = f.Get("service");
      p.specialty = f.Get("specialty");
      p.name = f.Get("name");
      p.source = source;
      p.illustrative = illustrative;
      return PutPerson(db, p);
    }
    case RegisterKind::kUnit: {
      Unit u;
      u.country = iso3;
      u.code = f.Get("unit");
      u.unit_type = f.Get("unit_type");
      std::string pt = f.Get("personnel_type");
      if (!pt.empty()) {
        auto t = PersonnelTypeFromCodeOrLabel(pt);
        if (!t || (*t != PersonnelType::kTroops && *t != PersonnelType::kFormedPoliceUnits)) {
          return FieldError("personnel_type", fmt::format("want Troops or Formed Police Units, got '{}'", pt));
        }
        u.ptype = *t;
      }
      u.parent = f.Get("parent");
      u.mission = f.Get("mission");
      u.location = f.Get("location");
      BH_ASSIGN_OR_RETURN(u.rotation, OptIntField(f, "rotation", 1));
      BH_ASSIGN_OR_RETURN(u.authorised, ParseFieldInt(f.Get("authorised_strength"), "authorised_strength", 1));
      std::string req = f.Get("requested_share");
      if (!req.empty()) {
        BH_ASSIGN_OR_RETURN(ShareRange r, ShareRange::Parse(req, "requested_share"));
        u.requested = r;
      }
      u.note = f.Get("note");
      u.source = source;
      u.illustrative = illustrative;
      return PutUnit(db, u);
    }
    case RegisterKind::kLeg: {
      Leg l;
      l.country = iso3;
      l.unit = f.Get("unit");
      BH_ASSIGN_OR_RETURN(l.direction, ParseDirection(f.Get("direction")));
      BH_ASSIGN_OR_RETURN(l.batch, ParseFieldInt(f.Get("batch"), "batch", 1));
      BH_ASSIGN_OR_RETURN(l.departs, OptDateField(f, "departs"));
      BH_ASSIGN_OR_RETURN(l.arrives, OptDateField(f, "arrives"));
      l.note = f.Get("note");
      l.source = source;
      l.illustrative = illustrative;
      return PutLeg(db, l);
    }
    case RegisterKind::kMember: {
      UnitMember m;
      m.country = iso3;
      m.unit = f.Get("unit");
      m.service_number = f.Get("service_number");
      BH_ASSIGN_OR_RETURN(m.out_batch, ParseFieldInt(f.Get("out_batch"), "out_batch", 1));
      BH_ASSIGN_OR_RETURN(m.home_batch, OptIntField(f, "home_batch", 1));
      BH_ASSIGN_OR_RETURN(m.ends, OptDateField(f, "ends"));
      m.role = f.Get("role");
      m.source = source;
      m.illustrative = illustrative;
      return PutMember(db, m);
    }
    case RegisterKind::kPosting: {
      Posting p;
      p.country = iso3;
      p.service_number = f.Get("service_number");
      BH_ASSIGN_OR_RETURN(p.role, ParsePostingRole(f.Get("role"), "role"));
      p.mission = f.Get("mission");
      p.post = f.Get("post");
      BH_ASSIGN_OR_RETURN(p.starts, ParseFieldDate(f.Get("starts"), "starts"));
      BH_ASSIGN_OR_RETURN(p.ends, OptDateField(f, "ends"));
      p.note = f.Get("note");
      p.source = source;
      p.illustrative = illustrative;
      return PutPosting(db, p);
    }
  }
  return Status::Internal("unknown record kind");
}

std::string DateText(const std::optional<Date>& d) { return d ? d->ToString() : std::string(); }
std::string IntText(const std::optional<int>& n) { return n ? std::to_string(*n) : std::string(); }

// Each stored record of `kind` as fields, with its illustrative mark.
std::vector<std::pair<Fields, bool>> RecordsAsFields(const RegisterData& r, RegisterKind kind) {
  std::vector<std::pair<Fields, bool>> out;
  switch (kind) {
    case RegisterKind::kPerson:
      for (const Person& p : r.persons) {
        out.push_back({{{"country", p.country},
                        {"service_number", p.service_number},
                        {"sex", std::string(SexCode(p.sex))},
                        {"rank", p.rank},
                        {"service", p.service},
                        {"specialty", p.specialty},
                        {"name", p.name}},
                       p.illustrative});
      }
      break;
    case RegisterKind::kUnit:
      for (const Unit& u : r.units) {
        std::string req;
        if (u.requested) {
          req = u.requested->Text();
          req = req.substr(0, req.size() - 2);  // drop " %"
        }
        out.push_back({{{"country", u.country},
                        {"unit", u.code},
                        {"unit_type", u.unit_type},
                        {"personnel_type", std::string(PersonnelTypeLabel(u.ptype))},
                        {"parent", u.parent},
                        {"mission", u.mission},
                        {"location", u.location},
                        {"rotation", IntText(u.rotation)},
                        {"authorised_strength", std::to_string(u.authorised)},
                        {"requested_share", req},
                        {"note", u.note}},
                       u.illustrative});
      }
      break;
    case RegisterKind::kLeg:
      for (const Leg& l : r.legs) {
        out.push_back({{{"country", l.country},
                        {"unit", l.unit},
                        {"direction", std::string(LegDirectionCode(l.direction))},
                        {"batch", std::to_string(l.batch)},
                        {"departs", DateText(l.departs)},
                        {"arrives", DateText(l.arrives)},
                        {"note", l.note}},
                       l.illustrative});
      }
      break;
    case RegisterKind::kMember:
      for (const UnitMember& m : r.members) {
        out.push_back({{{"country", m.country},
                        {"unit", m.unit},
                        {"service_number", m.service_number},
                        {"out_batch", std::to_string(m.out_batch)},
                        {"home_batch", IntText(m.home_batch)},
                        {"ends", DateText(m.ends)},
                        {"role", m.role}},
                       m.illustrative});
      }
      break;
    case RegisterKind::kPosting:
      for (const Posting& p : r.postings) {
        out.push_back({{{"country", p.country},
                        {"service_number", p.service_number},
                        {"role", std::string(PostingRoleCode(p.role))},
                        {"mission", p.mission},
                        {"starts", p.starts.ToString()},
                        {"ends", DateText(p.ends)},
                        {"post", p.post},
                        {"note", p.note}},
                       p.illustrative});
      }
      break;
  }
  return out;
}

Result<ParsedRegisterFile> ParseFile(const InputFile& in) {
  BH_ASSIGN_OR_RETURN(RecordFile file, ReadRecordFile(in.data, in.name, RegisterDomain()));
  return ParsedRegisterFile{file.name, kAllRegisterKinds[file.kind], file.illustrative, std::move(file.rows)};
}

}  // namespace

const KindSpec& SpecOf(RegisterKind k) { return kKinds[static_cast<size_t>(k)]; }

const RecordDomain& RegisterDomain() {
  static const RecordDomain kDomain = {"register", "docs/register.md", kKinds};
  return kDomain;
}

Result<ParsedRegister> ParseRegisterFiles(const std::vector<InputFile>& files) {
  ParsedRegister parsed;
  for (const InputFile& f : files) {
    BH_ASSIGN_OR_RETURN(ParsedRegisterFile p, ParseFile(f));
    parsed.files.push_back(std::move(p));
  }
  // Dependencies first: persons and units before what refers to them.
  std::stable_sort(parsed.files.begin(), parsed.files.end(),
                   [](const ParsedRegisterFile& a, const ParsedRegisterFile& b) { return a.kind < b.kind; });
  return parsed;
}

Result<std::vector<std::string>> RegisterCountries(const ParsedRegister& parsed, const Reference& ref) {
  std::set<std::string> countries;
  for (const ParsedRegisterFile& file : parsed.files) {
    for (const auto& [line, row] : file.rows) {
      // The same resolution ApplyRegister uses for the row it writes.
      auto iso3 = Country(row, ref);
      if (!iso3.ok()) return iso3.status().WithPrefix(fmt::format("{}:{}", file.name, line));
      countries.insert(*iso3);
    }
  }
  return std::vector<std::string>(countries.begin(), countries.end());
}

Result<RegisterImportSummary> ImportRegister(Db* db, const Reference& ref, const std::vector<InputFile>& files) {
  BH_ASSIGN_OR_RETURN(ParsedRegister parsed, ParseRegisterFiles(files));
  return ApplyRegister(db, ref, parsed);
}

Result<RegisterImportSummary> ApplyRegister(Db* db, const Reference& ref, const ParsedRegister& parsed) {
  RegisterImportSummary summary;
  std::set<std::string> countries;
  Transaction tx(db);
  BH_RETURN_IF_ERROR(tx.status());
  std::map<std::pair<RegisterKind, std::string>, std::string> keys;  // -> "file:line" first seen
  for (const ParsedRegisterFile& file : parsed.files) {
    summary.illustrative |= file.illustrative;
    for (const auto& [line, row] : file.rows) {
      std::string where = fmt::format("{}:{}", file.name, line);
      auto fail = [&](const Status& s) { return s.WithPrefix(where); };
      Status text = row.CheckText();
      if (!text.ok()) return fail(text);
      Status req = row.CheckRequired(SpecOf(file.kind));
      if (!req.ok()) return fail(req);
      auto iso3 = Country(row, ref);
      if (!iso3.ok()) return fail(iso3.status());
      auto key = KeyOf(file.kind, row, *iso3);
      if (!key.ok()) return fail(key.status());
      auto [it, fresh] = keys.insert({{file.kind, *iso3 + "\t" + key->text}, where});
      if (!fresh) {
        std::string also =
            it->second.starts_with(file.name + ":") ? "line " + it->second.substr(file.name.size() + 1) : it->second;
        return Status::InvalidData(fmt::format("{}: duplicate {} (also on {})", where, key->label, also));
      }
      auto change = PutFields(db, ref, file.kind, row, where, file.illustrative);
      if (!change.ok()) return fail(change.status());
      summary.counts[file.kind].Count(*change);
      countries.insert(*iso3);
    }
  }
  for (const std::string& iso3 : countries) {
    BH_ASSIGN_OR_RETURN(RegisterData r, LoadRegister(db, iso3));
    BH_RETURN_IF_ERROR(CheckRegister(r));
  }
  BH_RETURN_IF_ERROR(tx.Commit());
  summary.countries.assign(countries.begin(), countries.end());
  return summary;
}

Result<RegisterImportSummary> ImportRegisterPaths(Db* db, const Reference& ref, const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> expanded;
  for (const std::string& a : paths) {
    std::error_code ec;
    if (!fs::exists(a, ec)) return Status::NotFound(fmt::format("{}: no such file or folder", a));
    if (fs::is_directory(a, ec)) {
      std::vector<std::string> inside;
      for (const auto& e : fs::directory_iterator(a, ec)) {
        if (e.is_regular_file() && ToLowerAscii(e.path().extension().string()) == ".csv") {
          inside.push_back(e.path().string());
        }
      }
      if (ec) return Status::IoError(a, ec.value());
      std::sort(inside.begin(), inside.end());
      if (inside.empty()) return Status::NotFound(fmt::format("{}: no .csv files in this folder", a));
      expanded.insert(expanded.end(), inside.begin(), inside.end());
    } else {
      expanded.push_back(a);
    }
  }
  std::vector<InputFile> files;
  for (const std::string& p : expanded) {
    BH_ASSIGN_OR_RETURN(std::string data, ReadFile(p));
    files.push_back({BaseName(p), std::move(data)});
  }
  return ImportRegister(db, ref, files);
}

Result<std::vector<InputFile>> ExportRegister(Db* db, const std::string& iso3) {
  BH_ASSIGN_OR_RETURN(RegisterData r, LoadRegister(db, iso3));
  std::vector<InputFile> out;
  std::vector<std::string> comments;
  if (r.Illustrative()) {
    comments.push_back(
        fmt::format("ILLUSTRATIVE: exported from a {} register that holds illustrative records "
                    "(invented placeholders); see docs/register.md",
                    iso3));
  }
  for (RegisterKind k : kAllRegisterKinds) {
    std::vector<Fields> rows;
    for (auto& [fields, illustrative] : RecordsAsFields(r, k)) rows.push_back(std::move(fields));
    if (rows.empty()) continue;
    out.push_back({std::string(SpecOf(k).file) + ".csv", WriteRecordFile(SpecOf(k), rows, comments)});
  }
  return out;
}

Result<Change> WriteRecord(Db* db, const Reference& ref, RegisterKind kind, const Fields& given, WriteMode mode) {
  BH_RETURN_IF_ERROR(given.CheckText());
  BH_ASSIGN_OR_RETURN(std::string iso3, Country(given, ref));
  for (const ColumnSpec& c : SpecOf(kind).columns) {
    if (c.key && given.Get(c.name).empty()) return FieldError(c.name, "required");
  }
  BH_ASSIGN_OR_RETURN(Key key, KeyOf(kind, given, iso3));
  Transaction tx(db);
  BH_RETURN_IF_ERROR(tx.status());
  BH_ASSIGN_OR_RETURN(RegisterData r, LoadRegister(db, iso3));
  std::optional<Fields> stored;
  bool illustrative = false;
  for (auto& [fields, ill] : RecordsAsFields(r, kind)) {
    auto k = KeyOf(kind, fields, iso3);
    if (k.ok() && k->text == key.text) {
      stored = fields;
      illustrative = ill;
    }
  }
  BH_ASSIGN_OR_RETURN(
      Fields merged, MergeForWrite(mode, stored, given, key.label, fmt::format("register {} edit", SpecOf(kind).noun)));
  merged.Set("country", iso3);
  BH_ASSIGN_OR_RETURN(Change change, PutFields(db, ref, kind, merged, "cli", illustrative));
  BH_ASSIGN_OR_RETURN(RegisterData after, LoadRegister(db, iso3));
  BH_RETURN_IF_ERROR(CheckRegister(after));
  BH_RETURN_IF_ERROR(tx.Commit());
  return change;
}

}  // namespace bh
