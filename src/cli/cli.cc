#include "cli/cli.h"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "app/workspace.h"
#include "base/strings.h"
#include "store/errata.h"

namespace bh {

Result<Db*> CliContext::db() {
  if (!db_) {
    BH_ASSIGN_OR_RETURN(db_, OpenWorkspace(db_path(), read_only_flag ? OpenMode::kReadOnly : OpenMode::kReadWrite));
    if (as_printed_flag) BH_RETURN_IF_ERROR(UseFiguresAsPrinted(db_.get()));
  }
  return db_.get();
}

Result<const Reference*> CliContext::ref() {
  if (!ref_) {
    BH_ASSIGN_OR_RETURN(Db * d, db());
    BH_ASSIGN_OR_RETURN(Reference r, Reference::Load(d));
    ref_ = std::make_unique<Reference>(std::move(r));
  }
  return ref_.get();
}

std::string CliContext::db_path() const { return ResolveDbPath(db_flag); }

int CliContext::Emit(const std::vector<Table>& tables) {
  auto f = ParseFormat(format_flag_);
  if (!f.ok()) return Fail(f.status());
  std::string name = command_name_.empty() ? "table" : command_name_;
  std::vector<std::string> names;
  for (const Table& t : tables) names.push_back(t.name.empty() ? name : t.name);
  std::vector<Table> chosen;
  if (!table_flag_.empty()) {
    auto it = std::find(names.begin(), names.end(), table_flag_);
    if (it == names.end()) {
      return Fail(Status::InvalidArgument(
          fmt::format("--table {}: no such table here (tables: {})", table_flag_, Join(names, ", "))));
    }
    chosen.push_back(tables[static_cast<size_t>(it - names.begin())]);
  } else {
    chosen = tables;
    if ((*f == Format::kCsv || *f == Format::kJsonLines) && tables.size() > 1) {
      // One table per stream: the first, and where the others are.
      Say(fmt::format("note: {} holds one table: '{}'; the others with --table {}", format_flag_, names[0],
                      Join(std::vector<std::string>(names.begin() + 1, names.end()), "|")));
    }
  }
  out_ << Render(chosen, *f, name);
  out_.flush();
  return 0;
}

int CliContext::Fail(const Status& s) {
  err_ << "bluehelmet: " << s.message() << "\n";
  return ExitCode(s);
}

int CliContext::RunTables(const TablesBody& body) {
  return RunTablesThenStatus([&body](Db* db, const Reference& ref) -> Result<TablesAndStatus> {
    BH_ASSIGN_OR_RETURN(std::vector<Table> tables, body(db, ref));
    return TablesAndStatus{std::move(tables), Status::Ok()};
  });
}

int CliContext::RunTablesThenStatus(const TablesAndStatusBody& body) {
  Result<Db*> db = this->db();
  if (!db.ok()) return Fail(db.status());
  Result<const Reference*> ref = this->ref();
  if (!ref.ok()) return Fail(ref.status());
  Result<TablesAndStatus> done = body(*db, **ref);
  if (!done.ok()) return Fail(done.status());
  if (!done->tables.empty()) {
    int code = Emit(done->tables);
    if (code != 0) return code;
  }
  return done->status.ok() ? 0 : Fail(done->status);
}

int CliContext::RunAction(const ActionBody& body) {
  return RunTablesThenStatus([&body](Db* db, const Reference& ref) -> Result<TablesAndStatus> {
    BH_RETURN_IF_ERROR(body(db, ref));
    return TablesAndStatus{};
  });
}

int CliContext::RunWithoutDatabase(const NoDatabaseBody& body) {
  Status st = body();
  return st.ok() ? 0 : Fail(st);
}

std::istream& CliContext::DefaultIn() { return std::cin; }

void CliContext::Say(const std::string& msg) { err_ << msg << "\n"; }

// "ewg_list" for `ewg list`: the command's words, root excluded.
std::string CommandName(const CLI::App* cmd) {
  std::vector<std::string> words;
  for (const CLI::App* c = cmd; c != nullptr && c->get_parent() != nullptr; c = c->get_parent()) {
    words.insert(words.begin(), c->get_name());
  }
  return Join(words, "_");
}

void AddFormatOption(CLI::App* cmd, CliContext& ctx) {
  // The command that runs names its unnamed tables in JSON (a subcommand's
  // preparse runs after its parent's, so the innermost wins).
  cmd->preparse_callback([&ctx, name = CommandName(cmd)](size_t) { ctx.command_name_ = name; });
  cmd->add_option("--format", ctx.format_flag_,
                  "Output format: table, csv, json, jsonl (JSON Lines) or markdown; csv, json and jsonl follow the "
                  "machine-format rule (README)")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](const std::string& value) {
            Result<Format> f = ParseFormat(value);
            return f.ok() ? std::string() : f.status().message();
          },
          ""));
}

void AddTableOption(CLI::App* cmd, CliContext& ctx, const std::vector<std::string>& names) {
  cmd->add_option("--table", ctx.table_flag_,
                  fmt::format("Print only this table: {} (csv and jsonl hold one table: '{}' unless this says "
                              "otherwise)",
                              Join(names, ", "), names.empty() ? "" : names[0]))
      ->check(CLI::Validator(
          [names](const std::string& value) {
            if (std::find(names.begin(), names.end(), value) != names.end()) return std::string();
            return fmt::format("--table {}: no such table (want {})", value, Join(names, ", "));
          },
          ""));
}

namespace {

constexpr char kFooter[] =
    "Database: --db FILE, else $BLUEHELMET_DB, else ./bluehelmet.db.\n"
    "Exit codes: 0 ok, 1 invalid data or mismatch, 2 usage, 3 not found, 4 I/O error,\n"
    "            5 permission denied, 70 internal error.";

int Run(CLI::App& app, CliContext& ctx, const std::function<void()>& parse) {
  try {
    parse();
  } catch (const CLI::CallForHelp& e) {
    ctx.out() << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp& e) {
    ctx.out() << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion& e) {
    ctx.out() << e.what() << "\n";
    return 0;
  } catch (const CLI::ValidationError& e) {
    // Our own checks (--format, --port, ...) name the option and the reason.
    ctx.err() << "bluehelmet: " << e.what() << "\n";
    return 2;
  } catch (const CLI::ParseError& e) {
    ctx.err() << "bluehelmet: " << e.what() << " (run with --help for usage)\n";
    return 2;
  }
  return ctx.exit_code;
}

}  // namespace

void ConfigureCli(CLI::App& app, CliContext& ctx) {
  app.description(
      "Bluehelmet measures women's participation in UN peacekeeping: it reads the UN's monthly\n"
      "reports and open data, scores countries against the UN Uniformed Gender Parity Strategy,\n"
      "keeps a national deployment register and supports the ADMM-Plus EWG on peacekeeping.");
  app.footer(kFooter);
  app.set_version_flag("--version", "bluehelmet 0.1.0");
  app.add_option("--db", ctx.db_flag, "Database file (default: $BLUEHELMET_DB or ./bluehelmet.db)");
  app.add_flag("--as-printed", ctx.as_printed_flag,
               "Show the UN's figures as printed, without the corrections (see 'bluehelmet errata')");
  app.add_flag("--read-only", ctx.read_only_flag,
               "Open the database read-only: read commands work, commands that write fail (a database this user "
               "may not write is opened so anyway)");
  app.require_subcommand(1);
  app.fallthrough();
  AddCoreCommands(app, ctx);
  AddSourceCommands(app, ctx);
  AddRegisterCommands(app, ctx);
  AddEwgCommands(app, ctx);
  AddWebCommands(app, ctx);
  AddTrustCommands(app, ctx);
  AddMissionCommands(app, ctx);
  AddProjectionCommands(app, ctx);
  AddExportCommands(app, ctx);
}

int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err, bool err_is_tty) {
  CLI::App app{"", "bluehelmet"};
  CliContext ctx(out, err, err_is_tty);
  ConfigureCli(app, ctx);
  return Run(app, ctx, [&] { app.parse(argc, argv); });
}

int RunCliArgs(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return RunCliArgs(args, std::cin, out, err);
}

int RunCliArgs(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
  CLI::App app{"", "bluehelmet"};
  CliContext ctx(out, err, false);
  ctx.set_in(&in);
  ConfigureCli(app, ctx);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  return Run(app, ctx, [&] { app.parse(reversed); });
}

}  // namespace bh
