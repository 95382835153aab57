#include "store/errata.h"

#include <gtest/gtest.h>

#include <tuple>

#include "store/contribution_store.h"
#include "store/schema.h"

namespace bh {
namespace {

class ErrataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    ImportSession s(db_.get(), {"aug.csv", "aug.csv", "sha-aug", "un_gender_csv", "", false});
    ASSERT_TRUE(s.status().ok());
    auto row = [](std::string iso3, int64_t women, int64_t men, int line) {
      ContributionRow r;
      r.line = line;
      r.report_date = Date{2020, 8, 31};
      r.iso3 = std::move(iso3);
      r.mission = "MINUSCA";
      r.type = PersonnelType::kTroops;
      r.women = women;
      r.men = men;
      r.total = women + men;
      return r;
    };
    ASSERT_TRUE(s.AddContribution(row("CMR", 748, 0, 2)).ok());
    ASSERT_TRUE(s.AddContribution(row("RWA", 100, 900, 3)).ok());
    ASSERT_TRUE(s.Commit("no totals printed").ok());
  }
  int64_t Q(const std::string& sql) { return *db_->QueryInt(sql); }
  std::string Text(const std::string& sql) {
    auto st = db_->Prepare(sql);
    if (!st.ok()) return "";
    auto row = st->Step();
    if (!row.ok() || !*row) return "";
    return st->Text(0);
  }
  Erratum Swap() {
    Erratum e;
    e.month = {2020, 8};
    e.iso3 = "CMR";
    e.mission = "MINUSCA";
    e.type = PersonnelType::kTroops;
    e.printed_women = 748;
    e.printed_men = 0;
    e.women = 0;
    e.men = 748;
    e.reason = "men printed in the Female column";
    e.evidence = "2020-07: 675 men, 71 women";
    e.author = "test";
    return e;
  }
  std::unique_ptr<Db> db_;
};

TEST_F(ErrataTest, CorrectedByDefaultAsPrintedOnRequest) {
  ASSERT_TRUE(AddErratum(db_.get(), Swap()).ok());
  EXPECT_EQ(748, Q("SELECT men FROM current_contribution WHERE iso3 = 'CMR'"));
  EXPECT_EQ("E-2020-08-CMR-MINUSCA-TRP", Text("SELECT erratum FROM current_contribution WHERE iso3 = 'CMR'"));
  EXPECT_EQ(0, Q("SELECT men FROM contribution WHERE iso3 = 'CMR'"));  // as printed, kept
  EXPECT_EQ(1, Q("SELECT COUNT(*) FROM month_figures_corrected"));
  auto corrected = CorrectionsIn(db_.get(), {2020, 8});
  ASSERT_TRUE(corrected.ok());
  EXPECT_EQ(1, corrected->cells);
  // This connection from now on: as printed.
  ASSERT_TRUE(UseFiguresAsPrinted(db_.get()).ok());
  EXPECT_EQ(0, Q("SELECT men FROM current_contribution WHERE iso3 = 'CMR'"));
  EXPECT_EQ(0, CorrectionsIn(db_.get(), {2020, 8})->cells);
  EXPECT_EQ(1, Q("SELECT COUNT(*) FROM figures_in_use"));
}

TEST_F(ErrataTest, ACorrectionMustFindWhatItCorrects) {
  Erratum e = Swap();
  e.printed_women = 747;
  Status st = AddErratum(db_.get(), e);
  EXPECT_EQ("2020-08 CMR MINUSCA Troops: the current source prints 748 women and 0 men, not 747 and 0", st.message());
  e = Swap();
  e.iso3 = "VNM";
  EXPECT_EQ(Status::Code::kNotFound, AddErratum(db_.get(), e).code());
  ASSERT_TRUE(AddErratum(db_.get(), Swap()).ok());
  EXPECT_EQ("2020-08 CMR MINUSCA Troops: already corrected by E-2020-08-CMR-MINUSCA-TRP",
            AddErratum(db_.get(), Swap()).message());
  e = Swap();
  e.reason = "";
  EXPECT_EQ(Status::Code::kInvalidArgument, AddErratum(db_.get(), e).code());
}

TEST_F(ErrataTest, RemovingACorrectionRestoresThePrintedFigures) {
  ASSERT_TRUE(AddErratum(db_.get(), Swap()).ok());
  ASSERT_TRUE(RemoveErratum(db_.get(), "E-2020-08-CMR-MINUSCA-TRP").ok());
  EXPECT_EQ(0, Q("SELECT men FROM current_contribution WHERE iso3 = 'CMR'"));
  EXPECT_EQ(0, Q("SELECT COUNT(*) FROM month_figures_corrected"));
  EXPECT_EQ(Status::Code::kNotFound, RemoveErratum(db_.get(), "E-x").code());
}

// A newer file that prints other figures for the cell is not corrected by
// a correction made against the old one.
TEST_F(ErrataTest, ANewSourceWithOtherFiguresIsNotCorrected) {
  ASSERT_TRUE(AddErratum(db_.get(), Swap()).ok());
  ImportSession s(db_.get(), {"aug2.csv", "aug2.csv", "sha-aug2", "un_gender_csv", "", false});
  for (auto [iso3, women, men] : {std::tuple<const char*, int64_t, int64_t>{"CMR", 71, 677}, {"RWA", 100, 900}}) {
    ContributionRow r;
    r.line = 2;
    r.report_date = Date{2020, 8, 31};
    r.iso3 = iso3;
    r.mission = "MINUSCA";
    r.type = PersonnelType::kTroops;
    r.women = women;
    r.men = men;
    r.total = women + men;
    ASSERT_TRUE(s.AddContribution(r).ok());
  }
  ASSERT_TRUE(s.Commit("no totals printed").ok());
  EXPECT_EQ(71, Q("SELECT women FROM current_contribution WHERE iso3 = 'CMR'"));
  EXPECT_EQ(0, Q("SELECT COUNT(*) FROM current_contribution WHERE erratum IS NOT NULL"));
  EXPECT_EQ(0, Q("SELECT COUNT(*) FROM month_figures_corrected"));
  auto list = ListErrata(db_.get(), std::nullopt);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(1u, list->size());
  EXPECT_FALSE((*list)[0].applied);
}

}  // namespace
}  // namespace bh
