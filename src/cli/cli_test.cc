// End-to-end tests of the command line over a temporary database: what a
// user types, what they see, and the exit code.
#include "cli/cli.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "base/strings.h"
#include "cli/cli_test_fixture.h"

namespace bh {
namespace {

class CliTest : public CliFixture {};

constexpr char kHeader[] =
    "Contribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_Acronym,Personnel_Type,Female_Personnel,"
    "Male_Personnel,Last_Reporting_Date\n";

// Issue 16, goal 5: the binary links none of the heavy libraries (poppler,
// cpp-httplib, OpenSSL, libxlsxwriter); they are in modules loaded on first
// use (base/module.h), so a query process never maps them.
TEST(CliBinaryTest, LinksNoHeavyLibrary) {
  FILE* p = popen("ldd " BLUEHELMET_BINARY " 2>&1", "r");
  ASSERT_NE(nullptr, p);
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  ASSERT_EQ(0, pclose(p)) << out;
  ASSERT_NE(std::string::npos, out.find("libsqlite3")) << out;  // ldd listed the libraries
  for (const char* lib : {"libpoppler", "libcpp-httplib", "libssl", "libcrypto", "libxlsxwriter"}) {
    EXPECT_EQ(std::string::npos, out.find(lib)) << lib << " in\n" << out;
  }
}

TEST_F(CliTest, HelpOnEveryCommand) {
  for (std::vector<std::string> cmd : std::vector<std::vector<std::string>>{{"--help"},
                                                                            {"import", "--help"},
                                                                            {"months", "--help"},
                                                                            {"scorecard", "--help"},
                                                                            {"series", "--help"},
                                                                            {"country", "--help"},
                                                                            {"targets", "--help"},
                                                                            {"targets", "import", "--help"},
                                                                            {"groups", "--help"},
                                                                            {"sample", "--help"}}) {
    EXPECT_EQ(0, Run(cmd)) << cmd[0];
    EXPECT_NE(std::string::npos, out_.str().find("Usage")) << cmd[0];
  }
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(2, Run({"scorecard", "--bogus"}));
  EXPECT_NE(std::string::npos, err_.str().find("--bogus"));
  EXPECT_EQ(2, Run({"scorecard", "--month", "April"}));
  EXPECT_EQ("bluehelmet: not a month (want YYYY-MM): 'April'\n", err_.str());
  EXPECT_EQ(2, Run({"scorecard", "--countries", "VNM", "--group", "ASEAN"}));
}

// Every command and subcommand with --format, found in the app itself (so
// a new command is covered when it is added): a bad value is a usage error
// when the arguments are parsed, one line and exit 2, before the command
// runs (`ewg list --format xml` printed an error and exited 0). Nothing ran:
// no database was created.
TEST_F(CliTest, EveryCommandRefusesAnUnknownFormatBeforeItRuns) {
  std::vector<std::vector<std::string>> commands;
  std::ostringstream ignored;
  CLI::App app{"", "bluehelmet"};
  CliContext ctx(ignored, ignored, false);
  ConfigureCli(app, ctx);
  std::function<void(CLI::App*, std::vector<std::string>)> walk = [&](CLI::App* cmd, std::vector<std::string> path) {
    if (!path.empty() && cmd->get_option_no_throw("--format") != nullptr) commands.push_back(path);
    for (CLI::App* sub : cmd->get_subcommands({})) {
      if (sub->get_name().empty()) continue;  // an option group, not a command
      std::vector<std::string> p = path;
      p.push_back(sub->get_name());
      walk(sub, p);
    }
  };
  walk(&app, {});
  // The commands of this writing: a new one only adds to them.
  EXPECT_GE(commands.size(), 32u);
  for (const std::vector<std::string>& expected : std::vector<std::vector<std::string>>{{"months"},
                                                                                        {"scorecard"},
                                                                                        {"top"},
                                                                                        {"shares"},
                                                                                        {"report"},
                                                                                        {"ewg", "list"},
                                                                                        {"imports", "list"},
                                                                                        {"user", "list"},
                                                                                        {"register", "summary"}}) {
    EXPECT_NE(commands.end(), std::find(commands.begin(), commands.end(), expected)) << expected.back();
  }
  for (std::vector<std::string> cmd : commands) {
    std::string name = Join(cmd, " ");
    SCOPED_TRACE(name);
    cmd.insert(cmd.end(), {"--format", "xml"});
    EXPECT_EQ(2, Run(cmd));
    EXPECT_TRUE(out_.str().empty()) << out_.str();
    const std::string e = err_.str();
    EXPECT_EQ(0u, e.find("bluehelmet: --format: unknown ")) << e;
    EXPECT_NE(std::string::npos, e.find("format 'xml' (want ")) << e;
    EXPECT_EQ(1, std::count(e.begin(), e.end(), '\n')) << e;
  }
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(CliTest, ImportThenScorecardWithExactFigures) {
  std::string f = File("apr.csv", std::string(kHeader) +
                                      "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n"
                                      "2,VNM,704,Viet Nam,UNMISS,Staff Officer,0,1,30/04/2021\n"
                                      "3,JPN,392,Japan,UNMISS,Staff Officer,0,4,30/04/2021\n"
                                      "4,BGD,50,Bangladesh,UNMISS,Troops,20,980,30/04/2021\n");
  ASSERT_EQ(0, Run({"import", f}));
  EXPECT_NE(std::string::npos, out_.str().find("imported #1"));
  ASSERT_EQ(0, Run({"scorecard", "--month", "2021-04", "--countries", "VNM,JPN", "--format", "csv"}));
  EXPECT_EQ(
      "Country,ISO3,Category,Women,Total,Share,Target,Status,Women needed,Rank (women),Rank (share),Ranked countries,"
      "Target kind\n"
      "Viet Nam,VNM,Contingents,13,62,20.967741935483872,8,green,0,2,1,2,sourced\n"
      "Selected countries total,,Contingents,13,62,20.967741935483872,8,green,0,,,,sourced\n"
      "Viet Nam,VNM,Observers & staff officers,0,1,0,18,red,1,1,1,2,sourced\n"
      "Japan,JPN,Observers & staff officers,0,4,0,18,red,1,1,1,2,sourced\n"
      "Selected countries total,,Observers & staff officers,0,5,0,18,red,1,,,,sourced\n",
      out_.str());
}

TEST_F(CliTest, BadFileFailsWithOneLineAndLeavesTheDatabaseUnchanged) {
  std::string good = File("good.csv", std::string(kHeader) + "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n");
  std::string bad = File("bad.csv", std::string(kHeader) +
                                        "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,31/05/2021\n"
                                        "2,VNM,704,Viet Nam,UNMISS,Staff Officer,n/a,1,31/05/2021\n");
  ASSERT_EQ(0, Run({"import", good}));
  EXPECT_EQ(1, Run({"import", bad}));
  EXPECT_EQ("bluehelmet: bad.csv:3: column 'Female_Personnel': not a whole number: 'n/a'\n", err_.str());
  ASSERT_EQ(0, Run({"months", "--format", "csv"}));
  EXPECT_EQ(
      "Month,Dataset,File,Import,Rows,Reconciliation,Mismatches,Superseded\n"
      "2021-04,contribution,good.csv,1,1,no totals printed,0,\n",
      out_.str());
}

// A quoted field holding a line break is quoted back escaped: the error
// stays one line.
TEST_F(CliTest, ErrorQuotingALineBreakIsOneLine) {
  std::string bad = File("bad.csv", std::string(kHeader) + "1,VNM,704,Viet Nam,UNMISS,Troops,\"1\n2\",49,30/04/2021\n");
  EXPECT_EQ(1, Run({"import", bad}));
  EXPECT_EQ("bluehelmet: bad.csv:2: column 'Female_Personnel': not a whole number: '1\\n2'\n", err_.str());
}

TEST_F(CliTest, SeveralFilesSayWhichFailed) {
  std::string good = File("good.csv", std::string(kHeader) + "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n");
  std::string bad = File("bad.csv", "not,a,un,file\n");
  EXPECT_EQ(1, Run({"import", good, bad, "--format", "csv"}));
  EXPECT_NE(std::string::npos, out_.str().find("good.csv,imported #1"));
  EXPECT_NE(std::string::npos, out_.str().find("bad.csv,FAILED"));
  EXPECT_NE(std::string::npos, err_.str().find("bluehelmet: bad.csv:1: not a UN contributions file"));
}

TEST_F(CliTest, MissingFileExitsThree) {
  EXPECT_EQ(3, Run({"import", (dir_ / "nope.csv").string()}));
  EXPECT_NE(std::string::npos, err_.str().find("nope.csv: no such file or folder"));
}

TEST_F(CliTest, SampleLoadIsSyntheticAndDeterministic) {
  ASSERT_EQ(0, Run({"sample", "load"}));
  EXPECT_NE(std::string::npos, err_.str().find("loaded 7410 SYNTHETIC rows (18 countries, 78 months) as import #1"));
  ASSERT_EQ(0, Run({"sample", "load"}));
  EXPECT_NE(std::string::npos, err_.str().find("sample already loaded (import #1)"));
  ASSERT_EQ(0, Run({"scorecard", "--group", "ADMM-Plus"}));
  EXPECT_EQ(0u, out_.str().find("UGPS scorecard, 2025-06, ADMM-Plus [SYNTHETIC sample data]\n"));
  EXPECT_NE(std::string::npos, out_.str().find("SYNTHETIC sample data, generated by bluehelmet: not UN figures"));
  EXPECT_NE(std::string::npos, out_.str().find("Target Contingents: interpolated between 2021 (8 %) and 2028 (15 %)"));
}

TEST_F(CliTest, CountrySeriesWithAnnualChange) {
  std::string f = File("s.csv", std::string(kHeader) +
                                    "1,VNM,704,Viet Nam,UNMISS,Troops,10,53,31/12/2020\n"
                                    "2,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n"
                                    "3,VNM,704,Viet Nam,UNMISS,Troops,12,51,31/05/2021\n");
  ASSERT_EQ(0, Run({"import", f}));
  ASSERT_EQ(0, Run({"country", "Viet Nam", "--format", "csv"}));
  std::string s = out_.str();
  EXPECT_NE(std::string::npos, s.find("2021-04,Contingents,13,49,62,20.967741935483872,8,green,sourced\n"));
  // 2021: (13 + 12) / (62 + 63) = 20 %; 2020: 10 / 63 = 15.87 %: +4.1 points.
  ASSERT_EQ(0, Run({"country", "Viet Nam", "--format", "csv", "--table", "annual"}));
  s = out_.str();
  EXPECT_NE(std::string::npos, s.find("2021,Contingents,2,12.5,62.5,20,4.12698412698412")) << s;
  EXPECT_EQ(3, Run({"country", "Atlantis"}));
  EXPECT_EQ("bluehelmet: unknown country: 'Atlantis'\n", err_.str());
}

TEST_F(CliTest, TargetsListAndImport) {
  ASSERT_EQ(0, Run({"targets", "--from", "2021", "--to", "2021", "--format", "csv"}));
  EXPECT_NE(std::string::npos, out_.str().find("2021,Contingents,8,sourced,"));
  EXPECT_NE(std::string::npos, out_.str().find("2021,FPU,,no sourced value,\n"));
  std::string bad = File("t.csv", "category,year,percent,source\ncontingents,2021,8.5.1,x\n");
  EXPECT_EQ(1, Run({"targets", "import", bad}));
  EXPECT_EQ("bluehelmet: t.csv:2: column 'percent': not a percentage between 0 and 100: '8.5.1'\n", err_.str());
  std::string good = File("official.csv",
                          "category,year,percent,source\ncontingents,2021,8,UGPS table\n"
                          "contingents,2022,9,UGPS table\nfpu,2022,12,UGPS table\n");
  ASSERT_EQ(0, Run({"targets", "import", good, "--version", "ugps-official"}));
  ASSERT_EQ(0, Run({"targets", "--from", "2022", "--to", "2022", "--format", "csv"}));
  EXPECT_NE(std::string::npos, out_.str().find("2022,Contingents,9,sourced,UGPS table"));
  EXPECT_NE(std::string::npos, out_.str().find("2022,Observers & staff officers,,no sourced value"));
}

TEST_F(CliTest, YearAndSizeArgumentsAreBounded) {
  EXPECT_EQ(2, Run({"targets", "--to", "1000000000"}));
  EXPECT_EQ("bluehelmet: targets: --from 2018 --to 1000000000: want years 2018 to 2100, from <= to\n", err_.str());
  EXPECT_EQ(2, Run({"targets", "--from", "2030", "--to", "2020"}));
  EXPECT_EQ(0, Run({"targets", "--from", "2018", "--to", "2100", "--format", "csv"}));
  EXPECT_EQ(2, Run({"sample", "generate", "--rows", "1000000000"}));
  EXPECT_EQ("bluehelmet: sample: --rows 1000000000: want 1 to 5000000\n", err_.str());
  EXPECT_EQ(2, Run({"sample", "generate", "--rows", "-5"}));
}

TEST_F(CliTest, ImportRefusesDevicesAndNamesThatAreNotUtf8) {
  EXPECT_EQ(2, Run({"import", "/dev/zero"}));
  EXPECT_NE(std::string::npos, err_.str().find("/dev/zero: not a regular file (a device, pipe or socket); give a file"))
      << err_.str();
  std::string bad = File("bad\xff.csv", std::string(kHeader) + "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n");
  EXPECT_EQ(1, Run({"import", bad}));
  EXPECT_NE(std::string::npos, err_.str().find("bluehelmet: bad\\xff.csv: the file name is not valid UTF-8 (byte 0xff "
                                               "at byte 4); rename the file"))
      << err_.str();
  ASSERT_EQ(0, Run({"months", "--format", "csv"}));
  EXPECT_EQ("Month,Dataset,File,Import,Rows,Reconciliation,Mismatches,Superseded\n", out_.str());
}

// A name stored before names were checked renders as JSON (it aborted).
TEST_F(CliTest, JsonRendersTextThatIsNotUtf8) {
  std::string good = File("good.csv", std::string(kHeader) + "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n");
  ASSERT_EQ(0, Run({"import", good}));
  {
    auto db = Db::Open(db_);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("UPDATE import SET file_name = CAST(X'626164ff2e637376' AS TEXT)").ok());
  }
  ASSERT_EQ(0, Run({"months", "--format", "json"}));
  EXPECT_NE(std::string::npos, out_.str().find("\"bad\xEF\xBF\xBD.csv\"")) << out_.str();
}

TEST_F(CliTest, ReadOnlyDatabaseServesReadCommands) {
  std::string good = File("good.csv", std::string(kHeader) + "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n");
  ASSERT_EQ(0, Run({"import", good}));
  // As root, chmod cannot make the file read-only to this process: --read-only
  // takes the same path a write-protected file falls back to (Db::Open).
  ASSERT_EQ(0, Run({"--read-only", "months", "--format", "csv"})) << err_.str();
  EXPECT_EQ(
      "Month,Dataset,File,Import,Rows,Reconciliation,Mismatches,Superseded\n"
      "2021-04,contribution,good.csv,1,1,no totals printed,0,\n",
      out_.str());
  ASSERT_EQ(0, Run({"--read-only", "scorecard", "--countries", "VNM", "--format", "csv"})) << err_.str();
  std::string other = File("other.csv", std::string(kHeader) + "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,31/05/2021\n");
  EXPECT_EQ(5, Run({"--read-only", "import", other}));
  EXPECT_EQ("bluehelmet: " + db_ +
                ": the database is open read-only (this user may not write the file or its folder, or --read-only "
                "was given), and this command writes\n",
            err_.str());
  EXPECT_EQ(5, Run({"--read-only", "groups", "add", "Mekong", "--countries", "VNM"}));
  ASSERT_EQ(0, Run({"months", "--format", "csv"}));
  EXPECT_EQ(std::string::npos, out_.str().find("2021-05"));
  std::ostringstream out, err;
  EXPECT_EQ(3, RunCliArgs({"--db", (dir_ / "none.db").string(), "--read-only", "months"}, out, err));
  EXPECT_EQ("bluehelmet: " + (dir_ / "none.db").string() + ": no such database\n", err.str());
}

// Two imports at once into one new database: the second waits for the
// first (schema creation included) and nothing false is printed; the same
// bytes twice import once.
TEST_F(CliTest, ConcurrentImportsTakeTurns) {
  std::string a = File("a.csv", std::string(kHeader) + "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n");
  std::string b = File("b.csv", std::string(kHeader) + "1,VNM,704,Viet Nam,UNMISS,Troops,12,50,31/05/2021\n");
  for (int round = 0; round < 5; ++round) {
    std::filesystem::remove(db_);
    for (const char* s : {"-wal", "-shm"}) std::filesystem::remove(db_ + s);
    std::string files[3] = {a, b, a};
    int rc[3];
    std::ostringstream out[3], err[3];
    std::vector<std::thread> threads;
    for (int i = 0; i < 3; ++i) {
      threads.emplace_back([&, i] {
        rc[i] = RunCliArgs({"--db", db_, "import", files[i], "--format", "csv"}, out[i], err[i]);
      });
    }
    for (std::thread& t : threads) t.join();
    for (int i = 0; i < 3; ++i) {
      EXPECT_EQ(0, rc[i]) << round << " " << i << ": " << err[i].str();
      // Nothing false: no error line, only the plausibility checks' one
      // line where a file brought months.
      std::string e = err[i].str();
      EXPECT_TRUE(e.empty() || (e.starts_with("plausibility: ") && e.find("bluehelmet:") == std::string::npos))
          << round << " " << i << ": " << e;
      EXPECT_EQ(std::string::npos, out[i].str().find("FAILED")) << out[i].str();
    }
    ASSERT_EQ(0, Run({"months", "--format", "csv"}));
    EXPECT_NE(std::string::npos, out_.str().find("2021-04,contribution,a.csv")) << out_.str();
    EXPECT_NE(std::string::npos, out_.str().find("2021-05,contribution,b.csv")) << out_.str();
    auto db = Db::Open(db_);
    EXPECT_EQ(2, *(*db)->QueryInt("SELECT COUNT(*) FROM import"));
  }
}

TEST_F(CliTest, UserGroups) {
  ASSERT_EQ(0, Run({"groups", "add", "Mekong", "--countries", "KHM,LAO,THA,Viet Nam"}));
  ASSERT_EQ(0, Run({"groups", "--format", "csv"}));
  EXPECT_NE(std::string::npos, out_.str().find("Mekong,user,4,"));
  EXPECT_EQ(2, Run({"groups", "remove", "ASEAN"}));
  EXPECT_EQ("bluehelmet: 'ASEAN' is a built-in group and cannot be deleted\n", err_.str());
}

}  // namespace
}  // namespace bh
