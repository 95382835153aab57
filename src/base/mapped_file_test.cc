#include "base/mapped_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/strings.h"

namespace bh {
namespace {

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/bh_mapped_" + std::to_string(::getpid()) + "_" + name;
}

TEST(MappedFileTest, ReadsTheBytesAgainAfterTheirPagesAreDropped) {
  std::string path = TempPath("drop.csv");
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "line " + std::to_string(i) + "\n";  // ~2.3 MB, many pages
  ASSERT_TRUE(WriteFile(path, text).ok());
  Result<std::unique_ptr<MappedFile>> f = MappedFile::Open(path);
  ASSERT_TRUE(f.ok()) << f.status().message();
  ASSERT_EQ(text.size(), (*f)->bytes().size());
  // The hash drops every page behind it; the bytes read the same after.
  EXPECT_EQ(Sha256Hex(text), (*f)->Sha256Hex());
  (*f)->DropBefore(text.size());
  EXPECT_EQ(text, std::string((*f)->bytes()));
  (*f)->DropBefore(text.size() / 2 + 1);  // not on a page boundary
  EXPECT_EQ(text, std::string((*f)->bytes()));
  EXPECT_TRUE((*f)->CheckUnchanged().ok());
  std::filesystem::remove(path);
}

TEST(MappedFileTest, SaysWhenTheFileChangedWhileMapped) {
  std::string path = TempPath("changed.csv");
  ASSERT_TRUE(WriteFile(path, "a,b\n1,2\n").ok());
  Result<std::unique_ptr<MappedFile>> f = MappedFile::Open(path);
  ASSERT_TRUE(f.ok());
  {
    // Appended to in place (WriteFile would replace the file by rename).
    std::FILE* out = std::fopen(path.c_str(), "a");
    ASSERT_NE(nullptr, out);
    std::fputs("3,4\n", out);
    std::fclose(out);
  }
  EXPECT_EQ(path + ": the file changed while it was read (size or modification time); import it again",
            (*f)->CheckUnchanged().message());
  EXPECT_EQ("a,b\n1,2\n", (*f)->bytes());
  std::filesystem::remove(path);
}

TEST(MappedFileTest, RefusesAsReadFileDoes) {
  std::string missing = TempPath("missing.csv");
  EXPECT_EQ(ReadFile(missing).status().message(), MappedFile::Open(missing).status().message());
  EXPECT_EQ(Status::Code::kNotFound, MappedFile::Open(missing).status().code());
  EXPECT_EQ("/dev/zero: not a regular file (a device, pipe or socket); give a file",
            MappedFile::Open("/dev/zero").status().message());
  EXPECT_EQ(Status::Code::kInvalidArgument, MappedFile::Open(::testing::TempDir()).status().code());
  std::string big = TempPath("big.csv");
  ASSERT_TRUE(WriteFile(big, std::string(2000, 'x')).ok());
  EXPECT_EQ(ReadFile(big, 1999).status().message(), MappedFile::Open(big, 1999).status().message());
  std::string empty = TempPath("empty.csv");
  ASSERT_TRUE(WriteFile(empty, "").ok());
  Result<std::unique_ptr<MappedFile>> e = MappedFile::Open(empty);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ("", (*e)->bytes());
  EXPECT_EQ(Sha256Hex(""), (*e)->Sha256Hex());
  (*e)->DropBefore(100);
  std::filesystem::remove(big);
  std::filesystem::remove(empty);
}

}  // namespace
}  // namespace bh
