// project: a country's or a group's share of women carried forward to 2028
// (views/projection_views.h), and --backtest, the method checked on the past.
#include <fmt/format.h>

#include "base/strings.h"
#include "cli/cli.h"
#include "views/projection_views.h"

namespace bh {
namespace {

struct ProjectArgs {
  std::string country, group, to;
  int months = kDefaultProjectionWindow;
  bool backtest = false;
  bool monthly = false;
  std::string origin = "2021-12";
  std::string horizons = "12,24,36";
};

Result<std::vector<int>> ParseHorizons(std::string_view text) {
  std::vector<int> out;
  for (std::string_view part : Split(text, ',')) {
    auto n = ParseWholeNumber(Trim(part));
    if (!n || *n < 1 || *n > 240) {
      return Status::InvalidArgument(fmt::format("--horizons: '{}' is not a number of months from 1 to 240", part));
    }
    out.push_back(static_cast<int>(*n));
  }
  return out;
}

Result<std::vector<Table>> RunProject(Db* db, const Reference& ref, const ProjectArgs& a) {
  if (a.backtest) {
    if (!a.country.empty() || !a.group.empty() || !a.to.empty() || a.monthly) {
      return Status::InvalidArgument(
          "project --backtest covers the ADMM-Plus members and groups from --origin; --country, --group, --to and "
          "--monthly do not apply");
    }
    BH_ASSIGN_OR_RETURN(Month origin, Month::Parse(a.origin));
    BH_ASSIGN_OR_RETURN(std::vector<int> horizons, ParseHorizons(a.horizons));
    return ProjectionBacktestTables(db, ref, origin, a.months, horizons);
  }
  ProjectionQuery q;
  q.country = a.country;
  q.group = a.group;
  q.months = a.months;
  q.monthly = a.monthly;
  if (!a.to.empty()) {
    BH_ASSIGN_OR_RETURN(q.to, Month::Parse(a.to));
  }
  return ProjectionTables(db, ref, q);
}

}  // namespace

void AddProjectionCommands(CLI::App& app, CliContext& ctx) {
  auto a = std::make_shared<ProjectArgs>();
  CLI::App* cmd = app.add_subcommand(
      "project",
      "PROJECTION, not a forecast: a country's or group's recent trend of the share of women per category "
      "(Theil-Sen, with a 90 % interval) carried to 2028: when it reaches each year's target, the gap in 2028, "
      "the women needed at today's strength");
  auto* c = cmd->add_option("--country", a->country, "ISO3 code or name, e.g. VNM");
  auto* g = cmd->add_option("--group", a->group, "A country group, e.g. ASEAN (members as of each month)");
  c->excludes(g);
  cmd->add_option("--months", a->months, "Fit the trend over this many months (12 to 120)")->capture_default_str();
  cmd->add_option("--to", a->to, "The last month the fit uses (YYYY-MM; default: the latest imported month)");
  cmd->add_flag("--monthly", a->monthly,
                "Add the table 'path': the central line and its 90 % band for each month to 2028-12");
  cmd->add_flag("--backtest", a->backtest,
                "Check the method on the past: fit up to --origin for the ADMM-Plus members and groups, compare "
                "with the reports --horizons months later");
  cmd->add_option("--origin", a->origin, "With --backtest: the last month of the fits")->capture_default_str();
  cmd->add_option("--horizons", a->horizons, "With --backtest: months ahead to compare, comma-separated")
      ->capture_default_str();
  AddFormatOption(cmd, ctx);
  AddTableOption(cmd, ctx, {"projection", "crossings", "women_needed", "path", "backtest", "backtest_summary"});
  cmd->callback([&ctx, a] {
    ctx.exit_code = ctx.RunTables([a](Db* db, const Reference& ref) { return RunProject(db, ref, *a); });
  });
}

}  // namespace bh
