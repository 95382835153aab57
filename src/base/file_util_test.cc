#include "base/file_util.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <thread>

namespace bh {
namespace {

TEST(FileUtilTest, DevicesAndPipesAreRefusedNotRead) {
  // /dev/zero never ends: reading it whole grew the importer to 600 MB.
  EXPECT_EQ("/dev/zero: not a regular file (a device, pipe or socket); give a file",
            ReadFile("/dev/zero").status().message());
  std::string fifo = ::testing::TempDir() + "/bh_fifo_" + std::to_string(::getpid());
  ASSERT_EQ(0, ::mkfifo(fifo.c_str(), 0600));
  // Opening a FIFO for reading blocks until a writer comes: hold one open.
  std::FILE* w = nullptr;
  std::thread writer([&] { w = std::fopen(fifo.c_str(), "w"); });
  Result<std::string> r = ReadFile(fifo);
  writer.join();
  if (w) std::fclose(w);
  std::filesystem::remove(fifo);
  EXPECT_EQ(Status::Code::kInvalidArgument, r.status().code()) << r.status().message();
  EXPECT_EQ(Status::Code::kInvalidArgument, ReadFile(::testing::TempDir()).status().code());
}

TEST(FileUtilTest, FilesOverTheLimitAreRefused) {
  std::string path = ::testing::TempDir() + "/bh_limit.txt";
  ASSERT_TRUE(WriteFile(path, std::string(2000, 'x')).ok());
  EXPECT_EQ(path + ": the file is 2000 bytes; the limit is 1999 bytes", ReadFile(path, 1999).status().message());
  auto ok = ReadFile(path, 2000);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(2000u, ok->size());
  std::filesystem::remove(path);
  EXPECT_EQ("1.0 GiB", ByteSizeText(kMaxReadBytes));
  EXPECT_EQ("100 MiB", ByteSizeText(100u << 20));
}

TEST(FileUtilTest, GunzipReadsAStreamAndNamesADamagedOne) {
  // gzip.compress(b"hello, tidy\n", mtime=0)
  const std::string gz(
      "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xcb\x48\xcd\xc9\xc9\xd7\x51\x28\xc9\x4c\xa9\xe4\x02\x00\xbf\x22\x74"
      "\x18\x0c\x00\x00\x00",
      32);
  ASSERT_TRUE(IsGzip(gz));
  EXPECT_FALSE(IsGzip("month,iso3"));
  Result<std::string> text = Gunzip(gz, "t.csv.gz");
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_EQ("hello, tidy\n", *text);
  // Two members, as `cat a.gz b.gz` makes.
  EXPECT_EQ("hello, tidy\nhello, tidy\n", *Gunzip(gz + gz, "t.csv.gz"));
  EXPECT_EQ("t.csv.gz: not a valid gzip stream (cut short)", Gunzip(gz.substr(0, 20), "t.csv.gz").status().message());
  std::string bad = gz;
  bad[31] = '\x01';  // the length in the trailer
  EXPECT_EQ("t.csv.gz: not a valid gzip stream (incorrect length check)", Gunzip(bad, "t.csv.gz").status().message());
  EXPECT_EQ("t.csv.gz: holds more than 4 bytes uncompressed", Gunzip(gz, "t.csv.gz", 4).status().message());
}

TEST(FileUtilTest, GzipRoundTripsAndShrinksRepetitiveText) {
  std::string json;
  for (int i = 0; i < 5000; ++i) json += "{\"Month\":\"2021-04\",\"Women\":" + std::to_string(i % 97) + "},";
  for (int level : {1, 6, 9}) {
    Result<std::string> gz = Gzip(json, level);
    ASSERT_TRUE(gz.ok()) << gz.status().message();
    EXPECT_TRUE(IsGzip(*gz));
    EXPECT_LT(gz->size() * 10, json.size()) << level;
    EXPECT_EQ(json, *Gunzip(*gz, "answer"));
  }
  EXPECT_EQ("", *Gunzip(*Gzip(""), "empty"));
  EXPECT_EQ("gzip: zlib would not start at level 12", Gzip("x", 12).status().message());
}

}  // namespace
}  // namespace bh
