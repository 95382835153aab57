#include "register/summary.h"

#include <gtest/gtest.h>

#include "query/queries.h"
#include "register/register_csv.h"
#include "store/schema.h"

namespace bh {
namespace {

Date D(const char* s) { return *Date::ParseIso(s); }

// The shipped illustrative Viet Nam register, loaded once.
class VietNamRegisterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = std::move(*OpenCoreStore(":memory:"));
    ASSERT_TRUE(EnsureRegisterSchema(db.get()).ok());
    Reference ref = *Reference::Load(db.get());
    auto s = ImportRegisterPaths(db.get(), ref,
                                 {std::string(BLUEHELMET_SOURCE_DIR) + "/data/examples/vnm_register_illustrative"});
    ASSERT_TRUE(s.ok()) << s.status().message();
    data_ = new RegisterData(*LoadRegister(db.get(), "VNM"));
    targets_ = new TargetTable(*LoadTargetTable(db.get()));
  }
  static void TearDownTestSuite() {
    delete data_;
    delete targets_;
  }
  static RegisterData* data_;
  static TargetTable* targets_;
};
RegisterData* VietNamRegisterTest::data_ = nullptr;
TargetTable* VietNamRegisterTest::targets_ = nullptr;

TEST(SummaryTest, OneDecimalShareRoundsHalfUp) {
  static const struct {
    int64_t women, total;
    const char* text;
  } cases[] = {{33, 189, "17.5 %"}, {4, 54, "7.4 %"},  {10, 63, "15.9 %"}, {13, 63, "20.6 %"},
               {1, 8, "12.5 %"},    {1, 3, "33.3 %"},  {2, 3, "66.7 %"},   {1, 2000, "0.1 %"},
               {0, 5, "0.0 %"},     {5, 5, "100.0 %"}, {0, 0, "-"}};
  for (const auto& c : cases) EXPECT_EQ(c.text, OneDecimalShare(c.women, c.total)) << c.women << "/" << c.total;
}

TEST(SummaryTest, RangeComparisonIsExact) {
  ShareRange r{800, 1000};
  EXPECT_EQ(RangeComparison::kBelow, CompareToRange(5, 63, r));     // 7.94 %
  EXPECT_EQ(RangeComparison::kWithin, CompareToRange(8, 100, r));   // exactly 8 %
  EXPECT_EQ(RangeComparison::kWithin, CompareToRange(6, 63, r));    // 9.52 %
  EXPECT_EQ(RangeComparison::kWithin, CompareToRange(10, 100, r));  // exactly 10 %
  EXPECT_EQ(RangeComparison::kAbove, CompareToRange(7, 63, r));     // 11.1 %
  EXPECT_EQ("8 April 2021", LongDate(D("2021-04-08")));
}

TEST_F(VietNamRegisterTest, ReproducesTheSeedStatementOf6April2021) {
  RegisterSummary s = Summarize(*data_, *targets_, D("2021-04-06"));
  EXPECT_TRUE(s.illustrative);
  ASSERT_EQ(2u, s.groups.size());
  const GroupSummary& h = s.groups[0];
  EXPECT_EQ("Level-2 field hospital", h.label);
  EXPECT_EQ(3, h.units);
  EXPECT_EQ(189, h.sent);
  EXPECT_EQ(33, h.women);
  EXPECT_EQ("17.5 %", OneDecimalShare(h.women, h.sent));
  ASSERT_TRUE(h.requested);
  EXPECT_EQ(
      "8\xE2\x80\x93"
      "10 %",
      h.requested->Text());
  EXPECT_EQ(RangeComparison::kAbove, CompareToRange(h.women, h.sent, *h.requested));
  EXPECT_EQ((std::vector<std::string>{"33 of the 63 personnel of L2FH-3"}), h.counted_ahead);
  const GroupSummary& o = s.groups[1];
  EXPECT_EQ("Individual postings", o.label);
  EXPECT_EQ(54, o.sent);
  EXPECT_EQ(4, o.women);
  EXPECT_EQ("7.4 %", OneDecimalShare(o.women, o.sent));
  EXPECT_EQ((std::vector<std::string>{"MINUSCA", "UNMISS", "UNHQ"}), o.missions);
  EXPECT_EQ(D("2014-06-27"), *o.first_start);
  ASSERT_EQ(3u, s.units.size());
  EXPECT_EQ(10, s.units[0].women);
  EXPECT_EQ(10, s.units[1].women);
  EXPECT_EQ(13, s.units[2].women);
  EXPECT_EQ(33, s.units[2].not_yet_departed);
  EXPECT_FALSE(s.units[0].target);  // no sourced UGPS cell for 2018
  EXPECT_EQ("8 %", s.units[2].target->Label());
}

TEST_F(VietNamRegisterTest, BriefingSaysWhatTheSeedSaid) {
  RegisterSummary s = Summarize(*data_, *targets_, D("2021-04-06"));
  EXPECT_EQ(
      "ILLUSTRATIVE register: the records are invented placeholders consistent "
      "with published figures, not real "
      "personnel data. As of 6 April 2021, Viet Nam has sent 3 level-2 field "
      "hospital teams with 189 personnel to "
      "UNMISS (Bentiu), 33 of them women (17.5 %): above the 8\xE2\x80\x93"
      "10 % the UN requested and meeting the 2021 "
      "UGPS target of 8 % for troop contingents. It has also sent 54 officers "
      "on individual postings to MINUSCA, "
      "UNMISS and UN Headquarters since June 2014, 4 of them women (7.4 %): "
      "below the 2021 UGPS target of 18 % for "
      "military observers and staff officers. A team counts as sent once its "
      "first batch has left, with its full "
      "deployed strength; each rotation and each posting counts once. Counted "
      "in full although their batch left "
      "after 6 April 2021: 33 of the 63 personnel of L2FH-3.",
      Briefing(s, "Viet Nam"));
}

TEST_F(VietNamRegisterTest, ARotationCountsOnceItsFirstBatchLeft) {
  RegisterSummary before = Summarize(*data_, *targets_, D("2021-03-23"));
  EXPECT_EQ(2, before.groups[0].units);
  EXPECT_EQ(126, before.groups[0].sent);
  EXPECT_EQ(20, before.groups[0].women);
  RegisterSummary on = Summarize(*data_, *targets_, D("2021-03-24"));
  EXPECT_EQ(3, on.groups[0].units);
  EXPECT_EQ(189, on.groups[0].sent);
  RegisterSummary all_left = Summarize(*data_, *targets_, D("2021-04-21"));
  EXPECT_TRUE(all_left.groups[0].counted_ahead.empty());
  RegisterSummary early = Summarize(*data_, *targets_, D("2017-04-30"));
  ASSERT_EQ(1u, early.groups.size());
  EXPECT_EQ(19, early.groups[0].sent);                                          // 19 officers by April 2017 (DOMAIN F)
  EXPECT_EQ(29, Summarize(*data_, *targets_, D("2018-11-30")).groups[1].sent);  // 29 by November 2018
}

struct Cellish {
  std::string mission;
  PersonnelType type;
  int women, men;
};
std::vector<Cellish> Cells(const Headcount& h) {
  std::vector<Cellish> out;
  for (const HeadcountCell& c : h.cells) out.push_back({c.mission, c.type, c.women, c.men});
  return out;
}
bool operator==(const Cellish& a, const Cellish& b) {
  return a.mission == b.mission && a.type == b.type && a.women == b.women && a.men == b.men;
}
void PrintTo(const Cellish& c, std::ostream* os) {
  *os << c.mission << "/" << PersonnelTypeLabel(c.type) << " F" << c.women << " M" << c.men;
}

TEST_F(VietNamRegisterTest, HeadcountOnMonthEndsInUnCategories) {
  using T = PersonnelType;
  // 31 Dec 2020 .. 30 Apr 2021: what the UN's reports show, but for
  // rotation 3's 63 in April (the UN counts 62).
  EXPECT_EQ((std::vector<Cellish>{{"MINUSCA", T::kStaffOfficer, 1, 2},
                                  {"MINUSCA", T::kExpertsOnMission, 0, 2},
                                  {"UNMISS", T::kTroops, 10, 53},
                                  {"UNMISS", T::kStaffOfficer, 0, 2},
                                  {"UNMISS", T::kExpertsOnMission, 1, 5}}),
            Cells(HeadcountOn(*data_, D("2020-12-31"))));
  EXPECT_EQ((std::vector<Cellish>{{"MINUSCA", T::kStaffOfficer, 1, 5},
                                  {"MINUSCA", T::kExpertsOnMission, 0, 1},
                                  {"UNMISS", T::kTroops, 3, 32},
                                  {"UNMISS", T::kStaffOfficer, 0, 1},
                                  {"UNMISS", T::kExpertsOnMission, 1, 4}}),
            Cells(HeadcountOn(*data_, D("2021-03-31"))));
  Headcount april = HeadcountOn(*data_, D("2021-04-30"));
  EXPECT_EQ((std::vector<Cellish>{{"MINUSCA", T::kStaffOfficer, 1, 5},
                                  {"MINUSCA", T::kExpertsOnMission, 0, 1},
                                  {"UNMISS", T::kTroops, 13, 50},
                                  {"UNMISS", T::kStaffOfficer, 0, 1},
                                  {"UNMISS", T::kExpertsOnMission, 0, 4}}),
            Cells(april));
  EXPECT_EQ(1, april.hq_men);  // at UN Headquarters, in no mission
  EXPECT_EQ(0, april.hq_women);
}

TEST_F(VietNamRegisterTest, DatedMonthsRunFromTheFirstPostingToTheLastArrival) {
  std::optional<MonthSpan> span = DatedMonths(*data_);
  ASSERT_TRUE(span.has_value());
  EXPECT_EQ("2014-06", span->from.ToString());  // the first posting starts 2014-06-27
  EXPECT_EQ("2021-04", span->to.ToString());    // rotation 3's last batch arrives 2021-04-24
  EXPECT_FALSE(DatedMonths(RegisterData{}).has_value());
}

TEST_F(VietNamRegisterTest, HeadcountCountsBothRotationsDuringHandover) {
  auto troops = [&](const char* day) {
    for (const HeadcountCell& c : HeadcountOn(*data_, D(day)).cells) {
      if (c.type == PersonnelType::kTroops) return std::make_pair(c.women, c.men);
    }
    return std::make_pair(0, 0);
  };
  EXPECT_EQ(std::make_pair(15, 77),
            troops("2019-11-25"));  // rotation 1 (63) + rotation 2's first batch (29)
  EXPECT_EQ(std::make_pair(10, 65),
            troops("2019-11-27"));  // rotation 2 (63) + rotation 1's last 12 men
  EXPECT_EQ(std::make_pair(10, 53),
            troops("2019-11-30"));  // rotation 2 alone, as the UN's November report
  EXPECT_EQ(std::make_pair(13, 55),
            troops("2021-04-22"));  // rotation 3 (63) + rotation 2's last 5 men
  EXPECT_EQ(std::make_pair(13, 50),
            troops("2021-04-24"));  // rotation 2's last batch home
}

TEST_F(VietNamRegisterTest, PlanningUsesExactCeilings) {
  auto p = PlanNextRotation(*data_, *targets_, "L2FH-3", 2021);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(63, p->strength);
  EXPECT_EQ(6, *p->women_for_target);         // 63 x 8 % = 5.04 -> 6
  EXPECT_EQ(6, *p->women_for_requested_min);  // 8 %
  EXPECT_EQ(7, *p->women_for_requested_max);  // 63 x 10 % = 6.3 -> 7
  EXPECT_EQ(13, p->current_women);
  auto p2022 = PlanNextRotation(*data_, *targets_, "L2FH-3", 2022);
  EXPECT_TRUE(p2022->target->interpolated);
  EXPECT_EQ("9 % (interpolated)",
            p2022->target->Label());       // 8 % (2021) .. 15 % (2028)
  EXPECT_EQ(6, *p2022->women_for_target);  // 5.67 -> 6
  auto p2028 = PlanNextRotation(*data_, *targets_, "L2FH-3", 2028);
  EXPECT_EQ(10, *p2028->women_for_target);  // 63 x 15 % = 9.45 -> 10
  EXPECT_FALSE(PlanNextRotation(*data_, *targets_, "L2FH-3", 2018)->target);
  EXPECT_EQ("unknown unit 'L2FH-9' of VNM", PlanNextRotation(*data_, *targets_, "L2FH-9", 2022).status().message());
}

}  // namespace
}  // namespace bh
