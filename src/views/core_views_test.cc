#include "views/core_views.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sample/generator.h"
#include "store/schema.h"

namespace bh {
namespace {

class CoreViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    ref_ = std::make_unique<Reference>(std::move(*Reference::Load(db_.get())));
    SampleSpec spec;
    spec.first = {2021, 1};
    spec.last = {2021, 3};
    FileOutcome o = ImportBytes(db_.get(), *ref_, "SYNTHETIC_test.csv", GenerateSampleCsv(spec), {});
    ASSERT_EQ(FileOutcome::State::kImported, o.state) << o.status.message();
  }
  static std::string Text(const Table& t, size_t row, const std::string& col) {
    for (size_t i = 0; i < t.columns.size(); ++i) {
      if (t.columns[i] == col) return t.rows.at(row).at(i).Text();
    }
    ADD_FAILURE() << "no column " << col;
    return "";
  }
  std::unique_ptr<Db> db_;
  std::unique_ptr<Reference> ref_;
};

TEST_F(CoreViewsTest, GroupScorecardIsLabelledSyntheticAndEndsWithGroupTotals) {
  auto t = ScorecardTable(db_.get(), *ref_, {"2021-03", {}, "asean"});
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ("UGPS scorecard, 2021-03, ASEAN [SYNTHETIC sample data]", t->title);
  ASSERT_FALSE(t->rows.empty());
  EXPECT_EQ("ASEAN total", Text(*t, t->rows.size() - 1, "Country"));
}

TEST_F(CoreViewsTest, LatestMonthIsTheDefault) {
  auto t = ScorecardTable(db_.get(), *ref_, {"", {"VNM"}, ""});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(0u, t->title.find("UGPS scorecard, 2021-03, Selected countries"));
}

TEST_F(CoreViewsTest, ErrorsNameWhatIsMissing) {
  auto none = ScorecardTable(db_.get(), *ref_, {"2020-01", {}, ""});
  EXPECT_EQ(Status::Code::kNotFound, none.status().code());
  EXPECT_EQ("no contribution figures for 2020-01 (see 'bluehelmet months')", none.status().message());
  auto bad = RankingsTable(db_.get(), *ref_, "", "troops", "women", 0);
  EXPECT_EQ(Status::Code::kInvalidArgument, bad.status().code());
  EXPECT_EQ("unknown category 'troops' (want contingents, mo_so, fpu or ipo)", bad.status().message());
  EXPECT_EQ(Status::Code::kNotFound, CountryTables(db_.get(), *ref_, "Xanadu").status().code());
}

TEST_F(CoreViewsTest, RankingsAreInRankOrderAndAgreeWithTheScorecard) {
  auto r = RankingsTable(db_.get(), *ref_, "2021-03", "contingents", "women", 0);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_GE(r->rows.size(), 2u);
  int64_t prev = 0;
  for (const auto& row : r->rows) {
    int64_t rank = std::get<int64_t>(row[0].value);
    EXPECT_LE(prev, rank);
    prev = rank;
  }
  // The first country's rank on its scorecard row says "1 of N".
  std::string iso3 = Text(*r, 0, "ISO3");
  auto s = ScorecardTable(db_.get(), *ref_, {"2021-03", {iso3}, ""});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(0u, Text(*s, 0, "Rank (women)").find("1 of "));
  EXPECT_EQ(Text(*r, 0, "Women"), Text(*s, 0, "Women"));
}

TEST_F(CoreViewsTest, ChartDataMatchesTheCountryTable) {
  auto tables = CountryTables(db_.get(), *ref_, "VNM");
  auto chart = CountryChartData(db_.get(), *ref_, "Viet Nam");
  ASSERT_TRUE(tables.ok());
  ASSERT_TRUE(chart.ok());
  EXPECT_TRUE(chart->synthetic);
  EXPECT_NE(std::string::npos, (*tables)[0].title.find("[SYNTHETIC sample data]"));
  ASSERT_FALSE(chart->series.empty());
  const ChartSeries& s = chart->series[0];
  ASSERT_EQ(3u, s.months.size());
  EXPECT_EQ("2021-01", s.months[0]);
  // The first monthly row is the first category's first month.
  const Table& monthly = (*tables)[0];
  EXPECT_EQ(std::string(CategoryLabel(s.category)), Text(monthly, 0, "Category"));
  ASSERT_TRUE(s.share_pct[0].has_value());
  EXPECT_DOUBLE_EQ(*s.share_pct[0], std::get<double>(monthly.rows[0][5].value));
  ASSERT_TRUE(s.target_pct[0].has_value());
  EXPECT_DOUBLE_EQ(8.0, *s.target_pct[0]);  // contingents, 2021
}

TEST_F(CoreViewsTest, TopIsMostWomenFirstWithTheMonthsSource) {
  auto t = TopTable(db_.get(), *ref_, TopQuery{"2021-02", 3});
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ("Top 3 countries by women deployed, 2021-02", t->title);
  EXPECT_EQ((std::vector<std::string>{"Rank", "Country", "ISO3", "Women", "Total", "Share"}), t->columns);
  ASSERT_EQ(3u, t->rows.size());
  EXPECT_EQ(
      "Rank,Country,ISO3,Women,Total,Share\n"
      "1,India,IND,384,5303,7.241184235338488\n"
      "2,China,CHN,236,2245,10.512249443207127\n"
      "3,Indonesia,IDN,196,2768,7.08092485549133\n",
      Render(*t, Format::kCsv));
  EXPECT_EQ("All personnel types together; rows without a sex split count no women.", t->notes.at(0));
  EXPECT_EQ(0u, t->notes.at(1).find("Source: import #1 SYNTHETIC_test.csv")) << t->notes.at(1);
  // The default month is the latest.
  auto latest = TopTable(db_.get(), *ref_, TopQuery{});
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ("Top 20 countries by women deployed, 2021-03", latest->title);
}

TEST_F(CoreViewsTest, TopRefusesALimitBelowOneAndAMonthWithoutFigures) {
  auto zero = TopTable(db_.get(), *ref_, TopQuery{"2021-02", 0});
  EXPECT_EQ(Status::Code::kInvalidArgument, zero.status().code());
  EXPECT_EQ("limit must be at least 1, got 0", zero.status().message());
  auto none = TopTable(db_.get(), *ref_, TopQuery{"2020-01", 5});
  EXPECT_EQ(Status::Code::kNotFound, none.status().code());
  EXPECT_EQ("no contribution figures for 2020-01 (see 'bluehelmet months')", none.status().message());
}

// Issue 13: a month without a split by sex ranks nobody by women; a country
// without one in a month that has it is shown, not ranked.
TEST_F(CoreViewsTest, TopNeedsASplitBySex) {
  TopSpec spec{{2021, 3}, 3};
  auto none = TopTable(db_.get(), *ref_, spec, {{"AGO", 0, 2, false}, {"BGD", 0, 900, false}});
  EXPECT_EQ(Status::Code::kNotFound, none.status().code());
  EXPECT_EQ("2021-03 has no figures by sex (its source gives totals only): no ranking by women deployed",
            none.status().message());
  auto some = TopTable(db_.get(), *ref_, spec, {{"BGD", 40, 900, true}, {"AGO", 0, 2, false}});
  ASSERT_TRUE(some.ok()) << some.status().message();
  EXPECT_EQ("1", Text(*some, 0, "Rank"));
  EXPECT_EQ("-", Text(*some, 1, "Rank"));
  EXPECT_EQ("n/a", Text(*some, 1, "Women"));
  EXPECT_EQ("1 country has no split by sex this month: not ranked.", some->notes[0]);
}

TEST_F(CoreViewsTest, SharesCoverEveryMonthAndAgreeWithTheNumbersTimed) {
  auto read = ReadShares(db_.get());
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->figures.size(), read->shares.size());
  auto t = SharesTable(db_.get(), *read);
  ASSERT_TRUE(t.ok()) << t.status().message();
  ASSERT_EQ(147u, t->rows.size());  // 18 countries, 3 months, their categories
  EXPECT_EQ(0u, Render(*t, Format::kCsv)
                    .find("ISO3,Month,Category,Women,Men,Total,Share\n"
                          "AUS,2021-01,Contingents,2,39,41,4.878048780487805\n"));
  for (size_t i = 0; i < t->rows.size(); ++i) {
    const Cell& share = t->rows[i][6];
    if (std::holds_alternative<double>(share.value)) {
      EXPECT_NEAR(read->shares[i] * 100.0, std::get<double>(share.value), 1e-9) << i;
    } else {
      EXPECT_TRUE(std::isnan(read->shares[i])) << i;
    }
  }
  EXPECT_EQ(Render(*t, Format::kJson), Render(*SharesTable(db_.get()), Format::kJson));
  auto empty_db = OpenCoreStore(":memory:");
  auto none = SharesTable(empty_db->get());
  EXPECT_EQ(Status::Code::kNotFound, none.status().code());
}

TEST_F(CoreViewsTest, ImportsAndContributingCountriesComeFromTheQueries) {
  auto imports = ImportsTable(db_.get());
  ASSERT_TRUE(imports.ok()) << imports.status().message();
  ASSERT_EQ(1u, imports->rows.size());
  EXPECT_EQ("SYNTHETIC_test.csv (SYNTHETIC)", Text(*imports, 0, "File"));
  EXPECT_EQ("2021-01..2021-03", Text(*imports, 0, "Months"));
  EXPECT_EQ("3 month(s)", Text(*imports, 0, "Current for"));
  EXPECT_EQ("SYNTHETIC sample data, generated by bluehelmet: not UN figures.", imports->notes.back());
  auto countries = ContributingCountriesTable(db_.get(), *ref_);
  ASSERT_TRUE(countries.ok()) << countries.status().message();
  ASSERT_EQ(18u, countries->rows.size());
  for (size_t i = 1; i < countries->rows.size(); ++i) {
    EXPECT_LT(Text(*countries, i - 1, "Country"), Text(*countries, i, "Country"));
  }
  EXPECT_EQ("2021-01", Text(*countries, 0, "First month"));
  EXPECT_EQ("2021-03", Text(*countries, 0, "Last month"));
}

}  // namespace
}  // namespace bh
