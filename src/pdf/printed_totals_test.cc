#include <gtest/gtest.h>

#include "pdf/contribution_report.h"

namespace bh::pdf {
namespace {

using Scope = PrintedTotal::Scope;

ReportRow Row(std::string country, std::string mission, PersonnelType type, int64_t m, int64_t f, int64_t t) {
  ReportRow r;
  r.country = std::move(country);
  r.mission = std::move(mission);
  r.type = type;
  r.men = m;
  r.women = f;
  r.total = t;
  r.page = 1;
  r.line = 7;
  return r;
}

PrintedTotal Total(Scope scope, std::string mission, std::string country, std::optional<int64_t> m,
                   std::optional<int64_t> f, int64_t t) {
  PrintedTotal p;
  p.scope = scope;
  p.mission = std::move(mission);
  p.country = std::move(country);
  p.men = m;
  p.women = f;
  p.total = t;
  return p;
}

ParsedReport Sample() {
  ParsedReport r;
  r.rows = {Row("Viet Nam", "UNMISS", PersonnelType::kTroops, 49, 13, 62),
            Row("Viet Nam", "UNMISS", PersonnelType::kStaffOfficer, 1, 0, 1),
            Row("Ghana", "UNMISS", PersonnelType::kTroops, 10, 2, 12),
            Row("Ghana", "UNIFIL", PersonnelType::kTroops, 5, 1, 6)};
  return r;
}

TEST(ReconcileTest, AgreeingTotalsGiveNoMismatch) {
  ParsedReport r = Sample();
  r.totals = {Total(Scope::kMission, "UNMISS", "", 60, 15, 75), Total(Scope::kCountry, "", "Ghana", 15, 3, 18),
              Total(Scope::kMissionCountry, "UNMISS", "Viet Nam", std::nullopt, std::nullopt, 63),
              Total(Scope::kGrand, "", "", 65, 16, 81)};
  PrintedTotal troops = Total(Scope::kGrand, "", "", 64, 16, 80);
  troops.type = PersonnelType::kTroops;
  r.totals.push_back(troops);
  EXPECT_TRUE(CheckPrintedTotals(r).empty());
}

TEST(ReconcileTest, NamesTheTotalAndBothNumbers) {
  ParsedReport r = Sample();
  r.totals = {Total(Scope::kMission, "UNMISS", "", 60, 14, 75)};
  std::vector<Mismatch> m = CheckPrintedTotals(r);
  ASSERT_EQ(1u, m.size());
  EXPECT_EQ("UNMISS", m[0].key);
  EXPECT_EQ("women", m[0].what);
  EXPECT_EQ(14, m[0].printed);
  EXPECT_EQ(15, m[0].computed);
  EXPECT_EQ("UNMISS: women: printed 14, computed 15", ToString(m[0]));
}

TEST(ReconcileTest, TotalForUnknownKeyComputesZero) {
  ParsedReport r = Sample();
  r.totals = {Total(Scope::kCountry, "", "Narnia", std::nullopt, std::nullopt, 5)};
  std::vector<Mismatch> m = CheckPrintedTotals(r);
  ASSERT_EQ(1u, m.size());
  EXPECT_EQ(0, m[0].computed);
}

TEST(ReconcileTest, RowWhoseMenAndWomenMissTheTotal) {
  ParsedReport r = Sample();
  r.rows[1].total = 2;
  std::vector<Mismatch> m = CheckPrintedTotals(r);
  ASSERT_EQ(1u, m.size());
  EXPECT_EQ("page 1 line 7: Viet Nam in UNMISS", m[0].key);
  EXPECT_EQ("men+women", m[0].what);
  EXPECT_EQ(2, m[0].printed);
  EXPECT_EQ(1, m[0].computed);
}

TEST(ReconcileTest, PrintedRowCount) {
  ParsedReport r = Sample();
  r.printed_row_count = 5;
  std::vector<Mismatch> m = CheckPrintedTotals(r);
  ASSERT_EQ(1u, m.size());
  EXPECT_EQ("row count", m[0].key);
}

TEST(ReconcileTest, TotalsWithoutSexSplitCompareTotalsOnly) {
  ParsedReport r;
  ReportRow j = Row("Bangladesh", "", PersonnelType::kTroops, 0, 0, 6378);
  j.men.reset();
  j.women.reset();
  r.rows = {j};
  r.totals = {Total(Scope::kCountry, "", "Bangladesh", std::nullopt, std::nullopt, 6378)};
  EXPECT_TRUE(CheckPrintedTotals(r).empty());
}

}  // namespace
}  // namespace bh::pdf
