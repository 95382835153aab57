// What the UN prints that the first reader could not survive, each as a
// real PDF built from SOURCES.md's description ("Defects a reader must
// survive", "A layout seen once") and read the whole way: poppler's
// extraction, recognition, parsing and reconciliation.
#include <gtest/gtest.h>

#include "pdf/contribution_report.h"
#include "pdf/pdf_text.h"
#include "pdf/test_pdf.h"

namespace bh::pdf {
namespace {

using testing::MakePdf;
using testing::PdfPage;
using Why = SkippedLine::Why;

Result<ParsedReport> Read(const std::vector<PdfPage>& pages, const std::string& name) {
  BH_ASSIGN_OR_RETURN(std::vector<Page> extracted, ExtractPages(MakePdf(pages), name));
  return ParseReport(extracted, name);
}

ParsedReport ReadOk(const std::vector<PdfPage>& pages) {
  Result<ParsedReport> r = Read(pages, "test.pdf");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(*r) : ParsedReport{};
}

int Count(const ParsedReport& r, Why why) {
  int n = 0;
  for (const SkippedLine& s : r.skipped) n += s.why == why ? 1 : 0;
  return n;
}

// Family A as 2015 prints it: columns as in the 2017 reports.
PdfPage FamilyAHeader(std::string date) {
  return {{200, 40, "Month of Report : " + date},
          {93, 80, "Country"},
          {193, 80, "UN Mission"},
          {265, 80, "Description"},
          {376, 80, "M"},
          {424, 80, "F"},
          {465, 80, "Totals"}};
}

void Add(PdfPage& page, const PdfPage& cells) { page.insert(page.end(), cells.begin(), cells.end()); }

// 2015-02, Argentina / MINURSO: "Individual Police 0" twice (the 0 in the M
// column), "Experts on Mission _ 0" (the 0 in the F column), beside the
// real rows; a mission whose only rows are stubs prints a subtotal with no
// number; a stub may print no number at all.
std::vector<PdfPage> StubRowsReport(std::string stub_figure = "0") {
  PdfPage p = FamilyAHeader("28-Feb-15");
  Add(p, {{91, 95, "Argentina"},
          {184, 110, "MINURSO"},
          {259, 110, "Individual Police"},
          {388, 110, "0"},
          {433, 110, "1"},
          {500, 110, "1"},
          {259, 122, "Individual Police"},
          {388, 122, stub_figure},
          {259, 134, "Individual Police"},
          {388, 134, "0"},
          {259, 146, "Experts on Mission"},
          {388, 146, "3"},
          {433, 146, "0"},
          {500, 146, "3"},
          {259, 158, "Experts on Mission"},
          {433, 158, "0"},
          {447, 170, "MINURSO"},
          {508, 170, "4"},
          {184, 182, "MINUSTAH"},
          {259, 182, "Individual Police"},
          {388, 182, "19"},
          {433, 182, "2"},
          {500, 182, "21"},
          {259, 194, "Contingent Troop"},
          {388, 194, "529"},
          {433, 194, "37"},
          {500, 194, "566"},
          {447, 206, "MINUSTAH"},
          {508, 206, "587"},
          {450, 218, "Argentina"},
          {500, 218, "591"},
          {91, 230, "Bangladesh"},
          {184, 242, "MINURSO"},
          {259, 242, "Experts on Mission"},
          {433, 242, "0"},
          {447, 254, "MINURSO"},
          {184, 266, "MINUSCA"},
          {259, 266, "Contingent Troop"},
          {388, 266, "840"},
          {433, 266, "7"},
          {500, 266, "847"},
          {259, 278, "Contingent Troop"},
          {447, 290, "MINUSCA"},
          {508, 290, "847"},
          {450, 302, "Bangladesh"},
          {500, 302, "847"},
          {288, 760, "Page 1 of 1"}});
  return {p};
}

TEST(DescribedLayoutsTest, StubRowsOf2015AreKeptOutOfTheFigures) {
  ParsedReport r = ReadOk(StubRowsReport());
  EXPECT_EQ('A', r.family);
  EXPECT_EQ("2015-02-28", r.as_of->ToString());
  ASSERT_EQ(5u, r.rows.size());
  EXPECT_EQ("Argentina", r.rows[0].country);
  EXPECT_EQ("MINURSO", r.rows[0].mission);
  EXPECT_EQ(PersonnelType::kIndividualPolice, r.rows[0].type);
  EXPECT_EQ(1, r.rows[0].women);
  EXPECT_EQ(3, r.rows[1].men);
  EXPECT_EQ("Bangladesh", r.rows[4].country);
  EXPECT_EQ("MINUSCA", r.rows[4].mission);
  EXPECT_EQ(840, r.rows[4].men);
  EXPECT_EQ(5, Count(r, Why::kStubRow));
  EXPECT_EQ(1, Count(r, Why::kEmptySubtotal));
  ASSERT_EQ(6u, r.skipped.size());
  EXPECT_EQ("Individual Police 0", r.skipped[0].text);
  EXPECT_EQ(1, r.skipped[0].page);
  EXPECT_EQ("MINURSO Experts on Mission 0", r.skipped[3].text);
  EXPECT_EQ(Why::kEmptySubtotal, r.skipped[4].why);
  // Every numeric subtotal still agrees: 3 mission subtotals, 2 country totals.
  EXPECT_EQ(5u, r.totals.size());
  EXPECT_TRUE(CheckPrintedTotals(r).empty());
}

TEST(DescribedLayoutsTest, AStubWithAFigureIsNotGuessed) {
  Result<ParsedReport> r = Read(StubRowsReport("7"), "stub.pdf");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ("stub.pdf: page 1: cannot read row: 'Individual Police 7'", r.status().message());
}

TEST(DescribedLayoutsTest, AnEmptySubtotalAfterFiguresIsNotAccepted) {
  PdfPage p = FamilyAHeader("28-Feb-15");
  Add(p, {{91, 95, "Albania"},
          {184, 110, "UNMISS"},
          {259, 110, "Individual Police"},
          {388, 110, "3"},
          {433, 110, "0"},
          {500, 110, "3"},
          {447, 122, "UNMISS"}});
  Result<ParsedReport> r = Read({p}, "x.pdf");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ("x.pdf: page 1: cannot read row: 'UNMISS'", r.status().message());
}

// Another 2015 report: a key already printed with figures printed again as
// "Individual Police 0 0 0" on the next line (51 times in that report).
TEST(DescribedLayoutsTest, RepeatedAllZeroRowsAddNothing) {
  PdfPage p = FamilyAHeader("31-Jan-15");
  Add(p, {{91, 95, "Albania"},
          {184, 110, "UNMISS"},
          {259, 110, "Individual Police"},
          {388, 110, "3"},
          {433, 110, "0"},
          {500, 110, "3"},
          {259, 122, "Individual Police"},
          {388, 122, "0"},
          {433, 122, "0"},
          {500, 122, "0"},
          {259, 134, "Experts on Mission"},
          {388, 134, "0"},
          {433, 134, "0"},
          {500, 134, "0"},
          {259, 146, "Experts on Mission"},
          {388, 146, "0"},
          {433, 146, "0"},
          {500, 146, "0"},
          {447, 158, "UNMISS"},
          {508, 158, "3"},
          {450, 170, "Albania"},
          {500, 170, "3"}});
  ParsedReport r = ReadOk({p});
  // The figures row stays; of two all-zero rows of one key the first stays.
  ASSERT_EQ(2u, r.rows.size());
  EXPECT_EQ(3, r.rows[0].total);
  EXPECT_EQ(PersonnelType::kExpertsOnMission, r.rows[1].type);
  EXPECT_EQ(0, r.rows[1].total);
  ASSERT_EQ(2, Count(r, Why::kRepeatedZeroRow));
  EXPECT_EQ(1, r.skipped[0].line - r.rows[0].line);  // the next line
  EXPECT_TRUE(CheckPrintedTotals(r).empty());
}

// The 2016-11 layout (SOURCES.md, "A layout seen once"): numbered
// countries, a mission line, always four type rows (zeros too), "Total for
// Mission" with M, F and total, no country totals, an unsplit grand total,
// the month only as "by End of November, 2016". Two pages, the header
// repeated, a country running over the page break.
std::vector<PdfPage> Layout2016_11(std::string mission_total = "1,723", std::string grand = "1,749") {
  auto header = [](double y) {
    return PdfPage{{40, y, "Country"}, {150, y, "Mission"}, {330, y, "Male"}, {380, y, "Female"}, {440, y, "Total"}};
  };
  auto type_row = [](double y, std::string label, std::string m, std::string f, std::string t) {
    return PdfPage{{160, y, label}, {335, y, m}, {385, y, f}, {445, y, t}};
  };
  PdfPage p1 = {{150, 40, "Summary of Contributions to Peackeeping by Country and Mission Detail"},
                {110, 52, "Police,UN Military Experts on Mission and Troops by End of November, 2016"}};
  Add(p1, header(80));
  Add(p1, {{20, 95, "1"}, {40, 95, "Algeria"}, {150, 107, "MONUSCO"}});
  Add(p1, type_row(119, "Experts on Mission", "3", "0", "3"));
  Add(p1, type_row(131, "Contingent Troops", "0", "0", "0"));
  Add(p1, type_row(143, "Ind Police", "0", "0", "0"));
  Add(p1, type_row(155, "Formed Police Units", "0", "0", "0"));
  Add(p1, type_row(167, "Total for Mission", "3", "0", "3"));
  Add(p1, {{20, 182, "2"}, {40, 182, "Bosnia and"}, {40, 191, "Herzegovina"}, {150, 203, "MINUSMA"}});
  Add(p1, type_row(215, "Experts on Mission", "10", "0", "10"));
  Add(p1, type_row(227, "Contingent Troops", "1,430", "3", "1,433"));
  Add(p1, type_row(239, "Ind Police", "0", "0", "0"));
  Add(p1, type_row(251, "Formed Police Units", "270", "10", "280"));
  Add(p1, type_row(263, "Total for Mission", "1,710", "13", mission_total));
  PdfPage p2 = header(80);
  Add(p2, {{150, 95, "UNMISS"}});
  Add(p2, type_row(107, "Experts on Mission", "5", "1", "6"));
  Add(p2, type_row(119, "Contingent Troops", "0", "0", "0"));
  Add(p2, type_row(131, "Ind Police", "12", "5", "17"));
  Add(p2, type_row(143, "Formed Police Units", "0", "0", "0"));
  Add(p2, type_row(155, "Total for Mission", "17", "6", "23"));
  Add(p2, {{40, 175, "Grand Total"}, {445, 175, grand}});
  return {p1, p2};
}

TEST(DescribedLayoutsTest, Layout2016_11) {
  ParsedReport r = ReadOk(Layout2016_11());
  EXPECT_EQ('L', r.family);
  ASSERT_TRUE(r.as_of.has_value());
  EXPECT_EQ("2016-11-30", r.as_of->ToString());
  ASSERT_EQ(6u, r.rows.size());
  EXPECT_EQ("Algeria", r.rows[0].country);
  EXPECT_EQ("MONUSCO", r.rows[0].mission);
  EXPECT_EQ(PersonnelType::kExpertsOnMission, r.rows[0].type);
  EXPECT_EQ("Bosnia and Herzegovina", r.rows[1].country);
  EXPECT_EQ(PersonnelType::kTroops, r.rows[2].type);
  EXPECT_EQ(1430, r.rows[2].men);
  EXPECT_EQ(3, r.rows[2].women);
  EXPECT_EQ("Bosnia and Herzegovina", r.rows[5].country);  // across the page break
  EXPECT_EQ("UNMISS", r.rows[5].mission);
  EXPECT_EQ(PersonnelType::kIndividualPolice, r.rows[5].type);  // "Ind Police"
  EXPECT_EQ(2, r.rows[5].page);
  EXPECT_EQ(6, Count(r, Why::kZeroRow));
  ASSERT_EQ(4u, r.totals.size());  // three "Total for Mission", one grand total
  EXPECT_EQ(PrintedTotal::Scope::kGrand, r.totals[3].scope);
  EXPECT_FALSE(r.totals[3].men.has_value());
  EXPECT_EQ(1749, r.totals[3].total);
  EXPECT_TRUE(CheckPrintedTotals(r).empty());
}

TEST(DescribedLayoutsTest, Layout2016_11TotalsAreChecked) {
  std::vector<Mismatch> mission = CheckPrintedTotals(ReadOk(Layout2016_11("1,724")));
  ASSERT_EQ(1u, mission.size());
  EXPECT_EQ("MINUSMA / Bosnia and Herzegovina", mission[0].key);
  std::vector<Mismatch> grand = CheckPrintedTotals(ReadOk(Layout2016_11("1,723", "100,851")));
  ASSERT_EQ(1u, grand.size());
  EXPECT_EQ(PrintedTotal::Scope::kGrand, grand[0].scope);
  EXPECT_EQ(100851, grand[0].printed);
  EXPECT_EQ(1749, grand[0].computed);
}

}  // namespace
}  // namespace bh::pdf
