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
#include <string>
#include <unordered_map>
#include <vector>

#include "store/database.h"

namespace bh {

struct CountryInfo {
  std::string iso3;
  std::string name;
  int m49 = 0;
};

struct GroupInfo {
  std::string name, description;
  bool builtin = false;
  std::vector<std::string> members;  // ISO3, sorted
};

class Reference {
 public:
  // REQUIRES: db has the core schema. Loads countries and aliases.
  static Result<Reference> Load(Db* db);

  // Resolves a printed name ("Viet Nam", "Côte d'Ivoire", "VNM") to ISO3.
  // NotFound: "unknown country: 'Xanadu'".
  Result<std::string> ResolveCountry(std::string_view name) const;
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
// Creates or replaces a user group. Built-in groups cannot be replaced.
Status DefineGroup(Db* db, std::string_view name, std::string_view description,
                   const std::vector<std::string>& iso3_members);
Status DeleteGroup(Db* db, std::string_view name);

// Adds a spelling for a country (persisted); AlreadyExists if it names another.
Status AddCountryAlias(Db* db, std::string_view name, std::string_view iso3);

}  // namespace bh

#endif  // BLUEHELMET_STORE_REFERENCE_H_
