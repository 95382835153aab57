#include "ingest/printed_source.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

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

// Answers as CsvRecordsAt over the whole file, for the lines a source view
// asks about and the awkward ones.
void ExpectSameAsWholeFile(const std::string& path, const std::string& sha, const std::string& csv,
                           const std::vector<int>& lines) {
  auto got = ImportedCsvRecordsAt(path, sha, "big.csv", lines);
  ASSERT_TRUE(got.ok()) << got.status().message();
  std::vector<Result<std::string>> want = CsvRecordsAt(csv, "big.csv", lines);
  ASSERT_EQ(want.size(), got->size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(lines[i]);
    ASSERT_EQ(want[i].ok(), (*got)[i].ok());
    if (want[i].ok()) {
      EXPECT_EQ(*want[i], *(*got)[i]);
    } else {
      EXPECT_EQ(want[i].status().message(), (*got)[i].status().message());
    }
  }
}

// A verified CSV is remembered once its times have settled, and then read
// back from the nearest line start (issue 16); a file written again is
// checked again and refused.
TEST(PrintedSourceTest, AVerifiedCsvIsReadFromItsLineStartsUntilItChanges) {
  std::string csv = "\xEF\xBB\xBFId,Country,Note\r\n";
  for (int i = 1; csv.size() < 1'200'000; ++i) {
    csv += i % 1000 == 7  ? fmt::format("{},\"Korea, Republic of\",\"two\nlines\"\r\n", i)
           : i % 997 == 0 ? fmt::format("{},Viet Nam,\"{}\"\r\n\r\n", i, std::string(3000, 'x'))
                          : fmt::format("{},Japan,n{}\r\n", i, i);
  }
  const std::string path = TempPath("big.csv");
  ASSERT_TRUE(WriteFile(path, csv).ok());
  const std::string sha = Sha256Hex(csv);
  const int last = static_cast<int>(std::count(csv.begin(), csv.end(), '\n'));
  const std::vector<int> lines = {1,
                                  2,
                                  kLineStride - 1,
                                  kLineStride,
                                  kLineStride + 1,
                                  2 * kLineStride + 1,
                                  1009,
                                  1010,
                                  3000,
                                  last - 1,
                                  last,
                                  last + 1,
                                  last + kLineStride * 3,
                                  9 * kLineStride,
                                  5 * kLineStride + 77};
  // Just written: verified by its hash, not remembered.
  ExpectSameAsWholeFile(path, sha, csv, lines);
  EXPECT_FALSE(ImportedFileIsRemembered(path, sha));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ExpectSameAsWholeFile(path, sha, csv, lines);
  EXPECT_TRUE(ImportedFileIsRemembered(path, sha));
  ExpectSameAsWholeFile(path, sha, csv, lines);
  // Lines that records begin on, as the importer stores them: from the line
  // starts alone.
  const std::vector<int> records = {1, 2, kLineStride, kLineStride + 1, 1009, 1010, 2 * kLineStride + 1, last};
  bool fast = false;
  auto got = ImportedCsvRecordsAt(path, sha, "big.csv", records, &fast);
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(fast);
  std::vector<Result<std::string>> want = CsvRecordsAt(csv, "big.csv", records);
  for (size_t i = 0; i < records.size(); ++i) {
    ASSERT_TRUE(want[i].ok() && (*got)[i].ok()) << records[i];
    EXPECT_EQ(*want[i], *(*got)[i]) << records[i];
  }
  EXPECT_EQ("Id,Country,Note", *(*got)[0]);
  EXPECT_EQ("7,\"Korea, Republic of\",\"two\nlines\"", *CsvRecordAt(csv, "big.csv", 8));
  EXPECT_FALSE(ImportedFileIsRemembered(path, Sha256Hex("another file")));

  // The same size, one figure changed: another identity, hashed, refused.
  std::string edited = csv;
  edited[edited.size() / 2] = edited[edited.size() / 2] == '1' ? '2' : '1';
  ASSERT_TRUE(WriteFile(path, edited).ok());
  EXPECT_FALSE(ImportedFileIsRemembered(path, sha));
  auto refused = ImportedCsvRecordsAt(path, sha, "big.csv", {2});
  EXPECT_EQ(Status::Code::kInvalidData, refused.status().code());
  EXPECT_NE(std::string::npos, refused.status().message().find("changed since import")) << refused.status().message();
  std::filesystem::remove(path);
  EXPECT_EQ(path + ": no such file", ImportedCsvRecordsAt(path, sha, "big.csv", {2}).status().message());
}

}  // namespace
}  // namespace bh
