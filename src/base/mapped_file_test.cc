#include "base/mapped_file.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>

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

// Runs `body` in a child process whose stderr is captured; returns the
// wait status and what it wrote.
std::pair<int, std::string> InChild(const std::function<void()>& body) {
  int fds[2];
  if (::pipe(fds) != 0) return {-1, ""};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    ::dup2(fds[1], STDERR_FILENO);
    body();
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string out;
  char buf[512];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {status, out};
}

// A file cut short while mapped: reading past its new end was SIGBUS, the
// process gone without a word. With ExitOnTruncation: one line, the exit code.
TEST(MappedFileTest, AFileCutShortWhileMappedEndsWithOneLine) {
  std::string path = TempPath("cut.csv");
  ASSERT_TRUE(WriteFile(path, std::string(5 * 4096, 'x')).ok());
  auto [status, err] = InChild([&] {
    MappedFile::ExitOnTruncation(7, "test: ");
    auto f = MappedFile::Open(path);
    if (!f.ok()) ::_exit(20);
    if (::truncate(path.c_str(), 0) != 0) ::_exit(21);
    volatile char c = (*f)->bytes()[3 * 4096];  // past the new end
    (void)c;
    ::_exit(22);  // not reached
  });
  ASSERT_TRUE(WIFEXITED(status)) << "status " << status << ": " << err;
  EXPECT_EQ(7, WEXITSTATUS(status)) << "20 open, 21 truncate, 22 read past the end: " << err;
  EXPECT_EQ(
      "test: " + path + ": the file was cut short while it was read; nothing of it was imported; import it again\n",
      err);
  std::filesystem::remove(path);
}

// Any other SIGBUS is not a file cut short: it is not said to be one, nor
// turned into that exit code.
TEST(MappedFileTest, AnotherSigbusIsLeftAsItWas) {
  auto [status, err] = InChild([] {
    MappedFile::ExitOnTruncation(7, "test: ");
    ::raise(SIGBUS);
    ::_exit(23);  // the signal was swallowed
  });
  EXPECT_FALSE(WIFEXITED(status) && (WEXITSTATUS(status) == 7 || WEXITSTATUS(status) == 23)) << err;
  EXPECT_EQ(std::string::npos, err.find("cut short"));
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
