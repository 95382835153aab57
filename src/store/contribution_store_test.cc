#include "store/contribution_store.h"

#include <gtest/gtest.h>

#include "store/month_figures.h"
#include "store/schema.h"

namespace bh {
namespace {

ContributionRow Row(int line, const char* date, const char* iso3, const char* mission, PersonnelType t, int w, int m) {
  ContributionRow r;
  r.line = line;
  r.report_date = *ParseDate(date);
  r.iso3 = iso3;
  r.mission = mission;
  r.type = t;
  r.women = w;
  r.men = m;
  r.total = w + m;
  return r;
}

class ContributionStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = std::move(*OpenCoreStore(":memory:")); }
  int64_t Import(const char* sha, std::vector<ContributionRow> rows) {
    ImportSession s(db_.get(), {"f.csv", "f.csv", sha, "un_gender_csv", "", false});
    EXPECT_TRUE(s.status().ok());
    if (s.existing_import()) return *s.existing_import();
    for (auto& r : rows) EXPECT_TRUE(s.AddContribution(r).ok());
    EXPECT_TRUE(s.Commit("no totals printed").ok());
    return s.import_id();
  }
  std::unique_ptr<Db> db_;
};

TEST_F(ContributionStoreTest, SameBytesImportOnce) {
  int64_t a = Import("aaa", {Row(2, "2021-04-30", "VNM", "UNMISS", PersonnelType::kTroops, 13, 49)});
  int64_t b = Import("aaa", {Row(2, "2021-04-30", "VNM", "UNMISS", PersonnelType::kTroops, 13, 49)});
  EXPECT_EQ(a, b);
  EXPECT_EQ(1, *db_->QueryInt("SELECT COUNT(*) FROM contribution"));
  EXPECT_EQ(1, *db_->QueryInt("SELECT COUNT(*) FROM import"));
}

TEST_F(ContributionStoreTest, NewerFileForTheMonthSupersedesAndHistoryStays) {
  int64_t a = Import("aaa", {Row(2, "2021-04-30", "VNM", "UNMISS", PersonnelType::kTroops, 13, 49)});
  int64_t b = Import("bbb", {Row(2, "2021-04-30", "VNM", "UNMISS", PersonnelType::kTroops, 12, 50)});
  EXPECT_NE(a, b);
  EXPECT_EQ(12, *db_->QueryInt("SELECT women FROM current_contribution WHERE iso3 = 'VNM'"));
  EXPECT_EQ(2, *db_->QueryInt("SELECT COUNT(*) FROM contribution"));
  EXPECT_EQ(b, *db_->QueryInt("SELECT import_id FROM month_source WHERE month = '2021-04'"));
}

TEST_F(ContributionStoreTest, UnknownMissionIsRegisteredWithItsSource) {
  Import("aaa", {Row(2, "2021-04-30", "VNM", "UNNEW", PersonnelType::kTroops, 1, 1)});
  EXPECT_EQ(1, *db_->QueryInt("SELECT COUNT(*) FROM mission WHERE acronym = 'UNNEW' AND source = 'first seen in f.csv'"));
}

TEST_F(ContributionStoreTest, UncommittedSessionLeavesNothing) {
  {
    ImportSession s(db_.get(), {"f.csv", "f.csv", "ccc", "un_gender_csv", "", false});
    ASSERT_TRUE(s.AddContribution(Row(2, "2021-04-30", "VNM", "UNMISS", PersonnelType::kTroops, 1, 1)).ok());
  }
  EXPECT_EQ(0, *db_->QueryInt("SELECT COUNT(*) FROM contribution"));
  EXPECT_EQ(0, *db_->QueryInt("SELECT COUNT(*) FROM import"));
}

TEST_F(ContributionStoreTest, ConstraintErrorsNameTheLine) {
  ImportSession s(db_.get(), {"f.csv", "f.csv", "ddd", "un_gender_csv", "", false});
  ContributionRow r = Row(7, "2021-04-30", "VNM", "UNMISS", PersonnelType::kTroops, 1, 1);
  r.total = 5;  // women + men != total
  Status st = s.AddContribution(r);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(0u, st.message().rfind("f.csv:7: ", 0)) << st.message();
}

// The session checks countries itself while SQLite's foreign keys are off,
// with SQLite's message, and switches them on again when it ends.
TEST_F(ContributionStoreTest, UnknownCountryFailsAsAForeignKeyAndKeysComeBackOn) {
  {
    ImportSession s(db_.get(), {"f.csv", "f.csv", "eee", "un_gender_csv", "", false});
    Status st = s.AddContribution(Row(9, "2021-04-30", "XXX", "UNMISS", PersonnelType::kTroops, 1, 1));
    EXPECT_EQ("f.csv:9: database: FOREIGN KEY constraint failed (in: INSERT INTO contribution (import_id, page, "
              "line, report_date)",
              st.message());
  }
  EXPECT_EQ(1, *db_->QueryInt("PRAGMA foreign_keys"));
  Import("fff", {Row(2, "2021-04-30", "VNM", "UNMISS", PersonnelType::kTroops, 1, 1)});
  EXPECT_EQ(1, *db_->QueryInt("PRAGMA foreign_keys"));
}

// month_figures holds, per import and month, the same sums as a GROUP BY
// over the rows, and is rebuilt for imports written without it.
TEST_F(ContributionStoreTest, MonthFiguresSumTheRowsAndAreRebuilt) {
  int64_t id = Import("ggg", {Row(2, "2021-04-30", "VNM", "UNMISS", PersonnelType::kTroops, 3, 40),
                              Row(3, "2021-04-30", "VNM", "UNIFIL", PersonnelType::kTroops, 2, 10),
                              Row(4, "2021-04-30", "VNM", "UNMISS", PersonnelType::kStaffOfficer, 1, 4),
                              Row(5, "2021-05-31", "IDN", "UNIFIL", PersonnelType::kTroops, 7, 70)});
  auto check = [&] {
    Stmt q = std::move(*db_->Prepare("SELECT month, figures FROM month_figures WHERE import_id = ? ORDER BY month"));
    q.Bind(1, id);
    ASSERT_TRUE(*q.Step());
    EXPECT_EQ("2021-04", q.Text(0));
    auto april = UnpackMonthFigures(q.Blob(1));
    ASSERT_TRUE(april.ok());
    ASSERT_EQ(2u, april->size());
    EXPECT_EQ(Category::kContingents, (*april)[0].category);
    EXPECT_EQ(5, (*april)[0].women);
    EXPECT_EQ(50, (*april)[0].men);
    EXPECT_EQ(55, (*april)[0].total);
    EXPECT_EQ(Category::kObserversStaff, (*april)[1].category);
    EXPECT_EQ(1, (*april)[1].women);
    ASSERT_TRUE(*q.Step());
    EXPECT_EQ("2021-05", q.Text(0));
    auto may = UnpackMonthFigures(q.Blob(1));
    ASSERT_EQ(1u, may->size());
    EXPECT_EQ("IDN", std::string((*may)[0].iso3, 3));
    EXPECT_EQ(77, (*may)[0].total);
    EXPECT_FALSE(*q.Step());
  };
  check();
  ASSERT_TRUE(db_->Exec("DELETE FROM month_figures").ok());
  ASSERT_TRUE(EnsureMonthFigures(db_.get()).ok());
  check();
}

}  // namespace
}  // namespace bh
