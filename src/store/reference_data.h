// Built-in reference data, compiled in: the ISO 3166-1 table (generated from
// Debian's iso-codes at build time), the spellings the UN prints, the missions,
// the ASEAN and ADMM-Plus groups, and the sourced cells of the UGPS targets.
// Every value here carries or names its source; nothing is filled in where a
// source was not found (see ../shared/DOMAIN.md).
#ifndef BLUEHELMET_STORE_REFERENCE_DATA_H_
#define BLUEHELMET_STORE_REFERENCE_DATA_H_

#include <span>
#include <string_view>
#include <vector>

namespace bh {

struct IsoCountry {
  std::string_view alpha3, alpha2;
  int numeric;  // = UN M49 code for countries
  std::string_view name, official_name, common_name;
};
std::span<const IsoCountry> IsoCountries();

struct CountryAlias {
  std::string_view name;
  std::string_view iso3;
};
// Names as the UN prints them that iso-codes spells differently, and short
// and former names people type.
std::span<const CountryAlias> UnCountryAliases();

// A name that stands for several countries ("Korea"): never resolved, its
// candidates are listed instead.
struct AmbiguousName {
  std::string_view name;
  std::vector<std::string_view> iso3;
};
std::span<const AmbiguousName> AmbiguousCountryNames();

struct MissionInfo {
  std::string_view acronym, name, host_iso3, start, end;  // "" = unknown / still active
};
std::span<const MissionInfo> KnownMissions();

// A country that joined a built-in group after it was formed, with the day
// and the source that says so.
struct BuiltinMembership {
  std::string_view iso3, joined_on, source;  // joined_on: YYYY-MM-DD
};
struct BuiltinGroup {
  std::string_view name, description;
  std::vector<std::string_view> members;  // members from the group's start
  std::vector<BuiltinMembership> joined_later;
};
const std::vector<BuiltinGroup>& BuiltinGroups();

struct TargetCellInfo {
  std::string_view category;  // CategoryCode
  int year;
  int basis_points;  // 800 = 8 %
  std::string_view source;
};
inline constexpr std::string_view kBuiltinTargetVersion = "ugps-2018-sourced";
inline constexpr std::string_view kBuiltinTargetDescription =
    "UGPS 2018-2028: the cells found in public sources (DOMAIN.md B); the official annual table was not found";
std::span<const TargetCellInfo> BuiltinTargetCells();

}  // namespace bh

#endif  // BLUEHELMET_STORE_REFERENCE_DATA_H_
