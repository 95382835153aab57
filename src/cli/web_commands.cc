// The web layer's commands:
//   serve   the dashboard and JSON API (src/web)
//   user    accounts: add (the first admin too), list, remove, passwd
//   report  the scorecard of a group for a month as HTML or XLSX (src/publish)
// Passwords are never taken from the command line (it shows in `ps` and in
// shell history): they are typed at a prompt without echo, or read as one
// line from stdin when stdin is not a terminal.
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <iostream>

#include "accounts/accounts.h"
#include "app/workspace.h"
#include "base/date.h"
#include "base/file_util.h"
#include "base/mutex.h"
#include "base/strings.h"
#include "cli/cli.h"
#include "publish/publication.h"
#include "views/account_views.h"
#include "web/api.h"
#include "web/server.h"

namespace bh {

namespace {

// ---------------------------------------------------------------- passwords

Result<std::string> ReadLine(std::istream& in, bool echo_off) {
  termios old{};
  bool restore = false;
  if (echo_off && &in == &std::cin && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    restore = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(in, line));
  if (restore) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!got) return Status::InvalidArgument("no password given (type it, or pipe one line to stdin)");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<std::string> AskPassword(CliContext& ctx, const std::string& for_whom) {
  bool interactive = &ctx.in() == &std::cin && isatty(STDIN_FILENO);
  if (!interactive) return ReadLine(ctx.in(), false);
  ctx.err() << fmt::format("Password for {}: ", for_whom) << std::flush;
  BH_ASSIGN_OR_RETURN(std::string first, ReadLine(ctx.in(), true));
  ctx.err() << "Again: " << std::flush;
  BH_ASSIGN_OR_RETURN(std::string second, ReadLine(ctx.in(), true));
  if (first != second) return Status::InvalidArgument("the two passwords differ");
  return first;
}

std::string CliActor() {
  const char* u = std::getenv("USER");
  return fmt::format("cli:{}", u && *u ? u : "unknown");
}

// ---------------------------------------------------------------- serve

struct ServeArgs {
  int port = 8080;
  std::string bind = "127.0.0.1";
  bool anonymous_read = false;
  std::string tls_cert, tls_key, web_root;
  double session_hours = 12;
  int threads = ServeOptions::kDefaultThreads;
  int max_connections_per_address = ServeOptions{}.max_connections_per_address;
  bool quiet = false;
};

// --port, checked when the arguments are parsed. 0 picks a free port (the
// browser tests). The library would silently take a larger number modulo
// 65536 (70000 listened on 4464).
std::string CheckPort(const std::string& text) {
  std::optional<int64_t> n = ParseWholeNumber(text);
  if (n && *n >= 0 && *n <= 65535) return "";
  return fmt::format("want 1 to 65535 (0: any free port), got {}", text);
}

WebServer* g_server = nullptr;  // for the signal handler only

void StopOnSignal(int) {
  if (g_server) g_server->Stop();
}

Status RunServe(CliContext& ctx, Db* db, const ServeArgs& a) {
  if (a.tls_cert.empty() != a.tls_key.empty()) return Status::InvalidArgument("--tls-cert and --tls-key go together");
  if (a.session_hours <= 0 || a.session_hours > 24 * 30) {
    return Status::InvalidArgument("--session-hours: want more than 0 and at most 720");
  }
  // Migrations ran once, when the context opened the database; the pool's
  // connections then open plainly.
  std::string path = ctx.db_path();
  Accounts accounts(db, SystemClock::Default());
  BH_ASSIGN_OR_RETURN(std::vector<User> users, accounts.ListUsers());

  std::unique_ptr<AssetSource> dir_assets;
  ApiOptions options;
  options.anonymous_read = a.anonymous_read;
  options.tls = !a.tls_cert.empty();
  options.session_ttl_seconds = static_cast<int64_t>(a.session_hours * 3600);
  if (path != ":memory:") options.upload_dir = std::filesystem::absolute(path + ".uploads").string();
  if (!a.web_root.empty()) {
    dir_assets = DirectoryAssets(a.web_root);
    options.assets = dir_assets.get();
  }
  DbPool pool(path);
  Api api(&pool, SystemClock::Default(), options);
  ServeOptions so;
  so.bind = a.bind;
  so.port = a.port;
  so.tls_cert = a.tls_cert;
  so.tls_key = a.tls_key;
  so.threads = a.threads;
  so.max_connections_per_address = a.max_connections_per_address;
  // Worker threads log at once: one line at a time, or they interleave.
  Mutex log_mu;
  if (!a.quiet) {
    so.log = [&ctx, &log_mu](const std::string& line) {
      MutexLock lock(&log_mu);
      ctx.Say(line);
    };
  }
  WebServer server(&api, so);
  BH_ASSIGN_OR_RETURN(int port, server.Bind());
  ctx.Say(fmt::format("Serving {}://{}:{}/ on database {}{}", options.tls ? "https" : "http", a.bind, port, path,
                      a.anonymous_read ? " (anonymous read on)" : ""));
  if (users.empty()) {
    ctx.Say("No accounts yet: create the first admin with 'bluehelmet user add NAME --role admin'.");
  }
  ctx.Say("Stop with Ctrl-C.");
  g_server = &server;
  std::signal(SIGINT, StopOnSignal);
  std::signal(SIGTERM, StopOnSignal);
  Status st = server.Run();
  g_server = nullptr;
  BH_RETURN_IF_ERROR(st);
  ctx.Say("Stopped.");
  return Status::Ok();
}

// ---------------------------------------------------------------- user

struct UserArgs {
  std::string name, role = "viewer", countries;
  bool ewg = false, imports = false;
};

Status RunUserAdd(CliContext& ctx, Db* db, const Reference& ref, const UserArgs& a) {
  NewUser u;
  u.username = a.name;
  BH_ASSIGN_OR_RETURN(u.role, ParseRole(a.role));
  u.ewg = a.ewg;
  u.imports = a.imports;
  if (!a.countries.empty()) {
    BH_ASSIGN_OR_RETURN(u.countries, ref.ResolveCountryList(a.countries));
  }
  BH_ASSIGN_OR_RETURN(u.password, AskPassword(ctx, a.name));
  Accounts accounts(db, SystemClock::Default());
  BH_ASSIGN_OR_RETURN(User created, accounts.CreateUser(u));
  std::string detail = CreatedUserText(created);
  BH_RETURN_IF_ERROR(accounts.Audit(CliActor(), "account", "create-user", "", detail));
  ctx.Say(fmt::format("user {} created", detail));
  return Status::Ok();
}

Status RunUserRemove(CliContext& ctx, Db* db, const std::string& name) {
  Accounts accounts(db, SystemClock::Default());
  BH_RETURN_IF_ERROR(accounts.DeleteUser(name));
  BH_RETURN_IF_ERROR(accounts.Audit(CliActor(), "account", "delete-user", "", name));
  ctx.Say(fmt::format("user {} removed", name));
  return Status::Ok();
}

Status RunUserPasswd(CliContext& ctx, Db* db, const std::string& name) {
  Accounts accounts(db, SystemClock::Default());
  BH_RETURN_IF_ERROR(accounts.GetUser(name).status());
  BH_ASSIGN_OR_RETURN(std::string password, AskPassword(ctx, name));
  BH_RETURN_IF_ERROR(accounts.SetPassword(name, password));
  BH_RETURN_IF_ERROR(accounts.Audit(CliActor(), "account", "set-password", "", name));
  ctx.Say(fmt::format("password of {} changed; their sessions ended", name));
  return Status::Ok();
}

// ---------------------------------------------------------------- report

struct ReportArgs {
  std::string month, group = "ADMM-Plus", out, format;
  int limit = 20;
};

// The formats `report` writes. Checked when the arguments are parsed.
std::string CheckReportFormat(const std::string& format) {
  return format == "html" || format == "xlsx" ? std::string()
                                              : fmt::format("unknown report format '{}' (want html or xlsx)", format);
}

Status RunReport(CliContext& ctx, Db* db, const Reference& ref, const ReportArgs& a) {
  std::string format = a.format;
  if (format.empty()) format = a.out.ends_with(".xlsx") ? "xlsx" : "html";
  if (format == "xlsx" && a.out.empty()) return Status::InvalidArgument("--format xlsx needs --out FILE");
  if (!a.month.empty()) BH_RETURN_IF_ERROR(Month::Parse(a.month).status());
  PublicationRequest r{a.month, a.group, a.limit};
  if (format == "xlsx") {
    BH_RETURN_IF_ERROR(WriteXlsxPublication(db, ref, r, a.out));
    ctx.Say(fmt::format("wrote {}", a.out));
    return Status::Ok();
  }
  BH_ASSIGN_OR_RETURN(std::string html, RenderHtmlPublication(db, ref, r));
  if (a.out.empty()) {
    ctx.out() << html;
    return Status::Ok();
  }
  BH_RETURN_IF_ERROR(WriteFile(a.out, html));
  ctx.Say(fmt::format("wrote {}", a.out));
  return Status::Ok();
}

}  // namespace

void AddWebCommands(CLI::App& app, CliContext& ctx) {
  {
    auto a = std::make_shared<ServeArgs>();
    CLI::App* cmd = app.add_subcommand("serve", "Serve the web dashboard and JSON API");
    cmd->add_option("--port", a->port, "TCP port")->capture_default_str()->check(CLI::Validator(CheckPort, ""));
    cmd->add_option("--bind", a->bind, "Address to listen on")->capture_default_str();
    cmd->add_flag("--anonymous-read", a->anonymous_read, "Let visitors read without logging in (off by default)");
    cmd->add_option("--tls-cert", a->tls_cert, "PEM certificate: serve HTTPS (cookies then get Secure)");
    cmd->add_option("--tls-key", a->tls_key, "PEM private key for --tls-cert");
    cmd->add_option("--session-hours", a->session_hours, "How long a login lasts")->capture_default_str();
    cmd->add_option("--web-root", a->web_root, "Serve the dashboard's files from DIR instead of the built-in ones");
    cmd->add_option("--threads", a->threads,
                    "Worker threads: each open connection (keep-alive) holds one, so at least the connections "
                    "expected at once; more wait in a queue")
        ->capture_default_str()
        ->check(CLI::Range(1, ServeOptions::kMaxThreads));
    cmd->add_option("--max-connections-per-address", a->max_connections_per_address,
                    "Connections served at once from one client address (more get 429); see docs/security.md")
        ->capture_default_str()
        ->check(CLI::Range(1, ServeOptions::kMaxThreads));
    cmd->add_flag("--quiet", a->quiet, "Do not log each request");
    cmd->callback([&ctx, a] {
      ctx.exit_code = ctx.RunAction([&ctx, a](Db* db, const Reference&) { return RunServe(ctx, db, *a); });
    });
  }
  {
    CLI::App* cmd = app.add_subcommand("user", "Dashboard accounts: add, list, remove, passwd");
    cmd->require_subcommand(1);
    auto a = std::make_shared<UserArgs>();
    CLI::App* add = cmd->add_subcommand("add", "Create an account (the password is asked for, or read from stdin)");
    add->add_option("name", a->name, "Username")->required();
    add->add_option("--role", a->role, "admin, editor or viewer")->capture_default_str();
    add->add_option("--countries", a->countries,
                    "Editor: the countries whose register they may change (ISO3 or names)");
    add->add_flag("--ewg", a->ewg, "Editor: may change EWG data");
    add->add_flag("--imports", a->imports, "Editor: may upload UN reports");
    add->callback([&ctx, a] {
      ctx.exit_code = ctx.RunAction([&ctx, a](Db* db, const Reference& ref) { return RunUserAdd(ctx, db, ref, *a); });
    });
    CLI::App* list = cmd->add_subcommand("list", "List accounts");
    AddFormatOption(list, ctx);
    list->callback([&ctx] {
      ctx.exit_code = ctx.RunTables([](Db* db, const Reference&) -> Result<std::vector<Table>> {
        BH_ASSIGN_OR_RETURN(std::vector<User> users, Accounts(db, SystemClock::Default()).ListUsers());
        return std::vector<Table>{UsersTable(users)};
      });
    });
    auto name = std::make_shared<std::string>();
    CLI::App* rm = cmd->add_subcommand("remove", "Delete an account and its sessions");
    rm->add_option("name", *name, "Username")->required();
    rm->callback([&ctx, name] {
      ctx.exit_code = ctx.RunAction([&ctx, name](Db* db, const Reference&) { return RunUserRemove(ctx, db, *name); });
    });
    auto pname = std::make_shared<std::string>();
    CLI::App* pw = cmd->add_subcommand("passwd", "Set an account's password (ends its sessions)");
    pw->add_option("name", *pname, "Username")->required();
    pw->callback([&ctx, pname] {
      ctx.exit_code = ctx.RunAction([&ctx, pname](Db* db, const Reference&) { return RunUserPasswd(ctx, db, *pname); });
    });
  }
  {
    auto a = std::make_shared<ReportArgs>();
    CLI::App* cmd =
        app.add_subcommand("report", "A group's scorecard for a month as one HTML file or an XLSX workbook");
    cmd->add_option("--month", a->month, "YYYY-MM (default: the latest imported month)");
    cmd->add_option("--group", a->group, "Country group")->capture_default_str();
    cmd->add_option("--out", a->out, "Output file (HTML default: stdout)");
    cmd->add_option("--format", a->format, "html or xlsx (default: from --out's extension, else html)")
        ->check(CLI::Validator(CheckReportFormat, ""));
    cmd->add_option("--limit", a->limit, "Rows per world ranking")->capture_default_str();
    cmd->callback([&ctx, a] {
      ctx.exit_code = ctx.RunAction([&ctx, a](Db* db, const Reference& ref) { return RunReport(ctx, db, ref, *a); });
    });
  }
}

}  // namespace bh
