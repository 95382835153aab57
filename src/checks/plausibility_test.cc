#include "checks/plausibility.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace bh {
namespace {

using T = PersonnelType;

SeriesRow Row(std::string iso3, std::string mission, T type, int64_t women, int64_t men) {
  SeriesRow r;
  r.iso3 = std::move(iso3);
  r.mission = std::move(mission);
  r.type = type;
  r.women = women;
  r.men = men;
  r.total = women + men;
  r.import_id = 7;
  r.page = 3;
  r.line = 12;
  return r;
}

MonthRows In(int m, std::vector<SeriesRow> rows) { return {Month{2020, m}, std::move(rows), nullptr}; }

// Cameroon in 2020-08: "contingent 0 748 748" between months of mostly men.
TEST(PlausibilityTest, FindsSwappedSexesFromTheNeighboursAlone) {
  MonthRows before = In(7, {Row("CMR", "MINUSCA", T::kTroops, 40, 710), Row("IDN", "UNIFIL", T::kTroops, 30, 1200)});
  MonthRows now = In(8, {Row("CMR", "MINUSCA", T::kTroops, 748, 0), Row("IDN", "UNIFIL", T::kTroops, 31, 1195)});
  MonthRows after = In(9, {Row("CMR", "MINUSCA", T::kTroops, 41, 700), Row("IDN", "UNIFIL", T::kTroops, 29, 1190)});
  std::vector<Anomaly> found = Detect(now, before, after);
  ASSERT_GE(found.size(), 1u);
  const Anomaly& a = found[0];
  EXPECT_EQ(Anomaly::Kind::kSexSwapped, a.kind);
  EXPECT_EQ(Anomaly::Severity::kHigh, a.severity);
  EXPECT_EQ("CMR", a.iso3);
  EXPECT_EQ("MINUSCA", a.mission);
  EXPECT_EQ(748, a.women);
  EXPECT_EQ(0, a.men);
  EXPECT_EQ(3, a.page);
  EXPECT_EQ(12, a.line);
  ASSERT_EQ(2u, a.neighbours.size());
  EXPECT_EQ(710, a.neighbours[0].men);
  EXPECT_EQ(
      "CMR MINUSCA Troops: 0 men, 748 women printed; 2020-07: 710 men, 40 women; 2020-09: 700 men, 41 women "
      "(the sexes look swapped)",
      a.summary);
  // The whole month's share jumps too (748 + 31 of 2,722 against ~5 %).
  ASSERT_EQ(2u, found.size());
  EXPECT_EQ(Anomaly::Kind::kMonthShareJump, found[1].kind);
  // The country-category jump is the swapped row's, not a second finding.
  for (const Anomaly& x : found) EXPECT_NE(Anomaly::Kind::kShareJump, x.kind);
}

// An all-women FPU printed as men, in the last month of a run: the two
// months before it agree against it.
TEST(PlausibilityTest, TheReverseSwapToo) {
  MonthRows earlier = In(6, {Row("BGD", "MONUSCO", T::kFormedPoliceUnits, 148, 32)});
  MonthRows before = In(7, {Row("BGD", "MONUSCO", T::kFormedPoliceUnits, 150, 30)});
  MonthRows now = In(8, {Row("BGD", "MONUSCO", T::kFormedPoliceUnits, 0, 180)});
  Around around;
  around.before = &before;
  around.before_before = &earlier;
  std::vector<Anomaly> found = Detect(now, around);
  ASSERT_EQ(1u, found.size());
  EXPECT_EQ(Anomaly::Kind::kSexSwapped, found[0].kind);
  EXPECT_EQ(
      "BGD MONUSCO Formed Police Units: 180 men, 0 women printed; 2020-06: 32 men, 148 women; 2020-07: 30 men, "
      "150 women (the sexes look swapped)",
      found[0].summary);
  // Two months before it that disagree with each other say nothing.
  earlier.rows[0] = Row("BGD", "MONUSCO", T::kFormedPoliceUnits, 0, 178);
  EXPECT_TRUE(Detect(now, around).empty());
  // One month before it with both sexes is enough: it cannot be a swapped
  // row itself.
  ASSERT_EQ(1u, Detect(now, before, std::nullopt).size());
  EXPECT_EQ(
      "BGD MONUSCO Formed Police Units: 180 men, 0 women printed; 2020-07: 30 men, 150 women (the sexes look "
      "swapped)",
      Detect(now, before, std::nullopt)[0].summary);
  // One month with women only could be the swapped one: no finding.
  before.rows[0] = Row("BGD", "MONUSCO", T::kFormedPoliceUnits, 180, 0);
  EXPECT_TRUE(Detect(now, before, std::nullopt).empty());
}

// Issue 11: with only 2020-07, 2020-08 and 2020-09 stored, 2020-08 (whose
// rows of men are printed as women) is the only neighbour of 2020-07 and of
// 2020-09, and their ordinary rows of men looked "swapped" against it (14
// findings in 2020-07, 15 in 2020-09). The month beyond 2020-08 disagrees
// with it, so nothing is found there; 2020-08 itself, between two months
// that agree, is.
TEST(PlausibilityTest, ALoneNeighbourThatIsTheOddOneIsNoEvidence) {
  MonthRows jul = In(7, {Row("BEN", "MINUSMA", T::kTroops, 0, 250), Row("IND", "UNMISS", T::kTroops, 20, 2000)});
  MonthRows aug = In(8, {Row("BEN", "MINUSMA", T::kTroops, 250, 0), Row("IND", "UNMISS", T::kTroops, 21, 1990)});
  MonthRows sep = In(9, {Row("BEN", "MINUSMA", T::kTroops, 0, 248), Row("IND", "UNMISS", T::kTroops, 22, 1995)});
  Around of_jul;
  of_jul.after = &aug;
  of_jul.after_after = &sep;
  EXPECT_TRUE(Detect(jul, of_jul).empty());
  Around of_sep;
  of_sep.before = &aug;
  of_sep.before_before = &jul;
  EXPECT_TRUE(Detect(sep, of_sep).empty());
  std::vector<Anomaly> found = Detect(aug, jul, sep);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(Anomaly::Kind::kSexSwapped, found[0].kind);
  EXPECT_EQ("BEN", found[0].iso3);
  EXPECT_EQ(250, found[0].women);
  EXPECT_EQ(1, std::count_if(found.begin(), found.end(),
                             [](const Anomaly& a) { return a.kind == Anomaly::Kind::kSexSwapped; }));
  // With 2020-08 as the only month beside 2020-07, its row of women alone
  // could be the wrong one: nothing either.
  EXPECT_TRUE(Detect(jul, std::nullopt, aug).empty());
  // A lone neighbour with both sexes is evidence (Kenya's UNMISS police in
  // 2020-08: 0 women and 18 men, after 10 women and 8 men, and no row in
  // 2020-09).
  MonthRows jul_ken = In(7, {Row("KEN", "UNMISS", T::kIndividualPolice, 10, 8)});
  MonthRows aug_ken = In(8, {Row("KEN", "UNMISS", T::kIndividualPolice, 0, 18)});
  MonthRows sep_ken = In(9, {});
  ASSERT_EQ(1u, Detect(aug_ken, jul_ken, sep_ken).size());
  EXPECT_EQ("KEN", Detect(aug_ken, jul_ken, sep_ken)[0].iso3);
}

// Ordinary rotations: a small cell changing hands, a unit of women
// arriving where none were, a strength that doubles.
TEST(PlausibilityTest, OrdinaryRotationsDoNotFire) {
  MonthRows before = In(7, {Row("VNM", "UNMISS", T::kStaffOfficer, 0, 4), Row("JPN", "UNMISS", T::kTroops, 0, 6),
                            Row("IND", "UNMISS", T::kTroops, 20, 2000)});
  MonthRows now = In(8, {Row("VNM", "UNMISS", T::kStaffOfficer, 4, 0),  // 4 officers: too few to say
                         Row("JPN", "UNMISS", T::kTroops, 0, 7), Row("IND", "UNMISS", T::kTroops, 25, 2010),
                         Row("GHA", "UNMISS", T::kFormedPoliceUnits, 60, 0)});  // new, no neighbour
  MonthRows after =
      In(9, {Row("VNM", "UNMISS", T::kStaffOfficer, 1, 3), Row("JPN", "UNMISS", T::kTroops, 0, 6),
             Row("IND", "UNMISS", T::kTroops, 22, 1990), Row("GHA", "UNMISS", T::kFormedPoliceUnits, 60, 0)});
  EXPECT_TRUE(Detect(now, before, after).empty());
  // A unit that doubled in strength, all men before and all women now: not
  // the same strength, so no swap is claimed.
  MonthRows bb2 = In(6, {Row("NPL", "UNIFIL", T::kTroops, 0, 21)});
  MonthRows b2 = In(7, {Row("NPL", "UNIFIL", T::kTroops, 0, 20)});
  MonthRows n2 = In(8, {Row("NPL", "UNIFIL", T::kTroops, 50, 0)});
  Around around;
  around.before = &b2;
  around.before_before = &bb2;
  EXPECT_TRUE(Detect(n2, around).empty());
  n2.rows[0] = Row("NPL", "UNIFIL", T::kTroops, 30, 0);  // the same strength: this one is found
  EXPECT_EQ(1u, Detect(n2, around).size());
}

TEST(PlausibilityTest, ShareJumpOfACountryCategory) {
  auto rows = [](int64_t women, int64_t men) {
    return std::vector<SeriesRow>{Row("RWA", "UNMISS", T::kIndividualPolice, women / 2, men / 2),
                                  Row("RWA", "MINUSCA", T::kIndividualPolice, women - women / 2, men - men / 2),
                                  Row("IND", "UNMISS", T::kTroops, 100, 2000)};
  };
  std::vector<Anomaly> found = Detect(In(8, rows(60, 40)), In(7, rows(20, 80)), In(9, rows(22, 78)));
  ASSERT_EQ(1u, found.size());
  EXPECT_EQ(Anomaly::Kind::kShareJump, found[0].kind);
  EXPECT_EQ(Category::kIndividualPolice, found[0].category);
  EXPECT_EQ("RWA Individual police: 60 women of 100 (60.0 %), against 20.0 % in 2020-07 and 22.0 % in 2020-09",
            found[0].summary);
}

TEST(PlausibilityTest, ACountryMissingForOneMonth) {
  MonthRows before = In(7, {Row("FJI", "UNDOF", T::kTroops, 10, 140), Row("IND", "UNDOF", T::kTroops, 5, 200)});
  MonthRows now = In(8, {Row("IND", "UNDOF", T::kTroops, 5, 201)});
  MonthRows after = In(9, {Row("FJI", "UNDOF", T::kTroops, 11, 139), Row("IND", "UNDOF", T::kTroops, 5, 199)});
  std::vector<Anomaly> found = Detect(now, before, after);
  ASSERT_EQ(1u, found.size());
  EXPECT_EQ(Anomaly::Kind::kGap, found[0].kind);
  EXPECT_EQ("FJI", found[0].iso3);
  EXPECT_EQ("", found[0].mission);  // the country, not each of its missions
  EXPECT_EQ("FJI: absent, with 150 in 2020-07 and 150 in 2020-09", found[0].summary);
  // Back at a different strength: a withdrawal and a new rotation, not a gap.
  after.rows[0] = Row("FJI", "UNDOF", T::kTroops, 11, 60);
  EXPECT_TRUE(Detect(now, before, after).empty());
}

}  // namespace
}  // namespace bh
