#include "ingest/un_csv.h"

#include <gtest/gtest.h>

#include "store/schema.h"

namespace bh {
namespace {

constexpr char kHeader[] =
    "Contribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_Acronym,Personnel_Type,Female_Personnel,"
    "Male_Personnel,Last_Reporting_Date\n";

class UnCsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    ref_ = std::make_unique<Reference>(*Reference::Load(db_.get()));
  }
  Result<ParsedCsv> Parse(const std::string& body, bool skip = false) {
    return ParseUnCsv(std::string(kHeader) + body, "t.csv", *ref_, skip);
  }
  std::string Error(const std::string& body) {
    auto r = Parse(body);
    EXPECT_FALSE(r.ok()) << body;
    return r.ok() ? "" : r.status().message();
  }
  std::unique_ptr<Db> db_;
  std::unique_ptr<Reference> ref_;
};

TEST_F(UnCsvTest, ReadsEachDateFormat) {
  auto r = Parse(
      "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n"
      "2,VNM,704,Viet Nam,MINUSCA,Staff Officer,1,3,31-May-21\n"
      "3,VNM,704,Viet Nam,UNISFA,Experts on Mission,0,2,2021-06-30\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(3u, r->contributions.size());
  EXPECT_EQ((Date{2021, 4, 30}), r->contributions[0].report_date);
  EXPECT_EQ((Date{2021, 5, 31}), r->contributions[1].report_date);
  EXPECT_EQ((Date{2021, 6, 30}), r->contributions[2].report_date);
  EXPECT_EQ(13, r->contributions[0].women);
  EXPECT_EQ(62, r->contributions[0].total);
  EXPECT_EQ(2, r->contributions[0].line);
}

TEST_F(UnCsvTest, BomCrlfQuotesAndTrailingSpaces) {
  std::string data = "\xEF\xBB\xBF" + std::string(kHeader);
  data.pop_back();
  data += "\r\n1,CIV,384,\"Côte d'Ivoire\",\"UNMISS   \",Individual Police,3,4,31/01/2021\r\n";
  auto r = ParseUnCsv(data, "t.csv", *ref_, false);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(1u, r->contributions.size());
  EXPECT_EQ("UNMISS", r->contributions[0].mission);
  EXPECT_EQ("CIV", r->contributions[0].iso3);
}

TEST_F(UnCsvTest, LowerCaseHeaderVariant) {
  auto r = ParseUnCsv(
      "contribution_id,isocode3,m49_code,contributing_country,mission_acronym,personnel_type,female_personnel,"
      "male_personnel,last_reporting_date\n1,JPN,392,Japan,UNMISS,Staff Officer,0,4,31/07/2020\n",
      "t.csv", *ref_, false);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ("JPN", r->contributions[0].iso3);
}

TEST_F(UnCsvTest, MissingIsoCodeResolvedFromName) {
  auto r = Parse("1,#N/A,,Viet Nam,UNMISS,Troops,1,2,31/01/2021\n2,,,Republic of Korea,UNMISS,Troops,1,2,31/01/2021\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ("VNM", r->contributions[0].iso3);
  EXPECT_EQ("KOR", r->contributions[1].iso3);
}

TEST_F(UnCsvTest, FilesThatAreNotUtf8OrHoldNulAreRefusedAtTheLine) {
  std::string good = "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n";
  EXPECT_EQ("t.csv:3: the file is not valid UTF-8 (byte 0xf4 at column 12); save it as UTF-8",
            Error(good + "2,CIV,384,C\xf4te d'Ivoire,UNMISS,Troops,1,2,30/04/2021\n"));
  EXPECT_EQ("t.csv:2: the file holds a NUL byte (byte 0x00 at column 3); save it as UTF-8",
            Error(std::string("1,") + '\0' + "VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n"));
  EXPECT_TRUE(Parse(good).ok());
}

TEST_F(UnCsvTest, EveryRejectionMessage) {
  EXPECT_EQ("t.csv:2: column 'Female_Personnel': not a whole number: 'n/a'",
            Error("1,VNM,704,Viet Nam,UNMISS,Troops,n/a,49,30/04/2021\n"));
  EXPECT_EQ("t.csv:2: column 'Male_Personnel': not a whole number: '-3'",
            Error("1,VNM,704,Viet Nam,UNMISS,Troops,1,-3,30/04/2021\n"));
  EXPECT_EQ(
      "t.csv:2: column 'ISOCode3': '#N/A' is not a country code and 'Contributing_Country' 'Atlantis' is not a "
      "known name",
      Error("1,#N/A,,Atlantis,UNMISS,Troops,1,3,30/04/2021\n"));
  EXPECT_EQ("t.csv:2: column 'ISOCode3': '' is not a country code and 'Contributing_Country' is empty",
            Error("1,,,,UNMISS,Troops,1,3,30/04/2021\n"));
  EXPECT_EQ("t.csv:2: column 'Last_Reporting_Date': not a date: '31/04/2021'",
            Error("1,VNM,704,Viet Nam,UNMISS,Troops,1,3,31/04/2021\n"));
  EXPECT_EQ(
      "t.csv:2: column 'Personnel_Type': unknown personnel type: 'Civilians' (want Troops, Staff Officer, "
      "Experts on Mission, Formed Police Units or Individual Police)",
      Error("1,VNM,704,Viet Nam,UNMISS,Civilians,1,3,30/04/2021\n"));
  EXPECT_EQ("t.csv:2: column 'Mission_Acronym': not a mission acronym: ''",
            Error("1,VNM,704,Viet Nam,,Troops,1,3,30/04/2021\n"));
  EXPECT_EQ("t.csv:2: expected 9 fields, found 8", Error("1,VNM,704,Viet Nam,UNMISS,Troops,1,3\n"));
  EXPECT_EQ(
      "t.csv:3: duplicate of line 2: 2021-04-30 VNM UNMISS Troops",
      Error("1,VNM,704,Viet Nam,UNMISS,Troops,1,3,30/04/2021\n2,VNM,704,Viet Nam,UNMISS ,Troops,1,3,30/04/2021\n"));
  auto bad = ParseUnCsv("a,b,c\n1,2,3\n", "x.csv", *ref_, false);
  EXPECT_EQ(0u, bad.status().message().rfind("x.csv:1: not a UN contributions file", 0));
  EXPECT_EQ("t.csv: no valid data rows", Error(""));
}

TEST_F(UnCsvTest, SkipInvalidKeepsValidRowsAndReasons) {
  auto r = Parse(
      "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n"
      "2,VNM,704,Viet Nam,UNMISS,Staff Officer,x,1,30/04/2021\n",
      true);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(1u, r->contributions.size());
  ASSERT_EQ(1u, r->rejected.size());
  EXPECT_EQ(3, r->rejected[0].line);
  EXPECT_EQ("column 'Female_Personnel': not a whole number: 'x'", r->rejected[0].reason);
  EXPECT_EQ("2,VNM,704,Viet Nam,UNMISS,Staff Officer,x,1,30/04/2021", r->rejected[0].raw);
}

TEST_F(UnCsvTest, LaterDateInTheSameMonthSupersedesEarlierRows) {
  auto r = Parse(
      "1,IND,356,India,MONUC,Troops,0,100,30/07/2003\n"
      "2,IND,356,India,MONUC,Troops,0,101,31/07/2003\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(1u, r->contributions.size());
  EXPECT_EQ(101, r->contributions[0].men);
  ASSERT_EQ(1u, r->notes.size());
  EXPECT_EQ("2003-07: 1 rows dated 2003-07-30 superseded by the rows dated 2003-07-31 in the same file", r->notes[0]);
}

TEST_F(UnCsvTest, RankFileKeepsCountryTotals) {
  auto r = ParseUnCsv(
      "\xEF\xBB\xBFISOCode3,M49_Code,Contributing_Country,Personnel_Contribution_Rank,Female_Personnel,Male_Personnel,"
      "Total_Uniformed_Personnel,Last_Reporting_Date\r\nBGD,50,Bangladesh,1,317,6394,6711,31-Jan-21\r\n",
      "Rank.csv", *ref_, false);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(CsvKind::kRank, r->kind);
  ASSERT_EQ(1u, r->totals.size());
  EXPECT_EQ(317, r->totals[0].women);
  EXPECT_EQ(1, *r->totals[0].rank);
  auto bad = ParseUnCsv(
      "ISOCode3,M49_Code,Contributing_Country,Personnel_Contribution_Rank,Female_Personnel,Male_Personnel,"
      "Total_Uniformed_Personnel,Last_Reporting_Date\nBGD,50,Bangladesh,1,317,6394,6712,31-Jan-21\n",
      "Rank.csv", *ref_, false);
  EXPECT_EQ("Rank.csv:2: column 'Total_Uniformed_Personnel': 6712 is not Female 317 + Male 6394",
            bad.status().message());
}

TEST_F(UnCsvTest, SyntheticFilesAreRecognisedByTheirIds) {
  auto r = Parse("SYNTHETIC-1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->synthetic);
  auto real = Parse("1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n");
  EXPECT_FALSE(real->synthetic);
}

}  // namespace
}  // namespace bh
