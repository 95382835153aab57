// `bluehelmet ewg ...`: the ADMM-Plus Experts' Working Groups. Lists, add and
// edit of every record kind, CSV import and export, and the cycle report.
// Handlers have the one shape (CliContext::RunTables): options in, a view's
// tables out (views/ewg_views.h).
//
// Add and edit (cli/record_commands.h) go through the same column parsing
// and rules as a CSV import (ewg_csv.h, ewg_store.h): each option is a
// column (--co-chairs is column co_chairs), and errors name "command line"
// as their place.
#include <fmt/format.h>

#include <map>
#include <set>

#include "base/file_util.h"
#include "base/strings.h"
#include "cli/cli.h"
#include "cli/record_commands.h"
#include "ewg/cycle_report.h"
#include "ewg/ewg_csv.h"
#include "ewg/ewg_store.h"
#include "views/cycle_report_view.h"
#include "views/ewg_views.h"

namespace bh {

namespace {

using Tables = Result<std::vector<Table>>;

Tables One(Result<Table> t) {
  if (!t.ok()) return t.status();
  return std::vector<Table>{std::move(*t)};
}

Result<std::optional<int>> OptCycle(int cycle) {
  if (cycle < 0) return Status::InvalidArgument("--cycle must be a positive number");
  return cycle == 0 ? std::optional<int>() : std::optional<int>(cycle);
}

// `ewg NOUN VERB`: one record kind's write commands (cli/record_commands.h).
void AddRecordCommands(CLI::App* ewg, CliContext& ctx, EwgKind kind, const std::string& help,
                       std::initializer_list<std::pair<WriteMode, const char*>> verbs) {
  CLI::App* noun = ewg->add_subcommand(SpecOf(kind).noun, help);
  noun->require_subcommand(1);
  for (const auto& [mode, verb_help] : verbs) {
    WriteMode m = mode;
    AddRecordWriteCommand(
        noun, ctx, SpecOf(kind), mode, verb_help,
        [kind, m](Db* db, const Reference& ref, const Fields& given) { return WriteRecord(db, ref, kind, given, m); });
  }
}

// ---------------------------------------------------------------- import / export

Tables Import(Db* db, const Reference& ref, const std::vector<std::string>& paths) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& path : paths) {
    BH_ASSIGN_OR_RETURN(std::string data, ReadFile(path));
    files.emplace_back(BaseName(path), std::move(data));
  }
  return One(ImportEwgFiles(db, ref, files));
}

struct ExportArgs {
  std::string kind, ewg, out;
  int cycle = 0;
};

Tables Export(CliContext& ctx, Db* db, const Reference& ref, const ExportArgs& a) {
  BH_ASSIGN_OR_RETURN(EwgKind kind, EwgKindFromName(a.kind));
  BH_ASSIGN_OR_RETURN(std::optional<int> cycle, OptCycle(a.cycle));
  if (!a.ewg.empty()) BH_RETURN_IF_ERROR(GetEwg(db, a.ewg).status());
  BH_ASSIGN_OR_RETURN(std::string csv, ExportCsv(db, ref, kind, a.ewg, cycle));
  if (a.out.empty()) {
    ctx.out() << csv;
  } else {
    BH_RETURN_IF_ERROR(WriteFile(a.out, csv));
    ctx.Say(fmt::format("wrote {} to {}", SpecOf(kind).file, a.out));
  }
  return std::vector<Table>{};
}

struct ReportArgs {
  std::string ewg, at_start, at_end;
  int cycle = 0;
};

Tables Report(Db* db, const Reference& ref, const ReportArgs& a) {
  CycleReportOptions options;
  if (!a.at_start.empty()) {
    BH_ASSIGN_OR_RETURN(options.at_start, Month::Parse(a.at_start));
  }
  if (!a.at_end.empty()) {
    BH_ASSIGN_OR_RETURN(options.at_end, Month::Parse(a.at_end));
  }
  BH_ASSIGN_OR_RETURN(CycleReport r, BuildCycleReport(db, ref, a.ewg, a.cycle, options));
  return CycleReportTables(r, ref);
}

}  // namespace

void AddEwgCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* ewg = app.add_subcommand("ewg",
                                     "ADMM-Plus Experts' Working Groups: members, cycles, co-chairs, "
                                     "activities, participants, cycle report");
  ewg->require_subcommand(1);

  CLI::App* list = ewg->add_subcommand("list", "The seven EWGs, with sources");
  AddFormatOption(list, ctx);
  list->callback(
      [&ctx] { ctx.exit_code = ctx.RunTables([](Db* db, const Reference&) { return One(EwgListTable(db)); }); });

  CLI::App* members = ewg->add_subcommand("members", "The 18 ADMM-Plus members (ASEAN or Plus) and observers");
  AddFormatOption(members, ctx);
  members->callback([&ctx] {
    ctx.exit_code = ctx.RunTables([](Db* db, const Reference& ref) { return One(EwgMembersTable(db, ref)); });
  });

  struct Filter {
    std::string ewg, activity;
    int cycle = 0;
  };
  auto add_filter = [](CLI::App* c, Filter* f, bool cycle) {
    c->add_option("--ewg", f->ewg, "EWG code, e.g. PKO (default: all)");
    if (cycle) c->add_option("--cycle", f->cycle, "Cycle number (default: all)");
  };

  {
    auto f = std::make_shared<Filter>();
    CLI::App* c = ewg->add_subcommand("cycles", "Cycles with their dates and co-chairs");
    add_filter(c, f.get(), false);
    AddFormatOption(c, ctx);
    c->callback([&ctx, f] {
      ctx.exit_code = ctx.RunTables([f](Db* db, const Reference& ref) { return One(EwgCyclesTable(db, ref, f->ewg)); });
    });
    AddRecordCommands(ewg, ctx, EwgKind::kCycle, "Add or edit a cycle",
                      {{WriteMode::kAdd, "Add a cycle (one ASEAN and one Plus co-chair)"},
                       {WriteMode::kEdit, "Change a cycle's fields (key: --ewg, --cycle)"}});
  }
  {
    auto f = std::make_shared<Filter>();
    CLI::App* c = ewg->add_subcommand("activities", "Activities with dates, venue, host and themes");
    add_filter(c, f.get(), true);
    AddFormatOption(c, ctx);
    c->callback([&ctx, f] {
      ctx.exit_code = ctx.RunTables([f](Db* db, const Reference& ref) -> Tables {
        BH_ASSIGN_OR_RETURN(std::optional<int> cycle, OptCycle(f->cycle));
        return One(EwgActivitiesTable(db, ref, f->ewg, cycle));
      });
    });
    AddRecordCommands(ewg, ctx, EwgKind::kActivity, "Add or edit an activity",
                      {{WriteMode::kAdd, "Add an activity (key: --ref)"},
                       {WriteMode::kEdit, "Change an activity's fields (key: --ref)"}});
  }
  {
    auto f = std::make_shared<Filter>();
    CLI::App* c = ewg->add_subcommand("participants", "Delegations by activity and country, with counts by sex");
    add_filter(c, f.get(), true);
    c->add_option("--activity", f->activity, "One activity's ref");
    AddFormatOption(c, ctx);
    c->callback([&ctx, f] {
      ctx.exit_code = ctx.RunTables([f](Db* db, const Reference& ref) -> Tables {
        BH_ASSIGN_OR_RETURN(std::optional<int> cycle, OptCycle(f->cycle));
        return One(EwgParticipantsTable(db, ref, f->ewg, cycle, f->activity));
      });
    });
    AddRecordCommands(
        ewg, ctx, EwgKind::kParticipant, "Record a delegation",
        {{WriteMode::kSet, "Add or replace a country's delegation at an activity (key: --activity, --country)"}});
  }
  {
    auto f = std::make_shared<Filter>();
    CLI::App* c = ewg->add_subcommand("workplan", "Work-plan items with their status");
    add_filter(c, f.get(), true);
    AddFormatOption(c, ctx);
    c->callback([&ctx, f] {
      ctx.exit_code = ctx.RunTables([f](Db* db, const Reference&) -> Tables {
        BH_ASSIGN_OR_RETURN(std::optional<int> cycle, OptCycle(f->cycle));
        return One(EwgWorkplanTable(db, f->ewg, cycle));
      });
    });
    AddRecordCommands(ewg, ctx, EwgKind::kWorkplanItem, "Add or edit a work-plan item",
                      {{WriteMode::kAdd, "Add a work-plan item (key: --ref)"},
                       {WriteMode::kEdit, "Change a work-plan item (key: --ref)"}});
  }
  {
    auto f = std::make_shared<Filter>();
    CLI::App* c = ewg->add_subcommand("outcomes", "Outcomes and documents");
    add_filter(c, f.get(), true);
    AddFormatOption(c, ctx);
    c->callback([&ctx, f] {
      ctx.exit_code = ctx.RunTables([f](Db* db, const Reference&) -> Tables {
        BH_ASSIGN_OR_RETURN(std::optional<int> cycle, OptCycle(f->cycle));
        return One(EwgOutcomesTable(db, f->ewg, cycle));
      });
    });
    AddRecordCommands(
        ewg, ctx, EwgKind::kOutcome, "Add or edit an outcome or document",
        {{WriteMode::kAdd, "Add an outcome (key: --ref)"}, {WriteMode::kEdit, "Change an outcome (key: --ref)"}});
  }
  {
    auto paths = std::make_shared<std::vector<std::string>>();
    CLI::App* c = ewg->add_subcommand("import",
                                      "Import EWG CSV files (cycles, activities, participants, workplan, "
                                      "outcomes; kind from the header), all or nothing");
    c->add_option("files", *paths, "CSV files (docs/ewg.md)")->required();
    AddFormatOption(c, ctx);
    c->callback([&ctx, paths] {
      ctx.exit_code = ctx.RunTables([paths](Db* db, const Reference& ref) { return Import(db, ref, *paths); });
    });
  }
  {
    auto a = std::make_shared<ExportArgs>();
    CLI::App* c = ewg->add_subcommand("export", "Write one record kind as CSV that 'ewg import' reads back");
    c->add_option("kind", a->kind, "cycles, activities, participants, workplan or outcomes")->required();
    c->add_option("--ewg", a->ewg, "EWG code (default: all)");
    c->add_option("--cycle", a->cycle, "Cycle number (default: all)");
    c->add_option("--out", a->out, "Output file (default: stdout)");
    c->callback([&ctx, a] {
      ctx.exit_code = ctx.RunTables([&ctx, a](Db* db, const Reference& ref) { return Export(ctx, db, ref, *a); });
    });
  }
  {
    auto a = std::make_shared<ReportArgs>();
    CLI::App* c = ewg->add_subcommand("report",
                                      "Cycle report: co-chairs, activities, themes, participation by country "
                                      "and sex, and the members' UN scorecard at the start and end");
    c->add_option("--ewg", a->ewg, "EWG code, e.g. PKO")->required();
    c->add_option("--cycle", a->cycle, "Cycle number")->required()->check(CLI::PositiveNumber);
    c->add_option("--at-start", a->at_start,
                  "Scorecard month for the start, YYYY-MM (default: from the cycle's start)");
    c->add_option("--at-end", a->at_end, "Scorecard month for the end, YYYY-MM (default: from the cycle's end)");
    AddFormatOption(c, ctx);
    AddTableOption(c, ctx, {"cycle", "activities", "participation", "workplan", "outcomes", "at_start", "at_end"});
    c->callback([&ctx, a] {
      ctx.exit_code = ctx.RunTables([a](Db* db, const Reference& ref) { return Report(db, ref, *a); });
    });
  }
}

}  // namespace bh
