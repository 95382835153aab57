// The machine-format rule (README, "Machine formats"), checked on every
// command that prints data, found in the app itself (a new command is
// covered when it is added), over a database with real figures (the UN's
// report of August 2020, whose shipped errata apply), a register and EWG
// records:
//   - numbers are numbers: no text cell is a number in disguise ("12 %",
//     "52 of 65", "1,225", "3 month(s)") or a placeholder ("-", "n/a");
//   - CSV is one header row and the rows, nothing else (no "# title", no
//     second table), as many fields on every row;
//   - JSON is one object {"tables": {NAME: {title, columns, rows, notes}}}
//     whether the command has one table or several;
//   - JSON Lines is one object per row with the CSV's columns;
//   - CSV, JSON and JSON Lines hold the same columns and rows.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "base/csv.h"
#include "base/strings.h"
#include "cli/cli.h"
#include "cli/cli_test_fixture.h"

namespace bh {
namespace {

// Why `s`, a text value, breaks the rule; "" when it does not. A text
// that starts with a figure is a number in disguise, unless it is a date, a
// month or a range of them ("2020-08..2025-07"), which are labels.
std::string Disguised(const std::string& s) {
  static const std::regex number(R"(^[-+]?[0-9][0-9,]*(\.[0-9]+)?$)");
  static const std::regex starts_with_figure(R"(^[-+]?[0-9])");
  // A year, a month or a day, alone, with a time or as a range's start.
  static const std::regex date(R"(^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?([T .:0-9Z+-]| to |$))");
  // Labels that start with a figure: a SHA-256, an ordinal ("14th meeting").
  static const std::regex label(R"(^([0-9a-f]{64}$|[0-9]+(st|nd|rd|th) ))");
  if (s == "-" || s == "n/a" || s == "none") return "a placeholder for nothing (want null)";
  if (std::regex_search(s, date) || std::regex_search(s, label)) return "";
  if (std::regex_match(s, number)) return "a number as text";
  if (std::regex_search(s, starts_with_figure)) return "a number with text";
  return "";
}

// The command paths with --format, and the arguments each needs to print
// data over the fixture's database.
std::vector<std::vector<std::string>> CommandsWithFormat() {
  std::vector<std::vector<std::string>> commands;
  std::ostringstream ignored;
  CLI::App app{"", "bluehelmet"};
  CliContext ctx(ignored, ignored, false);
  ConfigureCli(app, ctx);
  std::function<void(CLI::App*, std::vector<std::string>)> walk = [&](CLI::App* cmd, std::vector<std::string> path) {
    if (!path.empty() && cmd->get_option_no_throw("--format") != nullptr) commands.push_back(path);
    for (CLI::App* sub : cmd->get_subcommands({})) {
      if (sub->get_name().empty()) continue;
      std::vector<std::string> p = path;
      p.push_back(sub->get_name());
      walk(sub, p);
    }
  };
  walk(&app, {});
  return commands;
}

class MachineFormatTest : public CliFixture {
 protected:
  // Every text value of `j`'s rows that breaks the rule, "table.column:
  // 'value': why".
  static void CheckValues(const std::string& where, const nlohmann::json& table, std::vector<std::string>* bad) {
    for (const auto& row : table["rows"]) {
      for (const auto& [column, value] : row.items()) {
        if (!value.is_string()) continue;
        std::string why = Disguised(value.get<std::string>());
        if (!why.empty()) bad->push_back(fmt::format("{} {}: '{}': {}", where, column, value.get<std::string>(), why));
      }
    }
  }
};

TEST_F(MachineFormatTest, EveryCommandFollowsTheRule) {
  const std::string shared = BLUEHELMET_SHARED_DIR;
  const std::string source = BLUEHELMET_SOURCE_DIR;
  ASSERT_EQ(0, Run({"import", shared + "/data/raw/un_country_contributions_pdf/UN_country_contributions_2020_08.pdf"}))
      << err_.str();
  ASSERT_EQ(0, Run({"register", "import", source + "/data/examples/vnm_register_illustrative"})) << err_.str();
  ASSERT_EQ(0, Run({"ewg", "import", source + "/data/examples/ewg_pko_cycle4_activities.csv",
                    source + "/data/examples/ewg_pko_cycle4_participants_ILLUSTRATIVE.csv"}))
      << err_.str();

  // Commands whose --format is not a table format, or that only change the
  // database (removing or adding records), with the reason.
  const std::map<std::string, std::string> skipped = {
      {"report", "--format html|xlsx: a publication"},
      {"export", "--format csv|jsonl: the tidy table (ExportCommandsTest)"},
      {"imports remove", "removes an import"},
      {"errata add", "adds a correction"},
      {"project", "needs 12 months of figures; ProjectionViewsTest and ApiTest check its tables"},
  };
  // Arguments a command needs to print data here; a command not listed
  // runs with none. Commands that change the database are listed with
  // arguments that print their summary without changing anything new.
  const std::map<std::string, std::vector<std::string>> args = {
      {"import", {shared + "/data/raw/un_country_contributions_pdf/UN_country_contributions_2020_08.pdf"}},
      {"country", {"BGD"}},
      {"mission", {"MINUSCA"}},
      {"groups show", {"ASEAN"}},
      {"source", {"--month", "2020-08", "--country", "BGD", "--mission", "MINUSCA"}},
      {"imports show", {"1"}},
      {"ewg report", {"--ewg", "PKO", "--cycle", "4"}},
      {"register summary", {"--country", "VNM", "--as-of", "2021-04-06"}},
      {"register headcount", {"--country", "VNM"}},
      {"register reconcile", {"--country", "VNM", "--month", "2020-08"}},
      {"register plan", {"--country", "VNM", "--unit", "L2FH-3", "--year", "2022"}},
      {"register import", {source + "/data/examples/vnm_register_illustrative"}},
      {"ewg import", {source + "/data/examples/ewg_pko_cycle4_activities.csv"}},
  };
  std::vector<std::string> bad;
  int checked = 0;
  for (const std::vector<std::string>& path : CommandsWithFormat()) {
    std::string name = Join(path, " ");
    SCOPED_TRACE(name);
    if (skipped.count(name)) continue;
    std::vector<std::string> base = path;
    if (auto it = args.find(name); it != args.end()) base.insert(base.end(), it->second.begin(), it->second.end());
    std::vector<std::string> cmd = base;
    cmd.insert(cmd.end(), {"--format", "json"});
    if (Run(cmd) != 0) {
      ADD_FAILURE() << name << ": give it arguments that print data here: " << err_.str();
      continue;
    }
    nlohmann::json j;
    ASSERT_NO_THROW(j = nlohmann::json::parse(out_.str())) << out_.str();
    ASSERT_TRUE(j.is_object());
    ASSERT_EQ(1u, j.size()) << "one key, \"tables\": " << out_.str().substr(0, 200);
    ASSERT_TRUE(j["tables"].is_object());
    ASSERT_FALSE(j["tables"].empty());
    for (const auto& [tname, t] : j["tables"].items()) {
      EXPECT_TRUE(t.contains("title") && t.contains("columns") && t.contains("rows") && t.contains("notes")) << tname;
      CheckValues(name + " [" + tname + "]", t, &bad);
    }
    ++checked;
    // CSV and JSON Lines: one table, the first unless --table picks
    // another; the same columns and rows as the JSON's table.
    std::vector<std::string> names;
    for (const auto& [tname, t] : j["tables"].items()) names.push_back(tname);
    for (const std::string& tname : names) {
      const nlohmann::json& t = j["tables"][tname];
      std::vector<std::string> with_table = base;
      if (names.size() > 1) with_table.insert(with_table.end(), {"--table", tname});
      std::vector<std::string> csv_cmd = with_table;
      csv_cmd.insert(csv_cmd.end(), {"--format", "csv"});
      ASSERT_EQ(0, Run(csv_cmd)) << err_.str();
      std::string csv = out_.str();
      CsvReader r(csv, name);
      std::vector<std::string_view> fields;
      ASSERT_TRUE(r.Next(&fields)) << name;
      std::vector<std::string> header(fields.begin(), fields.end());
      EXPECT_EQ(t["columns"].get<std::vector<std::string>>(), header) << name << " [" << tname << "]";
      size_t rows = 0;
      while (r.Next(&fields)) {
        ++rows;
        EXPECT_EQ(header.size(), fields.size()) << name << " line " << r.line();
      }
      EXPECT_TRUE(r.status().ok()) << r.status().message();
      EXPECT_EQ(t["rows"].size(), rows) << name << " [" << tname << "]: a second table or a title line in the CSV?";
      EXPECT_EQ(std::string::npos, csv.find("\n#")) << name;
      EXPECT_FALSE(csv.starts_with("#")) << name;

      std::vector<std::string> jsonl_cmd = with_table;
      jsonl_cmd.insert(jsonl_cmd.end(), {"--format", "jsonl"});
      ASSERT_EQ(0, Run(jsonl_cmd)) << err_.str();
      std::istringstream lines(out_.str());
      std::string line;
      size_t n = 0;
      while (std::getline(lines, line)) {
        nlohmann::json o;
        ASSERT_NO_THROW(o = nlohmann::json::parse(line)) << line;
        ASSERT_LT(n, t["rows"].size());
        EXPECT_EQ(t["rows"][n], o) << name << " row " << n;
        ++n;
      }
      EXPECT_EQ(t["rows"].size(), n) << name;
    }
  }
  EXPECT_GE(checked, 29);
  EXPECT_TRUE(bad.empty()) << bad.size() << " value(s) break the rule:\n" << Join(bad, "\n");
}

TEST_F(MachineFormatTest, ScorecardTargetAndRankAreNumbersWithTheirLabelsBeside) {
  ASSERT_EQ(0, Run({"import", std::string(BLUEHELMET_SHARED_DIR) +
                                  "/data/raw/un_country_contributions_pdf/UN_country_contributions_2025_07.pdf"}));
  ASSERT_EQ(0, Run({"scorecard", "--countries", "BGD", "--format", "csv"}));
  std::string csv = out_.str();
  EXPECT_EQ(0u, csv.find("Country,ISO3,Category,Women,Total,Share,Target,Status,Women needed,Rank (women),"
                         "Rank (share),Ranked countries,Target kind\n"))
      << csv;
  ASSERT_EQ(0, Run({"scorecard", "--countries", "BGD", "--format", "json"}));
  nlohmann::json j = nlohmann::json::parse(out_.str());
  // Bangladesh's first row with a target.
  nlohmann::json row;
  for (const nlohmann::json& r : j["tables"]["scorecard"]["rows"]) {
    if (!r["Target"].is_null()) {
      row = r;
      break;
    }
  }
  ASSERT_FALSE(row.is_null());
  EXPECT_EQ("Bangladesh", row["Country"]);
  EXPECT_TRUE(row["Target"].is_number()) << row.dump();
  EXPECT_TRUE(row["Rank (women)"].is_number_integer()) << row.dump();
  EXPECT_TRUE(row["Ranked countries"].is_number_integer()) << row.dump();
  EXPECT_TRUE(row["Target kind"] == "sourced" || row["Target kind"] == "interpolated") << row.dump();
  // The terminal keeps its texts: "8 of 65" and no machine-only column.
  ASSERT_EQ(0, Run({"scorecard", "--countries", "BGD"}));
  EXPECT_EQ(std::string::npos, out_.str().find("Target kind")) << out_.str();
  EXPECT_EQ(std::string::npos, out_.str().find("Ranked countries")) << out_.str();
}

TEST_F(MachineFormatTest, SeveralTablesOnePerStream) {
  ASSERT_EQ(0, Run({"import", std::string(BLUEHELMET_SHARED_DIR) +
                                  "/data/raw/un_country_contributions_pdf/UN_country_contributions_2020_08.pdf"}));
  ASSERT_EQ(0, Run({"country", "BGD", "--format", "csv"}));
  EXPECT_EQ(0u, out_.str().find("Month,Category,Women,Men,Total,Share,Target,Status,Target kind\n")) << out_.str();
  EXPECT_EQ("note: csv holds one table: 'monthly'; the others with --table annual\n", err_.str());
  ASSERT_EQ(0, Run({"country", "BGD", "--format", "csv", "--table", "annual"}));
  EXPECT_EQ(0u, out_.str().find("Year,Category,Months,Mean women,Mean total,Share,Change (points)\n")) << out_.str();
  EXPECT_EQ("", err_.str());
  EXPECT_EQ(2, Run({"country", "BGD", "--format", "csv", "--table", "yearly"}));
  EXPECT_EQ("bluehelmet: --table: --table yearly: no such table (want monthly, annual)\n", err_.str());
  ASSERT_EQ(0, Run({"country", "BGD", "--format", "json"}));
  nlohmann::json j = nlohmann::json::parse(out_.str());
  EXPECT_EQ(2u, j["tables"].size());
  EXPECT_TRUE(j["tables"].contains("monthly") && j["tables"].contains("annual"));
}

}  // namespace
}  // namespace bh
