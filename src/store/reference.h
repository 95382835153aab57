// Reference: read access to countries, aliases, groups and missions, and the
// country-name resolver every importer uses.
//
// The resolver loads all aliases once (a few hundred rows) and answers from
// memory. An unknown name is an error that quotes the text; it is never
// dropped or guessed.
//
// Thread safety: not thread-safe (holds a Db*).
#ifndef BLUEHELMET_STORE_REFERENCE_H_
#define BLUEHELMET_STORE_REFERENCE_H_

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/date.h"
#include "records/fields.h"
#include "store/database.h"

namespace bh {

struct CountryInfo {
  std::string iso3;
  std::string name;
  int m49 = 0;
};

// One country's membership of a group: from `joined_on` (nullopt: from the
// group's start) until `left_on` (nullopt: still a member), both days
// included.
struct GroupMember {
  std::string iso3;
  std::optional<Date> joined_on, left_on;
  std::string source;  // what says so (built-in facts carry theirs)
  bool MemberOn(const Date& d) const { return (!joined_on || *joined_on <= d) && (!left_on || d <= *left_on); }
};

struct GroupInfo {
  std::string name, description;
  bool builtin = false;
  std::vector<GroupMember> members;  // sorted by ISO3

  // ISO3 codes of the members on day `d`, sorted.
  std::vector<std::string> MembersOn(const Date& d) const;
  // The members whose figures count in a month: those on its last day, the
  // day the UN's monthly figures are "as of" (Timor-Leste, in ASEAN from
  // 2025-10-26, counts in October 2025).
  std::vector<std::string> MembersIn(Month m) const { return MembersOn(Date::LastDayOf(m)); }
  // Everyone who has ever been a member, sorted.
  std::vector<std::string> AllMembers() const;
  // True when the membership ever changed (someone joined later or left).
  bool HasDatedMembers() const;
};

class Reference {
 public:
  // REQUIRES: db has the core schema. Loads countries and aliases.
  static Result<Reference> Load(Db* db);

  // Resolves a printed or typed name ("Viet Nam", "Cote d'Ivoire", "UK",
  // "VNM") to ISO3. NotFound: "unknown country: 'Xanadu'", with the nearest
  // names for a typo ("unknown country: 'Indonsia' (did you mean Indonesia
  // (IDN)?)"), or "ambiguous country: 'Korea' could be Republic of Korea
  // (KOR) or Democratic People's Republic of Korea (PRK)". Never guesses.
  Result<std::string> ResolveCountry(std::string_view name) const;
  // The countries whose names are nearest to a NameKey that matched none, as
  // "Indonesia (IDN)" (or up to three joined by "or"); empty when none is
  // within a typo's reach.
  std::string NearestCountries(const std::string& key) const;
  // For names a report printed cut short by its column width ("Russian",
  // "United States of"): an exact match first, else the one name that starts
  // with the text (at least 6 characters). NotFound when none or several
  // names start with it: "ambiguous country name cut short: 'Republic of'
  // (could be Republic of Korea, Republic of Moldova, ...)".
  Result<std::string> ResolveCutShortCountry(std::string_view name) const;
  bool IsCountryCode(std::string_view iso3) const { return countries_.count(std::string(iso3)) > 0; }
  // Display name; the ISO code itself when unknown.
  const std::string& CountryName(const std::string& iso3) const;
  int M49(const std::string& iso3) const;

  // Parses "VNM,JPN" or "Viet Nam,Japan" into ISO3 codes, in order.
  Result<std::vector<std::string>> ResolveCountryList(std::string_view csv) const;

 private:
  // A country code (any case) or a known name's key; nullopt otherwise.
  std::optional<std::string> FindExact(std::string_view trimmed, const std::string& key) const;
  std::unordered_map<std::string, std::string> alias_to_iso3_;  // NameKey -> ISO3
  std::unordered_map<std::string, CountryInfo> countries_;
};

// "Korea, Republic of" -> "Republic of Korea": iso-codes' inverted short
// names in the reading order the UN prints.
std::string UnDisplayName(std::string_view iso_name);

// Groups (ASEAN, ADMM-Plus built in; user-defined ones beside them).
Result<std::vector<GroupInfo>> ListGroups(Db* db);
// Case-insensitive name. NotFound names the group and lists the known ones.
Result<GroupInfo> GetGroup(Db* db, std::string_view name);
// Creates or replaces a user group (its members from the start, undated).
// Built-in groups cannot be replaced.
Status DefineGroup(Db* db, std::string_view name, std::string_view description,
                   const std::vector<std::string>& iso3_members);
Status DeleteGroup(Db* db, std::string_view name);

// The analysts' groups as records (src/records): one kind, the group, with
// columns name (key), countries (ISO3 codes or names, comma-separated) and
// description.
enum class GroupKind { kGroup };
const KindSpec& SpecOf(GroupKind k);

// The command line's one write path for a user group (`groups add NAME
// --countries ... --description ...`, which is WriteMode::kSet: define or
// redefine). Resolves the countries (Reference::ResolveCountryList, whose
// messages it keeps), merges `given` over the stored group (MergeForWrite:
// kAdd refuses a group that exists, kEdit one that does not; a column not
// given keeps the stored value), then DefineGroup (its messages: "a group
// needs a name", built-in groups refused). Returns the members' ISO3 codes.
Result<std::vector<std::string>> WriteGroup(Db* db, const Reference& ref, const Fields& given, WriteMode mode);

// Adds a spelling for a country (persisted); AlreadyExists if it names another.
Status AddCountryAlias(Db* db, std::string_view name, std::string_view iso3);

}  // namespace bh

#endif  // BLUEHELMET_STORE_REFERENCE_H_
