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
  auto rows = ReadAll("\xEF\xBB\xBF" "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n1,\r\n", nullptr, &lines);
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

}  // namespace
}  // namespace bh
