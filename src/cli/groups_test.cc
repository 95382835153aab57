// `groups` and group scorecards over dated memberships (issue 13): Timor-Leste
// is in ASEAN, and so in ADMM-Plus, from 26 October 2025.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "cli/cli_test_fixture.h"

namespace bh {
namespace {

class GroupsCliTest : public CliFixture {};

constexpr char kHeader[] =
    "Contribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_Acronym,Personnel_Type,Female_Personnel,"
    "Male_Personnel,Last_Reporting_Date\n";

TEST_F(GroupsCliTest, ShowListsTheMembersOnADay) {
  ASSERT_EQ(0, Run({"groups", "show", "ASEAN", "--as-of", "2025-11-01", "--format", "csv"})) << err_.str();
  std::string out = out_.str();
  EXPECT_EQ(12, std::count(out.begin(), out.end(), '\n')) << out;  // header + 11
  EXPECT_NE(std::string::npos, out.find("Timor-Leste,TLS,626,2025-10-26,,")) << out;
  ASSERT_EQ(0, Run({"groups", "show", "ASEAN", "--as-of", "2025-10-25", "--format", "csv"}));
  out = out_.str();
  EXPECT_EQ(11, std::count(out.begin(), out.end(), '\n')) << out;  // header + 10
  EXPECT_EQ(std::string::npos, out.find("TLS"));
  ASSERT_EQ(0, Run({"groups", "--as-of", "2025-11-01", "--format", "csv"}));
  EXPECT_NE(std::string::npos, out_.str().find("ASEAN,built-in,11,")) << out_.str();
  EXPECT_NE(std::string::npos, out_.str().find("ADMM-Plus,built-in,19,")) << out_.str();
  ASSERT_EQ(0, Run({"groups", "--format", "csv"}));
  EXPECT_NE(std::string::npos, out_.str().find("Timor-Leste (from 2025-10-26)")) << out_.str();
}

TEST_F(GroupsCliTest, BadDaysAndUnknownGroupsAreRefused) {
  EXPECT_EQ(2, Run({"groups", "show", "ASEAN", "--as-of", "26/10/2025"}));
  EXPECT_NE(std::string::npos, err_.str().find("26/10/2025")) << err_.str();
  EXPECT_EQ(3, Run({"groups", "show", "Mekong"}));
  EXPECT_EQ("bluehelmet: unknown group: 'Mekong' (known: ADMM-Plus, ADMM-Plus-Partners, ASEAN)\n", err_.str());
}

// A month's group figures use that month's members: Timor-Leste's women
// count in ASEAN's October 2025, not in September's.
TEST_F(GroupsCliTest, AGroupScorecardUsesTheMonthsMembers) {
  std::string f = File("m.csv", std::string(kHeader) +
                                    "1,VNM,704,Viet Nam,UNMISS,Troops,10,90,30/09/2025\n"
                                    "2,TLS,626,Timor-Leste,UNMISS,Troops,5,5,30/09/2025\n"
                                    "3,VNM,704,Viet Nam,UNMISS,Troops,10,90,31/10/2025\n"
                                    "4,TLS,626,Timor-Leste,UNMISS,Troops,5,5,31/10/2025\n");
  ASSERT_EQ(0, Run({"import", f})) << err_.str();
  ASSERT_EQ(0, Run({"scorecard", "--group", "ASEAN", "--month", "2025-09", "--format", "csv"})) << err_.str();
  EXPECT_NE(std::string::npos, out_.str().find("ASEAN total,,Contingents,10,100,")) << out_.str();
  ASSERT_EQ(0, Run({"scorecard", "--group", "ASEAN", "--month", "2025-10", "--format", "csv"})) << err_.str();
  EXPECT_NE(std::string::npos, out_.str().find("Timor-Leste,TLS,Contingents,5,10,")) << out_.str();
  EXPECT_NE(std::string::npos, out_.str().find("ASEAN total,,Contingents,15,110,")) << out_.str();
  ASSERT_EQ(0, Run({"scorecard", "--group", "ASEAN", "--month", "2025-10"})) << err_.str();
  EXPECT_NE(std::string::npos,
            out_.str().find("ASEAN in 2025-10: 11 members on 2025-10-31 (Timor-Leste from 2025-10-26)."))
      << out_.str();
}

// Issue 13: a group's "women needed" pools its strength; the note says so
// and gives the members' own shortfalls beside it. Target 2025: 12 %
// (interpolated). Viet Nam 1 of 100 needs 11, Indonesia 20 of 100 none: 11
// summed; the pool of 200 with 21 women needs 3.
TEST_F(GroupsCliTest, PooledWomenNeededIsExplained) {
  std::string f = File("m.csv", std::string(kHeader) +
                                    "1,VNM,704,Viet Nam,UNMISS,Troops,1,99,31/10/2025\n"
                                    "2,IDN,360,Indonesia,UNMISS,Troops,20,80,31/10/2025\n");
  ASSERT_EQ(0, Run({"import", f})) << err_.str();
  ASSERT_EQ(0, Run({"scorecard", "--group", "ASEAN", "--month", "2025-10"})) << err_.str();
  EXPECT_NE(std::string::npos,
            out_.str().find("ASEAN total, Contingents: 3 women needed for the group's strength as one pool (its "
                            "total times the target, less its women); the members' own shortfalls add up to 11."))
      << out_.str();
}

}  // namespace
}  // namespace bh
