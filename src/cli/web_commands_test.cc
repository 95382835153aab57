// The web layer's commands: user (passwords from stdin) and report.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "base/file_util.h"
#include "cli/cli.h"

namespace bh {
namespace {

class WebCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("bh_webcli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "t.db").string();
  }
  int Run(std::vector<std::string> args, const std::string& input = "") {
    out_.str("");
    err_.str("");
    std::istringstream in(input);
    args.insert(args.begin(), {"--db", db_});
    return RunCliArgs(args, in, out_, err_);
  }
  std::filesystem::path dir_;
  std::string db_;
  std::ostringstream out_, err_;
};

TEST_F(WebCommandsTest, UserAddReadsThePasswordFromStdin) {
  EXPECT_EQ(0, Run({"user", "add", "ana", "--role", "admin"}, "a long password\n"));
  EXPECT_EQ("user ana: admin created\n", err_.str());
  EXPECT_EQ(
      0, Run({"user", "add", "ed", "--role", "editor", "--countries", "Viet Nam,JPN", "--ewg"}, "another password\n"));
  EXPECT_EQ("user ed: editor of JPN, VNM; ewg created\n", err_.str());
  EXPECT_EQ(2, Run({"user", "add", "short", "--role", "viewer"}, "short\n"));
  EXPECT_EQ("bluehelmet: password: want at least 10 characters\n", err_.str());
  EXPECT_EQ(1, Run({"user", "add", "ana", "--role", "viewer"}, "a long password\n"));
  EXPECT_EQ(0, Run({"user", "list", "--format", "csv"}));
  EXPECT_EQ("Username,Role,Countries,EWG,UN uploads\nana,admin,-,-,-\ned,editor,\"JPN, VNM\",yes,-\n", out_.str());
  EXPECT_EQ(0, Run({"user", "remove", "ed"}));
  EXPECT_EQ(3, Run({"user", "remove", "ed"}));
}

// Issue 12: 70000 used to listen on 4464 (the library keeps 16 bits).
TEST_F(WebCommandsTest, ServeRefusesAPortOutsideItsRange) {
  for (const char* port : {"70000", "65536", "-1"}) {
    SCOPED_TRACE(port);
    EXPECT_EQ(2, Run({"serve", "--port", port, "--quiet"}));
    EXPECT_EQ(fmt::format("bluehelmet: --port: want 1 to 65535 (0: any free port), got {}\n", port), err_.str());
  }
}

TEST_F(WebCommandsTest, ReportWritesHtmlAndXlsx) {
  ASSERT_EQ(0, Run({"sample", "load", "--from", "2021-01", "--to", "2021-02"}));
  std::string html = (dir_ / "r.html").string(), xlsx = (dir_ / "r.xlsx").string();
  EXPECT_EQ(0, Run({"report", "--month", "2021-02", "--group", "ASEAN", "--out", html}));
  auto text = ReadFile(html);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(std::string::npos, text->find("UGPS scorecard, 2021-02, ASEAN [SYNTHETIC sample data]"));
  EXPECT_EQ(0, Run({"report", "--format", "xlsx", "--out", xlsx}));
  EXPECT_TRUE(std::filesystem::file_size(xlsx) > 1000);
  EXPECT_EQ(2, Run({"report", "--format", "pdf"}));
  EXPECT_EQ("bluehelmet: --format: unknown report format 'pdf' (want html or xlsx)\n", err_.str());
  EXPECT_EQ(3, Run({"report", "--group", "Nowhere"}));
}

}  // namespace
}  // namespace bh
