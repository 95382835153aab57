#include "table/table.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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

TEST(TableTest, JsonIsTypedAndAlwaysOneObjectOfNamedTables) {
  nlohmann::json j = nlohmann::json::parse(Render(Sample(), Format::kJson));
  ASSERT_EQ(1u, j.size());
  const nlohmann::json& t = j["tables"]["table"];
  EXPECT_EQ(1225, t["rows"][0]["Women"]);
  EXPECT_TRUE(t["rows"][1]["Share"].is_null());
  EXPECT_EQ("SYNTHETIC sample data", t["notes"][0]);
  Table monthly = Sample(), annual = Sample();
  monthly.name = "monthly";
  annual.name = "annual";
  j = nlohmann::json::parse(Render(std::vector<Table>{monthly, annual}, Format::kJson, "country"));
  EXPECT_EQ(2u, j["tables"].size());
  EXPECT_EQ("Scorecard", j["tables"]["annual"]["title"]);
  // Unnamed tables take the command's name.
  j = nlohmann::json::parse(Render(std::vector<Table>{Sample(), Sample()}, Format::kJson, "top"));
  EXPECT_TRUE(j["tables"].contains("top") && j["tables"].contains("top_2")) << j.dump();
}

TEST(TableTest, CsvAndJsonLinesHoldOneTable) {
  Table second = Sample();
  second.columns = {"Other"};
  second.rows = {{"x"}};
  EXPECT_EQ(Render(Sample(), Format::kCsv), Render(std::vector<Table>{Sample(), second}, Format::kCsv));
  EXPECT_EQ(
      "{\"Country\":\"Viet Nam\",\"Share\":17.46,\"Women\":1225}\n"
      "{\"Country\":\"Japan\",\"Share\":null,\"Women\":0}\n",
      Render(std::vector<Table>{Sample(), second}, Format::kJsonLines));
}

// A machine-only column: in CSV and JSON, not on the terminal, in markdown
// or in the web's display (whose "columns" are the shown ones).
TEST(TableTest, MachineOnlyColumnsAreLeftToMachines) {
  Table t;
  t.columns = {"Country", "Rank", "Ranked countries"};
  t.machine_only = {"Ranked countries"};
  Cell rank(int64_t{52});
  rank.display = "52 of 65";
  t.AddRow({"Viet Nam", rank, int64_t{65}});
  EXPECT_EQ("Country,Rank,Ranked countries\nViet Nam,52,65\n", Render(t, Format::kCsv));
  EXPECT_EQ(
      "Country       Rank\n"
      "--------  --------\n"
      "Viet Nam  52 of 65\n",
      Render(t, Format::kTable));
  EXPECT_EQ(std::string::npos, Render(t, Format::kMarkdown).find("Ranked"));
  nlohmann::json web = TableToJson(t, true);
  EXPECT_EQ((std::vector<std::string>{"Country", "Rank"}), web["columns"].get<std::vector<std::string>>());
  EXPECT_EQ("52 of 65", web["display"][0][1]);
  EXPECT_EQ(65, web["rows"][0]["Ranked countries"]);
  EXPECT_EQ((std::vector<std::string>{"Ranked countries"}), web["machine_only"].get<std::vector<std::string>>());
}

TEST(TableTest, Markdown) {
  EXPECT_EQ(
      "### Scorecard\n\n| Country | Women | Share |\n|---|---:|---:|\n| Viet Nam | 1,225 | 17.5 % |\n"
      "| Japan | 0 | - |\n\nSYNTHETIC sample data\n",
      Render(Sample(), Format::kMarkdown));
}

TEST(TableTest, ParseFormat) {
  EXPECT_EQ(Format::kJson, *ParseFormat("JSON"));
  EXPECT_EQ(Format::kJsonLines, *ParseFormat("jsonl"));
  EXPECT_EQ("unknown format 'xml' (want table, csv, json, jsonl or markdown)", ParseFormat("xml").status().message());
}

}  // namespace
}  // namespace bh
