// Api: the web dashboard's HTTP API and asset server, as one function from
// HttpRequest to HttpResponse (no sockets), which server.h puts behind
// cpp-httplib and the tests call directly.
//
// Endpoints (all JSON; the route table in api.cc is the one list, and
// `GET /api` returns it):
//   GET  /api/health                         liveness and version (public)
//   GET  /api/session                        who is signed in, server options (public)
//   POST /api/login  {username, password}    starts a session cookie (public; throttled)
//   POST /api/logout                         ends it
//   GET  /api/scorecard?group=|countries=&month=   the UGPS scorecard table
//   GET  /api/rankings?category=&by=&month=&limit= world ranking table
//   GET  /api/top?month=&limit=              the countries with the most women deployed
//   GET  /api/shares                         every country's share of women, whole history
//   GET  /api/countries                      countries with figures
//   GET  /api/countries/{country}            monthly + annual tables and chart data
//   GET  /api/months                         months with current source and history
//   GET  /api/imports                        imported files with provenance
//   GET  /api/anomalies?month=&country=&kind=  the plausibility findings with their evidence
//   GET  /api/errata?month=                  the corrections, applied or not, and why
//   POST /api/imports  (multipart "file")    upload a UN report (admin; editor granted imports);
//        ?month=YYYY-MM dates a report that prints no month
//   GET  /api/targets?from=&to=              UGPS targets with sources
//   GET  /api/groups                         country groups
//   GET  /api/users, POST /api/users, DELETE /api/users/{username}   accounts (admin)
//   POST /api/password {old, new}            change one's own password
//   GET  /api/audit?limit=                   audit log, newest first (admin)
//   GET  /api/ewg/cycles?ewg=                EWG cycles with co-chairs
//   GET  /api/ewg/activities?ewg=&cycle=     EWG activities
//   GET  /api/ewg/report?ewg=&cycle=         the cycle report's tables
//   POST /api/ewg/imports (multipart "file", one or more)  EWG CSVs (admin; editor granted ewg)
//   GET  /api/register                       countries with a deployment register
//   GET  /api/register/{country}?as_of=      the register's groups and the seed's briefing
//   POST /api/register/imports (multipart "file", one or more)  register CSVs: every
//        country named in them must be in the editor's scope (admin: any)
// The dashboard's pages of issue 14 (one group of routes and handlers):
//   POST   /api/errata {month, country, mission, type, printed_women,
//          printed_men, women, men, reason, evidence}   add a correction (admin; audited)
//   DELETE /api/errata/{id} {reason}         remove one (admin; audited with the reason)
//   GET  /api/source?month=&country=&mission=&type=   where a figure came from (`bluehelmet source`)
//   GET  /api/source/page.png?month=&country=&mission=&type=   the PDF page with the rows
//        boxed (`source --png`); limits in docs/security.md
//   GET  /api/ewg/participants?ewg=&cycle=   delegations by activity and country, by sex
//   GET  /api/register/{country}/reconcile?month=     the register against the UN's month
//   GET  /api/register/{country}/plan?unit=&year=     women a unit's next rotation needs
// Tables come as {"title","columns","rows","notes","display"}: the same
// tables the CLI prints (views/), with the terminal's display texts.
// Downloads: every GET route above that answers tables (all but session,
// health, users, login and the uploads) also answers ?format=xlsx (one sheet
// per table) and ?format=html (one self-contained page), the same tables for
// the same parameters, after the same access check (TablesAnswer).
//
// Errors: every failure is a Status turned into JSON once, by ErrorResponse
// (http.h): {"error": message, "code": stable code} with the HTTP status for
// the code. Server-side failures (500) and exceptions answer a fixed message
// and are logged (ApiOptions::error_log) with their real text.
//
// Input: every text of a request (path, query names and values, the headers
// the API reads, a JSON body, upload field and file names, and uploaded CSV
// contents) must be UTF-8, or the request is refused with 400 before
// anything is read from or written to the database. A PDF upload is binary
// and is left to its reader. Reading needs a session unless the server runs with
// anonymous_read; writing always needs one, and access.h decides who may.
// State-changing requests must carry "X-Requested-With: bluehelmet" (a
// header no cross-site form can send), besides the SameSite=Strict cookie.
//
// Other GET paths serve the dashboard's built assets (assets.h): "/" is
// index.html.
//
// Reuse: the read-only GET endpoints marked Cache::kShared in the route
// table (their body depends only on the database and the path and query,
// not on who asks nor on the clock), and those marked kSharedWhenDated when
// the query gives their date, are answered from a ResponseCache
// (response_cache.h) while the database's data version (DbPool::DataVersion)
// is unchanged; any commit, by this server or another process, makes the
// next request compute afresh. The session and the route's access rule are
// checked on every request before the cache is consulted. The Reference
// (country names) is likewise loaded once per data version and shared, and
// a session token's user is remembered per data version (session_cache.h),
// its expiry checked against the clock on every request.
//
// Thread safety: Handle() is thread-safe: each call leases its own database
// connection from the pool; the login throttle, the response cache and the
// shared Reference lock themselves.
#ifndef BLUEHELMET_WEB_API_H_
#define BLUEHELMET_WEB_API_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "base/clock.h"
#include "base/mutex.h"
#include "query/missions.h"
#include "store/reference.h"
#include "table/table.h"
#include "web/access.h"
#include "web/assets.h"
#include "web/db_pool.h"
#include "web/http.h"
#include "web/login_throttle.h"
#include "web/response_cache.h"
#include "web/session_cache.h"

namespace bh {

struct ApiOptions {
  bool anonymous_read = false;  // let visitors without a session read
  bool tls = false;             // cookies get Secure
  int64_t session_ttl_seconds = 12 * 3600;
  // Failed logins (login_throttle.h; docs/security.md). The pair of
  // account and address is what locks out a guesser without locking out
  // the account's user at their own address; each repeated lockout of a
  // pair doubles, up to a day.
  ThrottlePolicy pair_throttle{5, 900, 900, 24 * 3600};  // per account and client address
  ThrottlePolicy addr_throttle{20, 900, 900};            // per client address, any account
  // Per account from all addresses: once locked, the account takes
  // attempts only from addresses it signed in from before.
  ThrottlePolicy user_throttle{20, 900, 900};
  // All failures together, per minute: the same exception.
  ThrottlePolicy global_throttle{60, 60, 60};
  // Argon2id hashes at once (64 MiB each at kInteractive), and callers that
  // may wait for one (up to hash_wait_ms); others get 429 at once.
  int max_concurrent_hashes = 1;
  int max_queued_hashes = 16;
  int hash_wait_ms = 5000;
  HashCost hash_cost = HashCost::kInteractive;
  size_t max_upload_bytes = 64u << 20;
  // Where an uploaded UN report is kept (`serve`: beside the database, in
  // DB.uploads/SHA-256/NAME), so that its pages can be drawn later (GET
  // /api/source/page.png); the import stores that absolute path. "" keeps
  // none: the import stores the file's name only.
  std::string upload_dir;
  // GET /api/source/page.png (docs/security.md): pictures drawn at once and
  // callers queued for one (up to render_wait_ms; others get 429), and the
  // picture's resolution and largest side in pixels.
  int max_concurrent_renders = 2;
  int max_queued_renders = 4;
  int render_wait_ms = 10000;
  double page_dpi = 110;
  int max_page_side_px = 1600;
  // Rows one GET /api/export sends at most (docs/security.md): about 47 MB
  // of CSV; the whole real history is 76,047 rows (14 MB).
  size_t max_export_rows = 250'000;
  // Cells (rows times columns, over all tables) that one ?format=xlsx|html
  // download of a read route holds at most (docs/security.md); the JSON
  // answer of the same parameters is not bounded by it. The largest real
  // table, every country's shares (25,662 rows of 7 columns, 180,000 cells),
  // took 1.0 s and a peak of 89 MB as XLSX in the release build.
  size_t max_download_cells = 500'000;
  const AssetSource* assets = nullptr;  // null: the assets built into the binary
  // Reuse answers of Cache::kShared routes while the data version holds.
  bool cache_responses = true;
  ResponseCache::Limits cache_limits;
  // The real message of every server-side failure (5xx, exceptions), whose
  // answer says only kInternalErrorMessage (http.h). Null: stderr.
  std::function<void(const std::string&)> error_log;
  // Fault injection for tests: called inside each route handler's call
  // (after the session and access checks, within the read transaction of a
  // cacheable GET); it may throw, as a bug would.
  std::function<void(const HttpRequest&)> before_handler;
};

class Api {
 public:
  // REQUIRES: pool and clock outlive the Api.
  Api(DbPool* pool, const Clock* clock, ApiOptions options);

  HttpResponse Handle(const HttpRequest& req);

  // How a route is guarded before its handler runs; finer rules (a
  // country's register, EWG, uploads) are checked inside the handler.
  enum class Guard { kPublic, kRead, kSignedIn, kAdmin };
  // kShared: a GET whose successful answer depends only on the database and
  // the request's path and query, so one computed answer serves every
  // caller the guard admits until the data version changes.
  // kSharedWhenDated: as kShared when the query gives the route's
  // `date_param` (the answer then does not depend on the clock); without
  // it the answer uses today's date and is computed afresh.
  enum class Cache { kNo, kShared, kSharedWhenDated };
  struct Call;
  using Handler = Result<HttpResponse> (Api::*)(Call& call);
  // kSmall: a JSON body at most kMaxSmallBodyBytes (or none); kUpload: a
  // multipart upload up to the server's body limit, read only once
  // AdmitBody has found a signed-in user who may upload something.
  enum class Body { kSmall, kUpload };
  static constexpr size_t kMaxSmallBodyBytes = 64u << 10;
  struct Route {
    const char* method;
    const char* pattern;  // "/api/countries/{country}"
    Guard guard;
    Cache cache;
    Handler handler;
    const char* summary;
    Body body = Body::kSmall;
    const char* date_param = nullptr;  // kSharedWhenDated's query parameter
  };
  static const std::vector<Route>& Routes();

  // Decides, from a request's head alone (method, path, headers, address;
  // no body read yet), whether its body may be read and how large it may
  // be: kMaxSmallBodyBytes, or upload_limit for an upload route when the
  // session cookie names a user who is not a viewer. Unauthenticated (401)
  // for an upload without a valid session, PermissionDenied (403) for a
  // viewer or a missing X-Requested-With header, InvalidArgument for text
  // that is not UTF-8. The transport (server.h) answers the refusal without
  // reading the body; Handle() checks everything again on the full request.
  Result<size_t> AdmitBody(const HttpRequest& head, size_t upload_limit);

  // Hits, misses and size of the response cache (zeros when it is off).
  ResponseCache::Stats cache_stats() const;

  // A kept answer of at least kGzipFrom bytes is sent gzip-compressed
  // (Content-Encoding: gzip) to a client whose Accept-Encoding takes gzip,
  // as browsers' does. The compressed copy is made by the first such
  // request after the answer is kept, and kept beside it until the data
  // version changes. Such answers carry "Vary: Accept-Encoding".
  static constexpr size_t kGzipFrom = 1024;

 private:
  HttpResponse Dispatch(const HttpRequest& req);
  // `kept` as `req` may take it (compressed, see kGzipFrom).
  HttpResponse Reply(const HttpRequest& req, uint64_t version, const std::string& key,
                     std::shared_ptr<const HttpResponse> kept);
  // ErrorResponse(s), logging the real message of a server-side failure.
  HttpResponse Fail(const HttpRequest& req, const Status& s) const;
  void LogError(const std::string& what) const;
  HttpResponse ServeAsset(const HttpRequest& req) const;

  Result<HttpResponse> Index(Call& call);
  Result<HttpResponse> Health(Call& call);
  Result<HttpResponse> Session(Call& call);
  Result<HttpResponse> Login(Call& call);
  Result<HttpResponse> Logout(Call& call);
  Result<HttpResponse> Password(Call& call);
  Result<HttpResponse> Scorecard(Call& call);
  Result<HttpResponse> Rankings(Call& call);
  Result<HttpResponse> Top(Call& call);
  Result<HttpResponse> Shares(Call& call);
  Result<HttpResponse> SeriesOf(Call& call);
  Result<HttpResponse> Anomalies(Call& call);
  Result<HttpResponse> Errata(Call& call);
  Result<HttpResponse> Countries(Call& call);
  Result<HttpResponse> Missions(Call& call);
  Result<HttpResponse> Mission(Call& call);
  Result<HttpResponse> Project(Call& call);
  Result<HttpResponse> Report(Call& call);
  Result<HttpResponse> Export(Call& call);
  Result<HttpResponse> Country(Call& call);
  Result<HttpResponse> Months(Call& call);
  Result<HttpResponse> Imports(Call& call);
  Result<HttpResponse> Upload(Call& call);
  Result<HttpResponse> Targets(Call& call);
  Result<HttpResponse> Groups(Call& call);
  Result<HttpResponse> Users(Call& call);
  Result<HttpResponse> CreateUser(Call& call);
  Result<HttpResponse> DeleteUser(Call& call);
  Result<HttpResponse> AuditLog(Call& call);
  Result<HttpResponse> EwgCycles(Call& call);
  Result<HttpResponse> EwgActivities(Call& call);
  Result<HttpResponse> EwgReport(Call& call);
  Result<HttpResponse> EwgUpload(Call& call);
  Result<HttpResponse> RegisterCountries(Call& call);
  Result<HttpResponse> RegisterBriefing(Call& call);
  Result<HttpResponse> RegisterUpload(Call& call);
  // The dashboard's pages of issue 14.
  Result<HttpResponse> AddErratum(Call& call);
  Result<HttpResponse> RemoveErratum(Call& call);
  Result<HttpResponse> Source(Call& call);
  Result<HttpResponse> SourcePage(Call& call);
  Result<HttpResponse> EwgParticipants(Call& call);
  Result<HttpResponse> RegisterReconcile(Call& call);
  Result<HttpResponse> RegisterPlan(Call& call);

  // The answer of a read route: `as_json()`, or, when the request asks
  // ?format=xlsx or ?format=html, the same tables as a download (an XLSX
  // workbook, one sheet per table, or one self-contained HTML page), with a
  // Content-Disposition file name made of the path and its parameters. The
  // route's access check has run as for the JSON. InvalidArgument: another
  // format ("json" is the JSON), or more than max_download_cells cells.
  Result<HttpResponse> TablesAnswer(Call& call, const std::vector<Table>& tables,
                                    const std::function<HttpResponse()>& as_json) const;
  // One table: TablesAnswer with the table's JSON form.
  Result<HttpResponse> TableAnswer(Call& call, const Table& t) const;

  std::string SessionCookie(const std::string& token, int64_t max_age) const;
  // The Reference at the call's data version: the shared one when it was
  // loaded at that version, else loaded on the call's connection (and shared
  // when that connection holds no uncommitted writes).
  Result<std::shared_ptr<const Reference>> SharedReference(Call& call) EXCLUDES(ref_mu_);
  // The user of the call's session cookie: from the session cache at the
  // call's data version, else from the accounts tables.
  Result<User> SessionUser(Call& call);

  DbPool* pool_;
  const Clock* clock_;
  const ApiOptions options_;
  // Refused when a login may not even be tried: the throttles, then a hash
  // slot (held by *slot while the password is checked).
  Status AdmitLogin(const HttpRequest& req, const std::string& account, HashSlots::Slot* slot);
  // A login admitted before its request takes a database connection: its
  // fields, and the hash slot it holds until its password is checked.
  struct PendingLogin {
    std::string username, password, account;
    HashSlots::Slot slot{nullptr};
  };
  // Reads a login's body and admits it (AdmitLogin) without the database,
  // so a refused login costs no connection and no query.
  Result<PendingLogin> AdmitLoginRequest(const HttpRequest& req);
  // Counts a failed login against every throttle; audits new lockouts.
  void RecordLoginFailure(Call& call, const std::string& account);

  LoginThrottle pair_throttle_;
  LoginThrottle user_throttle_;
  LoginThrottle addr_throttle_;
  LoginThrottle global_throttle_;
  KnownAddresses known_addresses_;
  HashSlots hash_slots_;
  // Page pictures drawn at once (GET /api/source/page.png: poppler renders a
  // page into tens of MB), and callers that may wait for one.
  HashSlots render_slots_;
  std::unique_ptr<ResponseCache> cache_;  // null when options_.cache_responses is off
  // Each current month's missions and countries, read again only for what
  // a commit adds (the first and last months of the missions and countries
  // lists; query/month_values.h).
  MonthValuesCache month_values_;
  SessionCache sessions_;

  Mutex ref_mu_;
  std::shared_ptr<const Reference> ref_ GUARDED_BY(ref_mu_);
  uint64_t ref_version_ GUARDED_BY(ref_mu_) = 0;
};

}  // namespace bh

#endif  // BLUEHELMET_WEB_API_H_
