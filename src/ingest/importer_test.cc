#include "ingest/importer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "base/clock.h"
#include "ingest/un_csv.h"
#include "sample/generator.h"
#include "store/schema.h"

namespace bh {
namespace {

constexpr char kHeader[] =
    "Contribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_Acronym,Personnel_Type,Female_Personnel,"
    "Male_Personnel,Last_Reporting_Date\n";

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*OpenCoreStore(":memory:"));
    ref_ = std::make_unique<Reference>(*Reference::Load(db_.get()));
  }
  FileOutcome Import(const std::string& name, const std::string& body, ImportOptions opt = {}) {
    return ImportBytes(db_.get(), *ref_, name, std::string(kHeader) + body, opt);
  }
  int64_t Count(const char* sql) { return *db_->QueryInt(sql); }
  std::unique_ptr<Db> db_;
  std::unique_ptr<Reference> ref_;
};

TEST_F(ImporterTest, ImportIsIdempotent) {
  std::string body = "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n";
  FileOutcome a = Import("a.csv", body);
  ASSERT_EQ(FileOutcome::State::kImported, a.state) << a.status.message();
  EXPECT_EQ(1, a.rows);
  FileOutcome b = Import("a-copy.csv", body);
  EXPECT_EQ(FileOutcome::State::kAlreadyImported, b.state);
  EXPECT_EQ(a.import_id, b.import_id);
  EXPECT_EQ(1, Count("SELECT COUNT(*) FROM contribution"));
  EXPECT_EQ(1, Count("SELECT COUNT(*) FROM import"));
}

// A row dated after this month would become the default month of every
// command: the file is refused with the line, and nothing is written.
// The checks made while the file is read (checks/file_checks.h) are the
// store's own: the same findings as checking every month from the store.
TEST_F(ImporterTest, ChecksMadeWhileReadingAreTheStoresOwn) {
  std::string body;
  int id = 0;
  for (int m = 1; m <= 12; ++m) {
    const bool swapped = m == 6;
    body += fmt::format("{},CMR,120,Cameroon,MINUSCA,Troops,{},{},28/{:02}/2020\n", ++id, swapped ? 748 : 71,
                        swapped ? 0 : 675, m);
    // Indonesia is missing from 2020-09 only.
    if (m != 9) body += fmt::format("{},IDN,360,Indonesia,UNIFIL,Troops,30,1200,28/{:02}/2020\n", ++id, m);
  }
  ImportChecks checks;
  FileOutcome o = ImportBytes(db_.get(), *ref_, "year.csv", std::string(kHeader) + body, {}, &checks);
  ASSERT_EQ(FileOutcome::State::kImported, o.state) << o.status.ToString();
  ASSERT_TRUE(o.checked_ahead);
  EXPECT_EQ(12u, o.checked_ahead->months.size());
  EXPECT_EQ(12u, checks.months.size());
  auto described = [](const std::vector<Anomaly>& found) {
    std::vector<std::string> out;
    for (const Anomaly& a : found) {
      out.push_back(fmt::format("{} {} {} {} {}:{} {}", a.month.ToString(), KindCode(a.kind), a.iso3, a.mission,
                                a.import_id, a.line, a.summary));
    }
    return out;
  };
  Result<RecheckSummary> again = RecheckAllMonths(db_.get());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(described(again->found), described(checks.found));
  ASSERT_EQ(4u, checks.found.size()) << fmt::format("{}", fmt::join(described(checks.found), "\n"));
  EXPECT_EQ(
      "2020-06 sex_swapped CMR MINUSCA 1:12 CMR MINUSCA Troops: 0 men, 748 women printed; 2020-05: 675 men, "
      "71 women; 2020-07: 675 men, 71 women (the sexes look swapped)",
      described(checks.found)[0]);
  EXPECT_EQ("2020-09 gap IDN  0:0 IDN: absent, with 1230 in 2020-08 and 1230 in 2020-10", described(checks.found)[3]);
}

TEST_F(ImporterTest, AMonthAfterThisOneIsRefused) {
  FakeClock clock(1795000000);  // 2026-11-18
  ImportOptions opt;
  opt.clock = &clock;
  FileOutcome a = Import("future.csv",
                         "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n"
                         "2,VNM,704,Viet Nam,UNMISS,Troops,13,49,31/01/2099\n",
                         opt);
  EXPECT_EQ(FileOutcome::State::kFailed, a.state);
  EXPECT_EQ("future.csv:3: dated 2099-01-31, later than this month (2026-11): refused", a.status.message());
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM import"));
  // This month itself is fine.
  FileOutcome b = Import("now.csv", "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/11/2026\n", opt);
  EXPECT_EQ(FileOutcome::State::kImported, b.state) << b.status.message();
}

TEST_F(ImporterTest, AMonthFarFromTheFilesOtherMonthsIsRefused) {
  FileOutcome a = Import("typo.csv",
                         "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,31/03/2021\n"
                         "2,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n"
                         "3,VNM,704,Viet Nam,UNMISS,Troops,13,49,31/05/2012\n");
  EXPECT_EQ(FileOutcome::State::kFailed, a.state);
  EXPECT_EQ(
      "typo.csv:4: month 2012-05 is 106 months from every other month in the file (2012-05 to 2021-04): "
      "refused as a likely typo",
      a.status.message());
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM contribution"));
  // Two months far apart say nothing about which is wrong: imported.
  FileOutcome b = Import("two.csv",
                         "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,31/03/2021\n"
                         "3,VNM,704,Viet Nam,UNMISS,Troops,13,49,31/05/2012\n");
  EXPECT_EQ(FileOutcome::State::kImported, b.state) << b.status.message();
}

TEST_F(ImporterTest, NewerFileReplacesTheMonthAndKeepsHistory) {
  Import("a.csv",
         "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n1,VNM,704,Viet Nam,UNMISS,Troops,10,53,31/03/2021\n");
  FileOutcome b = Import("b.csv", "1,VNM,704,Viet Nam,UNMISS,Troops,14,48,30/04/2021\n");
  ASSERT_EQ(FileOutcome::State::kImported, b.state);
  EXPECT_EQ(14, Count("SELECT women FROM current_contribution WHERE month = '2021-04'"));
  EXPECT_EQ(10, Count("SELECT women FROM current_contribution WHERE month = '2021-03'"));
  EXPECT_EQ(3, Count("SELECT COUNT(*) FROM contribution"));
}

// A file of many batches (the reader thread runs ahead of the writer):
// every row arrives once, in order, with the sums ParseUnCsv gives.
TEST_F(ImporterTest, ManyBatchesImportEveryRowInOrder) {
  std::string csv = GenerateSampleCsv(BenchmarkSpec(20000));
  auto parsed = ParseUnCsv(csv, "big.csv", *ref_, false);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  ASSERT_GT(parsed->contributions.size(), 4u * 4096);
  int64_t women = 0, men = 0;
  for (const ContributionRow& r : parsed->contributions) {
    women += *r.women;
    men += *r.men;
  }
  FileOutcome o = ImportBytes(db_.get(), *ref_, "big.csv", csv, {});
  ASSERT_EQ(FileOutcome::State::kImported, o.state) << o.status.message();
  EXPECT_TRUE(o.synthetic);
  EXPECT_EQ(static_cast<int64_t>(parsed->contributions.size()), o.rows);
  EXPECT_EQ(o.rows, Count("SELECT COUNT(*) FROM contribution"));
  EXPECT_EQ(women, Count("SELECT SUM(women) FROM contribution"));
  EXPECT_EQ(men, Count("SELECT SUM(men) FROM contribution"));
  // seq follows the file: the rows sorted by seq have increasing lines.
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM (SELECT line, LAG(line) OVER (ORDER BY seq) AS prev FROM contribution)"
                     " WHERE prev >= line"));
  EXPECT_EQ(women, Count("SELECT SUM(women) FROM current_contribution"));
}

// A bad row far into the file (after many batches were written) still
// leaves the database unchanged.
TEST_F(ImporterTest, LateBadRowLeavesTheDatabaseUnchanged) {
  std::string csv = GenerateSampleCsv(BenchmarkSpec(20000));
  csv += "X,VNM,704,Viet Nam,UNMISS,Troops,13,x,30/04/2021\n";
  FileOutcome o = ImportBytes(db_.get(), *ref_, "big.csv", csv, {});
  EXPECT_EQ(FileOutcome::State::kFailed, o.state);
  EXPECT_NE(std::string::npos, o.status.message().find("column 'Male_Personnel': not a whole number: 'x'"))
      << o.status.message();
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM contribution"));
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM import"));
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM month_figures"));
}

// The first import into a database file writes its pages once (a rollback
// journal, not the WAL and then the checkpoint: store/database.h), stays
// all-or-nothing, and leaves the file in WAL mode. With another connection
// open, it writes through the WAL as before.
TEST(ImporterFileTest, FirstImportWritesItsPagesOnceAndStaysAllOrNothing) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(::testing::TempDir()) / "bh_first_import";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string good = GenerateSampleCsv(BenchmarkSpec(0));  // its smallest: 33,840 rows
  std::ofstream(dir / "bad.csv") << good << "X,VNM,704,Viet Nam,UNMISS,Troops,13,x,30/04/2021\n";
  std::ofstream(dir / "good.csv") << good;
  auto wal_bytes = [](const fs::path& db) {
    return fs::exists(db.string() + "-wal") ? fs::file_size(db.string() + "-wal") : 0;
  };
  auto mode = [](Db* db) {
    auto q = db->Prepare("PRAGMA journal_mode");
    return q.ok() && q->Step().ok() ? q->Text(0) : std::string("?");
  };
  for (const bool shared : {false, true}) {
    SCOPED_TRACE(shared ? "another connection open" : "alone");
    const fs::path path = dir / (shared ? "shared.db" : "alone.db");
    auto db = OpenCoreStore(path.string());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    auto ref = Reference::Load(db->get());
    ASSERT_TRUE(ref.ok());
    std::unique_ptr<Db> reader;
    if (shared) reader = std::move(*Db::Open(path.string()));
    auto bad = ImportFiles(db->get(), *ref, {(dir / "bad.csv").string()}, {}, nullptr);
    ASSERT_EQ(FileOutcome::State::kFailed, bad[0].state);
    EXPECT_EQ(0, *(*db)->QueryInt("SELECT COUNT(*) FROM import"));
    EXPECT_EQ(0, *(*db)->QueryInt("SELECT COUNT(*) FROM contribution"));
    EXPECT_EQ("wal", mode(db->get()));
    const auto before = wal_bytes(path);
    auto ok = ImportFiles(db->get(), *ref, {(dir / "good.csv").string()}, {}, nullptr);
    ASSERT_EQ(FileOutcome::State::kImported, ok[0].state) << ok[0].status.ToString();
    EXPECT_EQ(ok[0].rows, *(*db)->QueryInt("SELECT COUNT(*) FROM contribution"));
    EXPECT_EQ("wal", mode(db->get()));
    EXPECT_FALSE(fs::exists(path.string() + "-journal"));
    // The rows' pages: in the WAL only when another connection kept it.
    if (shared) {
      EXPECT_GT(wal_bytes(path), before + 40 * ok[0].rows);
    } else {
      EXPECT_LT(wal_bytes(path), 4 * ok[0].rows);
    }
  }
}

TEST_F(ImporterTest, EncryptedPdfFailsWithTheReasonAndChangesNothing) {
  std::ifstream in(std::string(BLUEHELMET_SOURCE_DIR) + "/src/pdf/testdata/encrypted_tiny.pdf", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_TRUE(bytes.starts_with("%PDF"));
  FileOutcome o = ImportBytes(db_.get(), *ref_, "locked.pdf", bytes, {});
  EXPECT_EQ(FileOutcome::State::kFailed, o.state);
  EXPECT_EQ("locked.pdf: encrypted PDF: cannot be read without a password", o.status.message());
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM import"));
}

TEST_F(ImporterTest, BadRowLeavesTheDatabaseUnchanged) {
  FileOutcome a = Import(
      "a.csv", "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n2,VNM,704,Viet Nam,UNMISS,SO,n/a,1,30/04/2021\n");
  EXPECT_EQ(FileOutcome::State::kFailed, a.state);
  EXPECT_EQ("a.csv:3: column 'Female_Personnel': not a whole number: 'n/a'", a.status.message());
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM contribution"));
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM import"));
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM mission WHERE source LIKE 'first seen%'"));
}

TEST_F(ImporterTest, SkipInvalidWritesTheRejectsFile) {
  std::string rejects = ::testing::TempDir() + "/rejects.csv";
  ImportOptions opt;
  opt.skip_invalid = true;
  opt.rejects_path = rejects;
  FileOutcome a =
      Import("a.csv",
             "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n2,VNM,704,Viet Nam,UNMISS,SO,n/a,1,30/04/2021\n", opt);
  ASSERT_EQ(FileOutcome::State::kImported, a.state) << a.status.message();
  EXPECT_EQ(1, a.rows);
  EXPECT_EQ(1, a.rejected);
  std::ifstream in(rejects);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(
      "line,reason,record\n3,column 'Female_Personnel': not a whole number: 'n/a',\"2,VNM,704,Viet "
      "Nam,UNMISS,SO,n/a,1,30/04/2021\"\n",
      content);
}

TEST_F(ImporterTest, GarbageIsOneClearError) {
  FileOutcome a = ImportBytes(db_.get(), *ref_, "x.bin", std::string("\x00\x01\x02garbage", 10), {});
  EXPECT_EQ(FileOutcome::State::kFailed, a.state);
  EXPECT_EQ(0u, a.status.message().rfind("x.bin:1: not a UN contributions file", 0)) << a.status.message();
  FileOutcome e = ImportBytes(db_.get(), *ref_, "e.csv", "", {});
  EXPECT_EQ("e.csv: empty file", e.status.message());
}

TEST_F(ImporterTest, ExpandsFoldersAndReportsMissingPaths) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(::testing::TempDir()) / "bh_expand";
  fs::create_directories(dir);
  std::ofstream(dir / "b.csv") << "x";
  std::ofstream(dir / "a.pdf") << "x";
  std::ofstream(dir / "notes.txt") << "x";
  auto paths = ExpandImportPaths({dir.string()});
  ASSERT_TRUE(paths.ok());
  ASSERT_EQ(2u, paths->size());
  EXPECT_EQ("a.pdf", fs::path((*paths)[0]).filename());
  EXPECT_EQ("nope.csv: no such file or folder", ExpandImportPaths({"nope.csv"}).status().message());
}

// The real UN ranking snapshot (../shared/data/raw/Rank.csv), when present.
TEST_F(ImporterTest, RealRankCsvBangladeshAndRwanda) {
  std::string path = std::string(BLUEHELMET_SHARED_DIR) + "/data/raw/Rank.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present";
  auto out = ImportFiles(db_.get(), *ref_, {path}, {}, nullptr);
  ASSERT_EQ(1u, out.size());
  ASSERT_EQ(FileOutcome::State::kImported, out[0].state) << out[0].status.message();
  EXPECT_EQ(122, out[0].rows);
  EXPECT_EQ(317, Count("SELECT women FROM current_country_total WHERE iso3 = 'BGD' AND month = '2021-01'"));
  EXPECT_EQ(6394, Count("SELECT men FROM current_country_total WHERE iso3 = 'BGD' AND month = '2021-01'"));
  EXPECT_EQ(585, Count("SELECT women FROM current_country_total WHERE iso3 = 'RWA' AND month = '2021-01'"));
  // Country totals are never spread over missions.
  EXPECT_EQ(0, Count("SELECT COUNT(*) FROM contribution"));
}

TEST_F(ImporterTest, RealOdpRanksJanuary2022) {
  std::string path = std::string(BLUEHELMET_SHARED_DIR) + "/data/raw/odp_contributionranks.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present";
  auto out = ImportFiles(db_.get(), *ref_, {path}, {}, nullptr);
  ASSERT_EQ(FileOutcome::State::kImported, out[0].state) << out[0].status.message();
  EXPECT_EQ(122, out[0].rows);
  EXPECT_EQ(397, Count("SELECT women FROM current_country_total WHERE iso3 = 'BGD' AND month = '2022-01'"));
  EXPECT_EQ(5497, Count("SELECT men FROM current_country_total WHERE iso3 = 'IND' AND month = '2022-01'"));
}

}  // namespace
}  // namespace bh
