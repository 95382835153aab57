#include "views/figure_filter_options.h"

#include <gtest/gtest.h>

#include "store/schema.h"

namespace bh {
namespace {

class FigureFilterOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    ref_ = std::make_unique<Reference>(std::move(*Reference::Load(db_.get())));
  }
  Result<ParsedFigureFilter> Parse(const FigureFilterTexts& t, FilterSyntax s = FilterSyntax::kCommandLine) {
    return ParseFigureFilter(db_.get(), *ref_, t, s);
  }
  std::string Error(const FigureFilterTexts& t, FilterSyntax s = FilterSyntax::kCommandLine) {
    auto r = Parse(t, s);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return "";
    EXPECT_EQ(Status::Code::kInvalidArgument, r.status().code()) << r.status().message();
    return r.status().message();
  }
  std::unique_ptr<Db> db_;
  std::unique_ptr<Reference> ref_;
};

TEST_F(FigureFilterOptionsTest, EveryFilterResolves) {
  FigureFilterTexts t;
  t.mission = "unmiss, MINUSCA";
  t.from = "2020-07";
  t.to = "2020-09";
  t.category = "contingents,mo_so";
  t.type = "Troops,SO";
  t.countries = "Viet Nam,jpn";
  t.group = "asean";
  auto p = Parse(t);
  ASSERT_TRUE(p.ok()) << p.status().message();
  const FigureFilter& f = p->filter;
  EXPECT_EQ((std::vector<std::string>{"UNMISS", "MINUSCA"}), f.missions);
  EXPECT_EQ((Month{2020, 7}), *f.from);
  EXPECT_EQ((Month{2020, 9}), *f.to);
  EXPECT_EQ((std::vector<Category>{Category::kContingents, Category::kObserversStaff}), f.categories);
  EXPECT_EQ((std::vector<PersonnelType>{PersonnelType::kTroops, PersonnelType::kStaffOfficer}), f.types);
  EXPECT_EQ((std::vector<std::string>{"VNM", "JPN"}), f.countries);
  EXPECT_EQ("ASEAN", f.group);
  EXPECT_FALSE(p->all_categories);
  EXPECT_EQ(7u, p->given.size());
  EXPECT_EQ(
      "missions UNMISS, MINUSCA, 2020-07 to 2020-09, Contingents, Observers & staff officers, Troops, "
      "Staff Officer, Viet Nam, Japan, ASEAN",
      DescribeFilter(*ref_, *p));
}

TEST_F(FigureFilterOptionsTest, NothingGivenNarrowsNothing) {
  auto p = Parse({});
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->filter.NarrowsRows());
  EXPECT_FALSE(p->all_categories);
  EXPECT_TRUE(p->given.empty());
  EXPECT_EQ("", DescribeFilter(*ref_, *p));
}

TEST_F(FigureFilterOptionsTest, CategoryAllStandsAlone) {
  FigureFilterTexts t;
  t.category = "ALL";
  auto p = Parse(t);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->all_categories);
  EXPECT_TRUE(p->filter.categories.empty());
  EXPECT_EQ("all uniformed personnel", DescribeFilter(*ref_, *p));
  t.category = "all,fpu";
  EXPECT_EQ("--category: 'all' (every personnel type summed) stands alone; give it or categories, not both", Error(t));
  t.category = "all";
  t.type = "TRP";
  EXPECT_EQ("--type cannot be combined with --category all (all sums every personnel type)", Error(t));
}

TEST_F(FigureFilterOptionsTest, ErrorsNameTheFilterInEachSyntax) {
  FigureFilterTexts t;
  t.mission = "unmisz";
  EXPECT_EQ("--mission: unknown mission 'unmisz' (nearest: UNMIS, UNMISS, UNMIK)", Error(t));
  EXPECT_EQ(0u, Error(t, FilterSyntax::kApi).find("mission: unknown mission 'unmisz' (nearest: UNMIS, UNMISS, UNMIK)"));
  t = {};
  t.from = "2021-13";
  EXPECT_EQ("--from: '2021-13' is not a month (want YYYY-MM)", Error(t));
  t.from = "2021-02";
  t.to = "2021-01";
  EXPECT_EQ("--from 2021-02 is after --to 2021-01", Error(t));
  EXPECT_EQ("from 2021-02 is after to 2021-01", Error(t, FilterSyntax::kApi));
  t = {};
  t.category = "troops";
  EXPECT_EQ("--category: 'troops' is not one of contingents, mo_so, fpu, ipo, jc, all", Error(t));
  t = {};
  t.type = "police";
  EXPECT_EQ(
      "--type: 'police' is not one of TRP (Troops), SO (Staff Officer), EOM (Experts on Mission), FPU (Formed "
      "Police Units), IPO (Individual Police)",
      Error(t));
  t.category = "contingents";
  t.type = "FPU";
  EXPECT_EQ("--type FPU is in the category fpu, not in --category contingents", Error(t));
  t = {};
  t.countries = "Indonsia";
  EXPECT_EQ("--countries: unknown country: 'Indonsia' (did you mean Indonesia (IDN)?)", Error(t));
  t = {};
  t.group = "Mercosur";
  EXPECT_EQ(0u, Error(t).find("--group: unknown group: 'Mercosur' (known: "));
  EXPECT_EQ(0u, Error(t, FilterSyntax::kApi).find("group: unknown group: 'Mercosur' (known: "));
}

TEST_F(FigureFilterOptionsTest, RefuseFiltersNamesTheFirstRefusedOne) {
  FigureFilterTexts t;
  t.group = "ASEAN";
  t.from = "2020-01";
  auto p = Parse(t);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(RefuseFilters(*p, {"mission"}, FilterSyntax::kCommandLine, "top", "x").ok());
  Status s =
      RefuseFilters(*p, {"from", "to"}, FilterSyntax::kCommandLine, "scorecard", "it scores one month (--month)");
  EXPECT_EQ(Status::Code::kInvalidArgument, s.code());
  EXPECT_EQ("scorecard: --from has no meaning here: it scores one month (--month)", s.message());
}

TEST_F(FigureFilterOptionsTest, TextsByName) {
  FigureFilterTexts t;
  for (std::string_view name : kFigureFilterNames) *t.Field(name) = std::string(name) + "!";
  EXPECT_EQ("mission!", t.mission);
  EXPECT_EQ("group!", t.group);
  EXPECT_EQ(nullptr, t.Field("month"));
  EXPECT_EQ(7u, t.Given().size());
  FigureFilterTexts q = FigureFilterTextsFrom(
      [](std::string_view name) { return name == "to" ? std::string("2020-09") : std::string(); });
  EXPECT_EQ("2020-09", q.to);
  EXPECT_EQ(std::vector<std::string_view>{"to"}, q.Given());
}

}  // namespace
}  // namespace bh
