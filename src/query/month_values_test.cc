#include "query/month_values.h"

#include <gtest/gtest.h>

#include "query/queries.h"
#include "store/contribution_store.h"
#include "store/schema.h"

namespace bh {
namespace {

class MonthValuesTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = std::move(*OpenCoreStore(":memory:")); }

  // One import of `month` of 2025 with a row per (country, mission).
  void Import(int month, const std::vector<std::pair<std::string, std::string>>& rows, const std::string& sha) {
    ImportSession s(db_.get(), {sha + ".pdf", "", sha, "un_pdf", "", false});
    int line = 0;
    for (const auto& [iso3, mission] : rows) {
      ContributionRow r;
      r.page = 1;
      r.line = ++line;
      r.report_date = Date::LastDayOf({2025, month});
      r.iso3 = iso3;
      r.mission = mission;
      r.type = PersonnelType::kTroops;
      r.women = 1;
      r.men = 3;
      r.total = 4;
      ASSERT_TRUE(s.AddContribution(r).ok());
    }
    ASSERT_TRUE(s.Commit("no totals printed").ok());
  }

  // The spans as text, and the same computed by a GROUP BY over every
  // current row (what ContributingCountries did before the cache).
  std::string Spans(MonthColumn column, MonthValuesCache* cache) {
    auto spans = CurrentValueSpans(db_.get(), column, cache);
    EXPECT_TRUE(spans.ok()) << spans.status().message();
    std::string out;
    for (const auto& [v, s] : *spans) out += v + " " + s.first + ".." + s.second + ";";
    return out;
  }
  std::string GroupBy(const char* column) {
    auto st =
        db_->Prepare(std::string("SELECT ") + column + ", MIN(month), MAX(month) FROM current_contribution WHERE " +
                     column + " IS NOT NULL GROUP BY " + column + " ORDER BY " + column);
    EXPECT_TRUE(st.ok());
    std::string out;
    while (*st->Step()) out += st->Text(0) + " " + st->Text(1) + ".." + st->Text(2) + ";";
    return out;
  }

  std::unique_ptr<Db> db_;
};

TEST_F(MonthValuesTest, TheCachedSpansEqualAGroupByOverEveryRowAfterEachCommit) {
  MonthValuesCache cache;
  Import(8, {{"VNM", "UNMISS"}, {"IDN", "UNIFIL"}}, "a");
  Import(9, {{"VNM", "UNMISS"}, {"THA", "UNMISS"}}, "b");
  EXPECT_EQ("IDN 2025-08..2025-08;THA 2025-09..2025-09;VNM 2025-08..2025-09;", Spans(MonthColumn::kCountry, &cache));
  EXPECT_EQ(GroupBy("iso3"), Spans(MonthColumn::kCountry, &cache));
  EXPECT_EQ(GroupBy("mission"), Spans(MonthColumn::kMission, &cache));
  EXPECT_EQ(4u, cache.size());  // two months, two columns
  // A new month, then 2025-08 again from a file without Indonesia's row but
  // with Malaysia's: the old 2025-08 is dropped from the cache.
  Import(10, {{"VNM", "UNISFA"}}, "c");
  Import(8, {{"VNM", "UNMISS"}, {"MYS", "UNIFIL"}}, "d");
  EXPECT_EQ("MYS 2025-08..2025-08;THA 2025-09..2025-09;VNM 2025-08..2025-10;", Spans(MonthColumn::kCountry, &cache));
  EXPECT_EQ(GroupBy("iso3"), Spans(MonthColumn::kCountry, nullptr));
  EXPECT_EQ(GroupBy("mission"), Spans(MonthColumn::kMission, &cache));
  EXPECT_EQ(6u, cache.size());
  auto countries = ContributingCountries(db_.get(), &cache);
  ASSERT_TRUE(countries.ok());
  ASSERT_EQ(3u, countries->size());
  EXPECT_EQ("VNM", (*countries)[2].iso3);
  EXPECT_EQ("2025-08", (*countries)[2].first_month);
  EXPECT_EQ("2025-10", (*countries)[2].last_month);
}

TEST_F(MonthValuesTest, TheCachedRowCountsEqualACountOfTheRows) {
  MonthValuesCache cache;
  Import(8, {{"VNM", "UNMISS"}, {"IDN", "UNIFIL"}}, "a");
  Import(9, {{"VNM", "UNMISS"}}, "b");
  auto rows = CurrentMonthRows(db_.get(), &cache);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((std::map<std::string, int64_t>{{"2025-08", 2}, {"2025-09", 1}}), *rows);
  Import(9, {{"VNM", "UNMISS"}, {"THA", "UNMISS"}, {"MYS", "UNMISS"}}, "c");
  rows = CurrentMonthRows(db_.get(), &cache);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((std::map<std::string, int64_t>{{"2025-08", 2}, {"2025-09", 3}}), *rows);
  EXPECT_EQ(*CurrentMonthRows(db_.get(), nullptr), *rows);
  auto months = ListMonthSources(db_.get(), &cache);
  ASSERT_TRUE(months.ok());
  ASSERT_EQ(2u, months->size());
  EXPECT_EQ(3, (*months)[1].rows);
  EXPECT_EQ(1u, (*months)[1].superseded.size());
}

TEST_F(MonthValuesTest, NothingReadInsideAWriteTransactionIsKept) {
  MonthValuesCache cache;
  Import(8, {{"VNM", "UNMISS"}}, "a");
  ASSERT_TRUE(db_->Exec("BEGIN; UPDATE contribution SET iso3 = 'IDN'").ok());
  EXPECT_EQ("IDN 2025-08..2025-08;", Spans(MonthColumn::kCountry, &cache));
  EXPECT_EQ(0u, cache.size());
  ASSERT_TRUE(db_->Exec("ROLLBACK").ok());
  EXPECT_EQ("VNM 2025-08..2025-08;", Spans(MonthColumn::kCountry, &cache));
  EXPECT_EQ(1u, cache.size());
}

}  // namespace
}  // namespace bh
