// End-to-end: the `register` commands on a database file, as a user runs them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/file_util.h"
#include "cli/cli.h"

namespace bh {
namespace {

namespace fs = std::filesystem;

class RegisterCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("register_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "t.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  int Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    out_.str("");
    err_.str("");
    return RunCliArgs(args, out_, err_);
  }
  int ImportExample() {
    return Run({"register", "import", std::string(BLUEHELMET_SOURCE_DIR) + "/data/examples/vnm_register_illustrative"});
  }
  fs::path dir_;
  std::string db_;
  std::ostringstream out_, err_;
};

TEST_F(RegisterCommandsTest, SummaryOfTheExampleAsOf6April2021) {
  ASSERT_EQ(0, ImportExample()) << err_.str();
  ASSERT_EQ(0, Run({"register", "summary", "--country", "VNM", "--as-of", "2021-04-06"})) << err_.str();
  std::string out = out_.str();
  EXPECT_EQ(0u,
            out.find("Viet Nam (VNM): deployment register as of 2021-04-06 [ILLUSTRATIVE "
                     "register]\n"
                     "Group                   Teams  Sent  Women   Share  Requested  Vs "
                     "requested  UGPS target "
                     "2021  Vs target\n"
                     "----------------------  -----  ----  -----  ------  ---------  "
                     "------------  "
                     "----------------  ---------\n"
                     "Level-2 field hospital      3   189     33  17.5 %     8\xE2\x80\x93"
                     "10 %  above                      8 %  meets\n"
                     "Individual postings         -    54      4   7.4 %          -  -                         18 %  "
                     "below\n"))
      << out;
  EXPECT_NE(std::string::npos, out.find("ILLUSTRATIVE: built on illustrative register records"));
  EXPECT_NE(std::string::npos, out.find("As of 6 April 2021, Viet Nam has sent "
                                        "3 level-2 field hospital teams"));

  ASSERT_EQ(0, Run({"register", "summary", "--country", "Viet Nam", "--as-of", "2021-04-06", "--format", "csv"}));
  EXPECT_NE(std::string::npos, out_.str().find("Level-2 field hospital,3,189,33,17.4603"));
  EXPECT_NE(std::string::npos, out_.str().find("Individual postings,,54,4,7.4074"));
  // The briefing is a table of its own (one table per CSV stream).
  ASSERT_EQ(0, Run({"register", "summary", "--country", "VNM", "--as-of", "2021-04-06", "--format", "csv", "--table",
                    "briefing"}));
  EXPECT_EQ(0u, out_.str().find("Briefing\n\"ILLUSTRATIVE register:")) << out_.str();
}

TEST_F(RegisterCommandsTest, ImportTwiceIsIdempotentAndBadFilesChangeNothing) {
  ASSERT_EQ(0, ImportExample());
  ASSERT_EQ(0, ImportExample());
  EXPECT_NE(std::string::npos, out_.str().find("persons.csv       0        0        243")) << out_.str();
  std::string bad = (dir_ / "bad.csv").string();
  ASSERT_TRUE(WriteFile(bad,
                        "country,service_number,sex,rank,service\nVNM,NEW-"
                        "1,F,Maj,Army\nVNM,NEW-2,X,Maj,Army\n")
                  .ok());
  EXPECT_EQ(1, Run({"register", "import", bad}));
  EXPECT_EQ("bluehelmet: bad.csv:3: column 'sex': want F or M, got 'X'\n", err_.str());
  ASSERT_EQ(0, Run({"register", "summary", "--country", "VNM", "--as-of", "2021-04-06", "--format", "csv"}));
  EXPECT_NE(std::string::npos, out_.str().find("Individual postings,,54,4,"));
}

TEST_F(RegisterCommandsTest, ReconcileNeedsTheMonthsUnFigures) {
  ASSERT_EQ(0, ImportExample());
  EXPECT_EQ(3, Run({"register", "reconcile", "--country", "VNM", "--month", "2021-04"}));
  EXPECT_EQ(
      "bluehelmet: no UN figures for Viet Nam (VNM) in 2021-04; import "
      "the month's UN report first (see "
      "'bluehelmet months')\n",
      err_.str());
  std::string un = (dir_ / "un.csv").string();
  ASSERT_TRUE(WriteFile(un,
                        "Contribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_"
                        "Acronym,Personnel_Type,"
                        "Female_Personnel,Male_Personnel,Last_Reporting_Date\n"
                        "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n"
                        "2,VNM,704,Viet Nam,UNMISS,Staff Officer,0,1,30/04/2021\n"
                        "3,VNM,704,Viet Nam,UNMISS,Experts on Mission,0,4,30/04/2021\n"
                        "4,VNM,704,Viet Nam,MINUSCA,Staff Officer,1,5,30/04/2021\n"
                        "5,VNM,704,Viet Nam,MINUSCA,Experts on Mission,0,1,30/04/2021\n")
                  .ok());
  ASSERT_EQ(0, Run({"import", un})) << err_.str();
  ASSERT_EQ(0, Run({"register", "reconcile", "--country", "VNM", "--month", "2021-04"})) << err_.str();
  std::string out = out_.str();
  EXPECT_EQ(0u, out.find("Viet Nam (VNM): register against UN figures, 2021-04 (headcount on "
                         "2021-04-30) "
                         "[ILLUSTRATIVE register]\n"
                         "Mission  Personnel type  Sex  Register  UN  Register - UN\n"
                         "-------  --------------  ---  --------  --  -------------\n"
                         "UNMISS   Troops          M          50  49              1\n"))
      << out;
  EXPECT_NE(std::string::npos, out.find("1 difference(s); 9 cell(s) (mission x type x sex) agree."));
}

TEST_F(RegisterCommandsTest, AddEditAndEndRecords) {
  ASSERT_EQ(0, Run({"register", "person", "add", "--country", "VNM", "--service-number", "P-1", "--sex", "F", "--rank",
                    "Maj", "--service", "Army"}))
      << err_.str();
  EXPECT_EQ("person VNM P-1: added\n", err_.str());
  EXPECT_EQ(1, Run({"register", "person", "add", "--country", "VNM", "--service-number", "P-1", "--sex", "F", "--rank",
                    "Maj", "--service", "Army"}));
  EXPECT_EQ(
      "bluehelmet: service number 'P-1' of VNM already exists; use "
      "'register person edit'\n",
      err_.str());
  EXPECT_EQ(1, Run({"register", "person", "edit", "--country", "VNM", "--service-number", "P-1", "--sex", "W"}));
  EXPECT_EQ("bluehelmet: column 'sex': want F or M, got 'W'\n", err_.str());
  ASSERT_EQ(0, Run({"register", "person", "edit", "--country", "VNM", "--service-number", "P-1", "--rank", "Lt Col"}));
  EXPECT_EQ("person VNM P-1: updated\n", err_.str());
  ASSERT_EQ(0, Run({"register", "posting", "add", "--country", "VNM", "--service-number", "P-1", "--role",
                    "staff_officer", "--mission", "UNISFA", "--starts", "2023-12-15"}))
      << err_.str();
  ASSERT_EQ(0, Run({"register", "posting", "end", "--country", "VNM", "--service-number", "P-1", "--starts",
                    "2023-12-15", "--on", "2024-12-15"}))
      << err_.str();
  EXPECT_EQ("posting VNM P-1 2023-12-15: ended\n", err_.str());
  ASSERT_EQ(0, Run({"register", "headcount", "--country", "VNM", "--format", "csv"}));
  EXPECT_NE(std::string::npos, out_.str().find("2023-12,UNISFA,Staff Officer,1,0,1\n")) << out_.str();
  EXPECT_NE(std::string::npos, out_.str().find("2024-11,UNISFA,Staff Officer,1,0,1\n"));
  EXPECT_EQ(std::string::npos, out_.str().find("2024-12,UNISFA"));
  EXPECT_EQ(std::string::npos, out_.str().find("ILLUSTRATIVE"));
}

TEST_F(RegisterCommandsTest, PlanTheNextRotation) {
  ASSERT_EQ(0, ImportExample());
  ASSERT_EQ(0, Run({"register", "plan", "--country", "VNM", "--unit", "L2FH-3", "--year", "2021", "--format", "csv"}));
  EXPECT_EQ(
      "Basis,Share,Women needed,Of,This rotation's women,Change,Target kind\n"
      "UGPS target 2021 (Contingents),8,6,63,13,-7,sourced\n"
      "Requested share (bottom),8,6,63,13,-7,\n"
      "Requested share (top),10,7,63,13,-6,\n",
      out_.str());
  EXPECT_EQ(3, Run({"register", "plan", "--country", "VNM", "--unit", "L2FH-9"}));
  EXPECT_EQ("bluehelmet: unknown unit 'L2FH-9' of VNM\n", err_.str());
}

}  // namespace
}  // namespace bh
