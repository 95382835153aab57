#include "query/figure_rows.h"

#include <gtest/gtest.h>

#include <tuple>

#include "store/contribution_store.h"
#include "store/errata.h"
#include "store/schema.h"
#include "store/test_data.h"

namespace bh {
namespace {

class FigureRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    // 2025-09 and 2025-10: Viet Nam and Timor-Leste, who joined ASEAN on 2025-10-26.
    for (int month : {9, 10}) {
      std::string sha = "sha-" + std::to_string(month);
      ImportSession s(db_.get(), {"m" + std::to_string(month) + ".pdf", "", sha, "un_pdf", "", false});
      int line = 0;
      for (const auto& [iso3, mission, type, w, m] :
           std::vector<std::tuple<std::string, std::string, PersonnelType, int, int>>{
               {"VNM", "UNMISS", PersonnelType::kTroops, 13, 49},
               {"VNM", "UNISFA", PersonnelType::kStaffOfficer, 2, 8},
               {"VNM", "UNISFA", PersonnelType::kExpertsOnMission, 1, 3},
               {"TLS", "UNMISS", PersonnelType::kIndividualPolice, 1, 2}}) {
        ContributionRow r;
        r.page = 3;
        r.line = ++line;
        r.report_date = Date::LastDayOf({2025, month});
        r.iso3 = iso3;
        r.mission = mission;
        r.type = type;
        r.women = w;
        r.men = m;
        r.total = w + m;
        ASSERT_TRUE(s.AddContribution(r).ok());
      }
      ASSERT_TRUE(s.Commit("no totals printed").ok());
    }
  }
  template <typename Fn>
  static FigureFilter With(Fn set) {
    FigureFilter f;
    set(f);
    return f;
  }
  std::vector<FigureRow> Rows(const FigureFilter& f) {
    auto r = FigureRows(db_.get(), f);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : std::vector<FigureRow>{};
  }
  std::unique_ptr<Db> db_;
};

TEST_F(FigureRowsTest, EveryRowWithItsProvenanceInOrder) {
  auto rows = Rows({});
  ASSERT_EQ(8u, rows.size());
  const FigureRow& r = rows[0];  // 2025-09, TLS first by ISO3
  EXPECT_EQ("2025-09", r.month.ToString());
  EXPECT_EQ("TLS", r.iso3);
  EXPECT_EQ(PersonnelType::kIndividualPolice, r.type);
  EXPECT_EQ(Category::kIndividualPolice, r.category);
  EXPECT_EQ("m9.pdf", r.file_name);
  EXPECT_EQ("sha-9", r.sha256);
  EXPECT_EQ(3, r.page);
  EXPECT_EQ(4, r.line);
  EXPECT_EQ("VNM", rows[1].iso3);
  EXPECT_EQ("UNISFA", rows[1].mission);
  EXPECT_EQ(PersonnelType::kStaffOfficer, rows[1].type);  // UN order: SO before EOM
  EXPECT_EQ(PersonnelType::kExpertsOnMission, rows[2].type);
  EXPECT_EQ(62, rows[3].total);
  EXPECT_EQ("Viet Nam", rows[3].country);
  EXPECT_EQ(704, rows[3].m49);
  EXPECT_TRUE(rows[3].erratum.empty());
}

TEST_F(FigureRowsTest, EachFieldNarrows) {
  EXPECT_EQ(4u, Rows(With([](FigureFilter& f) { f.from = Month{2025, 10}; })).size());
  EXPECT_EQ(4u, Rows(With([](FigureFilter& f) { f.to = Month{2025, 9}; })).size());
  EXPECT_EQ(4u, Rows(With([](FigureFilter& f) { f.missions = {"UNMISS"}; })).size());
  EXPECT_EQ(2u, Rows(With([](FigureFilter& f) { f.types = {PersonnelType::kTroops}; })).size());
  // Observers and staff officers: SO and EOM.
  EXPECT_EQ(4u, Rows(With([](FigureFilter& f) { f.categories = {Category::kObserversStaff}; })).size());
  EXPECT_EQ(2u, Rows(With([](FigureFilter& f) {
                  f.types = {PersonnelType::kStaffOfficer};
                  f.categories = {Category::kObserversStaff};
                })).size());
  EXPECT_EQ(0u, Rows(With([](FigureFilter& f) {
                  f.types = {PersonnelType::kTroops};
                  f.categories = {Category::kObserversStaff};
                })).size());
  EXPECT_EQ(2u, Rows(With([](FigureFilter& f) { f.countries = {"TLS"}; })).size());
  EXPECT_EQ(1u, Rows(With([](FigureFilter& f) {
                  f.to = Month{2025, 9};
                  f.missions = {"UNMISS"};
                  f.countries = {"VNM"};
                })).size());
}

// A bound stops the reading one row past it.
TEST_F(FigureRowsTest, AMaximumStopsOneRowPastIt) {
  auto rows = FigureRows(db_.get(), {}, 3);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(4u, rows->size());
  EXPECT_EQ(8u, FigureRows(db_.get(), {}, 8)->size());
}

TEST_F(FigureRowsTest, AGroupCountsEachMonthsMembers) {
  // Timor-Leste is in ASEAN from 2025-10-26: its October row counts, September's does not.
  auto rows = Rows(With([](FigureFilter& f) { f.group = "ASEAN"; }));
  ASSERT_EQ(7u, rows.size());
  int tls = 0;
  for (const FigureRow& r : rows) tls += r.iso3 == "TLS";
  EXPECT_EQ(1, tls);
  EXPECT_EQ("2025-10", rows[3].month.ToString());
  EXPECT_EQ("TLS", rows[3].iso3);
  FigureFilter nowhere;
  nowhere.group = "Nowhere";
  EXPECT_EQ("unknown group: 'Nowhere' (known: ADMM-Plus, ADMM-Plus-Partners, ASEAN)",
            FigureRows(db_.get(), nowhere).status().message());
}

TEST_F(FigureRowsTest, CorrectedRowsCarryTheErratumAndThePrintedFigures) {
  ASSERT_TRUE(
      AddErratum(db_.get(), testing::SwappedSexes({2025, 10}, "VNM", "UNMISS", PersonnelType::kTroops, 13, 49)).ok());
  auto rows = Rows(With([](FigureFilter& f) {
    f.from = Month{2025, 10};
    f.types = {PersonnelType::kTroops};
  }));
  ASSERT_EQ(1u, rows.size());
  EXPECT_EQ("E-2025-10-VNM-UNMISS-TRP", rows[0].erratum);
  EXPECT_EQ(49, rows[0].women);
  EXPECT_EQ(13, rows[0].printed_women);
  EXPECT_EQ(49, rows[0].printed_men);
  ASSERT_TRUE(UseFiguresAsPrinted(db_.get()).ok());
  rows = Rows(With([](FigureFilter& f) {
    f.from = Month{2025, 10};
    f.types = {PersonnelType::kTroops};
  }));
  ASSERT_EQ(1u, rows.size());
  EXPECT_EQ("", rows[0].erratum);
  EXPECT_EQ(13, rows[0].women);
  EXPECT_FALSE(rows[0].printed_women);
}

}  // namespace
}  // namespace bh
