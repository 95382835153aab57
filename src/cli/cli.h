// The command line: `bluehelmet COMMAND [options]`, built on CLI11.
//
// Commands are added by each layer's Add*Commands function (the table of
// them is ConfigureCli, in cli.cc), so `--help` and dispatch come from one list.
// Conventions every command follows:
//   - data on stdout, messages and progress on stderr;
//   - --format table|csv|json|jsonl|markdown on every command that prints
//     data, following the machine-format rule (README, "Machine formats"):
//     CSV and JSON Lines hold one table (a command with several offers the
//     others by --table NAME), JSON is always {"tables": {NAME: ...}};
//   - --db FILE, else $BLUEHELMET_DB, else ./bluehelmet.db;
//   - exit codes: 0 ok, 1 invalid data or mismatch, 2 usage, 3 not found,
//     4 I/O error, 5 permission denied, 70 internal error.
#ifndef BLUEHELMET_CLI_CLI_H_
#define BLUEHELMET_CLI_CLI_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "store/database.h"
#include "store/reference.h"
#include "table/table.h"

namespace bh {

// Shared state of one CLI run. Opens the database lazily, once.
//
// Every handler has one of the shapes below (RunTables and its siblings):
// it translates its arguments into a call of views/ or a domain, and the
// context turns the outcome into output and an exit code, in one place. A
// handler never prints an error itself, and never chooses an exit code.
class CliContext {
 public:
  CliContext(std::ostream& out, std::ostream& err, bool err_is_tty) : out_(out), err_(err), err_is_tty_(err_is_tty) {}

  std::string db_flag;
  bool read_only_flag = false;   // --read-only: open with OpenMode::kReadOnly
  bool as_printed_flag = false;  // --as-printed: the UN's figures without errata
  int exit_code = 0;

  Result<Db*> db();
  Result<const Reference*> ref();
  // Reloads reference data after a command changed it.
  void InvalidateRef() { ref_.reset(); }
  std::string db_path() const;

  // Where passwords and other typed input come from (std::cin by default).
  std::istream& in() { return in_ ? *in_ : DefaultIn(); }
  void set_in(std::istream* in) { in_ = in; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }
  bool err_is_tty() const { return err_is_tty_; }
  // Where "now" comes from (e.g. the default `register summary --as-of`):
  // the system clock unless a test injects another.
  const Clock& clock() const { return *clock_; }
  void set_clock(const Clock* clock) { clock_ = clock; }

  // True when --format is table or markdown (text for a person to read),
  // false for csv and json.
  bool TextFormat() const { return format_flag_ == "table" || format_flag_ == "markdown"; }

  // The one shape of a handler: opens the database and its reference data,
  // runs `body`, and emits the tables it returns (none: nothing is
  // printed); any failure becomes one line on stderr and its exit code,
  // here. Returns the exit code.
  using TablesBody = std::function<Result<std::vector<Table>>(Db* db, const Reference& ref)>;
  int RunTables(const TablesBody& body);

  // RunTables for a command over several inputs that prints its table even
  // when some of them failed (`import` of several files): the tables are
  // emitted, then a failed `status` becomes its one line and exit code.
  struct TablesAndStatus {
    std::vector<Table> tables;
    Status status;
  };
  using TablesAndStatusBody = std::function<Result<TablesAndStatus>(Db* db, const Reference& ref)>;
  int RunTablesThenStatus(const TablesAndStatusBody& body);

  // RunTables for a command that prints no table: it changes the database
  // or writes a file (or HTML, or a CSV, to stdout), and says what it did on
  // stderr (Say). A failed Status becomes one line and the exit code.
  using ActionBody = std::function<Status(Db* db, const Reference& ref)>;
  int RunAction(const ActionBody& body);

  // RunAction for a command that needs no database (`sample generate`):
  // none is opened.
  using NoDatabaseBody = std::function<Status()>;
  int RunWithoutDatabase(const NoDatabaseBody& body);

  // A message on stderr.
  void Say(const std::string& msg);

 private:
  friend void AddFormatOption(CLI::App* cmd, CliContext& ctx);

  // Adds `--table NAME` to a command that prints several tables (`names`, in
  // the order it prints them): only that table is printed, in any format. CSV
  // and JSON Lines, one table per stream, write the first unless --table says
  // otherwise (and say on stderr which others there are). An unknown name is
  // a usage error listing the names.
  void AddTableOption(CLI::App* cmd, CliContext& ctx, const std::vector<std::string>& names);
  friend void AddTableOption(CLI::App* cmd, CliContext& ctx, const std::vector<std::string>& names);
  // Renders tables in the chosen --format to stdout; returns the exit code.
  // Called only by the Run* shapes above.
  int Emit(const std::vector<Table>& tables);
  // Prints "bluehelmet: <message>" on stderr; returns the exit code. Called
  // only by the Run* shapes above.
  int Fail(const Status& s);
  std::string format_flag_ = "table";  // checked when parsed (AddFormatOption)
  std::string table_flag_;             // --table NAME: only that table
  std::string command_name_;           // "country", "ewg_list": the JSON name of an unnamed table
  static std::istream& DefaultIn();
  std::istream* in_ = nullptr;
  std::ostream& out_;
  std::ostream& err_;
  bool err_is_tty_;
  const Clock* clock_ = SystemClock::Default();
  std::unique_ptr<Db> db_;
  std::unique_ptr<Reference> ref_;
};

// Adds `--format` to a command. A value other than table, csv, json or
// markdown is a usage error when the arguments are parsed (exit 2, one
// line), before the command runs.
void AddFormatOption(CLI::App* cmd, CliContext& ctx);

// Adds `--table NAME` to a command that prints several tables (`names`, in
// the order it prints them): only that table is printed, in any format. CSV
// and JSON Lines, one table per stream, write the first unless --table says
// otherwise (and say on stderr which others there are). An unknown name is
// a usage error listing the names.
void AddTableOption(CLI::App* cmd, CliContext& ctx, const std::vector<std::string>& names);

// Adds every command (the table of them: each layer's Add*Commands) and the
// global options to `app`, bound to `ctx`. RunCli calls it; tests walk the
// commands it adds.
void ConfigureCli(CLI::App& app, CliContext& ctx);

// Each layer's commands.
void AddCoreCommands(CLI::App& app, CliContext& ctx);
// `source`: where each figure came from (source_commands.cc).
void AddSourceCommands(CLI::App& app, CliContext& ctx);
// `register ...`: the national deployment register (src/register/).
void AddRegisterCommands(CLI::App& app, CliContext& ctx);
// `bluehelmet ewg ...`: the ADMM-Plus EWGs (ewg_commands.cc).
void AddEwgCommands(CLI::App& app, CliContext& ctx);
// serve, user, report (src/cli/web_commands.cc).
void AddWebCommands(CLI::App& app, CliContext& ctx);
// imports, anomalies: where figures come from and what the checks found
// (src/cli/trust_commands.cc).
void AddTrustCommands(CLI::App& app, CliContext& ctx);
// missions, mission: the missions and their contributors
// (src/cli/mission_commands.cc).
void AddMissionCommands(CLI::App& app, CliContext& ctx);
// project: the share of women carried forward to 2028
// (src/cli/projection_commands.cc).
void AddProjectionCommands(CLI::App& app, CliContext& ctx);

// `export`: the tidy long table of figures with their sources
// (export_commands.cc).
void AddExportCommands(CLI::App& app, CliContext& ctx);

// Parses argv and runs the command; returns the process exit code.
int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err, bool err_is_tty);
// For tests: runs with the given arguments (argv[0] excluded).
int RunCliArgs(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// For tests that type input (passwords): `in` replaces stdin.
int RunCliArgs(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace bh

#endif  // BLUEHELMET_CLI_CLI_H_
