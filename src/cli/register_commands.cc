// `bluehelmet register ...`: the national deployment register's commands.
//   import PATH...            load register CSV files (or folders of them)
//   export --country --dir    write the register back as CSV files
//   KIND add|edit --col ...   one person, unit, leg, member or posting
//   member|posting end ...    record the day a member or posting ended
//   summary --country [--as-of]         what was sent, with a briefing
//   headcount --country [--from --to]   month-end headcount, UN categories
//   reconcile --country --month         register against the UN's figures
//   plan --country --unit [--year]      women the next rotation needs
// Handlers have the one shape (CliContext::RunTables): options in, a view's
// tables out (views/register_views.h); src/register/ does the work.
#include <fmt/format.h>

#include <filesystem>

#include "base/file_util.h"
#include "cli/cli.h"
#include "cli/record_commands.h"
#include "register/register_csv.h"
#include "views/register_views.h"

namespace bh {

namespace {

using Tables = Result<std::vector<Table>>;

Tables One(Result<Table> t) {
  if (!t.ok()) return t.status();
  return std::vector<Table>{std::move(*t)};
}

Result<std::optional<Month>> OptMonth(const std::string& text) {
  if (text.empty()) return std::optional<Month>();
  BH_ASSIGN_OR_RETURN(Month m, Month::Parse(text));
  return std::optional<Month>(m);
}

Tables Export(Db* db, const Reference& ref, CliContext& ctx, const std::string& country, const std::string& dir) {
  BH_ASSIGN_OR_RETURN(RegisterData data, LoadCountryRegister(db, ref, country));
  BH_ASSIGN_OR_RETURN(std::vector<InputFile> files, ExportRegister(db, data.country));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError(dir, ec.value());
  for (const InputFile& f : files) {
    std::string path = (std::filesystem::path(dir) / f.name).string();
    BH_RETURN_IF_ERROR(WriteFile(path, f.data));
    ctx.Say(fmt::format("wrote {}", path));
  }
  return std::vector<Table>{};
}

// ---------------------------------------------------------------- add / edit / end

// `register NOUN add|edit` for one kind (cli/record_commands.h), under
// `parent`; and `end` for members and postings, an edit that sets the end
// date from --on.
void AddRecordCommands(CLI::App* parent, CliContext& ctx, RegisterKind kind) {
  const KindSpec& spec = SpecOf(kind);
  CLI::App* noun = parent->add_subcommand(spec.noun, fmt::format("Add or change a {}", spec.noun));
  noun->require_subcommand(1);
  for (WriteMode mode : {WriteMode::kAdd, WriteMode::kEdit}) {
    std::string help = mode == WriteMode::kAdd ? fmt::format("Add a {}", spec.noun)
                                               : fmt::format("Change a {} (named by its key options)", spec.noun);
    AddRecordWriteCommand(noun, ctx, spec, mode, help, [kind, mode](Db* db, const Reference& ref, const Fields& given) {
      return WriteRecord(db, ref, kind, given, mode);
    });
  }
  if (kind != RegisterKind::kMember && kind != RegisterKind::kPosting) return;
  auto values = std::make_shared<std::map<std::string, std::string>>();
  CLI::App* end = noun->add_subcommand("end", kind == RegisterKind::kMember
                                                  ? "A member left the unit alone on --on (overrides the home batch)"
                                                  : "An individual posting ended on --on");
  for (const ColumnSpec& c : spec.columns) {
    if (c.key) end->add_option(OptionName(c.name), (*values)[c.name], c.help)->required();
  }
  end->add_option("--on", (*values)["ends"], "YYYY-MM-DD, the day it ended")->required();
  end->callback([&ctx, values, kind] {
    ctx.exit_code = ctx.RunTables([&ctx, values, kind](Db* db, const Reference& ref) -> Tables {
      Fields given;
      for (const auto& [column, value] : *values) given.Set(column, value);
      BH_RETURN_IF_ERROR(WriteRecord(db, ref, kind, given, WriteMode::kEdit).status());
      ctx.Say(fmt::format("{}: ended", KeyLabel(SpecOf(kind), given)));
      return std::vector<Table>{};
    });
  });
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
    cmd->callback([&ctx, paths] {
      ctx.exit_code = ctx.RunTables([paths](Db* db, const Reference& ref) -> Tables {
        BH_ASSIGN_OR_RETURN(RegisterImportSummary s, ImportRegisterPaths(db, ref, *paths));
        return std::vector<Table>{RegisterImportTable(s)};
      });
    });
  }
  {
    auto country = std::make_shared<std::string>();
    auto dir = std::make_shared<std::string>();
    CLI::App* cmd = reg->add_subcommand("export", "Write one country's register as CSV files in the import format");
    cmd->add_option("--country", *country, "ISO3 code or name, e.g. VNM")->required();
    cmd->add_option("--dir", *dir, "Folder to write persons.csv, units.csv, ... into")->required();
    cmd->callback([&ctx, country, dir] {
      ctx.exit_code = ctx.RunTables(
          [&ctx, country, dir](Db* db, const Reference& ref) { return Export(db, ref, ctx, *country, *dir); });
    });
  }
  for (RegisterKind k : kAllRegisterKinds) AddRecordCommands(reg, ctx, k);
  {
    auto country = std::make_shared<std::string>();
    auto as_of = std::make_shared<std::string>();
    CLI::App* cmd = reg->add_subcommand("summary",
                                        "What a country sent, per unit type and for individual postings, "
                                        "against requested shares and UGPS targets, with a briefing");
    cmd->add_option("--country", *country, "ISO3 code or name, e.g. VNM")->required();
    cmd->add_option("--as-of", *as_of, "YYYY-MM-DD (default: today)");
    AddFormatOption(cmd, ctx);
    AddTableOption(cmd, ctx, {"groups", "units", "briefing"});
    cmd->callback([&ctx, country, as_of] {
      ctx.exit_code = ctx.RunTables([&ctx, country, as_of](Db* db, const Reference& ref) -> Tables {
        Date day = TodayUtc(ctx.clock());
        if (!as_of->empty()) {
          auto d = Date::ParseIso(*as_of);
          if (!d.ok()) return Status::InvalidArgument(fmt::format("--as-of: want YYYY-MM-DD, got '{}'", *as_of));
          day = *d;
        }
        BH_ASSIGN_OR_RETURN(RegisterSummaryView v, RegisterSummaryTables(db, ref, *country, day));
        return v.Tables(ctx.TextFormat() ? RegisterSummaryView::BriefingAs::kNote
                                         : RegisterSummaryView::BriefingAs::kTable);
      });
    });
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
    cmd->callback([&ctx, country, from, to] {
      ctx.exit_code = ctx.RunTables([country, from, to](Db* db, const Reference& ref) -> Tables {
        BH_ASSIGN_OR_RETURN(std::optional<Month> f, OptMonth(*from));
        BH_ASSIGN_OR_RETURN(std::optional<Month> t, OptMonth(*to));
        return One(RegisterHeadcountTable(db, ref, *country, f, t));
      });
    });
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
    cmd->callback([&ctx, country, month] {
      ctx.exit_code = ctx.RunTables([country, month](Db* db, const Reference& ref) -> Tables {
        BH_ASSIGN_OR_RETURN(Month m, Month::Parse(*month));
        return One(RegisterReconcileTable(db, ref, *country, m));
      });
    });
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
    cmd->callback([&ctx, country, unit, year] {
      ctx.exit_code = ctx.RunTables([&ctx, country, unit, year](Db* db, const Reference& ref) -> Tables {
        return One(RegisterPlanTable(db, ref, *country, *unit, *year ? *year : TodayUtc(ctx.clock()).year));
      });
    });
  }
}

}  // namespace bh
