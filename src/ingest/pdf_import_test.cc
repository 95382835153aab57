// The PDF import end to end over the 88 real monthly reports in ../shared
// (skipped when absent): every month imports into one database and
// reconciles, exact figures come back out of the store, and for 31 Jan 2021
// and 31 Jan 2022 the per-country totals read from the PDFs equal the UN's
// ranking files for all 122 countries.
//
// The whole folder is imported once per test process (ctest runs this
// suite as one test: see the root CMakeLists.txt).
#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>

#include "base/file_util.h"
#include "ingest/importer.h"
#include "ingest/pdf_import.h"
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
    auto ranks = ImportFiles(all.db.get(), *ref, {Raw() + "/Rank.csv", Raw() + "/odp_contributionranks.csv"}, {}, nullptr);
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
  EXPECT_EQ(88, pdfs);
  EXPECT_EQ(88, Q("SELECT COUNT(*) FROM month_source WHERE dataset = 'contribution'"));
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

TEST_F(RealPdfImportTest, NoMissionAndNoSexSplitAreStoredAsSuch) {
  // Family C (2018-03 .. 2019-08): country x type, never an invented mission.
  EXPECT_EQ(0, Q("SELECT COUNT(*) FROM current_contribution WHERE month = '2019-06' AND mission IS NOT NULL"));
  EXPECT_GT(Q("SELECT COUNT(*) FROM current_contribution WHERE month = '2019-06'"), 300);
  // Family J (2023-09): totals without a sex split.
  EXPECT_EQ(0, Q("SELECT COUNT(*) FROM current_contribution WHERE month = '2023-09' AND women IS NOT NULL"));
  // "Bangladesh 56 333 37 152 6378 6956 30/09/2023": five types, then the total.
  EXPECT_EQ(6378, Q("SELECT total FROM current_contribution WHERE month = '2023-09' AND iso3 = 'BGD' AND ptype = 'TRP'"));
  EXPECT_EQ(6956, Q("SELECT SUM(total) FROM current_contribution WHERE month = '2023-09' AND iso3 = 'BGD'"));
}

// Issue 3, item 5: per-country totals of women and men read from the PDFs
// equal the ranking files for all 122 countries, matched by ISO code.
TEST_F(RealPdfImportTest, JanuaryTotalsEqualTheRankingFiles) {
  for (const char* month : {"2021-01", "2022-01"}) {
    std::string m = month;
    EXPECT_EQ(122, Q("SELECT COUNT(*) FROM current_country_total WHERE month = '" + m + "'"));
    EXPECT_EQ(0, Q("SELECT COUNT(*) FROM current_country_total t LEFT JOIN ("
                   " SELECT iso3, SUM(women) w, SUM(men) m FROM current_contribution WHERE month = '" + m +
                   "' GROUP BY iso3) p ON p.iso3 = t.iso3"
                   " WHERE t.month = '" + m + "' AND (p.w IS NOT t.women OR p.m IS NOT t.men)"))
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
  EXPECT_NE(std::string::npos, notes.find("'Russian' -> RUS (cut short; the only country name that starts so)")) << notes;
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

// Without ../shared: bad bytes are one clear error and change nothing.
TEST(PdfImportTest, DamagedAndTruncatedFilesAreOneLineErrors) {
  auto db = std::move(*OpenCoreStore(":memory:"));
  auto ref = *Reference::Load(db.get());
  FileOutcome a = ImportBytes(db.get(), ref, "x.pdf", "%PDF-1.4\n garbage", {});
  EXPECT_EQ(FileOutcome::State::kFailed, a.state);
  EXPECT_EQ("x.pdf: damaged PDF: cannot be opened", a.status.message());
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
