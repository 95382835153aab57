#include "views/mission_views.h"

#include <gtest/gtest.h>

#include "store/contribution_store.h"
#include "store/schema.h"

namespace bh {
namespace {

// Two months of two missions: Viet Nam and Japan in UNMISS, Viet Nam in
// UNISFA; 2025-09 has one row without a sex split.
class MissionViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    struct R {
      std::string iso3, mission;
      PersonnelType type;
      std::optional<int64_t> w, m;
      int64_t total;
    };
    for (int month : {8, 9}) {
      ImportSession s(db_.get(),
                      {"m" + std::to_string(month) + ".pdf", "", "sha-" + std::to_string(month), "un_pdf", "", false});
      std::vector<R> rows = {{"VNM", "UNMISS", PersonnelType::kTroops, 13, 49, 62},
                             {"VNM", "UNMISS", PersonnelType::kStaffOfficer, 2, 6, 8},
                             {"JPN", "UNMISS", PersonnelType::kStaffOfficer, 1, 3, 4},
                             {"VNM", "UNISFA", PersonnelType::kExpertsOnMission, 1, 3, 4}};
      if (month == 9)
        rows.push_back({"JPN", "UNISFA", PersonnelType::kIndividualPolice, std::nullopt, std::nullopt, 5});
      int line = 0;
      for (const R& x : rows) {
        ContributionRow r;
        r.page = 1;
        r.line = ++line;
        r.report_date = Date::LastDayOf({2025, month});
        r.iso3 = x.iso3;
        r.mission = x.mission;
        r.type = x.type;
        r.women = x.w;
        r.men = x.m;
        r.total = x.total;
        ASSERT_TRUE(s.AddContribution(r).ok());
      }
      ASSERT_TRUE(s.Commit("no totals printed").ok());
    }
    ref_ = std::make_unique<Reference>(std::move(*Reference::Load(db_.get())));
  }
  static std::vector<std::string> Texts(const std::vector<Cell>& row) {
    std::vector<std::string> out;
    for (const Cell& c : row) out.push_back(c.Text());
    return out;
  }
  std::unique_ptr<Db> db_;
  std::unique_ptr<Reference> ref_;
};

using Row = std::vector<std::string>;

TEST_F(MissionViewsTest, LatestMonthPerMissionAndCategory) {
  auto t = MissionsTable(db_.get(), *ref_, {}, std::nullopt);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ("Missions: strength and share of women per category, 2025-09", t->title);
  ASSERT_EQ(6u, t->rows.size());
  // UNISFA: Japan's police have no sex split, so the mission's women are unknown.
  EXPECT_EQ((Row{"2025-09", "UNISFA", "-", "-", "All uniformed", "-", "-", "9", "-", "2025-08", "2025-09",
                 "United Nations Interim Security Force for Abyei"}),
            Texts(t->rows[0]));
  EXPECT_EQ("Observers & staff officers", Texts(t->rows[1])[4]);
  EXPECT_EQ("4", Texts(t->rows[1])[7]);
  EXPECT_EQ("25 %", Texts(t->rows[1])[8]);
  EXPECT_EQ((Row{"2025-09", "UNMISS", "SSD", "South Sudan", "All uniformed", "16", "58", "74", "21.62 %", "2025-08",
                 "2025-09", "United Nations Mission in the Republic of South Sudan"}),
            Texts(t->rows[3]));
  Row contingents = Texts(t->rows[4]);
  EXPECT_EQ((Row{"Contingents", "13", "49", "62", "20.97 %"}), Row(contingents.begin() + 4, contingents.begin() + 9));
}

TEST_F(MissionViewsTest, SeriesOfOneMissionAndCategory) {
  ParsedFigureFilter p;
  FigureFilter& f = p.filter;
  f.from = Month{2025, 8};
  f.to = Month{2025, 9};
  f.missions = {"UNMISS"};
  f.categories = {Category::kObserversStaff};
  auto t = MissionsTable(db_.get(), *ref_, p, std::nullopt);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(
      "Missions: strength and share of women per category, 2025-08 to 2025-09 (mission UNMISS, Observers & staff "
      "officers)",
      t->title);
  ASSERT_EQ(2u, t->rows.size());  // no "All uniformed" row when a category narrows
  EXPECT_EQ((Row{"2025-08", "UNMISS", "Observers & staff officers", "3", "9", "12", "25 %"}),
            (Row{Texts(t->rows[0])[0], Texts(t->rows[0])[1], Texts(t->rows[0])[4], Texts(t->rows[0])[5],
                 Texts(t->rows[0])[6], Texts(t->rows[0])[7], Texts(t->rows[0])[8]}));
  auto both = MissionsTable(db_.get(), *ref_, p, Month{2025, 9});
  EXPECT_EQ("give either a month or from/to, not both", both.status().message());
  // category=all: the All uniformed rows only.
  ParsedFigureFilter all;
  all.all_categories = true;
  auto t_all = MissionsTable(db_.get(), *ref_, all, std::nullopt);
  ASSERT_TRUE(t_all.ok());
  ASSERT_EQ(2u, t_all->rows.size());
  EXPECT_EQ("All uniformed", Texts(t_all->rows[1])[4]);
  EXPECT_EQ("74", Texts(t_all->rows[1])[7]);
}

TEST_F(MissionViewsTest, ContributorsRankedByTotalOrWomen) {
  auto t = MissionContributorsTable(db_.get(), *ref_, "unmiss", {}, Month{2025, 9}, ContributorOrder::kTotal);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ("UNMISS (South Sudan): contributors by total, 2025-09", t->title);
  ASSERT_EQ(5u, t->rows.size());
  EXPECT_EQ((Row{"1", "Viet Nam", "VNM", "All uniformed", "15", "55", "70", "21.43 %"}), Texts(t->rows[0]));
  EXPECT_EQ((Row{"1", "Viet Nam", "VNM", "Contingents", "13", "49", "62", "20.97 %"}), Texts(t->rows[1]));
  EXPECT_EQ((Row{"2", "Japan", "JPN", "All uniformed", "1", "3", "4", "25 %"}), Texts(t->rows[3]));
  EXPECT_EQ(
      "UNMISS: United Nations Mission in the Republic of South Sudan, in South Sudan; UNMISS in 2025-09: 74 uniformed "
      "personnel, 16 women (21.62 %), from 2 countries.",
      t->notes[0]);
  auto unisfa = MissionContributorsTable(db_.get(), *ref_, "UNISFA", {}, Month{2025, 9}, ContributorOrder::kWomen);
  EXPECT_EQ(
      "UNISFA in 2025-09: not every figure has a sex split, so contributors cannot be ranked by women (use --by "
      "total)",
      unisfa.status().message());
}

TEST_F(MissionViewsTest, ContributorsFailWithOneLine) {
  EXPECT_EQ("unknown mission: 'UNMISZ' (did you mean UNMIS or UNMISS?)",
            MissionContributorsTable(db_.get(), *ref_, "UNMISZ", {}, std::nullopt, ContributorOrder::kTotal)
                .status()
                .message());
  EXPECT_EQ("MINUSCA: no figures for 2025-09 (no imported report gives it figures)",
            MissionContributorsTable(db_.get(), *ref_, "MINUSCA", {}, std::nullopt, ContributorOrder::kTotal)
                .status()
                .message());
  EXPECT_EQ("UNISFA: no figures for 2025-07 (it has figures from 2025-08 to 2025-09)",
            MissionContributorsTable(db_.get(), *ref_, "UNISFA", {}, Month{2025, 7}, ContributorOrder::kTotal)
                .status()
                .message());
  EXPECT_EQ("--by: 'rank' is not one of total, women", ParseContributorOrder("rank", "--by").status().message());
}

}  // namespace
}  // namespace bh
