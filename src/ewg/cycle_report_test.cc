#include "ewg/cycle_report.h"

#include <gtest/gtest.h>

#include "ewg/ewg_csv.h"
#include "ewg/ewg_schema.h"
#include "ewg/ewg_store.h"
#include "store/contribution_store.h"
#include "store/schema.h"
#include "views/cycle_report_view.h"

namespace bh {
namespace {

ContributionRow Row(int line, const char* date, const char* iso3, PersonnelType t, int women, int men) {
  ContributionRow r;
  r.line = line;
  r.report_date = *ParseDate(date);
  r.iso3 = iso3;
  r.mission = "UNMISS";
  r.type = t;
  r.women = women;
  r.men = men;
  r.total = women + men;
  return r;
}

class EwgReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    ASSERT_TRUE(EnsureEwgSchema(db_.get()).ok());
    ref_ = std::make_unique<Reference>(std::move(*Reference::Load(db_.get())));
    // UN figures for the first month of 2021 and the last of 2023 only.
    Contribute("jan21.csv", "s1",
               {Row(2, "2021-01-31", "VNM", PersonnelType::kTroops, 10, 52),
                Row(3, "2021-01-31", "VNM", PersonnelType::kStaffOfficer, 1, 4),
                Row(4, "2021-01-31", "JPN", PersonnelType::kStaffOfficer, 0, 4),
                Row(5, "2021-01-31", "FRA", PersonnelType::kTroops, 5, 95)});
    Contribute("dec23.csv", "s2", {Row(2, "2023-12-31", "VNM", PersonnelType::kTroops, 11, 52)});
    // Counts by sex for one meeting: Viet Nam reported, Japan illustrative.
    Batch b;
    Fields vn = {{"activity", "PKO4-M15"}, {"country", "Viet Nam"}, {"women", "3"}, {"men", "5"}, {"source", "test"}};
    Fields jp = {{"activity", "PKO4-M15"}, {"country", "JPN"},
                 {"women", "1"},           {"men", "3"},
                 {"illustrative", "yes"},  {"source", "ILLUSTRATIVE test"}};
    ASSERT_TRUE(AddToBatch(EwgKind::kParticipant, vn, *ref_, "t", "test", &b).ok());
    ASSERT_TRUE(AddToBatch(EwgKind::kParticipant, jp, *ref_, "t", "test", &b).ok());
    ASSERT_TRUE(ApplyBatch(db_.get(), *ref_, b).ok());
  }
  void Contribute(const char* file, const char* sha, const std::vector<ContributionRow>& rows) {
    ImportSession s(db_.get(), {file, file, sha, "un_gender_csv", "", false});
    ASSERT_TRUE(s.status().ok());
    for (const ContributionRow& r : rows) ASSERT_TRUE(s.AddContribution(r).ok());
    ASSERT_TRUE(s.Commit("no totals printed").ok());
  }
  std::unique_ptr<Db> db_;
  std::unique_ptr<Reference> ref_;
};

TEST_F(EwgReportTest, CycleFourValues) {
  auto r = BuildCycleReport(db_.get(), *ref_, "pko", 4, {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ("PKO", r->ewg.code);
  EXPECT_EQ((std::vector<std::string>{"VNM", "JPN"}), r->cycle.co_chairs);
  ASSERT_EQ(7u, r->activities.size());
  EXPECT_EQ((std::vector<int>{18, 2, 0, 0, 18, 0, 0}), r->delegations);
  EXPECT_EQ(38, r->records);
  EXPECT_EQ(2, r->records_with_counts);
  EXPECT_EQ(4, r->women);
  EXPECT_EQ(8, r->men);
  EXPECT_TRUE(r->any_illustrative);
  ASSERT_EQ(18u, r->participation.size());
  EXPECT_EQ("BRN", r->participation.front().iso3);  // ASEAN first, by name
  const CountryParticipation& vn = r->participation[9];
  EXPECT_EQ("VNM", vn.iso3);
  EXPECT_EQ(3, vn.activities);
  EXPECT_EQ(1, vn.with_counts);
  EXPECT_EQ(3, vn.women);
  EXPECT_FALSE(vn.illustrative);
  const CountryParticipation& jp = r->participation[13];
  EXPECT_EQ("JPN", jp.iso3);
  EXPECT_EQ("Plus", jp.side);
  EXPECT_TRUE(jp.reported && jp.illustrative);

  ASSERT_TRUE(r->at_start.month);
  EXPECT_EQ("2021-01", r->at_start.month->ToString());
  EXPECT_EQ("2021-01: the cycle's start is known to the year only (2021); January is an assumption", r->at_start.basis);
  EXPECT_TRUE(r->at_start.has_figures);
  EXPECT_EQ(16u, r->at_start.absent.size());
  EXPECT_EQ("2023-12", r->at_end.month->ToString());
  EXPECT_EQ("2023-12: the cycle's end is known to the year only (2023); December is an assumption", r->at_end.basis);
  ASSERT_EQ(2u, r->at_end.rows.size());  // Viet Nam contingents and the group total
  EXPECT_EQ(11, r->at_end.rows[0].women);
  EXPECT_EQ(63, r->at_end.rows[0].total);
}

TEST_F(EwgReportTest, RendersScorecardAndParticipation) {
  auto r = BuildCycleReport(db_.get(), *ref_, "PKO", 4, {});
  ASSERT_TRUE(r.ok());
  std::vector<Table> tables = CycleReportTables(*r, *ref_);
  ASSERT_EQ(7u, tables.size());
  EXPECT_EQ(
      "Members' UN contributions at the start of cycle PKO 4: 2021-01 (ADMM-Plus)\n"
      "Country          Category                    Women  Total    Share  Target  Status\n"
      "---------------  --------------------------  -----  -----  -------  ------  ------\n"
      "Viet Nam         Contingents                    10     62  16.13 %     8 %  green\n"
      "ADMM-Plus total  Contingents                    10     62  16.13 %     8 %  green\n"
      "Japan            Observers & staff officers      0      4      0 %    18 %  red\n"
      "Viet Nam         Observers & staff officers      1      5     20 %    18 %  green\n"
      "ADMM-Plus total  Observers & staff officers      1      9  11.11 %    18 %  yellow\n"
      "Month 2021-01: the cycle's start is known to the year only (2021); January is an assumption.\n"
      "No personnel deployed: Australia, Brunei Darussalam, Cambodia, China, India, Indonesia, Lao People's "
      "Democratic Republic, Malaysia, Myanmar, New Zealand, Philippines, Republic of Korea, Russian Federation, "
      "Singapore, Thailand, United States.\n"
      "Status: green meets the target, yellow has women below it, red has none.\n"
      "Targets: ugps-2018-sourced (see 'bluehelmet targets').\n"
      "Source: import #1 jan21.csv (sha256 s1…)\n",
      Render(tables[5], Format::kTable));
  const Table& p = tables[2];
  EXPECT_EQ("Participation by country, cycle PKO 4 [ILLUSTRATIVE participant figures]", p.title);
  Table vn_row;
  vn_row.columns = p.columns;
  vn_row.rows = {p.rows[9]};
  EXPECT_EQ(
      "Country,Side,Activities,With counts,Women,Men,Total,Women's share,Basis\n"
      "Viet Nam,ASEAN,3,1,3,5,8,37.5,reported\n",
      Render(vn_row, Format::kCsv));
  EXPECT_EQ("All delegations", p.rows.back()[0].Text());
  EXPECT_EQ("33.33 %", p.rows.back()[7].Text());
  EXPECT_EQ("reported + ILLUSTRATIVE", p.rows.back()[8].Text());
  EXPECT_EQ(
      "36 of 38 delegation records have no counts by sex: real participant counts by sex were not found in the "
      "sources consulted.",
      p.notes[1]);
  EXPECT_EQ("Women among participants", tables[0].rows[6][0].Text());
  EXPECT_EQ("4 of 12 (33.33 %) ILLUSTRATIVE", tables[0].rows[6][1].Text());
}

TEST_F(EwgReportTest, SaysPlainlyWhenTheStoreHasNoFigures) {
  CycleReportOptions o;
  o.at_end = Month{2022, 6};
  auto r = BuildCycleReport(db_.get(), *ref_, "PKO", 4, o);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->at_end.has_figures);
  std::vector<Table> tables = CycleReportTables(*r, *ref_);
  EXPECT_TRUE(tables[6].rows.empty());
  EXPECT_EQ((std::vector<std::string>{
                "Month 2022-06: given with --at-end.",
                "The store has no UN contribution figures for 2022-06: no scorecard for the end of the cycle. Import "
                "the UN file for that month ('bluehelmet import FILE'), or choose another month with --at-end "
                "YYYY-MM."}),
            tables[6].notes);
}

TEST_F(EwgReportTest, CycleWithoutEndHasNoEndScorecard) {
  auto r = BuildCycleReport(db_.get(), *ref_, "PKO", 5, {});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->at_end.month);
  EXPECT_EQ("not known: the cycle's end date is not recorded", r->at_end.basis);
  EXPECT_EQ("cycle PKO 9 is not recorded (see 'bluehelmet ewg cycles --ewg PKO')",
            BuildCycleReport(db_.get(), *ref_, "PKO", 9, {}).status().message());
}

}  // namespace
}  // namespace bh
