#include "model/personnel.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

TEST(PersonnelTest, UgpsCategoryMapping) {
  EXPECT_EQ(Category::kContingents, CategoryOf(PersonnelType::kTroops));
  EXPECT_EQ(Category::kObserversStaff, CategoryOf(PersonnelType::kStaffOfficer));
  EXPECT_EQ(Category::kObserversStaff, CategoryOf(PersonnelType::kExpertsOnMission));
  EXPECT_EQ(Category::kFormedPolice, CategoryOf(PersonnelType::kFormedPoliceUnits));
  EXPECT_EQ(Category::kIndividualPolice, CategoryOf(PersonnelType::kIndividualPolice));
}

TEST(PersonnelTest, LabelsAndCodesRoundTrip) {
  for (PersonnelType t : kAllPersonnelTypes) {
    EXPECT_EQ(t, PersonnelTypeFromCodeOrLabel(PersonnelTypeCode(t)));
    EXPECT_EQ(t, PersonnelTypeFromCodeOrLabel(PersonnelTypeLabel(t)));
  }
  EXPECT_EQ(PersonnelType::kFormedPoliceUnits, PersonnelTypeFromCodeOrLabel("formed police units "));
  EXPECT_FALSE(PersonnelTypeFromCodeOrLabel("Contingent Troop").has_value());
  for (Category c : kAllCategories) EXPECT_EQ(c, CategoryFromCode(CategoryCode(c)));
}

}  // namespace
}  // namespace bh
