#include "table/table.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

Table Sample() {
  Table t;
  t.title = "Scorecard";
  t.columns = {"Country", "Women", "Share"};
  t.AddRow({"Viet Nam", int64_t{1225}, Cell::Decimal(17.46, "17.5 %")});
  t.AddRow({"Japan", 0, Cell::Null("-")});
  t.notes = {"SYNTHETIC sample data"};
  return t;
}

TEST(TableTest, TerminalAlignsNumbersRight) {
  EXPECT_EQ(
      "Scorecard\n"
      "Country   Women   Share\n"
      "--------  -----  ------\n"
      "Viet Nam  1,225  17.5 %\n"
      "Japan         0       -\n"
      "SYNTHETIC sample data\n",
      Render(Sample(), Format::kTable));
}

TEST(TableTest, CsvNeutralisesFormulasButKeepsNegativeNumbers) {
  Table t;
  t.columns = {"Group", "Change", "Note"};
  t.AddRow({"=HYPERLINK(\"http://evil\",\"x\")", int64_t{-3}, "-0.5"});
  t.AddRow({"@SUM(A1)", Cell::Decimal(-0.5, "-0.5"), "-1 vs 2023"});
  EXPECT_EQ(
      "Group,Change,Note\n"
      "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",-3,-0.5\n"
      "\"'@SUM(A1)\",-0.5,\"'-1 vs 2023\"\n",
      Render(t, Format::kCsv));
}

TEST(TableTest, JsonNeverThrowsOnBytesThatAreNotUtf8) {
  Table t;
  t.columns = {"File"};
  t.AddRow({"bad\xff.csv"});
  std::string out;
  ASSERT_NO_THROW(out = Render(t, Format::kJson));
  EXPECT_NE(std::string::npos, out.find("\"bad\xEF\xBF\xBD.csv\"")) << out;
  ASSERT_NO_THROW(out = Render(std::vector<Table>{t, t}, Format::kJson));
}

TEST(TableTest, CsvKeepsRawValues) {
  EXPECT_EQ("Country,Women,Share\nViet Nam,1225,17.46\nJapan,0,\n", Render(Sample(), Format::kCsv));
}

TEST(TableTest, JsonIsTyped) {
  std::string j = Render(Sample(), Format::kJson);
  EXPECT_NE(std::string::npos, j.find("\"Women\": 1225"));
  EXPECT_NE(std::string::npos, j.find("\"Share\": null"));
  EXPECT_NE(std::string::npos, j.find("\"notes\": [\n    \"SYNTHETIC sample data\""));
}

TEST(TableTest, Markdown) {
  EXPECT_EQ(
      "### Scorecard\n\n| Country | Women | Share |\n|---|---:|---:|\n| Viet Nam | 1,225 | 17.5 % |\n"
      "| Japan | 0 | - |\n\nSYNTHETIC sample data\n",
      Render(Sample(), Format::kMarkdown));
}

TEST(TableTest, ParseFormat) {
  EXPECT_EQ(Format::kJson, *ParseFormat("JSON"));
  EXPECT_EQ("unknown format 'xml' (want table, csv, json or markdown)", ParseFormat("xml").status().message());
}

}  // namespace
}  // namespace bh
