#include "views/projection_views.h"

#include <gtest/gtest.h>

#include "store/contribution_store.h"
#include "store/schema.h"

namespace bh {
namespace {

// Viet Nam's troops: 1,000 every month from 2023-01 to 2024-12, with 50
// women in the first month and one more each month: a share of 5 % rising
// exactly 0.1 point a month (1.2 a year).
class ProjectionViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    for (int i = 0; i < 24; ++i) {
      Month m = Month::FromIndex(Month{2023, 1}.Index() + i);
      ImportSession s(db_.get(), {"m" + m.ToString() + ".pdf", "", "sha-" + m.ToString(), "un_pdf", "", false});
      ContributionRow r;
      r.page = 1;
      r.line = 1;
      r.report_date = Date::LastDayOf(m);
      r.iso3 = "VNM";
      r.mission = "UNMISS";
      r.type = PersonnelType::kTroops;
      r.women = 50 + i;
      r.men = 1000 - *r.women;
      r.total = 1000;
      ASSERT_TRUE(s.AddContribution(r).ok());
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

TEST_F(ProjectionViewsTest, AStraightLineIsCarriedTo2028) {
  ProjectionQuery q;
  q.country = "Viet Nam";
  auto tables = ProjectionTables(db_.get(), *ref_, q);
  ASSERT_TRUE(tables.ok()) << tables.status().message();
  ASSERT_EQ(3u, tables->size());
  const Table& trend = (*tables)[0];
  EXPECT_EQ("Projection: Viet Nam, share of women per category, trend of 2023-01 to 2024-12", trend.title);
  ASSERT_EQ(1u, trend.rows.size());
  // 2028-12 is 71 months after 2023-01: 5 + 7.1 = 12.1 %, 2.9 points short of 15 %.
  EXPECT_EQ((Row{"Contingents", "24", "2023-01", "2024-12", "7.30 %", "+1.20", "+1.20", "+1.20", "12.10 %", "12.10 %",
                 "12.10 %", "15 %", "-2.90 (misses it)"}),
            Texts(trend.rows[0]));

  const Table& cross = (*tables)[1];
  ASSERT_EQ(5u, cross.rows.size());  // 2024 to 2028
  // 2024: 11 % (interpolated between 8 % in 2021 and 15 % in 2028), reached
  // when 5 + 0.1 i >= 11, i = 60: 2028-01.
  EXPECT_EQ((Row{"Contingents", "2024", "11 % (interpolated)", "7.30 %", "2028-01", "2028-01", "2028-01", "no"}),
            Texts(cross.rows[0]));
  // 2028: 15 %, i = 100: 2031-05.
  EXPECT_EQ((Row{"Contingents", "2028", "15 %", "12.10 %", "2031-05", "2031-05", "2031-05", "no"}),
            Texts(cross.rows[4]));

  const Table& needed = (*tables)[2];
  ASSERT_EQ(5u, needed.rows.size());
  // At 1,000 troops with 73 women: 110 for 11 % (37 more), 150 for 15 % (77 more).
  EXPECT_EQ((Row{"Contingents", "2024", "11 % (interpolated)", "1,000", "73", "110", "37", "-"}),
            Texts(needed.rows[0]));
  EXPECT_EQ((Row{"Contingents", "2028", "15 %", "1,000", "73", "150", "77", "10"}), Texts(needed.rows[4]));
}

// With `monthly`, the central line and the band per month, from the last
// month used to 2028-12, as the fit gives them.
TEST_F(ProjectionViewsTest, MonthlyAddsThePathOfTheLineAndItsBand) {
  ProjectionQuery q;
  q.country = "VNM";
  q.monthly = true;
  auto tables = ProjectionTables(db_.get(), *ref_, q);
  ASSERT_TRUE(tables.ok()) << tables.status().message();
  ASSERT_EQ(4u, tables->size());
  const Table& path = (*tables)[3];
  EXPECT_EQ("path", path.name);
  EXPECT_EQ((std::vector<std::string>{"Category", "Month", "Projected", "Low", "High"}), path.columns);
  ASSERT_EQ(49u, path.rows.size());  // 2024-12 to 2028-12
  EXPECT_EQ((Row{"Contingents", "2024-12", "7.30 %", "7.30 %", "7.30 %"}), Texts(path.rows[0]));
  EXPECT_EQ((Row{"Contingents", "2028-12", "12.10 %", "12.10 %", "12.10 %"}), Texts(path.rows[48]));
  q.monthly = false;
  EXPECT_EQ(3u, ProjectionTables(db_.get(), *ref_, q)->size());
}

TEST_F(ProjectionViewsTest, TooFewMonthsIsRefusedWithTheNumberNeeded) {
  ProjectionQuery q;
  q.country = "VNM";
  q.to = Month{2023, 11};  // 11 months of figures in the window
  EXPECT_EQ(
      "projection for Viet Nam: needs at least 12 months with a sex split in 2021-12 to 2023-11; the most any "
      "category has is 11",
      ProjectionTables(db_.get(), *ref_, q).status().message());
  q.to = std::nullopt;
  q.months = 6;
  EXPECT_EQ("--months 6: want 12 to 120 months to fit the trend over",
            ProjectionTables(db_.get(), *ref_, q).status().message());
  q.months = 24;
  q.group = "ASEAN";
  EXPECT_EQ("project: give --country or --group (one of them)",
            ProjectionTables(db_.get(), *ref_, q).status().message());
}

}  // namespace
}  // namespace bh
