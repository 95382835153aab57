#include "pdf/layout.h"

#include <gtest/gtest.h>

#include "pdf/test_pages.h"

namespace bh::pdf {
namespace {

using testing::PageBuilder;

TEST(LayoutTest, GroupLinesJoinsShiftedBaselines) {
  // Family C prints a row's numbers 3 points above its label.
  Page page =
      PageBuilder(1).Text(207, 183, "Contingent Troops").Text(384, 180, "210").Text(207, 203, "Staff Officer").Build();
  std::vector<Line> lines = GroupLines(page);
  ASSERT_EQ(2u, lines.size());
  EXPECT_EQ("Contingent Troops 210", lines[0].Text());
  EXPECT_EQ(1, lines[0].index);
  EXPECT_EQ("Staff Officer", lines[1].Text());
  EXPECT_EQ(2, lines[1].index);
}

TEST(LayoutTest, GroupLinesKeepsCloseRowsApart) {
  // Lines 4.5 points apart (a wrapped name around a row in family K).
  Page page = PageBuilder(1)
                  .Text(113, 256.7, "United Republic of")
                  .Text(46, 261.2, "MINUSCA")
                  .Text(130, 265.7, "Tanzania")
                  .Build();
  std::vector<Line> lines = GroupLines(page);
  ASSERT_EQ(3u, lines.size());
  EXPECT_EQ("United Republic of", lines[0].Text());
  EXPECT_EQ("MINUSCA", lines[1].Text());
  EXPECT_EQ("Tanzania", lines[2].Text());
}

TEST(LayoutTest, NumberWords) {
  EXPECT_TRUE(IsNumberWord("0"));
  EXPECT_TRUE(IsNumberWord("6,394"));
  EXPECT_TRUE(IsNumberWord("73371"));
  EXPECT_FALSE(IsNumberWord("30/09/2023"));
  EXPECT_FALSE(IsNumberWord("6,39"));
  EXPECT_FALSE(IsNumberWord("UNMISS"));
  EXPECT_FALSE(IsNumberWord(""));
}

TEST(LayoutTest, TypeLabels) {
  static const struct {
    const char* label;
    PersonnelType type;
  } cases[] = {
      {"Contingent Troop", PersonnelType::kTroops},
      {"Contingent Troops", PersonnelType::kTroops},
      {"Troops", PersonnelType::kTroops},
      {"contingent", PersonnelType::kTroops},
      {"Experts on Mission", PersonnelType::kExpertsOnMission},
      {"experts", PersonnelType::kExpertsOnMission},
      {"UNMEM", PersonnelType::kExpertsOnMission},
      {"Individual Police", PersonnelType::kIndividualPolice},
      {"police", PersonnelType::kIndividualPolice},
      {"UNPOL", PersonnelType::kIndividualPolice},
      {"Formed Police Units", PersonnelType::kFormedPoliceUnits},
      {"FPU", PersonnelType::kFormedPoliceUnits},
      {"fpu", PersonnelType::kFormedPoliceUnits},
      {"Staff Officer", PersonnelType::kStaffOfficer},
      {"staff", PersonnelType::kStaffOfficer},
      {"MSO", PersonnelType::kStaffOfficer},
      {"  Staff   Officer ", PersonnelType::kStaffOfficer},
  };
  for (const auto& c : cases) {
    std::optional<PersonnelType> t = TypeFromLabel(c.label);
    ASSERT_TRUE(t.has_value()) << c.label;
    EXPECT_EQ(c.type, *t) << c.label;
  }
  EXPECT_FALSE(TypeFromLabel("Total").has_value());
  EXPECT_FALSE(TypeFromLabel("Police Units").has_value());
}

TEST(LayoutTest, TrailingTypeLabel) {
  Page page = PageBuilder(1).Text(0, 0, "MINURSO Republic of Korea Experts on Mission").Build();
  std::vector<const Word*> words;
  for (const Word& w : page.words) words.push_back(&w);
  EXPECT_EQ(3u, TrailingTypeLabelLength(words));
  words.resize(4);  // "MINURSO Republic of Korea"
  EXPECT_EQ(0u, TrailingTypeLabelLength(words));
}

}  // namespace
}  // namespace bh::pdf
