#include "query/queries.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "store/contribution_store.h"
#include "store/errata.h"
#include "store/schema.h"
#include "store/test_data.h"

namespace bh {
namespace {

class QueriesTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = std::move(*OpenCoreStore(":memory:")); }
  void Add(const char* sha, const char* file, const char* date, const char* iso3, PersonnelType t,
           std::optional<int64_t> w, std::optional<int64_t> m, int64_t total) {
    ImportSession s(db_.get(), {file, file, sha, "un_gender_csv", "", false});
    ContributionRow r;
    r.line = 2;
    r.report_date = *ParseDate(date);
    r.iso3 = iso3;
    r.mission = "UNMISS";
    r.type = t;
    r.women = w;
    r.men = m;
    r.total = total;
    ASSERT_TRUE(s.AddContribution(r).ok());
    ASSERT_TRUE(s.Commit("no totals printed").ok());
  }
  // One file of 2021-04 with one UNMISS troops row per country: ISO3,
  // women (nullopt: no sex split), men.
  void AddCountries(const std::vector<std::tuple<const char*, std::optional<int64_t>, int64_t>>& rows) {
    ImportSession s(db_.get(), {"a.csv", "a.csv", "t1", "un_gender_csv", "", false});
    int line = 1;
    for (const auto& [iso3, w, m] : rows) {
      ASSERT_TRUE(
          s.AddContribution(testing::MakeRow({2021, 4, 30}, iso3, "UNMISS", PersonnelType::kTroops, w, m, ++line))
              .ok());
    }
    ASSERT_TRUE(s.Commit("no totals printed").ok());
  }
  std::unique_ptr<Db> db_;
};

TEST_F(QueriesTest, FiguresPerCategoryCombineStaffOfficersAndExperts) {
  ImportSession s(db_.get(), {"a.csv", "a.csv", "x1", "un_gender_csv", "", false});
  auto row = [&](PersonnelType t, int w, int m) {
    ContributionRow r;
    r.line = 2;
    r.report_date = {2021, 4, 30};
    r.iso3 = "VNM";
    r.mission = t == PersonnelType::kExpertsOnMission ? "MINUSCA" : "UNMISS";
    r.type = t;
    r.women = w;
    r.men = m;
    r.total = w + m;
    ASSERT_TRUE(s.AddContribution(r).ok());
  };
  row(PersonnelType::kTroops, 13, 49);
  row(PersonnelType::kStaffOfficer, 0, 1);
  row(PersonnelType::kExpertsOnMission, 1, 3);
  ASSERT_TRUE(s.Commit("").ok());
  auto figs = CategoryFiguresForMonth(db_.get(), {2021, 4});
  ASSERT_TRUE(figs.ok());
  ASSERT_EQ(2u, figs->size());
  for (const auto& f : *figs) {
    if (f.category == Category::kObserversStaff) {
      EXPECT_EQ(1, f.women);
      EXPECT_EQ(5, f.total);
    } else {
      EXPECT_EQ(Category::kContingents, f.category);
      EXPECT_EQ(62, f.total);
    }
  }
}

TEST_F(QueriesTest, TotalsWithoutSexSplitAreMarkedUnknown) {
  Add("j", "2023_09.pdf", "2023-09-30", "BGD", PersonnelType::kTroops, std::nullopt, std::nullopt, 6378);
  auto figs = CategoryFiguresForMonth(db_.get(), {2023, 9});
  ASSERT_EQ(1u, figs->size());
  EXPECT_FALSE((*figs)[0].sex_known);
  EXPECT_EQ(6378, (*figs)[0].total);
}

TEST_F(QueriesTest, MonthSourcesShowSupersededFiles) {
  Add("a", "old.csv", "2021-04-30", "VNM", PersonnelType::kTroops, 12, 50, 62);
  Add("b", "new.csv", "2021-04-30", "VNM", PersonnelType::kTroops, 13, 49, 62);
  auto list = ListMonthSources(db_.get());
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(1u, list->size());
  EXPECT_EQ("new.csv", (*list)[0].current.file_name);
  EXPECT_EQ(std::vector<std::string>{"old.csv (import #1)"}, (*list)[0].superseded);
  EXPECT_EQ((Month{2021, 4}), *LatestContributionMonth(db_.get()));
}

// The whole-history aggregate reads the current source of each month only,
// and keeps rows without a sex split apart.
TEST_F(QueriesTest, MonthlyFiguresAllCountriesUseCurrentSources) {
  Add("m1", "a.csv", "2021-04-30", "VNM", PersonnelType::kTroops, 3, 30, 33);
  Add("m2", "b.csv", "2021-04-30", "VNM", PersonnelType::kTroops, 4, 30, 34);  // supersedes April
  Add("m3", "c.csv", "2021-05-31", "IDN", PersonnelType::kIndividualPolice, std::nullopt, std::nullopt, 9);
  auto all = MonthlyFiguresAllCountries(db_.get());
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(2u, all->size());
  EXPECT_EQ("VNM", (*all)[0].Iso3());
  EXPECT_EQ((Month{2021, 4}), (*all)[0].month);
  EXPECT_EQ(4, (*all)[0].women);
  EXPECT_EQ(34, (*all)[0].total);
  EXPECT_TRUE((*all)[0].sex_known);
  EXPECT_EQ("IDN", (*all)[1].Iso3());
  EXPECT_EQ(Category::kIndividualPolice, (*all)[1].category);
  EXPECT_FALSE((*all)[1].sex_known);
}

// A few countries' figures, found by bisection, are those of every
// country's for them, in the same order (month, country, category).
TEST_F(QueriesTest, MonthlyFiguresOfSomeCountriesEqualTheirShareOfAll) {
  int n = 0;
  for (const char* date : {"2021-04-30", "2021-05-31"}) {
    for (const char* iso3 : {"AUS", "BGD", "IDN", "JPN", "RWA", "VNM"}) {
      ++n;
      Add(fmt::format("s{}", n).c_str(), fmt::format("f{}.csv", n).c_str(), date, iso3, PersonnelType::kTroops, n,
          10 * n, 11 * n);
    }
  }
  auto all = MonthlyFiguresAllCountries(db_.get());
  ASSERT_TRUE(all.ok());
  const std::vector<std::string> some = {"VNM", "AUS", "IDN", "VNM", "XYZ", "RW"};
  auto got = MonthlyFiguresOf(db_.get(), some);
  ASSERT_TRUE(got.ok()) << got.status().message();
  std::vector<MonthlyFigures> want;
  for (const MonthlyFigures& m : *all) {
    if (m.Iso3() == "VNM" || m.Iso3() == "AUS" || m.Iso3() == "IDN") want.push_back(m);
  }
  ASSERT_EQ(want.size(), got->size());
  ASSERT_GT(want.size(), 0u);
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(want[i].Iso3(), (*got)[i].Iso3());
    EXPECT_EQ(want[i].month, (*got)[i].month);
    EXPECT_EQ(want[i].category, (*got)[i].category);
    EXPECT_EQ(want[i].women, (*got)[i].women);
    EXPECT_EQ(want[i].total, (*got)[i].total);
  }
}

TEST_F(QueriesTest, TopCountriesByWomenMostFirstTiesByCode) {
  AddCountries({{"VNM", 3, 30}, {"IDN", 5, 30}, {"AUS", 3, 1}});
  auto top = TopCountriesByWomen(db_.get(), {2021, 4}, 2);
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(2u, top->size());
  EXPECT_EQ("IDN", (*top)[0].iso3);
  EXPECT_EQ(5, (*top)[0].women);
  EXPECT_EQ("AUS", (*top)[1].iso3);
}

// A month with a correction counts the corrected figures (as printed on a
// connection switched back); a country without a sex split counts no women.
TEST_F(QueriesTest, TopCountriesByWomenCountsCorrectionsAndRowsWithoutSex) {
  AddCountries({{"VNM", 13, 49}, {"IDN", 20, 30}, {"AUS", std::nullopt, 40}});
  auto order = [&]() {
    auto top = TopCountriesByWomen(db_.get(), {2021, 4}, 10);
    EXPECT_TRUE(top.ok());
    std::string out;
    for (const CountryWomen& c : *top)
      out += fmt::format("{}:{}/{}{} ", c.iso3, c.women, c.total, c.sex_known ? "" : "?");
    return out;
  };
  EXPECT_EQ("IDN:20/50 VNM:13/62 AUS:0/40? ", order());
  ASSERT_TRUE(
      AddErratum(db_.get(), testing::SwappedSexes({2021, 4}, "VNM", "UNMISS", PersonnelType::kTroops, 13, 49)).ok());
  EXPECT_EQ("VNM:49/62 IDN:20/50 AUS:0/40? ", order());
  ASSERT_TRUE(UseFiguresAsPrinted(db_.get()).ok());
  EXPECT_EQ("IDN:20/50 VNM:13/62 AUS:0/40? ", order());
  EXPECT_TRUE(TopCountriesByWomen(db_.get(), {2021, 4}, 0)->empty());
}

TEST_F(QueriesTest, ImportsNewestFirstWithTheMonthsTheySupply) {
  Add("a", "old.csv", "2021-04-30", "VNM", PersonnelType::kTroops, 12, 50, 62);
  Add("b", "new.csv", "2021-04-30", "VNM", PersonnelType::kTroops, 13, 49, 62);
  Add("c", "may.csv", "2021-05-31", "IDN", PersonnelType::kTroops, 2, 8, 10);
  auto list = ListImports(db_.get());
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(3u, list->size());
  const ImportInfo& may = (*list)[0];
  EXPECT_EQ(3, may.id);
  EXPECT_EQ("may.csv", may.file_name);
  EXPECT_EQ("c", may.sha256);
  EXPECT_EQ("un_gender_csv", may.kind);
  EXPECT_EQ(1, may.rows);
  EXPECT_EQ("2021-05", may.first_month);
  EXPECT_EQ("2021-05", may.last_month);
  EXPECT_EQ(1, may.current_months);
  EXPECT_EQ("no totals printed", may.reconciliation);
  EXPECT_EQ(0, may.mismatches);
  EXPECT_FALSE(may.synthetic);
  EXPECT_EQ("new.csv", (*list)[1].file_name);
  EXPECT_EQ(1, (*list)[1].current_months);
  EXPECT_EQ("old.csv", (*list)[2].file_name);
  EXPECT_EQ(0, (*list)[2].current_months);  // superseded by new.csv
}

TEST_F(QueriesTest, ContributingCountriesWithTheirFirstAndLastMonth) {
  Add("a", "apr.csv", "2021-04-30", "VNM", PersonnelType::kTroops, 12, 50, 62);
  Add("b", "may.csv", "2021-05-31", "VNM", PersonnelType::kTroops, 13, 49, 62);
  Add("c", "jun.csv", "2021-06-30", "IDN", PersonnelType::kTroops, 2, 8, 10);
  auto list = ContributingCountries(db_.get());
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(2u, list->size());
  EXPECT_EQ("IDN", (*list)[0].iso3);
  EXPECT_EQ("2021-06", (*list)[0].first_month);
  EXPECT_EQ("2021-06", (*list)[0].last_month);
  EXPECT_EQ("VNM", (*list)[1].iso3);
  EXPECT_EQ("2021-04", (*list)[1].first_month);
  EXPECT_EQ("2021-05", (*list)[1].last_month);
}

// An import's provenance and months, and which import is each month's
// current source now.
TEST_F(QueriesTest, OneImportsDetailAndMonths) {
  Add("m1", "a.csv", "2021-04-30", "VNM", PersonnelType::kTroops, 3, 30, 33);
  Add("m2", "b.csv", "2021-04-30", "VNM", PersonnelType::kTroops, 4, 30, 34);  // supersedes April
  Add("m3", "a2.csv", "2021-05-31", "IDN", PersonnelType::kTroops, 1, 9, 10);
  auto d = GetImport(db_.get(), 1);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ("a.csv", d->file_name);
  EXPECT_EQ("m1", d->sha256);
  EXPECT_EQ(1, d->rows);
  EXPECT_EQ("no import #9 (see 'bluehelmet imports list')", GetImport(db_.get(), 9).status().message());
  auto months = MonthsOfImport(db_.get(), 1);
  ASSERT_TRUE(months.ok());
  ASSERT_EQ(1u, months->size());
  EXPECT_EQ("2021-04", (*months)[0].month);
  EXPECT_EQ("contribution", (*months)[0].dataset);
  EXPECT_EQ(1, (*months)[0].countries);
  EXPECT_EQ(2, (*months)[0].current_import);
  EXPECT_EQ("b.csv", (*months)[0].current_file);
  auto files = ImportFileNames(db_.get());
  ASSERT_TRUE(files.ok());
  EXPECT_EQ((std::map<int64_t, std::string>{{1, "a.csv"}, {2, "b.csv"}, {3, "a2.csv"}}), *files);
}

}  // namespace
}  // namespace bh
