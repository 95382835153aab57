#include "report/table.h"

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
