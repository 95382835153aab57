// `bluehelmet ewg ...`: the ADMM-Plus Experts' Working Groups. Lists, add and
// edit of every record kind, CSV import and export, and the cycle report.
//
// Add and edit go through the same column parsing and rules as a CSV import
// (ewg_csv.h, ewg_store.h): each option is a column (--co-chairs is column
// co_chairs), and errors name "command line" as their place.
#include <fmt/format.h>

#include <map>
#include <set>

#include "base/file_util.h"
#include "base/strings.h"
#include "cli/cli.h"
#include "ewg/ewg_csv.h"
#include "ewg/cycle_report.h"
#include "ewg/ewg_store.h"
#include "views/ewg_views.h"

namespace bh {

namespace {

constexpr char kCommandLine[] = "command line";

// Prints `tables` through the context's one output path (CliContext::Emit
// is private). Until this file's handlers take the one shape themselves.
int Print(CliContext& ctx, std::vector<Table> tables) {
  return ctx.RunTables([&tables](Db*, const Reference&) -> Result<std::vector<Table>> { return tables; });
}

// Runs `body` with the database and reference data, turning a failed Status
// into the exit code.
void WithWorkspace(CliContext& ctx, const std::function<Status(Db*, const Reference&)>& body) {
  auto db = ctx.db();
  if (!db.ok()) { ctx.exit_code = ctx.Fail(db.status()); return; }
  auto ref = ctx.ref();
  if (!ref.ok()) { ctx.exit_code = ctx.Fail(ref.status()); return; }
  Status st = body(*db, **ref);
  if (!st.ok()) ctx.exit_code = ctx.Fail(st);
}

Result<std::optional<int>> OptCycle(int cycle) {
  if (cycle < 0) return Status::InvalidArgument("--cycle must be a positive number");
  return cycle == 0 ? std::optional<int>() : std::optional<int>(cycle);
}

std::string Flag(const std::string& column) {
  std::string f = "--" + column;
  for (char& c : f) {
    if (c == '_') c = '-';
  }
  return f;
}

// The stored record with the key given in `f`, as fields; nullopt if none.
Result<std::optional<FieldMap>> Existing(Db* db, const Reference& ref, RecordKind kind, const FieldMap& f) {
  auto get = [&](const char* c) {
    auto it = f.find(c);
    return it == f.end() ? std::string() : std::string(Trim(it->second));
  };
  switch (kind) {
    case RecordKind::kCycles: {
      auto n = ParseWholeNumber(get("cycle"));
      if (!n) return Status::InvalidArgument(fmt::format("--cycle: not a cycle number: '{}'", get("cycle")));
      auto c = GetCycle(db, get("ewg"), static_cast<int>(*n));
      if (!c.ok()) {
        if (c.status().code() == Status::Code::kNotFound && GetEwg(db, get("ewg")).ok()) return std::optional<FieldMap>();
        return c.status();
      }
      return std::optional<FieldMap>(FieldsOf(*c, ref));
    }
    case RecordKind::kActivities: {
      auto a = GetActivity(db, get("ref"));
      if (!a.ok()) {
        if (a.status().code() == Status::Code::kNotFound) return std::optional<FieldMap>();
        return a.status();
      }
      return std::optional<FieldMap>(FieldsOf(*a, ref));
    }
    case RecordKind::kParticipants: {
      BH_ASSIGN_OR_RETURN(std::string iso3, ref.ResolveCountry(get("country")));
      BH_ASSIGN_OR_RETURN(std::vector<Participation> ps, ListParticipation(db, "", std::nullopt, get("activity")));
      for (const Participation& p : ps) {
        if (p.iso3 == iso3) return std::optional<FieldMap>(FieldsOf(p, ref));
      }
      return std::optional<FieldMap>();
    }
    case RecordKind::kWorkplan: {
      BH_ASSIGN_OR_RETURN(auto w, FindWorkplanItem(db, get("ref")));
      if (!w) return std::optional<FieldMap>();
      return std::optional<FieldMap>(FieldsOf(*w));
    }
    case RecordKind::kOutcomes: {
      BH_ASSIGN_OR_RETURN(auto o, FindOutcome(db, get("ref")));
      if (!o) return std::optional<FieldMap>();
      return std::optional<FieldMap>(FieldsOf(*o));
    }
  }
  return std::optional<FieldMap>();
}

std::string KeyText(RecordKind kind, const FieldMap& f) {
  auto get = [&](const char* c) {
    auto it = f.find(c);
    return it == f.end() ? std::string() : it->second;
  };
  switch (kind) {
    case RecordKind::kCycles: return fmt::format("cycle {} {}", get("ewg"), get("cycle"));
    case RecordKind::kActivities: return "activity " + get("ref");
    case RecordKind::kParticipants: return fmt::format("{} at {}", get("country"), get("activity"));
    case RecordKind::kWorkplan: return "work-plan item " + get("ref");
    case RecordKind::kOutcomes: return "outcome " + get("ref");
  }
  return "";
}

enum class Mode { kAdd, kEdit, kSet };

// Adds `name` under `parent` with one option per column of `kind`.
void AddRecordCommand(CLI::App* parent, CliContext& ctx, RecordKind kind, const std::string& name,
                      const std::string& help, Mode mode) {
  auto values = std::make_shared<std::map<std::string, std::string>>();
  CLI::App* cmd = parent->add_subcommand(name, help);
  for (const std::string& col : ColumnsOf(kind)) {
    if (col == "illustrative") {
      cmd->add_flag_function("--illustrative", [values](int64_t n) { (*values)["illustrative"] = n ? "yes" : "no"; },
                             "The counts are invented for a demonstration (labelled ILLUSTRATIVE)");
      continue;
    }
    cmd->add_option(Flag(col), (*values)[col], "Column '" + col + "' (docs/ewg.md)");
  }
  cmd->callback([&ctx, cmd, values, kind, mode] {
    WithWorkspace(ctx, [&](Db* db, const Reference& ref) -> Status {
      FieldMap given;
      for (const std::string& col : ColumnsOf(kind)) {
        if (col == "illustrative" ? values->count(col) > 0 : cmd->count(Flag(col)) > 0) given[col] = (*values)[col];
      }
      BH_ASSIGN_OR_RETURN(std::optional<FieldMap> old, Existing(db, ref, kind, given));
      if (mode == Mode::kAdd && old) {
        return Status::AlreadyExists(fmt::format("{} already exists; change it with 'edit'", KeyText(kind, given)));
      }
      if (mode == Mode::kEdit && !old) return Status::NotFound(fmt::format("{} is not recorded", KeyText(kind, given)));
      FieldMap fields = old.value_or(FieldMap());
      for (const auto& [k, v] : given) fields[k] = v;
      Batch batch;
      BH_RETURN_IF_ERROR(AddToBatch(kind, fields, ref, kCommandLine, kCommandLine, &batch));
      BH_ASSIGN_OR_RETURN(ApplySummary sum, ApplyBatch(db, ref, batch));
      ctx.Say(fmt::format("{}: {}", KeyText(kind, fields), sum.unchanged ? "unchanged" : old ? "updated" : "added"));
      return Status::Ok();
    });
  });
}

// ---------------------------------------------------------------- lists

Status RunEwgList(CliContext& ctx, Db* db) {
  BH_ASSIGN_OR_RETURN(std::vector<EwgInfo> ewgs, ListEwgs(db));
  Table t;
  t.title = "ADMM-Plus Experts' Working Groups";
  t.columns = {"Code", "Name", "Founded", "Cycles recorded", "Source"};
  for (const EwgInfo& e : ewgs) {
    BH_ASSIGN_OR_RETURN(std::vector<Cycle> cycles, ListCycles(db, e.code));
    t.AddRow({e.code, e.name, e.founded.empty() ? Cell::Null("not found") : Cell(e.founded),
              static_cast<int64_t>(cycles.size()), e.source});
  }
  ctx.exit_code = Print(ctx, {t});
  return Status::Ok();
}

Status RunMembers(CliContext& ctx, Db* db, const Reference& ref) {
  BH_ASSIGN_OR_RETURN(std::vector<Member> members, ListMembers(db));
  BH_ASSIGN_OR_RETURN(std::vector<Observer> observers, ListObservers(db));
  Table t;
  t.title = "ADMM-Plus members and observers";
  t.columns = {"Name", "ISO3", "Role", "Source"};
  for (const Member& m : members) t.AddRow({ref.CountryName(m.iso3), m.iso3, std::string(SideName(m.side)), m.source});
  for (const Observer& o : observers) {
    t.AddRow({o.name, o.iso3.empty() ? Cell::Null("-") : Cell(o.iso3), "observer", o.source});
  }
  t.notes.push_back(fmt::format("{} members: ASEAN 10 and 8 Plus (dialogue partners); observers attend EWG meetings.",
                                members.size()));
  ctx.exit_code = Print(ctx, {t});
  return Status::Ok();
}

Status RunCycles(CliContext& ctx, Db* db, const Reference& ref, const std::string& ewg) {
  BH_ASSIGN_OR_RETURN(Table t, EwgCyclesTable(db, ref, ewg));
  ctx.exit_code = Print(ctx, {t});
  return Status::Ok();
}

Status RunActivities(CliContext& ctx, Db* db, const Reference& ref, const std::string& ewg, std::optional<int> cycle) {
  BH_ASSIGN_OR_RETURN(Table t, EwgActivitiesTable(db, ref, ewg, cycle));
  ctx.exit_code = Print(ctx, {t});
  return Status::Ok();
}

Status RunParticipants(CliContext& ctx, Db* db, const Reference& ref, const std::string& ewg, std::optional<int> cycle,
                       const std::string& activity) {
  if (!activity.empty()) BH_RETURN_IF_ERROR(GetActivity(db, activity).status());
  BH_ASSIGN_OR_RETURN(std::vector<Participation> ps, ListParticipation(db, ewg, cycle, activity));
  Table t;
  t.title = "EWG participants";
  t.columns = {"Activity", "Country", "Women", "Men", "Total", "Basis", "Source"};
  bool ill = false;
  for (const Participation& p : ps) {
    ill = ill || p.illustrative;
    t.AddRow({p.activity_ref, ref.CountryName(p.iso3), p.women ? Cell(*p.women) : Cell::Null("not found"),
              p.men ? Cell(*p.men) : Cell::Null("not found"), p.total() ? Cell(*p.total()) : Cell::Null("not found"),
              p.illustrative ? "ILLUSTRATIVE" : "reported", p.source});
  }
  if (ill) {
    t.title += " [ILLUSTRATIVE figures]";
    t.notes.push_back("ILLUSTRATIVE: figures so marked were invented for a demonstration; they are not real counts.");
  }
  if (ps.empty()) t.notes.push_back("No participants recorded.");
  ctx.exit_code = Print(ctx, {t});
  return Status::Ok();
}

Status RunWorkplan(CliContext& ctx, Db* db, const std::string& ewg, std::optional<int> cycle) {
  BH_ASSIGN_OR_RETURN(std::vector<WorkplanItem> items, ListWorkplan(db, ewg, cycle));
  Table t;
  t.title = "EWG work-plan items";
  t.columns = {"Ref", "EWG", "Cycle", "Title", "Status", "Due", "Activity", "Source"};
  for (const WorkplanItem& w : items) {
    t.AddRow({w.ref, w.ewg, w.cycle, w.title, std::string(WorkplanStatusName(w.status)),
              w.due ? Cell(w.due->ToString()) : Cell::Null("-"), w.activity_ref.empty() ? Cell::Null("-") : Cell(w.activity_ref),
              w.source});
  }
  if (items.empty()) t.notes.push_back("No work-plan items recorded.");
  ctx.exit_code = Print(ctx, {t});
  return Status::Ok();
}

Status RunOutcomes(CliContext& ctx, Db* db, const std::string& ewg, std::optional<int> cycle) {
  BH_ASSIGN_OR_RETURN(std::vector<Outcome> items, ListOutcomes(db, ewg, cycle));
  Table t;
  t.title = "EWG outcomes and documents";
  t.columns = {"Ref", "EWG", "Cycle", "Kind", "Title", "Date", "Activity", "URL", "Source"};
  for (const Outcome& o : items) {
    t.AddRow({o.ref, o.ewg, o.cycle, std::string(OutcomeKindName(o.kind)), o.title,
              o.date ? Cell(o.date->ToString()) : Cell::Null("-"), o.activity_ref.empty() ? Cell::Null("-") : Cell(o.activity_ref),
              o.url.empty() ? Cell::Null("-") : Cell(o.url), o.source});
  }
  if (items.empty()) t.notes.push_back("No outcomes recorded.");
  ctx.exit_code = Print(ctx, {t});
  return Status::Ok();
}

// ---------------------------------------------------------------- import / export

Status RunImport(CliContext& ctx, Db* db, const Reference& ref, const std::vector<std::string>& paths) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& path : paths) {
    BH_ASSIGN_OR_RETURN(std::string data, ReadFile(path));
    files.emplace_back(BaseName(path), std::move(data));
  }
  BH_ASSIGN_OR_RETURN(Table t, ImportEwgFiles(db, ref, files));
  ctx.exit_code = Print(ctx, {t});
  return Status::Ok();
}

struct ExportArgs {
  std::string kind, ewg, out;
  int cycle = 0;
};

Status RunExport(CliContext& ctx, Db* db, const Reference& ref, const ExportArgs& a) {
  BH_ASSIGN_OR_RETURN(RecordKind kind, RecordKindFromName(a.kind));
  BH_ASSIGN_OR_RETURN(std::optional<int> cycle, OptCycle(a.cycle));
  if (!a.ewg.empty()) BH_RETURN_IF_ERROR(GetEwg(db, a.ewg).status());
  BH_ASSIGN_OR_RETURN(std::string csv, ExportCsv(db, ref, kind, a.ewg, cycle));
  if (a.out.empty()) {
    ctx.out() << csv;
    return Status::Ok();
  }
  BH_RETURN_IF_ERROR(WriteFile(a.out, csv));
  ctx.Say(fmt::format("wrote {} to {}", RecordKindName(kind), a.out));
  return Status::Ok();
}

struct ReportArgs {
  std::string ewg, at_start, at_end;
  int cycle = 0;
};

Status RunReport(CliContext& ctx, Db* db, const Reference& ref, const ReportArgs& a) {
  CycleReportOptions options;
  if (!a.at_start.empty()) {
    BH_ASSIGN_OR_RETURN(options.at_start, Month::Parse(a.at_start));
  }
  if (!a.at_end.empty()) {
    BH_ASSIGN_OR_RETURN(options.at_end, Month::Parse(a.at_end));
  }
  BH_ASSIGN_OR_RETURN(CycleReport r, BuildCycleReport(db, ref, a.ewg, a.cycle, options));
  ctx.exit_code = Print(ctx, RenderCycleReport(r, ref));
  return Status::Ok();
}

}  // namespace

void AddEwgCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* ewg = app.add_subcommand("ewg", "ADMM-Plus Experts' Working Groups: members, cycles, co-chairs, "
                                            "activities, participants, cycle report");
  ewg->require_subcommand(1);

  CLI::App* list = ewg->add_subcommand("list", "The seven EWGs, with sources");
  AddFormatOption(list, ctx);
  list->callback([&ctx] { WithWorkspace(ctx, [&](Db* db, const Reference&) { return RunEwgList(ctx, db); }); });

  CLI::App* members = ewg->add_subcommand("members", "The 18 ADMM-Plus members (ASEAN or Plus) and observers");
  AddFormatOption(members, ctx);
  members->callback([&ctx] { WithWorkspace(ctx, [&](Db* db, const Reference& ref) { return RunMembers(ctx, db, ref); }); });

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
      WithWorkspace(ctx, [&](Db* db, const Reference& ref) { return RunCycles(ctx, db, ref, f->ewg); });
    });
    CLI::App* one = ewg->add_subcommand("cycle", "Add or edit a cycle");
    one->require_subcommand(1);
    AddRecordCommand(one, ctx, RecordKind::kCycles, "add", "Add a cycle (one ASEAN and one Plus co-chair)", Mode::kAdd);
    AddRecordCommand(one, ctx, RecordKind::kCycles, "edit", "Change a cycle's fields (key: --ewg, --cycle)", Mode::kEdit);
  }
  {
    auto f = std::make_shared<Filter>();
    CLI::App* c = ewg->add_subcommand("activities", "Activities with dates, venue, host and themes");
    add_filter(c, f.get(), true);
    AddFormatOption(c, ctx);
    c->callback([&ctx, f] {
      WithWorkspace(ctx, [&](Db* db, const Reference& ref) -> Status {
        BH_ASSIGN_OR_RETURN(std::optional<int> cycle, OptCycle(f->cycle));
        return RunActivities(ctx, db, ref, f->ewg, cycle);
      });
    });
    CLI::App* one = ewg->add_subcommand("activity", "Add or edit an activity");
    one->require_subcommand(1);
    AddRecordCommand(one, ctx, RecordKind::kActivities, "add", "Add an activity (key: --ref)", Mode::kAdd);
    AddRecordCommand(one, ctx, RecordKind::kActivities, "edit", "Change an activity's fields (key: --ref)", Mode::kEdit);
  }
  {
    auto f = std::make_shared<Filter>();
    CLI::App* c = ewg->add_subcommand("participants", "Delegations by activity and country, with counts by sex");
    add_filter(c, f.get(), true);
    c->add_option("--activity", f->activity, "One activity's ref");
    AddFormatOption(c, ctx);
    c->callback([&ctx, f] {
      WithWorkspace(ctx, [&](Db* db, const Reference& ref) -> Status {
        BH_ASSIGN_OR_RETURN(std::optional<int> cycle, OptCycle(f->cycle));
        return RunParticipants(ctx, db, ref, f->ewg, cycle, f->activity);
      });
    });
    CLI::App* one = ewg->add_subcommand("participant", "Record a delegation");
    one->require_subcommand(1);
    AddRecordCommand(one, ctx, RecordKind::kParticipants, "set",
                     "Add or replace a country's delegation at an activity (key: --activity, --country)", Mode::kSet);
  }
  {
    auto f = std::make_shared<Filter>();
    CLI::App* c = ewg->add_subcommand("workplan", "Work-plan items with their status");
    add_filter(c, f.get(), true);
    AddFormatOption(c, ctx);
    c->callback([&ctx, f] {
      WithWorkspace(ctx, [&](Db* db, const Reference&) -> Status {
        BH_ASSIGN_OR_RETURN(std::optional<int> cycle, OptCycle(f->cycle));
        return RunWorkplan(ctx, db, f->ewg, cycle);
      });
    });
    CLI::App* one = ewg->add_subcommand("workplan-item", "Add or edit a work-plan item");
    one->require_subcommand(1);
    AddRecordCommand(one, ctx, RecordKind::kWorkplan, "add", "Add a work-plan item (key: --ref)", Mode::kAdd);
    AddRecordCommand(one, ctx, RecordKind::kWorkplan, "edit", "Change a work-plan item (key: --ref)", Mode::kEdit);
  }
  {
    auto f = std::make_shared<Filter>();
    CLI::App* c = ewg->add_subcommand("outcomes", "Outcomes and documents");
    add_filter(c, f.get(), true);
    AddFormatOption(c, ctx);
    c->callback([&ctx, f] {
      WithWorkspace(ctx, [&](Db* db, const Reference&) -> Status {
        BH_ASSIGN_OR_RETURN(std::optional<int> cycle, OptCycle(f->cycle));
        return RunOutcomes(ctx, db, f->ewg, cycle);
      });
    });
    CLI::App* one = ewg->add_subcommand("outcome", "Add or edit an outcome or document");
    one->require_subcommand(1);
    AddRecordCommand(one, ctx, RecordKind::kOutcomes, "add", "Add an outcome (key: --ref)", Mode::kAdd);
    AddRecordCommand(one, ctx, RecordKind::kOutcomes, "edit", "Change an outcome (key: --ref)", Mode::kEdit);
  }
  {
    auto paths = std::make_shared<std::vector<std::string>>();
    CLI::App* c = ewg->add_subcommand("import", "Import EWG CSV files (cycles, activities, participants, workplan, "
                                                "outcomes; kind from the header), all or nothing");
    c->add_option("files", *paths, "CSV files (docs/ewg.md)")->required();
    AddFormatOption(c, ctx);
    c->callback([&ctx, paths] {
      WithWorkspace(ctx, [&](Db* db, const Reference& ref) { return RunImport(ctx, db, ref, *paths); });
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
      WithWorkspace(ctx, [&](Db* db, const Reference& ref) { return RunExport(ctx, db, ref, *a); });
    });
  }
  {
    auto a = std::make_shared<ReportArgs>();
    CLI::App* c = ewg->add_subcommand("report", "Cycle report: co-chairs, activities, themes, participation by country "
                                                "and sex, and the members' UN scorecard at the start and end");
    c->add_option("--ewg", a->ewg, "EWG code, e.g. PKO")->required();
    c->add_option("--cycle", a->cycle, "Cycle number")->required()->check(CLI::PositiveNumber);
    c->add_option("--at-start", a->at_start, "Scorecard month for the start, YYYY-MM (default: from the cycle's start)");
    c->add_option("--at-end", a->at_end, "Scorecard month for the end, YYYY-MM (default: from the cycle's end)");
    AddFormatOption(c, ctx);
    c->callback([&ctx, a] {
      WithWorkspace(ctx, [&](Db* db, const Reference& ref) { return RunReport(ctx, db, ref, *a); });
    });
  }
}

}  // namespace bh
