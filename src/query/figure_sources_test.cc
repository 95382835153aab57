#include "query/figure_sources.h"

#include <gtest/gtest.h>

#include <tuple>

#include "store/contribution_store.h"
#include "store/schema.h"

namespace bh {
namespace {

class FigureSourcesTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = std::move(*OpenCoreStore(":memory:")); }
  // One import of `rows` (mission, type, women, men), lines from 2, dated `date`.
  void Import(const char* sha, const char* file, Date date,
              std::vector<std::tuple<std::string, PersonnelType, int, int>> rows, int page = 0) {
    ImportSession s(db_.get(), {file, std::string("/data/") + file, sha, page ? "un_pdf" : "un_gender_csv", "", false});
    int line = 1;
    for (const auto& [mission, type, w, m] : rows) {
      ContributionRow r;
      r.page = page;
      r.line = ++line;
      r.report_date = date;
      r.iso3 = "VNM";
      r.mission = mission;
      r.type = type;
      r.women = w;
      r.men = m;
      r.total = w + m;
      ASSERT_TRUE(s.AddContribution(r).ok());
    }
    ASSERT_TRUE(s.Commit("no totals printed").ok());
  }
  std::unique_ptr<Db> db_;
};

TEST_F(FigureSourcesTest, RowsOfTheCellWithTheirFileAndLine) {
  Import("sha-apr", "apr.pdf", {2021, 4, 30},
         {{"UNMISS", PersonnelType::kTroops, 13, 49},
          {"MINUSCA", PersonnelType::kExpertsOnMission, 1, 3},
          {"UNMISS", PersonnelType::kStaffOfficer, 0, 1}},
         29);
  auto rows = FigureSources(db_.get(), {{2021, 4}, "VNM", "UNMISS", PersonnelType::kTroops});
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(1u, rows->size());
  const FigureSource& f = (*rows)[0];
  EXPECT_EQ("2021-04", f.month.ToString());
  EXPECT_EQ("2021-04-30", f.report_date);
  EXPECT_EQ("UNMISS", f.mission);
  EXPECT_EQ(PersonnelType::kTroops, f.type);
  EXPECT_EQ(13, f.women);
  EXPECT_EQ(49, f.men);
  EXPECT_EQ(62, f.total);
  EXPECT_EQ(29, f.page);
  EXPECT_EQ(2, f.line);
  EXPECT_EQ("apr.pdf", f.file_name);
  EXPECT_EQ("/data/apr.pdf", f.path);
  EXPECT_EQ("sha-apr", f.sha256);
  EXPECT_EQ("un_pdf", f.kind);
  EXPECT_TRUE(f.corrections.empty());
}

TEST_F(FigureSourcesTest, WithoutMissionOrTypeEveryRowInMissionAndTypeOrder) {
  Import("sha-apr", "apr.csv", {2021, 4, 30},
         {{"UNMISS", PersonnelType::kStaffOfficer, 0, 1},
          {"MINUSCA", PersonnelType::kExpertsOnMission, 1, 3},
          {"UNMISS", PersonnelType::kTroops, 13, 49}});
  auto rows = FigureSources(db_.get(), {{2021, 4}, "VNM", "", std::nullopt});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(3u, rows->size());
  EXPECT_EQ("MINUSCA", (*rows)[0].mission);
  EXPECT_EQ(PersonnelType::kTroops, (*rows)[1].type);  // the UN's order: Troops before Staff Officer
  EXPECT_EQ(4, (*rows)[1].line);
  EXPECT_EQ(PersonnelType::kStaffOfficer, (*rows)[2].type);
  EXPECT_EQ(0, (*rows)[2].page);
  auto by_type = FigureSources(db_.get(), {{2021, 4}, "VNM", "", PersonnelType::kExpertsOnMission});
  ASSERT_TRUE(by_type.ok());
  ASSERT_EQ(1u, by_type->size());
  EXPECT_EQ(3, (*by_type)[0].line);
}

TEST_F(FigureSourcesTest, OnlyTheCurrentImportOfTheMonth) {
  Import("sha-old", "old.csv", {2021, 4, 30}, {{"UNMISS", PersonnelType::kTroops, 10, 50}});
  Import("sha-new", "new.csv", {2021, 4, 30}, {{"UNMISS", PersonnelType::kTroops, 13, 49}});
  auto rows = FigureSources(db_.get(), {{2021, 4}, "VNM", "UNMISS", PersonnelType::kTroops});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(1u, rows->size());
  EXPECT_EQ("new.csv", (*rows)[0].file_name);
  EXPECT_EQ(13, (*rows)[0].women);
}

TEST_F(FigureSourcesTest, NoMatchIsAnEmptyResult) {
  Import("sha-apr", "apr.csv", {2021, 4, 30}, {{"UNMISS", PersonnelType::kTroops, 13, 49}});
  EXPECT_TRUE(FigureSources(db_.get(), {{2021, 4}, "VNM", "UNIFIL", std::nullopt})->empty());
  EXPECT_TRUE(FigureSources(db_.get(), {{2021, 4}, "JPN", "", std::nullopt})->empty());
  EXPECT_TRUE(FigureSources(db_.get(), {{2021, 5}, "VNM", "", std::nullopt})->empty());
  EXPECT_TRUE(*MonthHasContributions(db_.get(), {2021, 4}));
  EXPECT_FALSE(*MonthHasContributions(db_.get(), {2021, 5}));
}

}  // namespace
}  // namespace bh
