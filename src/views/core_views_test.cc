#include "views/core_views.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace bh
