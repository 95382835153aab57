// `bluehelmet imports list|show|remove`: which files the figures come from,
// and taking one back out; `bluehelmet anomalies`: what the plausibility
// checks found; `bluehelmet errata`: corrections made in the open. Handlers have the one shape (CliContext::
// RunTables): arguments in, a view's tables out.
#include <fmt/format.h>

#include <cstdlib>
#include <set>

#include "base/file_util.h"
#include "checks/plausibility.h"
#include "cli/cli.h"
#include "store/contribution_store.h"
#include "store/errata.h"
#include "views/core_views.h"
#include "views/trust_views.h"

namespace bh {

namespace {

// `errata list|add|remove|import`: corrections made in the open.
void RegisterErrataCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* errata =
      app.add_subcommand("errata", "Corrections of the UN's figures, with their reasons: list, add, remove, import");
  errata->require_subcommand(1);
  {
    auto month = std::make_shared<std::string>();
    CLI::App* cmd = errata->add_subcommand("list", "Every correction: printed and corrected figures, why, who");
    cmd->add_option("--month", *month, "YYYY-MM");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, month] {
      ctx.exit_code = ctx.RunTables([month](Db* db, const Reference&) -> Result<std::vector<Table>> {
        std::optional<Month> m;
        if (!month->empty()) {
          BH_ASSIGN_OR_RETURN(m, Month::Parse(*month));
        }
        BH_ASSIGN_OR_RETURN(Table t, ErrataTable(db, m));
        return std::vector<Table>{t};
      });
    });
  }
  {
    struct Args {
      std::string month, country, mission, type, reason, evidence, author, kind = "sex_swapped";
      int64_t women = -1, men = -1;
      bool from_anomalies = false;
      CLI::Option* author_option = nullptr;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd = errata->add_subcommand(
        "add", "Correct one cell (--women/--men), or every swapped row a month's checks found (--from-anomalies)");
    cmd->add_option("--month", a->month, "YYYY-MM")->required();
    cmd->add_option("--country", a->country, "ISO3 code or name");
    cmd->add_option("--mission", a->mission, "Mission acronym, where the source gives one");
    cmd->add_option("--type", a->type, "Personnel type (code or label, e.g. TRP or Troops)");
    cmd->add_option("--women", a->women, "Corrected number of women")->check(CLI::NonNegativeNumber);
    cmd->add_option("--men", a->men, "Corrected number of men")->check(CLI::NonNegativeNumber);
    cmd->add_flag("--from-anomalies", a->from_anomalies,
                  "Swap the sexes of every row the plausibility checks found swapped in the month");
    cmd->add_option("--reason", a->reason, "Why (required)")->required();
    cmd->add_option("--evidence", a->evidence, "What shows it (default with --from-anomalies: the neighbours)");
    a->author_option = cmd->add_option("--author", a->author, "Who makes the correction (default: $USER)");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, a] {
      ctx.exit_code = ctx.RunTables([&ctx, a](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(Month month, Month::Parse(a->month));
        std::string author = a->author;
        if (a->author_option->count() == 0 && std::getenv("USER")) author = std::getenv("USER");
        std::vector<Fields> add;
        if (a->from_anomalies) {
          if (!a->country.empty() || !a->type.empty() || a->women >= 0 || a->men >= 0) {
            return Status::InvalidArgument(
                "--from-anomalies takes the cells from the findings: no --country, "
                "--type, --women or --men");
          }
          BH_ASSIGN_OR_RETURN(std::vector<Erratum> found,
                              ErrataFromAnomalies(db, month, a->reason, a->evidence, author));
          for (const Erratum& e : found) add.push_back(ErratumFields(e));
        } else {
          if (a->country.empty() || a->type.empty() || a->women < 0 || a->men < 0) {
            return Status::InvalidArgument(
                "give the cell (--country, --type, and --mission where the source gives "
                "one) and the corrected --women and --men, or --from-anomalies");
          }
          add.push_back(Fields{{"Month", a->month},
                               {"ISO3", a->country},
                               {"Mission", a->mission},
                               {"Type", a->type},
                               {"Women", std::to_string(a->women)},
                               {"Men", std::to_string(a->men)},
                               {"Reason", a->reason},
                               {"Evidence", a->evidence},
                               {"Author", author}});
        }
        for (const Fields& f : add) BH_RETURN_IF_ERROR(WriteErratum(db, ref, f, WriteMode::kAdd).status());
        ctx.Say(fmt::format("{} correction(s) added for {}", add.size(), a->month));
        BH_ASSIGN_OR_RETURN(Table t, ErrataTable(db, month));
        return std::vector<Table>{t};
      });
    });
  }
  {
    auto id = std::make_shared<std::string>();
    CLI::App* cmd = errata->add_subcommand("remove", "Delete one correction; the figures as printed stand again");
    cmd->add_option("id", *id, "The correction's id (see 'errata list')")->required();
    cmd->callback([&ctx, id] {
      ctx.exit_code = ctx.RunTables([&ctx, id](Db* db, const Reference&) -> Result<std::vector<Table>> {
        BH_RETURN_IF_ERROR(RemoveErratum(db, *id));
        ctx.Say(fmt::format("removed correction {}", *id));
        return std::vector<Table>{};
      });
    });
  }
  {
    auto path = std::make_shared<std::string>();
    CLI::App* cmd = errata->add_subcommand(
        "import", "Load corrections from a CSV written by 'errata list --format csv' (e.g. the shipped data/errata)");
    cmd->add_option("file", *path, "CSV file")->required();
    cmd->callback([&ctx, path] {
      ctx.exit_code = ctx.RunTables([&ctx, path](Db* db, const Reference&) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(std::string csv, ReadFile(*path));
        BH_ASSIGN_OR_RETURN(int64_t added, ImportErrataCsv(db, csv, BaseName(*path)));
        ctx.Say(fmt::format("{} correction(s) added from {}", added, BaseName(*path)));
        return std::vector<Table>{};
      });
    });
  }
}

}  // namespace

void AddTrustCommands(CLI::App& app, CliContext& ctx) {
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
    AddTableOption(cmd, ctx, {"import", "months"});
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
    CLI::App* cmd = app.add_subcommand("anomalies",
                                       "What the plausibility checks found: swapped sexes, jumps in the "
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
        BH_ASSIGN_OR_RETURN(AnomalyFilter f, ParseAnomalyFilter(ref, a->month, a->country, a->kind, "--kind"));
        BH_ASSIGN_OR_RETURN(Table t, AnomaliesTable(db, ref, f));
        return std::vector<Table>{t};
      });
    });
  }
  RegisterErrataCommands(app, ctx);
}

}  // namespace bh
