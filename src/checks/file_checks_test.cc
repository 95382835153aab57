#include "checks/file_checks.h"

#include <gtest/gtest.h>

#include "store/test_data.h"

namespace bh {
namespace {

using T = PersonnelType;

ContributionRow Row(Month m, int day, std::string iso3, std::string mission, T type, int64_t women, int64_t men,
                    int line) {
  return testing::MakeRow({m.year, m.month, day}, std::move(iso3), std::move(mission), type, women, men, line);
}

// Cameroon's troops with mostly men, and Indonesia's, from 2020-05 to
// 2020-11; in 2020-08 Cameroon's are printed as 748 women and no men.
std::vector<ContributionRow> Series(Month from, Month to) {
  std::vector<ContributionRow> out;
  int line = 1;
  for (Month m = from; m <= to; m = m.Next()) {
    const bool swapped = m == Month{2020, 8};
    out.push_back(Row(m, 28, "CMR", "MINUSCA", T::kTroops, swapped ? 748 : 40, swapped ? 0 : 708, ++line));
    out.push_back(Row(m, 28, "IDN", "UNIFIL", T::kTroops, 30, 1200, ++line));
  }
  return out;
}

// The rows as MonthRows, the way the store gives them back.
MonthRows AsStored(const std::vector<ContributionRow>& rows, Month m, int64_t import_id) {
  MonthRows out{m, {}, nullptr};
  for (const ContributionRow& r : rows) {
    if (r.report_date.ToMonth() != m) continue;
    SeriesRow s;
    s.iso3 = r.iso3;
    s.mission = r.mission;
    s.type = r.type;
    s.women = r.women;
    s.men = r.men;
    s.total = r.total;
    s.import_id = import_id;
    s.line = r.line;
    out.rows.push_back(s);
  }
  return out;
}

CheckedAhead CheckInBatches(std::vector<Month> stored, const std::vector<ContributionRow>& rows, size_t batch) {
  FileChecks checks(std::move(stored), 7);
  for (size_t i = 0; i < rows.size(); i += batch) {
    std::vector<ContributionRow> part(rows.begin() + static_cast<std::ptrdiff_t>(i),
                                      rows.begin() + static_cast<std::ptrdiff_t>(std::min(rows.size(), i + batch)));
    checks.Add(std::move(part));
  }
  return checks.Finish();
}

TEST(FileChecksTest, ChecksEveryMonthOfAFileAloneAsDetectWould) {
  const std::vector<ContributionRow> rows = Series({2020, 5}, {2020, 11});
  for (size_t batch : {1u, 3u, 100u}) {
    CheckedAhead ahead = CheckInBatches({}, rows, batch);
    EXPECT_EQ(7, ahead.import_id);
    ASSERT_EQ(7u, ahead.months.size()) << "batch " << batch;
    const CheckedAhead::Checked& aug = ahead.months.at({2020, 8});
    EXPECT_EQ((AroundMonths{Month{2020, 7}, Month{2020, 9}, Month{2020, 6}, Month{2020, 10}}), aug.around);
    // The swapped row and the month's share, as Detect finds them from
    // the stored months.
    MonthRows jun = AsStored(rows, {2020, 6}, 7), jul = AsStored(rows, {2020, 7}, 7),
              now = AsStored(rows, {2020, 8}, 7), sep = AsStored(rows, {2020, 9}, 7),
              oct = AsStored(rows, {2020, 10}, 7);
    std::vector<Anomaly> expected = Detect(now, Around{&jul, &sep, &jun, &oct});
    ASSERT_EQ(2u, expected.size());
    ASSERT_EQ(expected.size(), aug.found.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(expected[i].summary, aug.found[i].summary);
      EXPECT_EQ(expected[i].line, aug.found[i].line);
      EXPECT_EQ(expected[i].import_id, aug.found[i].import_id);
    }
    EXPECT_EQ(Anomaly::Kind::kSexSwapped, aug.found[0].kind);
    EXPECT_EQ(7, aug.found[0].import_id);
    EXPECT_EQ(
        "CMR MINUSCA Troops: 0 men, 748 women printed; 2020-07: 708 men, 40 women; 2020-09: 708 men, 40 women "
        "(the sexes look swapped)",
        aug.found[0].summary);
    // The first month has no month before it; nothing found there.
    EXPECT_EQ((AroundMonths{std::nullopt, Month{2020, 6}, std::nullopt, Month{2020, 7}}),
              ahead.months.at({2020, 5}).around);
    EXPECT_TRUE(ahead.months.at({2020, 5}).found.empty());
  }
}

// A month next to one the store already holds reads that month's rows,
// which the file does not have: the store checks it after the commit.
TEST(FileChecksTest, LeavesMonthsThatReadStoredMonthsToTheStore) {
  CheckedAhead ahead = CheckInBatches({Month{2020, 4}, Month{2020, 9}}, Series({2020, 5}, {2020, 8}), 2);
  // 2020-05 and 2020-06 read 2020-04; 2020-07 and 2020-08 read 2020-09.
  EXPECT_TRUE(ahead.months.empty());
  ahead = CheckInBatches({Month{2019, 1}}, Series({2020, 5}, {2020, 11}), 2);
  EXPECT_EQ(7u, ahead.months.size());  // 2019-01 is out of reach
  ahead = CheckInBatches({Month{2020, 2}}, Series({2020, 5}, {2020, 11}), 2);
  // 2020-05 reads 2020-02 (three months back), 2020-06 reads it two out.
  EXPECT_EQ(5u, ahead.months.size());
  EXPECT_FALSE(ahead.months.count({2020, 5}));
  EXPECT_FALSE(ahead.months.count({2020, 6}));
  EXPECT_TRUE(ahead.months.count({2020, 7}));
}

TEST(FileChecksTest, NothingWhenTheMonthsGoBack) {
  std::vector<ContributionRow> rows = Series({2020, 5}, {2020, 11});
  rows.push_back(Row({2020, 6}, 30, "IDN", "UNIFIL", T::kTroops, 1, 2, 99));
  EXPECT_TRUE(CheckInBatches({}, rows, 4).months.empty());
}

// The importer keeps one date of a month that has two (DropOtherDates):
// such a month is not read ahead, nor any month that reads it.
TEST(FileChecksTest, AMonthOfTwoDatesIsLeftToTheStore) {
  std::vector<ContributionRow> rows = Series({2020, 5}, {2020, 11});
  rows.insert(rows.begin() + 6, Row({2020, 8}, 31, "IDN", "UNIFIL", T::kTroops, 30, 1200, 50));
  CheckedAhead ahead = CheckInBatches({}, rows, 5);
  for (int m : {6, 7, 8, 9, 10}) EXPECT_FALSE(ahead.months.count({2020, m})) << m;
  for (int m : {5, 11}) EXPECT_TRUE(ahead.months.count({2020, m})) << m;
}

// Months too large to hold are left to the store, which reads one at a
// time; a window that fits is checked.
TEST(FileChecksTest, GivesUpWhenTheMonthsHoldTooManyRows) {
  const std::vector<ContributionRow> rows = Series({2020, 5}, {2020, 11});  // 2 rows a month
  FileChecks small({}, 7, 5);
  small.Add(rows);
  EXPECT_TRUE(small.Finish().months.empty());
  FileChecks enough({}, 7, 100);
  enough.Add(rows);
  EXPECT_EQ(7u, enough.Finish().months.size());
}

// Stopping early (a failed import) drops everything and returns.
TEST(FileChecksTest, DestroyedWithoutFinishing) {
  FileChecks checks({}, 3);
  std::vector<ContributionRow> back = checks.Add(Series({2020, 5}, {2020, 6}));
  EXPECT_TRUE(back.empty());
}

}  // namespace
}  // namespace bh
