// The UN's five uniformed personnel types and the four UGPS categories they
// map to. This is the vocabulary every layer shares.
//
// UN open data (DOMAIN.md C) uses exactly five Personnel_Type values. The
// Uniformed Gender Parity Strategy sets targets per category:
//   Troops                          -> contingents
//   Staff Officer + Experts on Mission -> military observers & staff officers
//   Formed Police Units             -> FPU
//   Individual Police               -> individual police
// Justice & corrections has UGPS targets but is not in the contributions data.
#ifndef BLUEHELMET_MODEL_PERSONNEL_H_
#define BLUEHELMET_MODEL_PERSONNEL_H_

#include <array>
#include <optional>
#include <string_view>

namespace bh {

enum class PersonnelType { kTroops, kStaffOfficer, kExpertsOnMission, kFormedPoliceUnits, kIndividualPolice };

inline constexpr std::array<PersonnelType, 5> kAllPersonnelTypes = {
    PersonnelType::kTroops, PersonnelType::kStaffOfficer, PersonnelType::kExpertsOnMission,
    PersonnelType::kFormedPoliceUnits, PersonnelType::kIndividualPolice};

// Stable short code stored in the database: TRP, SO, EOM, FPU, IPO.
std::string_view PersonnelTypeCode(PersonnelType t);
// The UN open-data label: "Troops", "Staff Officer", ...
std::string_view PersonnelTypeLabel(PersonnelType t);
// From a code (TRP) or the exact UN open-data label, case-insensitive.
std::optional<PersonnelType> PersonnelTypeFromCodeOrLabel(std::string_view s);

enum class Category { kContingents, kObserversStaff, kFormedPolice, kIndividualPolice, kJusticeCorrections };

inline constexpr std::array<Category, 5> kAllCategories = {Category::kContingents, Category::kObserversStaff,
                                                           Category::kFormedPolice, Category::kIndividualPolice,
                                                           Category::kJusticeCorrections};

// Stable code stored in the database and used in target files:
// contingents, mo_so, fpu, ipo, jc.
std::string_view CategoryCode(Category c);
// "Contingents", "Observers & staff officers", "FPU", "Individual police",
// "Justice & corrections".
std::string_view CategoryLabel(Category c);
std::optional<Category> CategoryFromCode(std::string_view s);

Category CategoryOf(PersonnelType t);

}  // namespace bh

#endif  // BLUEHELMET_MODEL_PERSONNEL_H_
