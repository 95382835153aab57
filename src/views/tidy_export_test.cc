#include "views/tidy_export.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/file_util.h"
#include "base/strings.h"
#include "ingest/importer.h"
#include "ingest/tidy_csv.h"
#include "store/errata.h"
#include "store/schema.h"

namespace bh {
namespace {

const std::string kReports = std::string(BLUEHELMET_SHARED_DIR) + "/data/raw/un_country_contributions_pdf/";

class TidyExportTest : public ::testing::Test {
 protected:
  struct Store {
    std::unique_ptr<Db> db;
    std::unique_ptr<Reference> ref;
  };
  static Store Fresh() {
    Store s;
    s.db = std::move(*OpenCoreStore(":memory:"));
    EXPECT_TRUE(LoadShippedErrata(s.db.get(), ShippedErrataFiles()).ok());
    s.ref = std::make_unique<Reference>(std::move(*Reference::Load(s.db.get())));
    return s;
  }
  static std::string Export(Db* db, TidyFormat f = TidyFormat::kCsv, FigureFilter filter = {}) {
    auto rows = FigureRows(db, filter);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    return rows.ok() ? WriteTidy(*rows, f) : "";
  }
  static std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
      out.push_back(text.substr(start, nl - start));
    }
    return out;
  }
  // The line of `text` starting with `prefix`.
  static std::string LineStarting(const std::string& text, const std::string& prefix) {
    for (const std::string& l : Lines(text)) {
      if (l.starts_with(prefix)) return l;
    }
    return "";
  }
};

// Real reports -> export -> import the tidy file into a fresh database ->
// export again: the same bytes. The corrected figures of 2020-08 come back
// corrected (the shipped errata apply to the printed figures the file
// carries), every figure traced to the UN's file, page and line.
TEST_F(TidyExportTest, RealReportsRoundTripByteForByte) {
  Store a = Fresh();
  std::vector<std::string> files = {kReports + "UN_country_contributions_2020_07.pdf",
                                    kReports + "UN_country_contributions_2020_08.pdf",
                                    kReports + "UN_country_contributions_2025_07.pdf"};
  for (const FileOutcome& o : ImportFiles(a.db.get(), *a.ref, files, {}, nullptr)) {
    ASSERT_EQ(FileOutcome::State::kImported, o.state) << o.status.message();
  }
  std::string first = Export(a.db.get());
  std::vector<std::string> lines = Lines(first);
  ASSERT_GT(lines.size(), 1000u);
  EXPECT_EQ(TidyHeader(), lines[0]);
  EXPECT_EQ(
      "month,iso3,m49,country,mission,personnel_type,category,women,men,total,report_date,erratum,printed_women,"
      "printed_men,source_file,sha256,page,line,synthetic",
      lines[0]);
  // A corrected row: Benin's MINUSMA troops, printed 250 women and 0 men.
  EXPECT_EQ(
      "2020-08,BEN,204,Benin,MINUSMA,Troops,contingents,0,250,250,2020-08-31,E-2020-08-BEN-MINUSMA-TRP,250,0,"
      "UN_country_contributions_2020_08.pdf,933a24c1bc1148a0d2fd97fa53f488d5b1797d4bd59184a9e7aee2f419be4935,10,21,"
      "false",
      LineStarting(first, "2020-08,BEN,204,Benin,MINUSMA,Troops,"));

  std::string path = (std::filesystem::path(::testing::TempDir()) / "tidy_round_trip.csv").string();
  ASSERT_TRUE(WriteFile(path, first).ok());
  Store b = Fresh();
  std::vector<FileOutcome> out = ImportFiles(b.db.get(), *b.ref, {path}, {}, nullptr);
  ASSERT_EQ(1u, out.size());
  ASSERT_EQ(FileOutcome::State::kImported, out[0].state) << out[0].status.message();
  EXPECT_EQ("tidy_csv", out[0].kind);
  EXPECT_EQ(static_cast<int64_t>(lines.size() - 1), out[0].rows);
  EXPECT_EQ(3u, out[0].months.size());
  EXPECT_EQ(first, Export(b.db.get()));

  // Idempotent: the same file again changes nothing.
  out = ImportFiles(b.db.get(), *b.ref, {path}, {}, nullptr);
  EXPECT_EQ(FileOutcome::State::kAlreadyImported, out[0].state) << out[0].status.message();
  EXPECT_EQ(first, Export(b.db.get()));

  // As printed, both databases agree too.
  ASSERT_TRUE(UseFiguresAsPrinted(a.db.get()).ok());
  ASSERT_TRUE(UseFiguresAsPrinted(b.db.get()).ok());
  std::string printed = Export(a.db.get());
  EXPECT_EQ(printed, Export(b.db.get()));
  EXPECT_EQ(
      "2020-08,BEN,204,Benin,MINUSMA,Troops,contingents,250,0,250,2020-08-31,,,,"
      "UN_country_contributions_2020_08.pdf,933a24c1bc1148a0d2fd97fa53f488d5b1797d4bd59184a9e7aee2f419be4935,10,21,"
      "false",
      LineStarting(printed, "2020-08,BEN,204,Benin,MINUSMA,Troops,"));
}

TEST_F(TidyExportTest, JsonLinesHoldsNumbersNullsAndBooleans) {
  Store a = Fresh();
  FileOutcome o = ImportBytes(a.db.get(), *a.ref, "t.csv",
                              "Contribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_Acronym,Personnel_Type,"
                              "Female_Personnel,Male_Personnel,Last_Reporting_Date\n"
                              "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n",
                              {});
  ASSERT_EQ(FileOutcome::State::kImported, o.state) << o.status.message();
  EXPECT_EQ(
      "{\"month\":\"2021-04\",\"iso3\":\"VNM\",\"m49\":704,\"country\":\"Viet Nam\",\"mission\":\"UNMISS\","
      "\"personnel_type\":\"Troops\",\"category\":\"contingents\",\"women\":13,\"men\":49,\"total\":62,"
      "\"report_date\":\"2021-04-30\",\"erratum\":null,\"printed_women\":null,\"printed_men\":null,"
      "\"source_file\":\"t.csv\",\"sha256\":\"" +
          Sha256Hex("Contribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_Acronym,Personnel_Type,"
                    "Female_Personnel,Male_Personnel,Last_Reporting_Date\n"
                    "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n") +
          "\",\"page\":null,\"line\":2,\"synthetic\":false}\n",
      Export(a.db.get(), TidyFormat::kJsonLines));
  EXPECT_EQ("unknown export format 'xml' (want csv or jsonl)", ParseTidyFormat("xml").status().message());
}

// A malformed tidy file is refused whole, with one line naming the file,
// the line, the column and the reason; nothing is written.
TEST_F(TidyExportTest, MalformedTidyFileIsRefusedWithFileLineAndReason) {
  const std::string good =
      "2021-04,VNM,704,Viet Nam,UNMISS,Troops,contingents,13,49,62,2021-04-30,,,,un.csv,"
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,,2,false\n";
  struct Case {
    std::string row, message;
  } cases[] = {
      {"2021-04,VNM,704,Viet Nam,UNMISS,Troops,contingents,13,49,63,2021-04-30,,,,un.csv,"
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,,2,false\n",
       "bad.csv:3: column 'total': 63 is not women + men (13 + 49)"},
      {"2021-04,XXX,704,Viet Nam,UNMISS,Troops,contingents,13,49,62,2021-04-30,,,,un.csv,"
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,,2,false\n",
       "bad.csv:3: column 'iso3': not a known ISO 3166-1 code: 'XXX'"},
      {"2021-04,VNM,704,Viet Nam,UNMISS,Troops,mo_so,13,49,62,2021-04-30,,,,un.csv,"
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,,2,false\n",
       "bad.csv:3: column 'category': 'mo_so' is not the category of Troops (contingents)"},
      {"2021-04,VNM,704,Viet Nam,UNMISS,Troops,contingents,1 3,49,62,2021-04-30,,,,un.csv,"
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,,2,false\n",
       "bad.csv:3: column 'women': not a whole number from 0 to 999999999: '1 3'"},
      {"2021-04,VNM,704,Viet Nam,UNMISS,Troops,contingents,13,49,62,2021-05-01,,,,un.csv,"
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,,2,false\n",
       "bad.csv:3: column 'report_date': 2021-05-01 is not in 2021-04"},
      {"2021-04,VNM,704,Viet Nam,UNMISS,Troops,contingents,13,49,62,2021-04-30,,,,un.csv,abc,,2,false\n",
       "bad.csv:3: column 'sha256': not 64 lowercase hex digits: 'abc'"},
      {"2021-04,VNM,704,Viet Nam,UNMISS,Troops,contingents,13,49,62,2021-04-30,,,,un.csv\n",
       "bad.csv:3: 15 fields, want 19 (the header's)"},
      {"2021-04,VNM,704,Viet Nam,UNMISS,Troops,contingents,13,49,62,2021-04-30,,,,un.csv,"
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,,2,yes\n",
       "bad.csv:3: column 'synthetic': want true or false: 'yes'"},
  };
  for (const Case& c : cases) {
    Store s = Fresh();
    FileOutcome o = ImportBytes(s.db.get(), *s.ref, "bad.csv", TidyHeader() + "\n" + good + c.row, {});
    EXPECT_EQ(FileOutcome::State::kFailed, o.state) << c.row;
    EXPECT_EQ(c.message, o.status.message());
    EXPECT_EQ(TidyHeader() + "\n", Export(s.db.get())) << "nothing written";
  }
  // A header that is not the tidy one is read as some other CSV; one that
  // starts as the tidy one but differs is named.
  Store s = Fresh();
  EXPECT_EQ("bad.csv:1: column 19 of a tidy file is 'synthetic', not 'sample'",
            ParseTidyCsv(TidyHeader().substr(0, TidyHeader().size() - 9) + "sample\n" + good, "bad.csv", *s.ref)
                .status()
                .message());
}

// Each source of a tidy file becomes its own import, all in one
// transaction: when the second source is refused (SYNTHETIC figures where
// real ones are stored), the first is rolled back too.
TEST_F(TidyExportTest, TidyFileImportsWholeOrNothing) {
  Store s = Fresh();
  std::string csv = TidyHeader() +
                    "\n"
                    "2021-04,VNM,704,Viet Nam,UNMISS,Troops,contingents,13,49,62,2021-04-30,,,,a.csv," +
                    std::string(64, 'a') +
                    ",,2,false\n"
                    "2021-05,VNM,704,Viet Nam,UNMISS,Troops,contingents,13,49,62,2021-05-31,,,,b.csv," +
                    std::string(64, 'b') + ",,2,false\n";
  FileOutcome ok = ImportBytes(s.db.get(), *s.ref, "two.csv", csv, {});
  ASSERT_EQ(FileOutcome::State::kImported, ok.state) << ok.status.message();
  EXPECT_EQ(2, ok.rows);
  std::string out = Export(s.db.get());
  EXPECT_NE(std::string::npos, out.find(",a.csv," + std::string(64, 'a') + ",,2,false\n")) << out;
  EXPECT_NE(std::string::npos, out.find(",b.csv," + std::string(64, 'b') + ",,2,false\n")) << out;

  Store t = Fresh();
  std::string bad = TidyHeader() +
                    "\n"
                    "2021-04,VNM,704,Viet Nam,UNMISS,Troops,contingents,13,49,62,2021-04-30,,,,a.csv," +
                    std::string(64, 'a') +
                    ",,2,false\n"
                    "2021-05,VNM,704,Viet Nam,UNMISS,Troops,contingents,13,49,62,2021-05-31,,,,b.csv," +
                    std::string(64, 'b') + ",,2,true\n";
  FileOutcome refused = ImportBytes(t.db.get(), *t.ref, "mixed.csv", bad, {});
  EXPECT_EQ(FileOutcome::State::kFailed, refused.state);
  EXPECT_EQ(TidyHeader() + "\n", Export(t.db.get())) << "the first source rolled back";
}

}  // namespace
}  // namespace bh
