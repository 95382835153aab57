// `bluehelmet export` as a user runs it, and the file read as it is by the
// tools analysts use: pandas (Debian's python3-pandas, which `make test`
// installs as `make bench` does) and DuckDB (@duckdb/node-api, the
// benchmarks' peer in bench/node_modules).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "base/file_util.h"
#include "cli/cli_test_fixture.h"

namespace bh {
namespace {

const std::string kAugust2020 =
    std::string(BLUEHELMET_SHARED_DIR) + "/data/raw/un_country_contributions_pdf/UN_country_contributions_2020_08.pdf";

// Runs a shell command; its stdout, or nullopt when it exits non-zero.
std::optional<std::string> Shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return std::nullopt;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int rc = pclose(p);
  if (rc != 0) return std::nullopt;
  return out;
}

class ExportCommandsTest : public CliFixture {};

TEST_F(ExportCommandsTest, CsvToStdoutAndJsonLinesToAFile) {
  ASSERT_EQ(0, Run({"import", kAugust2020})) << err_.str();
  ASSERT_EQ(0, Run({"export"})) << err_.str();
  std::string csv = out_.str();
  EXPECT_EQ(0u, csv.find("month,iso3,m49,country,mission,personnel_type,category,women,men,total,report_date,erratum,"
                         "printed_women,printed_men,source_file,sha256,page,line,synthetic\n"));
  EXPECT_EQ("", err_.str());
  EXPECT_EQ(1 + 985, std::count(csv.begin(), csv.end(), '\n'));
  std::string path = (dir_ / "out.jsonl").string();
  ASSERT_EQ(0, Run({"export", "--format", "jsonl", "--out", path})) << err_.str();
  EXPECT_EQ("", out_.str());
  EXPECT_EQ("wrote 985 rows (1 months, 1 source files) to " + path + "\n", err_.str());
  std::string jsonl = *ReadFile(path);
  EXPECT_EQ(985, std::count(jsonl.begin(), jsonl.end(), '\n'));
  EXPECT_EQ(0u, jsonl.find("{\"month\":\"2020-08\",\"iso3\":"));
  // --as-printed: the UN's figures, no erratum column filled.
  ASSERT_EQ(0, Run({"--as-printed", "export"})) << err_.str();
  EXPECT_EQ(std::string::npos, out_.str().find(",E-2020-08-"));
  EXPECT_NE(std::string::npos, csv.find(",E-2020-08-BEN-MINUSMA-TRP,250,0,"));
}

// The shared filters (cli/filter_options.h) narrow the rows.
TEST_F(ExportCommandsTest, FiltersNarrowTheRows) {
  ASSERT_EQ(0, Run({"import", kAugust2020})) << err_.str();
  ASSERT_EQ(0, Run({"export", "--countries", "Benin", "--mission", "MINUSMA", "--type", "Troops", "--from", "2020-08",
                    "--to", "2020-08"}))
      << err_.str();
  EXPECT_EQ(
      "month,iso3,m49,country,mission,personnel_type,category,women,men,total,report_date,erratum,printed_women,"
      "printed_men,source_file,sha256,page,line,synthetic\n"
      "2020-08,BEN,204,Benin,MINUSMA,Troops,contingents,0,250,250,2020-08-31,E-2020-08-BEN-MINUSMA-TRP,250,0,"
      "UN_country_contributions_2020_08.pdf,933a24c1bc1148a0d2fd97fa53f488d5b1797d4bd59184a9e7aee2f419be4935,10,21,"
      "false\n",
      out_.str());
  ASSERT_EQ(0, Run({"export", "--from", "2021-01"}));
  std::string none = out_.str();
  EXPECT_EQ(1, std::count(none.begin(), none.end(), '\n')) << "the header alone";
  EXPECT_EQ(2, Run({"export", "--mission", "NOSUCH"}));
  std::string err = err_.str();
  EXPECT_EQ(0u, err.find("bluehelmet: --mission")) << err;
  EXPECT_EQ(1, std::count(err.begin(), err.end(), '\n')) << err;
}

TEST_F(ExportCommandsTest, BadOptionsAreUsageErrors) {
  EXPECT_EQ(2, Run({"export", "--format", "xml"}));
  EXPECT_EQ("bluehelmet: --format: unknown export format 'xml' (want csv or jsonl)\n", err_.str());
  EXPECT_EQ(0, Run({"export", "--help"}));
  EXPECT_NE(std::string::npos, out_.str().find("--out")) << out_.str();
}

// The export loads unchanged in pandas and DuckDB, with the right row count
// and the exact sums.
TEST_F(ExportCommandsTest, PandasAndDuckDbReadTheExportAsIs) {
  const std::string duckdb_module = std::string(BLUEHELMET_SOURCE_DIR) + "/bench/node_modules/@duckdb/node-api";
  bool pandas = Shell("/usr/bin/python3 -c 'import pandas' 2>/dev/null").has_value();
  bool duckdb = std::filesystem::exists(duckdb_module) && Shell("node --version >/dev/null 2>&1").has_value();
  if (!pandas || !duckdb) {
    GTEST_SKIP() << "needs pandas (" << (pandas ? "found" : "missing: apt-get install python3-pandas")
                 << ") and DuckDB (" << (duckdb ? "found" : "missing: cd bench && npm ci")
                 << "); `make test` installs both";
  }
  ASSERT_EQ(0, Run({"import", kAugust2020})) << err_.str();
  std::string csv = (dir_ / "tidy.csv").string();
  std::string jsonl = (dir_ / "tidy.jsonl").string();
  ASSERT_EQ(0, Run({"export", "--out", csv})) << err_.str();
  ASSERT_EQ(0, Run({"export", "--format", "jsonl", "--out", jsonl})) << err_.str();

  // Rows, women, men and total (corrected: the UN printed 41,183 women and
  // 40,637 men; sqlite3 over the database gives the same), corrected rows,
  // and Benin's MINUSMA troops' women (printed 250, corrected 0).
  const std::string expected = "985 2853 78967 81820 100 0\n";
  std::string py =
      File("read.py",
           "import sys, pandas as pd\n"
           "for df in (pd.read_csv(sys.argv[1]), pd.read_json(sys.argv[2], lines=True)):\n"
           "    ben = df[(df.iso3 == 'BEN') & (df.mission == 'MINUSMA') & (df.personnel_type == 'Troops')]\n"
           "    print(len(df), int(df.women.sum()), int(df.men.sum()), int(df.total.sum()),\n"
           "          int(df.erratum.notna().sum()), int(ben.women.iloc[0]))\n");
  std::optional<std::string> got = Shell("/usr/bin/python3 " + py + " " + csv + " " + jsonl);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(expected + expected, *got);

  std::string js =
      File("read.js",
           "const { DuckDBInstance } = require(process.argv[2]);\n"
           "(async () => {\n"
           "  const db = await DuckDBInstance.create(':memory:');\n"
           "  const con = await db.connect();\n"
           "  for (const from of [`read_csv('${process.argv[3]}')`, `read_json('${process.argv[4]}')`]) {\n"
           "    const r = await con.runAndReadAll(`SELECT count(*), sum(women), sum(men), sum(total),\n"
           "      count(erratum), max(CASE WHEN iso3 = 'BEN' AND mission = 'MINUSMA' AND\n"
           "      personnel_type = 'Troops' THEN women END) FROM ${from}`);\n"
           "    console.log(r.getRows()[0].map(String).join(' '));\n"
           "  }\n"
           "})();\n");
  got = Shell("node " + js + " " + duckdb_module + " " + csv + " " + jsonl);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(expected + expected, *got);
}

}  // namespace
}  // namespace bh
