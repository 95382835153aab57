#include "store/errata.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <tuple>

#include "base/file_util.h"
#include "base/strings.h"
#include "store/contribution_store.h"
#include "store/schema.h"
#include "store/test_data.h"

namespace bh {
namespace {

class ErrataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    ImportSession s(db_.get(), {"aug.csv", "aug.csv", "sha-aug", "un_gender_csv", "", false});
    ASSERT_TRUE(s.status().ok());
    auto row = [](std::string iso3, int64_t women, int64_t men, int line) {
      return testing::MakeRow({2020, 8, 31}, std::move(iso3), "MINUSCA", PersonnelType::kTroops, women, men, line);
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
    ASSERT_TRUE(
        s.AddContribution(testing::MakeRow({2020, 8, 31}, iso3, "MINUSCA", PersonnelType::kTroops, women, men, 2))
            .ok());
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

constexpr char kHeader[] =
    "Id,Month,ISO3,Mission,Type,Printed women,Printed men,Women,Men,Reason,Evidence,Author,Created,Applied\n";
constexpr char kCmrRow[] =
    "E-2020-08-CMR-MINUSCA-TRP,2020-08,CMR,MINUSCA,TRP,748,0,0,748,swapped,page 5 line "
    "10,maker,2026-01-01T00:00:00Z,yes\n";
// A month this database does not have.
constexpr char kGhaRow[] =
    "E-2021-01-GHA-UNAMID-IPO,2021-01,GHA,UNAMID,IPO,0,15,12,3,swapped,page 9 line 4,maker,2026-01-01T00:00:00Z,no\n";

// Issue 11: the shipped errata load by themselves, once per content, with
// the file's name and SHA-256 as their source; a correction whose month is
// not imported waits, inactive.
TEST_F(ErrataTest, ShippedErrataLoadOnceWithTheirSource) {
  const std::string csv = std::string(kHeader) + kCmrRow + kGhaRow;
  std::vector<ShippedErrataFile> files = {{"data/errata/x.csv", csv}};
  auto added = LoadShippedErrata(db_.get(), files);
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(2, *added);
  EXPECT_EQ(748, Q("SELECT men FROM current_contribution WHERE iso3 = 'CMR'"));
  EXPECT_EQ(1, Q("SELECT COUNT(*) FROM month_figures_corrected"));
  auto list = ListErrata(db_.get(), std::nullopt);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(2u, list->size());
  EXPECT_EQ("E-2020-08-CMR-MINUSCA-TRP", (*list)[0].id);
  EXPECT_TRUE((*list)[0].applied);
  EXPECT_EQ("data/errata/x.csv (sha256 " + Sha256Hex(csv) + ")", (*list)[0].source);
  EXPECT_EQ("E-2021-01-GHA-UNAMID-IPO", (*list)[1].id);
  EXPECT_FALSE((*list)[1].applied);
  EXPECT_FALSE((*list)[1].month_imported);
  // Again: nothing added, nothing changed.
  EXPECT_EQ(0, *LoadShippedErrata(db_.get(), files));
  EXPECT_EQ(2, Q("SELECT COUNT(*) FROM erratum"));
  EXPECT_EQ(1, Q("SELECT COUNT(*) FROM erratum_shipped_file"));
  EXPECT_EQ(2, Q("SELECT added FROM erratum_shipped_file"));
}

// A shipped correction a user removed never comes back, not even from a
// later version of the file; the version's new corrections do.
TEST_F(ErrataTest, ARemovedShippedCorrectionStaysRemoved) {
  ASSERT_TRUE(LoadShippedErrata(db_.get(), {{"data/errata/x.csv", std::string(kHeader) + kCmrRow}}).ok());
  ASSERT_TRUE(RemoveErratum(db_.get(), "E-2020-08-CMR-MINUSCA-TRP").ok());
  EXPECT_EQ(0, Q("SELECT men FROM current_contribution WHERE iso3 = 'CMR'"));
  EXPECT_EQ("E-2020-08-CMR-MINUSCA-TRP", Text("SELECT id FROM erratum_removed"));
  EXPECT_EQ(0, *LoadShippedErrata(db_.get(), {{"data/errata/x.csv", std::string(kHeader) + kCmrRow}}));
  auto added = LoadShippedErrata(db_.get(), {{"data/errata/x.csv", std::string(kHeader) + kCmrRow + kGhaRow}});
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(1, *added);
  EXPECT_EQ(0, Q("SELECT COUNT(*) FROM erratum WHERE iso3 = 'CMR'"));
  EXPECT_EQ(1, Q("SELECT COUNT(*) FROM erratum WHERE iso3 = 'GHA'"));
  // A correction made in this database is not remembered when removed.
  ASSERT_TRUE(AddErratum(db_.get(), Swap()).ok());
  ASSERT_TRUE(RemoveErratum(db_.get(), "E-2020-08-CMR-MINUSCA-TRP").ok());
  EXPECT_EQ(1, Q("SELECT COUNT(*) FROM erratum_removed"));
}

// What the database has stands: the same correction imported by hand before
// becomes the shipped one; a user's own correction of the cell is kept.
TEST_F(ErrataTest, ShippedErrataKeepWhatTheDatabaseHas) {
  ASSERT_TRUE(AddErratum(db_.get(), Swap()).ok());  // 748 women -> 748 men, by hand
  const std::string row = "E-2020-08-CMR-MINUSCA-TRP,2020-08,CMR,MINUSCA,TRP,748,0,0,748,r,e,a,,\n";
  ASSERT_EQ(0, *LoadShippedErrata(db_.get(), {{"a.csv", std::string(kHeader) + row}}));
  EXPECT_EQ("a.csv (sha256 " + Sha256Hex(std::string(kHeader) + row) + ")",
            Text("SELECT source FROM erratum WHERE id = 'E-2020-08-CMR-MINUSCA-TRP'"));
  ASSERT_TRUE(RemoveErratum(db_.get(), "E-2020-08-CMR-MINUSCA-TRP").ok());
  Erratum own = Swap();
  own.women = 71;  // the user's own figures for the cell
  own.men = 677;
  ASSERT_TRUE(AddErratum(db_.get(), own).ok());
  const std::string other = "E-2020-08-CMR-MINUSCA-TRP-2,2020-08,CMR,MINUSCA,TRP,748,0,0,748,r,e,a,,\n";
  ASSERT_EQ(0, *LoadShippedErrata(db_.get(), {{"b.csv", std::string(kHeader) + other}}));
  EXPECT_EQ(71, Q("SELECT women FROM current_contribution WHERE iso3 = 'CMR'"));
  EXPECT_EQ("", Text("SELECT COALESCE(source, '') FROM erratum"));
}

// `errata add`: the fields of the command line, through the one write path;
// the printed figures are read from the source, the country may be a name.
TEST_F(ErrataTest, WriteErratumAddsFromFieldsAndRefusesACorrectedCell) {
  auto ref = Reference::Load(db_.get());
  ASSERT_TRUE(ref.ok()) << ref.status().message();
  const Fields given{{"Month", "2020-08"}, {"ISO3", "Cameroon"}, {"Mission", "MINUSCA"}, {"Type", "Troops"},
                     {"Women", "0"},       {"Men", "748"},       {"Reason", "swap"},     {"Author", "test"}};
  auto written = WriteErratum(db_.get(), *ref, given, WriteMode::kAdd);
  ASSERT_TRUE(written.ok()) << written.status().message();
  EXPECT_EQ("E-2020-08-CMR-MINUSCA-TRP", written->id);
  EXPECT_EQ(748, written->printed_women);
  EXPECT_EQ(0, written->printed_men);
  EXPECT_EQ(748, Q("SELECT men FROM current_contribution WHERE iso3 = 'CMR'"));
  Status again = WriteErratum(db_.get(), *ref, given, WriteMode::kAdd).status();
  EXPECT_EQ(
      "2020-08 CMR MINUSCA Troops: correction E-2020-08-CMR-MINUSCA-TRP already exists; use 'errata remove "
      "E-2020-08-CMR-MINUSCA-TRP'",
      again.message());
  EXPECT_EQ(Status::Code::kInvalidArgument, WriteErratum(db_.get(), *ref, given, WriteMode::kEdit).status().code());
  Fields bad = given;
  bad.Set("Mission", "-");
  EXPECT_EQ("2020-08 CMR - Troops: no such cell in the month's current source",
            WriteErratum(db_.get(), *ref, bad, WriteMode::kAdd).status().message());
  bad.Set("Mission", "MINUSCA");
  bad.Set("ISO3", "RWA");
  bad.Set("Women", "none");
  EXPECT_EQ("column 'Women': not a whole number: 'none'",
            WriteErratum(db_.get(), *ref, bad, WriteMode::kAdd).status().message());
  EXPECT_EQ(1, Q("SELECT COUNT(*) FROM erratum"));
}

TEST_F(ErrataTest, FieldsRoundTrip) {
  Erratum e = Swap();
  e.id = "E-1";
  e.mission = "";
  Fields f = ErratumFields(e);
  EXPECT_EQ("-", f.Get("Mission"));
  EXPECT_EQ("748", f.Get("Printed women"));
  auto back = ErratumFromFields(f);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ("E-1", back->id);
  EXPECT_EQ("", back->mission);
  EXPECT_EQ(748, back->men);
  EXPECT_EQ("men printed in the Female column", back->reason);
  EXPECT_EQ(ErratumFields(*back), f);
}

TEST_F(ErrataTest, BadShippedFilesNameTheirLineAndChangeNothing) {
  auto bad = LoadShippedErrata(
      db_.get(), {{"x.csv", std::string(kHeader) + kCmrRow +
                                "E-2020-08-RWA-MINUSCA-TRP,2020-08,RWA,MINUSCA,TRP,100,900,many,0,r,e,a,,\n"}});
  EXPECT_EQ("x.csv:3: column 'Women': not a whole number: 'many'", bad.status().message());
  EXPECT_EQ(0, Q("SELECT COUNT(*) FROM erratum"));
  EXPECT_EQ(0, Q("SELECT COUNT(*) FROM erratum_shipped_file"));
  bad = LoadShippedErrata(db_.get(), {{"y.csv", "Id,Month\nE-1,2020-08\n"}});
  EXPECT_EQ("y.csv:1: missing column 'ISO3' in a corrections file", bad.status().message());
  bad = LoadShippedErrata(db_.get(), {{"u.csv", std::string(kHeader) + "E-x,2020-08\n"}});
  EXPECT_EQ("u.csv:2: expected 14 fields, found 2", bad.status().message());
  bad = LoadShippedErrata(db_.get(), {{"v.csv", "Id,Colour\nE-1,red\n"}});
  EXPECT_EQ(
      "v.csv:1: not an errata file: want a header with exactly one of Month (corrections) (see "
      "docs/checks.md)",
      bad.status().message());
  bad = LoadShippedErrata(db_.get(),
                          {{"z.csv", std::string(kHeader) + "E-x,2020-08,CMR,MINUSCA,TRP,748,0,0,748,,e,a,,\n"}});
  EXPECT_EQ("z.csv:2: a correction needs a reason (--reason)", bad.status().message());
  EXPECT_EQ(0, Q("SELECT COUNT(*) FROM erratum"));
}

// A read-only database that has not loaded a shipped file says so, as one
// that needs a migration does; once loaded, it opens read-only.
TEST(ShippedErrataTest, AReadOnlyDatabaseThatHasNotLoadedThemSaysSo) {
  std::string path = (std::filesystem::path(::testing::TempDir()) / "bh_errata_read_only.db").string();
  std::filesystem::remove(path);
  const std::string csv = std::string(kHeader) + kGhaRow;
  std::vector<ShippedErrataFile> files = {{"x.csv", csv}};
  { ASSERT_TRUE(OpenCoreStore(path).ok()); }
  {
    auto db = Db::Open(path, OpenMode::kReadOnly);
    ASSERT_TRUE(db.ok()) << db.status().message();
    auto loaded = LoadShippedErrata(db->get(), files);
    EXPECT_EQ(Status::Code::kInvalidData, loaded.status().code());
    EXPECT_EQ(path + ": the database has not loaded the corrections shipped in x.csv (sha256 " +
                  Sha256Hex(files[0].csv) +
                  "), and it is open read-only; run a command that writes (e.g. 'bluehelmet months') once with "
                  "write access",
              loaded.status().message());
  }
  {
    auto db = OpenCoreStore(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(LoadShippedErrata(db->get(), files).ok());
  }
  auto db = Db::Open(path, OpenMode::kReadOnly);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(0, *LoadShippedErrata(db->get(), files));
  std::filesystem::remove(path);
}

// The binary holds data/errata/ byte for byte: the SHA-256 a correction
// names as its source is the data file's.
TEST(ShippedErrataTest, TheBinaryHoldsTheDataFilesExactly) {
  std::vector<ShippedErrataFile> files = ShippedErrataFiles();
  ASSERT_EQ(1u, files.size());
  EXPECT_EQ("data/errata/un_2020_08_sex_swaps.csv", files[0].name);
  auto on_disk = ReadFile(std::string(BLUEHELMET_SOURCE_DIR) + "/data/errata/un_2020_08_sex_swaps.csv");
  ASSERT_TRUE(on_disk.ok()) << on_disk.status().message();
  EXPECT_EQ(Sha256Hex(*on_disk), Sha256Hex(files[0].csv));
  EXPECT_EQ(on_disk->size(), files[0].csv.size());
  // The build's SHA-256, used instead of hashing at every open, is the file's.
  EXPECT_EQ(Sha256Hex(*on_disk), files[0].sha256);
}

}  // namespace
}  // namespace bh
