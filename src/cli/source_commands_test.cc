// `bluehelmet source` end to end over a temporary database: what a user
// types, what they see, and the exit code.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/file_util.h"
#include "base/strings.h"
#include "cli/cli.h"

namespace bh {
namespace {

class SourceCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("bh_source_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "t.db").string();
    csv_ = (dir_ / "apr.csv").string();
    std::ofstream(csv_) << "Contribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_Acronym,Personnel_Type,"
                           "Female_Personnel,Male_Personnel,Last_Reporting_Date\n"
                           "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n"
                           "2,VNM,704,Viet Nam,UNMISS,Staff Officer,0,1,30/04/2021\n";
    ASSERT_EQ(0, Run({"import", csv_}));
  }
  int Run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    args.insert(args.begin(), {"--db", db_});
    return RunCliArgs(args, out_, err_);
  }
  std::filesystem::path dir_;
  std::string db_, csv_;
  std::ostringstream out_, err_;
};

TEST_F(SourceCommandTest, CsvShowsEveryColumnInFull) {
  ASSERT_EQ(0, Run({"source", "--month", "2021-04", "--country", "VNM", "--mission", "UNMISS", "--type", "troops",
                    "--format", "csv"}))
      << err_.str();
  std::string sha = Sha256Hex(*ReadFile(csv_));
  EXPECT_EQ(
      "Month,ISO3,Mission,Type,Women,Men,Total,Import,File,SHA-256,Page,Line,As printed,Correction\n"
      "2021-04,VNM,UNMISS,Troops,13,49,62,1,apr.csv," +
          sha + ",,2,\"1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\",\n",
      out_.str());
  EXPECT_EQ("", err_.str());
}

TEST_F(SourceCommandTest, JsonCarriesTheNotes) {
  ASSERT_EQ(0, Run({"source", "--month", "2021-04", "--country", "Viet Nam", "--format", "json"})) << err_.str();
  EXPECT_NE(std::string::npos, out_.str().find("\"As printed\": \"2,VNM,704,Viet Nam,UNMISS,Staff Officer,0,1,"
                                               "30/04/2021\""))
      << out_.str();
  EXPECT_NE(std::string::npos, out_.str().find("re-read from " + csv_)) << out_.str();
}

TEST_F(SourceCommandTest, BadInputIsOneLineAndAnExitCode) {
  EXPECT_EQ(3, Run({"source", "--month", "2021-04", "--country", "Xanadu"}));
  EXPECT_EQ("bluehelmet: unknown country: 'Xanadu'\n", err_.str());
  EXPECT_EQ("", out_.str());
  EXPECT_EQ(3, Run({"source", "--month", "2019-01", "--country", "VNM"}));
  EXPECT_EQ("bluehelmet: no contribution figures for 2019-01 (see 'bluehelmet months')\n", err_.str());
  EXPECT_EQ(3, Run({"source", "--month", "2021-04", "--country", "VNM", "--mission", "UNIFIL"}));
  EXPECT_EQ(
      "bluehelmet: no current row for Viet Nam (VNM) in 2021-04 with mission UNIFIL (that month: UNMISS "
      "Troops; UNMISS Staff Officer)\n",
      err_.str());
  EXPECT_EQ(2, Run({"source", "--month", "April", "--country", "VNM"}));
  EXPECT_EQ("bluehelmet: not a month (want YYYY-MM): 'April'\n", err_.str());
  EXPECT_EQ(2, Run({"source", "--country", "VNM"}));  // --month is required
  EXPECT_EQ(2, Run({"source", "--month", "2021-04", "--country", "VNM", "--type", "sailors"}));
}

TEST_F(SourceCommandTest, PngOfACsvSourceIsRefusedWithOneLine) {
  std::string png = (dir_ / "x.png").string();
  EXPECT_EQ(2, Run({"source", "--month", "2021-04", "--country", "VNM", "--mission", "UNMISS", "--type", "TRP", "--png",
                    png}));
  EXPECT_EQ(
      "bluehelmet: --png: Viet Nam (VNM), 2021-04, UNMISS, Troops comes from apr.csv, a CSV file "
      "(un_gender_csv): only a PDF report has a page to draw\n",
      err_.str());
  EXPECT_EQ("", out_.str());
  EXPECT_FALSE(std::filesystem::exists(png));
}

TEST_F(SourceCommandTest, PngOfTheRealReportIsWrittenAndSaid) {
  const std::string pdf = std::string(BLUEHELMET_SHARED_DIR) +
                          "/data/raw/un_country_contributions_pdf/UN_country_contributions_2021_04.pdf";
  if (!std::filesystem::exists(pdf)) GTEST_SKIP() << "no ../shared data";
  ASSERT_EQ(0, Run({"import", pdf})) << err_.str();
  std::string png = (dir_ / "vnm.png").string();
  ASSERT_EQ(0, Run({"source", "--month", "2021-04", "--country", "VNM", "--mission", "UNMISS", "--type", "Troops",
                    "--png", png, "--dpi", "72"}))
      << err_.str();
  EXPECT_EQ("wrote " + png +
                ": page 29 of UN_country_contributions_2021_04.pdf at 72 dpi (595 x 850 px), boxed "
                "page 29 line 12: Troops 49 13 62\n",
            err_.str());
  EXPECT_NE(std::string::npos, out_.str().find("Troops 49 13 62")) << out_.str();
  EXPECT_EQ(std::string("\x89PNG\r\n\x1a\n", 8), ReadFile(png)->substr(0, 8));
}

}  // namespace
}  // namespace bh
