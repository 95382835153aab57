// The API through Api::Handle (no sockets): every endpoint, the errors, the
// session rules and the permission matrix. server_test.cc adds real HTTP.
#include "web/api.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "base/file_util.h"
#include "base/utf8.h"
#include "cli/cli.h"
#include "web/api_test_fixture.h"

namespace bh {
namespace {

using nlohmann::json;

class ApiTest : public ApiTestBase {};

std::string HeaderOf(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

TEST_F(ApiTest, EveryReadEndpointAnswersAViewer) {
  std::string viewer = Login("viewer");
  for (const char* target : {"/api",
                             "/api/health",
                             "/api/session",
                             "/api/scorecard?group=ASEAN",
                             "/api/scorecard?countries=VNM,JPN&month=2021-02",
                             "/api/scorecard",
                             "/api/rankings?category=mo_so&by=share&limit=5",
                             "/api/countries",
                             "/api/countries/VNM",
                             "/api/months",
                             "/api/imports",
                             "/api/targets?from=2020&to=2022",
                             "/api/groups",
                             "/api/top?month=2021-02&limit=5",
                             "/api/top",
                             "/api/shares",
                             "/api/series?group=ASEAN&annual=1",
                             "/api/anomalies",
                             "/api/anomalies?month=2021-02&country=Vietnam&kind=sex_swapped",
                             "/api/errata",
                             "/api/errata?month=2020-08"}) {
    HttpResponse r = Call("GET", target, viewer);
    EXPECT_EQ(200, r.status) << target << ": " << r.body;
    EXPECT_EQ("application/json; charset=utf-8", r.content_type) << target;
    EXPECT_EQ("no-store", HeaderOf(r, "Cache-Control")) << target;
  }
  // The route table lists every endpoint exactly as GET /api shows it.
  json index = Json(Call("GET", "/api", viewer));
  EXPECT_EQ(Api::Routes().size(), index["endpoints"].size());
  EXPECT_NE(std::string::npos, index["downloads"].get<std::string>().find("?format=xlsx"));
}

TEST_F(ApiTest, ScorecardEqualsTheCli) {
  std::ostringstream out, err;
  ASSERT_EQ(0, RunCliArgs({"--db", path_, "scorecard", "--group", "ASEAN", "--month", "2021-03", "--format", "json"},
                          out, err))
      << err.str();
  json cli = json::parse(out.str())["tables"]["scorecard"];
  json web = Json(Call("GET", "/api/scorecard?group=ASEAN&month=2021-03", Login("viewer")));
  EXPECT_EQ(cli["title"], web["title"]);
  EXPECT_EQ(cli["rows"], web["rows"]);
  EXPECT_EQ(cli["notes"], web["notes"]);
  EXPECT_NE(std::string::npos, web["title"].get<std::string>().find("[SYNTHETIC sample data]"));
  // Display texts are the terminal's: "7.14 %", "1,225".
  ASSERT_EQ(web["rows"].size(), web["display"].size());
  EXPECT_NE(std::string::npos, web["display"][0][5].get<std::string>().find(" %"));
}

// `top` and `shares` serve the CLI's tables, with the CLI's options as
// query parameters.
TEST_F(ApiTest, TopAndSharesEqualTheCli) {
  std::string viewer = Login("viewer");
  struct Case {
    std::vector<std::string> args;
    const char* target;
  } cases[] = {{{"top", "--month", "2021-02", "--limit", "5"}, "/api/top?month=2021-02&limit=5"},
               {{"top"}, "/api/top"},
               {{"shares"}, "/api/shares"}};
  for (const Case& c : cases) ExpectApiEqualsCli(c.args, c.target, viewer);
  json top = Json(Call("GET", "/api/top?month=2021-02&limit=5", viewer));
  EXPECT_EQ("Top 5 countries by women deployed, 2021-02", top["title"]);
  ASSERT_EQ(5u, top["rows"].size());
  EXPECT_EQ(R"({"Country":"India","ISO3":"IND","Rank":1,"Share":7.241184235338488,"Total":5303,"Women":384})",
            top["rows"][0].dump());
  json shares = Json(Call("GET", "/api/shares", viewer));
  EXPECT_EQ(147u, shares["rows"].size());  // 18 countries, 3 months, their categories
  EXPECT_EQ(R"({"Category":"Contingents","ISO3":"AUS","Men":39,"Month":"2021-01","Share":4.878048780487805,)"
            R"("Total":41,"Women":2})",
            shares["rows"][0].dump());
  json bad = Json(Call("GET", "/api/top?limit=0", viewer));
  EXPECT_EQ("limit must be at least 1, got 0", bad["error"]);
}

// Missions and projections (issue 13): the CLI's tables with the CLI's
// options as query parameters; every role reads them, a stranger never.
TEST_F(ApiTest, MissionsAndProjectionEqualTheCliForEveryRole) {
  {
    // Two more years of the sample, so a trend has months to fit.
    auto db = OpenWorkspace(path_);
    ASSERT_TRUE(db.ok());
    auto ref = Reference::Load(db->get());
    SampleSpec spec;
    spec.first = {2019, 1};
    spec.last = {2020, 12};
    FileOutcome o = ImportBytes(db->get(), *ref, "SYNTHETIC_web_before.csv", GenerateSampleCsv(spec), {});
    ASSERT_EQ(FileOutcome::State::kImported, o.state) << o.status.message();
  }
  struct Case {
    std::vector<std::string> args;
    const char* target;
  } cases[] = {
      {{"missions"}, "/api/missions"},
      {{"missions", "--month", "2021-02", "--category", "contingents"},
       "/api/missions?month=2021-02&category=contingents"},
      {{"missions", "--from", "2020-11", "--to", "2021-01", "--mission", "unmiss,MINUSCA"},
       "/api/missions?from=2020-11&to=2021-01&mission=unmiss,MINUSCA"},
      {{"mission", "MINUSCA"}, "/api/missions/MINUSCA"},
      {{"mission", "unmiss", "--month", "2021-01", "--by", "women", "--category", "mo_so"},
       "/api/missions/unmiss?month=2021-01&by=women&category=mo_so"},
  };
  std::string viewer = Login("viewer");
  for (const Case& c : cases) ExpectApiEqualsCli(c.args, c.target, viewer);

  // project: three tables, each the CLI's.
  json web = ExpectApiTablesEqualCli({"project", "--country", "VNM"}, "/api/project?country=VNM", viewer, 3);
  EXPECT_EQ(
      "Projection: Viet Nam, share of women per category, trend of 2019-04 to 2021-03 "
      "[SYNTHETIC sample data]",
      web["tables"][0]["title"]);

  json unknown = Json(Call("GET", "/api/missions/MINUSKA", viewer));
  EXPECT_EQ("unknown mission: 'MINUSKA' (did you mean MINUSCA or MINUSMA?)", unknown["error"]);
  EXPECT_EQ(404, Call("GET", "/api/missions/MINUSKA", viewer).status);
  EXPECT_EQ(400, Call("GET", "/api/missions?month=2021-13", viewer).status);
  EXPECT_EQ("missions/{mission}: from has no meaning here: one mission and one month: use month=",
            Json(Call("GET", "/api/missions/UNMISS?from=2021-01", viewer))["error"]);
  EXPECT_EQ(400, Call("GET", "/api/project?country=VNM&months=6", viewer).status);
  // monthly=1: the fourth table, the line and band per month, as `project --monthly`.
  json monthly = ExpectApiTablesEqualCli({"project", "--country", "VNM", "--monthly"},
                                         "/api/project?country=VNM&monthly=1", viewer, 4);
  const json& path = monthly["tables"][3];
  ASSERT_FALSE(path["rows"].empty());
  EXPECT_EQ("2021-03", path["rows"][0]["Month"]);
  EXPECT_EQ("2028-12", path["rows"].back()["Month"]);
  for (const json& r : path["rows"]) {
    EXPECT_LE(r["Low"].get<double>(), r["Projected"].get<double>()) << r.dump();
    EXPECT_LE(r["Projected"].get<double>(), r["High"].get<double>()) << r.dump();
  }
  EXPECT_LT(path["rows"][0]["Low"].get<double>(), path["rows"][0]["High"].get<double>()) << "open at the last month";
  EXPECT_EQ(400, Call("GET", "/api/project?country=VNM&monthly=yes", viewer).status);
  for (const char* target : {"/api/missions", "/api/missions/UNMISS", "/api/project?group=ASEAN"}) {
    EXPECT_EQ(401, Call("GET", target).status) << target;
    for (const char* user : {"admin", "editor-vnm", "editor-jpn", "viewer"}) {
      EXPECT_EQ(200, Call("GET", target, Login(user)).status) << user << " " << target;
    }
  }
}

// The trust pages' data (issue 11): the findings and the corrections, the
// CLI's tables with the CLI's options as query parameters; every role reads
// them, a stranger never (anonymous read off).
TEST_F(ApiTest, AnomaliesAndErrataEqualTheCliForEveryRole) {
  struct Case {
    std::vector<std::string> args;
    const char* target;
  } cases[] = {{{"anomalies"}, "/api/anomalies"},
               {{"anomalies", "--month", "2021-02", "--country", "VNM"}, "/api/anomalies?month=2021-02&country=VNM"},
               {{"errata", "list"}, "/api/errata"},
               {{"errata", "list", "--month", "2020-08"}, "/api/errata?month=2020-08"}};
  std::string viewer = Login("viewer");
  for (const Case& c : cases) ExpectApiEqualsCli(c.args, c.target, viewer);
  // The shipped corrections are listed, none applied: 2020-08 is not imported.
  json errata = Json(Call("GET", "/api/errata", viewer));
  EXPECT_EQ(100u, errata["rows"].size());
  json bad = Json(Call("GET", "/api/anomalies?kind=typo", viewer));
  EXPECT_EQ("kind: 'typo' is not one of sex_swapped, share_jump, month_share_jump, gap", bad["error"]);
  EXPECT_EQ(400, Call("GET", "/api/errata?month=2020-13", viewer).status);
  for (const char* target : {"/api/anomalies", "/api/errata"}) {
    EXPECT_EQ(401, Call("GET", target).status) << target;
    for (const char* user : {"admin", "editor-vnm", "editor-jpn", "viewer"}) {
      EXPECT_EQ(200, Call("GET", target, Login(user)).status) << user << " " << target;
    }
  }
}

// Like every read route: each role reads them, a stranger only when
// anonymous read is on.
TEST_F(ApiTest, TopAndSharesAreReadByEveryRole) {
  const char* const targets[] = {"/api/top?limit=3", "/api/shares"};
  for (const char* target : targets) {
    EXPECT_EQ(401, Call("GET", target).status) << target;
  }
  for (const char* user : {"admin", "editor-vnm", "editor-jpn", "viewer"}) {
    std::string cookie = Login(user);
    for (const char* target : targets) {
      EXPECT_EQ(200, Call("GET", target, cookie).status) << user << " " << target;
    }
  }
  ApiOptions open;
  open.anonymous_read = true;
  MakeApi(open);
  for (const char* target : targets) {
    EXPECT_EQ(200, Call("GET", target).status) << target;
  }
}

// The shared figure filters (issue 13): the API's query parameters are the
// CLI's options by the same names, through the same parse, with the same
// tables and the same one-line errors (400).
TEST_F(ApiTest, FilteredCommandsAndSeriesEqualTheCli) {
  std::string viewer = Login("viewer");
  struct Case {
    std::vector<std::string> args;
    const char* target;
  } cases[] = {
      {{"series", "--group", "ASEAN", "--category", "contingents"}, "/api/series?group=ASEAN&category=contingents"},
      {{"series", "--countries", "VNM", "--from", "2021-02"}, "/api/series?countries=VNM&from=2021-02"},
      {{"series", "--category", "all"}, "/api/series?category=all"},
      {{"series", "--mission", "UNMISS", "--type", "TRP,SO"}, "/api/series?mission=UNMISS&type=TRP,SO"},
      {{"scorecard", "--group", "ASEAN", "--mission", "UNIFIL", "--month", "2021-02"},
       "/api/scorecard?group=ASEAN&mission=UNIFIL&month=2021-02"},
      {{"scorecard", "--countries", "VNM,JPN", "--category", "all"}, "/api/scorecard?countries=VNM,JPN&category=all"},
      {{"rankings", "--mission", "UNIFIL", "--group", "ASEAN", "--month", "2021-02", "--category", "ipo"},
       "/api/rankings?mission=UNIFIL&group=ASEAN&month=2021-02&category=ipo"},
      {{"rankings", "--category", "all", "--by", "share", "--limit", "5"},
       "/api/rankings?category=all&by=share&limit=5"},
      {{"top", "--group", "ADMM-Plus", "--type", "TRP", "--limit", "5"}, "/api/top?group=ADMM-Plus&type=TRP&limit=5"},
      {{"top", "--mission", "UNIFIL", "--month", "2021-01"}, "/api/top?mission=UNIFIL&month=2021-01"},
      {{"shares", "--group", "ASEAN", "--category", "all", "--from", "2021-02"},
       "/api/shares?group=ASEAN&category=all&from=2021-02"},
      {{"shares", "--mission", "UNIFIL", "--type", "FPU"}, "/api/shares?mission=UNIFIL&type=FPU"},
  };
  for (const Case& c : cases) ExpectApiEqualsCli(c.args, c.target, viewer);
  // country: its two tables, and the chart follows the filter.
  {
    json web = ExpectApiTablesEqualCli({"country", "MYS", "--mission", "UNIFIL"}, "/api/countries/MYS?mission=UNIFIL",
                                       viewer, 2);
    EXPECT_EQ("Malaysia (MYS): monthly series per category, mission UNIFIL [SYNTHETIC sample data]",
              web["tables"][0]["title"]);
    json all = Json(Call("GET", "/api/countries/MYS?category=all", viewer));
    ASSERT_EQ(1u, all["chart"]["series"].size());
    EXPECT_EQ("all", all["chart"]["series"][0]["category"]);
    EXPECT_TRUE(all["chart"]["series"][0]["target_pct"][0].is_null());
  }
  // --annual: two tables.
  json two = ExpectApiTablesEqualCli({"series", "--countries", "VNM", "--annual"}, "/api/series?countries=VNM&annual=1",
                                     viewer, 2);
  ASSERT_EQ(2u, two["tables"].size());
  EXPECT_EQ("Annual means and change year on year, Viet Nam [SYNTHETIC sample data]", two["tables"][1]["title"]);
  struct Bad {
    const char* target;
    const char* error;
  } bad[] = {
      {"/api/series?mission=unmisz", "mission: unknown mission 'unmisz' (nearest: UNMIS, UNMISS, UNMIK)"},
      {"/api/series?from=2021-03&to=2021-01", "from 2021-03 is after to 2021-01"},
      {"/api/series?countries=Indonsia", "countries: unknown country: 'Indonsia' (did you mean Indonesia (IDN)?)"},
      {"/api/series?category=all&type=TRP",
       "type cannot be combined with category all (all sums every personnel type)"},
      {"/api/series?annual=yes", "annual: want 1 or 0, got 'yes'"},
      {"/api/scorecard?from=2021-01",
       "scorecard: from has no meaning here: it scores one month (give the month; "
       "'series' covers a range)"},
      {"/api/top?to=2021-01",
       "top: to has no meaning here: it ranks one month (give the month; 'series' covers a "
       "range)"},
      {"/api/rankings?category=contingents,fpu", "rankings: category takes one category, got 2"},
      {"/api/countries/VNM?group=ASEAN",
       "country: group has no meaning here: the country is the argument ('series' "
       "sums several countries or a group)"},
  };
  for (const Bad& b : bad) {
    HttpResponse r = Call("GET", b.target, viewer);
    EXPECT_EQ(400, r.status) << b.target;
    EXPECT_EQ(b.error, Json(r)["error"]) << b.target;
  }
  // Every role reads the series; a stranger does not.
  EXPECT_EQ(401, Call("GET", "/api/series").status);
  for (const char* user : {"admin", "editor-vnm", "editor-jpn", "viewer"}) {
    EXPECT_EQ(200, Call("GET", "/api/series?group=ASEAN", Login(user)).status) << user;
  }
}

TEST_F(ApiTest, CountryHasTablesAndChartSeries) {
  HttpResponse r = Call("GET", "/api/countries/VNM", Login("viewer"));
  ASSERT_EQ(200, r.status);
  json j = Json(r);
  EXPECT_EQ("VNM", j["iso3"]);
  EXPECT_TRUE(j["synthetic"].get<bool>());
  ASSERT_EQ(2u, j["tables"].size());
  ASSERT_FALSE(j["chart"]["series"].empty());
  const json& s = j["chart"]["series"][0];
  EXPECT_EQ(3u, s["months"].size());
  EXPECT_EQ(8.0, s["target_pct"][0].get<double>());
  EXPECT_EQ(j["tables"][0]["rows"][0]["Share"], s["share_pct"][0]);
}

TEST_F(ApiTest, ErrorsAreJsonWithStableCodes) {
  std::string viewer = Login("viewer");
  struct Case {
    const char* method;
    const char* target;
    int status;
    const char* code;
    const char* error;
  } cases[] = {
      {"GET", "/api/scorecard?month=April", 400, "invalid_argument", "not a month (want YYYY-MM): 'April'"},
      {"GET", "/api/scorecard?month=2020-01", 404, "not_found",
       "no contribution figures for 2020-01 (see 'bluehelmet months')"},
      {"GET", "/api/scorecard?group=Nowhere", 400, "invalid_argument", nullptr},
      {"GET", "/api/scorecard?group=ASEAN&countries=VNM", 400, "invalid_argument",
       "scorecard: give either group or countries, not both"},
      {"GET", "/api/countries/Xanadu", 404, "not_found", "unknown country: 'Xanadu'"},
      {"GET", "/api/rankings?by=height", 400, "invalid_argument", "unknown ranking 'height' (want women or share)"},
      {"GET", "/api/rankings?limit=many", 400, "invalid_argument",
       "parameter 'limit': want a whole number, got 'many'"},
      {"GET", "/api/nothing", 404, "not_found", "no endpoint GET /api/nothing"},
      {"DELETE", "/api/months", 404, "not_found", "no endpoint DELETE /api/months (other methods exist: see GET /api)"},
      {"POST", "/api/login", 400, "invalid_argument", "request body: want a JSON object"},
      {"GET", "/api/users", 403, "permission_denied", "'viewer' is viewer; this needs an admin"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.target);
    HttpResponse r = Call(c.method, c.target, viewer, c.method == std::string("POST") ? "not json" : "");
    EXPECT_EQ(c.status, r.status) << r.body;
    json j = Json(r);
    EXPECT_EQ(c.code, j["code"]);
    if (c.error) {
      EXPECT_EQ(c.error, j["error"]);
    }
  }
}

TEST_F(ApiTest, StateChangesNeedTheRequestedWithHeader) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/api/logout";
  HttpResponse out = api_->Handle(r);
  EXPECT_EQ(403, out.status);
  EXPECT_EQ("permission_denied", Json(out)["code"]);
}

TEST_F(ApiTest, ReadingNeedsASessionUnlessAnonymousReadIsOn) {
  HttpResponse r = Call("GET", "/api/scorecard");
  EXPECT_EQ(401, r.status);
  EXPECT_EQ((json{{"error", "log in first"}, {"code", "unauthenticated"}}), Json(r));
  EXPECT_EQ(200, Call("GET", "/api/health").status);
  EXPECT_FALSE(Json(Call("GET", "/api/session"))["anonymous_read"].get<bool>());
  ApiOptions open;
  open.anonymous_read = true;
  MakeApi(open);
  EXPECT_EQ(200, Call("GET", "/api/scorecard").status);
  EXPECT_TRUE(Json(Call("GET", "/api/session"))["anonymous_read"].get<bool>());
  // Writing still needs an account.
  EXPECT_EQ(401, Upload("/api/imports", "", "x.csv", "a,b\n").status);
  EXPECT_EQ(401, Call("GET", "/api/users").status);
}

TEST_F(ApiTest, LoginCookieIsHttpOnlySameSiteAndSecureUnderTls) {
  HttpResponse r = Call("POST", "/api/login", "", R"({"username":"viewer","password":"viewer-password"})");
  ASSERT_EQ(200, r.status);
  std::string cookie = HeaderOf(r, "Set-Cookie");
  EXPECT_NE(std::string::npos, cookie.find("; HttpOnly"));
  EXPECT_NE(std::string::npos, cookie.find("; SameSite=Strict"));
  EXPECT_NE(std::string::npos, cookie.find("; Max-Age=43200"));
  EXPECT_EQ(std::string::npos, cookie.find("Secure"));
  EXPECT_EQ("viewer", Json(r)["user"]["username"]);
  ApiOptions tls;
  tls.tls = true;
  MakeApi(tls);
  r = Call("POST", "/api/login", "", R"({"username":"viewer","password":"viewer-password"})");
  EXPECT_NE(std::string::npos, HeaderOf(r, "Set-Cookie").find("; Secure"));
}

TEST_F(ApiTest, SessionsExpireAndLogoutEndsThem) {
  std::string c = Login("viewer");
  EXPECT_EQ("viewer", Json(Call("GET", "/api/session", c))["user"]["username"]);
  clock_.Advance(12 * 3600 + 1);
  HttpResponse r = Call("GET", "/api/scorecard", c);
  EXPECT_EQ(401, r.status);
  EXPECT_EQ("session expired or unknown: log in again", Json(r)["error"]);
  c = Login("viewer");
  r = Call("POST", "/api/logout", c);
  EXPECT_EQ(200, r.status);
  EXPECT_NE(std::string::npos, HeaderOf(r, "Set-Cookie").find("Max-Age=0"));
  EXPECT_EQ(401, Call("GET", "/api/scorecard", c).status);
}

TEST_F(ApiTest, LoginIsThrottledAfterFiveFailures) {
  for (int i = 0; i < 5; ++i) {
    HttpResponse r = Call("POST", "/api/login", "", R"({"username":"admin","password":"guess-guess"})");
    EXPECT_EQ(401, r.status);
    EXPECT_EQ("wrong username or password", Json(r)["error"]);
  }
  HttpResponse r = Call("POST", "/api/login", "", R"({"username":"admin","password":"admin-password"})");
  EXPECT_EQ(429, r.status);
  EXPECT_EQ("rate_limited", Json(r)["code"]);
  EXPECT_EQ(200, Call("POST", "/api/login", "", R"({"username":"viewer","password":"viewer-password"})").status);
  clock_.Advance(901);
  EXPECT_EQ(200, Call("POST", "/api/login", "", R"({"username":"admin","password":"admin-password"})").status);
}

// Issue 12: five wrong passwords from anyone locked the real user out. The
// lockout is now per account and address: the guesser is locked out, the
// user at their own address is not, and the lockout is audited.
HttpResponse LoginFrom(Api* api, const std::string& addr, const std::string& user, const std::string& password) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/api/login";
  r.headers["x-requested-with"] = "bluehelmet";
  r.body = nlohmann::json{{"username", user}, {"password", password}}.dump();
  r.remote_addr = addr;
  return api->Handle(r);
}

TEST_F(ApiTest, AGuesserIsLockedOutButNotTheUserAtTheirOwnAddress) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(401, LoginFrom(api_.get(), "127.0.0.66", "admin", "guess-guess").status);
  HttpResponse locked = LoginFrom(api_.get(), "127.0.0.66", "admin", "admin-password");
  EXPECT_EQ(429, locked.status);
  EXPECT_EQ("too many failed logins; try again in 15 minutes", Json(locked)["error"]);
  EXPECT_EQ(200, LoginFrom(api_.get(), "127.0.0.1", "admin", "admin-password").status);
  json audit = Json(Call("GET", "/api/audit", Login("admin")));
  ASSERT_EQ(1u, audit["rows"].size()) << audit.dump(1);
  EXPECT_EQ("lockout", audit["rows"][0]["Action"]);
  EXPECT_EQ("admin failed logins: this account from this address locked for 15 minutes (last from 127.0.0.66)",
            audit["rows"][0]["What"]);
  // Backoff: after the lockout, five more failures lock the pair twice as long.
  clock_.Advance(901);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(401, LoginFrom(api_.get(), "127.0.0.66", "admin", "guess-guess").status);
  EXPECT_EQ("too many failed logins; try again in 30 minutes",
            Json(LoginFrom(api_.get(), "127.0.0.66", "admin", "admin-password"))["error"]);
}

// Issue 12: 64 parallel logins each took a database connection (opening
// one when none was idle) before 47 of them were refused 429, and
// /api/health waited behind that burst. A login is now admitted (the
// throttles, a hash slot) before it takes a connection: a refused one opens
// none, and counts as no failure.
TEST_F(ApiTest, ALoginRefusedForAFullHashQueueOpensNoDatabaseConnection) {
  std::atomic<int> opens{0};
  api_.reset();
  pool_ = std::make_unique<DbPool>(path_, [&](const std::string& p) {
    ++opens;
    return Db::Open(p);
  });
  std::mutex mu;
  std::condition_variable cv;
  bool checking = false, go_on = false;
  ApiOptions options;
  options.max_concurrent_hashes = 1;
  options.max_queued_hashes = 0;
  options.before_handler = [&](const HttpRequest& r) {
    if (r.path != "/api/login") return;
    std::unique_lock<std::mutex> lock(mu);
    checking = true;
    cv.notify_all();
    cv.wait(lock, [&] { return go_on; });
  };
  MakeApi(options);
  // The first login holds the only hash slot (and a connection) until told.
  std::thread first([&] { EXPECT_EQ(200, LoginFrom(api_.get(), "127.0.0.1", "viewer", "viewer-password").status); });
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return checking; });
  }
  const int opened = opens.load();
  EXPECT_EQ(1, opened);
  for (int i = 0; i < 8; ++i) {
    HttpResponse r = LoginFrom(api_.get(), "127.0.0.2", "admin", "guess-guess");
    EXPECT_EQ(429, r.status);
    EXPECT_EQ("too many logins at once; try again in a moment", Json(r)["error"]);
  }
  EXPECT_EQ(opened, opens.load());
  {
    std::lock_guard<std::mutex> lock(mu);
    go_on = true;
  }
  cv.notify_all();
  first.join();
  EXPECT_EQ(200, LoginFrom(api_.get(), "127.0.0.2", "admin", "admin-password").status);
}

// Guesses spread over many addresses (issue 12: 40 addresses, all checked):
// after 20 failures the account takes attempts only from addresses it
// signed in from before.
TEST_F(ApiTest, GuessesFromManyAddressesAreCappedPerAccount) {
  ASSERT_EQ(200, LoginFrom(api_.get(), "127.0.0.1", "editor-vnm", "editor-vnm-password").status);
  int refused = 0, checked = 0;
  for (int i = 1; i <= 40; ++i) {
    HttpResponse r = LoginFrom(api_.get(), fmt::format("127.0.1.{}", i), "editor-vnm", "guess-guess");
    (r.status == 429 ? refused : checked)++;
    if (r.status == 429) {
      EXPECT_EQ("too many failed logins; try again in 15 minutes", Json(r)["error"]);
    }
  }
  EXPECT_EQ(20, checked);
  EXPECT_EQ(20, refused);
  EXPECT_EQ(200, LoginFrom(api_.get(), "127.0.0.1", "editor-vnm", "editor-vnm-password").status);
  EXPECT_EQ(429, LoginFrom(api_.get(), "127.0.2.1", "editor-vnm", "editor-vnm-password").status);
  EXPECT_EQ(200, LoginFrom(api_.get(), "127.0.2.1", "viewer", "viewer-password").status);  // other accounts
}

// Uploading a UN report, per role: the write side of the matrix for data
// that belongs to no single country.
TEST_F(ApiTest, UploadPermissionMatrixAndAudit) {
  SampleSpec spec;
  spec.first = {2021, 4};
  spec.last = {2021, 4};
  std::string csv = GenerateSampleCsv(spec);
  struct Case {
    const char* user;
    int status;
  } cases[] = {{nullptr, 401}, {"viewer", 403}, {"editor-vnm", 403}, {"editor-jpn", 201}, {"admin", 200}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.user ? c.user : "anonymous");
    HttpResponse r = Upload("/api/imports", c.user ? Login(c.user) : "", "SYNTHETIC_april.csv", csv);
    EXPECT_EQ(c.status, r.status) << r.body;
  }
  std::string admin = Login("admin");
  json audit = Json(Call("GET", "/api/audit", admin));
  ASSERT_EQ(1u, audit["rows"].size());  // the second upload changed nothing, so no entry
  EXPECT_EQ("editor-jpn", audit["rows"][0]["Who"]);
  EXPECT_EQ("import", audit["rows"][0]["Component"]);
  EXPECT_NE(std::string::npos, audit["rows"][0]["What"].get<std::string>().find("SYNTHETIC_april.csv (sha256 "));
  EXPECT_EQ("2021-04",
            Json(Call("GET", "/api/scorecard?countries=VNM", admin))["title"].get<std::string>().substr(16, 7));
  EXPECT_EQ(403, Call("GET", "/api/audit", Login("editor-jpn")).status);
}

TEST_F(ApiTest, BadUploadIsRefusedWithItsLine) {
  std::string admin = Login("admin");
  HttpResponse r = Upload("/api/imports", admin, "bad.csv",
                          "Contribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_Acronym,Personnel_Type,"
                          "Female_Personnel,Male_Personnel,Last_Reporting_Date\n"
                          "1,VNM,704,Viet Nam,UNMISS,Troops,n/a,3,30-Apr-21\n");
  EXPECT_EQ(422, r.status);
  EXPECT_EQ("invalid_data", Json(r)["code"]);
  EXPECT_EQ(0u, Json(r)["error"].get<std::string>().find("bad.csv:2: "));
  EXPECT_EQ(400, Call("POST", "/api/imports", admin).status);  // no file part
}

TEST_F(ApiTest, AdminManagesAccounts) {
  std::string admin = Login("admin");
  HttpResponse r =
      Call("POST", "/api/users", admin,
           R"({"username":"kh-editor","password":"kh-editor-password","role":"editor","countries":"Cambodia"})");
  ASSERT_EQ(201, r.status) << r.body;
  EXPECT_EQ((json{"KHM"}), Json(r)["user"]["countries"]);
  EXPECT_EQ(409, Call("POST", "/api/users", admin,
                      R"({"username":"kh-editor","password":"kh-editor-password","role":"viewer"})")
                     .status);
  EXPECT_EQ(403, Call("POST", "/api/users", Login("editor-vnm"),
                      R"({"username":"x","password":"xxxxxxxxxxxx","role":"admin"})")
                     .status);
  EXPECT_EQ(5u, Json(Call("GET", "/api/users", admin))["users"].size());
  EXPECT_EQ(200, Call("DELETE", "/api/users/kh-editor", admin).status);
  EXPECT_EQ(404, Call("DELETE", "/api/users/kh-editor", admin).status);
  EXPECT_EQ(400, Call("DELETE", "/api/users/admin", admin).status);
  json audit = Json(Call("GET", "/api/audit", admin));
  ASSERT_EQ(2u, audit["rows"].size());
  EXPECT_EQ("delete-user", audit["rows"][0]["Action"]);
  EXPECT_EQ("kh-editor: editor of KHM", audit["rows"][1]["What"]);
}

TEST_F(ApiTest, PasswordChangeEndsSessions) {
  std::string c = Login("viewer");
  EXPECT_EQ(401, Call("POST", "/api/password", c, R"({"old":"nope-nope-nope","new":"viewer-password-2"})").status);
  EXPECT_EQ(200, Call("POST", "/api/password", c, R"({"old":"viewer-password","new":"viewer-password-2"})").status);
  EXPECT_EQ(401, Call("GET", "/api/months", c).status);
  EXPECT_EQ(200, Call("POST", "/api/login", "", R"({"username":"viewer","password":"viewer-password-2"})").status);
}

TEST_F(ApiTest, EwgReadEndpoints) {
  std::string viewer = Login("viewer");
  json cycles = Json(Call("GET", "/api/ewg/cycles?ewg=PKO", viewer));
  ASSERT_FALSE(cycles["rows"].empty()) << cycles.dump();
  EXPECT_EQ("EWG on PKO cycles", cycles["title"]);
  EXPECT_EQ(200, Call("GET", "/api/ewg/activities?ewg=PKO&cycle=4", viewer).status);
  EXPECT_EQ(200, Call("GET", "/api/ewg/report?ewg=PKO&cycle=4", viewer).status);
  EXPECT_EQ(404, Call("GET", "/api/ewg/cycles?ewg=XYZ", viewer).status);
  EXPECT_EQ(400, Call("GET", "/api/ewg/report?ewg=PKO", viewer).status);
  EXPECT_TRUE(Json(Call("GET", "/api/session", viewer))["features"]["ewg"].get<bool>());
}

// EWG uploads per role: only admins and editors granted EWG may change it,
// and each change is audited with who, when and what.
TEST_F(ApiTest, EwgUploadPermissionMatrixAndAudit) {
  auto csv = ReadFile(std::string(BLUEHELMET_SOURCE_DIR) + "/data/examples/ewg_pko_cycle4_activities.csv");
  ASSERT_TRUE(csv.ok());
  struct Case {
    const char* user;
    int status;
  } cases[] = {{nullptr, 401}, {"viewer", 403}, {"editor-vnm", 403}, {"editor-jpn", 201}, {"admin", 201}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.user ? c.user : "anonymous");
    HttpResponse r = Upload("/api/ewg/imports", c.user ? Login(c.user) : "", "activities.csv", *csv);
    EXPECT_EQ(c.status, r.status) << r.body;
  }
  json audit = Json(Call("GET", "/api/audit", Login("admin")));
  ASSERT_EQ(2u, audit["rows"].size());
  EXPECT_EQ("admin", audit["rows"][0]["Who"]);
  EXPECT_EQ("editor-jpn", audit["rows"][1]["Who"]);
  EXPECT_EQ("ewg", audit["rows"][1]["Component"]);
  EXPECT_NE(std::string::npos, audit["rows"][1]["What"].get<std::string>().find("activities.csv (sha256 "));
  HttpResponse bad = Upload("/api/ewg/imports", Login("admin"), "bad.csv", "ref,ewg\nX,NOPE\n");
  EXPECT_EQ(422, bad.status) << bad.body;
}

// Register uploads: role x own/other country x write, then the briefing,
// which must be the CLI's.
TEST_F(ApiTest, RegisterUploadPermissionMatrixAuditAndBriefing) {
  const std::string dir = std::string(BLUEHELMET_SOURCE_DIR) + "/data/examples/vnm_register_illustrative/";
  auto upload = [&](const std::string& cookie) {
    HttpRequest r;
    r.method = "POST";
    r.path = "/api/register/imports";
    r.headers["cookie"] = cookie;
    r.headers["x-requested-with"] = "bluehelmet";
    for (const char* f : {"persons.csv", "units.csv", "legs.csv", "members.csv", "postings.csv"}) {
      r.uploads.push_back({"file", f, "text/csv", *ReadFile(dir + f)});
    }
    return api_->Handle(r);
  };
  struct Case {
    const char* user;
    int status;
  } cases[] = {{nullptr, 401},       // anonymous
               {"viewer", 403},      // reads only
               {"editor-jpn", 403},  // another country's editor
               {"editor-vnm", 201},  // this country's editor
               {"admin", 200}};      // any country; nothing left to change
  for (const Case& c : cases) {
    SCOPED_TRACE(c.user ? c.user : "anonymous");
    HttpResponse r = upload(c.user ? Login(c.user) : "");
    EXPECT_EQ(c.status, r.status) << r.body;
  }
  std::string admin = Login("admin");
  json audit = Json(Call("GET", "/api/audit", admin));
  ASSERT_EQ(1u, audit["rows"].size()) << audit.dump(1);
  EXPECT_EQ("editor-vnm", audit["rows"][0]["Who"]);
  EXPECT_EQ("VNM", audit["rows"][0]["Country"]);
  EXPECT_EQ("register", audit["rows"][0]["Component"]);
  HttpResponse refused = upload(Login("editor-jpn"));
  EXPECT_EQ("'editor-jpn' may change the register of JPN only, not VNM", Json(refused)["error"]);

  // Reading: every role reads every country's register.
  EXPECT_EQ(200, Call("GET", "/api/register", Login("editor-jpn")).status);
  HttpResponse b = Call("GET", "/api/register/VNM?as_of=2021-04-30", Login("viewer"));
  ASSERT_EQ(200, b.status) << b.body;
  json j = Json(b);
  EXPECT_TRUE(j["illustrative"].get<bool>());
  std::ostringstream out, err;
  ASSERT_EQ(0, RunCliArgs({"--db", path_, "register", "summary", "--country", "VNM", "--as-of", "2021-04-30",
                           "--format", "json"},
                          out, err))
      << err.str();
  json cli = json::parse(out.str())["tables"];
  EXPECT_EQ(cli["briefing"]["rows"][0]["Briefing"], j["briefing"]);
  // One view (views/register_views.h): the same tables in both.
  EXPECT_EQ(cli["groups"]["title"], j["groups"]["title"]);
  EXPECT_EQ(cli["groups"]["rows"], j["groups"]["rows"]);
  EXPECT_EQ(cli["units"]["rows"], j["units"]["rows"]);
  EXPECT_EQ("Level-2 field hospital", j["groups"]["rows"][0]["Group"]);
  EXPECT_EQ(404, Call("GET", "/api/register/JPN", Login("viewer")).status);
}

// Issue 12: the scope check once read the upload with one CSV reading and
// the importer wrote with another, so a first line `#,"` hid every row from
// the check. Now one parse gives both. Each file below is a valid persons
// file of VNM in a CSV form the reader accepts: the JPN editor and the
// viewer are refused and nothing is written; the VNM editor writes its rows
// (proof that the rows were there to check).
TEST_F(ApiTest, RegisterUploadScopeIsCheckedOnTheRowsThatAreWritten) {
  const std::string header = "country,service_number,sex,rank,service,specialty\n";
  struct Case {
    const char* what;
    std::string data;
  } cases[] = {
      {"quote-opening comment line", "#,\"\n" + header + "VNM,Q1,F,Maj,Army,surgeon\n"},
      {"quote-opening comment after a BOM", "\xEF\xBB\xBF#,\"\n" + header + "VNM,Q2,F,Maj,Army,surgeon\n"},
      {"byte-order mark", "\xEF\xBB\xBF" + header + "VNM,Q3,F,Maj,Army,surgeon\n"},
      {"CRLF line ends", "country,service_number,sex,rank,service,specialty\r\nVNM,Q4,F,Maj,Army,surgeon\r\n"},
      {"quoted field with a line break", header + "VNM,Q5,F,Maj,Army,\"surgeon\nand nurse\"\n"},
      {"quoted country name", header + "\"Viet Nam\",Q6,F,Maj,Army,surgeon\n"},
      {"comment lines", "# ILLUSTRATIVE\n# a note, \"quoted\n" + header + "VNM,Q7,F,Maj,Army,surgeon\n"},
      {"blank lines", "\n" + header + "\nVNM,Q8,F,Maj,Army,surgeon\n\n"},
      {"JPN row first, VNM row after", header + "JPN,Q9,F,Maj,Army,x\nVNM,Q10,F,Maj,Army,x\n"},
  };
  const std::string jpn = Login("editor-jpn"), viewer = Login("viewer"), vnm = Login("editor-vnm");
  auto vnm_persons = [&] {
    auto db = Db::Open(path_);
    return *(*db)->QueryInt("SELECT COUNT(*) FROM reg_person WHERE country = 'VNM'");
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    int64_t before = vnm_persons();
    HttpResponse r = Upload("/api/register/imports", jpn, "persons.csv", c.data);
    EXPECT_EQ(403, r.status) << r.body;
    EXPECT_EQ("'editor-jpn' may change the register of JPN only, not VNM", Json(r)["error"]);
    r = Upload("/api/register/imports", viewer, "persons.csv", c.data);
    EXPECT_EQ(403, r.status) << r.body;
    EXPECT_EQ("'viewer' is a viewer and may not change data", Json(r)["error"]);
    EXPECT_EQ(before, vnm_persons());
    if (std::string(c.what).starts_with("JPN")) continue;  // the VNM editor may not write JPN either
    r = Upload("/api/register/imports", vnm, "persons.csv", c.data);
    if (std::string(c.what).starts_with("quoted field with a line break")) {
      // Stored fields are one line each (docs/security.md, Data paths): the
      // file is read and checked, and refused whole.
      EXPECT_EQ(422, r.status) << r.body;
      EXPECT_EQ("persons.csv:2: column 'specialty': holds a control character (0x0a at byte 8)", Json(r)["error"]);
      EXPECT_EQ(before, vnm_persons());
      continue;
    }
    EXPECT_EQ(201, r.status) << r.body;
    EXPECT_EQ(before + 1, vnm_persons());
  }
  // A viewer is refused before the upload is read: even a file that is not
  // CSV at all gets the permission answer, not a parse error.
  HttpResponse r = Upload("/api/register/imports", viewer, "x.csv", "#,\"");
  EXPECT_EQ(403, r.status);
  EXPECT_EQ("'viewer' is a viewer and may not change data", Json(r)["error"]);
}

// Issue 12: text that is not UTF-8 is refused at the door with 400, and is
// never stored; a JSON answer over such text already stored (written by an
// older version, or another program) is still written, never a 500.
TEST_F(ApiTest, TextThatIsNotUtf8IsRefusedWithBadRequest) {
  const std::string admin = Login("admin");
  auto expect400 = [](const HttpResponse& r, const std::string& message) {
    EXPECT_EQ(400, r.status) << r.body;
    EXPECT_EQ(message, Json(r)["error"]);
    EXPECT_EQ("invalid_argument", Json(r)["code"]);
  };
  expect400(Call("GET", "/api/scorecard?month=2021-0\xff", admin),
            "request: query parameter 'month' is not valid UTF-8");
  expect400(Call("GET", "/api/rankings?\xff=1", admin), "request: a query parameter's name is not valid UTF-8");
  expect400(Call("GET", "/api/countries/Viet\xffNam", admin), "request: the path is not valid UTF-8");
  expect400(Call("POST", "/api/login", "",
                 R"({"username":"admin","password":"caf)"
                 "\xe9"
                 R"("})"),
            "request: the body is not valid UTF-8");
  SampleSpec spec;
  spec.first = spec.last = {2021, 5};
  expect400(Upload("/api/imports", admin, "bad\xff.csv", GenerateSampleCsv(spec)),
            "request: an upload's file name is not valid UTF-8");
  expect400(Upload("/api/ewg/imports", admin, "activities.csv", "ref,ewg,title\nA1,PKO,Caf\xe9 meeting\n"),
            "upload activities.csv: the file is not valid UTF-8 text (save it as UTF-8)");
  expect400(Upload("/api/register/imports", admin, "persons.csv",
                   "country,service_number,sex,rank,service,name\nVNM,L1,F,Maj,Army,Ng\xf4\n"),
            "upload persons.csv: the file is not valid UTF-8 text (save it as UTF-8)");
  HttpResponse months = Call("GET", "/api/months", admin);
  EXPECT_EQ(200, months.status);
  EXPECT_EQ(std::string::npos, months.body.find("bad")) << "the refused upload was not stored";
}

TEST_F(ApiTest, StoredTextThatIsNotUtf8IsAnsweredNotThrown) {
  {
    auto db = Db::Open(path_);
    ASSERT_TRUE((*db)->Exec("UPDATE import SET file_name = 'bad\xff.csv'").ok());
  }
  const std::string viewer = Login("viewer");
  for (const char* target : {"/api/months", "/api/imports", "/api/months", "/api/health"}) {
    SCOPED_TRACE(target);
    HttpResponse r = Call("GET", target, viewer);
    EXPECT_EQ(200, r.status) << r.body;
    EXPECT_TRUE(IsValidUtf8(r.body));
  }
  EXPECT_NE(std::string::npos, Call("GET", "/api/imports", viewer).body.find("bad\xEF\xBF\xBD.csv"));
}

// A handler that throws inside its read transaction (a bug) answers a fixed
// 500 without the exception's text, and the connection it leased is rolled
// back, so the next request on it works (issue 12: every later read failed
// with "cannot start a transaction within a transaction").
TEST_F(ApiTest, AFailingRequestRollsBackAndLeaksNoInternals) {
  std::vector<std::string> logged;
  ApiOptions options;
  int poison = 1;
  options.before_handler = [&](const HttpRequest& r) {
    if (r.path == "/api/months" && poison-- > 0)
      throw std::runtime_error("near \"SELEC\": syntax error in SELECT secret");
  };
  options.error_log = [&](const std::string& line) { logged.push_back(line); };
  MakeApi(options);
  const std::string viewer = Login("viewer");
  HttpResponse r = Call("GET", "/api/months", viewer);
  EXPECT_EQ(500, r.status);
  EXPECT_EQ(R"x({"code":"internal","error":"internal error (logged on the server)"})x", r.body);
  ASSERT_EQ(1u, logged.size());
  EXPECT_EQ("GET /api/months: exception: near \"SELEC\": syntax error in SELECT secret", logged[0]);
  for (const char* target : {"/api/months", "/api/imports", "/api/countries", "/api/register"}) {
    SCOPED_TRACE(target);
    HttpResponse next = Call("GET", target, viewer);
    EXPECT_EQ(200, next.status) << next.body;
  }
  EXPECT_EQ(201, Upload("/api/register/imports", Login("admin"), "persons.csv",
                        "country,service_number,sex,rank,service\nVNM,P1,F,Maj,Army\n")
                     .status);
}

// Error bodies never quote SQL (issue 12): a constraint failure keeps its
// file and line, a server-side failure says only that it was logged.
TEST(ErrorResponseTest, NeverQuotesSql) {
  HttpResponse r = ErrorResponse(Status::InvalidData(
      "f.csv:9: database: FOREIGN KEY constraint failed (in: INSERT INTO contribution (import_id, month) VALUES"));
  EXPECT_EQ(422, r.status);
  EXPECT_EQ(R"x({"code":"invalid_data","error":"f.csv:9: the database refused the data (a constraint failed)"})x",
            r.body);
  r = ErrorResponse(Status::Internal("database: no such table: x (in: SELECT secret FROM x)"));
  EXPECT_EQ(500, r.status);
  EXPECT_EQ(R"x({"code":"internal","error":"internal error (logged on the server)"})x", r.body);
  r = ErrorResponse(Status::NotFound("no register records for Japan (JPN)"));
  EXPECT_EQ(R"x({"code":"not_found","error":"no register records for Japan (JPN)"})x", r.body);
}

// What the transport may read of a body, decided from the head alone.
TEST_F(ApiTest, AdmitBodyDecidesFromTheHead) {
  auto head = [](const std::string& method, const std::string& path, const std::string& cookie) {
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.headers["x-requested-with"] = "bluehelmet";
    if (!cookie.empty()) r.headers["cookie"] = cookie;
    r.remote_addr = "127.0.0.1";
    return r;
  };
  const size_t kUpload = 80u << 20;
  EXPECT_EQ(Api::kMaxSmallBodyBytes, *api_->AdmitBody(head("POST", "/api/login", ""), kUpload));
  EXPECT_EQ(Api::kMaxSmallBodyBytes, *api_->AdmitBody(head("POST", "/nowhere", ""), kUpload));
  EXPECT_EQ(kUpload, *api_->AdmitBody(head("POST", "/api/register/imports", Login("editor-vnm")), kUpload));
  EXPECT_EQ(kUpload, *api_->AdmitBody(head("POST", "/api/imports", Login("admin")), kUpload));
  auto anonymous = api_->AdmitBody(head("POST", "/api/imports", ""), kUpload);
  EXPECT_EQ("log in first", anonymous.status().message());
  auto stale = api_->AdmitBody(head("POST", "/api/imports", "bh_session=" + std::string(64, 'a')), kUpload);
  EXPECT_EQ(Status::Code::kUnauthenticated, stale.status().code());
  auto viewer = api_->AdmitBody(head("POST", "/api/ewg/imports", Login("viewer")), kUpload);
  EXPECT_EQ("'viewer' is a viewer and may not change data", viewer.status().message());
  HttpRequest cross = head("POST", "/api/imports", Login("admin"));
  cross.headers.erase("x-requested-with");
  EXPECT_EQ(Status::Code::kPermissionDenied, api_->AdmitBody(cross, kUpload).status().code());
}

// ---------------------------------------------------------------- reuse

// Every cacheable endpoint, as the dashboard and scripts call them; the
// error cases (404, 400) must not be kept.
const char* const kCacheableTargets[] = {"/api/scorecard?group=ADMM-Plus",
                                         "/api/scorecard?countries=VNM,JPN&month=2021-02",
                                         "/api/scorecard",
                                         "/api/rankings?category=mo_so&by=share&limit=5",
                                         "/api/countries",
                                         "/api/countries/VNM",
                                         "/api/countries/Viet Nam",
                                         "/api/months",
                                         "/api/imports",
                                         "/api/targets?from=2020&to=2022",
                                         "/api/groups",
                                         "/api/top?month=2021-02&limit=5",
                                         "/api/shares",
                                         "/api/ewg/cycles?ewg=PKO",
                                         "/api/ewg/activities?ewg=PKO&cycle=4",
                                         "/api/ewg/report?ewg=PKO&cycle=4",
                                         "/api/register"};

void ExpectSameResponse(const HttpResponse& want, const HttpResponse& got, const std::string& what) {
  EXPECT_EQ(want.status, got.status) << what;
  EXPECT_EQ(want.content_type, got.content_type) << what;
  EXPECT_EQ(want.body, got.body) << what;
  EXPECT_EQ(want.headers, got.headers) << what;
}

TEST_F(ApiTest, CachedAnswersAreByteIdenticalToComputedOnes) {
  std::string viewer = Login("viewer");
  size_t n = 0;
  for (const char* target : kCacheableTargets) {
    SCOPED_TRACE(target);
    HttpResponse first = Call("GET", target, viewer);   // computed and kept
    HttpResponse second = Call("GET", target, viewer);  // from the cache
    ASSERT_EQ(200, first.status) << first.body;
    ExpectSameResponse(first, second, target);
    ++n;
    EXPECT_EQ(n, api_->cache_stats().hits);
  }
  // The same requests to an Api that keeps nothing, each against the kept one.
  ApiOptions off;
  off.cache_responses = false;
  off.hash_cost = HashCost::kMinimal;
  std::unique_ptr<Api> cached = std::move(api_);
  api_ = std::make_unique<Api>(pool_.get(), &clock_, off);
  for (const char* target : kCacheableTargets) {
    SCOPED_TRACE(target);
    HttpResponse computed = Call("GET", target, viewer);
    std::swap(api_, cached);
    HttpResponse kept = Call("GET", target, viewer);
    std::swap(api_, cached);
    ExpectSameResponse(computed, kept, target);
  }
  EXPECT_EQ(0u, api_->cache_stats().inserts);
}

TEST(AcceptsGzipTest, ReadsTheCodingsAndTheirWeights) {
  for (const char* yes : {"gzip", "gzip, deflate, br", "deflate, GZIP;q=0.5", "br;q=1.0, gzip;q=0.001", "*",
                          "identity, *;q=0.1", "x-gzip"}) {
    EXPECT_TRUE(AcceptsGzip(yes)) << yes;
  }
  for (const char* no : {"", "identity", "br, deflate", "gzip;q=0", "gzip; q=0.000", "gzip;q=0, *", "*;q=0", "gzipx",
                         "deflate;q=0.5, gzip ;q=0.0"}) {
    EXPECT_FALSE(AcceptsGzip(no)) << no;
  }
}

// A kept answer of 1 KiB or more goes compressed to a client that takes
// gzip (issue 16: the series and country answers are 360-380 KB on the 10x
// database), the same bytes once inflated; others get it as it is.
TEST_F(ApiTest, AKeptAnswerIsSentCompressedToWhoeverTakesGzip) {
  const std::string viewer = Login("viewer");
  auto get = [&](const std::string& path, const std::string& accept) {
    HttpRequest r;
    r.method = "GET";
    r.path = path;
    r.headers["cookie"] = viewer;
    if (!accept.empty()) r.headers["accept-encoding"] = accept;
    r.remote_addr = "127.0.0.1";
    return api_->Handle(r);
  };
  auto header = [](const HttpResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return std::string();
  };
  HttpResponse plain = get("/api/countries", "");  // computed and kept
  ASSERT_EQ(200, plain.status);
  ASSERT_GE(plain.body.size(), Api::kGzipFrom);
  EXPECT_EQ("Accept-Encoding", header(plain, "Vary"));
  EXPECT_EQ("", header(plain, "Content-Encoding"));
  for (int i = 0; i < 2; ++i) {  // compressed once, then kept
    HttpResponse gz = get("/api/countries", "gzip, deflate, br");
    ASSERT_EQ(200, gz.status);
    EXPECT_EQ("gzip", header(gz, "Content-Encoding"));
    EXPECT_EQ(plain.content_type, gz.content_type);
    EXPECT_LT(gz.body.size(), plain.body.size());
    EXPECT_EQ(plain.body, *Gunzip(gz.body, "answer"));
  }
  EXPECT_EQ(plain.body, get("/api/countries", "gzip;q=0").body);
  EXPECT_EQ(plain.body, get("/api/countries", "").body);
  // A small answer, an answer never kept, and an error go as they are.
  HttpResponse health = get("/api/health", "gzip");
  EXPECT_LT(health.body.size(), Api::kGzipFrom);
  EXPECT_EQ("", header(health, "Content-Encoding"));
  EXPECT_EQ("", header(get("/api/register/VNM", "gzip"), "Content-Encoding"));
  EXPECT_EQ("", header(get("/api/countries/Xanadu", "gzip"), "Content-Encoding"));
}

TEST_F(ApiTest, ErrorsAndPerUserAnswersAreNotKept) {
  std::string viewer = Login("viewer");
  for (const char* target :
       {"/api/countries/Xanadu", "/api/scorecard?month=April", "/api/session", "/api/register/VNM", "/api/health"}) {
    Call("GET", target, viewer);
    Call("GET", target, viewer);
  }
  ResponseCache::Stats s = api_->cache_stats();
  EXPECT_EQ(0u, s.inserts);
  EXPECT_EQ(0u, s.hits);
}

TEST_F(ApiTest, EveryRequestIsCheckedBeforeTheCache) {
  std::string viewer = Login("viewer");
  ASSERT_EQ(200, Call("GET", "/api/scorecard?group=ASEAN", viewer).status);
  ASSERT_EQ(200, Call("GET", "/api/scorecard?group=ASEAN", viewer).status);
  ASSERT_EQ(1u, api_->cache_stats().hits);
  // No session: refused, though the answer is in the cache.
  HttpResponse r = Call("GET", "/api/scorecard?group=ASEAN");
  EXPECT_EQ(401, r.status);
  EXPECT_EQ("log in first", Json(r)["error"]);
  // A made-up session: refused.
  r = Call("GET", "/api/scorecard?group=ASEAN", "bh_session=" + std::string(64, 'a'));
  EXPECT_EQ(401, r.status);
  EXPECT_EQ("session expired or unknown: log in again", Json(r)["error"]);
  // The viewer's session once it expires: refused at once.
  clock_.Advance(12 * 3600);
  r = Call("GET", "/api/scorecard?group=ASEAN", viewer);
  EXPECT_EQ(401, r.status);
  EXPECT_EQ("session expired or unknown: log in again", Json(r)["error"]);
  EXPECT_EQ(1u, api_->cache_stats().hits);
}

// The accounts and the audit log depend on the database alone, so they are
// kept too (issue 16: 6,000 req/s computed each time); only admins get
// them, cached or not, and a change to either is seen at once.
TEST_F(ApiTest, AdminAnswersAreKeptForAdminsOnly) {
  const std::string admin = Login("admin");
  for (const char* target : {"/api/users", "/api/audit?limit=5"}) {
    SCOPED_TRACE(target);
    HttpResponse first = Call("GET", target, admin);
    ASSERT_EQ(200, first.status) << first.body;
    const uint64_t hits = api_->cache_stats().hits;
    ExpectSameResponse(first, Call("GET", target, admin), target);
    EXPECT_EQ(hits + 1, api_->cache_stats().hits);
    EXPECT_EQ(403, Call("GET", target, Login("viewer")).status);
    EXPECT_EQ(403, Call("GET", target, Login("editor-vnm")).status);
    EXPECT_EQ(401, Call("GET", target).status);
  }
  ASSERT_EQ(201, Call("POST", "/api/users", admin,
                      R"({"username":"newcomer","password":"newcomer-password","role":"viewer"})")
                     .status);
  EXPECT_NE(std::string::npos, Call("GET", "/api/users", admin).body.find("newcomer"));
  EXPECT_NE(std::string::npos, Call("GET", "/api/audit?limit=5", admin).body.find("newcomer"));
}

TEST_F(ApiTest, LogoutAndAccountChangesEndARememberedSessionAtOnce) {
  std::string viewer = Login("viewer");
  ASSERT_EQ(200, Call("GET", "/api/months", viewer).status);
  ASSERT_EQ(200, Call("GET", "/api/months", viewer).status);  // session and answer remembered
  ASSERT_EQ(200, Call("POST", "/api/logout", viewer).status);
  EXPECT_EQ(401, Call("GET", "/api/months", viewer).status);

  // The CLI, another connection to the same file, removes an account.
  std::string editor = Login("editor-vnm");
  ASSERT_EQ(200, Call("GET", "/api/months", editor).status);
  ASSERT_EQ(200, Call("GET", "/api/months", editor).status);
  std::ostringstream out, err;
  ASSERT_EQ(0, RunCliArgs({"--db", path_, "user", "remove", "editor-vnm"}, out, err)) << err.str();
  EXPECT_EQ(401, Call("GET", "/api/months", editor).status);

  // A role seen through a remembered session is the current one: the admin
  // is demoted by another connection, and loses the admin endpoints.
  std::string admin = Login("admin");
  ASSERT_EQ(200, Call("GET", "/api/users", admin).status);
  ASSERT_EQ(200, Call("GET", "/api/users", admin).status);
  auto other = Db::Open(path_);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Exec("UPDATE web_user SET role = 'viewer' WHERE username = 'admin'").ok());
  HttpResponse r = Call("GET", "/api/users", admin);
  EXPECT_EQ(403, r.status);
  EXPECT_EQ("'admin' is viewer; this needs an admin", Json(r)["error"]);
}

TEST_F(ApiTest, AnUploadThroughTheApiRenewsCachedAnswers) {
  std::string admin = Login("admin");
  json before = Json(Call("GET", "/api/scorecard?countries=VNM", admin));
  EXPECT_EQ("UGPS scorecard, 2021-03, Selected countries [SYNTHETIC sample data]", before["title"]);
  EXPECT_EQ(3u, Json(Call("GET", "/api/months", admin))["rows"].size());
  EXPECT_EQ(3u, Json(Call("GET", "/api/months", admin))["rows"].size());  // from the cache
  SampleSpec spec;
  spec.first = spec.last = {2021, 4};
  ASSERT_EQ(201, Upload("/api/imports", admin, "SYNTHETIC_april.csv", GenerateSampleCsv(spec)).status);
  EXPECT_EQ(4u, Json(Call("GET", "/api/months", admin))["rows"].size());
  EXPECT_EQ("UGPS scorecard, 2021-04, Selected countries [SYNTHETIC sample data]",
            Json(Call("GET", "/api/scorecard?countries=VNM", admin))["title"]);
}

TEST_F(ApiTest, AnImportByAnotherProcessRenewsCachedAnswers) {
  std::string viewer = Login("viewer");
  EXPECT_EQ(3u, Json(Call("GET", "/api/months", viewer))["rows"].size());
  json card = Json(Call("GET", "/api/scorecard?group=ASEAN", viewer));
  EXPECT_EQ("UGPS scorecard, 2021-03, ASEAN [SYNTHETIC sample data]", card["title"]);
  ASSERT_EQ(2u, api_->cache_stats().entries);
  // `bluehelmet import` into the same file: its own connection, as another
  // process would have.
  SampleSpec spec;
  spec.first = spec.last = {2021, 5};
  std::string csv = (dir_ / "SYNTHETIC_may.csv").string();
  ASSERT_TRUE(WriteFile(csv, GenerateSampleCsv(spec)).ok());
  std::ostringstream out, err;
  ASSERT_EQ(0, RunCliArgs({"--db", path_, "import", csv}, out, err)) << err.str();
  EXPECT_EQ(4u, Json(Call("GET", "/api/months", viewer))["rows"].size());
  json fresh = Json(Call("GET", "/api/scorecard?group=ASEAN", viewer));
  EXPECT_EQ("UGPS scorecard, 2021-05, ASEAN [SYNTHETIC sample data]", fresh["title"]);
  EXPECT_EQ(0u, api_->cache_stats().hits);
}

TEST_F(ApiTest, CountryNamesAddedByAnotherConnectionAreKnownAtOnce) {
  std::string viewer = Login("viewer");
  EXPECT_EQ(404, Call("GET", "/api/countries/Vietnam Republic", viewer).status);
  EXPECT_EQ(std::string::npos, Json(Call("GET", "/api/groups", viewer)).dump().find("Mekong riparian states"));
  auto other = Db::Open(path_);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(AddCountryAlias(other->get(), "Vietnam Republic", "VNM").ok());
  ASSERT_TRUE(DefineGroup(other->get(), "Mekong", "Mekong riparian states", {"KHM", "LAO", "THA", "VNM"}).ok());
  HttpResponse r = Call("GET", "/api/countries/Vietnam Republic", viewer);
  ASSERT_EQ(200, r.status) << r.body;
  EXPECT_EQ("VNM", Json(r)["iso3"]);
  json groups = Json(Call("GET", "/api/groups", viewer));
  EXPECT_NE(std::string::npos, groups.dump().find("Mekong riparian states"));
}

TEST_F(ApiTest, ConcurrentReadersGetTheComputedAnswer) {
  std::string viewer = Login("viewer");
  ApiOptions off;
  off.cache_responses = false;
  off.hash_cost = HashCost::kMinimal;
  HttpResponse want;
  {
    std::unique_ptr<Api> cached = std::move(api_);
    api_ = std::make_unique<Api>(pool_.get(), &clock_, off);
    want = Call("GET", "/api/scorecard?group=ADMM-Plus", viewer);
    api_ = std::move(cached);
  }
  ASSERT_EQ(200, want.status);
  std::vector<std::thread> threads;
  std::atomic<int> same{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        HttpResponse r = Call("GET", "/api/scorecard?group=ADMM-Plus", viewer);
        if (r.status == want.status && r.body == want.body && r.headers == want.headers) ++same;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(100, same.load());
  ResponseCache::Stats s = api_->cache_stats();
  EXPECT_EQ(100u, s.hits + s.misses);
  EXPECT_GE(s.hits, 96u);  // at most one miss per thread, before the first answer is kept
}

TEST_F(ApiTest, ServesTheDashboardWithSecurityHeaders) {
  HttpResponse r = Call("GET", "/");
  EXPECT_EQ(200, r.status);
  EXPECT_EQ("text/html; charset=utf-8", r.content_type);
  EXPECT_NE(std::string::npos, r.body.find("<script src=\"/app.js\""));
  EXPECT_NE(std::string::npos, HeaderOf(r, "Content-Security-Policy").find("default-src 'self'"));
  EXPECT_EQ("nosniff", HeaderOf(r, "X-Content-Type-Options"));
  EXPECT_EQ(200, Call("GET", "/app.js").status);
  EXPECT_EQ(200, Call("GET", "/vendor/chart.umd.js").status);
  EXPECT_EQ(404, Call("GET", "/../CMakeLists.txt").status);
  EXPECT_EQ(404, Call("GET", "/missing.js").status);
}

}  // namespace
}  // namespace bh
