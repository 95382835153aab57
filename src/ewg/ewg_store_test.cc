#include "ewg/ewg_store.h"

#include <gtest/gtest.h>

#include "ewg/ewg_csv.h"
#include "ewg/ewg_schema.h"
#include "store/schema.h"

namespace bh {
namespace {

class EwgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    ASSERT_TRUE(EnsureEwgSchema(db_.get()).ok());
    ref_ = std::make_unique<Reference>(std::move(*Reference::Load(db_.get())));
  }
  // Parses and applies CSV files as one batch; returns the summary or error.
  Result<ApplySummary> Import(const std::vector<std::pair<std::string, std::string>>& files) {
    Batch batch;
    for (const auto& [name, csv] : files) {
      auto kind = ParseEwgCsv(csv, name, *ref_, &batch);
      if (!kind.ok()) return kind.status();
    }
    return ApplyBatch(db_.get(), *ref_, batch);
  }
  std::string ImportError(const std::string& name, const std::string& csv) {
    auto r = Import({{name, csv}});
    return r.ok() ? "OK" : r.status().message();
  }
  int64_t Count(const std::string& sql) { return *db_->QueryInt(sql); }

  std::unique_ptr<Db> db_;
  std::unique_ptr<Reference> ref_;
};

constexpr char kCycleHeader[] = "ewg,cycle,start,end,co_chairs,source,note\n";
constexpr char kActHeader[] = "ref,ewg,cycle,number,type,title,start,end,host,venue,themes,source\n";

TEST_F(EwgStoreTest, BuiltinPkoCyclesAndCoChairs) {
  auto cycles = ListCycles(db_.get(), "pko");
  ASSERT_TRUE(cycles.ok());
  static const struct {
    int number;
    const char* start;
    const char* end;  // "" = not known
    const char* asean;
    const char* plus;
  } want[] = {
      {1, "2011", "2014-02", "PHL", "NZL"}, {2, "2014", "2017", "KHM", "KOR"}, {3, "2017", "2020", "IDN", "AUS"},
      {4, "2021", "2023", "VNM", "JPN"},    {5, "2024", "", "BRN", "CHN"},
  };
  ASSERT_EQ(5u, cycles->size());
  for (size_t i = 0; i < 5; ++i) {
    const Cycle& c = (*cycles)[i];
    EXPECT_EQ(want[i].number, c.number);
    EXPECT_EQ(want[i].start, c.start.ToString());
    EXPECT_EQ(want[i].end, c.end ? c.end->ToString() : "");
    EXPECT_EQ((std::vector<std::string>{want[i].asean, want[i].plus}), c.co_chairs);
    EXPECT_EQ("built-in", c.origin);
    EXPECT_FALSE(c.source.empty());
  }
  EXPECT_NE(std::string::npos, (*cycles)[3].source.find("seed article"));
}

TEST_F(EwgStoreTest, BuiltinSeedActivity) {
  auto a = GetActivity(db_.get(), "PKO4-M14");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ("2021-04-06", a->start.ToString());
  EXPECT_EQ(4, a->cycle);
  EXPECT_EQ(14, a->number);
  EXPECT_EQ(ActivityType::kMeeting, a->type);
  EXPECT_EQ("virtual", a->venue);
  EXPECT_EQ("VNM", a->host);
  EXPECT_EQ("Col. Mac Duc Trong (Viet Nam); Ms Matsuzawa Tomoko (Japan)", a->chaired_by);
  EXPECT_EQ((std::vector<std::string>{"women's participation in peacekeeping", "sexual violence and abuse"}),
            a->themes);
  EXPECT_EQ(
      "review of cycle 3; plan for cycle 4; thematic discussion on women's participation in peacekeeping; "
      "challenges in dealing with sexual violence and abuse",
      a->agenda);
  EXPECT_EQ(0u, a->source.rfind("seed article (6 April 2021)", 0));
  auto acts = ListActivities(db_.get(), "PKO", 4);
  ASSERT_TRUE(acts.ok());
  EXPECT_EQ(7u, acts->size());
  EXPECT_EQ("PKO4-M14", acts->front().ref);  // the first activity of the cycle
  // Attendance is recorded without counts by sex (none were found).
  EXPECT_EQ(36, Count("SELECT COUNT(*) FROM ewg_participation WHERE women IS NULL"));
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM ewg_participation WHERE women IS NOT NULL"));
}

TEST_F(EwgStoreTest, MembersMatchTheCoreGroups) {
  auto members = ListMembers(db_.get());
  ASSERT_TRUE(members.ok());
  std::vector<std::string> asean, plus;
  for (const Member& m : *members) (m.side == Side::kAsean ? asean : plus).push_back(m.iso3);
  // The EWG's member list has no dates yet: it is ADMM-Plus before
  // Timor-Leste joined ASEAN on 2025-10-26.
  EXPECT_EQ(GetGroup(db_.get(), "ASEAN")->MembersOn({2025, 10, 25}), asean);
  EXPECT_EQ(GetGroup(db_.get(), "ADMM-Plus-Partners")->AllMembers(), plus);
  EXPECT_EQ(7u, ListEwgs(db_.get())->size());
  EXPECT_EQ("unknown EWG 'XYZ' (known: CT, CYBER, HADR, HMA, MM, MS, PKO)",
            GetEwg(db_.get(), "XYZ").status().message());
  auto obs = ListObservers(db_.get());
  ASSERT_EQ(2u, obs->size());
  EXPECT_EQ("TLS", (*obs)[1].iso3);
}

TEST_F(EwgStoreTest, SchemaIsIdempotentAndKeepsUserEdits) {
  ASSERT_TRUE(db_->Exec("UPDATE ewg_cycle SET end_date = '2027' WHERE ewg = 'PKO' AND number = 5").ok());
  ASSERT_TRUE(EnsureEwgSchema(db_.get()).ok());
  EXPECT_EQ(5, Count("SELECT COUNT(*) FROM ewg_cycle"));
  EXPECT_EQ(1, Count("SELECT COUNT(*) FROM ewg_cycle WHERE number = 5 AND end_date = '2027'"));
}

TEST_F(EwgStoreTest, Rejections) {
  static const struct {
    const char* name;
    std::string csv;
    const char* message;
  } cases[] = {
      {"c.csv", std::string(kCycleHeader) + "PKO,6,2027,2030,Viet Nam;Cambodia,test,\n",
       "c.csv:2: cycle PKO 6: two ASEAN co-chairs (Viet Nam, Cambodia) and no Plus co-chair; a cycle has exactly one "
       "ASEAN and one Plus co-chair"},
      {"c.csv", std::string(kCycleHeader) + "PKO,6,2027,2030,Japan;China,test,\n",
       "c.csv:2: cycle PKO 6: no ASEAN co-chair (Japan, China are both Plus members); a cycle has exactly one ASEAN "
       "and one Plus co-chair"},
      {"c.csv", std::string(kCycleHeader) + "PKO,6,2027,2030,Viet Nam,test,\n",
       "c.csv:2: cycle PKO 6: 1 co-chair given (Viet Nam); a cycle has exactly one ASEAN and one Plus co-chair"},
      {"c.csv", std::string(kCycleHeader) + "PKO,6,2027,2030,Timor-Leste;Japan,test,\n",
       "c.csv:2: cycle PKO 6: co-chair Timor-Leste is not an ADMM-Plus member"},
      {"c.csv", std::string(kCycleHeader) + "PKO,6,2027,2030,Xanadu;Japan,test,\n",
       "c.csv:2: column 'co_chairs': unknown country: 'Xanadu'"},
      {"c.csv", std::string(kCycleHeader) + "PKO,6,2030,2027-06,Viet Nam;Japan,test,\n",
       "c.csv:2: cycle PKO 6: end 2027-06 is before start 2030"},
      {"c.csv", std::string(kCycleHeader) + "PKO,4,2022,2023,Viet Nam;Japan,test,\n",
       "c.csv:2: cycle PKO 4 (2022 to 2023): recorded activity PKO4-M14 (2021-04-06) would lie outside it"},
      {"c.csv", std::string(kCycleHeader) + "XYZ,1,2027,2030,Viet Nam;Japan,test,\n",
       "c.csv:2: unknown EWG 'XYZ' (known: CT, CYBER, HADR, HMA, MM, MS, PKO)"},
      {"c.csv", std::string(kCycleHeader) + "PKO,6,2027,2030,Viet Nam;Japan,,\n",
       "c.csv:2: column 'source': every record needs its source"},
      {"a.csv", std::string(kActHeader) + "X1,PKO,4,,meeting,T,2021-04-06,2021-04-01,,virtual,,test\n",
       "a.csv:2: activity X1: end 2021-04-01 is before start 2021-04-06"},
      {"a.csv", std::string(kActHeader) + "X1,PKO,4,,meeting,T,2024-02-01,,,virtual,,test\n",
       "a.csv:2: activity X1 (2024-02-01) lies outside cycle PKO 4 (2021 to 2023)"},
      {"a.csv", std::string(kActHeader) + "X1,PKO,1,,workshop,T,2014-02-20,2014-03-02,,Manila,,test\n",
       "a.csv:2: activity X1 (2014-02-20 to 2014-03-02) lies outside cycle PKO 1 (2011 to 2014-02)"},
      {"a.csv", std::string(kActHeader) + "X1,PKO,4,,meeting,T,2021-05-01,,Xanadu,Hanoi,,test\n",
       "a.csv:2: column 'host': unknown country: 'Xanadu'"},
      {"a.csv", std::string(kActHeader) + "X1,PKO,9,,meeting,T,2021-05-01,,,virtual,,test\n",
       "a.csv:2: cycle PKO 9 is not recorded (add the cycle first)"},
      {"a.csv", std::string(kActHeader) + "X1,PKO,4,,dinner,T,2021-05-01,,,virtual,,test\n",
       "a.csv:2: column 'type': unknown activity type 'dinner' (want meeting, workshop, seminar, table-top exercise or "
       "field exercise)"},
      {"a.csv", std::string(kActHeader) + "X1,PKO,4,,meeting,T,6 May 2021,,,virtual,,test\n",
       "a.csv:2: column 'start': not a date (want YYYY, YYYY-MM or YYYY-MM-DD): '6 May 2021'"},
      {"a.csv",
       std::string(kActHeader) + "X1,PKO,4,,meeting,T,2021-05-01,,,virtual,,test\n"
                                 "X1,PKO,4,,meeting,T,2021-05-02,,,virtual,,test\n",
       "a.csv:3: activity X1 appears twice (also at a.csv:2)"},
      {"p.csv", "activity,country,women,men,source\nPKO4-M15,Xanadu,1,2,test\n",
       "p.csv:2: column 'country': unknown country: 'Xanadu'"},
      {"p.csv", "activity,country,women,men,source\nPKO4-M99,Japan,1,2,test\n", "p.csv:2: unknown activity 'PKO4-M99'"},
      {"p.csv", "activity,country,women,men,source\nPKO4-M15,Japan,1,,test\n",
       "p.csv:2: columns 'women' and 'men': give both or neither"},
      {"p.csv", "activity,country,women,men,source\nPKO4-M15,Japan,one,2,test\n",
       "p.csv:2: column 'women': not a whole number: 'one'"},
      {"x.csv", "a,b\n1,2\n",
       "x.csv:1: not an EWG file: want a header with exactly one of co_chairs (cycles), venue (activities), country "
       "(participants), status (workplan), kind (outcomes) (see docs/ewg.md)"},
      {"c.csv", "ewg,cycle,start,co_chairs,colour,source\n",
       "c.csv:1: unknown column 'colour' in a cycles file (columns: ewg, cycle, start, end, co_chairs, source, note)"},
      {"c.csv", "ewg,cycle,start,co_chairs\n", "c.csv:1: missing column 'source' in a cycles file"},
      {"c.csv", std::string(kCycleHeader) + "PKO,6,2027\n", "c.csv:2: expected 7 fields, found 3"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.message, ImportError(c.name, c.csv)) << c.csv;
  }
  // Nothing of the rejected files was written.
  EXPECT_EQ(5, Count("SELECT COUNT(*) FROM ewg_cycle"));
  EXPECT_EQ(7, Count("SELECT COUNT(*) FROM ewg_activity"));
}

TEST_F(EwgStoreTest, DatabaseTriggerBacksUpTheCoChairRule) {
  Status st = db_->Exec("INSERT INTO ewg_cycle VALUES ('PKO', 7, '2030', NULL, 'VNM', 'KHM', 's', NULL, 'test')");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(std::string::npos, st.message().find("a cycle has exactly one ASEAN and one Plus co-chair"));
}

TEST_F(EwgStoreTest, ImportIsAllOrNothing) {
  std::string cycles = std::string(kCycleHeader) + "PKO,6,2027,2030,Malaysia;India,test,\n";
  std::string acts = std::string(kActHeader) +
                     "PKO6-M1,PKO,6,1,meeting,T,2027-03-01,,Malaysia,Kuala Lumpur,,test\n"
                     "PKO6-M2,PKO,6,2,meeting,T,2031-03-01,,,virtual,,test\n";
  auto r = Import({{"c.csv", cycles}, {"a.csv", acts}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ("a.csv:3: activity PKO6-M2 (2031-03-01) lies outside cycle PKO 6 (2027 to 2030)", r.status().message());
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM ewg_cycle WHERE number = 6"));
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM ewg_activity WHERE cycle = 6"));
}

TEST_F(EwgStoreTest, TextThatIsNotUtf8OrHoldsControlCharactersIsRefused) {
  std::string cycles = std::string(kCycleHeader) + "PKO,6,2027,2030,Malaysia;India,test,\n";
  // A Latin-1 title (0xe9 for "é") and a NUL in a venue.
  std::string latin1 = std::string(kActHeader) + "PKO6-M1,PKO,6,1,meeting,R\xe9union,2027-03-01,,,virtual,,test\n";
  EXPECT_EQ("a.csv:2: column 'title': not valid UTF-8 (byte 0xe9 at byte 2)",
            Import({{"c.csv", cycles}, {"a.csv", latin1}}).status().message());
  std::string nul = std::string(kActHeader) + "PKO6-M1,PKO,6,1,meeting,T,2027-03-01,,,virt" + '\0' + "ual,,test\n";
  EXPECT_EQ("a.csv:2: column 'venue': holds a control character (0x00 at byte 5)",
            Import({{"c.csv", cycles}, {"a.csv", nul}}).status().message());
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM ewg_cycle WHERE number = 6"));
  // A batch built in code is checked too.
  Batch batch;
  Activity a;
  a.ref = "X1";
  a.title = "bad\xff";
  batch.activities.push_back({a, "test"});
  EXPECT_EQ("test: column 'title': not valid UTF-8 (byte 0xff at byte 4)",
            ApplyBatch(db_.get(), *ref_, batch).status().message());
}

TEST_F(EwgStoreTest, ExportNeutralisesFormulasAndReimportsTheSameText) {
  std::string cycles = std::string(kCycleHeader) + "PKO,6,2027,2030,Malaysia;India,test,\n";
  std::string acts =
      std::string(kActHeader) + "PKO6-M1,PKO,6,1,meeting,\"=HYPERLINK(\"\"http://x\"\")\",2027-03-01,,,virtual,,@src\n";
  ASSERT_TRUE(Import({{"c.csv", cycles}, {"a.csv", acts}}).ok());
  auto csv = ExportCsv(db_.get(), *ref_, EwgKind::kActivity, "PKO", 6);
  ASSERT_TRUE(csv.ok());
  EXPECT_NE(std::string::npos, csv->find(",\"'=HYPERLINK(\"\"http://x\"\")\",")) << *csv;
  EXPECT_NE(std::string::npos, csv->find(",\"'@src\"")) << *csv;
  auto again = Import({{"export.csv", *csv}});
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(1, again->unchanged);
  EXPECT_EQ("=HYPERLINK(\"http://x\")", GetActivity(db_.get(), "PKO6-M1")->title);
}

TEST_F(EwgStoreTest, ReimportIsIdempotent) {
  std::vector<std::pair<std::string, std::string>> files = {
      {"c.csv", std::string(kCycleHeader) + "PKO,6,2027,2030,India;Malaysia,test source,\n"},
      {"a.csv", std::string(kActHeader) + "PKO6-M1,PKO,6,1,meeting,First,2027-03-01,,Malaysia,Kuala Lumpur,"
                                          "women in peacekeeping;SEA,test source\n"},
      {"p.csv",
       "activity,country,women,men,illustrative,source\nPKO6-M1,MYS,3,9,yes,ILLUSTRATIVE test\n"
       "PKO6-M1,India,2,4,yes,ILLUSTRATIVE test\n"},
      {"w.csv", "ref,ewg,cycle,title,status,due,activity,source,note\nW1,PKO,6,Plan,planned,2027-06,PKO6-M1,test,\n"},
      {"o.csv",
       "ref,ewg,cycle,kind,title,date,activity,url,source,note\nO1,PKO,6,document,Minutes,2027-03,PKO6-M1,,test,\n"},
  };
  auto first = Import(files);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(1, first->cycles);
  EXPECT_EQ(1, first->activities);
  EXPECT_EQ(2, first->participants);
  EXPECT_EQ(1, first->workplan);
  EXPECT_EQ(1, first->outcomes);
  EXPECT_EQ(0, first->unchanged);
  auto c6 = GetCycle(db_.get(), "PKO", 6);
  ASSERT_TRUE(c6.ok());
  EXPECT_EQ((std::vector<std::string>{"MYS", "IND"}), c6->co_chairs);  // stored ASEAN first
  EXPECT_EQ("import c.csv", c6->origin);

  auto second = Import(files);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(0, second->cycles + second->activities + second->participants + second->workplan + second->outcomes);
  EXPECT_EQ(6, second->unchanged);
  EXPECT_EQ(6, Count("SELECT COUNT(*) FROM ewg_cycle"));
  EXPECT_EQ(38, Count("SELECT COUNT(*) FROM ewg_participation"));

  // An export reads back unchanged, for every kind.
  for (EwgKind kind : kAllEwgKinds) {
    auto csv = ExportCsv(db_.get(), *ref_, kind, "PKO", std::nullopt);
    ASSERT_TRUE(csv.ok());
    auto again = Import({{"export.csv", *csv}});
    ASSERT_TRUE(again.ok()) << again.status().message();
    EXPECT_EQ(0, again->cycles + again->activities + again->participants + again->workplan + again->outcomes)
        << SpecOf(kind).file;
  }
}

}  // namespace
}  // namespace bh
