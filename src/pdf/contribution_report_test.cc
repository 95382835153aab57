// Layout rules of ParseReport over small pages built from word boxes.
// Positions mimic the real reports (see SOURCES.md for the families).
#include "pdf/contribution_report.h"

#include <gtest/gtest.h>

#include "pdf/test_pages.h"

namespace bh::pdf {
namespace {

using testing::PageBuilder;
using Scope = PrintedTotal::Scope;

ParsedReport ParseOk(const std::vector<Page>& pages) {
  Result<ParsedReport> r = ParseReport(pages, "t.pdf");
  EXPECT_TRUE(r.ok()) << r.status().message();
  if (!r.ok()) return ParsedReport();
  EXPECT_TRUE(CheckPrintedTotals(*r).empty()) << ToString(CheckPrintedTotals(*r)[0]);
  return *r;
}

void ExpectRow(const ReportRow& r, std::string_view country, std::string_view mission, PersonnelType type,
               std::optional<int64_t> men, std::optional<int64_t> women, int64_t total) {
  EXPECT_EQ(country, r.country);
  EXPECT_EQ(mission, r.mission);
  ASSERT_TRUE(r.type.has_value());
  EXPECT_EQ(type, *r.type) << r.country;
  EXPECT_EQ(men, r.men) << r.country;
  EXPECT_EQ(women, r.women) << r.country;
  EXPECT_EQ(total, r.total) << r.country;
}

// Family I header and title.
PageBuilder IPage(int number) {
  PageBuilder b(number);
  b.Text(292, 85, "As of: 30/04/2021");
  b.Row(107,
        {{30, "Mission"}, {122, "Country"}, {238, "Personnel Type"}, {346, "Male"}, {421, "Female"}, {510, "Total"}});
  return b;
}

TEST(ReportTest, FamilyICentredCountryLabel) {
  // Viet Nam beside the middle of its three rows; Bangladesh between its two.
  Page page = IPage(1)
                  .Text(30, 130, "UNMISS")
                  .Row(150, {{122, "Uruguay"}, {238, "Staff Officer"}, {354, "2"}, {432, "0"}, {518, "2"}})
                  .Row(171.6, {{238, "Experts on Mission"}, {354, "1"}, {432, "0"}, {518, "1"}})
                  .Row(193.2, {{122, "Viet Nam"}, {238, "Staff Officer"}, {354, "1"}, {432, "0"}, {518, "1"}})
                  .Row(214.8, {{238, "Troops"}, {352, "49"}, {430, "13"}, {515, "62"}})
                  .Row(236.4, {{238, "Experts on Mission"}, {354, "3"}, {432, "1"}, {518, "4"}})
                  .Text(122, 247.2, "Bangladesh")
                  .Row(258, {{238, "Troops"}, {352, "12"}, {432, "8"}, {515, "20"}})
                  .Row(280, {{30, "Total UNMISS"}, {352, "68"}, {430, "22"}, {515, "90"}})
                  .Row(300, {{30, "Grand Total"}, {352, "68"}, {430, "22"}, {515, "90"}})
                  .Text(288, 760, "Page 1 of 1")
                  .Build();
  ParsedReport r = ParseOk({page});
  EXPECT_EQ('I', r.family);
  ASSERT_TRUE(r.as_of.has_value());
  EXPECT_EQ("2021-04-30", r.as_of->ToString());
  ASSERT_EQ(6u, r.rows.size());
  ExpectRow(r.rows[0], "Uruguay", "UNMISS", PersonnelType::kStaffOfficer, 2, 0, 2);
  ExpectRow(r.rows[1], "Viet Nam", "UNMISS", PersonnelType::kExpertsOnMission, 1, 0, 1);
  ExpectRow(r.rows[2], "Viet Nam", "UNMISS", PersonnelType::kStaffOfficer, 1, 0, 1);
  ExpectRow(r.rows[3], "Viet Nam", "UNMISS", PersonnelType::kTroops, 49, 13, 62);
  ExpectRow(r.rows[4], "Bangladesh", "UNMISS", PersonnelType::kExpertsOnMission, 3, 1, 4);
  ExpectRow(r.rows[5], "Bangladesh", "UNMISS", PersonnelType::kTroops, 12, 8, 20);
  EXPECT_EQ(1, r.rows[3].page);
  EXPECT_EQ(7, r.rows[3].line);  // title, header, mission, 3 rows before it
  ASSERT_EQ(2u, r.totals.size());
  EXPECT_EQ(Scope::kMission, r.totals[0].scope);
  EXPECT_EQ("UNMISS", r.totals[0].mission);
  EXPECT_EQ(Scope::kGrand, r.totals[1].scope);
}

TEST(ReportTest, FamilyIWrappedCentredLabel) {
  // A two-line name centred on a single row: one line above, one below.
  Page page = IPage(1)
                  .Text(30, 130, "UNIFIL")
                  .Text(122, 145, "United Kingdom of")
                  .Row(150, {{238, "Staff Officer"}, {354, "3"}, {432, "1"}, {518, "4"}})
                  .Text(122, 153.5, "Great Britain")
                  .Row(175, {{122, "Uruguay"}, {238, "Troops"}, {354, "2"}, {432, "0"}, {518, "2"}})
                  .Build();
  ParsedReport r = ParseOk({page});
  ASSERT_EQ(2u, r.rows.size());
  EXPECT_EQ("United Kingdom of Great Britain", r.rows[0].country);
  EXPECT_EQ("Uruguay", r.rows[1].country);
}

TEST(ReportTest, FamilyITightRowsAreNotOneWrappedName) {
  // 2022-09: rows 13.8 points apart, one single-row country on each.
  Page page = IPage(1)
                  .Text(30, 130, "UNITAMS")
                  .Row(150, {{122, "China"}, {238, "Individual Police"}, {354, "0"}, {432, "0"}, {518, "0"}})
                  .Row(163.8, {{122, "Fiji"}, {238, "Individual Police"}, {354, "1"}, {432, "0"}, {518, "1"}})
                  .Build();
  ParsedReport r = ParseOk({page});
  ASSERT_EQ(2u, r.rows.size());
  EXPECT_EQ("China", r.rows[0].country);
  EXPECT_EQ("Fiji", r.rows[1].country);
}

TEST(ReportTest, FamilyIGroupCutByPageBreakAndRepeatedHeader) {
  // Tunisia has four rows, two on each page; its label is centred on the
  // whole group on both pages. The header repeats on page 2.
  const double p = 13.8;
  Page one = IPage(1)
                 .Text(30, 650, "MINUSCA")
                 .Row(680, {{122, "Spain"}, {238, "Individual Police"}, {354, "3"}, {432, "0"}, {518, "3"}})
                 .Row(680 + p, {{238, "Experts on Mission"}, {354, "3"}, {432, "0"}, {518, "3"}})
                 .Row(680 + 2 * p, {{238, "Individual Police"}, {352, "54"}, {432, "9"}, {515, "63"}})
                 .Text(122, 680 + 2.5 * p, "Tunisia")
                 .Text(288, 760, "Page 1 of 2")
                 .Build();
  Page two = IPage(2)
                 .Text(122, 130 - 0.5 * p, "Tunisia")
                 .Row(130, {{238, "Staff Officer"}, {354, "7"}, {432, "4"}, {518, "11"}})
                 .Row(130 + p, {{238, "Troops"}, {350, "305"}, {432, "5"}, {513, "310"}})
                 .Row(170, {{30, "Total MINUSCA"}, {350, "372"}, {430, "18"}, {513, "390"}})
                 .Text(288, 760, "Page 2 of 2")
                 .Build();
  ParsedReport r = ParseOk({one, two});
  ASSERT_EQ(5u, r.rows.size());
  EXPECT_EQ("Spain", r.rows[0].country);
  for (size_t i = 1; i < 5; ++i) EXPECT_EQ("Tunisia", r.rows[i].country) << i;
  EXPECT_EQ(2, r.rows[3].page);
}

TEST(ReportTest, FamilyIUnreadableRowNamesFilePageAndText) {
  Page page = IPage(3)
                  .Text(30, 130, "BINUH")
                  .Row(150, {{122, "Benin"}, {238, "Individual Police"}, {354, "2"}, {432, "0"}})
                  .Build();
  Result<ParsedReport> r = ParseReport({page}, "UN_2021_04.pdf");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ("UN_2021_04.pdf: page 3: cannot read row: 'Benin Individual Police 2 0'", r.status().message());
}

TEST(ReportTest, UnknownLayoutIsAnError) {
  Page page = PageBuilder(1).Text(30, 100, "Quarterly budget by region").Build();
  Result<ParsedReport> r = ParseReport({page}, "x.pdf");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ("x.pdf: unknown layout: no known column header on page 1", r.status().message());
}

TEST(ReportTest, FamilyASubtotalLines) {
  Page page =
      PageBuilder(1)
          .Text(200, 40, "Month of Report : 31-Jan-17")
          .Row(80,
               {{93, "Country"}, {193, "UN Mission"}, {265, "Description"}, {376, "M"}, {424, "F"}, {465, "Totals"}})
          .Text(91, 95, "Argentina")
          .Row(110, {{184, "MINUSTAH"}, {259, "Individual Police"}, {388, "15"}, {433, "0"}, {500, "15"}})
          .Row(125, {{259, "Contingent Troop"}, {388, "47"}, {433, "25"}, {500, "72"}})
          .Row(140, {{447, "MINUSTAH"}, {508, "87"}})
          .Row(155, {{184, "UNFICYP"}, {259, "Contingent Troop"}, {388, "1,259"}, {433, "17"}, {500, "1,276"}})
          .Row(170, {{447, "UNFICYP"}, {508, "1,276"}})
          .Row(185, {{450, "Argentina"}, {500, "1,363"}})
          .Text(91, 200, "Bosnia and Herzegovina")
          .Row(215, {{184, "MONUSCO"}, {259, "Experts on Mission"}, {388, "5"}, {433, "0"}, {500, "5"}})
          .Row(230, {{447, "MONUSCO"}, {508, "5"}})
          .Row(245, {{450, "Bosnia and"}, {508, "5"}})
          .Build();
  ParsedReport r = ParseOk({page});
  EXPECT_EQ('A', r.family);
  EXPECT_EQ("2017-01-31", r.as_of->ToString());
  ASSERT_EQ(4u, r.rows.size());
  ExpectRow(r.rows[1], "Argentina", "MINUSTAH", PersonnelType::kTroops, 47, 25, 72);
  ExpectRow(r.rows[2], "Argentina", "UNFICYP", PersonnelType::kTroops, 1259, 17, 1276);
  ExpectRow(r.rows[3], "Bosnia and Herzegovina", "MONUSCO", PersonnelType::kExpertsOnMission, 5, 0, 5);
  ASSERT_EQ(5u, r.totals.size());
  EXPECT_EQ(Scope::kMissionCountry, r.totals[0].scope);
  EXPECT_EQ("MINUSTAH / Argentina", r.totals[0].Key());
  EXPECT_FALSE(r.totals[0].men.has_value());
  EXPECT_EQ(Scope::kCountry, r.totals[2].scope);
  EXPECT_EQ(1363, r.totals[2].total);
  EXPECT_EQ("Bosnia and Herzegovina", r.totals[4].country);  // printed cut short
}

TEST(ReportTest, FamilyBNumberedCountriesWrappedNameAndSubtotals) {
  Page page =
      PageBuilder(1)
          .Text(160, 55, "Police,UN Military Experts 31/05/2017")
          .Row(95, {{48, "Country"}, {183, "Mission"}, {284, "POST"}, {431, "MALE"}, {480, "FEMALE"}, {544, "TOTAL"}})
          .Row(110, {{28, "60"}, {48, "Iran (Islamic"}})
          .Text(48, 119, "Republic of)")
          .Text(183, 135, "UNAMID")
          .Row(150, {{287, "Contingent Troops"}, {440, "1,039"}, {502, "27"}, {549, "1,066"}})
          .Row(165, {{485, "UNAMID"}, {549, "1,066"}})
          .Row(180, {{338, "Iran (Islamic"}, {440, "1,039"}, {502, "27"}, {549, "1,066"}})
          .Row(200, {{48, "Grand Total"}, {440, "1,039"}, {502, "27"}, {549, "1,066"}})
          .Build();
  ParsedReport r = ParseOk({page});
  EXPECT_EQ('B', r.family);
  EXPECT_EQ("2017-05-31", r.as_of->ToString());
  ASSERT_EQ(1u, r.rows.size());
  ExpectRow(r.rows[0], "Iran (Islamic Republic of)", "UNAMID", PersonnelType::kTroops, 1039, 27, 1066);
  ASSERT_EQ(3u, r.totals.size());
  EXPECT_EQ(Scope::kMissionCountry, r.totals[0].scope);
  EXPECT_EQ(Scope::kCountry, r.totals[1].scope);
  EXPECT_EQ(Scope::kGrand, r.totals[2].scope);
}

TEST(ReportTest, FamilyCHasNoMissionAndShiftedNumbers) {
  Page page = PageBuilder(1)
                  .Text(160, 47, "Staff Officers and Troops 31/03/2018")
                  .Row(86, {{42, "Country Name"}, {207, "POST"}, {379, "MALE"}, {429, "FEMALE"}, {500, "TOTAL"}})
                  .Row(103, {{23, "6"}, {42, "Bangladesh"}})
                  .Text(207, 123, "Contingent Troops")
                  .Row(120, {{378, "6,036"}, {447, "70"}, {502, "6,106"}})
                  .Row(143, {{207, "FPU"}, {384, "663"}, {447, "73"}, {508, "736"}})
                  .Row(163, {{42, "Total for Country"}, {378, "6,699"}, {447, "143"}, {502, "6,842"}})
                  .Row(183, {{42, "Total"}, {378, "6,699"}, {447, "143"}, {502, "6,842"}})
                  .Build();
  ParsedReport r = ParseOk({page});
  EXPECT_EQ('C', r.family);
  ASSERT_EQ(2u, r.rows.size());
  ExpectRow(r.rows[0], "Bangladesh", "", PersonnelType::kTroops, 6036, 70, 6106);
  ExpectRow(r.rows[1], "Bangladesh", "", PersonnelType::kFormedPoliceUnits, 663, 73, 736);
  EXPECT_EQ(2u, r.totals.size());
}

TEST(ReportTest, FamilyDFlatRows) {
  Page page = PageBuilder(1)
                  .Row(30, {{10, "mission"},
                            {113, "country"},
                            {170, "description"},
                            {260, "male"},
                            {320, "female"},
                            {380, "total"},
                            {430, "report_date"}})
                  .Row(45, {{10, "MINUJUSTH"},
                            {113, "Republic of"},
                            {170, "Individual Police"},
                            {300, "0"},
                            {355, "2"},
                            {410, "2"},
                            {430, "30/09/2019"}})
                  .Row(55, {{10, "MINUJUSTH"},
                            {113, "Jordan"},
                            {170, "FPU"},
                            {300, "4"},
                            {355, "0"},
                            {410, "4"},
                            {430, "30/09/2019"}})
                  .Build();
  ParsedReport r = ParseOk({page});
  EXPECT_EQ('D', r.family);
  EXPECT_EQ("2019-09-30", r.as_of->ToString());
  ASSERT_EQ(2u, r.rows.size());
  ExpectRow(r.rows[0], "Republic of", "MINUJUSTH", PersonnelType::kIndividualPolice, 0, 2, 2);
  ExpectRow(r.rows[1], "Jordan", "MINUJUSTH", PersonnelType::kFormedPoliceUnits, 4, 0, 4);
}

TEST(ReportTest, FamilyEWideTable) {
  PageBuilder b(1);
  b.Text(100, 10, "Summary of Contribution to UN Peacekeeping by Country and Post");
  b.Row(30, {{32, "Country"},
             {125, "Mission"},
             {213, "UNMEM M"},
             {276, "UNMEM F"},
             {334, "Troops M"},
             {389, "Troops F"},
             {439, "UNPOL M"},
             {495, "UNPOL F"},
             {547, "FPU M"},
             {589, "FPU F"},
             {626, "MSO M"},
             {672, "MSO F"}});
  b.Text(32, 52, "Iran (Islamic").Text(32, 66, "Republic of)");
  const double xs[10] = {260, 319, 373, 423, 479, 531, 573, 610, 656, 697};
  auto numbers = [&](double y, std::vector<std::string_view> v) {
    for (size_t i = 0; i < v.size(); ++i) b.Text(xs[i], y, v[i]);
  };
  b.Text(125, 88, "UNAMID");
  numbers(88, {"1", "0", "0", "0", "5", "2", "0", "0", "0", "0"});
  b.Text(125, 110, "Total by Country");
  numbers(110, {"1", "0", "0", "0", "5", "2", "0", "0", "0", "0"});
  b.Text(125, 130, "Grand Total");
  numbers(130, {"1", "0", "0", "0", "5", "2", "0", "0", "0", "0"});
  ParsedReport r = ParseOk({b.Build()});
  EXPECT_EQ('E', r.family);
  EXPECT_FALSE(r.as_of.has_value());  // 2019-10 prints no date
  ASSERT_EQ(2u, r.rows.size());       // empty pairs are no rows
  ExpectRow(r.rows[0], "Iran (Islamic Republic of)", "UNAMID", PersonnelType::kExpertsOnMission, 1, 0, 1);
  ExpectRow(r.rows[1], "Iran (Islamic Republic of)", "UNAMID", PersonnelType::kIndividualPolice, 5, 2, 7);
  ASSERT_EQ(10u, r.totals.size());  // five types, country and grand
  EXPECT_EQ("Iran (Islamic Republic of) (Experts on Mission)", r.totals[0].Key());
}

TEST(ReportTest, FamilyFPostAfterNumbersWrappedNameRowCount) {
  Page page =
      PageBuilder(1)
          .Text(50, 60, "Troops 30/11/2019")
          .Row(93, {{23, "Mission"}, {110, "Country"}, {251, "Male"}, {288, "Female"}, {353, "Total"}, {387, "Post"}})
          .Text(23, 110, "MINURSO")
          .Row(130, {{110, "United Republic of"}, {259, "431"}, {313, "19"}, {361, "450"}, {387, "Troops"}})
          .Text(110, 143.5, "Tanzania")
          .Row(165, {{110, "Malawi"}, {270, "2"}, {318, "1"}, {372, "3"}, {387, "Experts on Mission"}})
          .Row(190, {{264, "433"}, {312, "20"}, {360, "453"}})
          .Text(79, 215, "2")
          .Build();
  ParsedReport r = ParseOk({page});
  EXPECT_EQ('F', r.family);
  ASSERT_EQ(2u, r.rows.size());
  ExpectRow(r.rows[0], "United Republic of Tanzania", "MINURSO", PersonnelType::kTroops, 431, 19, 450);
  EXPECT_EQ(2, r.printed_row_count);
}

TEST(ReportTest, FamilyGCountryBesideRowsWrapsAndClosingLine) {
  Page page =
      PageBuilder(1)
          .Text(90, 60, "Staff Officers and Troops 31/12/2019")
          .Row(
              94,
              {{23, "Mission"}, {113, "Country"}, {255, "Description"}, {357, "Male"}, {401, "Female"}, {460, "Total"}})
          .Text(23, 110, "BINUH")
          .Row(130, {{113, "United Republic of"}, {255, "contingent"}, {369, "431"}, {432, "19"}, {474, "450"}})
          .Text(113, 144, "Tanzania")
          .Row(174, {{113, "Togo"}, {255, "staff"}, {381, "4"}, {438, "1"}, {486, "5"}})
          .Row(204, {{375, "435"}, {432, "20"}, {480, "455"}})
          .Row(234, {{113, "2"}, {375, "435"}, {432, "20"}, {480, "455"}})
          .Build();
  ParsedReport r = ParseOk({page});
  EXPECT_EQ('G', r.family);
  ASSERT_EQ(2u, r.rows.size());
  ExpectRow(r.rows[0], "United Republic of Tanzania", "BINUH", PersonnelType::kTroops, 431, 19, 450);
  ExpectRow(r.rows[1], "Togo", "BINUH", PersonnelType::kStaffOfficer, 4, 1, 5);
  EXPECT_EQ(2, r.printed_row_count);
  ASSERT_EQ(2u, r.totals.size());
  EXPECT_EQ(Scope::kMission, r.totals[0].scope);
  EXPECT_EQ(Scope::kGrand, r.totals[1].scope);
}

TEST(ReportTest, FamilyGCountryAboveRowsAndUnlabelledGrandTotal) {
  Page page = PageBuilder(1)
                  .Text(90, 60, "Troops 29/02/2020")
                  .Row(104, {{23, "Mission"},
                             {113, "Contributor"},
                             {249, "Description"},
                             {382, "Male"},
                             {440, "Female"},
                             {516, "Total"}})
                  .Text(23, 120, "MINURSO")
                  .Text(122, 140, "United Republic of")
                  .Text(122, 154, "Tanzania")
                  .Row(174, {{249, "contingent"}, {392, "410"}, {466, "40"}, {527, "450"}})
                  .Row(195, {{249, "staff"}, {403, "4"}, {472, "1"}, {538, "5"}})
                  .Text(122, 218, "Bolivia")
                  .Row(238, {{249, "experts"}, {403, "3"}, {472, "0"}, {538, "3"}})
                  .Row(260, {{397, "417"}, {466, "41"}, {527, "458"}})
                  .Row(280, {{397, "417"}, {466, "41"}, {527, "458"}})
                  .Build();
  ParsedReport r = ParseOk({page});
  EXPECT_EQ('G', r.family);
  ASSERT_EQ(3u, r.rows.size());
  ExpectRow(r.rows[1], "United Republic of Tanzania", "MINURSO", PersonnelType::kStaffOfficer, 4, 1, 5);
  ExpectRow(r.rows[2], "Bolivia", "MINURSO", PersonnelType::kExpertsOnMission, 3, 0, 3);
  ASSERT_EQ(2u, r.totals.size());
  EXPECT_EQ(Scope::kGrand, r.totals[1].scope);
}

TEST(ReportTest, FamilyHMissionAndContributorSubtotals) {
  Page page = PageBuilder(1)
                  .Text(170, 100, "on Mission, Staff Officers and Troops, 31/01/2021")
                  .Row(138, {{71, "Mission"},
                             {142, "Contributor"},
                             {243, "Description"},
                             {351, "Male"},
                             {438, "Female"},
                             {503, "Total"}})
                  .Row(150, {{70, "BINUH"}, {356, "10"}, {466, "3"}, {508, "13"}})
                  .Row(162, {{136, "Benin"}, {359, "2"}, {466, "0"}, {511, "2"}})
                  .Row(174, {{219, "Individual Police"}, {359, "2"}, {466, "0"}, {511, "2"}})
                  .Row(186, {{136, "Canada"}, {359, "8"}, {466, "3"}, {511, "11"}})
                  .Row(198, {{219, "Individual Police"}, {359, "3"}, {466, "1"}, {511, "4"}})
                  .Row(210, {{219, "Staff Officer"}, {359, "5"}, {466, "2"}, {511, "7"}})
                  .Row(222, {{10, "Grand Total"}, {356, "10"}, {466, "3"}, {508, "13"}})
                  .Build();
  ParsedReport r = ParseOk({page});
  EXPECT_EQ('H', r.family);
  ASSERT_EQ(3u, r.rows.size());
  ExpectRow(r.rows[2], "Canada", "BINUH", PersonnelType::kStaffOfficer, 5, 2, 7);
  ASSERT_EQ(4u, r.totals.size());
  EXPECT_EQ(Scope::kMission, r.totals[0].scope);
  EXPECT_EQ(Scope::kMissionCountry, r.totals[1].scope);
  EXPECT_EQ("BINUH / Benin", r.totals[1].Key());
}

TEST(ReportTest, FamilyJTotalsWithoutSexSplit) {
  Page page =
      PageBuilder(1)
          .Text(288, 85, "As of : 30/09/2023")
          .Row(106.8, {{30, "Country"},
                       {119, "Experts on"},
                       {174, "Formed Police"},
                       {245, "Individual"},
                       {304, "Staff Officer"},
                       {375, "Troops"},
                       {445, "Total"},
                       {510, "End Date"}})
          .Row(115.8, {{126, "Mission"}, {193, "Units"}, {253, "Police"}})
          .Row(128.8, {{30, "Bangladesh"},
                       {137, "56"},
                       {196, "333"},
                       {260, "37"},
                       {320, "152"},
                       {380, "6,378"},
                       {445, "6,956"},
                       {508, "30/09/2023"}})
          .Row(150, {{30, "United Republic of"},
                     {139, "6"},
                     {201, "0"},
                     {260, "28"},
                     {322, "35"},
                     {380, "1464"},
                     {445, "1533"},
                     {508, "30/09/2023"}})
          .Text(30, 159, "Tanzania")
          .Row(
              180,
              {{30, "Grand Total"}, {137, "62"}, {196, "333"}, {260, "65"}, {320, "187"}, {380, "7842"}, {445, "8489"}})
          .Build();
  ParsedReport r = ParseOk({page});
  EXPECT_EQ('J', r.family);
  EXPECT_EQ("2023-09-30", r.as_of->ToString());
  ASSERT_EQ(9u, r.rows.size());  // 5 + 4 non-zero types
  ExpectRow(r.rows[4], "Bangladesh", "", PersonnelType::kTroops, std::nullopt, std::nullopt, 6378);
  ExpectRow(r.rows[5], "United Republic of Tanzania", "", PersonnelType::kExpertsOnMission, std::nullopt, std::nullopt,
            6);
  EXPECT_EQ("United Republic of Tanzania", r.totals[1].country);
}

TEST(ReportTest, FamilyKFlatRowsWithWrappedCentredName) {
  Page page =
      PageBuilder(1)
          .Row(37.6, {{49, "Mission"},
                      {131, "Country"},
                      {204, "Personnel Type"},
                      {302, "Male"},
                      {368, "Female"},
                      {436, "Total"},
                      {490, "Report Date"}})
          .Row(54.6, {{52, "BINUH"},
                      {102, "United States of America"},
                      {205, "Individual Police"},
                      {310, "1"},
                      {380, "0"},
                      {443, "1"},
                      {493, "31/10/2024"}})
          .Text(113, 256.7, "United Republic of")
          .Row(261.2,
               {{46, "MINUSCA"}, {213, "Staff Officer"}, {310, "2"}, {380, "5"}, {443, "7"}, {493, "31/10/2024"}})
          .Text(130, 265.7, "Tanzania")
          .Build();
  ParsedReport r = ParseOk({page});
  EXPECT_EQ('K', r.family);
  EXPECT_EQ("2024-10-31", r.as_of->ToString());
  ASSERT_EQ(2u, r.rows.size());
  ExpectRow(r.rows[0], "United States of America", "BINUH", PersonnelType::kIndividualPolice, 1, 0, 1);
  ExpectRow(r.rows[1], "United Republic of Tanzania", "MINUSCA", PersonnelType::kStaffOfficer, 2, 5, 7);
}

TEST(ReportTest, RepeatedTitleWithoutHeaderIsSkipped) {
  // 2022-09 repeats the title, not the column header, on later pages.
  auto titled = [](int n) {
    PageBuilder b(n);
    b.Text(187, 37, "Contribution of Uniformed Personnel to UN");
    b.Text(292, 85, "As of: 30/09/2022");
    return b;
  };
  Page one = titled(1)
                 .Row(103, {{30, "Mission"},
                            {123, "Country"},
                            {243, "Personnel Type"},
                            {355, "Male"},
                            {432, "Female"},
                            {522, "Total"}})
                 .Text(30, 116, "BINUH")
                 .Row(131, {{123, "Benin"}, {243, "Individual Police"}, {362, "1"}, {442, "0"}, {529, "1"}})
                 .Build();
  Page two =
      titled(2).Row(103, {{123, "Nepal"}, {243, "Experts on Mission"}, {362, "4"}, {442, "1"}, {529, "5"}}).Build();
  ParsedReport r = ParseOk({one, two});
  ASSERT_EQ(2u, r.rows.size());
  EXPECT_EQ("Nepal", r.rows[1].country);
  EXPECT_EQ("BINUH", r.rows[1].mission);
}

}  // namespace
}  // namespace bh::pdf
