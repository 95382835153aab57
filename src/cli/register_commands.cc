// `bluehelmet register ...`: the national deployment register's commands.
//   import PATH...            load register CSV files (or folders of them)
//   export --country --dir    write the register back as CSV files
//   add|edit KIND --col ...   one person, unit, leg, member or posting
//   end member|posting ...    record the day a member or posting ended
//   summary --country [--as-of]         what was sent, with a briefing
//   headcount --country [--from --to]   month-end headcount, UN categories
//   reconcile --country --month         register against the UN's figures
//   plan --country --unit [--year]      women the next rotation needs
// Handlers only translate options and render tables; src/register/ does
// the work. Outputs built on illustrative records say ILLUSTRATIVE in their
// title and notes.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "base/file_util.h"
#include "base/strings.h"
#include "cli/cli.h"
#include "query/queries.h"
#include "register/reconcile.h"
#include "register/register_csv.h"
#include "register/summary.h"

namespace bh {

namespace {

// Prints `tables` through the context's one output path (CliContext::Emit
// is private). Until this file's handlers take the one shape themselves.
int Print(CliContext& ctx, std::vector<Table> tables) {
  return ctx.RunTables([&tables](Db*, const Reference&) -> Result<std::vector<Table>> { return tables; });
}

constexpr char kIllustrativeTag[] = " [ILLUSTRATIVE register]";
constexpr char kIllustrativeNote[] =
    "ILLUSTRATIVE: built on illustrative register records (invented "
    "placeholders consistent with published "
    "figures; synthetic service numbers), not real personnel data.";

Date Today() {
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count();
  return Date::FromDaysSinceEpoch(static_cast<int>(days));
}

Cell ShareCell(int64_t women, int64_t total) {
  if (total <= 0) return Cell::Null("-");
  return Cell::Decimal(static_cast<double>(women) * 100.0 / static_cast<double>(total), OneDecimalShare(women, total));
}

Cell OptCell(const std::optional<int64_t>& v) { return v ? Cell(*v) : Cell::Null("-"); }

// Wraps a paragraph at `width` columns for the terminal.
std::string Wrap(const std::string& text, size_t width) {
  std::string out, line;
  for (std::string_view word : Split(text, ' ')) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  }
  return out + line;
}

// The register of the country named by --country, with the display name.
struct Loaded {
  Db* db = nullptr;
  const Reference* ref = nullptr;
  std::string iso3, name;
  RegisterData data;
};

Result<Loaded> LoadCountry(CliContext& ctx, const std::string& country) {
  Loaded l;
  BH_ASSIGN_OR_RETURN(l.db, ctx.db());
  BH_ASSIGN_OR_RETURN(l.ref, ctx.ref());
  BH_ASSIGN_OR_RETURN(l.iso3, l.ref->ResolveCountry(country));
  l.name = l.ref->CountryName(l.iso3);
  RegisterStore store(l.db);
  BH_ASSIGN_OR_RETURN(l.data, store.Load(l.iso3));
  if (l.data.persons.empty() && l.data.units.empty()) {
    return Status::NotFound(
        fmt::format("no register records for {} ({}); load some with "
                    "'bluehelmet register import'",
                    l.name, l.iso3));
  }
  return l;
}

void MarkIllustrative(Table* t, bool illustrative) {
  if (!illustrative) return;
  t->title += kIllustrativeTag;
  t->notes.insert(t->notes.begin(), kIllustrativeNote);
}

// ---------------------------------------------------------------- import /
// export

int RunImport(CliContext& ctx, const std::vector<std::string>& paths) {
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  auto ref = ctx.ref();
  if (!ref.ok()) return ctx.Fail(ref.status());
  auto s = ImportRegisterPaths(*db, **ref, paths);
  if (!s.ok()) return ctx.Fail(s.status());
  Table t;
  t.title = "Register import";
  t.columns = {"Records", "Added", "Updated", "Unchanged"};
  for (RegisterKind k : kAllRegisterKinds) {
    auto it = s->counts.find(k);
    RegisterImportSummary::Counts c = it == s->counts.end() ? RegisterImportSummary::Counts{} : it->second;
    t.AddRow({RegisterKindFile(k), c.added, c.updated, c.unchanged});
  }
  t.notes.push_back(fmt::format("Countries: {}. All files imported in one transaction.",
                                s->countries.empty() ? std::string("none") : Join(s->countries, ", ")));
  MarkIllustrative(&t, s->illustrative);
  return Print(ctx, {t});
}

int RunExport(CliContext& ctx, const std::string& country, const std::string& dir) {
  auto l = LoadCountry(ctx, country);
  if (!l.ok()) return ctx.Fail(l.status());
  auto files = ExportRegister(l->db, l->iso3);
  if (!files.ok()) return ctx.Fail(files.status());
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return ctx.Fail(Status::IoError(dir, ec.value()));
  for (const InputFile& f : *files) {
    std::string path = (std::filesystem::path(dir) / f.name).string();
    Status st = WriteFile(path, f.data);
    if (!st.ok()) return ctx.Fail(st);
    ctx.Say(fmt::format("wrote {}", path));
  }
  return 0;
}

// ---------------------------------------------------------------- add / edit /
// end

struct RecordArgs {
  RegisterKind kind;
  std::map<std::string, std::string> values;  // column -> option value
};

std::string OptionName(const std::string& column) {
  std::string o = "--" + column;
  std::replace(o.begin(), o.end(), '_', '-');
  return o;
}

int RunWrite(CliContext& ctx, CLI::App* cmd, const RecordArgs& a, WriteMode mode) {
  Fields given;
  for (const auto& [col, value] : a.values) {
    if (cmd->count(OptionName(col)) > 0) given[col] = value;
  }
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  auto ref = ctx.ref();
  if (!ref.ok()) return ctx.Fail(ref.status());
  auto change = WriteRecord(*db, **ref, a.kind, given, mode);
  if (!change.ok()) return ctx.Fail(change.status());
  std::string what = *change == Change::kAdded ? "added" : *change == Change::kUpdated ? "updated" : "unchanged";
  ctx.Say(fmt::format("{} {}", what, RegisterKindName(a.kind)));
  return 0;
}

void AddRecordCommand(CLI::App* parent, CliContext& ctx, RegisterKind kind, WriteMode mode) {
  auto a = std::make_shared<RecordArgs>();
  a->kind = kind;
  std::string help = mode == WriteMode::kAdd
                         ? fmt::format("Add a {}", RegisterKindName(kind))
                         : fmt::format("Change a {} (named by its key options)", RegisterKindName(kind));
  CLI::App* cmd = parent->add_subcommand(std::string(RegisterKindName(kind)), help);
  for (const ColumnSpec& c : ColumnsOf(kind)) {
    std::string& slot = a->values[c.name];
    auto* opt = cmd->add_option(OptionName(c.name), slot, c.help);
    if (c.key || (mode == WriteMode::kAdd && c.required)) opt->required();
  }
  cmd->callback([&ctx, cmd, a, mode] { ctx.exit_code = RunWrite(ctx, cmd, *a, mode); });
}

// ---------------------------------------------------------------- summary

int RunSummary(CliContext& ctx, const std::string& country, const std::string& as_of_text) {
  auto l = LoadCountry(ctx, country);
  if (!l.ok()) return ctx.Fail(l.status());
  Date as_of = Today();
  if (!as_of_text.empty()) {
    auto d = Date::ParseIso(as_of_text);
    if (!d.ok())
      return ctx.Fail(Status::InvalidArgument(fmt::format("--as-of: want YYYY-MM-DD, got '{}'", as_of_text)));
    as_of = *d;
  }
  Status check = CheckRegister(l->data);
  if (!check.ok()) return ctx.Fail(check);
  auto targets = LoadTargetTable(l->db);
  if (!targets.ok()) return ctx.Fail(targets.status());
  RegisterSummary s = Summarize(l->data, *targets, as_of);
  bool ill = s.illustrative;

  Table groups;
  groups.title = fmt::format("{} ({}): deployment register as of {}", l->name, l->iso3, as_of.ToString());
  groups.columns = {"Group",    "Teams",     "Sent",         "Women",
                    "Share",    "Requested", "Vs requested", fmt::format("UGPS target {}", as_of.year),
                    "Vs target"};
  for (const GroupSummary& g : s.groups) {
    std::string vs_req = g.requested ? std::string(RangeComparisonName(CompareToRange(g.women, g.sent, *g.requested)))
                         : g.requested_varies ? "varies"
                                              : "-";
    std::string vs_target = !g.target ? "no target" : MeetsTarget(g.women, g.sent, g.target->share) ? "meets" : "below";
    groups.AddRow({g.label, g.individual ? Cell::Null("-") : Cell(g.units), g.sent, g.women, ShareCell(g.women, g.sent),
                   g.requested ? Cell(g.requested->Text()) : Cell::Null(g.requested_varies ? "varies" : "-"), vs_req,
                   g.target ? Cell(g.target->Label()) : Cell::Null("none"), vs_target});
  }
  std::string briefing = Briefing(s, l->name);
  bool text = ctx.format_flag == "table" || ctx.format_flag == "markdown";
  if (text) groups.notes.push_back(Wrap(briefing, 100));
  MarkIllustrative(&groups, ill);

  Table units;
  units.title = fmt::format("{} ({}): units sent as of {}", l->name, l->iso3, as_of.ToString());
  units.columns = {"Unit",
                   "Type",
                   "Mission",
                   "Location",
                   "Rotation",
                   "Began",
                   "Sent",
                   "Women",
                   "Share",
                   "Authorised",
                   "Requested",
                   "Vs requested",
                   "Target (year began)",
                   "Not yet departed"};
  for (const UnitSummary& u : s.units) {
    units.AddRow({u.code, u.unit_type, u.mission, u.location.empty() ? Cell::Null("-") : Cell(u.location),
                  u.rotation ? Cell(*u.rotation) : Cell::Null("-"), u.began.ToString(), u.sent, u.women,
                  ShareCell(u.women, u.sent), u.authorised, u.requested ? Cell(u.requested->Text()) : Cell::Null("-"),
                  u.requested ? std::string(RangeComparisonName(CompareToRange(u.women, u.sent, *u.requested))) : "-",
                  u.target ? Cell(fmt::format("{} ({})", u.target->Label(), u.began.year))
                           : Cell::Null(fmt::format("none ({})", u.began.year)),
                  u.not_yet_departed});
  }
  units.notes.push_back(
      "A unit counts as sent once its first batch has left, "
      "with its full deployed strength; "
      "'Not yet departed' counts members whose batch left "
      "after the as-of date.");
  MarkIllustrative(&units, ill);
  std::vector<Table> out = {groups, units};
  if (!text) {
    Table b;
    b.title = "Briefing" + std::string(ill ? kIllustrativeTag : "");
    b.columns = {"Briefing"};
    b.AddRow({briefing});
    out.push_back(b);
  }
  return Print(ctx, out);
}

// ---------------------------------------------------------------- headcount

int RunHeadcount(CliContext& ctx, const std::string& country, const std::string& from_text,
                 const std::string& to_text) {
  auto l = LoadCountry(ctx, country);
  if (!l.ok()) return ctx.Fail(l.status());
  Status check = CheckRegister(l->data);
  if (!check.ok()) return ctx.Fail(check);
  // Default span: the register's first to last dated record.
  std::optional<Month> from, to;
  auto see = [&](const std::optional<Date>& d) {
    if (!d) return;
    if (!from || d->ToMonth() < *from) from = d->ToMonth();
    if (!to || *to < d->ToMonth()) to = d->ToMonth();
  };
  for (const Leg& g : l->data.legs) see(g.StrengthDate());
  for (const UnitMember& m : l->data.members) see(m.ends);
  for (const Posting& p : l->data.postings) {
    see(p.starts);
    see(p.ends);
  }
  if (!from_text.empty()) {
    auto m = Month::Parse(from_text);
    if (!m.ok()) return ctx.Fail(m.status());
    from = *m;
  }
  if (!to_text.empty()) {
    auto m = Month::Parse(to_text);
    if (!m.ok()) return ctx.Fail(m.status());
    to = *m;
  }
  if (!from || !to) return ctx.Fail(Status::NotFound(fmt::format("no dated records for {}", l->iso3)));
  Table t;
  t.title = fmt::format("{} ({}): register headcount on the last day of each month", l->name, l->iso3);
  t.columns = {"Month", "Mission", "Personnel type", "Women", "Men", "Total"};
  int hq_months = 0;
  for (Month m = *from; m <= *to; m = m.Next()) {
    Headcount h = HeadcountOn(l->data, Date::LastDayOf(m));
    for (const HeadcountCell& c : h.cells) {
      t.AddRow({m.ToString(), c.mission, std::string(PersonnelTypeLabel(c.type)), c.women, c.men, c.total()});
    }
    if (h.hq_women + h.hq_men > 0) {
      t.AddRow({m.ToString(), "UN Headquarters", "(not in UN mission reports)", h.hq_women, h.hq_men,
                h.hq_women + h.hq_men});
      ++hq_months;
    }
  }
  t.notes.push_back(
      "On strength from arrival to departure (docs/register.md); "
      "months with nobody deployed are omitted.");
  if (hq_months)
    t.notes.push_back(
        "UN Headquarters postings are listed apart: the UN's "
        "mission reports do not count them.");
  MarkIllustrative(&t, l->data.Illustrative());
  return Print(ctx, {t});
}

// ---------------------------------------------------------------- reconcile

int RunReconcile(CliContext& ctx, const std::string& country, const std::string& month_text) {
  auto l = LoadCountry(ctx, country);
  if (!l.ok()) return ctx.Fail(l.status());
  auto month = Month::Parse(month_text);
  if (!month.ok()) return ctx.Fail(month.status());
  Status check = CheckRegister(l->data);
  if (!check.ok()) return ctx.Fail(check);
  auto un = LoadUnFigures(l->db, l->iso3, *month);
  if (!un.ok()) return ctx.Fail(un.status());
  if (un->empty()) {
    return ctx.Fail(
        Status::NotFound(fmt::format("no UN figures for {} ({}) in {}; import the month's UN "
                                     "report first (see 'bluehelmet months')",
                                     l->name, l->iso3, month->ToString())));
  }
  Headcount h = HeadcountOn(l->data, Date::LastDayOf(*month));
  Reconciliation r = Reconcile(h, *un, *month);
  Table t;
  t.title = fmt::format("{} ({}): register against UN figures, {} (headcount on {})", l->name, l->iso3,
                        month->ToString(), r.date.ToString());
  t.columns = {"Mission", "Personnel type", "Sex", "Register", "UN", "Register - UN"};
  for (const Difference& d : r.differences) {
    t.AddRow({d.mission.empty() ? Cell::Null("(none)") : Cell(d.mission), d.type, d.sex, d.register_count, d.un_count,
              d.register_count - d.un_count});
  }
  t.notes.push_back(
      fmt::format("{} difference(s); {} cell(s) (mission x type x sex) agree.", r.differences.size(), r.agreeing));
  if (r.hq_excluded) {
    t.notes.push_back(
        fmt::format("{} posting(s) at UN Headquarters left out: "
                    "the UN's mission reports do not count "
                    "them.",
                    r.hq_excluded));
  }
  auto sources = SourcesForMonth(l->db, *month);
  if (sources.ok()) t.notes.push_back("UN figures: " + DescribeSources(*sources));
  MarkIllustrative(&t, l->data.Illustrative());
  return Print(ctx, {t});
}

// ---------------------------------------------------------------- plan

int RunPlan(CliContext& ctx, const std::string& country, const std::string& unit, int year) {
  auto l = LoadCountry(ctx, country);
  if (!l.ok()) return ctx.Fail(l.status());
  auto targets = LoadTargetTable(l->db);
  if (!targets.ok()) return ctx.Fail(targets.status());
  if (year == 0) year = Today().year;
  auto p = PlanNextRotation(l->data, *targets, unit, year);
  if (!p.ok()) return ctx.Fail(p.status());
  Table t;
  t.title = fmt::format(
      "{} ({}): next rotation of {} ({}, {}) at its "
      "authorised strength of {}, {}",
      l->name, l->iso3, p->unit, p->unit_type, p->mission, p->strength, year);
  t.columns = {"Basis", "Share", "Women needed", "Of", "This rotation's women", "Change"};
  auto row = [&](const std::string& basis, const std::string& share, const std::optional<int64_t>& need) {
    t.AddRow({basis, share, OptCell(need), p->strength, p->current_women,
              need ? Cell(*need - p->current_women) : Cell::Null("-")});
  };
  row(fmt::format("UGPS target {} ({})", year, CategoryLabel(p->category)), p->target ? p->target->Label() : "none",
      p->women_for_target);
  if (p->requested) {
    auto lo = ShareRange{p->requested->min_bp, p->requested->min_bp}.Text();
    auto hi = ShareRange{p->requested->max_bp, p->requested->max_bp}.Text();
    row("Requested share (bottom)", lo, p->women_for_requested_min);
    row("Requested share (top)", hi, p->women_for_requested_max);
  }
  t.notes.push_back(
      fmt::format("Women needed: the smallest number whose share "
                  "of {} meets the percentage (exact). "
                  "{} sent {} with {} women.",
                  p->strength, p->unit, p->current_sent, p->current_women));
  if (p->target && p->target->interpolated)
    t.notes.push_back("Target " + p->target->source + " (not an official figure).");
  MarkIllustrative(&t, l->data.Illustrative());
  return Print(ctx, {t});
}

}  // namespace

namespace {
// `register end member|posting`: an edit that sets the record's end date.
void EndRecord(CliContext& ctx, RegisterKind kind, const Fields& fields, const char* what) {
  auto db = ctx.db();
  if (!db.ok()) {
    ctx.exit_code = ctx.Fail(db.status());
    return;
  }
  auto ref = ctx.ref();
  if (!ref.ok()) {
    ctx.exit_code = ctx.Fail(ref.status());
    return;
  }
  auto c = WriteRecord(*db, **ref, kind, fields, WriteMode::kEdit);
  ctx.exit_code = c.ok() ? 0 : ctx.Fail(c.status());
  if (c.ok()) ctx.Say(std::string("ended ") + what);
}
}  // namespace

void AddRegisterCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* reg = app.add_subcommand("register",
                                     "The national deployment register: persons, units and their "
                                     "rotations, individual postings; summary, headcount, "
                                     "reconciliation with UN figures, planning (docs/register.md)");
  reg->require_subcommand(1);
  {
    auto paths = std::make_shared<std::vector<std::string>>();
    CLI::App* cmd = reg->add_subcommand("import", "Load register CSV files or folders of them, all or nothing");
    cmd->add_option("paths", *paths, "persons/units/legs/members/postings CSV files, or folders")->required();
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, paths] { ctx.exit_code = RunImport(ctx, *paths); });
  }
  {
    auto country = std::make_shared<std::string>();
    auto dir = std::make_shared<std::string>();
    CLI::App* cmd = reg->add_subcommand("export", "Write one country's register as CSV files in the import format");
    cmd->add_option("--country", *country, "ISO3 code or name, e.g. VNM")->required();
    cmd->add_option("--dir", *dir, "Folder to write persons.csv, units.csv, ... into")->required();
    cmd->callback([&ctx, country, dir] { ctx.exit_code = RunExport(ctx, *country, *dir); });
  }
  {
    CLI::App* add = reg->add_subcommand("add", "Add one record; options are the CSV columns (docs/register.md)");
    CLI::App* edit = reg->add_subcommand("edit", "Change one record: key options name it, the others set fields");
    add->require_subcommand(1);
    edit->require_subcommand(1);
    for (RegisterKind k : kAllRegisterKinds) {
      AddRecordCommand(add, ctx, k, WriteMode::kAdd);
      AddRecordCommand(edit, ctx, k, WriteMode::kEdit);
    }
  }
  {
    CLI::App* end = reg->add_subcommand("end", "Record the day a unit member or an individual posting ended");
    end->require_subcommand(1);
    auto m = std::make_shared<std::array<std::string, 4>>();
    CLI::App* mem = end->add_subcommand("member", "A member left the unit alone on --on (overrides the home batch)");
    mem->add_option("--country", (*m)[0], "ISO3 code or name")->required();
    mem->add_option("--unit", (*m)[1], "Unit code")->required();
    mem->add_option("--service-number", (*m)[2], "Service number")->required();
    mem->add_option("--on", (*m)[3], "YYYY-MM-DD, the day they left")->required();
    mem->callback([&ctx, m] {
      EndRecord(ctx, RegisterKind::kMember,
                {{"country", (*m)[0]}, {"unit", (*m)[1]}, {"service_number", (*m)[2]}, {"ends", (*m)[3]}}, "member");
    });
    auto p = std::make_shared<std::array<std::string, 4>>();
    CLI::App* post = end->add_subcommand("posting", "An individual posting ended on --on");
    post->add_option("--country", (*p)[0], "ISO3 code or name")->required();
    post->add_option("--service-number", (*p)[1], "Service number")->required();
    post->add_option("--starts", (*p)[2], "YYYY-MM-DD, the posting's start (its key)")->required();
    post->add_option("--on", (*p)[3], "YYYY-MM-DD, the day it ended")->required();
    post->callback([&ctx, p] {
      EndRecord(ctx, RegisterKind::kPosting,
                {{"country", (*p)[0]}, {"service_number", (*p)[1]}, {"starts", (*p)[2]}, {"ends", (*p)[3]}}, "posting");
    });
  }
  {
    auto country = std::make_shared<std::string>();
    auto as_of = std::make_shared<std::string>();
    CLI::App* cmd = reg->add_subcommand("summary",
                                        "What a country sent, per unit type and for individual postings, "
                                        "against requested shares and UGPS targets, with a briefing");
    cmd->add_option("--country", *country, "ISO3 code or name, e.g. VNM")->required();
    cmd->add_option("--as-of", *as_of, "YYYY-MM-DD (default: today)");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, country, as_of] { ctx.exit_code = RunSummary(ctx, *country, *as_of); });
  }
  {
    auto country = std::make_shared<std::string>();
    auto from = std::make_shared<std::string>();
    auto to = std::make_shared<std::string>();
    CLI::App* cmd = reg->add_subcommand("headcount",
                                        "Headcount on the last day of each month by mission, UN "
                                        "personnel type and sex");
    cmd->add_option("--country", *country, "ISO3 code or name")->required();
    cmd->add_option("--from", *from, "YYYY-MM (default: the first month in the register)");
    cmd->add_option("--to", *to, "YYYY-MM (default: the month of the register's last dated record)");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, country, from, to] { ctx.exit_code = RunHeadcount(ctx, *country, *from, *to); });
  }
  {
    auto country = std::make_shared<std::string>();
    auto month = std::make_shared<std::string>();
    CLI::App* cmd = reg->add_subcommand("reconcile",
                                        "Compare the register's month-end headcount with the imported "
                                        "UN figures and list each difference");
    cmd->add_option("--country", *country, "ISO3 code or name")->required();
    cmd->add_option("--month", *month, "YYYY-MM")->required();
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, country, month] { ctx.exit_code = RunReconcile(ctx, *country, *month); });
  }
  {
    auto country = std::make_shared<std::string>();
    auto unit = std::make_shared<std::string>();
    auto year = std::make_shared<int>(0);
    CLI::App* cmd = reg->add_subcommand("plan", "Women a unit's next rotation needs at its authorised strength");
    cmd->add_option("--country", *country, "ISO3 code or name")->required();
    cmd->add_option("--unit", *unit, "Unit code of the current rotation, e.g. L2FH-3")->required();
    cmd->add_option("--year", *year, "Year of the next rotation (default: this year)");
    AddFormatOption(cmd, ctx);
    cmd->callback([&ctx, country, unit, year] { ctx.exit_code = RunPlan(ctx, *country, *unit, *year); });
  }
}

}  // namespace bh
