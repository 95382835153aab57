#include "query/missions.h"

#include <gtest/gtest.h>

#include "store/contribution_store.h"
#include "store/schema.h"
#include "store/test_data.h"

namespace bh {
namespace {

class MissionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    // UNMISS in 2025-08 and 2025-09; UNISFA in 2025-09 only; XMISS only a
    // report names (not in the built-in list).
    for (int month : {8, 9}) {
      std::vector<std::string> missions = {"UNMISS"};
      if (month == 9) missions = {"UNMISS", "UNISFA", "XMISS"};
      AddMonth(month, missions, "m" + std::to_string(month) + ".pdf", "sha-" + std::to_string(month), 2, 8);
    }
  }
  // One report of 2025-`month`: Viet Nam's troops in each mission.
  void AddMonth(int month, const std::vector<std::string>& missions, const std::string& file, const std::string& sha,
                int64_t women, int64_t men) {
    ImportSession s(db_.get(), {file, "", sha, "un_pdf", "", false});
    int line = 0;
    for (const std::string& mission : missions) {
      ASSERT_TRUE(s.AddContribution(testing::MakeRow(Date::LastDayOf({2025, month}), "VNM", mission,
                                                     PersonnelType::kTroops, women, men, ++line, /*page=*/1))
                      .ok());
    }
    ASSERT_TRUE(s.Commit("no totals printed").ok());
  }
  std::unique_ptr<Db> db_;
};

TEST_F(MissionsTest, ReferenceWithTheMonthsInTheReports) {
  auto all = ListMissionInfo(db_.get());
  ASSERT_TRUE(all.ok()) << all.status().message();
  const MissionInfoRow* unmiss = nullptr;
  const MissionInfoRow* xmiss = nullptr;
  const MissionInfoRow* minurso = nullptr;
  for (const MissionInfoRow& m : *all) {
    if (m.acronym == "UNMISS") unmiss = &m;
    if (m.acronym == "XMISS") xmiss = &m;
    if (m.acronym == "MINURSO") minurso = &m;
  }
  ASSERT_TRUE(unmiss && xmiss && minurso);
  EXPECT_EQ("United Nations Mission in the Republic of South Sudan", unmiss->name);
  EXPECT_EQ("SSD", unmiss->host_iso3);
  EXPECT_EQ("2011-07", unmiss->start);
  EXPECT_EQ("2025-08", unmiss->first_month->ToString());
  EXPECT_EQ("2025-09", unmiss->last_month->ToString());
  EXPECT_EQ("", xmiss->name);
  EXPECT_EQ("2025-09", xmiss->first_month->ToString());
  EXPECT_FALSE(minurso->first_month);  // known, never in these reports
}

// Each mission with its first and last month, for comparing two answers.
std::string Spans(const std::vector<MissionInfoRow>& all) {
  std::string out;
  for (const MissionInfoRow& m : all) {
    out += m.acronym + (m.first_month ? " " + m.first_month->ToString() + ".." + m.last_month->ToString() : "") + ";";
  }
  return out;
}

TEST_F(MissionsTest, TheCacheGivesTheSameMonthsAfterEachCommit) {
  MonthValuesCache cache;
  auto uncached = ListMissionInfo(db_.get());
  auto cached = ListMissionInfo(db_.get(), &cache);
  ASSERT_TRUE(uncached.ok() && cached.ok());
  EXPECT_EQ(Spans(*uncached), Spans(*cached));
  EXPECT_EQ(2u, cache.size());  // 2025-08 and 2025-09, one import each
  // A new month (UNISFA only), then 2025-09 again from a new file that adds
  // MINUSCA: the cache reads only those, and drops the replaced month.
  auto add = [&](int month, const std::vector<std::string>& missions, const std::string& sha) {
    AddMonth(month, missions, sha + ".pdf", sha, 1, 1);
  };
  add(10, {"UNISFA"}, "sha-10");
  cached = ListMissionInfo(db_.get(), &cache);
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ(Spans(*ListMissionInfo(db_.get())), Spans(*cached));
  EXPECT_NE(std::string::npos, Spans(*cached).find("UNISFA 2025-09..2025-10;"));
  EXPECT_EQ(3u, cache.size());
  add(9, {"UNMISS", "UNISFA", "XMISS", "MINUSCA"}, "sha-9b");
  cached = ListMissionInfo(db_.get(), &cache);
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ(Spans(*ListMissionInfo(db_.get())), Spans(*cached));
  EXPECT_NE(std::string::npos, Spans(*cached).find("MINUSCA 2025-09..2025-09;"));
  EXPECT_EQ(3u, cache.size());
}

TEST_F(MissionsTest, TheCacheKeepsNothingReadInsideAWriteTransaction) {
  MonthValuesCache cache;
  ASSERT_TRUE(db_->Exec("BEGIN; DELETE FROM month_source WHERE month = '2025-08'").ok());
  auto inside = ListMissionInfo(db_.get(), &cache);
  ASSERT_TRUE(inside.ok());
  EXPECT_NE(std::string::npos, Spans(*inside).find("UNMISS 2025-09..2025-09;"));
  EXPECT_EQ(0u, cache.size());
  ASSERT_TRUE(db_->Exec("ROLLBACK").ok());
  auto after = ListMissionInfo(db_.get(), &cache);
  ASSERT_TRUE(after.ok());
  EXPECT_NE(std::string::npos, Spans(*after).find("UNMISS 2025-08..2025-09;"));
}

TEST_F(MissionsTest, FindsAnAcronymInAnyCaseOrTheFullName) {
  EXPECT_EQ("UNMISS", FindMission(db_.get(), "unmiss")->acronym);
  EXPECT_EQ("UNMISS", FindMission(db_.get(), " United Nations Mission in the Republic of South Sudan ")->acronym);
}

TEST_F(MissionsTest, AnUnknownMissionNamesTheNearest) {
  auto typo = FindMission(db_.get(), "MINUSKA");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(Status::Code::kNotFound, typo.status().code());
  EXPECT_EQ("unknown mission: 'MINUSKA' (did you mean MINUSCA or MINUSMA?)", typo.status().message());
  auto far = FindMission(db_.get(), "Atlantis");
  ASSERT_FALSE(far.ok());
  EXPECT_NE(std::string::npos, far.status().message().find("unknown mission: 'Atlantis' ("));
  EXPECT_NE(std::string::npos, far.status().message().find("see 'bluehelmet missions'"));
  EXPECT_EQ("a mission's acronym is required, e.g. MINUSCA", FindMission(db_.get(), " ").status().message());
}

}  // namespace
}  // namespace bh
