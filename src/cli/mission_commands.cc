// missions, mission: the missions' strength and share of women, and one
// mission's contributors (views/mission_views.h). Their filters are the
// shared ones (--from, --to, --category, ...), with the same names and
// meaning as on every data command.
#include <fmt/format.h>

#include "base/strings.h"
#include "cli/cli.h"
#include "query/missions.h"
#include "views/mission_views.h"

namespace bh {
namespace {

struct MissionArgs {
  std::string month, from, to, missions, category;
  std::string by = "total";
};

}  // namespace

void AddMissionCommands(CLI::App& app, CliContext& ctx) {
  {
    auto a = std::make_shared<MissionArgs>();
    CLI::App* cmd = app.add_subcommand(
        "missions",
        "Each mission's strength and share of women per category, with its host country and the months it "
        "appears in the reports: one month, or a series with --from/--to");
    cmd->add_option("--month", a->month, "YYYY-MM (default: the latest imported month)");
    cmd->add_option("--from", a->from, "First month of a series (YYYY-MM)");
    cmd->add_option("--to", a->to, "Last month of a series (YYYY-MM)");
    cmd->add_option("--mission", a->missions, "Only these missions (comma-separated acronyms, e.g. UNMISS,MINUSCA)");
    cmd->add_option("--category", a->category, "Only these UGPS categories: contingents, mo_so, fpu, ipo");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, a] {
      ctx.exit_code = ctx.RunTables([a](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(std::optional<Month> month, ParseOptionalMonth(a->month, "--month"));
        BH_ASSIGN_OR_RETURN(FigureFilter f, ParseMissionFilter(db, a->from, a->to, a->missions, a->category, "--"));
        BH_ASSIGN_OR_RETURN(Table t, MissionsTable(db, ref, f, month));
        return std::vector<Table>{std::move(t)};
      });
    });
  }
  {
    auto a = std::make_shared<MissionArgs>();
    auto name = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand(
        "mission", "One mission's contributors in one month, ranked by total or by women, per category");
    cmd->add_option("mission", *name, "The mission's acronym (any case) or name, e.g. MINUSCA")->required();
    cmd->add_option("--month", a->month, "YYYY-MM (default: the latest imported month)");
    cmd->add_option("--by", a->by, "Rank by total (all personnel shown) or women")->capture_default_str();
    cmd->add_option("--category", a->category, "Only these UGPS categories: contingents, mo_so, fpu, ipo");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, a, name] {
      ctx.exit_code = ctx.RunTables([a, name](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(std::optional<Month> month, ParseOptionalMonth(a->month, "--month"));
        BH_ASSIGN_OR_RETURN(ContributorOrder order, ParseContributorOrder(a->by, "--by"));
        BH_ASSIGN_OR_RETURN(FigureFilter f, ParseMissionFilter(db, a->from, a->to, a->missions, a->category, "--"));
        BH_ASSIGN_OR_RETURN(Table t, MissionContributorsTable(db, ref, *name, f, month, order));
        return std::vector<Table>{std::move(t)};
      });
    });
  }
}

}  // namespace bh
