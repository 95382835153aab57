#include "store/contribution_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

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

TEST_F(ContributionStoreTest, FileNamesThatAreNotUtf8AreRefusedWithTheBytesEscaped) {
  {
    ImportSession s(db_.get(), {"bad\xff.csv", "in/bad\xff.csv", "bbb", "un_gender_csv", "", false});
    EXPECT_EQ(
        "bad\\xff.csv: the file name is not valid UTF-8 (byte 0xff at byte 4); rename the file (names are "
        "stored as UTF-8 text)",
        s.status().message());
  }
  {
    ImportSession s(db_.get(), {"a\nb.csv", "a\nb.csv", "ccc", "un_gender_csv", "", false});
    EXPECT_EQ(
        "a\\nb.csv: the file name is not one line of text: it holds a control character (0x0a at byte 2); "
        "rename the file (names are stored as UTF-8 text)",
        s.status().message());
  }
  EXPECT_EQ(0, *db_->QueryInt("SELECT COUNT(*) FROM import"));
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
  EXPECT_EQ(1,
            *db_->QueryInt("SELECT COUNT(*) FROM mission WHERE acronym = 'UNNEW' AND source = 'first seen in f.csv'"));
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
  // Rows are written in batches: the error comes at the latest from Commit.
  Status st = s.AddContribution(r);
  if (st.ok()) st = s.Commit("no totals printed");
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(0u, st.message().rfind("f.csv:7: ", 0)) << st.message();
}

// A bad row inside a full batch is named by its own line, and the session
// leaves nothing behind.
TEST_F(ContributionStoreTest, ConstraintErrorInABatchNamesTheRow) {
  {
    ImportSession s(db_.get(), {"f.csv", "f.csv", "ddd2", "un_gender_csv", "", false});
    Status st;
    for (int i = 0; i < static_cast<int>(ImportSession::kBatchRows) * 2 && st.ok(); ++i) {
      ContributionRow r = Row(100 + i, "2021-04-30", "VNM", "UNMISS", PersonnelType::kTroops, i, 1);
      r.mission = "M" + std::to_string(i);
      if (i == 70) r.total = 0;
      st = s.AddContribution(r);
    }
    if (st.ok()) st = s.Commit("no totals printed");
    EXPECT_EQ(
        "f.csv:170: database: CHECK constraint failed: women IS NULL OR women + men = total (in: INSERT INTO "
        "contribution (import_id, month, seq, page, line,)",
        st.message());
  }
  EXPECT_EQ(0, *db_->QueryInt("SELECT COUNT(*) FROM contribution"));
  EXPECT_EQ(0, *db_->QueryInt("SELECT COUNT(*) FROM import"));
}

// Rows are numbered in the order they came (seq), batch or not, and read
// back per (import, month) in that order.
TEST_F(ContributionStoreTest, RowsKeepTheirOrderAndLines) {
  std::vector<ContributionRow> rows;
  for (int i = 0; i < 150; ++i) {
    ContributionRow r = Row(2 + i, i % 2 ? "2021-05-31" : "2021-04-30", "VNM", "UNMISS", PersonnelType::kTroops, i, 1);
    r.mission = "M" + std::to_string(i);
    rows.push_back(r);
  }
  int64_t id = Import("order", rows);
  EXPECT_EQ(150, *db_->QueryInt("SELECT COUNT(*) FROM contribution"));
  EXPECT_EQ(75, *db_->QueryInt("SELECT COUNT(*) FROM current_contribution WHERE month = '2021-05'"));
  Stmt q =
      std::move(*db_->Prepare("SELECT seq, line, women FROM contribution WHERE import_id = ? AND month = '2021-05'"));
  q.Bind(1, id);
  int n = 0;
  while (*q.Step()) {
    EXPECT_EQ(2 + 2 * n, q.Int(0));  // the 2nd, 4th, ... row of the import
    EXPECT_EQ(3 + 2 * n, q.Int(1));
    EXPECT_EQ(1 + 2 * n, q.Int(2));
    ++n;
  }
  EXPECT_EQ(75, n);
  EXPECT_EQ(150, *db_->QueryInt("SELECT rows FROM import"));
}

// Two dates in one month: DropOtherDates keeps the named date's rows, in the
// table, the row count and month_figures.
TEST_F(ContributionStoreTest, DropOtherDatesKeepsOneDateAMonth) {
  ImportSession s(db_.get(), {"f.csv", "f.csv", "dates", "un_gender_csv", "", false});
  ASSERT_TRUE(s.AddContribution(Row(2, "2003-07-30", "IND", "MONUC", PersonnelType::kTroops, 0, 100)).ok());
  ASSERT_TRUE(s.AddContribution(Row(3, "2003-07-31", "IND", "MONUC", PersonnelType::kTroops, 1, 101)).ok());
  ASSERT_TRUE(s.AddContribution(Row(4, "2003-08-31", "IND", "MONUC", PersonnelType::kTroops, 2, 102)).ok());
  ASSERT_TRUE(s.DropOtherDates(Month{2003, 7}, *ParseDate("2003-07-31")).ok());
  s.set_synthetic(true);
  ASSERT_TRUE(s.Commit("no totals printed").ok());
  EXPECT_EQ(2, *db_->QueryInt("SELECT COUNT(*) FROM contribution"));
  EXPECT_EQ(101, *db_->QueryInt("SELECT men FROM contribution WHERE month = '2003-07'"));
  EXPECT_EQ(2, *db_->QueryInt("SELECT rows FROM import"));
  EXPECT_EQ(1, *db_->QueryInt("SELECT synthetic FROM import"));
  Stmt q = std::move(*db_->Prepare("SELECT figures FROM month_figures WHERE month = '2003-07'"));
  ASSERT_TRUE(*q.Step());
  auto july = UnpackMonthFigures(q.Blob(0));
  ASSERT_TRUE(july.ok());
  ASSERT_EQ(1u, july->size());
  EXPECT_EQ(1, (*july)[0].women);
  EXPECT_EQ(101, (*july)[0].men);
}

// The packed records are strictly in ISO3 and category order, since a
// country's figures are found by bisection; a record set out of order is
// refused, not read wrongly.
TEST(MonthFiguresTest, RecordsMustBeInOrder) {
  auto fig = [](const char* iso3, Category c, int64_t women) {
    PackedFigure f;
    std::memcpy(f.iso3, iso3, 3);
    f.category = c;
    f.women = women;
    f.total = women;
    return f;
  };
  std::vector<PackedFigure> sorted = {fig("IDN", Category::kContingents, 1), fig("IDN", Category::kFormedPolice, 2),
                                      fig("VNM", Category::kContingents, 3)};
  std::sort(sorted.begin(), sorted.end(), FigureOrder);
  const std::string blob = PackMonthFigures(sorted);
  ASSERT_TRUE(CheckMonthFigures(blob).ok());
  auto back = UnpackMonthFigures(blob);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(3u, back->size());
  // VNM before IDN, and the same record twice: refused.
  const std::string swapped = blob.substr(2 * kPackedFigureBytes) + blob.substr(0, 2 * kPackedFigureBytes);
  EXPECT_EQ("month_figures: records not in ISO3 and category order", CheckMonthFigures(swapped).message());
  EXPECT_FALSE(CheckMonthFigures(blob.substr(0, kPackedFigureBytes) + blob.substr(0, kPackedFigureBytes)).ok());
  EXPECT_FALSE(UnpackMonthFigures(swapped).ok());
}

// Schema v4 rebuilds a v3 contribution table (rowid + index) keyed by
// (import, month, seq), keeping every row and its order within the import.
TEST_F(ContributionStoreTest, MigrationFromRowidTableKeepsRows) {
  const char* kV3 =
      // The objects of later versions go too (v6: errata; v7: shipped errata; v8: dated group memberships).
      "ALTER TABLE country_group_member DROP COLUMN joined_on; ALTER TABLE country_group_member DROP COLUMN left_on;"
      "ALTER TABLE country_group_member DROP COLUMN source;"
      "DROP VIEW figures_in_use; DROP VIEW current_contribution; DROP VIEW printed_contribution;"
      "DROP TABLE erratum; DROP TABLE month_figures_corrected; DROP TABLE contribution;"
      "DROP TABLE erratum_shipped_file; DROP TABLE erratum_removed;"
      "CREATE TABLE contribution (id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL, page INTEGER,"
      " line INTEGER NOT NULL, report_date TEXT NOT NULL, month TEXT NOT NULL, iso3 TEXT NOT NULL, mission TEXT,"
      " ptype TEXT, women INTEGER, men INTEGER, total INTEGER NOT NULL);"
      "CREATE INDEX contribution_import_month ON contribution(import_id, month);"
      "CREATE VIEW current_contribution AS SELECT c.* FROM contribution c JOIN month_source s"
      " ON s.dataset = 'contribution' AND s.month = c.month AND s.import_id = c.import_id;"
      "INSERT INTO import (id, file_name, path, sha256, kind, imported_at) VALUES (1, 'a.pdf', 'a.pdf', 'x', 'un_pdf', "
      "'now');"
      "INSERT INTO contribution VALUES (10, 1, 29, 7, '2021-04-30', '2021-04', 'VNM', 'UNMISS', 'TRP', 13, 49, 62);"
      "INSERT INTO contribution VALUES (11, 1, 29, 8, '2021-04-30', '2021-04', 'VNM', 'UNMISS', 'SO', 1, 3, 4);"
      "INSERT INTO contribution VALUES (12, 1, 30, 2, '2021-04-30', '2021-04', 'IDN', 'UNIFIL', 'TRP', 2, 9, 11);"
      "INSERT INTO month_source VALUES ('contribution', '2021-04', 1);"
      "DELETE FROM schema_migration WHERE component = 'core' AND version >= 4;";
  ASSERT_TRUE(db_->Exec(kV3).ok());
  ASSERT_TRUE(EnsureCoreSchema(db_.get()).ok());
  EXPECT_EQ(3, *db_->QueryInt("SELECT COUNT(*) FROM current_contribution"));
  EXPECT_EQ(3, *db_->QueryInt("SELECT seq FROM contribution WHERE iso3 = 'IDN'"));
  EXPECT_EQ(30, *db_->QueryInt("SELECT page FROM contribution WHERE iso3 = 'IDN'"));
  EXPECT_EQ(13, *db_->QueryInt("SELECT women FROM contribution WHERE seq = 1"));
  EXPECT_EQ(0, *db_->QueryInt("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'contribution_import_month'"));
  EXPECT_EQ(8, *db_->QueryInt("SELECT MAX(version) FROM schema_migration WHERE component = 'core'"));
}

// The session checks countries itself while SQLite's foreign keys are off,
// with SQLite's message, and switches them on again when it ends.
TEST_F(ContributionStoreTest, UnknownCountryFailsAsAForeignKeyAndKeysComeBackOn) {
  {
    ImportSession s(db_.get(), {"f.csv", "f.csv", "eee", "un_gender_csv", "", false});
    Status st = s.AddContribution(Row(9, "2021-04-30", "XXX", "UNMISS", PersonnelType::kTroops, 1, 1));
    EXPECT_EQ(
        "f.csv:9: database: FOREIGN KEY constraint failed (in: INSERT INTO contribution (import_id, month, seq, "
        "page, line,)",
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
