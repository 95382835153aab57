#include "web/api.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <exception>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <tuple>

#include "base/file_util.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "ewg/cycle_report.h"
#include "ingest/importer.h"
#include "publish/publication.h"
#include "query/queries.h"
#include "register/register_csv.h"
#include "store/errata.h"
#include "table/table.h"
#include "views/account_views.h"
#include "views/core_views.h"
#include "views/cycle_report_view.h"
#include "views/ewg_views.h"
#include "views/figure_filter_options.h"
#include "views/mission_views.h"
#include "views/projection_views.h"
#include "views/register_views.h"
#include "views/series_view.h"
#include "views/source_view.h"
#include "views/tidy_export.h"
#include "views/trust_views.h"

namespace bh {

using nlohmann::json;

namespace {

constexpr char kSessionCookie[] = "bh_session";
constexpr char kVersion[] = "0.1.0";

json UserJson(const User& u) {
  return {{"username", u.username},
          {"role", std::string(RoleName(u.role))},
          {"countries", u.countries},
          {"ewg", u.ewg},
          {"imports", u.imports}};
}

HttpResponse TableResponse(const Table& t) { return HttpResponse::Json(TableToJson(t, true)); }

Result<json> ParseBody(const HttpRequest& req) {
  json j = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("request body: want a JSON object");
  return j;
}

// A string member of a JSON body; InvalidArgument names it when it is
// missing (and required) or not a string.
Result<std::string> StringField(const json& j, const char* name, bool required = true) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) return Status::InvalidArgument(fmt::format("request body: '{}' is required", name));
    return std::string();
  }
  if (!it->is_string()) return Status::InvalidArgument(fmt::format("request body: '{}' must be a string", name));
  return it->get<std::string>();
}

bool BoolField(const json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

Result<int> IntParam(const HttpRequest& req, const char* name, int fallback) {
  std::string v = req.Query(name);
  if (v.empty()) return fallback;
  auto n = ParseWholeNumber(v);
  if (!n || *n > 1000000)
    return Status::InvalidArgument(fmt::format("parameter '{}': want a whole number, got '{}'", name, v));
  return static_cast<int>(*n);
}

// The figure filter from the query parameters mission, from, to, category,
// type, countries, group: the command line's parse (ParseFigureFilter), with
// the parameter names in its messages.
Result<ParsedFigureFilter> FigureFilterParams(Db* db, const Reference& ref, const HttpRequest& req) {
  return ParseFigureFilter(db, ref, FigureFilterTextsFrom([&req](std::string_view name) { return req.Query(name); }),
                           FilterSyntax::kApi);
}

// Splits "/api/countries/VNM" into segments and matches "{name}" captures.
bool MatchPattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>* params) {
  auto split = [](std::string_view s) {
    std::vector<std::string_view> parts;
    size_t start = 1;
    while (start <= s.size()) {
      size_t slash = s.find('/', start);
      if (slash == std::string_view::npos) slash = s.size();
      parts.push_back(s.substr(start, slash - start));
      start = slash + 1;
    }
    return parts;
  };
  std::vector<std::string_view> p = split(pattern), q = split(path);
  if (p.size() != q.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i].size() > 2 && p[i].front() == '{' && p[i].back() == '}') {
      if (q[i].empty()) return false;
      found[std::string(p[i].substr(1, p[i].size() - 2))] = std::string(q[i]);
    } else if (p[i] != q[i]) {
      return false;
    }
  }
  *params = std::move(found);
  return true;
}

void AddSecurityHeaders(HttpResponse* r) {
  r->headers.emplace_back("X-Content-Type-Options", "nosniff");
  r->headers.emplace_back("Referrer-Policy", "no-referrer");
  r->headers.emplace_back("X-Frame-Options", "DENY");
  r->headers.emplace_back("Content-Security-Policy",
                          "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                          "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
}

// Refuses a request whose text is not UTF-8 (issue 12: one stored Latin-1
// byte made every later JSON answer throw). Checked before the database is
// touched, so such text is never stored.
Status CheckRequestText(const HttpRequest& req) {
  auto bad = [](std::string_view what) {
    return Status::InvalidArgument(fmt::format("request: {} is not valid UTF-8", what));
  };
  if (!IsValidUtf8(req.path)) return bad("the path");
  for (const auto& [k, v] : req.query) {
    if (!IsValidUtf8(k)) return bad("a query parameter's name");
    if (!IsValidUtf8(v)) return bad(fmt::format("query parameter '{}'", k));
  }
  for (const char* h : {"cookie", "x-requested-with", "content-type"}) {
    if (!IsValidUtf8(req.Header(h))) return bad(fmt::format("header '{}'", h));
  }
  if (!IsValidUtf8(req.body)) return bad("the body");
  for (const HttpRequest::Upload& u : req.uploads) {
    if (!IsValidUtf8(u.field) || !IsValidUtf8(u.content_type)) return bad("an upload's field or type");
    if (!IsValidUtf8(u.filename)) return bad("an upload's file name");
    // CSV files are text; a PDF (UN report uploads) is binary.
    if (!u.content.starts_with("%PDF-") && !IsValidUtf8(u.content)) {
      return Status::InvalidArgument(
          fmt::format("upload {}: the file is not valid UTF-8 text (save it as UTF-8)", u.filename));
    }
  }
  return Status::Ok();
}

// An uploaded report kept in `dir`/SHA-256/NAME so its pages can be drawn
// later. The folder is the content's hash and the name a plain file name
// ("upload.pdf" for one that is not), so no upload names a path of its own.
// `*created` is false when the same bytes under the same name were kept
// before (an earlier import may point at them).
Result<std::string> KeepUpload(const std::string& dir, const std::string& name, std::string_view bytes, bool* created) {
  std::string file = BaseName(name);
  if (file.empty() || file == "." || file == ".." || file.size() > 255) {
    file = bytes.starts_with("%PDF-") ? "upload.pdf" : "upload.csv";
  }
  const std::filesystem::path folder = std::filesystem::path(dir) / Sha256Hex(bytes);
  const std::string path = (folder / file).string();
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) {
    *created = false;
    return path;
  }
  std::filesystem::create_directories(folder, ec);
  if (ec) return Status::IoError(fmt::format("{}: cannot keep the upload: {}", folder.string(), ec.message()));
  BH_RETURN_IF_ERROR(WriteFile(path, bytes));
  *created = true;
  return path;
}

}  // namespace

// Everything a handler needs for one request.
struct Api::Call {
  Call(Api* a, const HttpRequest& r, std::map<std::string, std::string> p, Caller c, Db* d, Accounts* acc)
      : api(a), req(r), params(std::move(p)), caller(std::move(c)), db(d), accounts(acc) {}

  Api* api;
  const HttpRequest& req;
  std::map<std::string, std::string> params;
  Caller caller;
  Db* db = nullptr;
  Accounts* accounts = nullptr;
  std::string token;              // the session cookie, when one was sent
  PendingLogin* login = nullptr;  // POST /api/login: admitted by Dispatch

  Result<const Reference*> ref() {
    if (!ref_) {
      BH_ASSIGN_OR_RETURN(ref_, api->SharedReference(*this));
    }
    return ref_.get();
  }
  // The database's data version, read once per request, before anything the
  // request computes from the database is cached under it.
  Result<uint64_t> version() {
    if (!version_) {
      BH_ASSIGN_OR_RETURN(version_, api->pool_->DataVersion());
    }
    return *version_;
  }
  std::string username() const { return caller.user ? caller.user->username : "anonymous"; }

 private:
  std::shared_ptr<const Reference> ref_;
  std::optional<uint64_t> version_;
};

namespace {

// The response cache's key: the path and every query parameter the handler
// can read (HttpRequest::query, already decoded and sorted), each part
// length-prefixed so no two requests share a key.
std::string CacheKey(const HttpRequest& req) {
  std::string key = fmt::format("{}:{}", req.path.size(), req.path);
  for (const auto& [k, v] : req.query) key += fmt::format("&{}:{}={}:{}", k.size(), k, v.size(), v);
  return key;
}

// Runs a read-only handler in one read transaction, so its answer comes from
// one snapshot of the database, taken after the data version was read.
Result<HttpResponse> InReadTransaction(Db* db, const std::function<Result<HttpResponse>()>& handler, bool* read_only) {
  BH_RETURN_IF_ERROR(db->Exec("BEGIN"));
  Result<HttpResponse> out = handler();
  // A cacheable handler must not write; if one did, its answer is not kept.
  *read_only = sqlite3_txn_state(db->raw(), nullptr) != SQLITE_TXN_WRITE;
  Status end = db->Exec(*read_only ? "COMMIT" : "ROLLBACK");
  if (!end.ok() && out.ok()) return end;
  return out;
}

}  // namespace

const std::vector<Api::Route>& Api::Routes() {
  static const std::vector<Route> routes = {
      {"GET", "/api", Guard::kPublic, Cache::kNo, &Api::Index, "this list of endpoints"},
      {"GET", "/api/health", Guard::kPublic, Cache::kNo, &Api::Health, "liveness and version"},
      {"GET", "/api/session", Guard::kPublic, Cache::kNo, &Api::Session, "the signed-in user and server options"},
      {"POST", "/api/login", Guard::kPublic, Cache::kNo, &Api::Login, "start a session: {username, password}"},
      {"POST", "/api/logout", Guard::kPublic, Cache::kNo, &Api::Logout, "end the session"},
      {"POST", "/api/password", Guard::kSignedIn, Cache::kNo, &Api::Password, "change your password: {old, new}"},
      {"GET", "/api/scorecard", Guard::kRead, Cache::kShared, &Api::Scorecard,
       "UGPS scorecard: ?month=, group= or countries=, mission=, category=, type="},
      {"GET", "/api/rankings", Guard::kRead, Cache::kShared, &Api::Rankings,
       "world ranking: ?category=&by=women|share&month=&limit=, mission=, type=, countries= or group="},
      {"GET", "/api/top", Guard::kRead, Cache::kShared, &Api::Top,
       "the countries with the most women deployed: ?month=&limit=, mission=, category=, type=, countries= or group="},
      {"GET", "/api/shares", Guard::kRead, Cache::kShared, &Api::Shares,
       "every country's share of women per month and category: ?mission=&from=&to=&category=&type=&countries=&group="},
      {"GET", "/api/series", Guard::kRead, Cache::kShared, &Api::SeriesOf,
       "monthly series per category: ?countries= or group=, mission=, from=, to=, category=, type=, annual=1"},
      {"GET", "/api/countries", Guard::kRead, Cache::kShared, &Api::Countries, "countries with contribution figures"},
      {"GET", "/api/countries/{country}", Guard::kRead, Cache::kShared, &Api::Country,
       "a country's series, annual means, chart: ?mission=&from=&to=&category=&type="},
      {"GET", "/api/missions", Guard::kRead, Cache::kShared, &Api::Missions,
       "each mission's strength and share of women per category: ?month= or ?from=&to=, and the shared filters "
       "mission, category, type, countries, group"},
      {"GET", "/api/missions/{mission}", Guard::kRead, Cache::kShared, &Api::Mission,
       "a mission's contributors, ranked: ?month=&by=total|women, and the filters category, type, countries, "
       "group"},
      {"GET", "/api/project", Guard::kRead, Cache::kShared, &Api::Project,
       "PROJECTION of the share of women to 2028: ?country= or ?group=, &months=&to=, monthly=1 (the line and band per "
       "month)"},
      {"GET", "/api/report", Guard::kRead, Cache::kShared, &Api::Report,
       "a group's scorecard for a month as the file 'bluehelmet report' writes: ?group=&month=&format=html|xlsx"},
      {"GET", "/api/export", Guard::kRead, Cache::kShared, &Api::Export,
       "the tidy long table of 'bluehelmet export' as a download: ?format=csv|jsonl and the shared filters "
       "(at most 250,000 rows)"},
      {"GET", "/api/months", Guard::kRead, Cache::kShared, &Api::Months, "imported months, current source and history"},
      {"GET", "/api/imports", Guard::kRead, Cache::kShared, &Api::Imports, "imported files with provenance"},
      {"GET", "/api/anomalies", Guard::kRead, Cache::kShared, &Api::Anomalies,
       "the plausibility findings with their evidence: ?month=&country=&kind="},
      {"GET", "/api/errata", Guard::kRead, Cache::kShared, &Api::Errata,
       "the corrections of the UN's figures, applied or not, and why: ?month="},
      {"POST", "/api/imports", Guard::kSignedIn, Cache::kNo, &Api::Upload,
       "upload a UN report (multipart field 'file')", Body::kUpload},
      {"GET", "/api/targets", Guard::kRead, Cache::kShared, &Api::Targets, "UGPS targets: ?from=&to="},
      {"GET", "/api/groups", Guard::kRead, Cache::kShared, &Api::Groups, "country groups"},
      {"GET", "/api/users", Guard::kAdmin, Cache::kShared, &Api::Users, "accounts"},
      {"POST", "/api/users", Guard::kAdmin, Cache::kNo, &Api::CreateUser,
       "create an account: {username, password, role, countries, ewg, imports}"},
      {"DELETE", "/api/users/{username}", Guard::kAdmin, Cache::kNo, &Api::DeleteUser, "delete an account"},
      {"GET", "/api/audit", Guard::kAdmin, Cache::kShared, &Api::AuditLog, "audit log, newest first: ?limit="},
      {"GET", "/api/ewg/cycles", Guard::kRead, Cache::kShared, &Api::EwgCycles, "EWG cycles: ?ewg="},
      {"GET", "/api/ewg/activities", Guard::kRead, Cache::kShared, &Api::EwgActivities, "EWG activities: ?ewg=&cycle="},
      {"GET", "/api/ewg/report", Guard::kRead, Cache::kShared, &Api::EwgReport, "EWG cycle report: ?ewg=&cycle="},
      {"GET", "/api/register", Guard::kRead, Cache::kShared, &Api::RegisterCountries,
       "countries with a deployment register"},
      {"GET", "/api/register/{country}", Guard::kRead, Cache::kSharedWhenDated, &Api::RegisterBriefing,
       "a country's register groups and briefing: ?as_of=YYYY-MM-DD (default today)", Body::kSmall, "as_of"},
      {"POST", "/api/register/imports", Guard::kSignedIn, Cache::kNo, &Api::RegisterUpload,
       "upload register CSVs (multipart fields 'file'); only the countries you edit", Body::kUpload},
      {"POST", "/api/ewg/imports", Guard::kSignedIn, Cache::kNo, &Api::EwgUpload,
       "upload EWG CSVs (multipart fields 'file'), all or nothing", Body::kUpload},
      // The dashboard's pages of issue 14.
      {"POST", "/api/errata", Guard::kAdmin, Cache::kNo, &Api::AddErratum,
       "correct one cell: {month, country, mission, type, printed_women, printed_men, women, men, reason, evidence}"},
      {"DELETE", "/api/errata/{id}", Guard::kAdmin, Cache::kNo, &Api::RemoveErratum, "remove a correction: {reason}"},
      {"GET", "/api/source", Guard::kRead, Cache::kShared, &Api::Source,
       "where each figure of a cell came from: ?month=&country=&mission=&type="},
      {"GET", "/api/source/page.png", Guard::kRead, Cache::kShared, &Api::SourcePage,
       "the PDF page of a cell's rows, boxed in red (PNG): ?month=&country=&mission=&type="},
      {"GET", "/api/ewg/participants", Guard::kRead, Cache::kShared, &Api::EwgParticipants,
       "EWG delegations by activity and country, by sex: ?ewg=&cycle="},
      {"GET", "/api/register/{country}/reconcile", Guard::kRead, Cache::kShared, &Api::RegisterReconcile,
       "a country's register against the UN's figures: ?month="},
      {"GET", "/api/register/{country}/plan", Guard::kRead, Cache::kSharedWhenDated, &Api::RegisterPlan,
       "women a unit's next rotation needs: ?unit=&year= (default this year)", Body::kSmall, "year"},
  };
  return routes;
}

Api::Api(DbPool* pool, const Clock* clock, ApiOptions options)
    : pool_(pool),
      clock_(clock),
      options_(options),
      pair_throttle_(clock, options.pair_throttle),
      user_throttle_(clock, options.user_throttle),
      addr_throttle_(clock, options.addr_throttle),
      global_throttle_(clock, options.global_throttle),
      hash_slots_(options.max_concurrent_hashes, options.max_queued_hashes,
                  std::chrono::milliseconds(options.hash_wait_ms)),
      render_slots_(options.max_concurrent_renders, options.max_queued_renders,
                    std::chrono::milliseconds(options.render_wait_ms)),
      cache_(options.cache_responses ? std::make_unique<ResponseCache>(options.cache_limits) : nullptr) {}

HttpResponse Api::Handle(const HttpRequest& req) {
  HttpResponse r;
  try {
    r = Dispatch(req);
  } catch (const std::exception& e) {
    // A bug (or a library throwing where it should not): still JSON, and
    // the exception's text stays in the log. The request's connection was
    // rolled back when its lease ended (db_pool.h).
    LogError(fmt::format("{} {}: exception: {}", req.method, req.path, e.what()));
    r = ErrorResponse(Status::Internal("exception"));
  }
  AddSecurityHeaders(&r);
  return r;
}

HttpResponse Api::Fail(const HttpRequest& req, const Status& s) const {
  if (HttpStatusFor(s.code()) >= 500) LogError(fmt::format("{} {}: {}", req.method, req.path, s.message()));
  return ErrorResponse(s);
}

void Api::LogError(const std::string& what) const {
  if (options_.error_log) {
    options_.error_log(what);
  } else {
    fmt::print(stderr, "error: {}\n", what);
  }
}

HttpResponse Api::ServeAsset(const HttpRequest& req) const {
  const AssetSource* assets = options_.assets ? options_.assets : EmbeddedAssets();
  auto file = assets->Find(req.path);
  if (!file) {
    HttpResponse r;
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "not found\n";
    return r;
  }
  HttpResponse r;
  r.content_type = file->content_type;
  r.body = std::move(file->content);
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

HttpResponse Api::Dispatch(const HttpRequest& req) {
  if (Status text = CheckRequestText(req); !text.ok()) return Fail(req, text);
  if (req.path != "/api" && req.path.rfind("/api/", 0) != 0) {
    if (req.method != "GET" && req.method != "HEAD") {
      return Fail(req, Status::NotFound(fmt::format("no endpoint {} {}", req.method, req.path)));
    }
    return ServeAsset(req);
  }
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;
  for (const Route& r : Routes()) {
    if (!MatchPattern(r.pattern, req.path, &params)) continue;
    path_known = true;
    if (req.method == r.method) {
      route = &r;
      break;
    }
  }
  if (!route) {
    return Fail(req, Status::NotFound(fmt::format("no endpoint {} {}{}", req.method, req.path,
                                                  path_known ? " (other methods exist: see GET /api)" : "")));
  }
  if (req.method != "GET" && req.Header("x-requested-with") != "bluehelmet") {
    return Fail(req, Status::PermissionDenied(
                         "missing header 'X-Requested-With: bluehelmet' (cross-site requests are refused)"));
  }
  // A login is admitted (the throttles, then a hash slot) before it takes a
  // database connection: a flood of logins is refused at the cost of reading
  // each body, and opens no connection the other requests would wait for.
  std::optional<PendingLogin> login;
  if (route->handler == &Api::Login) {
    auto admitted = AdmitLoginRequest(req);
    if (!admitted.ok()) return Fail(req, admitted.status());
    login.emplace(std::move(*admitted));
  }
  auto lease = pool_->Acquire();
  if (!lease.ok()) return Fail(req, lease.status());
  Accounts accounts(lease->get(), clock_, options_.hash_cost);
  Call call(this, req, std::move(params), Caller{std::nullopt, options_.anonymous_read}, lease->get(), &accounts);
  if (login) call.login = &*login;
  call.token = req.Cookie(kSessionCookie);
  Status session_status = Status::Ok();
  if (!call.token.empty()) {
    auto user = SessionUser(call);
    if (user.ok()) {
      call.caller.user = std::move(*user);
    } else if (user.status().code() == Status::Code::kUnauthenticated) {
      session_status = user.status();  // expired: say so rather than "log in first"
    } else {
      return Fail(req, user.status());
    }
  }
  Status allowed = Status::Ok();
  switch (route->guard) {
    case Guard::kPublic:
      break;
    case Guard::kRead:
      allowed = CheckRead(call.caller);
      break;
    case Guard::kSignedIn:
      allowed = CheckSignedIn(call.caller);
      break;
    case Guard::kAdmin:
      allowed = CheckAdmin(call.caller);
      break;
  }
  if (!allowed.ok()) {
    if (allowed.code() == Status::Code::kUnauthenticated && !session_status.ok()) allowed = session_status;
    return Fail(req, allowed);
  }
  // Only now, with the caller admitted, may a shared answer be given.
  const bool cacheable =
      req.method == "GET" && (route->cache == Cache::kShared ||
                              (route->cache == Cache::kSharedWhenDated && !req.Query(route->date_param).empty()));
  const bool shared = cache_ && cacheable;
  std::string key;
  uint64_t version = 0;
  if (shared) {
    auto v = call.version();
    if (!v.ok()) return Fail(req, v.status());
    version = *v;
    key = CacheKey(req);
    if (auto hit = cache_->Find(version, key)) return Reply(req, version, key, std::move(hit));
  }
  bool read_only = true;
  auto run = [&] {
    if (options_.before_handler) options_.before_handler(req);
    return (this->*(route->handler))(call);
  };
  Result<HttpResponse> out = shared ? InReadTransaction(call.db, run, &read_only) : run();
  if (!out.ok()) return Fail(req, out.status());
  HttpResponse r = std::move(*out);
  r.headers.emplace_back("Cache-Control", "no-store");
  if (cacheable && r.body.size() >= kGzipFrom) r.headers.emplace_back("Vary", "Accept-Encoding");
  if (shared && read_only && r.status == 200) cache_->Insert(version, key, std::make_shared<const HttpResponse>(r));
  return r;
}

HttpResponse Api::Reply(const HttpRequest& req, uint64_t version, const std::string& key,
                        std::shared_ptr<const HttpResponse> kept) {
  if (kept->body.size() < kGzipFrom || !AcceptsGzip(req.Header("accept-encoding"))) return *kept;
  const std::string gzip_key = "gzip\n" + key;  // a request key begins with a digit
  if (auto hit = cache_->Find(version, gzip_key)) return *hit;
  Result<std::string> body = Gzip(kept->body, 6);
  if (!body.ok() || body->size() >= kept->body.size()) return *kept;
  auto gz = std::make_shared<HttpResponse>();
  gz->status = kept->status;
  gz->content_type = kept->content_type;
  gz->headers = kept->headers;
  gz->headers.emplace_back("Content-Encoding", "gzip");
  gz->body = std::move(*body);
  cache_->Insert(version, gzip_key, gz);
  return *gz;
}

Result<size_t> Api::AdmitBody(const HttpRequest& head, size_t upload_limit) {
  BH_RETURN_IF_ERROR(CheckRequestText(head));
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  for (const Route& r : Routes()) {
    if (head.method == r.method && MatchPattern(r.pattern, head.path, &params)) {
      route = &r;
      break;
    }
  }
  if (!route || route->body == Body::kSmall) return kMaxSmallBodyBytes;
  if (head.Header("x-requested-with") != "bluehelmet") {
    return Status::PermissionDenied("missing header 'X-Requested-With: bluehelmet' (cross-site requests are refused)");
  }
  std::string token = head.Cookie(kSessionCookie);
  if (token.empty()) return Status::Unauthenticated("log in first");  // no database work for strangers
  BH_ASSIGN_OR_RETURN(DbPool::Lease lease, pool_->Acquire());
  Accounts accounts(lease.get(), clock_, options_.hash_cost);
  Call call(this, head, std::move(params), Caller{std::nullopt, false}, lease.get(), &accounts);
  call.token = std::move(token);
  BH_ASSIGN_OR_RETURN(User user, SessionUser(call));
  if (user.role == Role::kViewer) {
    return Status::PermissionDenied(fmt::format("'{}' is a viewer and may not change data", user.username));
  }
  return upload_limit;
}

Result<std::shared_ptr<const Reference>> Api::SharedReference(Call& call) {
  BH_ASSIGN_OR_RETURN(uint64_t version, call.version());
  {
    MutexLock lock(&ref_mu_);
    if (ref_ && ref_version_ == version) return ref_;
  }
  BH_ASSIGN_OR_RETURN(Reference loaded, Reference::Load(call.db));
  auto ref = std::make_shared<const Reference>(std::move(loaded));
  // Read inside this connection's own write transaction, it may hold what
  // is not committed (and may never be): keep it to this request.
  if (sqlite3_txn_state(call.db->raw(), nullptr) != SQLITE_TXN_WRITE) {
    MutexLock lock(&ref_mu_);
    if (!ref_ || version >= ref_version_) {
      ref_ = ref;
      ref_version_ = version;
    }
  }
  return ref;
}

Result<User> Api::SessionUser(Call& call) {
  if (call.token.size() != 64) return call.accounts->SessionUser(call.token);  // refused without a query
  BH_ASSIGN_OR_RETURN(uint64_t version, call.version());
  if (auto user = sessions_.Find(version, call.token, clock_->NowSeconds())) return std::move(*user);
  BH_ASSIGN_OR_RETURN(Accounts::ActiveSession s, call.accounts->LookupSession(call.token));
  sessions_.Insert(version, call.token, s.user, s.expires_at);
  return std::move(s.user);
}

ResponseCache::Stats Api::cache_stats() const { return cache_ ? cache_->stats() : ResponseCache::Stats{}; }

std::string Api::SessionCookie(const std::string& token, int64_t max_age) const {
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", kSessionCookie, token, max_age,
                     options_.tls ? "; Secure" : "");
}

// ---------------------------------------------------------------- session

Result<HttpResponse> Api::Index(Call&) {
  // The route table never changes: its JSON is built once.
  static const HttpResponse index = [] {
    json routes = json::array();
    for (const Route& r : Routes()) {
      static constexpr const char* kGuard[] = {"public", "read", "signed-in", "admin"};
      routes.push_back({{"method", r.method},
                        {"path", r.pattern},
                        {"access", kGuard[static_cast<int>(r.guard)]},
                        {"summary", r.summary}});
    }
    return HttpResponse::Json(
        {{"endpoints", routes},
         {"downloads",
          "every read route that answers tables also answers ?format=xlsx (one sheet per table) and ?format=html "
          "(one page): the same tables for the same parameters"}});
  }();
  return index;
}

Result<HttpResponse> Api::Health(Call&) { return HttpResponse::Json({{"ok", true}, {"version", kVersion}}); }

Result<HttpResponse> Api::Session(Call& call) {
  json j = {{"user", call.caller.user ? UserJson(*call.caller.user) : json(nullptr)},
            {"anonymous_read", options_.anonymous_read},
            {"features", {{"register", true}, {"ewg", true}}}};
  return HttpResponse::Json(j);
}

namespace {
std::string AccountKey(std::string_view username) { return "user:" + ToLowerAscii(username); }
std::string PairKey(const std::string& account, const std::string& addr) { return account + "|addr:" + addr; }
}  // namespace

Status Api::AdmitLogin(const HttpRequest& req, const std::string& account, HashSlots::Slot* slot) {
  const std::string& addr = req.remote_addr;
  BH_RETURN_IF_ERROR(pair_throttle_.Check(PairKey(account, addr)));
  // An address this account signed in from before is not held back by
  // failures elsewhere: a guesser cannot lock the user out.
  if (!known_addresses_.Contains(account, addr)) {
    BH_RETURN_IF_ERROR(addr_throttle_.Check("addr:" + addr));
    BH_RETURN_IF_ERROR(user_throttle_.Check(account));
    BH_RETURN_IF_ERROR(global_throttle_.Check("all"));
  }
  *slot = hash_slots_.Acquire();
  if (!slot->ok()) return Status::RateLimited("too many logins at once; try again in a moment");
  return Status::Ok();
}

void Api::RecordLoginFailure(Call& call, const std::string& account) {
  const std::string& addr = call.req.remote_addr;
  struct {
    LoginThrottle* throttle;
    std::string key;
    const char* what;
  } counts[] = {{&pair_throttle_, PairKey(account, addr), "this account from this address"},
                {&addr_throttle_, "addr:" + addr, "this address, any account"},
                {&user_throttle_, account, "this account from new addresses"},
                {&global_throttle_, "all", "every login from new addresses"}};
  for (auto& c : counts) {
    int64_t seconds = 0;
    if (!c.throttle->RecordFailure(c.key, &seconds)) continue;
    std::string detail = fmt::format("{} failed logins: {} locked for {} minutes (last from {})", account.substr(5),
                                     c.what, (seconds + 59) / 60, addr);
    LogError("login lockout: " + detail);
    (void)call.accounts->Audit("anonymous", "account", "lockout", "", detail);  // best effort
  }
}

Result<Api::PendingLogin> Api::AdmitLoginRequest(const HttpRequest& req) {
  BH_ASSIGN_OR_RETURN(json body, ParseBody(req));
  PendingLogin login;
  BH_ASSIGN_OR_RETURN(login.username, StringField(body, "username"));
  BH_ASSIGN_OR_RETURN(login.password, StringField(body, "password"));
  if (login.username.size() > 256 || login.password.size() > 1024) {
    return Status::InvalidArgument("request body: username or password too long");
  }
  login.account = AccountKey(login.username);
  BH_RETURN_IF_ERROR(AdmitLogin(req, login.account, &login.slot));
  return login;
}

Result<HttpResponse> Api::Login(Call& call) {
  if (!call.login) return Status::Internal("login: not admitted (Dispatch admits every login)");
  const std::string& username = call.login->username;
  const std::string& account = call.login->account;
  auto user = call.accounts->CheckPassword(username, call.login->password);
  call.login->slot.Release();
  if (!user.ok()) {
    if (user.status().code() == Status::Code::kUnauthenticated) RecordLoginFailure(call, account);
    return user.status();
  }
  pair_throttle_.RecordSuccess(PairKey(account, call.req.remote_addr));
  known_addresses_.Remember(account, call.req.remote_addr);
  (void)call.accounts->PurgeExpiredSessions();  // housekeeping; a failure here changes nothing for the user
  BH_ASSIGN_OR_RETURN(Accounts::Session s, call.accounts->StartSession(*user, options_.session_ttl_seconds));
  HttpResponse r = HttpResponse::Json({{"user", UserJson(*user)}, {"expires_at", IsoUtc(s.expires_at)}});
  r.headers.emplace_back("Set-Cookie", SessionCookie(s.token, options_.session_ttl_seconds));
  return r;
}

Result<HttpResponse> Api::Logout(Call& call) {
  if (!call.token.empty()) BH_RETURN_IF_ERROR(call.accounts->EndSession(call.token));
  HttpResponse r = HttpResponse::Json({{"ok", true}});
  r.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
  return r;
}

Result<HttpResponse> Api::Password(Call& call) {
  BH_ASSIGN_OR_RETURN(json body, ParseBody(call.req));
  BH_ASSIGN_OR_RETURN(std::string old_password, StringField(body, "old"));
  BH_ASSIGN_OR_RETURN(std::string new_password, StringField(body, "new"));
  const std::string& name = call.caller.user->username;
  const std::string account = AccountKey(name);
  if (old_password.size() > 1024 || new_password.size() > 1024) {
    return Status::InvalidArgument("request body: password too long");
  }
  HashSlots::Slot slot(nullptr);
  BH_RETURN_IF_ERROR(AdmitLogin(call.req, account, &slot));
  auto user = call.accounts->CheckPassword(name, old_password);
  if (!user.ok()) {
    slot.Release();
    if (user.status().code() == Status::Code::kUnauthenticated) RecordLoginFailure(call, account);
    return user.status();
  }
  BH_RETURN_IF_ERROR(call.accounts->SetPassword(name, new_password));  // hashes: still in the slot
  BH_RETURN_IF_ERROR(call.accounts->Audit(name, "account", "change-password", "", name + " changed their password"));
  HttpResponse r = HttpResponse::Json({{"ok", true}});
  r.headers.emplace_back("Set-Cookie", SessionCookie("", 0));  // every session ended: log in again
  return r;
}

// ---------------------------------------------------------------- figures

Result<HttpResponse> Api::Scorecard(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(ParsedFigureFilter filter, FigureFilterParams(call.db, *ref, call.req));
  BH_ASSIGN_OR_RETURN(ScorecardQuery q, ScorecardQueryFrom(filter, call.req.Query("month"), FilterSyntax::kApi));
  BH_ASSIGN_OR_RETURN(Table t, ScorecardTable(call.db, *ref, q));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::Rankings(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(int limit, IntParam(call.req, "limit", 0));
  BH_ASSIGN_OR_RETURN(ParsedFigureFilter filter, FigureFilterParams(call.db, *ref, call.req));
  BH_ASSIGN_OR_RETURN(Table t, RankingsTable(call.db, *ref, call.req.Query("month"), filter, call.req.Query("by"),
                                             limit, FilterSyntax::kApi));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::Top(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  TopQuery q;
  q.month = call.req.Query("month");
  BH_ASSIGN_OR_RETURN(q.limit, IntParam(call.req, "limit", q.limit));
  BH_ASSIGN_OR_RETURN(ParsedFigureFilter filter, FigureFilterParams(call.db, *ref, call.req));
  BH_ASSIGN_OR_RETURN(Table t, TopTable(call.db, *ref, q, filter, FilterSyntax::kApi));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::Anomalies(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(AnomalyFilter f, ParseAnomalyFilter(*ref, call.req.Query("month"), call.req.Query("country"),
                                                          call.req.Query("kind"), "kind"));
  BH_ASSIGN_OR_RETURN(Table t, AnomaliesTable(call.db, *ref, f));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::Errata(Call& call) {
  std::optional<Month> month;
  if (std::string m = call.req.Query("month"); !m.empty()) {
    BH_ASSIGN_OR_RETURN(month, Month::Parse(m));
  }
  BH_ASSIGN_OR_RETURN(Table t, ErrataTable(call.db, month));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::Shares(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(ParsedFigureFilter filter, FigureFilterParams(call.db, *ref, call.req));
  BH_ASSIGN_OR_RETURN(ShareFigures shares, ReadShares(call.db, *ref, filter));
  BH_ASSIGN_OR_RETURN(Table t, SharesTable(call.db, shares));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::SeriesOf(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(ParsedFigureFilter filter, FigureFilterParams(call.db, *ref, call.req));
  std::string annual = call.req.Query("annual");
  if (!annual.empty() && annual != "0" && annual != "1") {
    return Status::InvalidArgument(fmt::format("annual: want 1 or 0, got '{}'", annual));
  }
  BH_ASSIGN_OR_RETURN(std::vector<Table> tables, SeriesTables(call.db, *ref, filter, annual == "1"));
  return TablesAnswer(call, tables, [&tables] {
    if (tables.size() == 1) return TableResponse(tables[0]);
    json arr = json::array();
    for (const Table& t : tables) arr.push_back(TableToJson(t, true));
    return HttpResponse::Json({{"tables", arr}});
  });
}

Result<HttpResponse> Api::Countries(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(Table t, ContributingCountriesTable(call.db, *ref, &month_values_));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::Missions(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(std::optional<Month> month, ParseOptionalMonth(call.req.Query("month"), "month"));
  BH_ASSIGN_OR_RETURN(
      ParsedFigureFilter f,
      ParseFigureFilter(call.db, *ref, FigureFilterTextsFrom([&](std::string_view n) { return call.req.Query(n); }),
                        FilterSyntax::kApi));
  BH_ASSIGN_OR_RETURN(Table t, MissionsTable(call.db, *ref, f, month, &month_values_));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::Mission(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(std::optional<Month> month, ParseOptionalMonth(call.req.Query("month"), "month"));
  std::string by = call.req.Query("by");
  BH_ASSIGN_OR_RETURN(ContributorOrder order, ParseContributorOrder(by.empty() ? "total" : by, "by"));
  BH_ASSIGN_OR_RETURN(
      ParsedFigureFilter f,
      ParseFigureFilter(call.db, *ref, FigureFilterTextsFrom([&](std::string_view n) { return call.req.Query(n); }),
                        FilterSyntax::kApi));
  BH_RETURN_IF_ERROR(RefuseFilters(f, {"mission", "from", "to"}, FilterSyntax::kApi, "missions/{mission}",
                                   "one mission and one month: use month="));
  BH_ASSIGN_OR_RETURN(Table t,
                      MissionContributorsTable(call.db, *ref, call.params["mission"], f, month, order, &month_values_));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::Project(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  ProjectionQuery q;
  q.country = call.req.Query("country");
  q.group = call.req.Query("group");
  BH_ASSIGN_OR_RETURN(q.months, IntParam(call.req, "months", q.months));
  BH_ASSIGN_OR_RETURN(q.to, ParseOptionalMonth(call.req.Query("to"), "to"));
  if (std::string m = call.req.Query("monthly"); !m.empty()) {
    if (m != "0" && m != "1") return Status::InvalidArgument(fmt::format("monthly: want 1 or 0, got '{}'", m));
    q.monthly = m == "1";
  }
  BH_ASSIGN_OR_RETURN(std::vector<Table> tables, ProjectionTables(call.db, *ref, q));
  return TablesAnswer(call, tables, [&tables] {
    json out = json::array();
    for (const Table& t : tables) out.push_back(TableToJson(t, true));
    return HttpResponse::Json({{"tables", out}});
  });
}

// The tidy long table, as `bluehelmet export` writes it for the same
// filters (views/tidy_export.h). The filters are a stranger's: the answer
// is bounded by ApiOptions::max_export_rows (the whole real history is
// 76,047 rows, the 10x benchmark database 3,000,000), beyond which the
// caller narrows them.
Result<HttpResponse> Api::Export(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  const std::string format_text = call.req.Query("format").empty() ? "csv" : call.req.Query("format");
  BH_ASSIGN_OR_RETURN(TidyFormat format, ParseTidyFormat(format_text));
  BH_ASSIGN_OR_RETURN(ParsedFigureFilter filter, FigureFilterParams(call.db, *ref, call.req));
  // Read one row past the bound, never the whole store: a stranger's
  // unfiltered export of the 10x database would be 3,000,000 rows.
  BH_ASSIGN_OR_RETURN(std::vector<FigureRow> rows, FigureRows(call.db, filter.filter, options_.max_export_rows));
  if (rows.size() > options_.max_export_rows) {
    return Status::InvalidArgument(fmt::format(
        "export: more than {} rows match; the API sends at most {} (narrow it with from, to, countries, group, "
        "mission, category or type, or use 'bluehelmet export')",
        options_.max_export_rows, options_.max_export_rows));
  }
  HttpResponse out;
  out.body = WriteTidy(rows, format);
  out.content_type = format == TidyFormat::kCsv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
  out.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"bluehelmet-export.{}\"",
                                                              format == TidyFormat::kCsv ? "csv" : "jsonl"));
  return out;
}

// The file `bluehelmet report` writes (publish/publication.h), as a download.
Result<HttpResponse> Api::Report(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  PublicationRequest r;
  r.month = call.req.Query("month");
  if (!r.month.empty()) BH_RETURN_IF_ERROR(Month::Parse(r.month).status());
  if (!call.req.Query("group").empty()) r.group = call.req.Query("group");
  const std::string format = call.req.Query("format").empty() ? "html" : call.req.Query("format");
  if (format != "html" && format != "xlsx") {
    return Status::InvalidArgument(fmt::format("report: format '{}' is not one of html, xlsx", format));
  }
  BH_ASSIGN_OR_RETURN(std::vector<Table> tables, PublicationTables(call.db, *ref, r));  // NotFound: group, month
  // A file name of plain characters: the group's name may hold anything.
  std::string name = "bluehelmet-scorecard-" + r.group + (r.month.empty() ? "" : "-" + r.month);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  }
  HttpResponse out;
  if (format == "html") {
    BH_ASSIGN_OR_RETURN(out.body, RenderHtmlPublication(call.db, *ref, r));
    out.content_type = "text/html; charset=utf-8";
  } else {
    BH_ASSIGN_OR_RETURN(out.body, XlsxTablesBytes(tables));  // WriteXlsxPublication's workbook, as bytes
    out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  out.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}.{}\"", name, format));
  return out;
}

// ---------------------------------------------------------------- downloads

namespace {

// What a read route's download is called: the path after /api/ and the
// parameters' values, in plain characters (the values are a stranger's),
// e.g. "bluehelmet-missions-MINUSCA-2021-04".
std::string DownloadName(const HttpRequest& req) {
  std::string name = "bluehelmet";
  std::string_view path = req.path;
  if (path.starts_with("/api/")) path.remove_prefix(5);
  name += "-" + std::string(path);
  for (const auto& [k, v] : req.query) {
    if (k != "format" && !v.empty()) name += "-" + v;
  }
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = c == '/' ? '-' : '_';
  }
  if (name.size() > 100) name.resize(100);
  return name;
}

// "GET /api/missions?month=2021-04": the request the download answers, for its notes.
std::string RequestLine(const HttpRequest& req) {
  std::string q;
  for (const auto& [k, v] : req.query) {
    if (k == "format") continue;
    q += (q.empty() ? "?" : "&") + k + "=" + v;
  }
  return "GET " + req.path + q;
}

}  // namespace

Result<HttpResponse> Api::TablesAnswer(Call& call, const std::vector<Table>& tables,
                                       const std::function<HttpResponse()>& as_json) const {
  const std::string format = call.req.Query("format");
  if (format.empty() || format == "json") return as_json();
  if (format != "xlsx" && format != "html") {
    return Status::InvalidArgument(fmt::format("format: '{}' is not one of json, xlsx, html", format));
  }
  size_t cells = 0;
  for (const Table& t : tables) cells += t.rows.size() * std::max<size_t>(1, t.columns.size());
  if (cells > options_.max_download_cells) {
    return Status::InvalidArgument(fmt::format(
        "format={}: {} cells; a download holds at most {} (narrow the request, or use the JSON answer or the CLI)",
        format, cells, options_.max_download_cells));
  }
  HttpResponse out;
  if (format == "html") {
    std::string title = tables.size() == 1 ? tables[0].title : "Bluehelmet: " + RequestLine(call.req).substr(4);
    out.body = RenderHtmlTables(
        title, tables,
        {fmt::format("Written by bluehelmet serve for {}: the tables of its JSON answer.", RequestLine(call.req))});
    out.content_type = "text/html; charset=utf-8";
  } else {
    BH_ASSIGN_OR_RETURN(out.body, XlsxTablesBytes(tables));
    out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  out.headers.emplace_back("Content-Disposition",
                           fmt::format("attachment; filename=\"{}.{}\"", DownloadName(call.req), format));
  return out;
}

Result<HttpResponse> Api::TableAnswer(Call& call, const Table& t) const {
  return TablesAnswer(call, {t}, [&t] { return TableResponse(t); });
}

Result<HttpResponse> Api::Country(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  const std::string& name = call.params["country"];
  BH_ASSIGN_OR_RETURN(ParsedFigureFilter filter, FigureFilterParams(call.db, *ref, call.req));
  BH_ASSIGN_OR_RETURN(CountryPage page, CountryPageData(call.db, *ref, name, filter, FilterSyntax::kApi));
  const std::vector<Table>& tables = page.tables;
  const CountryChart& chart = page.chart;
  json series = json::array();
  for (const ChartSeries& s : chart.series) {
    auto opt = [](const std::vector<std::optional<double>>& v) {
      json a = json::array();
      for (const auto& x : v) a.push_back(x ? json(*x) : json(nullptr));
      return a;
    };
    series.push_back(
        {{"category", s.all_categories ? std::string("all") : std::string(CategoryCode(s.category))},
         {"label", s.all_categories ? std::string("All uniformed personnel") : std::string(CategoryLabel(s.category))},
         {"months", s.months},
         {"share_pct", opt(s.share_pct)},
         {"target_pct", opt(s.target_pct)},
         {"women", s.women},
         {"total", s.total}});
  }
  return TablesAnswer(call, tables, [&] {
    json tables_json = json::array();
    for (const Table& t : tables) tables_json.push_back(TableToJson(t, true));
    json j = {{"iso3", chart.iso3},
              {"name", chart.name},
              {"synthetic", chart.synthetic},
              {"tables", tables_json},
              {"chart", {{"series", series}}}};
    return HttpResponse::Json(j);
  });
}

Result<HttpResponse> Api::Months(Call& call) {
  BH_ASSIGN_OR_RETURN(Table t, MonthsTable(call.db, &month_values_));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::Imports(Call& call) {
  BH_ASSIGN_OR_RETURN(Table t, ImportsTable(call.db));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::Upload(Call& call) {
  BH_RETURN_IF_ERROR(CheckUnImport(call.caller));
  const HttpRequest::Upload* file = nullptr;
  for (const auto& u : call.req.uploads) {
    if (u.field == "file") file = &u;
  }
  if (!file) return Status::InvalidArgument("upload: want a multipart/form-data field 'file'");
  if (file->content.size() > options_.max_upload_bytes) {
    return Status::InvalidArgument(
        fmt::format("upload: {} bytes is over the limit of {}", file->content.size(), options_.max_upload_bytes));
  }
  std::string name = BaseName(file->filename.empty() ? "upload.csv" : file->filename);
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  ImportOptions opts;
  opts.accept_mismatch = call.req.Query("accept_mismatch") == "1";
  std::string month = call.req.Query("month");
  if (!month.empty()) {
    BH_ASSIGN_OR_RETURN(opts.month, Month::Parse(month));
  }
  std::string path = name;
  bool kept = false;
  if (!options_.upload_dir.empty()) {
    BH_ASSIGN_OR_RETURN(path, KeepUpload(options_.upload_dir, name, file->content, &kept));
  }
  FileOutcome o = ImportBytes(call.db, *ref, path, file->content, opts);
  if (kept && o.state != FileOutcome::State::kImported) {
    std::error_code ignored;  // kept for nothing: no import points at it
    std::filesystem::remove(path, ignored);
    std::filesystem::remove(std::filesystem::path(path).parent_path(), ignored);  // when empty
  }
  if (o.state == FileOutcome::State::kFailed) return o.status;
  if (o.state == FileOutcome::State::kImported) {
    std::string span = o.months.empty()       ? "-"
                       : o.months.size() == 1 ? o.months.begin()->ToString()
                                              : o.months.begin()->ToString() + ".." + o.months.rbegin()->ToString();
    BH_RETURN_IF_ERROR(call.accounts->Audit(call.username(), "import", "upload", "",
                                            fmt::format("{} (sha256 {}): import #{}, {}, {} rows, months {}", name,
                                                        Sha256Hex(file->content), o.import_id, o.kind, o.rows, span)));
  }
  json j = TableToJson(ImportSummaryTable({o}), true);
  for (const std::string& n : o.notes) j["notes"].push_back(n);
  return HttpResponse::Json(j, o.state == FileOutcome::State::kImported ? 201 : 200);
}

Result<HttpResponse> Api::Targets(Call& call) {
  BH_ASSIGN_OR_RETURN(int from, IntParam(call.req, "from", 2018));
  BH_ASSIGN_OR_RETURN(int to, IntParam(call.req, "to", 2028));
  if (to < from || to - from > 100) return Status::InvalidArgument("targets: want from <= to within 100 years");
  BH_ASSIGN_OR_RETURN(Table t, TargetsTable(call.db, from, to));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::Groups(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(Table t, GroupsTable(call.db, *ref));
  return TableAnswer(call, t);
}

// ---------------------------------------------------------------- accounts

Result<HttpResponse> Api::Users(Call& call) {
  BH_ASSIGN_OR_RETURN(std::vector<User> users, call.accounts->ListUsers());
  json arr = json::array();
  for (const User& u : users) arr.push_back(UserJson(u));
  return HttpResponse::Json({{"users", arr}});
}

Result<HttpResponse> Api::CreateUser(Call& call) {
  BH_ASSIGN_OR_RETURN(json body, ParseBody(call.req));
  NewUser u;
  BH_ASSIGN_OR_RETURN(u.username, StringField(body, "username"));
  BH_ASSIGN_OR_RETURN(u.password, StringField(body, "password"));
  BH_ASSIGN_OR_RETURN(std::string role, StringField(body, "role"));
  BH_ASSIGN_OR_RETURN(u.role, ParseRole(role));
  u.ewg = BoolField(body, "ewg");
  u.imports = BoolField(body, "imports");
  std::string countries;
  auto it = body.find("countries");
  if (it != body.end() && it->is_array()) {
    std::vector<std::string> parts;
    for (const auto& c : *it) {
      if (!c.is_string()) return Status::InvalidArgument("request body: 'countries' must be strings");
      parts.push_back(c.get<std::string>());
    }
    countries = Join(parts, ",");
  } else {
    BH_ASSIGN_OR_RETURN(countries, StringField(body, "countries", false));
  }
  if (!countries.empty()) {
    BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
    BH_ASSIGN_OR_RETURN(u.countries, ref->ResolveCountryList(countries));
  }
  if (u.username.size() > 256 || u.password.size() > 1024) {
    return Status::InvalidArgument("request body: username or password too long");
  }
  HashSlots::Slot slot = hash_slots_.Acquire();
  if (!slot.ok()) return Status::RateLimited("too many password hashes at once; try again in a moment");
  BH_ASSIGN_OR_RETURN(User created, call.accounts->CreateUser(u));
  slot.Release();
  BH_RETURN_IF_ERROR(call.accounts->Audit(call.username(), "account", "create-user", "", CreatedUserText(created)));
  return HttpResponse::Json({{"user", UserJson(created)}}, 201);
}

Result<HttpResponse> Api::DeleteUser(Call& call) {
  const std::string& name = call.params["username"];
  if (call.caller.user && ToLowerAscii(call.caller.user->username) == ToLowerAscii(name)) {
    return Status::InvalidArgument("you cannot delete your own account");
  }
  BH_RETURN_IF_ERROR(call.accounts->DeleteUser(name));
  BH_RETURN_IF_ERROR(call.accounts->Audit(call.username(), "account", "delete-user", "", name));
  return HttpResponse::Json({{"ok", true}});
}

Result<HttpResponse> Api::AuditLog(Call& call) {
  BH_ASSIGN_OR_RETURN(int limit, IntParam(call.req, "limit", 200));
  BH_ASSIGN_OR_RETURN(std::vector<AuditEntry> entries, call.accounts->ListAudit(limit));
  return TableAnswer(call, AuditTable(entries));
}

// ---------------------------------------------------------------- EWG

Result<HttpResponse> Api::EwgCycles(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(Table t, EwgCyclesTable(call.db, *ref, call.req.Query("ewg")));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::EwgActivities(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(int cycle, IntParam(call.req, "cycle", 0));
  std::string ewg = call.req.Query("ewg");
  if (!ewg.empty()) BH_RETURN_IF_ERROR(GetEwg(call.db, ewg).status());
  BH_ASSIGN_OR_RETURN(Table t,
                      EwgActivitiesTable(call.db, *ref, ewg, cycle > 0 ? std::optional<int>(cycle) : std::nullopt));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::EwgReport(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  std::string ewg = call.req.Query("ewg");
  BH_ASSIGN_OR_RETURN(int cycle, IntParam(call.req, "cycle", 0));
  if (ewg.empty() || cycle <= 0) return Status::InvalidArgument("EWG report: want ?ewg=CODE&cycle=N");
  BH_ASSIGN_OR_RETURN(CycleReport r, BuildCycleReport(call.db, *ref, ewg, cycle, {}));
  const std::vector<Table> tables = CycleReportTables(r, *ref);
  return TablesAnswer(call, tables, [&tables] {
    json arr = json::array();
    for (const Table& t : tables) arr.push_back(TableToJson(t, true));
    return HttpResponse::Json({{"tables", arr}});
  });
}

Result<HttpResponse> Api::EwgUpload(Call& call) {
  BH_RETURN_IF_ERROR(CheckEwgWrite(call.caller));
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& u : call.req.uploads) {
    if (u.field != "file") continue;
    if (u.content.size() > options_.max_upload_bytes) {
      return Status::InvalidArgument(
          fmt::format("upload: {} is over the limit of {} bytes", u.filename, options_.max_upload_bytes));
    }
    files.emplace_back(BaseName(u.filename.empty() ? "ewg.csv" : u.filename), u.content);
  }
  if (files.empty()) return Status::InvalidArgument("upload: want one or more multipart/form-data fields 'file'");
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  ApplySummary sum;
  BH_ASSIGN_OR_RETURN(Table t, ImportEwgFiles(call.db, *ref, files, &sum));
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(fmt::format("{} (sha256 {})", f.first, Sha256Hex(f.second)));
  BH_RETURN_IF_ERROR(
      call.accounts->Audit(call.username(), "ewg", "upload", "", Join(names, ", ") + ": " + EwgSummaryText(sum)));
  return HttpResponse::Json(TableToJson(t, true), 201);
}

// ---------------------------------------------------------------- register

Result<HttpResponse> Api::RegisterCountries(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(Table t, RegisterCountriesTable(call.db, *ref));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::RegisterBriefing(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  Date as_of = TodayUtc(*clock_);
  if (std::string text = call.req.Query("as_of"); !text.empty()) {
    auto d = Date::ParseIso(text);
    if (!d.ok()) return Status::InvalidArgument(fmt::format("as_of: want YYYY-MM-DD, got '{}'", text));
    as_of = *d;
  }
  BH_ASSIGN_OR_RETURN(RegisterSummaryView v, RegisterSummaryTables(call.db, *ref, call.params["country"], as_of));
  return TablesAnswer(call, {v.groups, v.units}, [&v] {
    return HttpResponse::Json({{"iso3", v.iso3},
                               {"name", v.name},
                               {"as_of", v.as_of.ToString()},
                               {"illustrative", v.illustrative},
                               {"briefing", v.briefing},
                               {"groups", TableToJson(v.groups, true)},
                               {"units", TableToJson(v.units, true)}});
  });
}

Result<HttpResponse> Api::RegisterUpload(Call& call) {
  // A viewer (or an editor of no country) may change no register at all:
  // refused before the upload is even read.
  BH_RETURN_IF_ERROR(CheckRegisterWriteAny(call.caller));
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  std::vector<InputFile> files;
  for (const auto& u : call.req.uploads) {
    if (u.field != "file") continue;
    if (u.content.size() > options_.max_upload_bytes) {
      return Status::InvalidArgument(
          fmt::format("upload: {} is over the limit of {} bytes", u.filename, options_.max_upload_bytes));
    }
    files.push_back({BaseName(u.filename.empty() ? "register.csv" : u.filename), u.content});
  }
  if (files.empty()) return Status::InvalidArgument("upload: want one or more multipart/form-data fields 'file'");
  // One reading of the bytes: the countries checked are those of the rows
  // that are written, so no CSV quirk can make the check and the write see
  // different rows.
  BH_ASSIGN_OR_RETURN(ParsedRegister parsed, ParseRegisterFiles(files));
  BH_ASSIGN_OR_RETURN(std::vector<std::string> countries, bh::RegisterCountries(parsed, *ref));
  for (const std::string& c : countries) BH_RETURN_IF_ERROR(CheckRegisterWrite(call.caller, c));
  BH_ASSIGN_OR_RETURN(RegisterImportSummary sum, ApplyRegister(call.db, *ref, parsed));
  int changed = 0;
  for (const auto& [kind, n] : sum.counts) changed += n.added + n.updated;
  if (changed > 0) {
    std::vector<std::string> names;
    for (const InputFile& f : files) names.push_back(fmt::format("{} (sha256 {})", f.name, Sha256Hex(f.data)));
    for (const std::string& c : sum.countries) {
      BH_RETURN_IF_ERROR(call.accounts->Audit(call.username(), "register", "upload", c,
                                              Join(names, ", ") + ": " + RegisterImportText(sum)));
    }
  }
  Table t = RegisterImportTable(sum);
  return HttpResponse::Json(TableToJson(t, true), changed > 0 ? 201 : 200);
}

// ---------------------------------------------------------------- dashboard pages (issue 14)

namespace {

// A whole number of a JSON body as text, for Fields: a number or a string
// of digits; "" when absent and not required.
Result<std::string> CountField(const json& j, const char* name, bool required) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null() || (it->is_string() && Trim(it->get<std::string>()).empty())) {
    if (required) return Status::InvalidArgument(fmt::format("request body: '{}' is required", name));
    return std::string();
  }
  if (it->is_number_integer() && it->get<int64_t>() >= 0) return std::to_string(it->get<int64_t>());
  if (it->is_string()) {
    auto n = ParseWholeNumber(it->get<std::string>());
    if (n) return std::to_string(*n);
  }
  return Status::InvalidArgument(fmt::format("request body: '{}' must be a whole number, got {}", name, it->dump()));
}

// Free text an admin types (a reason, evidence): at most this many bytes.
constexpr size_t kMaxNoteBytes = 4000;

Result<std::string> NoteField(const json& j, const char* name, bool required) {
  BH_ASSIGN_OR_RETURN(std::string v, StringField(j, name, required));
  if (required && Trim(v).empty()) return Status::InvalidArgument(fmt::format("request body: '{}' is required", name));
  if (v.size() > kMaxNoteBytes) {
    return Status::InvalidArgument(
        fmt::format("request body: '{}' is {} bytes, over the limit of {}", name, v.size(), kMaxNoteBytes));
  }
  return v;
}

std::string ErratumText(const Erratum& e) {
  return fmt::format("{}: {} {} {} {}: printed {} women {} men, corrected to {} women {} men; reason: {}{}", e.id,
                     e.month.ToString(), e.iso3, e.mission.empty() ? "-" : e.mission, PersonnelTypeLabel(e.type),
                     e.printed_women, e.printed_men, e.women, e.men, e.reason,
                     e.evidence.empty() ? "" : "; evidence: " + e.evidence);
}

SourceRequest SourceRequestOf(const HttpRequest& req) {
  return {req.Query("month"), req.Query("country"), req.Query("mission"), req.Query("type")};
}

// month and country are required: a picture of a whole month is not asked for.
Status CheckSourceRequest(const SourceRequest& r) {
  if (r.month.empty() || r.country.empty()) return Status::InvalidArgument("source: want ?month=YYYY-MM&country=");
  return Status::Ok();
}

}  // namespace

// The same write path as `bluehelmet errata add` (WriteErratum: the cell
// checked against the month's current source and the correction written
// in one transaction), by the signed-in admin as its author.
Result<HttpResponse> Api::AddErratum(Call& call) {
  BH_ASSIGN_OR_RETURN(json body, ParseBody(call.req));
  Fields f;
  for (const auto& [field, column] : std::vector<std::pair<const char*, const char*>>{
           {"month", "Month"}, {"country", "ISO3"}, {"mission", "Mission"}, {"type", "Type"}}) {
    BH_ASSIGN_OR_RETURN(std::string v, StringField(body, field, field != std::string("mission")));
    if (v.size() > 200) return Status::InvalidArgument(fmt::format("request body: '{}' is too long", field));
    f.Set(column, v);
  }
  for (const auto& [field, column, required] :
       std::vector<std::tuple<const char*, const char*, bool>>{{"printed_women", "Printed women", false},
                                                               {"printed_men", "Printed men", false},
                                                               {"women", "Women", true},
                                                               {"men", "Men", true}}) {
    BH_ASSIGN_OR_RETURN(std::string v, CountField(body, field, required));
    f.Set(column, v);
  }
  if (f.Get("Printed women").empty() != f.Get("Printed men").empty()) {
    return Status::InvalidArgument("request body: give both 'printed_women' and 'printed_men', or neither");
  }
  BH_ASSIGN_OR_RETURN(std::string reason, NoteField(body, "reason", true));
  BH_ASSIGN_OR_RETURN(std::string evidence, NoteField(body, "evidence", false));
  f.Set("Reason", reason);
  f.Set("Evidence", evidence);
  f.Set("Author", call.username());
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(Erratum e, WriteErratum(call.db, *ref, f, WriteMode::kAdd));
  BH_RETURN_IF_ERROR(call.accounts->Audit(call.username(), "errata", "add", e.iso3, ErratumText(e)));
  BH_ASSIGN_OR_RETURN(Table t, ErrataTable(call.db, e.month));
  json j = TableToJson(t, true);
  j["id"] = e.id;
  return HttpResponse::Json(j, 201);
}

// As `bluehelmet errata remove`, with the reason in the audit log.
Result<HttpResponse> Api::RemoveErratum(Call& call) {
  BH_ASSIGN_OR_RETURN(json body, ParseBody(call.req));
  BH_ASSIGN_OR_RETURN(std::string reason, NoteField(body, "reason", true));
  const std::string& id = call.params["id"];
  BH_ASSIGN_OR_RETURN(std::vector<Erratum> all, ListErrata(call.db, std::nullopt));
  auto it = std::find_if(all.begin(), all.end(), [&](const Erratum& e) { return e.id == id; });
  BH_RETURN_IF_ERROR(bh::RemoveErratum(call.db, id));  // NotFound for an unknown id
  const std::string what = it == all.end() ? id : ErratumText(*it);
  BH_RETURN_IF_ERROR(call.accounts->Audit(call.username(), "errata", "remove", it == all.end() ? "" : it->iso3,
                                          fmt::format("{}; removed because: {}", what, reason)));
  return HttpResponse::Json({{"ok", true}, {"id", id}});
}

Result<HttpResponse> Api::Source(Call& call) {
  SourceRequest r = SourceRequestOf(call.req);
  BH_RETURN_IF_ERROR(CheckSourceRequest(r));
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(Table t, SourceTable(call.db, *ref, r, /*reveal_paths=*/false));
  return TableAnswer(call, t);
}

// What a stranger may ask for is a cell (month, country, mission, type): the
// file is the month's current import, re-read from its stored path only when
// its SHA-256 still matches; the page is the one the rows were read from; the
// picture's resolution and size are the server's; a few are drawn at once.
Result<HttpResponse> Api::SourcePage(Call& call) {
  SourceRequest r = SourceRequestOf(call.req);
  BH_RETURN_IF_ERROR(CheckSourceRequest(r));
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  HashSlots::Slot slot = render_slots_.Acquire();
  if (!slot.ok()) return Status::RateLimited("too many page pictures being drawn at once; try again in a moment");
  std::string png;
  BH_ASSIGN_OR_RETURN(SourcePicture pic,
                      SourcePagePngBytes(call.db, *ref, r, options_.page_dpi, options_.max_page_side_px, &png));
  slot.Release();
  HttpResponse out;
  out.content_type = "image/png";
  out.body = std::move(png);
  out.headers.emplace_back("X-Bluehelmet-Page", fmt::format("{} page {}", pic.file_name, pic.page));
  return out;
}

Result<HttpResponse> Api::EwgParticipants(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  BH_ASSIGN_OR_RETURN(int cycle, IntParam(call.req, "cycle", 0));
  std::string ewg = call.req.Query("ewg");
  if (!ewg.empty()) BH_RETURN_IF_ERROR(GetEwg(call.db, ewg).status());
  BH_ASSIGN_OR_RETURN(
      Table t, EwgParticipantsTable(call.db, *ref, ewg, cycle > 0 ? std::optional<int>(cycle) : std::nullopt, ""));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::RegisterReconcile(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  std::string text = call.req.Query("month");
  if (text.empty()) return Status::InvalidArgument("reconcile: want ?month=YYYY-MM");
  BH_ASSIGN_OR_RETURN(Month month, Month::Parse(text));
  BH_ASSIGN_OR_RETURN(Table t, RegisterReconcileTable(call.db, *ref, call.params["country"], month));
  return TableAnswer(call, t);
}

Result<HttpResponse> Api::RegisterPlan(Call& call) {
  BH_ASSIGN_OR_RETURN(const Reference* ref, call.ref());
  std::string unit = call.req.Query("unit");
  if (unit.empty()) return Status::InvalidArgument("plan: want ?unit=CODE");
  BH_ASSIGN_OR_RETURN(int year, IntParam(call.req, "year", TodayUtc(*clock_).year));
  if (year < 1948 || year > 2100)
    return Status::InvalidArgument(fmt::format("plan: year {} is not 1948 to 2100", year));
  BH_ASSIGN_OR_RETURN(Table t, RegisterPlanTable(call.db, *ref, call.params["country"], unit, year));
  return TableAnswer(call, t);
}

}  // namespace bh
