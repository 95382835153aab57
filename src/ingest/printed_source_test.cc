#include "ingest/printed_source.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/file_util.h"
#include "base/strings.h"

namespace bh {
namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) / ("bh_printed_source_" + name)).string();
}

TEST(PrintedSourceTest, ReadsTheFileWhenItsShaMatches) {
  std::string path = TempPath("same.csv");
  ASSERT_TRUE(WriteFile(path, "a,b\n1,2\n").ok());
  Result<std::string> bytes = ReadImportedFile(path, Sha256Hex("a,b\n1,2\n"));
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  EXPECT_EQ("a,b\n1,2\n", *bytes);
}

TEST(PrintedSourceTest, SaysWhyTheFileIsNotAvailable) {
  Result<std::string> none = ReadImportedFile("", Sha256Hex("x"));
  EXPECT_EQ(Status::Code::kNotFound, none.status().code());
  EXPECT_EQ("no path stored for this import", none.status().message());

  std::string gone = TempPath("gone.csv");
  std::filesystem::remove(gone);
  Result<std::string> missing = ReadImportedFile(gone, Sha256Hex("x"));
  EXPECT_EQ(Status::Code::kNotFound, missing.status().code());
  EXPECT_EQ(gone + ": no such file", missing.status().message());

  std::string changed = TempPath("changed.csv");
  ASSERT_TRUE(WriteFile(changed, "a,b\n1,3\n").ok());
  const std::string imported = Sha256Hex("a,b\n1,2\n");
  Result<std::string> edited = ReadImportedFile(changed, imported);
  EXPECT_EQ(Status::Code::kInvalidData, edited.status().code());
  EXPECT_EQ(changed + ": changed since import (SHA-256 now " + Sha256Hex("a,b\n1,3\n").substr(0, 12) + "…, imported " +
                imported.substr(0, 12) + "…)",
            edited.status().message());
}

TEST(PrintedSourceTest, CsvRecordAsItStandsInTheFile) {
  const std::string csv =
      "\xEF\xBB\xBFId,Country,Note\r\n"
      "1,Viet Nam,plain\r\n"
      "\r\n"
      "2,\"Korea, Republic of\",\"two\nlines\"\r\n"
      "3,Japan,last";
  EXPECT_EQ("Id,Country,Note", *CsvRecordAt(csv, "f.csv", 1));
  EXPECT_EQ("1,Viet Nam,plain", *CsvRecordAt(csv, "f.csv", 2));
  EXPECT_EQ("2,\"Korea, Republic of\",\"two\nlines\"", *CsvRecordAt(csv, "f.csv", 4));
  EXPECT_EQ("3,Japan,last", *CsvRecordAt(csv, "f.csv", 6));
}

TEST(PrintedSourceTest, LineWhereNoRecordBeginsIsNamed) {
  const std::string csv = "Id,Note\n1,\"two\nlines\"\n\n2,x\n";
  for (int line : {3, 4, 9}) {
    Result<std::string> r = CsvRecordAt(csv, "f.csv", line);
    EXPECT_EQ(Status::Code::kNotFound, r.status().code()) << line;
    EXPECT_EQ("f.csv:" + std::to_string(line) + ": no record begins on this line", r.status().message());
  }
  EXPECT_EQ("2,x", *CsvRecordAt(csv, "f.csv", 5));
}

TEST(PrintedSourceTest, SeveralRecordsInOnePassInTheOrderAsked) {
  const std::string csv = "Id,Note\n1,a\n2,\"two\nlines\"\n3,c\n";
  std::vector<Result<std::string>> r = CsvRecordsAt(csv, "f.csv", {5, 2, 4, 5, 99});
  ASSERT_EQ(5u, r.size());
  EXPECT_EQ("3,c", *r[0]);
  EXPECT_EQ("1,a", *r[1]);
  EXPECT_EQ("f.csv:4: no record begins on this line", r[2].status().message());
  EXPECT_EQ("3,c", *r[3]);
  EXPECT_EQ("f.csv:99: no record begins on this line", r[4].status().message());
}

}  // namespace
}  // namespace bh
