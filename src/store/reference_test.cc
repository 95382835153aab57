#include "store/reference.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "store/schema.h"

namespace bh {
namespace {

class ReferenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenCoreStore(":memory:");
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
  }
  std::unique_ptr<Db> db_;
};

TEST_F(ReferenceTest, CountriesComeFromIsoCodes) {
  EXPECT_EQ(249, *db_->QueryInt("SELECT COUNT(*) FROM country"));
  EXPECT_EQ(704, *db_->QueryInt("SELECT m49 FROM country WHERE iso3 = 'VNM'"));
}

TEST_F(ReferenceTest, ResolvesTheNamesTheUnPrints) {
  auto ref = Reference::Load(db_.get());
  ASSERT_TRUE(ref.ok());
  struct {
    const char* name;
    const char* iso3;
  } cases[] = {
      {"Viet Nam", "VNM"},
      {"Vietnam", "VNM"},
      {"Côte d'Ivoire", "CIV"},
      {"Cote d’Ivoire", "CIV"},
      {"Iran (Islamic Republic of)", "IRN"},
      {"Republic of Korea", "KOR"},
      {"United Republic of Tanzania", "TZA"},
      {"Türkiye", "TUR"},
      {"Turkey", "TUR"},
      {"United States of America", "USA"},
      {"United  Kingdom of Great Britain\nand Northern Ireland", "GBR"},
      {"Bangladesh", "BGD"},
      {"vnm", "VNM"},
      {"Lao People's Democratic Republic", "LAO"},
      {"Democratic Republic of the Congo", "COD"},
      {"Bolivia (Plurinational State of)", "BOL"},
  };
  for (const auto& c : cases) {
    auto r = ref->ResolveCountry(c.name);
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.status().message();
    EXPECT_EQ(c.iso3, *r) << c.name;
  }
  EXPECT_EQ("unknown country: 'Xanadu'", ref->ResolveCountry(" Xanadu ").status().message());
}

// Issue 13: the short and former names people type resolve; an ambiguous
// one lists its candidates; a typo is answered with the nearest names.
TEST_F(ReferenceTest, ResolvesTheNamesPeopleType) {
  auto ref = Reference::Load(db_.get());
  ASSERT_TRUE(ref.ok());
  struct {
    const char* name;
    const char* iso3;
  } cases[] = {
      {"Laos", "LAO"},
      {"UK", "GBR"},
      {"U.K.", "GBR"},
      {"Great Britain", "GBR"},
      {"USA", "USA"},
      {"US", "USA"},
      {"Russia", "RUS"},
      {"Türkiye", "TUR"},
      {"Turkey", "TUR"},
      {"Cote d'Ivoire", "CIV"},
      {"Ivory Coast", "CIV"},
      {"Czechia", "CZE"},
      {"Czech Republic", "CZE"},
      {"Eswatini", "SWZ"},
      {"Swaziland", "SWZ"},
      {"North Macedonia", "MKD"},
      {"Macedonia", "MKD"},
      {"South Korea", "KOR"},
      {"North Korea", "PRK"},
      {"Burma", "MMR"},
      {"Vietnam", "VNM"},
      {"Timor-Leste", "TLS"},
      {"East Timor", "TLS"},
  };
  for (const auto& c : cases) {
    auto r = ref->ResolveCountry(c.name);
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.status().message();
    EXPECT_EQ(c.iso3, *r) << c.name;
  }
  auto korea = ref->ResolveCountry("Korea");
  EXPECT_EQ(Status::Code::kNotFound, korea.status().code());
  EXPECT_EQ(
      "ambiguous country: 'Korea' could be Republic of Korea (KOR) or Democratic People's Republic of Korea (PRK)",
      korea.status().message());
  EXPECT_EQ("unknown country: 'Indonsia' (did you mean Indonesia (IDN)?)",
            ref->ResolveCountry("Indonsia").status().message());
  EXPECT_EQ("unknown country: 'Cambodja' (did you mean Cambodia (KHM)?)",
            ref->ResolveCountry("Cambodja").status().message());
  // Two edits in six letters is not a typo's reach: no guess.
  EXPECT_EQ("unknown country: 'Atlantis'", ref->ResolveCountry("Atlantis").status().message());
}

TEST_F(ReferenceTest, BuiltinGroups) {
  auto asean = GetGroup(db_.get(), "asean");
  ASSERT_TRUE(asean.ok());
  EXPECT_EQ(11u, asean->members.size());  // every member ever
  auto admm = GetGroup(db_.get(), "ADMM-Plus");
  ASSERT_TRUE(admm.ok());
  EXPECT_EQ(19u, admm->members.size());
  EXPECT_TRUE(admm->builtin);
  EXPECT_EQ("'ASEAN' is a built-in group and cannot be changed",
            DefineGroup(db_.get(), "ASEAN", "", {"VNM"}).message());
}

// Timor-Leste joined ASEAN, and so ADMM-Plus, on 26 October 2025
// (DOMAIN.md D): 10 and 18 members before, 11 and 19 from that day; a
// month's figures use the members on its last day.
TEST_F(ReferenceTest, MembershipsHaveDates) {
  auto asean = GetGroup(db_.get(), "ASEAN");
  ASSERT_TRUE(asean.ok());
  EXPECT_EQ(10u, asean->MembersOn({2025, 10, 25}).size());
  EXPECT_EQ(11u, asean->MembersOn({2025, 10, 26}).size());
  EXPECT_EQ(11u, asean->MembersOn({2025, 11, 1}).size());
  EXPECT_EQ(10u, asean->MembersIn({2025, 9}).size());
  EXPECT_EQ(11u, asean->MembersIn({2025, 10}).size());  // as of 31 October
  EXPECT_TRUE(asean->HasDatedMembers());
  auto admm = GetGroup(db_.get(), "ADMM-Plus");
  ASSERT_TRUE(admm.ok());
  EXPECT_EQ(18u, admm->MembersIn({2025, 9}).size());
  EXPECT_EQ(19u, admm->MembersIn({2025, 10}).size());
  const GroupMember& tls =
      *std::find_if(admm->members.begin(), admm->members.end(), [](const GroupMember& m) { return m.iso3 == "TLS"; });
  EXPECT_EQ("2025-10-26", tls.joined_on->ToString());
  EXPECT_FALSE(tls.left_on.has_value());
  EXPECT_NE(std::string::npos, tls.source.find("47th ASEAN Summit"));
  auto partners = GetGroup(db_.get(), "ADMM-Plus-Partners");
  EXPECT_FALSE(partners->HasDatedMembers());
  // The schema refuses a date that is not an ISO day.
  EXPECT_FALSE(db_->Exec("UPDATE country_group_member SET joined_on = '26/10/2025' WHERE iso3 = 'TLS'").ok());
}

// A database made before memberships had dates receives Timor-Leste's on
// its next open, with the date, not as a founding member.
TEST_F(ReferenceTest, OlderDatabasesReceiveTheDatedMembership) {
  ASSERT_TRUE(db_->Exec("DELETE FROM country_group_member WHERE iso3 = 'TLS'").ok());
  ASSERT_TRUE(db_->Exec("UPDATE reference_seed SET version = 2").ok());
  ASSERT_TRUE(EnsureCoreSchema(db_.get()).ok());
  auto asean = GetGroup(db_.get(), "ASEAN");
  ASSERT_TRUE(asean.ok());
  EXPECT_EQ(10u, asean->MembersIn({2025, 9}).size());
  EXPECT_EQ(11u, asean->MembersIn({2025, 10}).size());
}

TEST_F(ReferenceTest, UserGroupsCanBeDefinedReplacedAndDeleted) {
  ASSERT_TRUE(DefineGroup(db_.get(), "Mekong", "Mekong states", {"KHM", "LAO", "THA", "VNM"}).ok());
  ASSERT_TRUE(DefineGroup(db_.get(), "mekong", "Mekong states", {"KHM", "VNM"}).ok());
  auto g = GetGroup(db_.get(), "MEKONG");
  ASSERT_TRUE(g.ok());
  EXPECT_EQ((std::vector<std::string>{"KHM", "VNM"}), g->AllMembers());
  EXPECT_FALSE(g->HasDatedMembers());
  ASSERT_TRUE(DeleteGroup(db_.get(), "Mekong").ok());
  EXPECT_EQ(Status::Code::kNotFound, GetGroup(db_.get(), "Mekong").status().code());
}

// `groups add`: the group's fields through the one write path (kSet, as the
// command line writes; kAdd and kEdit as MergeForWrite says).
TEST_F(ReferenceTest, WriteGroupFromFields) {
  auto ref = Reference::Load(db_.get());
  ASSERT_TRUE(ref.ok()) << ref.status().message();
  auto members =
      WriteGroup(db_.get(), *ref, Fields{{"name", "Mekong"}, {"countries", "Laos, VNM, Cambodia"}}, WriteMode::kSet);
  ASSERT_TRUE(members.ok()) << members.status().message();
  EXPECT_EQ((std::vector<std::string>{"LAO", "VNM", "KHM"}), *members);
  EXPECT_EQ((std::vector<std::string>{"KHM", "LAO", "VNM"}), GetGroup(db_.get(), "Mekong")->AllMembers());
  EXPECT_EQ("group 'Mekong' already exists; use 'groups add'",
            WriteGroup(db_.get(), *ref, Fields{{"name", "Mekong"}, {"countries", "VNM"}}, WriteMode::kAdd)
                .status()
                .message());
  // An edit keeps the columns not given.
  ASSERT_TRUE(
      WriteGroup(db_.get(), *ref, Fields{{"name", "Mekong"}, {"description", "Mekong states"}}, WriteMode::kEdit).ok());
  auto g = GetGroup(db_.get(), "Mekong");
  EXPECT_EQ("Mekong states", g->description);
  EXPECT_EQ((std::vector<std::string>{"KHM", "LAO", "VNM"}), g->AllMembers());
  EXPECT_EQ("group 'Andes' is not recorded",
            WriteGroup(db_.get(), *ref, Fields{{"name", "Andes"}, {"countries", "PER"}}, WriteMode::kEdit)
                .status()
                .message());
  EXPECT_EQ(
      "a group needs a name",
      WriteGroup(db_.get(), *ref, Fields{{"name", " "}, {"countries", "VNM"}}, WriteMode::kSet).status().message());
  EXPECT_EQ(
      "'ASEAN' is a built-in group and cannot be changed",
      WriteGroup(db_.get(), *ref, Fields{{"name", "ASEAN"}, {"countries", "VNM"}}, WriteMode::kSet).status().message());
}

TEST_F(ReferenceTest, GroupTextMustBeUtf8OnOneLine) {
  EXPECT_EQ("group name: not valid UTF-8 (byte 0xe9 at byte 6)",
            DefineGroup(db_.get(), "Caf\xc3\xa9\xe9", "", {"VNM"}).message());
  EXPECT_EQ("group description: holds a control character (0x00 at byte 2)",
            DefineGroup(db_.get(), "Mekong", std::string_view("a\0b", 3), {"VNM"}).message());
  EXPECT_EQ(Status::Code::kNotFound, GetGroup(db_.get(), "Mekong").status().code());
  EXPECT_EQ("country alias: not valid UTF-8 (byte 0xf4 at byte 2)",
            AddCountryAlias(db_.get(), "C\xf4te", "CIV").message());
}

TEST_F(ReferenceTest, SchemaIsIdempotent) {
  ASSERT_TRUE(EnsureCoreSchema(db_.get()).ok());
  EXPECT_EQ(249, *db_->QueryInt("SELECT COUNT(*) FROM country"));
  EXPECT_EQ(8, *db_->QueryInt("SELECT COUNT(*) FROM target_cell"));
}

}  // namespace
}  // namespace bh
