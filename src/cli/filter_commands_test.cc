// The shared figure filters and `series` on the command line (issue 13),
// over the real 2020-07..2020-09 reports where ../shared has them: each
// figure checked here was also summed with sqlite over current_contribution
// (corrected) and contribution (as printed).
#include <gtest/gtest.h>

#include <filesystem>

#include "base/file_util.h"
#include "cli/cli_test_fixture.h"

namespace bh {
namespace {

std::string ReportDir() { return std::string(BLUEHELMET_SHARED_DIR) + "/data/raw/un_country_contributions_pdf/"; }

// One database with the three real reports, imported once for the suite;
// each test works on its own copy.
class FilterCommandsTest : public CliFixture {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(ReportDir())) return;
    real_db_ = (std::filesystem::path(::testing::TempDir()) / "bh_filters_real.db").string();
    std::filesystem::remove(real_db_);
    std::ostringstream out, err;
    std::vector<std::string> args = {"--db", real_db_, "import"};
    for (const char* m : {"07", "08", "09"}) {
      args.push_back(ReportDir() + "UN_country_contributions_2020_" + m + ".pdf");
    }
    ASSERT_EQ(0, RunCliArgs(args, out, err)) << err.str();
  }
  // Copies the suite's database into this test's; false when there is none.
  bool UseRealReports() {
    if (real_db_.empty()) return false;
    std::filesystem::copy_file(real_db_, db_, std::filesystem::copy_options::overwrite_existing);
    return true;
  }
  static std::string real_db_;
};
std::string FilterCommandsTest::real_db_;

TEST_F(FilterCommandsTest, AseanContingentsSeriesCorrectedAndAsPrinted) {
  if (!UseRealReports()) GTEST_SKIP() << "no ../shared data";
  ASSERT_EQ(0, Run({"series", "--group", "ASEAN", "--category", "contingents", "--format", "csv"})) << err_.str();
  EXPECT_EQ(
      "Month,Category,Women,Men,Total,Share,Target,Target kind,Status,Countries,Source\n"
      "2020-07,Contingents,221,4163,4384,5.041058394160584,,,no target,6,reports\n"
      "2020-08,Contingents,177,4207,4384,4.037408759124087,,,no target,6,reports\n"
      "2020-09,Contingents,220,4214,4434,4.961659900766802,,,no target,6,reports\n",
      out_.str().substr(out_.str().find("Month,")));
  // As printed, 2020-08 carries the UN's swapped rows (Indonesia's 1,285 "women").
  ASSERT_EQ(0, Run({"--as-printed", "series", "--group", "ASEAN", "--category", "contingents", "--from", "2020-08",
                    "--to", "2020-08", "--format", "csv"}))
      << err_.str();
  EXPECT_NE(std::string::npos, out_.str().find("\n2020-08,Contingents,1660,2724,4384,37.86496350364963,,,no target,6,"))
      << out_.str();
}

}  // namespace
}  // namespace bh
