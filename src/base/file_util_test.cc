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

}  // namespace
}  // namespace bh
