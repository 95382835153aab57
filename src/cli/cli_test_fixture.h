// The command line run as a user runs it, over a database in a fresh
// temporary folder per test: what they type, what they see, the exit code.
// Test-only.
#ifndef BLUEHELMET_CLI_CLI_TEST_FIXTURE_H_
#define BLUEHELMET_CLI_CLI_TEST_FIXTURE_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace bh {

class CliFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("bh_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "t.db").string();
  }
  int Run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    args.insert(args.begin(), {"--db", db_});
    return RunCliArgs(args, out_, err_);
  }
  std::string File(const std::string& name, const std::string& content) {
    std::string p = (dir_ / name).string();
    std::ofstream(p) << content;
    return p;
  }
  std::filesystem::path dir_;
  std::string db_;
  std::ostringstream out_, err_;
};

}  // namespace bh

#endif  // BLUEHELMET_CLI_CLI_TEST_FIXTURE_H_
