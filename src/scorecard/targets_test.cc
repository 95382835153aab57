#include "scorecard/targets.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

TargetTable Builtin() {
  return TargetTable("t", {
                              {Category::kContingents, 2021, 800, "a"},
                              {Category::kObserversStaff, 2021, 1800, "a"},
                              {Category::kJusticeCorrections, 2021, 2900, "f"},
                              {Category::kFormedPolice, 2022, 1200, "e"},
                              {Category::kContingents, 2028, 1500, "b"},
                              {Category::kObserversStaff, 2028, 2500, "b"},
                              {Category::kFormedPolice, 2028, 2000, "b"},
                              {Category::kIndividualPolice, 2028, 3000, "b"},
                          });
}

TEST(TargetsTest, SourcedCellsAreOfficial) {
  auto t = Builtin().Lookup(Category::kContingents, 2021);
  ASSERT_TRUE(t);
  EXPECT_FALSE(t->interpolated);
  EXPECT_EQ("8 %", t->Label());
  EXPECT_EQ("a", t->source);
}

TEST(TargetsTest, YearsBetweenAreInterpolatedAndLabelled) {
  auto t = Builtin().Lookup(Category::kContingents, 2024);
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->interpolated);
  EXPECT_EQ("11 % (interpolated)", t->Label());
  EXPECT_EQ("interpolated between 2021 (8 %) and 2028 (15 %)", t->source);
  auto fpu = Builtin().Lookup(Category::kFormedPolice, 2023);
  ASSERT_TRUE(fpu);
  EXPECT_EQ("13.33 % (interpolated)", fpu->Label());
  EXPECT_EQ(2, fpu->share.num);  // 12 % + 8 % / 6 = 40/3 % = 2/15 exactly
  EXPECT_EQ(15, fpu->share.den);
}

TEST(TargetsTest, NoTargetBeforeTheFirstOrAfterTheLastSourcedCell) {
  EXPECT_FALSE(Builtin().Lookup(Category::kContingents, 2020));
  EXPECT_FALSE(Builtin().Lookup(Category::kFormedPolice, 2021));
  EXPECT_FALSE(Builtin().Lookup(Category::kIndividualPolice, 2025));
  EXPECT_FALSE(Builtin().Lookup(Category::kContingents, 2029));
  EXPECT_TRUE(Builtin().Lookup(Category::kIndividualPolice, 2028));
}

TEST(TargetsTest, WomenNeededArithmeticIsExact) {
  Fraction eight = Fraction::Of(800, 10000);
  EXPECT_EQ(98, WomenForTarget(1225, eight));  // 8 % of 1,225 is exactly 98
  EXPECT_EQ(0, WomenNeeded(98, 1225, eight));
  EXPECT_EQ(1, WomenNeeded(97, 1225, eight));
  EXPECT_EQ(99, WomenForTarget(1226, eight));  // 98.08 -> 99
  EXPECT_EQ(6, WomenForTarget(63, eight));     // 5.04 -> 6
  EXPECT_EQ(0, WomenForTarget(0, eight));
  Fraction fpu2023 = Builtin().Lookup(Category::kFormedPolice, 2023)->share;
  EXPECT_EQ(20, WomenForTarget(150, fpu2023));  // 40/3 % of 150 = 20 exactly
  EXPECT_EQ(21, WomenForTarget(151, fpu2023));
}

TEST(TargetsTest, ShareExactlyAtTargetMeetsIt) {
  Fraction eight = Fraction::Of(800, 10000);
  EXPECT_TRUE(MeetsTarget(98, 1225, eight));
  EXPECT_FALSE(MeetsTarget(97, 1225, eight));
  EXPECT_TRUE(MeetsTarget(2, 25, eight));
  EXPECT_FALSE(MeetsTarget(0, 0, eight));
}

TEST(TargetsTest, PercentText) {
  EXPECT_EQ("8 %", Fraction::Of(8, 100).PercentText());
  EXPECT_EQ("17.5 %", Fraction::Of(175, 1000).PercentText());
  EXPECT_EQ("7.41 %", Fraction::Of(4, 54).PercentText());
  EXPECT_EQ("17.46 %", Fraction::Of(33, 189).PercentText());
}

}  // namespace
}  // namespace bh
