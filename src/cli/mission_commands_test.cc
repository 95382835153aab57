// missions and mission over a real UN report: the figures the report
// prints (UN_country_contributions_2021_04.pdf, "Total MINUSCA 12677 904
// 13581", Bangladesh's three rows on page 2).
#include <gtest/gtest.h>

#include "cli/cli_test_fixture.h"

namespace bh {
namespace {

class MissionCommandsTest : public CliFixture {
 protected:
  static std::string April2021Pdf() {
    return std::string(BLUEHELMET_SHARED_DIR) +
           "/data/raw/un_country_contributions_pdf/UN_country_contributions_2021_04.pdf";
  }
};

TEST_F(MissionCommandsTest, MinuscaAsTheApril2021ReportPrintsIt) {
  if (!std::filesystem::exists(April2021Pdf())) GTEST_SKIP() << "no ../shared data";
  ASSERT_EQ(0, Run({"import", April2021Pdf()})) << err_.str();

  ASSERT_EQ(0, Run({"mission", "minusca"})) << err_.str();
  // The report: "Total MINUSCA 12677 904 13581".
  EXPECT_NE(std::string::npos, out_.str().find("MINUSCA in 2021-04: 13581 uniformed personnel, 904 women (6.66 %), "
                                               "from 54 countries."))
      << out_.str();
  ASSERT_EQ(0, Run({"mission", "minusca", "--format", "csv"})) << err_.str();
  std::string csv = out_.str();
  // Rwanda, the largest contributor: Troops 1278 78 1356 and its other rows.
  EXPECT_EQ(0u, csv.find("Rank,Country,ISO3,Category,Women,Men,Total,Share\n1,Rwanda,RWA,All uniformed,158,1697,1855,"))
      << csv;
  EXPECT_NE(std::string::npos, csv.find("1,Rwanda,RWA,Contingents,78,1278,1356,")) << csv;
  // Bangladesh: Experts on Mission 11 0 11, Staff Officer 21 6 27, Troops 1256 29 1285.
  EXPECT_NE(std::string::npos, csv.find("Bangladesh,BGD,All uniformed,35,1288,1323,")) << csv;
  EXPECT_NE(std::string::npos, csv.find("Bangladesh,BGD,Contingents,29,1256,1285,")) << csv;
  EXPECT_NE(std::string::npos, csv.find("Bangladesh,BGD,Observers & staff officers,6,32,38,")) << csv;

  ASSERT_EQ(0, Run({"missions", "--mission", "MINUSCA", "--format", "csv"})) << err_.str();
  EXPECT_NE(std::string::npos,
            out_.str().find("2021-04,MINUSCA,CAF,Central African Republic,All uniformed,904,12677,13581,"))
      << out_.str();

  EXPECT_EQ(3, Run({"mission", "MINUSKA"}));
  EXPECT_EQ("bluehelmet: unknown mission: 'MINUSKA' (did you mean MINUSCA or MINUSMA?)\n", err_.str());
  EXPECT_EQ(2, Run({"mission", "MINUSCA", "--by", "rank"}));
  EXPECT_EQ("bluehelmet: --by: 'rank' is not one of total, women\n", err_.str());
  // The shared filters: the same parse and messages as every data command.
  EXPECT_EQ(2, Run({"missions", "--mission", "MINUSKA"}));
  EXPECT_EQ(0u, err_.str().find("bluehelmet: --mission: unknown mission 'MINUSKA' (nearest: MINUSCA, MINUSMA"))
      << err_.str();
  ASSERT_EQ(0, Run({"missions", "--mission", "MINUSCA", "--category", "all", "--format", "csv"})) << err_.str();
  EXPECT_EQ(
      "Month,Mission,Host ISO3,Host,Category,Women,Men,Total,Share,First month,Last month,Name\n"
      "2021-04,MINUSCA,CAF,Central African Republic,All uniformed,904,12677,13581,6.656358147411825,2021-04,2021-04,"
      "United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic\n",
      out_.str());
  ASSERT_EQ(0, Run({"mission", "MINUSCA", "--group", "ASEAN", "--by", "women", "--format", "csv"})) << err_.str();
  // Indonesia, page 3: Experts on Mission 5 2 7, Formed Police Units 124 16 140, Individual Police 1 0 1,
  // Staff Officer 6 2 8, Troops 200 0 200 (men, women, total as printed).
  EXPECT_EQ(0u, out_.str().find("Rank,Country,ISO3,Category,Women,Men,Total,Share\n"
                                "1,Indonesia,IDN,All uniformed,20,336,356,"))
      << out_.str();
  EXPECT_NE(std::string::npos, out_.str().find("\n1,Indonesia,IDN,FPU,16,124,140,")) << out_.str();

  // One month is too few to project; the message says how many are needed.
  EXPECT_EQ(1, Run({"project", "--country", "VNM"}));
  EXPECT_EQ(
      "bluehelmet: projection for Viet Nam: needs at least 12 months with a sex split in 2019-05 to 2021-04; the most "
      "any category has is 1\n",
      err_.str());
}

}  // namespace
}  // namespace bh
