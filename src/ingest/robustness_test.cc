// Deterministic fuzzing that runs in every test run (the coverage-guided
// libFuzzer harnesses in fuzz/ go deeper): mutated and random inputs through
// the CSV import must return a Status and leave the database unchanged.
#include <gtest/gtest.h>

#include <random>

#include "ingest/importer.h"
#include "ingest/tidy_csv.h"
#include "store/schema.h"

namespace bh {
namespace {

TEST(RobustnessTest, MutatedCsvNeverCrashesAndFailuresChangeNothing) {
  auto db = std::move(*OpenCoreStore(":memory:"));
  auto ref = *Reference::Load(db.get());
  const std::string seed =
      "\xEF\xBB\xBF"
      "Contribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_Acronym,Personnel_Type,"
      "Female_Personnel,Male_Personnel,Last_Reporting_Date\r\n"
      "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\r\n"
      "2,#N/A,,\"Côte d'Ivoire\",UNMISS ,Staff Officer,\"1,000\",2,31-Jan-21\r\n";
  std::mt19937_64 rng(42);
  const std::string alphabet = ",\"\r\n0123456789/-#NA \xC3\xB4\xEF\xBB\xBF";
  int failed = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string s = seed;
    int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      size_t pos = rng() % s.size();
      switch (rng() % 4) {
        case 0:
          s[pos] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          s.erase(pos, 1 + rng() % 5);
          break;
        case 2:
          s.insert(pos, 1, alphabet[rng() % alphabet.size()]);
          break;
        case 3:
          s.resize(pos);
          break;
      }
    }
    int64_t before = *db->QueryInt("SELECT COUNT(*) FROM contribution");
    FileOutcome o = ImportBytes(db.get(), ref, "m.csv", s, {});
    if (o.state == FileOutcome::State::kFailed) {
      ++failed;
      EXPECT_FALSE(o.status.message().empty());
      EXPECT_EQ(std::string::npos, o.status.message().find('\n')) << o.status.message();
      EXPECT_EQ(before, *db->QueryInt("SELECT COUNT(*) FROM contribution"));
    }
  }
  EXPECT_GT(failed, 100);  // the mutations do reach the error paths
  for (int i = 0; i < 300; ++i) {
    std::string junk(rng() % 512, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    (void)ImportBytes(db.get(), ref, "j.csv", junk, {});
  }
}

// The tidy reader (`import` of an `export`): the header kept, the rows
// mutated. Each input reads whole or fails with one line naming the file
// and line, and a failure writes nothing.
TEST(RobustnessTest, MutatedTidyCsvNeverCrashesAndFailuresChangeNothing) {
  auto db = std::move(*OpenCoreStore(":memory:"));
  auto ref = *Reference::Load(db.get());
  const std::string header = TidyHeader() + "\r\n";
  const std::string body =
      "2021-04,VNM,704,Viet Nam,UNMISS,Troops,contingents,13,49,62,2021-04-30,,,,un.csv," + std::string(64, 'a') +
      ",,2,false\r\n"
      "2021-04,CIV,384,\"C\xC3\xB4te d'Ivoire\",MINUSCA,Staff Officer,mo_so,0,1,1,2021-04-30,E-1,1,0,un.csv," +
      std::string(64, 'a') +
      ",3,7,false\r\n"
      "2021-05,NPL,524,Nepal,,,,,,5,2021-05-31,,,,r.pdf," +
      std::string(64, 'b') + ",1,9,false\r\n";
  std::mt19937_64 rng(7);
  const std::string alphabet = ",\"\r\n0123456789-aefTtruls \xC3\xB4";
  int failed = 0, imported = 0;
  for (int i = 0; i < 800; ++i) {
    std::string s = body;
    int edits = 1 + static_cast<int>(rng() % 6);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      size_t pos = rng() % s.size();
      switch (rng() % 4) {
        case 0:
          s[pos] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          s.erase(pos, 1 + rng() % 5);
          break;
        case 2:
          s.insert(pos, 1, alphabet[rng() % alphabet.size()]);
          break;
        case 3:
          s.resize(pos);
          break;
      }
    }
    int64_t before = *db->QueryInt("SELECT COUNT(*) FROM contribution");
    int64_t imports = *db->QueryInt("SELECT COUNT(*) FROM import");
    FileOutcome o = ImportBytes(db.get(), ref, "t.csv", header + s, {});
    if (o.state == FileOutcome::State::kFailed) {
      ++failed;
      EXPECT_EQ(0u, o.status.message().find("t.csv")) << o.status.message();
      EXPECT_EQ(std::string::npos, o.status.message().find('\n')) << o.status.message();
      EXPECT_EQ(before, *db->QueryInt("SELECT COUNT(*) FROM contribution"));
      EXPECT_EQ(imports, *db->QueryInt("SELECT COUNT(*) FROM import"));
    } else if (o.state == FileOutcome::State::kImported) {
      ++imported;
    }
  }
  EXPECT_GT(failed, 100);  // the mutations reach the error paths
  EXPECT_GT(imported, 0);  // and some still read
  for (int i = 0; i < 200; ++i) {
    std::string junk(rng() % 512, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    (void)ParseTidyCsv(header + junk, "j.csv", ref);
  }
}

}  // namespace
}  // namespace bh
