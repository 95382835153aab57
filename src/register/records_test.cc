#include "register/records.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

Date D(const char* s) { return *Date::ParseIso(s); }

TEST(RecordsTest, SexIsFOrM) {
  EXPECT_EQ(Sex::kFemale, *ParseSex("F", "sex"));
  EXPECT_EQ(Sex::kMale, *ParseSex(" m ", "sex"));
  EXPECT_EQ("column 'sex': want F or M, got 'X'", ParseSex("X", "sex").status().message());
  EXPECT_EQ("column 'sex': want F or M, got ''", ParseSex("", "sex").status().message());
}

TEST(RecordsTest, PostingRolesMapToUnCategories) {
  static const struct {
    const char* text;
    PersonnelType type;
  } cases[] = {
      {"staff_officer", PersonnelType::kStaffOfficer},
      {"military_observer", PersonnelType::kExpertsOnMission},
      {"expert_on_mission", PersonnelType::kExpertsOnMission},
      {"police", PersonnelType::kIndividualPolice},
  };
  for (const auto& c : cases) {
    auto r = ParsePostingRole(c.text, "role");
    ASSERT_TRUE(r.ok()) << c.text;
    EXPECT_EQ(c.type, PersonnelTypeOf(*r)) << c.text;
    EXPECT_EQ(c.text, PostingRoleCode(*r));
  }
  EXPECT_EQ(
      "column 'role': want staff_officer, military_observer, "
      "expert_on_mission or police, got 'pilot'",
      ParsePostingRole("pilot", "role").status().message());
}

TEST(RecordsTest, ShareRanges) {
  static const struct {
    const char* text;
    int min_bp, max_bp;
    const char* shown;
  } cases[] = {
      {"8-10", 800, 1000,
       "8\xE2\x80\x93"
       "10 %"},
      {"8\xE2\x80\x93"
       "10 %",
       800, 1000,
       "8\xE2\x80\x93"
       "10 %"},
      {"7.5-10", 750, 1000,
       "7.5\xE2\x80\x93"
       "10 %"},
      {"8", 800, 800, "8 %"},
      {"12.25 %", 1225, 1225, "12.25 %"},
  };
  for (const auto& c : cases) {
    auto r = ShareRange::Parse(c.text, "requested_share");
    ASSERT_TRUE(r.ok()) << c.text << ": " << r.status().message();
    EXPECT_EQ(c.min_bp, r->min_bp) << c.text;
    EXPECT_EQ(c.max_bp, r->max_bp) << c.text;
    EXPECT_EQ(c.shown, r->Text()) << c.text;
  }
  EXPECT_EQ(
      "column 'requested_share': want a percent or a range like 8-10, "
      "got 'some'",
      ShareRange::Parse("some", "requested_share").status().message());
  EXPECT_EQ(
      "column 'requested_share': want a percent or a range like 8-10, "
      "got '8-101'",
      ShareRange::Parse("8-101", "requested_share").status().message());
  EXPECT_EQ("column 'requested_share': range '10-8' runs from high to low",
            ShareRange::Parse("10-8", "requested_share").status().message());
}

TEST(RecordsTest, FieldDatesAndNumbers) {
  EXPECT_EQ(D("2021-04-21"), *ParseFieldDate("2021-04-21", "departs"));
  EXPECT_EQ("column 'departs': want a date YYYY-MM-DD, got '21/04/2021'",
            ParseFieldDate("21/04/2021", "departs").status().message());
  EXPECT_EQ("column 'departs': want a date YYYY-MM-DD, got '2021-02-30'",
            ParseFieldDate("2021-02-30", "departs").status().message());
  EXPECT_EQ(63, *ParseFieldInt("63", "authorised_strength", 1));
  EXPECT_EQ(
      "column 'authorised_strength': want a whole number of at least 1, "
      "got '0'",
      ParseFieldInt("0", "authorised_strength", 1).status().message());
  EXPECT_EQ("column 'batch': want a whole number of at least 1, got 'two'",
            ParseFieldInt("two", "batch", 1).status().message());
}

// A unit of two out batches and one home batch; member A travels out with
// batch 1, B with batch 2; both fly home with batch 1.
RegisterData SmallRegister() {
  RegisterData r;
  r.country = "VNM";
  r.persons = {{"VNM", "A", Sex::kFemale, "Maj", "Army", "", "", "p.csv:2", false},
               {"VNM", "B", Sex::kMale, "Capt", "Army", "", "", "p.csv:3", false}};
  Unit u;
  u.country = "VNM";
  u.code = "U1";
  u.mission = "UNMISS";
  u.authorised = 2;
  r.units = {u};
  Leg out1{"VNM", "U1", LegDirection::kOut, 1, D("2021-03-24"), D("2021-03-25"), "", "l.csv:2", false};
  Leg out2{"VNM", "U1", LegDirection::kOut, 2, D("2021-04-21"), std::nullopt, "", "l.csv:3", false};
  Leg home1{"VNM", "U1", LegDirection::kHome, 1, std::nullopt, D("2022-04-24"), "", "l.csv:4", false};
  r.legs = {out1, out2, home1};
  r.members = {{"VNM", "U1", "A", 1, 1, std::nullopt, "", "m.csv:2", false},
               {"VNM", "U1", "B", 2, 1, std::nullopt, "", "m.csv:3", false}};
  return r;
}

TEST(RecordsTest, MemberOnStrengthFromArrivalToDeparture) {
  RegisterData r = SmallRegister();
  Interval a = MemberInterval(r, r.members[0]);
  EXPECT_EQ(D("2021-03-25"), a.first);  // arrival known
  EXPECT_EQ(D("2022-04-24"), *a.end);   // home departure unknown: its arrival
  Interval b = MemberInterval(r, r.members[1]);
  EXPECT_EQ(D("2021-04-21"), b.first);  // arrival unknown: departure
  EXPECT_FALSE(a.Contains(D("2021-03-24")));
  EXPECT_TRUE(a.Contains(D("2021-03-25")));
  EXPECT_TRUE(a.Contains(D("2022-04-23")));
  EXPECT_FALSE(a.Contains(D("2022-04-24")));
  r.members[0].ends = D("2021-06-01");  // left alone, overriding the home batch
  EXPECT_EQ(D("2021-06-01"), *MemberInterval(r, r.members[0]).end);
  EXPECT_TRUE(CheckRegister(r).ok());
}

TEST(RecordsTest, HomeBatchBeforeTheFirstDepartureIsRejected) {
  RegisterData r = SmallRegister();
  r.legs[2].arrives = D("2021-03-01");
  EXPECT_EQ(
      "l.csv:4: home batch 1 of unit 'U1' leaves on 2021-03-01, not "
      "after the unit's first batch set off on "
      "2021-03-24",
      CheckRegister(r).message());
}

TEST(RecordsTest, MemberLeavingBeforeArrivingIsRejected) {
  RegisterData r = SmallRegister();
  r.members[1].ends = D("2021-04-01");
  EXPECT_EQ(
      "m.csv:3: service number 'B' leaves unit 'U1' on 2021-04-01, not "
      "after arriving on 2021-04-21",
      CheckRegister(r).message());
}

TEST(RecordsTest, OverlappingDeploymentsOfOnePersonAreRejected) {
  RegisterData r = SmallRegister();
  Posting p;
  p.country = "VNM";
  p.service_number = "A";
  p.mission = "MINUSCA";
  p.starts = D("2022-04-24");  // the day A left the unit: no overlap
  p.source = "g.csv:2";
  r.postings = {p};
  EXPECT_TRUE(CheckRegister(r).ok());
  r.postings[0].starts = D("2022-04-23");
  EXPECT_EQ(
      "g.csv:2: service number 'A' is already deployed from 2021-03-25 "
      "(m.csv:2)",
      CheckRegister(r).message());
}

}  // namespace
}  // namespace bh
