// The core commands: import, months, scorecard, rankings, country, targets,
// groups, sample. Each handler parses nothing itself (CLI11 did), asks views/
// for its tables (the same ones the web API serves) and emits them.
#include <fmt/format.h>

#include <chrono>
#include <limits>
#include <map>
#include <set>

#include "base/file_util.h"
#include "base/strings.h"
#include "cli/cli.h"
#include "ingest/importer.h"
#include "ingest/targets_csv.h"
#include "query/queries.h"
#include "sample/generator.h"
#include "scorecard/scorecard.h"
#include "views/core_views.h"

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

int RunImport(CliContext& ctx, const ImportArgs& a) {
  ImportOptions options = a.options;
  if (!a.month.empty()) {
    auto m = Month::Parse(a.month);
    if (!m.ok()) return ctx.Fail(m.status());
    options.month = *m;
  }
  auto paths = ExpandImportPaths(a.paths);
  if (!paths.ok()) return ctx.Fail(paths.status());
  if (paths->empty()) return ctx.Fail(Status::InvalidArgument("no .csv or .pdf files to import"));
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  auto ref = ctx.ref();
  if (!ref.ok()) return ctx.Fail(ref.status());
  bool tty = ctx.err_is_tty() && paths->size() > 1;
  auto progress = [&](size_t done, size_t total, const std::string& path) {
    if (!tty) return;
    if (done < total) {
      ctx.err() << fmt::format("\r[{}/{}] {}\x1b[K", done + 1, total, BaseName(path)) << std::flush;
    } else {
      ctx.err() << "\r\x1b[K" << std::flush;
    }
  };
  ImportChecks checks;
  std::vector<FileOutcome> out = ImportFiles(*db, **ref, *paths, options, progress, &checks);
  Table t = ImportSummaryTable(out);
  int failed = 0;
  for (const FileOutcome& o : out) {
    if (o.state == FileOutcome::State::kFailed) {
      ++failed;
      ctx.Say(fmt::format("bluehelmet: {}", o.status.message()));
    }
    for (const std::string& n : o.notes) ctx.Say(fmt::format("note: {}: {}", BaseName(o.path), n));
  }
  // A single failed file gets its one error line and nothing else.
  if (out.size() == 1 && failed) return ExitCode(out[0].status);
  if (!checks.status.ok()) {
    ctx.Say(fmt::format("bluehelmet: plausibility checks did not run: {}", checks.status.message()));
  } else if (!checks.months.empty()) {
    ctx.Say(checks.found.empty()
                ? fmt::format("plausibility: no findings in {} month(s) checked", checks.months.size())
                : fmt::format("plausibility: {} finding(s) in {} month(s) checked ({}): see 'bluehelmet anomalies'",
                              checks.found.size(), checks.months.size(), DescribeFindings(checks.found)));
  }
  int code = ctx.Emit(t);
  if (failed) return 1;
  return code;
}

// ---------------------------------------------------------------- months

int RunMonths(CliContext& ctx) {
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  auto t = MonthsTable(*db);
  if (!t.ok()) return ctx.Fail(t.status());
  return ctx.Emit(*t);
}

// ---------------------------------------------------------------- scorecard

struct ScorecardArgs {
  std::string month, countries, group;
  int repeat = 0;
};

int RunScorecard(CliContext& ctx, const ScorecardArgs& a) {
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  auto ref = ctx.ref();
  if (!ref.ok()) return ctx.Fail(ref.status());
  ScorecardQuery q;
  q.month = a.month;
  q.group = a.group;
  if (!a.countries.empty()) {
    auto list = (*ref)->ResolveCountryList(a.countries);
    if (!list.ok()) return ctx.Fail(list.status());
    q.countries = *list;
  }
  if (!q.month.empty()) {
    // A malformed month is a usage error, reported before the database is read.
    auto m = Month::Parse(q.month);
    if (!m.ok()) return ctx.Fail(m.status());
  }
  auto t = Repeated(ctx, "scorecard", a.repeat, [&] { return ScorecardTable(*db, **ref, q); });
  if (!t.ok()) return ctx.Fail(t.status());
  return ctx.Emit(*t);
}

// ---------------------------------------------------------------- rankings

struct RankingsArgs {
  std::string month, category = "contingents", by = "women";
  int limit = 0;
};

int RunRankings(CliContext& ctx, const RankingsArgs& a) {
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  auto ref = ctx.ref();
  if (!ref.ok()) return ctx.Fail(ref.status());
  auto t = RankingsTable(*db, **ref, a.month, a.category, a.by, a.limit);
  if (!t.ok()) return ctx.Fail(t.status());
  return ctx.Emit(*t);
}

// ---------------------------------------------------------------- shares, top

int RunShares(CliContext& ctx, int repeat) {
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  // The timed computation (--repeat): the figures and each one's share of
  // women as a number, what the pandas and DuckDB peers compute too. The
  // exact percentages shown are reduced fractions, formatted with the output.
  auto figures = Repeated(ctx, "shares", repeat, [&]() -> Result<std::vector<MonthlyFigures>> {
    BH_ASSIGN_OR_RETURN(std::vector<MonthlyFigures> all, MonthlyFiguresAllCountries(*db));
    std::vector<double> shares;
    shares.reserve(all.size());
    for (const MonthlyFigures& f : all) {
      shares.push_back(f.sex_known && f.total > 0 ? static_cast<double>(f.women) / static_cast<double>(f.total)
                                                  : std::numeric_limits<double>::quiet_NaN());
    }
    if (shares.size() != all.size()) return Status::Internal("shares: one share per figure");
    return all;
  });
  if (!figures.ok()) return ctx.Fail(figures.status());
  if (figures->empty()) {
    return ctx.Fail(Status::NotFound("no contribution figures imported yet (run 'bluehelmet import FILE' or 'make demo')"));
  }
  Table t;
  t.title = "Share of women per country, month and category";
  t.columns = {"ISO3", "Month", "Category", "Women", "Men", "Total", "Share"};
  std::set<Month> months;
  for (const MonthlyFigures& f : *figures) {
    std::optional<Fraction> share;
    if (f.sex_known && f.total > 0) share = Fraction::Of(f.women, f.total);
    t.AddRow({std::string(f.Iso3()), f.month.ToString(), std::string(CategoryLabel(f.category)),
              f.sex_known ? Cell(f.women) : Cell::Null("n/a"), f.sex_known ? Cell(f.men) : Cell::Null("n/a"), f.total,
              ShareCell(share)});
    months.insert(f.month);
  }
  std::vector<SourceFile> files;
  std::set<int64_t> ids;
  for (const Month& m : months) {
    auto s = SourcesForMonth(*db, m);
    if (!s.ok()) continue;
    for (const SourceFile& f : *s) {
      if (ids.insert(f.import_id).second) files.push_back(f);
    }
  }
  t.notes.push_back(DescribeSources(files));
  return ctx.Emit(t);
}

struct TopArgs {
  std::string month;
  int limit = 20;
  int repeat = 0;
};

int RunTop(CliContext& ctx, const TopArgs& a) {
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  auto ref = ctx.ref();
  if (!ref.ok()) return ctx.Fail(ref.status());
  Result<Month> month = a.month.empty() ? LatestContributionMonth(*db) : Month::Parse(a.month);
  if (!month.ok()) return ctx.Fail(month.status());
  if (a.limit < 1) return ctx.Fail(Status::InvalidArgument("--limit must be at least 1"));
  auto top = Repeated(ctx, "top", a.repeat, [&] { return TopCountriesByWomen(*db, *month, a.limit); });
  if (!top.ok()) return ctx.Fail(top.status());
  if (top->empty()) {
    return ctx.Fail(Status::NotFound(fmt::format("no contribution figures for {} (see 'bluehelmet months')",
                                                 month->ToString())));
  }
  Table t;
  t.title = fmt::format("Top {} countries by women deployed, {}", a.limit, month->ToString());
  t.columns = {"Rank", "Country", "ISO3", "Women", "Total", "Share"};
  for (size_t i = 0; i < top->size(); ++i) {
    const CountryWomen& c = (*top)[i];
    std::optional<Fraction> share;
    if (c.total > 0) share = Fraction::Of(c.women, c.total);
    t.AddRow({static_cast<int64_t>(i + 1), (*ref)->CountryName(c.iso3), c.iso3, c.women, c.total, ShareCell(share)});
  }
  t.notes.push_back("All personnel types together; rows without a sex split count no women.");
  auto sources = SourcesForMonth(*db, *month);
  if (sources.ok()) t.notes.push_back(DescribeSources(*sources));
  return ctx.Emit(t);
}

// ---------------------------------------------------------------- country

int RunCountry(CliContext& ctx, const std::string& name) {
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  auto ref = ctx.ref();
  if (!ref.ok()) return ctx.Fail(ref.status());
  auto tables = CountryTables(*db, **ref, name);
  if (!tables.ok()) return ctx.Fail(tables.status());
  return ctx.Emit(*tables);
}

// ---------------------------------------------------------------- targets

// The years `targets` lists: the UGPS began in 2018, and no plan reaches
// past 2100. Bounds the table (--to 1000000000 grew to 1.3 GB).
constexpr int kFirstTargetYear = 2018;
constexpr int kLastTargetYear = 2100;

int RunTargets(CliContext& ctx, int from, int to) {
  if (from < kFirstTargetYear || to > kLastTargetYear || to < from) {
    return ctx.Fail(Status::InvalidArgument(fmt::format("targets: --from {} --to {}: want years {} to {}, from <= to",
                                                        from, to, kFirstTargetYear, kLastTargetYear)));
  }
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  auto t = TargetsTable(*db, from, to);
  if (!t.ok()) return ctx.Fail(t.status());
  return ctx.Emit(*t);
}

int RunTargetsImport(CliContext& ctx, const std::string& path, const std::string& version) {
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  auto data = ReadFile(path);
  if (!data.ok()) return ctx.Fail(data.status());
  std::string v = version.empty() ? BaseName(path) : version;
  Status st = ImportTargets(*db, *data, BaseName(path), v);
  if (!st.ok()) return ctx.Fail(st);
  ctx.Say(fmt::format("targets version '{}' loaded from {} and made active", v, BaseName(path)));
  return 0;
}

// ---------------------------------------------------------------- groups

// --as-of YYYY-MM-DD, when given.
Result<std::optional<Date>> AsOfDay(const std::string& text) {
  if (text.empty()) return std::optional<Date>();
  BH_ASSIGN_OR_RETURN(Date d, Date::ParseIso(text));
  return std::optional<Date>(d);
}

int RunGroups(CliContext& ctx, const std::string& as_of) {
  return ctx.RunTables([&](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
    BH_ASSIGN_OR_RETURN(std::optional<Date> day, AsOfDay(as_of));
    BH_ASSIGN_OR_RETURN(Table t, GroupsTable(db, ref, day));
    return std::vector<Table>{std::move(t)};
  });
}

int RunGroupShow(CliContext& ctx, const std::string& name, const std::string& as_of) {
  return ctx.RunTables([&](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
    BH_ASSIGN_OR_RETURN(std::optional<Date> day, AsOfDay(as_of));
    BH_ASSIGN_OR_RETURN(Table t, GroupTable(db, ref, name, day));
    return std::vector<Table>{std::move(t)};
  });
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

}  // namespace

void AddCoreCommands(CLI::App& app, CliContext& ctx) {
  {
    auto a = std::make_shared<ImportArgs>();
    CLI::App* cmd = app.add_subcommand("import", "Import UN files: open-data CSVs (contributions by gender, ranks) "
                                                 "and monthly contribution reports (PDF); folders too");
    cmd->add_option("paths", a->paths, "Files or folders")->required();
    cmd->add_flag("--skip-invalid", a->options.skip_invalid,
                  "Import the valid rows; write rejected rows with reasons to a file");
    cmd->add_option("--rejects", a->options.rejects_path, "Where --skip-invalid writes rejected rows "
                                                          "(default: FILE.rejected.csv here)");
    cmd->add_flag("--accept-mismatch", a->options.accept_mismatch,
                  "Import a PDF whose printed totals do not reconcile, and record the mismatch");
    cmd->add_option("--month", a->month, "YYYY-MM for a report that prints no 'as of' date");
    cmd->add_flag("--replace", a->options.replace,
                  "Make the file each month's source even where it covers a month less fully than the current one");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, a] { ctx.exit_code = RunImport(ctx, *a); });
  }
  {
    CLI::App* cmd = app.add_subcommand("months", "What is imported, month by month, and from which files");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx] { ctx.exit_code = RunMonths(ctx); });
  }
  {
    auto a = std::make_shared<ScorecardArgs>();
    CLI::App* cmd = app.add_subcommand("scorecard", "Score countries against the UGPS targets for one month");
    cmd->add_option("--month", a->month, "YYYY-MM (default: the latest imported month)");
    auto* c = cmd->add_option("--countries", a->countries, "Comma-separated ISO3 codes or names, e.g. VNM,JPN");
    auto* g = cmd->add_option("--group", a->group, "A country group, e.g. ASEAN or ADMM-Plus (see 'groups')");
    c->excludes(g);
    cmd->add_option("--repeat", a->repeat, "Benchmark: compute N times, print each run's time on stderr")
        ->check(CLI::Range(1, 100000));
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, a] { ctx.exit_code = RunScorecard(ctx, *a); });
  }
  {
    auto a = std::make_shared<RankingsArgs>();
    CLI::App* cmd = app.add_subcommand("rankings", "World ranking of contributing countries in one category and month");
    cmd->add_option("--month", a->month, "YYYY-MM (default: the latest imported month)");
    cmd->add_option("--category", a->category, "contingents, mo_so, fpu or ipo")->capture_default_str();
    cmd->add_option("--by", a->by, "women (number of women) or share (share of women)")->capture_default_str();
    cmd->add_option("--limit", a->limit, "Show the first N (default: all)");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, a] { ctx.exit_code = RunRankings(ctx, *a); });
  }
  {
    auto repeat = std::make_shared<int>(0);
    CLI::App* cmd = app.add_subcommand("shares", "Every country's monthly share of women per category, whole history");
    cmd->add_option("--repeat", *repeat, "Benchmark: compute N times, print each run's time on stderr")
        ->check(CLI::Range(1, 100000));
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, repeat] { ctx.exit_code = RunShares(ctx, *repeat); });
  }
  {
    auto a = std::make_shared<TopArgs>();
    CLI::App* cmd = app.add_subcommand("top", "The countries with the most women deployed in one month");
    cmd->add_option("--month", a->month, "YYYY-MM (default: the latest imported month)");
    cmd->add_option("--limit", a->limit, "How many countries")->capture_default_str();
    cmd->add_option("--repeat", a->repeat, "Benchmark: compute N times, print each run's time on stderr")
        ->check(CLI::Range(1, 100000));
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, a] { ctx.exit_code = RunTop(ctx, *a); });
  }
  {
    auto name = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("country", "One country's monthly series per category, annual means and "
                                                  "change year on year");
    cmd->add_option("country", *name, "ISO3 code or name, e.g. VNM or 'Viet Nam'")->required();
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, name] { ctx.exit_code = RunCountry(ctx, *name); });
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
    CLI::App* imp = cmd->add_subcommand("import", "Load an official target table (CSV: category,year,percent,source) "
                                                  "that replaces the active one");
    imp->add_option("file", *path, "CSV file")->required();
    imp->add_option("--version", *version, "Version name (default: the file name)");
    imp->callback([&ctx, path, version] { ctx.exit_code = RunTargetsImport(ctx, *path, *version); });
    cmd->callback([&ctx, cmd, from, to] {
      if (cmd->get_subcommands().empty()) ctx.exit_code = RunTargets(ctx, *from, *to);
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
      auto db = ctx.db();
      if (!db.ok()) { ctx.exit_code = ctx.Fail(db.status()); return; }
      auto ref = ctx.ref();
      if (!ref.ok()) { ctx.exit_code = ctx.Fail(ref.status()); return; }
      auto list = (*ref)->ResolveCountryList(*countries);
      if (!list.ok()) { ctx.exit_code = ctx.Fail(list.status()); return; }
      Status st = DefineGroup(*db, *name, *desc, *list);
      ctx.exit_code = st.ok() ? 0 : ctx.Fail(st);
      if (st.ok()) ctx.Say(fmt::format("group '{}' defined with {} countries", *name, list->size()));
    });
    auto rm = std::make_shared<std::string>();
    CLI::App* remove = cmd->add_subcommand("remove", "Delete a user-defined group");
    remove->add_option("name", *rm, "Group name")->required();
    remove->callback([&ctx, rm] {
      auto db = ctx.db();
      if (!db.ok()) { ctx.exit_code = ctx.Fail(db.status()); return; }
      Status st = DeleteGroup(*db, *rm);
      ctx.exit_code = st.ok() ? 0 : ctx.Fail(st);
    });
    auto as_of = std::make_shared<std::string>();
    cmd->add_option("--as-of", *as_of, "Members on this day (YYYY-MM-DD); default: every member, with dates");
    auto shown = std::make_shared<std::string>();
    auto show_as_of = std::make_shared<std::string>();
    CLI::App* show = cmd->add_subcommand("show", "One group's members with the days they joined or left");
    AddFormatOption(show, ctx);
    show->add_option("name", *shown, "Group name, e.g. ASEAN")->required();
    show->add_option("--as-of", *show_as_of, "Members on this day (YYYY-MM-DD)");
    show->callback([&ctx, shown, show_as_of] { ctx.exit_code = RunGroupShow(ctx, *shown, *show_as_of); });
    cmd->callback([&ctx, cmd, as_of] {
      if (cmd->get_subcommands().empty()) ctx.exit_code = RunGroups(ctx, *as_of);
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
      auto spec = SpecFrom(*a);
      if (!spec.ok()) { ctx.exit_code = ctx.Fail(spec.status()); return; }
      SampleStats stats;
      std::string csv = GenerateSampleCsv(*spec, &stats);
      if (a->out.empty()) {
        ctx.out() << csv;
      } else {
        Status st = WriteFile(a->out, csv);
        if (!st.ok()) { ctx.exit_code = ctx.Fail(st); return; }
        ctx.Say(fmt::format("wrote {} SYNTHETIC rows ({} countries, {} months) to {}", stats.rows, stats.countries,
                            stats.months, a->out));
      }
    });
    CLI::App* load = cmd->add_subcommand("load", "Generate the synthetic ADMM-Plus sample and import it");
    add_spec(load);
    load->callback([&ctx, a] {
      auto spec = SpecFrom(*a);
      if (!spec.ok()) { ctx.exit_code = ctx.Fail(spec.status()); return; }
      auto db = ctx.db();
      if (!db.ok()) { ctx.exit_code = ctx.Fail(db.status()); return; }
      auto ref = ctx.ref();
      if (!ref.ok()) { ctx.exit_code = ctx.Fail(ref.status()); return; }
      SampleStats stats;
      std::string csv = GenerateSampleCsv(*spec, &stats);
      std::string name = fmt::format("SYNTHETIC_admm_plus_{}_{}.csv", spec->first.ToString(), spec->last.ToString());
      FileOutcome o = ImportBytes(*db, **ref, name, csv, {});
      if (o.state == FileOutcome::State::kFailed) { ctx.exit_code = ctx.Fail(o.status); return; }
      ctx.Say(o.state == FileOutcome::State::kImported
                  ? fmt::format("loaded {} SYNTHETIC rows ({} countries, {} months) as import #{}", o.rows,
                                stats.countries, stats.months, o.import_id)
                  : fmt::format("sample already loaded (import #{})", o.import_id));
    });
  }
}

}  // namespace bh
