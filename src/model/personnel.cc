#include "model/personnel.h"

#include "base/strings.h"

namespace bh {

std::string_view PersonnelTypeCode(PersonnelType t) {
  switch (t) {
    case PersonnelType::kTroops:
      return "TRP";
    case PersonnelType::kStaffOfficer:
      return "SO";
    case PersonnelType::kExpertsOnMission:
      return "EOM";
    case PersonnelType::kFormedPoliceUnits:
      return "FPU";
    case PersonnelType::kIndividualPolice:
      return "IPO";
  }
  return "?";
}

std::string_view PersonnelTypeLabel(PersonnelType t) {
  switch (t) {
    case PersonnelType::kTroops:
      return "Troops";
    case PersonnelType::kStaffOfficer:
      return "Staff Officer";
    case PersonnelType::kExpertsOnMission:
      return "Experts on Mission";
    case PersonnelType::kFormedPoliceUnits:
      return "Formed Police Units";
    case PersonnelType::kIndividualPolice:
      return "Individual Police";
  }
  return "?";
}

std::optional<PersonnelType> PersonnelTypeFromCodeOrLabel(std::string_view s) {
  // Called for every imported row: compares in place, allocating nothing.
  std::string_view key = Trim(s);
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  auto same = [&](std::string_view name) {
    if (name.size() != key.size()) return false;
    for (size_t i = 0; i < name.size(); ++i) {
      if (lower(name[i]) != lower(key[i])) return false;
    }
    return true;
  };
  for (PersonnelType t : kAllPersonnelTypes) {
    if (same(PersonnelTypeCode(t)) || same(PersonnelTypeLabel(t))) return t;
  }
  return std::nullopt;
}

std::string_view CategoryCode(Category c) {
  switch (c) {
    case Category::kContingents:
      return "contingents";
    case Category::kObserversStaff:
      return "mo_so";
    case Category::kFormedPolice:
      return "fpu";
    case Category::kIndividualPolice:
      return "ipo";
    case Category::kJusticeCorrections:
      return "jc";
  }
  return "?";
}

std::string_view CategoryLabel(Category c) {
  switch (c) {
    case Category::kContingents:
      return "Contingents";
    case Category::kObserversStaff:
      return "Observers & staff officers";
    case Category::kFormedPolice:
      return "FPU";
    case Category::kIndividualPolice:
      return "Individual police";
    case Category::kJusticeCorrections:
      return "Justice & corrections";
  }
  return "?";
}

std::optional<Category> CategoryFromCode(std::string_view s) {
  std::string key = ToLowerAscii(Trim(s));
  for (Category c : kAllCategories) {
    if (key == CategoryCode(c)) return c;
  }
  return std::nullopt;
}

Category CategoryOf(PersonnelType t) {
  switch (t) {
    case PersonnelType::kTroops:
      return Category::kContingents;
    case PersonnelType::kStaffOfficer:
    case PersonnelType::kExpertsOnMission:
      return Category::kObserversStaff;
    case PersonnelType::kFormedPoliceUnits:
      return Category::kFormedPolice;
    case PersonnelType::kIndividualPolice:
      return Category::kIndividualPolice;
  }
  return Category::kContingents;
}

}  // namespace bh
