// The shared figure filters and `series` on the command line (issue 13),
// over the real 2020-07..2020-09 reports where ../shared has them: each
// figure checked here was also summed with sqlite over current_contribution
// (corrected) and contribution (as printed).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/file_util.h"
#include "cli/cli_test_fixture.h"

namespace bh {
namespace {

std::string ReportDir() { return std::string(BLUEHELMET_SHARED_DIR) + "/data/raw/un_country_contributions_pdf/"; }

// One database with the three real reports, imported once per process (on
// first use, under a name of its own: ctest runs each test in a process of
// its own, in parallel); each test works on its own copy.
class FilterCommandsTest : public CliFixture {
 protected:
  // Copies the real reports' database into this test's; false when ../shared
  // has no reports.
  bool UseRealReports() {
    if (!std::filesystem::exists(ReportDir())) return false;
    if (real_db_.empty()) {
      std::string path =
          (std::filesystem::path(::testing::TempDir()) / ("bh_filters_real_" + std::to_string(::getpid()) + ".db"))
              .string();
      std::filesystem::remove(path);
      std::ostringstream out, err;
      std::vector<std::string> args = {"--db", path, "import"};
      for (const char* m : {"07", "08", "09"}) {
        args.push_back(ReportDir() + "UN_country_contributions_2020_" + m + ".pdf");
      }
      EXPECT_EQ(0, RunCliArgs(args, out, err)) << err.str();
      real_db_ = path;
    }
    std::filesystem::copy_file(real_db_, db_, std::filesystem::copy_options::overwrite_existing);
    return true;
  }
  static void TearDownTestSuite() {
    if (!real_db_.empty()) std::filesystem::remove(real_db_);
    real_db_.clear();
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
  // --annual: the means of the three months (618 women of 13,202 over them).
  ASSERT_EQ(0, Run({"series", "--group", "ASEAN", "--category", "contingents", "--annual", "--table", "annual",
                    "--format", "csv"}))
      << err_.str();
  EXPECT_NE(std::string::npos,
            out_.str().find("Year,Category,Months,Mean women,Mean men,Mean total,Share,Change (points),Target\n"
                            "2020,Contingents,3,206,4194.666666666667,4400.666666666667,4.681108922890471,,\n"))
      << out_.str();
  // As printed, 2020-08 carries the UN's swapped rows (Indonesia's 1,285 "women").
  ASSERT_EQ(0, Run({"--as-printed", "series", "--group", "ASEAN", "--category", "contingents", "--from", "2020-08",
                    "--to", "2020-08", "--format", "csv"}))
      << err_.str();
  EXPECT_NE(std::string::npos, out_.str().find("\n2020-08,Contingents,1660,2724,4384,37.86496350364963,,,no target,6,"))
      << out_.str();
}

// `country VNM --mission UNMISS`: Viet Nam's monthly series in UNMISS.
TEST_F(FilterCommandsTest, CountryInOneMission) {
  if (!UseRealReports()) GTEST_SKIP() << "no ../shared data";
  ASSERT_EQ(0, Run({"country", "Viet Nam", "--mission", "UNMISS", "--to", "2020-08"})) << err_.str();
  EXPECT_EQ(0u, out_.str().find("Viet Nam (VNM): monthly series per category, mission UNMISS, to 2020-08"))
      << out_.str();
  ASSERT_EQ(0, Run({"country", "Viet Nam", "--mission", "UNMISS", "--to", "2020-08", "--format", "csv"})) << err_.str();
  EXPECT_EQ(
      "Month,Category,Women,Men,Total,Share,Target,Status,Target kind\n"
      "2020-07,Contingents,10,53,63,15.873015873015873,,no target,\n"
      "2020-07,Observers & staff officers,1,3,4,25,,no target,\n"
      "2020-08,Contingents,10,53,63,15.873015873015873,,no target,\n"
      "2020-08,Observers & staff officers,1,4,5,20,,no target,\n",
      out_.str());
  // Every type summed: 12 women of 74 in 2020-08, all missions.
  ASSERT_EQ(0, Run({"country", "VNM", "--category", "all", "--format", "csv"})) << err_.str();
  EXPECT_NE(std::string::npos,
            out_.str().find("\n2020-08,All uniformed personnel,12,62,74,16.216216216216218,,no target,\n"))
      << out_.str();
  // A filter with no meaning for one country is refused (a usage error).
  EXPECT_EQ(2, Run({"country", "VNM", "--group", "ASEAN"}));
  EXPECT_EQ(2, Run({"country", "VNM", "--mission", "UNMISZ"}));
  EXPECT_EQ("bluehelmet: --mission: unknown mission 'UNMISZ' (nearest: UNMIS, UNMISS, UNMIK)\n", err_.str());
  EXPECT_EQ(3, Run({"country", "VNM", "--mission", "UNFICYP"}));
  EXPECT_EQ("bluehelmet: no contribution figures for Viet Nam (VNM), mission UNFICYP\n", err_.str());
}

// Within a mission: scorecard, rankings and top rank the countries there.
TEST_F(FilterCommandsTest, ScorecardRankingsTopWithinAMissionAndAGroup) {
  if (!UseRealReports()) GTEST_SKIP() << "no ../shared data";
  ASSERT_EQ(0, Run({"scorecard", "--month", "2020-08", "--mission", "UNMISS", "--countries", "VNM", "--category",
                    "contingents", "--format", "csv"}))
      << err_.str();
  EXPECT_NE(std::string::npos,
            out_.str().find("\nViet Nam,VNM,Contingents,10,63,15.873015873015873,,no target,,2,2,13,\n"))
      << out_.str();
  EXPECT_EQ(std::string::npos, out_.str().find("Observers")) << out_.str();
  ASSERT_EQ(0, Run({"scorecard", "--month", "2020-08", "--mission", "UNMISS", "--countries", "VNM"})) << err_.str();
  EXPECT_EQ(0u, out_.str().find("UGPS scorecard, 2020-08, Selected countries, mission UNMISS\n")) << out_.str();
  EXPECT_NE(std::string::npos, out_.str().find("Within UNMISS: each country's personnel there only; ranks among the "
                                               "countries with personnel there."))
      << out_.str();
  // UNMISS troops, 2020-08: Cambodia 12 women, Viet Nam and Sri Lanka 10, Thailand none.
  ASSERT_EQ(0, Run({"rankings", "--month", "2020-08", "--mission", "UNMISS", "--group", "ASEAN", "--format", "csv"}))
      << err_.str();
  EXPECT_NE(std::string::npos, out_.str().find("Rank,Country,ISO3,Women,Total,Share,Target,Status,Target kind\n"
                                               "1,Cambodia,KHM,12,70,17.142857142857142,,no target,\n"
                                               "2,Viet Nam,VNM,10,63,15.873015873015873,,no target,\n"
                                               "4,Thailand,THA,0,260,0,,red,\n"))
      << out_.str();
  EXPECT_EQ(2, Run({"rankings", "--category", "contingents,fpu"}));
  EXPECT_EQ("bluehelmet: rankings: --category takes one category, got 2\n", err_.str());
  ASSERT_EQ(0, Run({"top", "--month", "2020-08", "--group", "ASEAN", "--limit", "3", "--format", "csv"})) << err_.str();
  EXPECT_NE(std::string::npos, out_.str().find("Rank,Country,ISO3,Women,Total,Share\n"
                                               "1,Indonesia,IDN,102,2837,3.595347197744096\n"
                                               "2,Cambodia,KHM,76,776,9.793814432989691\n"
                                               "3,Malaysia,MYS,37,839,4.410011918951132\n"))
      << out_.str();
  ASSERT_EQ(0, Run({"shares", "--countries", "VNM", "--mission", "UNMISS", "--from", "2020-08", "--to", "2020-08",
                    "--format", "csv"}))
      << err_.str();
  EXPECT_NE(std::string::npos, out_.str().find("ISO3,Month,Category,Women,Men,Total,Share\n"
                                               "VNM,2020-08,Contingents,10,53,63,15.873015873015873\n"
                                               "VNM,2020-08,Observers & staff officers,1,4,5,20\n"))
      << out_.str();
}

// Issue 13: after `import Rank.csv` (the README's example) the rank files'
// totals feed `--category all`: Bangladesh, 317 women of 6,711, January 2021.
TEST_F(FilterCommandsTest, TheRankFilesFeedCategoryAll) {
  const std::string rank = std::string(BLUEHELMET_SHARED_DIR) + "/data/raw/Rank.csv";
  if (!std::filesystem::exists(rank)) GTEST_SKIP() << "no ../shared data";
  ASSERT_EQ(0, Run({"import", rank})) << err_.str();
  ASSERT_EQ(0, Run({"top", "--limit", "2", "--format", "csv"})) << err_.str();
  EXPECT_NE(std::string::npos, out_.str().find("Rank,Country,ISO3,Women,Total,Share\n"
                                               "1,Ethiopia,ETH,708,6297,11.24344926155312\n"
                                               "2,Rwanda,RWA,585,6378,9.172154280338663\n"))
      << out_.str();
  ASSERT_EQ(0, Run({"rankings", "--category", "all", "--limit", "2", "--format", "csv"})) << err_.str();
  EXPECT_NE(std::string::npos, out_.str().find("\n1,Ethiopia,ETH,708,6297,11.24344926155312,,no target,\n"
                                               "2,Rwanda,RWA,585,6378,9.172154280338663,,no target,\n"))
      << out_.str();
  ASSERT_EQ(0, Run({"country", "BGD", "--category", "all", "--format", "csv"})) << err_.str();
  EXPECT_NE(std::string::npos, out_.str().find("\n2021-01,All uniformed personnel,317,6394,6711,4.7235881388764716,"))
      << out_.str();
  ASSERT_EQ(0, Run({"series", "--countries", "BGD", "--category", "all", "--format", "csv"})) << err_.str();
  EXPECT_NE(
      std::string::npos,
      out_.str().find("\n2021-01,All uniformed personnel,317,6394,6711,4.7235881388764716,,,no target,1,rank files\n"))
      << out_.str();
  ASSERT_EQ(0, Run({"scorecard", "--countries", "BGD", "--category", "all", "--format", "csv"})) << err_.str();
  EXPECT_NE(std::string::npos, out_.str().find("\nBangladesh,BGD,All uniformed personnel,317,6711,")) << out_.str();
  ASSERT_EQ(0, Run({"scorecard", "--countries", "BGD", "--category", "all"})) << err_.str();
  EXPECT_NE(std::string::npos, out_.str().find("from the rank files' country totals")) << out_.str();
  EXPECT_NE(std::string::npos, out_.str().find("Source: import #1 Rank.csv (sha256 ")) << out_.str();
  // Without `all` the reports are what counts, and there are none: say where the figures are.
  EXPECT_EQ(3, Run({"country", "BGD"}));
  EXPECT_EQ(
      "bluehelmet: no contribution figures for Bangladesh (BGD); the rank files give its totals: add --category all\n",
      err_.str());
}

}  // namespace
}  // namespace bh
