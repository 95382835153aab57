// `bluehelmet imports list|show|remove`: which files the figures come from,
// and taking one back out; `bluehelmet anomalies`: what the plausibility
// checks found. Handlers have the one shape (CliContext::
// RunTables): arguments in, a view's tables out.
#include <fmt/format.h>

#include <set>

#include "checks/plausibility.h"
#include "cli/cli.h"
#include "store/contribution_store.h"
#include "views/core_views.h"
#include "views/trust_views.h"

namespace bh {

void RegisterTrustCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* imports = app.add_subcommand("imports", "Imported files: list them, show one, remove one");
  imports->require_subcommand(1);
  {
    CLI::App* cmd = imports->add_subcommand("list", "Every imported file with its SHA-256, months and state");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx] {
      ctx.exit_code = ctx.RunTables([](Db* db, const Reference&) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(Table t, ImportsTable(db));
        return std::vector<Table>{t};
      });
    });
  }
  {
    auto id = std::make_shared<int64_t>(0);
    CLI::App* cmd = imports->add_subcommand("show", "One import: its provenance and the months it covers");
    cmd->add_option("id", *id, "The import's number (see 'imports list')")->required()->check(CLI::PositiveNumber);
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, id] {
      ctx.exit_code = ctx.RunTables([id](Db* db, const Reference&) { return ImportDetailTables(db, *id); });
    });
  }
  {
    auto id = std::make_shared<int64_t>(0);
    CLI::App* cmd = imports->add_subcommand(
        "remove", "Delete an import and its rows; each month it supplied goes back to the file it had replaced");
    cmd->add_option("id", *id, "The import's number (see 'imports list')")->required()->check(CLI::PositiveNumber);
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, id] {
      ctx.exit_code = ctx.RunTables([&ctx, id](Db* db, const Reference&) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(RemovedImport r, RemoveImport(db, *id));
        ctx.Say(fmt::format("removed import #{} {} ({} rows, {} month(s) it supplied)", r.id, r.file_name, r.rows,
                            r.months.size()));
        std::set<Month> months;
        for (const RemovedImport::MonthChange& c : r.months) months.insert(c.month);
        if (!months.empty()) BH_RETURN_IF_ERROR(RecheckMonths(db, months).status());
        return std::vector<Table>{RemovedImportTable(r)};
      });
    });
  }
  {
    struct Args {
      std::string month, country, kind;
      bool recheck = false;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd = app.add_subcommand("anomalies", "What the plausibility checks found: swapped sexes, jumps in the "
                                                    "share of women, countries missing for a month");
    cmd->add_option("--month", a->month, "YYYY-MM");
    cmd->add_option("--country", a->country, "ISO3 code or name");
    cmd->add_option("--kind", a->kind, "sex_swapped, share_jump, month_share_jump or gap");
    cmd->add_flag("--recheck", a->recheck, "Run the checks again over every imported month first");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, a] {
      ctx.exit_code = ctx.RunTables([&ctx, a](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
        if (a->recheck) {
          BH_ASSIGN_OR_RETURN(RecheckSummary r, RecheckAllMonths(db));
          ctx.Say(fmt::format("plausibility: {} finding(s) in {} month(s) checked", r.found.size(), r.months.size()));
        }
        AnomalyFilter f;
        if (!a->month.empty()) {
          BH_ASSIGN_OR_RETURN(f.month, Month::Parse(a->month));
        }
        if (!a->country.empty()) {
          BH_ASSIGN_OR_RETURN(f.iso3, ref.ResolveCountry(a->country));
        }
        if (!a->kind.empty()) {
          f.kind = KindFromCode(a->kind);
          if (!f.kind) {
            return Status::InvalidArgument(fmt::format(
                "--kind: '{}' is not one of sex_swapped, share_jump, month_share_jump, gap", a->kind));
          }
        }
        BH_ASSIGN_OR_RETURN(Table t, AnomaliesTable(db, ref, f));
        return std::vector<Table>{t};
      });
    });
  }
}

}  // namespace bh
