// The PDF import end to end over the 89 real monthly reports in ../shared
// (skipped when absent): every month imports into one database and
// reconciles, exact figures come back out of the store, and for 31 Jan 2021
// and 31 Jan 2022 the per-country totals read from the PDFs equal the UN's
// ranking files for all 122 countries.
//
// The whole folder is imported once per test process (ctest runs this
// suite as one test: see the root CMakeLists.txt).
#include "ingest/pdf_import.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <mutex>

#include "base/clock.h"
#include "base/file_util.h"
#include "checks/plausibility.h"
#include "ingest/importer.h"
#include "pdf/test_pdf.h"
#include "store/contribution_store.h"
#include "store/schema.h"

namespace bh {
namespace {

namespace fs = std::filesystem;

std::string Raw() { return std::string(BLUEHELMET_SHARED_DIR) + "/data/raw"; }

struct Imported {
  std::unique_ptr<Db> db;
  std::vector<FileOutcome> outcomes;
};

Imported& All() {
  static Imported all;
  static std::once_flag once;
  std::call_once(once, [] {
    all.db = std::move(*OpenCoreStore(":memory:"));
    auto ref = Reference::Load(all.db.get());
    auto paths = ExpandImportPaths({Raw() + "/un_country_contributions_pdf"});
    ImportOptions options;
    all.outcomes = ImportFiles(all.db.get(), *ref, *paths, options, nullptr);
    // 2019-10 prints no date: it needs --month, and gets it here.
    options.month = Month{2019, 10};
    for (FileOutcome& o : all.outcomes) {
      if (o.path.ends_with("2019_10.pdf")) o = ImportFiles(all.db.get(), *ref, {o.path}, options, nullptr)[0];
    }
    auto ranks =
        ImportFiles(all.db.get(), *ref, {Raw() + "/Rank.csv", Raw() + "/odp_contributionranks.csv"}, {}, nullptr);
    all.outcomes.insert(all.outcomes.end(), ranks.begin(), ranks.end());
  });
  return all;
}

class RealPdfImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(Raw() + "/un_country_contributions_pdf")) GTEST_SKIP() << "no ../shared data";
  }
  int64_t Q(const std::string& sql) {
    auto v = All().db->QueryInt(sql);
    EXPECT_TRUE(v.ok()) << sql << ": " << v.status().message();
    return v.ok() ? *v : -1;
  }
};

TEST_F(RealPdfImportTest, EveryMonthImportsAndReconciles) {
  int pdfs = 0;
  for (const FileOutcome& o : All().outcomes) {
    EXPECT_EQ(FileOutcome::State::kImported, o.state) << o.path << ": " << o.status.message();
    if (o.kind != "un_pdf") continue;
    ++pdfs;
    // Families D (2019-09) and K (2024-10) print no totals at all.
    if (o.layout == "PDF family D" || o.layout == "PDF family K") {
      EXPECT_EQ("no totals printed", o.reconciliation) << o.path;
    } else {
      EXPECT_EQ(0u, o.reconciliation.rfind("reconciled: ", 0)) << o.path << ": " << o.reconciliation;
    }
  }
  EXPECT_EQ(89, pdfs);
  EXPECT_EQ(89, Q("SELECT COUNT(*) FROM month_source WHERE dataset = 'contribution'"));
  EXPECT_EQ(0, Q("SELECT COUNT(*) FROM import_mismatch"));
}

TEST_F(RealPdfImportTest, April2021FiguresComeBackExactly) {
  EXPECT_EQ(13, Q("SELECT women FROM current_contribution WHERE month = '2021-04' AND iso3 = 'VNM'"
                  " AND mission = 'UNMISS' AND ptype = 'TRP'"));
  EXPECT_EQ(49, Q("SELECT men FROM current_contribution WHERE month = '2021-04' AND iso3 = 'VNM'"
                  " AND mission = 'UNMISS' AND ptype = 'TRP'"));
  EXPECT_EQ(73371, Q("SELECT SUM(men) FROM current_contribution WHERE month = '2021-04'"));
  EXPECT_EQ(5617, Q("SELECT SUM(women) FROM current_contribution WHERE month = '2021-04'"));
  // Provenance: the page and line of the row in the report.
  EXPECT_EQ(29, Q("SELECT page FROM current_contribution WHERE month = '2021-04' AND iso3 = 'VNM'"
                  " AND mission = 'UNMISS' AND ptype = 'TRP'"));
}

// 2015-02: stub rows and empty subtotals stay out of the figures and are
// counted in the import's note.
TEST_F(RealPdfImportTest, February2015SumsAsPrintedAndNotesItsStubs) {
  EXPECT_EQ(100867, Q("SELECT SUM(men) FROM current_contribution WHERE month = '2015-02'"));
  EXPECT_EQ(4061, Q("SELECT SUM(women) FROM current_contribution WHERE month = '2015-02'"));
  EXPECT_EQ(1, Q("SELECT COUNT(*) FROM import WHERE file_name = 'UN_country_contributions_2015_02.pdf'"
                 " AND reconciliation = 'reconciled: 717 printed totals'"
                 " AND note LIKE 'kept out of the figures: 48 stub rows (first page 1 line %),"
                 " 5 empty mission subtotals (first page % line %)'"));
}

// The plausibility checks over every supplied month (docs/checks.md): the
// 2020-08 report's swapped rows are found from the figures alone, and the
// other 88 months give four findings.
TEST_F(RealPdfImportTest, PlausibilityChecksFindThe2020_08SwapsAndLittleElse) {
  EXPECT_EQ(112, Q("SELECT COUNT(*) FROM anomaly"));
  EXPECT_EQ(108, Q("SELECT COUNT(*) FROM anomaly WHERE month = '2020-08'"));
  EXPECT_EQ(100, Q("SELECT COUNT(*) FROM anomaly WHERE month = '2020-08' AND kind = 'sex_swapped'"));
  // 48 of the 51 contingent rows printed with 0 men; the other three hold
  // 2, 2 and 9 personnel, below the rule's 10.
  EXPECT_EQ(48, Q("SELECT COUNT(*) FROM anomaly WHERE month = '2020-08' AND kind = 'sex_swapped' AND ptype = 'TRP'"));
  EXPECT_EQ(1, Q("SELECT COUNT(*) FROM anomaly WHERE month = '2020-08' AND iso3 = 'CMR' AND mission = 'MINUSCA'"
                 " AND ptype = 'TRP' AND women = 748 AND men = 0 AND severity = 'high' AND page = 5 AND line = 10"));
  EXPECT_EQ(1, Q("SELECT COUNT(*) FROM anomaly WHERE month = '2020-08' AND kind = 'month_share_jump'"));
  // Outside 2020-08: Austria absent from UNIFIL in 2017-07, Egypt's FPU with
  // 136 women in 2019-01 only, Ghana's UNAMID police all men in 2021-01,
  // the United Kingdom absent from UNSOS in 2021-11.
  EXPECT_EQ(4, Q("SELECT COUNT(*) FROM anomaly WHERE month != '2020-08'"));
  // Months imported one by one (2019-10 last, between two checked months)
  // give what a check of every month at once gives.
  auto all = RecheckAllMonths(All().db.get());
  ASSERT_TRUE(all.ok()) << all.status().message();
  EXPECT_EQ(112u, all->found.size());
}

// Issue 11: with only 2020-07, 2020-08 and 2020-09 imported, 2020-08 was
// the only neighbour of 2020-07 and of 2020-09, and their ordinary rows of
// men looked swapped against its rows printed as women (14 findings in
// 2020-07, 15 in 2020-09). A lone neighbour is no evidence now: only
// 2020-08's findings remain, the same as over all 89 reports.
TEST(ThreeRealMonthsTest, OnlyThe2020_08SwapsAreFound) {
  const std::string dir = Raw() + "/un_country_contributions_pdf/";
  if (!fs::exists(dir)) GTEST_SKIP() << "no ../shared data";
  auto db = std::move(*OpenCoreStore(":memory:"));
  auto ref = Reference::Load(db.get());
  ASSERT_TRUE(ref.ok());
  std::vector<std::string> paths;
  for (const char* m : {"07", "08", "09"}) paths.push_back(dir + "UN_country_contributions_2020_" + m + ".pdf");
  for (const FileOutcome& o : ImportFiles(db.get(), *ref, paths, {}, nullptr)) {
    ASSERT_EQ(FileOutcome::State::kImported, o.state) << o.path << ": " << o.status.message();
  }
  auto q = [&](const std::string& sql) { return *db->QueryInt(sql); };
  EXPECT_EQ(0, q("SELECT COUNT(*) FROM anomaly WHERE month != '2020-08'"));
  EXPECT_EQ(108, q("SELECT COUNT(*) FROM anomaly WHERE month = '2020-08'"));
  EXPECT_EQ(100, q("SELECT COUNT(*) FROM anomaly WHERE kind = 'sex_swapped'"));
  EXPECT_EQ(48, q("SELECT COUNT(*) FROM anomaly WHERE kind = 'sex_swapped' AND ptype = 'TRP'"));
  EXPECT_EQ(1, q("SELECT COUNT(*) FROM anomaly WHERE iso3 = 'CMR' AND mission = 'MINUSCA' AND ptype = 'TRP'"
                 " AND women = 748 AND men = 0"));
  // Imported one by one, the months give what a check of all three at once gives.
  auto all = RecheckAllMonths(db.get());
  ASSERT_TRUE(all.ok()) << all.status().message();
  EXPECT_EQ(108u, all->found.size());
}

TEST_F(RealPdfImportTest, NoMissionAndNoSexSplitAreStoredAsSuch) {
  // Family C (2018-03 .. 2019-08): country x type, never an invented mission.
  EXPECT_EQ(0, Q("SELECT COUNT(*) FROM current_contribution WHERE month = '2019-06' AND mission IS NOT NULL"));
  EXPECT_GT(Q("SELECT COUNT(*) FROM current_contribution WHERE month = '2019-06'"), 300);
  // Family J (2023-09): totals without a sex split.
  EXPECT_EQ(0, Q("SELECT COUNT(*) FROM current_contribution WHERE month = '2023-09' AND women IS NOT NULL"));
  // "Bangladesh 56 333 37 152 6378 6956 30/09/2023": five types, then the total.
  EXPECT_EQ(6378,
            Q("SELECT total FROM current_contribution WHERE month = '2023-09' AND iso3 = 'BGD' AND ptype = 'TRP'"));
  EXPECT_EQ(6956, Q("SELECT SUM(total) FROM current_contribution WHERE month = '2023-09' AND iso3 = 'BGD'"));
}

// Issue 3, item 5: per-country totals of women and men read from the PDFs
// equal the ranking files for all 122 countries, matched by ISO code.
TEST_F(RealPdfImportTest, JanuaryTotalsEqualTheRankingFiles) {
  for (const char* month : {"2021-01", "2022-01"}) {
    std::string m = month;
    EXPECT_EQ(122, Q("SELECT COUNT(*) FROM current_country_total WHERE month = '" + m + "'"));
    EXPECT_EQ(0, Q("SELECT COUNT(*) FROM current_country_total t LEFT JOIN ("
                   " SELECT iso3, SUM(women) w, SUM(men) m FROM current_contribution WHERE month = '" +
                   m +
                   "' GROUP BY iso3) p ON p.iso3 = t.iso3"
                   " WHERE t.month = '" +
                   m + "' AND (p.w IS NOT t.women OR p.m IS NOT t.men)"))
        << month;
    EXPECT_EQ(122, Q("SELECT COUNT(DISTINCT iso3) FROM current_contribution WHERE month = '" + m + "'")) << month;
  }
}

// Family D cuts names at its column width; each is resolved and said so.
TEST_F(RealPdfImportTest, CutShortNamesAreResolvedAndNoted) {
  const FileOutcome* d = nullptr;
  for (const FileOutcome& o : All().outcomes) {
    if (o.path.ends_with("2019_09.pdf")) d = &o;
  }
  ASSERT_NE(nullptr, d);
  EXPECT_EQ(327, Q("SELECT total FROM current_contribution WHERE month = '2019-09' AND iso3 = 'KOR'"
                   " AND mission = 'UNIFIL' AND ptype = 'TRP'"));
  EXPECT_EQ(435, Q("SELECT total FROM current_contribution WHERE month = '2019-09' AND iso3 = 'TZA'"
                   " AND mission = 'MINUSCA' AND ptype = 'TRP'"));
  std::string notes;
  for (const std::string& n : d->notes) notes += n + "\n";
  EXPECT_NE(std::string::npos, notes.find("'Russian' -> RUS (cut short; the only country name that starts so)"))
      << notes;
  EXPECT_NE(std::string::npos, notes.find("'Republic of' -> KOR (the same report prints")) << notes;
  EXPECT_EQ(1, Q("SELECT COUNT(*) FROM import WHERE file_name = 'UN_country_contributions_2019_09.pdf'"
                 " AND note LIKE '%''United States of'' -> USA%'"));
}

TEST_F(RealPdfImportTest, ReimportChangesNothing) {
  auto ref = Reference::Load(All().db.get());
  int64_t before = Q("SELECT COUNT(*) FROM contribution");
  auto again = ImportFiles(All().db.get(), *ref,
                           {Raw() + "/un_country_contributions_pdf/UN_country_contributions_2021_04.pdf"}, {}, nullptr);
  EXPECT_EQ(FileOutcome::State::kAlreadyImported, again[0].state);
  EXPECT_EQ(before, Q("SELECT COUNT(*) FROM contribution"));
}

// The monthly `import FOLDER` (issue 16): every report imported before is
// found by its SHA-256 before it is read, so none is parsed again. 2019-10
// proves it: parsed, it fails without --month; hashed, it is already there.
TEST_F(RealPdfImportTest, ReimportingTheFolderParsesNoReportAgain) {
  auto ref = Reference::Load(All().db.get());
  int64_t before = Q("SELECT COUNT(*) FROM contribution");
  auto paths = ExpandImportPaths({Raw() + "/un_country_contributions_pdf"});
  ASSERT_TRUE(paths.ok());
  auto again = ImportFiles(All().db.get(), *ref, *paths, {}, nullptr);
  ASSERT_EQ(89u, again.size());
  for (const FileOutcome& o : again) {
    EXPECT_EQ(FileOutcome::State::kAlreadyImported, o.state) << o.path << ": " << o.status.message();
    EXPECT_EQ("un_pdf", o.kind) << o.path;
  }
  const FileOutcome& apr = again[std::find_if(again.begin(), again.end(),
                                              [](const FileOutcome& o) { return o.path.ends_with("2021_04.pdf"); }) -
                                 again.begin()];
  EXPECT_EQ(Q("SELECT id FROM import WHERE file_name = 'UN_country_contributions_2021_04.pdf'"), apr.import_id);
  EXPECT_EQ("reconciled: 23 printed totals", apr.reconciliation);
  EXPECT_EQ(before, Q("SELECT COUNT(*) FROM contribution"));
}

// A report known when the folder was listed but removed (by another
// process) before its turn to be written is read and imported after all.
TEST(PdfImportTest, AReportRemovedMeanwhileIsReadAfterAll) {
  std::string apr = Raw() + "/un_country_contributions_pdf/UN_country_contributions_2021_04.pdf";
  if (!fs::exists(apr)) GTEST_SKIP() << "no ../shared data";
  auto db = std::move(*OpenCoreStore(":memory:"));
  auto ref = *Reference::Load(db.get());
  FileOutcome first = ImportFiles(db.get(), ref, {apr}, {}, nullptr)[0];
  ASSERT_EQ(FileOutcome::State::kImported, first.state) << first.status.message();
  // The progress callback runs after the known hashes were read, before the file is written.
  auto remove = [&](size_t done, size_t, const std::string&) {
    if (done == 0) {
      ASSERT_TRUE(RemoveImport(db.get(), first.import_id).ok());
    }
  };
  FileOutcome second = ImportFiles(db.get(), ref, {apr}, {}, remove)[0];
  EXPECT_EQ(FileOutcome::State::kImported, second.state) << second.status.message();
  EXPECT_EQ(second.import_id, *db->QueryInt("SELECT id FROM import"));
  EXPECT_EQ(5617, *db->QueryInt("SELECT SUM(women) FROM current_contribution WHERE month = '2021-04'"));
}

// Without ../shared: bad bytes are one clear error and change nothing.
TEST(PdfImportTest, DamagedAndTruncatedFilesAreOneLineErrors) {
  auto db = std::move(*OpenCoreStore(":memory:"));
  auto ref = *Reference::Load(db.get());
  FileOutcome a = ImportBytes(db.get(), ref, "x.pdf", "%PDF-1.4\n garbage", {});
  EXPECT_EQ(FileOutcome::State::kFailed, a.state);
  EXPECT_EQ("x.pdf: damaged PDF: cannot be opened", a.status.message());
  EXPECT_EQ(0, *db->QueryInt("SELECT COUNT(*) FROM import"));
}

// A one-page report in the 2016-11 layout (family L).
pdf::testing::PdfPage Report2016_11(
    std::string title = "Summary of Contributions to Peackeeping by Country and Mission Detail",
    std::string year = "2016") {
  using pdf::testing::PdfPage;
  PdfPage p = {
      {150, 40, title},    {110, 52, "Police,UN Military Experts on Mission and Troops by End of November, " + year},
      {40, 80, "Country"}, {150, 80, "Mission"},
      {330, 80, "Male"},   {380, 80, "Female"},
      {440, 80, "Total"},  {20, 95, "1"},
      {40, 95, "Algeria"}, {150, 107, "MONUSCO"}};
  const char* types[] = {"Experts on Mission", "Contingent Troops", "Ind Police", "Formed Police Units"};
  const char* figures[][3] = {{"3", "0", "3"}, {"0", "0", "0"}, {"0", "0", "0"}, {"4", "1", "5"}};
  double y = 119;
  for (int i = 0; i < 4; ++i, y += 12) {
    p.insert(p.end(), {{160, y, types[i]}, {335, y, figures[i][0]}, {385, y, figures[i][1]}, {445, y, figures[i][2]}});
  }
  p.insert(p.end(), {{160, y, "Total for Mission"}, {335, y, "7"}, {385, y, "1"}, {445, y, "8"}});
  p.insert(p.end(), {{40, y + 20, "Grand Total"}, {445, y + 20, "8"}});
  return p;
}

// The 2016-11 layout, from SOURCES.md's description (no file supplied): a
// PDF of the project's own in that layout imports with its month taken from
// "by End of November, 2016", names resolved, zero rows counted in the note.
TEST(PdfImportTest, LayoutSeenOnceIn2016Imports) {
  auto db = std::move(*OpenCoreStore(":memory:"));
  auto ref = *Reference::Load(db.get());
  FileOutcome o = ImportBytes(db.get(), ref, "nov2016.pdf", pdf::testing::MakePdf({Report2016_11()}), {});
  ASSERT_EQ(FileOutcome::State::kImported, o.state) << o.status.message();
  EXPECT_EQ("PDF family L", o.layout);
  EXPECT_EQ("reconciled: 2 printed totals", o.reconciliation);
  EXPECT_EQ(1, *db->QueryInt("SELECT COUNT(*) FROM month_source WHERE month = '2016-11'"));
  EXPECT_EQ(5, *db->QueryInt("SELECT total FROM current_contribution WHERE month = '2016-11' AND iso3 = 'DZA'"
                             " AND mission = 'MONUSCO' AND ptype = 'FPU'"));
  EXPECT_EQ(1, *db->QueryInt("SELECT COUNT(*) FROM import WHERE note = 'kept out of the figures: 2 zero rows"
                             " (first page 1 line 7)'"));
}

// Identity, completeness and dates, end to end: each refused in one line,
// nothing written.
TEST(PdfImportTest, RetitledCutOrFutureReportsAreRefused) {
  using pdf::testing::MakePdf;
  auto db = std::move(*OpenCoreStore(":memory:"));
  auto ref = *Reference::Load(db.get());
  FileOutcome civ =
      ImportBytes(db.get(), ref, "civ.pdf",
                  MakePdf({Report2016_11("Summary of Civilian Staff by Country and Mission Detail")}), {});
  EXPECT_EQ(FileOutcome::State::kFailed, civ.state);
  EXPECT_EQ(
      "civ.pdf: not the UN's uniformed-personnel contribution report: the title is 'Summary of Civilian Staff "
      "by Country and Mission Detail Police,UN Military Experts on Mission and Troops by End of November, 2016', "
      "not one of the report's titles for layout family L",
      civ.status.message());

  pdf::testing::PdfPage one = Report2016_11(), three = Report2016_11();
  one.push_back({288, 760, "Page 1 of 3"});
  three.push_back({288, 760, "Page 3 of 3"});
  FileOutcome cut = ImportBytes(db.get(), ref, "cut.pdf", MakePdf({one, three}), {});
  EXPECT_EQ(FileOutcome::State::kFailed, cut.state);
  EXPECT_EQ("cut.pdf: pages missing: 2 of 3 (the report numbers its pages 'Page N of 3')", cut.status.message());

  FakeClock clock(1795000000);  // 2026-11-18
  ImportOptions opt;
  opt.clock = &clock;
  FileOutcome future = ImportBytes(db.get(), ref, "future.pdf",
                                   MakePdf({Report2016_11("Summary of Contributions to Peackeeping by Country and "
                                                          "Mission Detail",
                                                          "2099")}),
                                   opt);
  EXPECT_EQ(FileOutcome::State::kFailed, future.state);
  EXPECT_EQ("future.pdf: dated 2099-11-30, later than this month (2026-11): refused", future.status.message());
  EXPECT_EQ(0, *db->QueryInt("SELECT COUNT(*) FROM import"));
}

TEST_F(RealPdfImportTest, MonthFlagMustAgreeWithThePrintedDate) {
  auto ref = Reference::Load(All().db.get());
  std::string path = Raw() + "/un_country_contributions_pdf/UN_country_contributions_2021_04.pdf";
  auto bytes = ReadFile(path);
  ASSERT_TRUE(bytes.ok());
  auto r = PreparePdf(*bytes, "apr.pdf", *ref, Month{2021, 5}, false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ("apr.pdf: the report is as of 2021-04-30 but --month says 2021-05", r.status().message());
}

}  // namespace
}  // namespace bh
