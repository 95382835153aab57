// missions, mission: the missions' strength and share of women, and one
// mission's contributors (views/mission_views.h). Their filters are the
// shared ones (cli/filter_options.h), with the same names and meaning as on
// every data command.
#include <fmt/format.h>

#include "cli/cli.h"
#include "cli/filter_options.h"
#include "views/mission_views.h"

namespace bh {

void AddMissionCommands(CLI::App& app, CliContext& ctx) {
  {
    auto month = std::make_shared<std::string>();
    auto texts = std::make_shared<FigureFilterTexts>();
    CLI::App* cmd = app.add_subcommand(
        "missions",
        "Each mission's strength and share of women per category, with its host country and the months it "
        "appears in the reports: one month, or a series with --from/--to");
    auto* m = cmd->add_option("--month", *month, "YYYY-MM (default: the latest imported month)");
    FilterOptionMap opts = AddFigureFilterOptions(cmd, texts.get());
    opts["mission"]->description("Only these missions (comma-separated acronyms, e.g. UNMISS,MINUSCA)");
    opts["from"]->description("A series: first month (YYYY-MM), one row per month");
    opts["to"]->description("A series: last month (YYYY-MM)");
    opts["category"]->description(
        "Only these UGPS categories (contingents, mo_so, fpu, ipo, jc), or all: the All uniformed rows only");
    opts["countries"]->description("Count only these contributors (ISO3 codes or names)");
    opts["group"]->description("Count only this group's contributors (members as of each month)");
    m->excludes(opts["from"]);
    m->excludes(opts["to"]);
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, month, texts] {
      ctx.exit_code = ctx.RunTables([month, texts](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(std::optional<Month> in_month, ParseOptionalMonth(*month, "--month"));
        BH_ASSIGN_OR_RETURN(ParsedFigureFilter f, ParseFigureFilterOptions(db, ref, *texts));
        BH_ASSIGN_OR_RETURN(Table t, MissionsTable(db, ref, f, in_month));
        return std::vector<Table>{std::move(t)};
      });
    });
  }
  {
    auto month = std::make_shared<std::string>();
    auto by = std::make_shared<std::string>("total");
    auto name = std::make_shared<std::string>();
    auto texts = std::make_shared<FigureFilterTexts>();
    CLI::App* cmd = app.add_subcommand(
        "mission", "One mission's contributors in one month, ranked by total or by women, per category");
    cmd->add_option("mission", *name, "The mission's acronym (any case) or name, e.g. MINUSCA")->required();
    cmd->add_option("--month", *month, "YYYY-MM (default: the latest imported month)");
    cmd->add_option("--by", *by, "Rank by total or women (over the categories shown)")->capture_default_str();
    FilterOptionMap opts =
        AddFigureFilterOptions(cmd, texts.get(), kFilterCategory | kFilterType | kFilterCountries | kFilterGroup);
    opts["category"]->description(
        "Only these UGPS categories (contingents, mo_so, fpu, ipo, jc), or all: the All uniformed rows only");
    opts["countries"]->description("Only these contributors (ISO3 codes or names)");
    opts["group"]->description("Only this group's contributors (members that month)");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, month, by, name, texts] {
      ctx.exit_code =
          ctx.RunTables([month, by, name, texts](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
            BH_ASSIGN_OR_RETURN(std::optional<Month> m, ParseOptionalMonth(*month, "--month"));
            BH_ASSIGN_OR_RETURN(ContributorOrder order, ParseContributorOrder(*by, "--by"));
            BH_ASSIGN_OR_RETURN(ParsedFigureFilter f, ParseFigureFilterOptions(db, ref, *texts));
            BH_ASSIGN_OR_RETURN(Table t, MissionContributorsTable(db, ref, *name, f, m, order));
            return std::vector<Table>{std::move(t)};
          });
    });
  }
}

}  // namespace bh
