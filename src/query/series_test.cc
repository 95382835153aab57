#include "query/series.h"

#include <gtest/gtest.h>

#include <tuple>

#include "store/contribution_store.h"
#include "store/schema.h"

namespace bh {
namespace {

using Row = std::tuple<std::string, std::string, PersonnelType, int, int>;

// Reports for 2025-09, 2025-10 and 2025-12 (2025-11 is missing), and a rank
// file for 2025-11 and 2025-12: Viet Nam in two missions, Timor-Leste (in
// ASEAN from 2025-10-26), Japan (not in ASEAN).
class SeriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    const std::vector<Row> rows = {
        {"VNM", "UNMISS", PersonnelType::kTroops, 13, 49},
        {"VNM", "UNISFA", PersonnelType::kStaffOfficer, 2, 8},
        {"VNM", "UNISFA", PersonnelType::kExpertsOnMission, 1, 3},
        {"TLS", "UNMISS", PersonnelType::kIndividualPolice, 1, 2},
        {"JPN", "UNMISS", PersonnelType::kStaffOfficer, 0, 4},
    };
    for (int month : {9, 10, 12}) {
      ImportSession s(db_.get(),
                      {"m" + std::to_string(month) + ".pdf", "", "sha-" + std::to_string(month), "un_pdf", "", false});
      int line = 0;
      for (const auto& [iso3, mission, type, w, m] : rows) {
        ContributionRow r;
        r.line = ++line;
        r.report_date = Date::LastDayOf({2025, month});
        r.iso3 = iso3;
        r.mission = mission;
        r.type = type;
        // December: Viet Nam's troops double.
        int k = month == 12 && type == PersonnelType::kTroops ? 2 : 1;
        r.women = w * k;
        r.men = m * k;
        r.total = (w + m) * k;
        ASSERT_TRUE(s.AddContribution(r).ok());
      }
      ASSERT_TRUE(s.Commit("no totals printed").ok());
    }
    ImportSession s(db_.get(), {"Rank.csv", "", "sha-rank", "un_rank_csv", "", false});
    int line = 0;
    for (int month : {11, 12}) {
      for (const auto& [iso3, w, m] : std::vector<std::tuple<std::string, int, int>>{{"VNM", 20, 70}, {"JPN", 1, 5}}) {
        CountryTotalRow t;
        t.line = ++line;
        t.report_date = Date::LastDayOf({2025, month});
        t.iso3 = iso3;
        t.women = w;
        t.men = m;
        t.total = w + m;
        ASSERT_TRUE(s.AddCountryTotal(t).ok());
      }
    }
    ASSERT_TRUE(s.Commit("rank file").ok());
  }
  Series Of(const FigureFilter& f, SeriesOptions o = {}) {
    auto s = SeriesFor(db_.get(), f, o);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return s.ok() ? *s : Series{};
  }
  // "2025-09 contingents 13/62" per point, for compact comparisons.
  static std::vector<std::string> Lines(const Series& s) {
    std::vector<std::string> out;
    for (const SeriesMonth& p : s.points) {
      std::string c = p.category ? std::string(CategoryCode(*p.category)) : "all";
      if (p.missing) {
        out.push_back(p.month.ToString() + " " + c + " missing");
      } else {
        out.push_back(p.month.ToString() + " " + c + " " + std::to_string(p.women) + "/" + std::to_string(p.total) +
                      " n=" + std::to_string(p.countries) + " " + std::string(SeriesSourceName(p.source)));
      }
    }
    return out;
  }
  std::unique_ptr<Db> db_;
};

TEST_F(SeriesTest, ACountryPerCategoryWithTheMissingMonthAsARow) {
  FigureFilter f;
  f.countries = {"VNM"};
  Series s = Of(f);
  EXPECT_EQ((Month{2025, 9}), s.first);
  EXPECT_EQ((Month{2025, 12}), s.last);
  EXPECT_EQ((std::vector<std::string>{"2025-09 contingents 13/62 n=1 reports", "2025-09 mo_so 3/14 n=1 reports",
                                      "2025-10 contingents 13/62 n=1 reports", "2025-10 mo_so 3/14 n=1 reports",
                                      "2025-11 contingents missing", "2025-11 mo_so missing",
                                      "2025-12 contingents 26/124 n=1 reports", "2025-12 mo_so 3/14 n=1 reports"}),
            Lines(s));
  EXPECT_FALSE(s.used_rows);
  EXPECT_FALSE(s.synthetic);
  // The UGPS target of the month's year rides along.
  ASSERT_TRUE(s.points[0].target.has_value());
  EXPECT_EQ(ParityStatus::kGreen, s.points[0].status);  // 13/62 = 21 % against 2025's contingents target
}

TEST_F(SeriesTest, AGroupCountsItsMembersAsOfEachMonth) {
  FigureFilter f;
  f.group = "ASEAN";
  f.categories = {Category::kIndividualPolice};
  // Timor-Leste counts from October 2025 (joined on the 26th).
  EXPECT_EQ((std::vector<std::string>{"2025-09 ipo 0/0 n=0 reports", "2025-10 ipo 1/3 n=1 reports",
                                      "2025-11 ipo missing", "2025-12 ipo 1/3 n=1 reports"}),
            Lines(Of(f)));
}

TEST_F(SeriesTest, AMissionOrATypeReadsTheRows) {
  FigureFilter f;
  f.missions = {"UNMISS"};
  f.from = Month{2025, 10};
  f.to = Month{2025, 10};
  Series s = Of(f);
  EXPECT_TRUE(s.used_rows);
  EXPECT_EQ((std::vector<std::string>{"2025-10 contingents 13/62 n=1 reports", "2025-10 mo_so 0/4 n=1 reports",
                                      "2025-10 ipo 1/3 n=1 reports"}),
            Lines(s));
  f = {};
  f.types = {PersonnelType::kExpertsOnMission};
  f.to = Month{2025, 9};
  EXPECT_EQ((std::vector<std::string>{"2025-09 mo_so 1/4 n=1 reports"}), Lines(Of(f)));
}

TEST_F(SeriesTest, BothPathsAgree) {
  std::vector<FigureFilter> filters(4);
  filters[1].countries = {"VNM", "JPN"};
  filters[2].group = "ASEAN";
  filters[3].categories = {Category::kObserversStaff};
  for (const FigureFilter& f : filters) {
    for (bool all : {false, true}) {
      SeriesOptions o;
      o.all_categories = all;
      Series fast = Of(f, o);
      o.force_rows = true;
      Series rows = Of(f, o);
      EXPECT_FALSE(fast.used_rows);
      EXPECT_TRUE(rows.used_rows);
      EXPECT_EQ(Lines(fast), Lines(rows));
    }
  }
}

TEST_F(SeriesTest, AllSumsEveryTypeAndTakesTheRankFilesWhereReportsAreMissing) {
  FigureFilter f;
  f.countries = {"VNM"};
  SeriesOptions o;
  o.all_categories = true;
  Series s = Of(f, o);
  // Reports win where both exist (December); November has only the rank file.
  EXPECT_EQ((std::vector<std::string>{"2025-09 all 16/76 n=1 reports", "2025-10 all 16/76 n=1 reports",
                                      "2025-11 all 20/90 n=1 rank files", "2025-12 all 29/138 n=1 reports"}),
            Lines(s));
  EXPECT_FALSE(s.points[0].target.has_value());
  // Under a mission filter the rank files (no missions) cannot serve.
  f.missions = {"UNMISS"};
  EXPECT_EQ((std::vector<std::string>{"2025-09 all 13/62 n=1 reports", "2025-10 all 13/62 n=1 reports",
                                      "2025-11 all missing", "2025-12 all 26/124 n=1 reports"}),
            Lines(Of(f, o)));
}

TEST_F(SeriesTest, TheWorld) {
  FigureFilter f;
  f.from = Month{2025, 9};
  f.to = Month{2025, 9};
  SeriesOptions o;
  o.all_categories = true;
  EXPECT_EQ((std::vector<std::string>{"2025-09 all 17/83 n=3 reports"}), Lines(Of(f, o)));
}

TEST_F(SeriesTest, SyntheticMonthsBesideRealOnesAreLeftOut) {
  // The importer keeps real and synthetic apart; should a store hold both,
  // the synthetic months are missing rows, not blended in.
  ASSERT_TRUE(db_->Exec("UPDATE import SET synthetic = 1 WHERE file_name = 'm12.pdf'").ok());
  FigureFilter f;
  f.countries = {"VNM"};
  f.categories = {Category::kContingents};
  Series s = Of(f);
  EXPECT_EQ(1, s.synthetic_excluded);
  EXPECT_FALSE(s.synthetic);
  EXPECT_TRUE(s.points.back().missing);
  EXPECT_TRUE(s.points.back().synthetic_excluded);
  // All synthetic: the series is the sample, flagged.
  ASSERT_TRUE(db_->Exec("UPDATE import SET synthetic = 1").ok());
  s = Of(f);
  EXPECT_TRUE(s.synthetic);
  EXPECT_EQ(0, s.synthetic_excluded);
  EXPECT_TRUE(s.points.back().synthetic);
}

TEST_F(SeriesTest, ErrorsSayWhy) {
  FigureFilter f;
  f.from = Month{2020, 1};
  f.to = Month{2020, 2};
  auto s = SeriesFor(db_.get(), f);
  EXPECT_EQ(Status::Code::kNotFound, s.status().code());
  EXPECT_EQ("no figures from 2020-01 to 2020-02 (see 'bluehelmet months')", s.status().message());
  f = {};
  f.group = "Nowhere";
  EXPECT_EQ(Status::Code::kNotFound, SeriesFor(db_.get(), f).status().code());
}

}  // namespace
}  // namespace bh
