#include "base/csv.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view data, Status* st = nullptr,
                                              std::vector<int>* lines = nullptr) {
  CsvReader r(data, "t.csv");
  std::vector<std::string_view> f;
  std::vector<std::vector<std::string>> out;
  while (r.Next(&f)) {
    out.emplace_back(f.begin(), f.end());
    if (lines) lines->push_back(r.line());
  }
  if (st) *st = r.status();
  return out;
}

TEST(CsvTest, BomCrlfAndQuotes) {
  std::vector<int> lines;
  auto rows = ReadAll(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n1,\r\n",
      nullptr, &lines);
  ASSERT_EQ(3u, rows.size());
  EXPECT_EQ((std::vector<std::string>{"a", "b"}), rows[0]);
  EXPECT_EQ((std::vector<std::string>{"x, y", "say \"hi\""}), rows[1]);
  EXPECT_EQ((std::vector<std::string>{"1", ""}), rows[2]);
  EXPECT_EQ((std::vector<int>{1, 2, 4}), lines);
}

TEST(CsvTest, QuotedLineBreakCountsLines) {
  std::vector<int> lines;
  auto rows = ReadAll("a\n\"two\nlines\",b\nc\n", nullptr, &lines);
  ASSERT_EQ(3u, rows.size());
  EXPECT_EQ("two\nlines", rows[1][0]);
  EXPECT_EQ((std::vector<int>{1, 2, 4}), lines);
}

TEST(CsvTest, UnterminatedQuoteIsAnError) {
  Status st;
  ReadAll("a,b\n\"open,1\n", &st);
  EXPECT_EQ("t.csv:2: unterminated quoted field", st.message());
}

TEST(CsvTest, TextAfterClosingQuoteIsAnError) {
  Status st;
  ReadAll("\"a\"b,c\n", &st);
  EXPECT_EQ("t.csv:1: text after a closing quote", st.message());
}

TEST(CsvTest, WriteQuotesOnlyWhenNeeded) {
  std::string out;
  CsvReader::AppendRecord({"plain", "a,b", "say \"x\""}, &out);
  EXPECT_EQ("plain,\"a,b\",\"say \"\"x\"\"\"\n", out);
}

TEST(CsvTest, FormulaLikeFieldsAreNeutralisedAndQuoted) {
  static const struct {
    const char* field;
    const char* written;
  } kCases[] = {
      {"=HYPERLINK(\"http://x\",\"click\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""},
      {"=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\""},
      {"+1+2", "\"'+1+2\""},
      {"-2+3", "\"'-2+3\""},
      {"@SUM(A1)", "\"'@SUM(A1)\""},
      {"\tx", "\"'\tx\""},
      {"\r=1", "\"'\r=1\""},
      {"-", "-"},  // the tables' placeholder: no operand, no formula
      {"'-", "\"''-\""},
      {"--1", "\"'--1\""},
      {"'=x", "\"''=x\""},  // reversible: one apostrophe added, one taken off
      // Plain numbers stay numbers.
      {"-3", "-3"},
      {"-0.5", "-0.5"},
      {"+2", "+2"},
      {"-1e-3", "-1e-3"},
      {"-.5", "-.5"},
      // Not formula-like.
      {"Viet Nam", "Viet Nam"},
      {"a=b", "a=b"},
      {"'abc", "'abc"},
      {"", ""},
  };
  for (const auto& c : kCases) {
    std::string out;
    CsvReader::AppendRecord({c.field}, &out);
    EXPECT_EQ(std::string(c.written) + "\n", out) << c.field;
    // What the reader gives back, un-neutralised, is the field.
    auto rows = ReadAll(out);
    if (*c.field == '\0') continue;  // a blank line is no record
    ASSERT_EQ(1u, rows.size()) << c.field;
    EXPECT_EQ(c.field, UnneutraliseFormula(rows[0][0])) << c.field;
  }
}

TEST(CsvTest, UnneutraliseTakesOffOnlyWhatWasAdded) {
  EXPECT_EQ("=x", UnneutraliseFormula("'=x"));
  EXPECT_EQ("'=x", UnneutraliseFormula("''=x"));
  EXPECT_EQ("'abc", UnneutraliseFormula("'abc"));
  EXPECT_EQ("-3", UnneutraliseFormula("-3"));
  EXPECT_EQ("=x", UnneutraliseFormula("=x"));
}

TEST(CsvTest, RawRecordsAreNotNeutralised) {
  std::string out;
  CsvReader::AppendRawRecord({"=x", "a,b"}, &out);
  EXPECT_EQ("=x,\"a,b\"\n", out);
}

}  // namespace
}  // namespace bh
