#include "store/reference.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/strings.h"
#include "base/utf8.h"
#include "store/reference_data.h"

namespace bh {

std::string UnDisplayName(std::string_view iso_name) {
  // iso-codes inverts some names ("Korea, Republic of"); the UN prints them
  // in reading order ("Republic of Korea").
  size_t comma = iso_name.find(", ");
  if (comma == std::string_view::npos) return std::string(iso_name);
  std::string rest(iso_name.substr(comma + 2));
  if (rest.starts_with("The ")) rest[0] = 't';
  return rest + " " + std::string(iso_name.substr(0, comma));
}

Result<Reference> Reference::Load(Db* db) {
  Reference ref;
  BH_ASSIGN_OR_RETURN(Stmt c, db->Prepare("SELECT iso3, name, COALESCE(m49, 0) FROM country"));
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, c.Step());
    if (!row) break;
    CountryInfo info{c.Text(0), UnDisplayName(c.Text(1)), static_cast<int>(c.Int(2))};
    ref.countries_.emplace(info.iso3, info);
  }
  BH_ASSIGN_OR_RETURN(Stmt a, db->Prepare("SELECT name_key, iso3 FROM country_alias"));
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, a.Step());
    if (!row) break;
    ref.alias_to_iso3_.emplace(a.Text(0), a.Text(1));
  }
  return ref;
}

std::optional<std::string> Reference::FindExact(std::string_view trimmed, const std::string& key) const {
  if (trimmed.size() == 3) {
    std::string upper(trimmed);
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (countries_.count(upper)) return upper;
  }
  auto it = alias_to_iso3_.find(key);
  if (it != alias_to_iso3_.end()) return it->second;
  return std::nullopt;
}

Result<std::string> Reference::ResolveCountry(std::string_view name) const {
  std::string_view t = Trim(name);
  std::string key = NameKey(t);
  if (std::optional<std::string> iso3 = FindExact(t, key)) return *iso3;
  for (const AmbiguousName& a : AmbiguousCountryNames()) {
    if (NameKey(a.name) != key) continue;
    std::vector<std::string> candidates;
    for (std::string_view iso3 : a.iso3) {
      candidates.push_back(fmt::format("{} ({})", CountryName(std::string(iso3)), iso3));
    }
    return Status::NotFound(fmt::format("ambiguous country: '{}' could be {}", t, Join(candidates, " or ")));
  }
  std::string nearest = NearestCountries(key);
  if (!nearest.empty()) return Status::NotFound(fmt::format("unknown country: '{}' (did you mean {}?)", t, nearest));
  return Status::NotFound(fmt::format("unknown country: '{}'", t));
}

std::string Reference::NearestCountries(const std::string& key) const {
  // A typo: at most one edit in five letters (so "Xanadu" is not taken for
  // "Canada", two edits away, but "Indonsia" is Indonesia).
  const size_t limit = std::max<size_t>(1, key.size() / 5 + (key.size() >= 8 ? 1 : 0));
  size_t best = limit + 1;
  std::set<std::string> found;
  for (const auto& [alias, iso3] : alias_to_iso3_) {
    size_t d = EditDistance(key, alias, std::min(limit, best));
    if (d < best) {
      best = d;
      found.clear();
    }
    if (d == best && d <= limit) found.insert(iso3);
  }
  if (found.empty() || found.size() > 3) return "";
  std::vector<std::string> names;
  for (const std::string& iso3 : found) names.push_back(fmt::format("{} ({})", CountryName(iso3), iso3));
  return Join(names, " or ");
}

Result<std::string> Reference::ResolveCutShortCountry(std::string_view name) const {
  // The exact lookup first; the failure message (with its nearest names) is
  // built only when nothing matches at all.
  std::string key = NameKey(Trim(name));
  if (std::optional<std::string> iso3 = FindExact(Trim(name), key)) return *iso3;
  if (key.size() < 6) return ResolveCountry(name).status();
  std::set<std::string> candidates;
  for (const auto& [alias, iso3] : alias_to_iso3_) {
    if (alias.size() > key.size() && alias.compare(0, key.size(), key) == 0) candidates.insert(iso3);
  }
  if (candidates.size() == 1) return *candidates.begin();
  if (candidates.empty()) return ResolveCountry(name).status();
  std::vector<std::string> names;
  for (const std::string& c : candidates) names.push_back(CountryName(c));
  if (names.size() > 3) {
    names.resize(3);
    names.push_back("...");
  }
  return Status::NotFound(
      fmt::format("ambiguous country name cut short: '{}' (could be {})", Trim(name), Join(names, ", ")));
}

const std::string& Reference::CountryName(const std::string& iso3) const {
  auto it = countries_.find(iso3);
  return it == countries_.end() ? iso3 : it->second.name;
}

int Reference::M49(const std::string& iso3) const {
  auto it = countries_.find(iso3);
  return it == countries_.end() ? 0 : it->second.m49;
}

Result<std::vector<std::string>> Reference::ResolveCountryList(std::string_view csv) const {
  std::vector<std::string> out;
  for (std::string_view part : Split(csv, ',')) {
    if (Trim(part).empty()) continue;
    BH_ASSIGN_OR_RETURN(std::string iso3, ResolveCountry(part));
    if (std::find(out.begin(), out.end(), iso3) == out.end()) out.push_back(iso3);
  }
  if (out.empty()) return Status::InvalidArgument(fmt::format("no countries in '{}'", csv));
  return out;
}

Result<std::vector<GroupInfo>> ListGroups(Db* db) {
  BH_ASSIGN_OR_RETURN(Stmt st,
                      db->Prepare("SELECT g.name, COALESCE(g.description, ''), g.builtin, m.iso3, m.joined_on, "
                                  "m.left_on, COALESCE(m.source, '')"
                                  " FROM country_group g LEFT JOIN country_group_member m ON m.group_name = g.name"
                                  " ORDER BY g.builtin DESC, g.name, m.iso3"));
  std::vector<GroupInfo> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    if (out.empty() || out.back().name != st.Text(0)) {
      out.push_back(GroupInfo{st.Text(0), st.Text(1), st.Int(2) != 0, {}});
    }
    if (st.IsNull(3)) continue;
    GroupMember m{st.Text(3), std::nullopt, std::nullopt, st.Text(6)};
    // The schema's CHECK keeps both dates ISO days.
    if (!st.IsNull(4)) {
      BH_ASSIGN_OR_RETURN(m.joined_on, Date::ParseIso(st.Text(4)));
    }
    if (!st.IsNull(5)) {
      BH_ASSIGN_OR_RETURN(m.left_on, Date::ParseIso(st.Text(5)));
    }
    out.back().members.push_back(std::move(m));
  }
  return out;
}

std::vector<std::string> GroupInfo::MembersOn(const Date& d) const {
  std::vector<std::string> out;
  for (const GroupMember& m : members) {
    if (m.MemberOn(d)) out.push_back(m.iso3);
  }
  return out;
}

std::vector<std::string> GroupInfo::AllMembers() const {
  std::vector<std::string> out;
  for (const GroupMember& m : members) out.push_back(m.iso3);
  return out;
}

bool GroupInfo::HasDatedMembers() const {
  return std::any_of(members.begin(), members.end(),
                     [](const GroupMember& m) { return m.joined_on.has_value() || m.left_on.has_value(); });
}

Result<GroupInfo> GetGroup(Db* db, std::string_view name) {
  BH_ASSIGN_OR_RETURN(std::vector<GroupInfo> groups, ListGroups(db));
  std::string key = ToLowerAscii(Trim(name));
  std::vector<std::string> names;
  for (GroupInfo& g : groups) {
    if (ToLowerAscii(g.name) == key) return std::move(g);
    names.push_back(g.name);
  }
  return Status::NotFound(fmt::format("unknown group: '{}' (known: {})", Trim(name), Join(names, ", ")));
}

Status DefineGroup(Db* db, std::string_view name, std::string_view description,
                   const std::vector<std::string>& iso3_members) {
  std::string n(Trim(name));
  if (n.empty()) return Status::InvalidArgument("a group needs a name");
  for (auto [field, text] :
       {std::pair<std::string_view, std::string_view>{"name", name}, {"description", description}}) {
    std::string problem = TextProblem(text);
    if (!problem.empty()) return Status::InvalidArgument(fmt::format("group {}: {}", field, problem));
  }
  auto existing = GetGroup(db, n);
  if (existing.ok() && existing->builtin) {
    return Status::InvalidArgument(fmt::format("'{}' is a built-in group and cannot be changed", existing->name));
  }
  Transaction tx(db);
  BH_RETURN_IF_ERROR(tx.status());
  if (existing.ok()) {
    BH_ASSIGN_OR_RETURN(Stmt del, db->Prepare("DELETE FROM country_group WHERE name = ?"));
    BH_RETURN_IF_ERROR(del.Bind(1, existing->name).Run());
  }
  BH_ASSIGN_OR_RETURN(Stmt g, db->Prepare("INSERT INTO country_group VALUES (?, ?, 0)"));
  BH_RETURN_IF_ERROR(g.Bind(1, n).Bind(2, description).Run());
  BH_ASSIGN_OR_RETURN(Stmt m,
                      db->Prepare("INSERT OR IGNORE INTO country_group_member (group_name, iso3) VALUES (?, ?)"));
  for (const std::string& iso3 : iso3_members) BH_RETURN_IF_ERROR(m.Bind(1, n).Bind(2, iso3).Run());
  return tx.Commit();
}

namespace {

constexpr ColumnSpec kGroupColumns[] = {
    {"name", true, true, "the group's name, e.g. Mekong"},
    {"countries", true, false, "comma-separated ISO3 codes or names"},
    {"description", false, false, "what the group is"},
};
constexpr KindSpec kGroupKinds[] = {{"group", "groups", "countries", kGroupColumns}};

// A field as given, untrimmed: DefineGroup trims the name and keeps the
// description as typed.
std::string Raw(const Fields& f, std::string_view column) {
  auto it = f.values().find(column);
  return it == f.values().end() ? std::string() : it->second;
}

}  // namespace

const KindSpec& SpecOf(GroupKind k) { return kGroupKinds[static_cast<size_t>(k)]; }

Result<std::vector<std::string>> WriteGroup(Db* db, const Reference& ref, const Fields& given, WriteMode mode) {
  std::optional<Fields> stored;
  auto existing = GetGroup(db, Raw(given, "name"));
  if (existing.ok()) {
    std::vector<std::string> iso3;
    for (const GroupMember& m : existing->members) iso3.push_back(m.iso3);
    stored = Fields{{"name", existing->name}, {"countries", Join(iso3, ",")}, {"description", existing->description}};
  }
  Fields f = given;
  BH_ASSIGN_OR_RETURN(
      f, MergeForWrite(mode, stored, given, fmt::format("group '{}'", Trim(Raw(given, "name"))), "groups add"));
  BH_ASSIGN_OR_RETURN(std::vector<std::string> members, ref.ResolveCountryList(Raw(f, "countries")));
  BH_RETURN_IF_ERROR(DefineGroup(db, Raw(f, "name"), Raw(f, "description"), members));
  return members;
}

Status DeleteGroup(Db* db, std::string_view name) {
  BH_ASSIGN_OR_RETURN(GroupInfo g, GetGroup(db, name));
  if (g.builtin) return Status::InvalidArgument(fmt::format("'{}' is a built-in group and cannot be deleted", g.name));
  BH_ASSIGN_OR_RETURN(Stmt del, db->Prepare("DELETE FROM country_group WHERE name = ?"));
  return del.Bind(1, g.name).Run();
}

Status AddCountryAlias(Db* db, std::string_view name, std::string_view iso3) {
  std::string problem = TextProblem(name);
  if (!problem.empty()) return Status::InvalidArgument(fmt::format("country alias: {}", problem));
  std::string key = NameKey(Trim(name));
  BH_ASSIGN_OR_RETURN(Stmt q, db->Prepare("SELECT iso3 FROM country_alias WHERE name_key = ?"));
  q.Bind(1, key);
  BH_ASSIGN_OR_RETURN(bool row, q.Step());
  if (row) {
    if (q.Text(0) == iso3) return Status::Ok();
    return Status::AlreadyExists(fmt::format("'{}' already names {}", Trim(name), q.Text(0)));
  }
  BH_ASSIGN_OR_RETURN(Stmt ins, db->Prepare("INSERT INTO country_alias VALUES (?, ?, ?, 'user')"));
  Status st = ins.Bind(1, key).Bind(2, iso3).Bind(3, Trim(name)).Run();
  if (!st.ok()) return Status::NotFound(fmt::format("unknown country code: '{}'", iso3));
  return st;
}

}  // namespace bh
