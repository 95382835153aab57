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
#include <iostream>

#include "app/workspace.h"
#include "base/date.h"
#include "base/file_util.h"
#include "base/mutex.h"
#include "base/strings.h"
#include "cli/cli.h"
#include "publish/publication.h"
#include "accounts/accounts.h"
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

WebServer* g_server = nullptr;  // for the signal handler only

void StopOnSignal(int) {
  if (g_server) g_server->Stop();
}

int RunServe(CliContext& ctx, const ServeArgs& a) {
  if (a.tls_cert.empty() != a.tls_key.empty()) {
    return ctx.Fail(Status::InvalidArgument("--tls-cert and --tls-key go together"));
  }
  // 0 picks a free port (the browser tests). The library would silently
  // take a larger number modulo 65536 (70000 listened on 4464).
  if (a.port < 0 || a.port > 65535) {
    return ctx.Fail(Status::InvalidArgument(fmt::format("--port: want 1 to 65535 (0: any free port), got {}", a.port)));
  }
  if (a.session_hours <= 0 || a.session_hours > 24 * 30) {
    return ctx.Fail(Status::InvalidArgument("--session-hours: want more than 0 and at most 720"));
  }
  // Migrations run once here; the pool's connections then open plainly.
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  std::string path = ctx.db_path();
  Accounts accounts(*db, SystemClock::Default());
  auto users = accounts.ListUsers();
  if (!users.ok()) return ctx.Fail(users.status());

  std::unique_ptr<AssetSource> dir_assets;
  ApiOptions options;
  options.anonymous_read = a.anonymous_read;
  options.tls = !a.tls_cert.empty();
  options.session_ttl_seconds = static_cast<int64_t>(a.session_hours * 3600);
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
  auto port = server.Bind();
  if (!port.ok()) return ctx.Fail(port.status());
  ctx.Say(fmt::format("Serving {}://{}:{}/ on database {}{}", options.tls ? "https" : "http", a.bind, *port, path,
                      a.anonymous_read ? " (anonymous read on)" : ""));
  if (users->empty()) {
    ctx.Say("No accounts yet: create the first admin with 'bluehelmet user add NAME --role admin'.");
  }
  ctx.Say("Stop with Ctrl-C.");
  g_server = &server;
  std::signal(SIGINT, StopOnSignal);
  std::signal(SIGTERM, StopOnSignal);
  Status st = server.Run();
  g_server = nullptr;
  if (!st.ok()) return ctx.Fail(st);
  ctx.Say("Stopped.");
  return 0;
}

// ---------------------------------------------------------------- user

struct UserArgs {
  std::string name, role = "viewer", countries;
  bool ewg = false, imports = false;
};

int RunUserAdd(CliContext& ctx, const UserArgs& a) {
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  auto ref = ctx.ref();
  if (!ref.ok()) return ctx.Fail(ref.status());
  NewUser u;
  u.username = a.name;
  auto role = ParseRole(a.role);
  if (!role.ok()) return ctx.Fail(role.status());
  u.role = *role;
  u.ewg = a.ewg;
  u.imports = a.imports;
  if (!a.countries.empty()) {
    auto list = (*ref)->ResolveCountryList(a.countries);
    if (!list.ok()) return ctx.Fail(list.status());
    u.countries = *list;
  }
  auto password = AskPassword(ctx, a.name);
  if (!password.ok()) return ctx.Fail(password.status());
  u.password = *password;
  Accounts accounts(*db, SystemClock::Default());
  auto created = accounts.CreateUser(u);
  if (!created.ok()) return ctx.Fail(created.status());
  std::string scope = created->countries.empty() ? "" : " of " + Join(created->countries, ", ");
  std::string detail = fmt::format("{}: {}{}{}{}", created->username, RoleName(created->role), scope,
                                   created->ewg ? "; ewg" : "", created->imports ? "; imports" : "");
  Status st = accounts.Audit(CliActor(), "account", "create-user", "", detail);
  if (!st.ok()) return ctx.Fail(st);
  ctx.Say(fmt::format("user {} created", detail));
  return 0;
}

int RunUserList(CliContext& ctx) {
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  Accounts accounts(*db, SystemClock::Default());
  auto users = accounts.ListUsers();
  if (!users.ok()) return ctx.Fail(users.status());
  Table t;
  t.title = "Accounts";
  t.columns = {"Username", "Role", "Countries", "EWG", "UN uploads"};
  for (const User& u : *users) {
    t.AddRow({u.username, std::string(RoleName(u.role)), u.countries.empty() ? "-" : Join(u.countries, ", "),
              u.ewg ? "yes" : "-", u.imports ? "yes" : "-"});
  }
  if (users->empty()) t.notes.push_back("No accounts: 'bluehelmet user add NAME --role admin' creates the first.");
  return ctx.Emit(t);
}

int RunUserRemove(CliContext& ctx, const std::string& name) {
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  Accounts accounts(*db, SystemClock::Default());
  Status st = accounts.DeleteUser(name);
  if (st.ok()) st = accounts.Audit(CliActor(), "account", "delete-user", "", name);
  if (!st.ok()) return ctx.Fail(st);
  ctx.Say(fmt::format("user {} removed", name));
  return 0;
}

int RunUserPasswd(CliContext& ctx, const std::string& name) {
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  Accounts accounts(*db, SystemClock::Default());
  auto user = accounts.GetUser(name);
  if (!user.ok()) return ctx.Fail(user.status());
  auto password = AskPassword(ctx, name);
  if (!password.ok()) return ctx.Fail(password.status());
  Status st = accounts.SetPassword(name, *password);
  if (st.ok()) st = accounts.Audit(CliActor(), "account", "set-password", "", name);
  if (!st.ok()) return ctx.Fail(st);
  ctx.Say(fmt::format("password of {} changed; their sessions ended", name));
  return 0;
}

// ---------------------------------------------------------------- report

struct ReportArgs {
  std::string month, group = "ADMM-Plus", out, format;
  int limit = 20;
};

int RunReport(CliContext& ctx, const ReportArgs& a) {
  std::string format = a.format;
  if (format.empty()) format = a.out.ends_with(".xlsx") ? "xlsx" : "html";
  if (format != "html" && format != "xlsx") {
    return ctx.Fail(Status::InvalidArgument(fmt::format("unknown report format '{}' (want html or xlsx)", format)));
  }
  if (format == "xlsx" && a.out.empty()) return ctx.Fail(Status::InvalidArgument("--format xlsx needs --out FILE"));
  if (!a.month.empty()) {
    auto m = Month::Parse(a.month);
    if (!m.ok()) return ctx.Fail(m.status());
  }
  auto db = ctx.db();
  if (!db.ok()) return ctx.Fail(db.status());
  auto ref = ctx.ref();
  if (!ref.ok()) return ctx.Fail(ref.status());
  PublicationRequest r{a.month, a.group, a.limit};
  if (format == "xlsx") {
    Status st = WriteXlsxPublication(*db, **ref, r, a.out);
    if (!st.ok()) return ctx.Fail(st);
    ctx.Say(fmt::format("wrote {}", a.out));
    return 0;
  }
  auto html = RenderHtmlPublication(*db, **ref, r);
  if (!html.ok()) return ctx.Fail(html.status());
  if (a.out.empty()) {
    ctx.out() << *html;
    return 0;
  }
  Status st = WriteFile(a.out, *html);
  if (!st.ok()) return ctx.Fail(st);
  ctx.Say(fmt::format("wrote {}", a.out));
  return 0;
}

}  // namespace

void AddWebCommands(CLI::App& app, CliContext& ctx) {
  {
    auto a = std::make_shared<ServeArgs>();
    CLI::App* cmd = app.add_subcommand("serve", "Serve the web dashboard and JSON API");
    cmd->add_option("--port", a->port, "TCP port")->capture_default_str();
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
    cmd->callback([&ctx, a] { ctx.exit_code = RunServe(ctx, *a); });
  }
  {
    CLI::App* cmd = app.add_subcommand("user", "Dashboard accounts: add, list, remove, passwd");
    cmd->require_subcommand(1);
    auto a = std::make_shared<UserArgs>();
    CLI::App* add = cmd->add_subcommand("add", "Create an account (the password is asked for, or read from stdin)");
    add->add_option("name", a->name, "Username")->required();
    add->add_option("--role", a->role, "admin, editor or viewer")->capture_default_str();
    add->add_option("--countries", a->countries, "Editor: the countries whose register they may change (ISO3 or names)");
    add->add_flag("--ewg", a->ewg, "Editor: may change EWG data");
    add->add_flag("--imports", a->imports, "Editor: may upload UN reports");
    add->callback([&ctx, a] { ctx.exit_code = RunUserAdd(ctx, *a); });
    CLI::App* list = cmd->add_subcommand("list", "List accounts");
    AddFormatOption(list, ctx);
    list->callback([&ctx] { ctx.exit_code = RunUserList(ctx); });
    auto name = std::make_shared<std::string>();
    CLI::App* rm = cmd->add_subcommand("remove", "Delete an account and its sessions");
    rm->add_option("name", *name, "Username")->required();
    rm->callback([&ctx, name] { ctx.exit_code = RunUserRemove(ctx, *name); });
    auto pname = std::make_shared<std::string>();
    CLI::App* pw = cmd->add_subcommand("passwd", "Set an account's password (ends its sessions)");
    pw->add_option("name", *pname, "Username")->required();
    pw->callback([&ctx, pname] { ctx.exit_code = RunUserPasswd(ctx, *pname); });
  }
  {
    auto a = std::make_shared<ReportArgs>();
    CLI::App* cmd = app.add_subcommand("report", "A group's scorecard for a month as one HTML file or an XLSX workbook");
    cmd->add_option("--month", a->month, "YYYY-MM (default: the latest imported month)");
    cmd->add_option("--group", a->group, "Country group")->capture_default_str();
    cmd->add_option("--out", a->out, "Output file (HTML default: stdout)");
    cmd->add_option("--format", a->format, "html or xlsx (default: from --out's extension, else html)");
    cmd->add_option("--limit", a->limit, "Rows per world ranking")->capture_default_str();
    cmd->callback([&ctx, a] { ctx.exit_code = RunReport(ctx, *a); });
  }
}

}  // namespace bh
