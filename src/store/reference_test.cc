#include "store/reference.h"

#include <gtest/gtest.h>

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
      {"Viet Nam", "VNM"}, {"Vietnam", "VNM"}, {"Côte d'Ivoire", "CIV"}, {"Cote d’Ivoire", "CIV"},
      {"Iran (Islamic Republic of)", "IRN"}, {"Republic of Korea", "KOR"},
      {"United Republic of Tanzania", "TZA"}, {"Türkiye", "TUR"}, {"Turkey", "TUR"},
      {"United States of America", "USA"}, {"United  Kingdom of Great Britain\nand Northern Ireland", "GBR"},
      {"Bangladesh", "BGD"}, {"vnm", "VNM"}, {"Lao People's Democratic Republic", "LAO"},
      {"Democratic Republic of the Congo", "COD"}, {"Bolivia (Plurinational State of)", "BOL"},
  };
  for (const auto& c : cases) {
    auto r = ref->ResolveCountry(c.name);
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.status().message();
    EXPECT_EQ(c.iso3, *r) << c.name;
  }
  EXPECT_EQ("unknown country: 'Xanadu'", ref->ResolveCountry(" Xanadu ").status().message());
}

TEST_F(ReferenceTest, BuiltinGroups) {
  auto asean = GetGroup(db_.get(), "asean");
  ASSERT_TRUE(asean.ok());
  EXPECT_EQ(10u, asean->members.size());
  auto admm = GetGroup(db_.get(), "ADMM-Plus");
  ASSERT_TRUE(admm.ok());
  EXPECT_EQ(18u, admm->members.size());
  EXPECT_TRUE(admm->builtin);
  EXPECT_EQ("'ASEAN' is a built-in group and cannot be changed",
            DefineGroup(db_.get(), "ASEAN", "", {"VNM"}).message());
}

TEST_F(ReferenceTest, UserGroupsCanBeDefinedReplacedAndDeleted) {
  ASSERT_TRUE(DefineGroup(db_.get(), "Mekong", "Mekong states", {"KHM", "LAO", "THA", "VNM"}).ok());
  ASSERT_TRUE(DefineGroup(db_.get(), "mekong", "Mekong states", {"KHM", "VNM"}).ok());
  auto g = GetGroup(db_.get(), "MEKONG");
  ASSERT_TRUE(g.ok());
  EXPECT_EQ((std::vector<std::string>{"KHM", "VNM"}), g->members);
  ASSERT_TRUE(DeleteGroup(db_.get(), "Mekong").ok());
  EXPECT_EQ(Status::Code::kNotFound, GetGroup(db_.get(), "Mekong").status().code());
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
