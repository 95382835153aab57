// The core commands: import, months, scorecard, rankings, shares, top,
// country, targets, groups, sample. Each handler parses nothing itself (CLI11
// did): in one of CliContext's shapes (RunTables, ...), it asks views/ for its
// tables (the same ones the web API serves), and the context emits them.
#include <fmt/format.h>

#include <chrono>

#include "base/file_util.h"
#include "base/strings.h"
#include "cli/cli.h"
#include "cli/filter_options.h"
#include "ingest/importer.h"
#include "ingest/targets_csv.h"
#include "query/queries.h"
#include "sample/generator.h"
#include "scorecard/scorecard.h"
#include "views/core_views.h"
#include "views/series_view.h"

namespace bh {

namespace {

// Runs `compute` max(1, repeat) times and returns the last result. With
// repeat > 0, prints each run's wall time on stderr as one line,
// "timing: NAME ms=1.234,1.201,...", which bench/run.py reads: the query is
// timed without process start, database open or rendering.
template <typename F>
auto Repeated(CliContext& ctx, std::string_view name, int repeat, F compute) -> decltype(compute()) {
  std::vector<std::string> ms;
  for (int i = 0;; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    auto result = compute();
    auto t1 = std::chrono::steady_clock::now();
    ms.push_back(fmt::format("{:.3f}", std::chrono::duration<double, std::milli>(t1 - t0).count()));
    if (!result.ok() || i + 1 >= repeat) {
      if (repeat > 0) ctx.Say(fmt::format("timing: {} ms={}", name, Join(ms, ",")));
      return result;
    }
  }
}

// ---------------------------------------------------------------- import

struct ImportArgs {
  std::vector<std::string> paths;
  ImportOptions options;
  std::string month;
};

Result<CliContext::TablesAndStatus> RunImport(CliContext& ctx, Db* db, const Reference& ref, const ImportArgs& a) {
  ImportOptions options = a.options;
  if (!a.month.empty()) {
    BH_ASSIGN_OR_RETURN(options.month, Month::Parse(a.month));
  }
  BH_ASSIGN_OR_RETURN(std::vector<std::string> paths, ExpandImportPaths(a.paths));
  if (paths.empty()) return Status::InvalidArgument("no .csv or .pdf files to import");
  bool tty = ctx.err_is_tty() && paths.size() > 1;
  auto progress = [&](size_t done, size_t total, const std::string& path) {
    if (!tty) return;
    if (done < total) {
      ctx.err() << fmt::format("\r[{}/{}] {}\x1b[K", done + 1, total, BaseName(path)) << std::flush;
    } else {
      ctx.err() << "\r\x1b[K" << std::flush;
    }
  };
  ImportChecks checks;
  std::vector<FileOutcome> out = ImportFiles(db, ref, paths, options, progress, &checks);
  std::vector<std::string> failures;
  for (const FileOutcome& o : out) {
    if (o.state == FileOutcome::State::kFailed) failures.push_back(o.status.message());
    for (const std::string& n : o.notes) ctx.Say(fmt::format("note: {}: {}", BaseName(o.path), n));
  }
  // A single failed file is its one error line and nothing else.
  if (out.size() == 1 && !failures.empty()) return out[0].status;
  if (!checks.status.ok()) {
    ctx.Say(fmt::format("bluehelmet: plausibility checks did not run: {}", checks.status.message()));
  } else if (!checks.months.empty()) {
    ctx.Say(checks.found.empty()
                ? fmt::format("plausibility: no findings in {} month(s) checked", checks.months.size())
                : fmt::format("plausibility: {} finding(s) in {} month(s) checked ({}): see 'bluehelmet anomalies'",
                              checks.found.size(), checks.months.size(), DescribeFindings(checks.found)));
  }
  // Several files: the summary shows every file, then the failures are the
  // command's one error line (each message names its file).
  CliContext::TablesAndStatus result{{ImportSummaryTable(out)}, Status::Ok()};
  if (!failures.empty()) result.status = Status::InvalidData(Join(failures, "; "));
  return result;
}

// ---------------------------------------------------------------- scorecard

struct ScorecardArgs {
  std::string month;
  FigureFilterTexts filter;
  int repeat = 0;
};

Result<Table> RunScorecard(CliContext& ctx, Db* db, const Reference& ref, const ScorecardArgs& a) {
  BH_ASSIGN_OR_RETURN(ParsedFigureFilter filter, ParseFigureFilterOptions(db, ref, a.filter));
  BH_ASSIGN_OR_RETURN(ScorecardQuery q, ScorecardQueryFrom(filter, a.month, FilterSyntax::kCommandLine));
  // A malformed month fails before the timed runs (--repeat) start.
  if (!q.month.empty()) BH_RETURN_IF_ERROR(Month::Parse(q.month).status());
  return Repeated(ctx, "scorecard", a.repeat, [&] { return ScorecardTable(db, ref, q); });
}

// ---------------------------------------------------------------- rankings

struct RankingsArgs {
  std::string month, by = "women";
  FigureFilterTexts filter;
  int limit = 0;
};

// ---------------------------------------------------------------- shares, top

struct TopArgs {
  TopQuery query;
  FigureFilterTexts filter;
  int repeat = 0;
};

Result<Table> RunTop(CliContext& ctx, Db* db, const Reference& ref, const TopArgs& a) {
  BH_ASSIGN_OR_RETURN(ParsedFigureFilter filter, ParseFigureFilterOptions(db, ref, a.filter));
  BH_ASSIGN_OR_RETURN(TopSpec spec, ResolveTop(db, a.query, filter, FilterSyntax::kCommandLine));
  BH_ASSIGN_OR_RETURN(std::vector<CountryWomen> top,
                      Repeated(ctx, "top", a.repeat, [&] { return ReadTop(db, &spec); }));
  return TopTable(db, ref, spec, top);
}

// ---------------------------------------------------------------- series

struct SeriesArgs {
  FigureFilterTexts filter;
  bool annual = false;
};

// ---------------------------------------------------------------- targets

// The years `targets` lists: the UGPS began in 2018, and no plan reaches
// past 2100. Bounds the table (--to 1000000000 grew to 1.3 GB).
constexpr int kFirstTargetYear = 2018;
constexpr int kLastTargetYear = 2100;

Result<Table> RunTargets(Db* db, int from, int to) {
  if (from < kFirstTargetYear || to > kLastTargetYear || to < from) {
    return Status::InvalidArgument(fmt::format("targets: --from {} --to {}: want years {} to {}, from <= to", from, to,
                                               kFirstTargetYear, kLastTargetYear));
  }
  return TargetsTable(db, from, to);
}

Status RunTargetsImport(CliContext& ctx, Db* db, const std::string& path, const std::string& version) {
  BH_ASSIGN_OR_RETURN(std::string data, ReadFile(path));
  std::string v = version.empty() ? BaseName(path) : version;
  BH_RETURN_IF_ERROR(ImportTargets(db, data, BaseName(path), v));
  ctx.Say(fmt::format("targets version '{}' loaded from {} and made active", v, BaseName(path)));
  return Status::Ok();
}

// ---------------------------------------------------------------- groups

// --as-of YYYY-MM-DD, when given.
Result<std::optional<Date>> AsOfDay(const std::string& text) {
  if (text.empty()) return std::optional<Date>();
  BH_ASSIGN_OR_RETURN(Date d, Date::ParseIso(text));
  return std::optional<Date>(d);
}

// ---------------------------------------------------------------- sample

struct SampleArgs {
  std::string out, from = "2019-01", to = "2025-06";
  int64_t rows = 0;
};

// The largest --rows: the biggest benchmark file has 3,000,000 rows
// (~300 MB); 5,000,000 (~500 MB, built in memory) leaves room and bounds it.
constexpr int64_t kMaxSampleRows = 5'000'000;

Result<SampleSpec> SpecFrom(const SampleArgs& a) {
  if (a.rows < 0 || a.rows > kMaxSampleRows) {
    return Status::InvalidArgument(fmt::format("sample: --rows {}: want 1 to {}", a.rows, kMaxSampleRows));
  }
  if (a.rows > 0) return BenchmarkSpec(a.rows);
  SampleSpec spec;
  BH_ASSIGN_OR_RETURN(spec.first, Month::Parse(a.from));
  BH_ASSIGN_OR_RETURN(spec.last, Month::Parse(a.to));
  if (spec.last < spec.first) return Status::InvalidArgument("--to is before --from");
  return spec;
}

// The tables of one view, as RunTables wants them.
Result<std::vector<Table>> One(Result<Table> t) {
  if (!t.ok()) return t.status();
  return std::vector<Table>{std::move(*t)};
}

// --repeat: hidden from --help (group ""), for bench/run.py.
void AddRepeatOption(CLI::App* cmd, int* repeat) {
  cmd->add_option("--repeat", *repeat, "Benchmark: compute N times, print each run's time on stderr")
      ->check(CLI::Range(1, 100000))
      ->group("");
}

}  // namespace

void AddCoreCommands(CLI::App& app, CliContext& ctx) {
  {
    auto a = std::make_shared<ImportArgs>();
    CLI::App* cmd = app.add_subcommand("import",
                                       "Import UN files: open-data CSVs (contributions by gender, ranks) "
                                       "and monthly contribution reports (PDF); folders too");
    cmd->add_option("paths", a->paths, "Files or folders")->required();
    cmd->add_flag("--skip-invalid", a->options.skip_invalid,
                  "Import the valid rows; write rejected rows with reasons to a file");
    cmd->add_option("--rejects", a->options.rejects_path,
                    "Where --skip-invalid writes rejected rows "
                    "(default: FILE.rejected.csv here)");
    cmd->add_flag("--accept-mismatch", a->options.accept_mismatch,
                  "Import a PDF whose printed totals do not reconcile, and record the mismatch");
    cmd->add_option("--month", a->month, "YYYY-MM for a report that prints no 'as of' date");
    cmd->add_flag("--replace", a->options.replace,
                  "Make the file each month's source even where it covers a month less fully than the current one");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, a] {
      ctx.exit_code =
          ctx.RunTablesThenStatus([&ctx, a](Db* db, const Reference& ref) { return RunImport(ctx, db, ref, *a); });
    });
  }
  {
    CLI::App* cmd = app.add_subcommand("months", "What is imported, month by month, and from which files");
    AddFormatOption(cmd, ctx);
    cmd->callback(
        [&ctx] { ctx.exit_code = ctx.RunTables([](Db* db, const Reference&) { return One(MonthsTable(db)); }); });
  }
  {
    auto a = std::make_shared<ScorecardArgs>();
    CLI::App* cmd = app.add_subcommand("scorecard", "Score countries against the UGPS targets for one month");
    cmd->add_option("--month", a->month, "YYYY-MM (default: the latest imported month)");
    FilterOptionMap f = AddFigureFilterOptions(
        cmd, &a->filter, kFilterMission | kFilterCategory | kFilterType | kFilterCountries | kFilterGroup);
    f["countries"]->excludes(f["group"]);
    f["mission"]->description(
        "Score each country's personnel in these missions only (acronyms, comma-separated), ranked among the "
        "countries with personnel there");
    f["category"]->description(
        "Show these UGPS categories only (contingents, mo_so, fpu, ipo, jc), or all: every personnel type summed, "
        "one row per country, no target");
    f["type"]->description(
        "Count these personnel types only (TRP, SO, EOM, FPU, IPO), scored against their category's target");
    f["group"]->description("A country group, e.g. ASEAN or ADMM-Plus: its members in that month (see 'groups')");
    AddRepeatOption(cmd, &a->repeat);
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, a] {
      ctx.exit_code =
          ctx.RunTables([&ctx, a](Db* db, const Reference& ref) { return One(RunScorecard(ctx, db, ref, *a)); });
    });
  }
  {
    auto a = std::make_shared<RankingsArgs>();
    CLI::App* cmd = app.add_subcommand("rankings", "World ranking of contributing countries in one category and month");
    cmd->add_option("--month", a->month, "YYYY-MM (default: the latest imported month)");
    cmd->add_option("--by", a->by, "women (number of women) or share (share of women)")->capture_default_str();
    cmd->add_option("--limit", a->limit, "Show the first N (default: all)");
    FilterOptionMap f = AddFigureFilterOptions(
        cmd, &a->filter, kFilterMission | kFilterCategory | kFilterType | kFilterCountries | kFilterGroup);
    f["category"]->description(
        "The one category ranked: contingents (default), mo_so, fpu, ipo, jc, or all (every personnel type summed, "
        "no target)");
    f["type"]->description("Rank these personnel types only (TRP, SO, EOM, FPU, IPO; one category)");
    f["mission"]->description("Rank the countries' personnel in these missions, among the countries there");
    f["countries"]->description("Show these countries' rows only, with their ranks among all");
    f["group"]->description("Show the group's members (in that month) only, with their ranks among all");
    f["countries"]->excludes(f["group"]);
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, a] {
      ctx.exit_code = ctx.RunTables([a](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(ParsedFigureFilter filter, ParseFigureFilterOptions(db, ref, a->filter));
        return One(RankingsTable(db, ref, a->month, filter, a->by, a->limit, FilterSyntax::kCommandLine));
      });
    });
  }
  {
    auto repeat = std::make_shared<int>(0);
    auto filter = std::make_shared<FigureFilterTexts>();
    CLI::App* cmd = app.add_subcommand("shares", "Every country's monthly share of women per category, whole history");
    FilterOptionMap f = AddFigureFilterOptions(cmd, filter.get());
    f["mission"]->description("Each country's personnel in these missions only (acronyms, comma-separated)");
    f["category"]->description(
        "These UGPS categories only (contingents, mo_so, fpu, ipo, jc), or all: one row per country and month, "
        "every personnel type summed");
    f["countries"]->description("These countries' rows only, ISO3 codes or names");
    f["group"]->description("The group's members' rows only, as of each month");
    AddRepeatOption(cmd, repeat.get());
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, repeat, filter] {
      ctx.exit_code = ctx.RunTables([&ctx, repeat, filter](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(ParsedFigureFilter parsed, ParseFigureFilterOptions(db, ref, *filter));
        BH_ASSIGN_OR_RETURN(ShareFigures shares,
                            Repeated(ctx, "shares", *repeat, [&] { return ReadShares(db, ref, parsed); }));
        return One(SharesTable(db, shares));
      });
    });
  }
  {
    auto a = std::make_shared<TopArgs>();
    CLI::App* cmd = app.add_subcommand("top", "The countries with the most women deployed in one month");
    cmd->add_option("--month", a->query.month, "YYYY-MM (default: the latest imported month)");
    cmd->add_option("--limit", a->query.limit, "How many countries")->capture_default_str();
    FilterOptionMap f = AddFigureFilterOptions(
        cmd, &a->filter, kFilterMission | kFilterCategory | kFilterType | kFilterCountries | kFilterGroup);
    f["mission"]->description("Count the women deployed in these missions only");
    f["category"]->description(
        "Count these UGPS categories only (contingents, mo_so, fpu, ipo, jc); all (every type, the default) also "
        "takes the rank files' totals");
    f["type"]->description("Count these personnel types only (TRP, SO, EOM, FPU, IPO)");
    f["countries"]->description("Rank these countries only");
    f["group"]->description("Rank the group's members (in that month) only");
    f["countries"]->excludes(f["group"]);
    AddRepeatOption(cmd, &a->repeat);
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, a] {
      ctx.exit_code = ctx.RunTables([&ctx, a](Db* db, const Reference& ref) { return One(RunTop(ctx, db, ref, *a)); });
    });
  }
  {
    auto a = std::make_shared<SeriesArgs>();
    CLI::App* cmd = app.add_subcommand(
        "series",
        "One row per month and category for a country, a group, a mission or the world: women, men, total, share, "
        "target, status; missing months shown as such");
    FilterOptionMap f = AddFigureFilterOptions(cmd, &a->filter);
    f["countries"]->description("These countries summed (one country: its own series), ISO3 codes or names");
    f["group"]->description("A group's members summed, as of each month (Timor-Leste in ASEAN from 2025-10)");
    f["mission"]->description(
        "Personnel in these missions only (acronyms, comma-separated); alone: the mission's series");
    f["from"]->description("First month, YYYY-MM (default: the first imported month)");
    f["to"]->description("Last month, YYYY-MM (default: the last imported month)");
    cmd->add_flag("--annual", a->annual, "Add a table of annual means and change year on year");
    cmd->footer("With no --countries, --group or --mission: the world (every contributing country).");
    AddFormatOption(cmd, ctx);
    AddTableOption(cmd, ctx, {"series", "annual"});
    cmd->callback([&ctx, a] {
      ctx.exit_code = ctx.RunTables([a](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(ParsedFigureFilter filter, ParseFigureFilterOptions(db, ref, a->filter));
        return SeriesTables(db, ref, filter, a->annual);
      });
    });
  }
  {
    auto name = std::make_shared<std::string>();
    auto filter = std::make_shared<FigureFilterTexts>();
    CLI::App* cmd = app.add_subcommand("country",
                                       "One country's monthly series per category, annual means and "
                                       "change year on year");
    cmd->add_option("country", *name, "ISO3 code or name, e.g. VNM or 'Viet Nam'")->required();
    FilterOptionMap f =
        AddFigureFilterOptions(cmd, filter.get(), kFilterMission | kFilterMonths | kFilterCategory | kFilterType);
    f["mission"]->description("The country's personnel in these missions only, e.g. UNMISS");
    f["category"]->description(
        "These UGPS categories only (contingents, mo_so, fpu, ipo, jc), or all: every personnel type summed (the "
        "rank files' totals in months without reports), no target");
    AddFormatOption(cmd, ctx);
    AddTableOption(cmd, ctx, {"monthly", "annual"});
    cmd->callback([&ctx, name, filter] {
      ctx.exit_code = ctx.RunTables([name, filter](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(ParsedFigureFilter parsed, ParseFigureFilterOptions(db, ref, *filter));
        return CountryTables(db, ref, *name, parsed, FilterSyntax::kCommandLine);
      });
    });
  }
  {
    auto from = std::make_shared<int>(2018);
    auto to = std::make_shared<int>(2028);
    CLI::App* cmd = app.add_subcommand("targets", "The UGPS targets per category and year, with sources");
    cmd->add_option("--from", *from, "First year")->capture_default_str();
    cmd->add_option("--to", *to, "Last year")->capture_default_str();
    AddFormatOption(cmd, ctx);
    auto path = std::make_shared<std::string>();
    auto version = std::make_shared<std::string>();
    CLI::App* imp = cmd->add_subcommand("import",
                                        "Load an official target table (CSV: category,year,percent,source) "
                                        "that replaces the active one");
    imp->add_option("file", *path, "CSV file")->required();
    imp->add_option("--version", *version, "Version name (default: the file name)");
    imp->callback([&ctx, path, version] {
      ctx.exit_code = ctx.RunAction(
          [&ctx, path, version](Db* db, const Reference&) { return RunTargetsImport(ctx, db, *path, *version); });
    });
    cmd->callback([&ctx, cmd, from, to] {
      if (!cmd->get_subcommands().empty()) return;
      ctx.exit_code = ctx.RunTables([from, to](Db* db, const Reference&) { return One(RunTargets(db, *from, *to)); });
    });
  }
  {
    CLI::App* cmd = app.add_subcommand("groups", "Country groups: ASEAN and ADMM-Plus built in, and your own");
    AddFormatOption(cmd, ctx);
    auto name = std::make_shared<std::string>();
    auto countries = std::make_shared<std::string>();
    auto desc = std::make_shared<std::string>();
    CLI::App* add = cmd->add_subcommand("add", "Define (or redefine) a group");
    add->add_option("name", *name, "Group name")->required();
    add->add_option("--countries", *countries, "Comma-separated ISO3 codes or names")->required();
    add->add_option("--description", *desc, "What the group is");
    add->callback([&ctx, name, countries, desc] {
      ctx.exit_code = ctx.RunAction([&ctx, name, countries, desc](Db* db, const Reference& ref) -> Status {
        BH_ASSIGN_OR_RETURN(
            std::vector<std::string> list,
            WriteGroup(db, ref, Fields{{"name", *name}, {"countries", *countries}, {"description", *desc}},
                       WriteMode::kSet));
        ctx.Say(fmt::format("group '{}' defined with {} countries", *name, list.size()));
        return Status::Ok();
      });
    });
    auto rm = std::make_shared<std::string>();
    CLI::App* remove = cmd->add_subcommand("remove", "Delete a user-defined group");
    remove->add_option("name", *rm, "Group name")->required();
    remove->callback(
        [&ctx, rm] { ctx.exit_code = ctx.RunAction([rm](Db* db, const Reference&) { return DeleteGroup(db, *rm); }); });
    auto as_of = std::make_shared<std::string>();
    cmd->add_option("--as-of", *as_of, "Members on this day (YYYY-MM-DD); default: every member, with dates");
    auto shown = std::make_shared<std::string>();
    auto show_as_of = std::make_shared<std::string>();
    CLI::App* show = cmd->add_subcommand("show", "One group's members with the days they joined or left");
    AddFormatOption(show, ctx);
    show->add_option("name", *shown, "Group name, e.g. ASEAN")->required();
    show->add_option("--as-of", *show_as_of, "Members on this day (YYYY-MM-DD)");
    show->callback([&ctx, shown, show_as_of] {
      ctx.exit_code = ctx.RunTables([shown, show_as_of](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(std::optional<Date> day, AsOfDay(*show_as_of));
        return One(GroupTable(db, ref, *shown, day));
      });
    });
    cmd->callback([&ctx, cmd, as_of] {
      if (!cmd->get_subcommands().empty()) return;
      ctx.exit_code = ctx.RunTables([as_of](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(std::optional<Date> day, AsOfDay(*as_of));
        return One(GroupsTable(db, ref, day));
      });
    });
  }
  {
    auto a = std::make_shared<SampleArgs>();
    CLI::App* cmd = app.add_subcommand("sample", "SYNTHETIC UN-format data for the demo and benchmarks");
    cmd->require_subcommand(1);
    auto add_spec = [a](CLI::App* c) {
      c->add_option("--from", a->from, "First month")->capture_default_str();
      c->add_option("--to", a->to, "Last month")->capture_default_str();
      c->add_option("--rows", a->rows, "Benchmark size: about this many rows over 2002-07..2025-12, 120 countries");
    };
    CLI::App* gen = cmd->add_subcommand("generate", "Write a synthetic contributions-by-gender CSV");
    add_spec(gen);
    gen->add_option("--out", a->out, "Output file (default: stdout)");
    gen->callback([&ctx, a] {
      ctx.exit_code = ctx.RunWithoutDatabase([&ctx, a]() -> Status {
        BH_ASSIGN_OR_RETURN(SampleSpec spec, SpecFrom(*a));
        SampleStats stats;
        std::string csv = GenerateSampleCsv(spec, &stats);
        if (a->out.empty()) {
          ctx.out() << csv;
          return Status::Ok();
        }
        BH_RETURN_IF_ERROR(WriteFile(a->out, csv));
        ctx.Say(fmt::format("wrote {} SYNTHETIC rows ({} countries, {} months) to {}", stats.rows, stats.countries,
                            stats.months, a->out));
        return Status::Ok();
      });
    });
    CLI::App* load = cmd->add_subcommand("load", "Generate the synthetic ADMM-Plus sample and import it");
    add_spec(load);
    load->callback([&ctx, a] {
      ctx.exit_code = ctx.RunAction([&ctx, a](Db* db, const Reference& ref) -> Status {
        BH_ASSIGN_OR_RETURN(SampleSpec spec, SpecFrom(*a));
        SampleStats stats;
        std::string csv = GenerateSampleCsv(spec, &stats);
        std::string name = fmt::format("SYNTHETIC_admm_plus_{}_{}.csv", spec.first.ToString(), spec.last.ToString());
        FileOutcome o = ImportBytes(db, ref, name, csv, {});
        if (o.state == FileOutcome::State::kFailed) return o.status;
        ctx.Say(o.state == FileOutcome::State::kImported
                    ? fmt::format("loaded {} SYNTHETIC rows ({} countries, {} months) as import #{}", o.rows,
                                  stats.countries, stats.months, o.import_id)
                    : fmt::format("sample already loaded (import #{})", o.import_id));
        return Status::Ok();
      });
    });
  }
}

}  // namespace bh
