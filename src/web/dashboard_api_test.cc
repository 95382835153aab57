// The API routes of the dashboard's pages (issue 14): corrections added and
// removed by an admin (audited, the cache renewed), where a figure came
// from and the picture of its page, EWG participation, and the register's
// reconciliation and rotation plan. Each route's permission for each role,
// and the answer equal to the CLI's where the CLI has the command.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sstream>

#include "base/file_util.h"
#include "base/strings.h"
#include "cli/cli.h"
#include "ingest/importer.h"
#include "publish/publication.h"
#include "publish/xlsx_test_reader.h"
#include "sample/generator.h"
#include "web/api_test_fixture.h"

namespace bh {
namespace {

using nlohmann::json;

constexpr const char* kRoles[] = {"admin", "editor-vnm", "editor-jpn", "viewer"};

// The header Content-Disposition of `r`, or "".
std::string Disposition(const HttpResponse& r) {
  for (const auto& [k, v] : r.headers) {
    if (k == "Content-Disposition") return v;
  }
  return "";
}

// The tables of a route's JSON answer: {"tables": [...]}, {"groups",
// "units"} (the register) or one table.
std::vector<json> TablesOf(const json& j) {
  if (j.contains("tables")) return std::vector<json>(j["tables"].begin(), j["tables"].end());
  if (j.contains("groups")) return {j["groups"], j["units"]};
  return {j};
}

class DashboardApiTest : public ApiTestBase {
 protected:
  // Every role reads `target`; a stranger does not (anonymous read off).
  void ExpectEveryRoleReads(const std::string& target) {
    EXPECT_EQ(401, Call("GET", target).status) << target;
    for (const char* user : kRoles) {
      HttpResponse r = Call("GET", target, Login(user));
      EXPECT_EQ(200, r.status) << user << " " << target << ": " << r.body;
    }
  }
  // The first row of VNM in 2021-02 that has a sex split, as the source table gives it.
  json VnmRow(const std::string& cookie) {
    json src = Json(Call("GET", "/api/source?month=2021-02&country=VNM", cookie));
    for (const json& row : src["rows"]) {
      if (row["Women"].is_number() && row["Men"].is_number() && row["Men"].get<int64_t>() > 0) return row;
    }
    ADD_FAILURE() << "no VNM row with a sex split: " << src.dump();
    return json();
  }
  // `target`'s ?format=html and ?format=xlsx answers hold the tables of its
  // JSON answer: in the HTML, every title and every display text, escaped, in
  // order; in the workbook, one sheet per table with the title in A1, the
  // header in row 3 and each row's values below it (numbers as numbers).
  // Returns the workbook's members.
  std::map<std::string, std::string> ExpectDownloadsEqualJson(const std::string& target, const std::string& cookie) {
    SCOPED_TRACE(target);
    const std::string sep = target.find('?') == std::string::npos ? "?" : "&";
    HttpResponse j = Call("GET", target, cookie);
    EXPECT_EQ(200, j.status) << j.body;
    std::vector<json> tables = TablesOf(json::parse(j.body));

    HttpResponse html = Call("GET", target + sep + "format=html", cookie);
    EXPECT_EQ(200, html.status) << html.body;
    EXPECT_EQ("text/html; charset=utf-8", html.content_type);
    EXPECT_TRUE(Disposition(html).starts_with("attachment; filename=\"bluehelmet-")) << Disposition(html);
    EXPECT_TRUE(Disposition(html).ends_with(".html\"")) << Disposition(html);
    size_t at = 0;
    for (const json& table : tables) {
      at = html.body.find("<h2>" + HtmlEscape(table["title"].get<std::string>()) + "</h2>", at);
      EXPECT_NE(std::string::npos, at) << table["title"];
      if (at == std::string::npos) return {};
      for (const json& row : table["display"]) {
        for (const json& text : row) {
          size_t found = html.body.find(">" + HtmlEscape(text.get<std::string>()) + "</", at);
          EXPECT_NE(std::string::npos, found) << "display text " << text << " of " << row;
          if (found != std::string::npos) at = found;
        }
      }
    }

    HttpResponse xlsx = Call("GET", target + sep + "format=xlsx", cookie);
    EXPECT_EQ(200, xlsx.status) << xlsx.body;
    EXPECT_EQ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.content_type);
    EXPECT_TRUE(Disposition(xlsx).ends_with(".xlsx\"")) << Disposition(xlsx);
    auto zip = xlsx_test::ZipMembers(xlsx.body);
    EXPECT_EQ(tables.size(), xlsx_test::SheetNames(zip).size());
    for (size_t i = 0; i < tables.size() && i < xlsx_test::SheetNames(zip).size(); ++i) {
      const json& table = tables[i];
      auto cells = xlsx_test::SheetCells(zip, static_cast<int>(i) + 1);
      EXPECT_EQ(table["title"], cells["A1"]);
      // The header: every column, the machine-only ones too.
      std::vector<std::string> header;
      for (size_t c = 0; cells.count(xlsx_test::CellName(2, c)); ++c)
        header.push_back(cells[xlsx_test::CellName(2, c)]);
      EXPECT_EQ(table["columns"].size() + (table.contains("machine_only") ? table["machine_only"].size() : 0),
                header.size());
      for (size_t r = 0; r < table["rows"].size(); ++r) {
        const json& row = table["rows"][r];
        for (size_t c = 0; c < header.size(); ++c) {
          const json v = row.contains(header[c]) ? row[header[c]] : json();
          const std::string name = xlsx_test::CellName(3 + r, c);
          if (v.is_number() && !cells.count(name)) {
            ADD_FAILURE() << name << " " << header[c] << ": no cell for " << v;
          } else if (v.is_number()) {
            EXPECT_NEAR(v.get<double>(), std::stod(cells[name]), 1e-9) << name << " " << header[c];
          } else if (v.is_string()) {
            EXPECT_EQ(v.get<std::string>(), cells[name]) << name << " " << header[c];
          }
        }
      }
    }
    return zip;
  }
};

// An admin corrects a cell and removes the correction from the dashboard,
// through the same checks and messages as `errata add|remove`; every other
// role is refused; both are audited, the second with its reason; the cached
// scorecard is never served stale.
TEST_F(DashboardApiTest, AdminAddsAndRemovesACorrectionAuditedAndTheCacheFollows) {
  std::string admin = Login("admin");
  json row = VnmRow(admin);
  const int64_t women = row["Women"], men = row["Men"];
  const std::string mission = row["Mission"].is_string() ? row["Mission"].get<std::string>() : "";
  const std::string type = row["Type"];
  const std::string scorecard = "/api/scorecard?countries=VNM&month=2021-02";
  json before = Json(Call("GET", scorecard, admin));  // computed, and now cached
  ASSERT_EQ(before, Json(Call("GET", scorecard, admin)));

  json body = {
      {"month", "2021-02"}, {"country", "Viet Nam"}, {"mission", mission},        {"type", type},
      {"women", men},       {"men", women},          {"reason", "sexes swapped"}, {"evidence", "the neighbours"}};
  struct Case {
    const char* user;
    int status;
  } refused[] = {{nullptr, 401}, {"viewer", 403}, {"editor-vnm", 403}, {"editor-jpn", 403}};
  for (const Case& c : refused) {
    HttpResponse r = Call("POST", "/api/errata", c.user ? Login(c.user) : "", body.dump());
    EXPECT_EQ(c.status, r.status) << (c.user ? c.user : "anonymous") << ": " << r.body;
  }
  HttpResponse added = Call("POST", "/api/errata", admin, body.dump());
  ASSERT_EQ(201, added.status) << added.body;
  const std::string id = Json(added)["id"];
  EXPECT_EQ(fmt::format("E-2021-02-VNM-{}-{}", mission.empty() ? "-" : mission, id.substr(id.rfind('-') + 1)), id);
  // The correction as `errata list` shows it, by the admin, applied.
  ExpectApiEqualsCli({"errata", "list", "--month", "2021-02"}, "/api/errata?month=2021-02", admin);
  json errata = Json(Call("GET", "/api/errata?month=2021-02", admin));
  ASSERT_EQ(1u, errata["rows"].size());
  EXPECT_EQ("admin", errata["rows"][0]["Author"]);
  EXPECT_EQ("sexes swapped", errata["rows"][0]["Reason"]);
  // The scorecard follows at once: the cached answer is not served.
  json after = Json(Call("GET", scorecard, admin));
  EXPECT_NE(before["rows"], after["rows"]);
  // The source says which correction applies.
  json src =
      Json(Call("GET", fmt::format("/api/source?month=2021-02&country=VNM&mission={}&type={}", mission, type), admin));
  EXPECT_NE(std::string::npos, src["rows"][0]["Correction"].get<std::string>().find(id)) << src.dump();

  // The same cell twice: the CLI's message.
  HttpResponse again = Call("POST", "/api/errata", admin, body.dump());
  EXPECT_EQ(409, again.status) << again.body;
  EXPECT_NE(std::string::npos, Json(again)["error"].get<std::string>().find("already exists; use 'errata remove " + id))
      << again.body;
  // Bad input: one line each.
  json no_reason = body;
  no_reason["reason"] = " ";
  EXPECT_EQ("request body: 'reason' is required", Json(Call("POST", "/api/errata", admin, no_reason.dump()))["error"]);
  json bad_count = body;
  bad_count["women"] = "many";
  EXPECT_EQ("request body: 'women' must be a whole number, got \"many\"",
            Json(Call("POST", "/api/errata", admin, bad_count.dump()))["error"]);
  json bad_month = body;
  bad_month["month"] = "2021-13";
  EXPECT_EQ(400, Call("POST", "/api/errata", admin, bad_month.dump()).status);

  // Removal: only an admin, only with a reason.
  const std::string target = "/api/errata/" + id;
  for (const Case& c : refused) {
    HttpResponse r = Call("DELETE", target, c.user ? Login(c.user) : "", R"({"reason":"x"})");
    EXPECT_EQ(c.status, r.status) << (c.user ? c.user : "anonymous") << ": " << r.body;
  }
  EXPECT_EQ("request body: 'reason' is required", Json(Call("DELETE", target, admin, "{}"))["error"]);
  HttpResponse removed = Call("DELETE", target, admin, R"({"reason":"the UN confirmed the printed figures"})");
  ASSERT_EQ(200, removed.status) << removed.body;
  EXPECT_EQ(before, Json(Call("GET", scorecard, admin)));
  EXPECT_EQ(0u, Json(Call("GET", "/api/errata?month=2021-02", admin))["rows"].size());
  HttpResponse unknown = Call("DELETE", target, admin, R"({"reason":"again"})");
  EXPECT_EQ(404, unknown.status);
  EXPECT_EQ(fmt::format("no correction '{}' (see 'bluehelmet errata list')", id), Json(unknown)["error"]);

  json audit = Json(Call("GET", "/api/audit", admin));
  ASSERT_EQ(2u, audit["rows"].size());
  EXPECT_EQ("remove", audit["rows"][0]["Action"]);
  EXPECT_EQ("errata", audit["rows"][0]["Component"]);
  EXPECT_EQ("admin", audit["rows"][0]["Who"]);
  EXPECT_NE(std::string::npos,
            audit["rows"][0]["What"].get<std::string>().find("removed because: the UN confirmed the printed figures"));
  EXPECT_EQ("add", audit["rows"][1]["Action"]);
  EXPECT_EQ(0u, audit["rows"][1]["What"].get<std::string>().find(id + ": 2021-02 VNM ")) << audit.dump();
}

TEST_F(DashboardApiTest, SourceEqualsTheCliForEveryRole) {
  std::string viewer = Login("viewer");
  ExpectApiEqualsCli({"source", "--month", "2021-02", "--country", "VNM"}, "/api/source?month=2021-02&country=VNM",
                     viewer);
  ExpectEveryRoleReads("/api/source?month=2021-02&country=VNM");
  EXPECT_EQ("source: want ?month=YYYY-MM&country=", Json(Call("GET", "/api/source?country=VNM", viewer))["error"]);
  HttpResponse unknown = Call("GET", "/api/source?month=2021-02&country=Xanadu", viewer);
  EXPECT_EQ(404, unknown.status);
  EXPECT_EQ("unknown country: 'Xanadu'", Json(unknown)["error"].get<std::string>().substr(0, 25));
  // The sample is a CSV: no page to draw, said in one line.
  HttpResponse png = Call("GET", "/api/source/page.png?month=2021-02&country=VNM", viewer);
  EXPECT_EQ(400, png.status);
  EXPECT_NE(std::string::npos, Json(png)["error"].get<std::string>().find("only a PDF report has a page to draw"));
  EXPECT_EQ(401, Call("GET", "/api/source/page.png?month=2021-02&country=VNM").status);
}

// A report imported from disk: the API names its file and SHA-256, never
// the path the server read it from (the CLI still does), also when the
// file is gone and the reason would quote its path.
TEST_F(DashboardApiTest, SourceNamesNoServerPath) {
  SampleSpec spec;
  spec.first = spec.last = {2021, 4};
  const std::string csv = (dir_ / "SYNTHETIC_apr.csv").string();
  ASSERT_TRUE(WriteFile(csv, GenerateSampleCsv(spec)).ok());
  {
    auto db = Db::Open(path_);
    ASSERT_TRUE(db.ok());
    auto ref = Reference::Load(db->get());
    auto out = ImportFiles(db->get(), *ref, {csv}, {}, nullptr);
    ASSERT_EQ(FileOutcome::State::kImported, out[0].state) << out[0].status.message();
  }
  const std::string target = "/api/source?month=2021-04&country=VNM";
  EXPECT_NE(std::string::npos, CliJson({"source", "--month", "2021-04", "--country", "VNM"}).dump().find(csv));
  for (const char* user : kRoles) {
    HttpResponse r = Call("GET", target, Login(user));
    ASSERT_EQ(200, r.status) << r.body;
    EXPECT_EQ(std::string::npos, r.body.find(dir_.string())) << user << ": " << r.body;
    json notes = Json(r)["notes"];
    ASSERT_FALSE(notes.empty());
    EXPECT_EQ(0u, notes[0].get<std::string>().find("Import #2 SYNTHETIC_apr.csv: re-read, SHA-256 ")) << notes.dump();
  }
  std::filesystem::rename(csv, csv + ".moved");
  HttpResponse gone = Call("GET", target, Login("viewer"));
  ASSERT_EQ(200, gone.status) << gone.body;
  EXPECT_EQ(std::string::npos, gone.body.find(dir_.string())) << gone.body;
  EXPECT_NE(std::string::npos, gone.body.find("file not available: SYNTHETIC_apr.csv")) << gone.body;
  HttpResponse png = Call("GET", "/api/source/page.png?month=2021-04&country=VNM", Login("viewer"));
  EXPECT_EQ(std::string::npos, png.body.find(dir_.string())) << png.body;
}

// The scorecard as the file `bluehelmet report` writes, for every role; a
// stranger gets nothing (anonymous read off).
TEST_F(DashboardApiTest, ReportDownloadsForEveryRole) {
  ExpectEveryRoleReads("/api/report?group=ASEAN&month=2021-02");
  ExpectEveryRoleReads("/api/report?group=ASEAN&month=2021-02&format=xlsx");
  std::string viewer = Login("viewer");
  HttpResponse html = Call("GET", "/api/report?group=ASEAN&month=2021-02", viewer);
  ASSERT_EQ(200, html.status) << html.body;
  EXPECT_EQ("text/html; charset=utf-8", html.content_type);
  const std::string out = (dir_ / "report.html").string();
  std::ostringstream o, e;
  ASSERT_EQ(0, RunCliArgs({"--db", path_, "report", "--month", "2021-02", "--group", "ASEAN", "--out", out}, o, e))
      << e.str();
  EXPECT_EQ(*ReadFile(out), html.body);
  auto header = [](const HttpResponse& r) {
    for (const auto& [k, v] : r.headers) {
      if (k == "Content-Disposition") return v;
    }
    return std::string();
  };
  EXPECT_EQ("attachment; filename=\"bluehelmet-scorecard-ASEAN-2021-02.html\"", header(html));
  HttpResponse xlsx = Call("GET", "/api/report?group=ASEAN&month=2021-02&format=xlsx", viewer);
  ASSERT_EQ(200, xlsx.status) << xlsx.body;
  EXPECT_EQ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.content_type);
  EXPECT_EQ(std::string("PK\x03\x04", 4), xlsx.body.substr(0, 4));
  EXPECT_EQ("attachment; filename=\"bluehelmet-scorecard-ASEAN-2021-02.xlsx\"", header(xlsx));
  EXPECT_EQ(400, Call("GET", "/api/report?format=pdf", viewer).status);
  EXPECT_EQ(400, Call("GET", "/api/report?month=April", viewer).status);
  EXPECT_EQ(404, Call("GET", "/api/report?group=Nowhere", viewer).status);
}

// The tidy export for the filters on screen: the bytes `bluehelmet export`
// writes, for every role; a stranger's request is bounded in rows.
TEST_F(DashboardApiTest, ExportEqualsTheCliForEveryRole) {
  ExpectEveryRoleReads("/api/export?countries=VNM");
  std::string viewer = Login("viewer");
  for (const char* format : {"csv", "jsonl"}) {
    SCOPED_TRACE(format);
    HttpResponse r = Call("GET", fmt::format("/api/export?format={}&countries=VNM&from=2021-02", format), viewer);
    ASSERT_EQ(200, r.status) << r.body;
    std::ostringstream o, e;
    ASSERT_EQ(
        0, RunCliArgs({"--db", path_, "export", "--format", format, "--countries", "VNM", "--from", "2021-02"}, o, e))
        << e.str();
    EXPECT_EQ(o.str(), r.body);
    EXPECT_NE(std::string::npos, r.body.find("VNM"));
  }
  HttpResponse csv = Call("GET", "/api/export?countries=VNM", viewer);
  EXPECT_EQ("text/csv; charset=utf-8", csv.content_type);
  EXPECT_EQ(0u, csv.body.find("month,iso3,m49,country,mission,personnel_type,category,women,men,total,"));
  EXPECT_EQ(400, Call("GET", "/api/export?format=xml", viewer).status);
  EXPECT_EQ(400, Call("GET", "/api/export?mission=UNMISZ", viewer).status);
  // The row limit: with 2 rows allowed, Viet Nam's rows are refused with the count.
  ApiOptions small;
  small.max_export_rows = 2;
  MakeApi(small);
  HttpResponse big = Call("GET", "/api/export?countries=VNM", Login("viewer"));
  EXPECT_EQ(400, big.status);
  EXPECT_NE(std::string::npos, Json(big)["error"].get<std::string>().find("the API sends at most 2 (narrow it"))
      << big.body;
}

// The real 2021-04 report imported from disk: the page of Viet Nam's UNMISS
// troops, drawn within the server's size limit, for every role.
TEST_F(DashboardApiTest, PagePictureOfTheRealReport) {
  const std::string pdf = std::string(BLUEHELMET_SHARED_DIR) +
                          "/data/raw/un_country_contributions_pdf/UN_country_contributions_2021_04.pdf";
  if (!std::filesystem::exists(pdf)) GTEST_SKIP() << "no ../shared data";
  {
    auto db = Db::Open(path_);
    ASSERT_TRUE(db.ok());
    auto ref = Reference::Load(db->get());
    auto out = ImportFiles(db->get(), *ref, {pdf}, {}, nullptr);
    ASSERT_EQ(FileOutcome::State::kImported, out[0].state) << out[0].status.message();
  }
  const std::string target = "/api/source/page.png?month=2021-04&country=VNM&mission=UNMISS&type=Troops";
  ExpectEveryRoleReads(target);
  HttpResponse r = Call("GET", target, Login("viewer"));
  ASSERT_EQ(200, r.status) << r.body;
  EXPECT_EQ("image/png", r.content_type);
  EXPECT_EQ(std::string("\x89PNG\r\n\x1a\n", 8), r.body.substr(0, 8));
  // PNG IHDR: width and height, big-endian, at bytes 16..23; A4 portrait at
  // 110 dpi is 909 x 1299 px, within the 1600 px limit.
  auto be32 = [&](size_t at) {
    return (static_cast<uint8_t>(r.body[at]) << 24) | (static_cast<uint8_t>(r.body[at + 1]) << 16) |
           (static_cast<uint8_t>(r.body[at + 2]) << 8) | static_cast<uint8_t>(r.body[at + 3]);
  };
  EXPECT_EQ(909u, be32(16));
  EXPECT_EQ(1299u, be32(20));
  std::string page;
  for (const auto& [k, v] : r.headers) {
    if (k == "X-Bluehelmet-Page") page = v;
  }
  EXPECT_EQ("UN_country_contributions_2021_04.pdf page 29", page);
  // A smaller limit draws the page smaller, never larger than it.
  ApiOptions small;
  small.max_page_side_px = 600;
  MakeApi(small);
  r = Call("GET", target, Login("viewer"));
  ASSERT_EQ(200, r.status);
  EXPECT_LE(be32(16), 600u);
  EXPECT_LE(be32(20), 600u);
  EXPECT_GT(be32(20), 550u);  // 50 dpi, the largest whole resolution that fits
  // Rows on several pages: narrow, said in one line.
  HttpResponse many = Call("GET", "/api/source/page.png?month=2021-04&country=VNM", Login("viewer"));
  EXPECT_EQ(400, many.status);
  EXPECT_NE(std::string::npos, Json(many)["error"].get<std::string>().find("narrow with --mission or --type"));
}

// No picture slot free: refused at once, without drawing.
TEST_F(DashboardApiTest, PagePicturesBeyondTheLimitAreRefused) {
  ApiOptions none;
  none.max_concurrent_renders = 0;
  none.max_queued_renders = 0;
  MakeApi(none);
  HttpResponse r = Call("GET", "/api/source/page.png?month=2021-02&country=VNM", Login("viewer"));
  EXPECT_EQ(429, r.status);
  EXPECT_EQ("too many page pictures being drawn at once; try again in a moment", Json(r)["error"]);
}

TEST_F(DashboardApiTest, EwgParticipantsEqualTheCliForEveryRole) {
  std::string admin = Login("admin");
  for (const char* name : {"ewg_pko_cycle4_activities.csv", "ewg_pko_cycle4_participants_ILLUSTRATIVE.csv"}) {
    HttpResponse up = Upload("/api/ewg/imports", admin, name,
                             *ReadFile(std::string(BLUEHELMET_SOURCE_DIR) + "/data/examples/" + name));
    ASSERT_EQ(201, up.status) << name << ": " << up.body;
  }
  ExpectApiEqualsCli({"ewg", "participants", "--ewg", "PKO", "--cycle", "4"}, "/api/ewg/participants?ewg=PKO&cycle=4",
                     admin);
  EXPECT_GT(Json(Call("GET", "/api/ewg/participants?ewg=PKO&cycle=4", admin))["rows"].size(), 0u);
  ExpectEveryRoleReads("/api/ewg/participants?ewg=PKO&cycle=4");
  EXPECT_EQ(404, Call("GET", "/api/ewg/participants?ewg=NOPE", admin).status);
}

// Reconciliation with the UN and the rotation planner: the CLI's tables, read
// by every role as the register's other tables are.
TEST_F(DashboardApiTest, RegisterReconcileAndPlanEqualTheCliForEveryRole) {
  const std::string dir = std::string(BLUEHELMET_SOURCE_DIR) + "/data/examples/vnm_register_illustrative/";
  HttpRequest r;
  r.method = "POST";
  r.path = "/api/register/imports";
  r.headers["cookie"] = Login("editor-vnm");
  r.headers["x-requested-with"] = "bluehelmet";
  r.remote_addr = "127.0.0.1";
  for (const char* f : {"persons.csv", "units.csv", "legs.csv", "members.csv", "postings.csv"}) {
    r.uploads.push_back({"file", f, "text/csv", *ReadFile(dir + f)});
  }
  ASSERT_EQ(201, api_->Handle(r).status);
  std::string viewer = Login("viewer");
  ExpectApiEqualsCli({"register", "reconcile", "--country", "VNM", "--month", "2021-03"},
                     "/api/register/VNM/reconcile?month=2021-03", viewer);
  ExpectApiEqualsCli({"register", "plan", "--country", "VNM", "--unit", "L2FH-3", "--year", "2022"},
                     "/api/register/VNM/plan?unit=L2FH-3&year=2022", viewer);
  json plan = Json(Call("GET", "/api/register/VNM/plan?unit=L2FH-3&year=2022", viewer));
  EXPECT_GT(plan["rows"].size(), 0u);
  ExpectEveryRoleReads("/api/register/VNM/reconcile?month=2021-03");
  ExpectEveryRoleReads("/api/register/VNM/plan?unit=L2FH-3&year=2022");
  EXPECT_EQ("reconcile: want ?month=YYYY-MM", Json(Call("GET", "/api/register/VNM/reconcile", viewer))["error"]);
  EXPECT_EQ("plan: want ?unit=CODE", Json(Call("GET", "/api/register/VNM/plan", viewer))["error"]);
  EXPECT_EQ("plan: year 3000 is not 1948 to 2100",
            Json(Call("GET", "/api/register/VNM/plan?unit=L2FH-3&year=3000", viewer))["error"]);
  EXPECT_EQ(404, Call("GET", "/api/register/VNM/plan?unit=NOPE&year=2022", viewer).status);
  EXPECT_EQ(404, Call("GET", "/api/register/JPN/reconcile?month=2021-03", viewer).status);

  // A dated briefing or plan does not depend on the clock and is kept until
  // the data changes (issue 16: they were computed afresh, 1,050 req/s);
  // without its date it uses today's and is computed each time.
  const ResponseCache::Stats before = api_->cache_stats();
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(200, Call("GET", "/api/register/VNM?as_of=2021-04-06", viewer).status);
    EXPECT_EQ(200, Call("GET", "/api/register/VNM/plan?unit=L2FH-3&year=2022", viewer).status);  // kept above
    EXPECT_EQ(200, Call("GET", "/api/register/VNM", viewer).status);
    EXPECT_EQ(200, Call("GET", "/api/register/VNM/plan?unit=L2FH-3", viewer).status);
  }
  EXPECT_EQ(before.inserts + 1, api_->cache_stats().inserts);
  EXPECT_EQ(before.hits + 3, api_->cache_stats().hits);
  const std::string today = Json(Call("GET", "/api/register/VNM", viewer))["as_of"];
  clock_.Advance(24 * 3600);
  EXPECT_NE(today, Json(Call("GET", "/api/register/VNM", Login("viewer")))["as_of"]);
}

// The upload's month (for a report that prints none) is checked before the
// file is read.
TEST_F(DashboardApiTest, AnUploadsMonthIsValidated) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/api/imports";
  r.query["month"] = "2021-13";
  r.headers["cookie"] = Login("admin");
  r.headers["x-requested-with"] = "bluehelmet";
  r.remote_addr = "127.0.0.1";
  r.uploads.push_back({"file", "x.csv", "text/csv", "a,b\n"});
  HttpResponse out = api_->Handle(r);
  EXPECT_EQ(400, out.status);
  EXPECT_NE(std::string::npos, Json(out)["error"].get<std::string>().find("2021-13")) << out.body;
}

// A report uploaded through the dashboard is kept beside the database, so
// its pages can be drawn like those of a report imported from disk; an
// upload that imports nothing keeps nothing.
TEST_F(DashboardApiTest, AnUploadedReportIsKeptAndItsPagesCanBeDrawn) {
  const std::string pdf = std::string(BLUEHELMET_SHARED_DIR) +
                          "/data/raw/un_country_contributions_pdf/UN_country_contributions_2021_04.pdf";
  if (!std::filesystem::exists(pdf)) GTEST_SKIP() << "no ../shared data";
  const std::filesystem::path uploads = dir_ / "web.db.uploads";
  ApiOptions options;
  options.upload_dir = uploads.string();
  MakeApi(options);
  std::string admin = Login("admin");
  const std::string bytes = *ReadFile(pdf);
  HttpResponse up = Upload("/api/imports", admin, "../../UN_country_contributions_2021_04.pdf", bytes);
  ASSERT_EQ(201, up.status) << up.body;
  const std::filesystem::path kept = uploads / Sha256Hex(bytes) / "UN_country_contributions_2021_04.pdf";
  EXPECT_TRUE(std::filesystem::is_regular_file(kept));
  json src = Json(Call("GET", "/api/source?month=2021-04&country=VNM&mission=UNMISS&type=Troops", admin));
  EXPECT_EQ("UN_country_contributions_2021_04.pdf", src["rows"][0]["File"]);
  EXPECT_EQ("Troops 49 13 62", src["rows"][0]["As printed"]);
  HttpResponse png = Call("GET", "/api/source/page.png?month=2021-04&country=VNM&mission=UNMISS&type=Troops", admin);
  EXPECT_EQ(200, png.status) << png.body;
  EXPECT_EQ("image/png", png.content_type);
  // The same bytes again import nothing and keep the first copy.
  EXPECT_EQ(200, Upload("/api/imports", admin, "UN_country_contributions_2021_04.pdf", bytes).status);
  EXPECT_TRUE(std::filesystem::is_regular_file(kept));
  // A file that fails, or that was imported before under another name, keeps nothing.
  EXPECT_EQ(422, Upload("/api/imports", admin, "bad.csv", "not,a,report\n").status);
  EXPECT_EQ(200, Upload("/api/imports", admin, "copy.pdf", bytes).status);
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(uploads)) files += e.is_regular_file();
  EXPECT_EQ(1u, files);
}

// Every read route that answers tables answers the same tables as XLSX and
// HTML for the same parameters (issue 14: downloads on every page).
TEST_F(DashboardApiTest, EveryTablesRouteDownloadsItsTablesAsXlsxAndHtml) {
  std::string viewer = Login("viewer");
  for (const char* target : {"/api/scorecard?group=ASEAN&month=2021-02",
                             "/api/rankings?category=contingents&month=2021-02&limit=10",
                             "/api/top?month=2021-02",
                             "/api/shares?countries=VNM",
                             "/api/series?countries=VNM&annual=1",
                             "/api/series?group=ASEAN&category=contingents",
                             "/api/countries",
                             "/api/countries/VNM",
                             "/api/missions?month=2021-02",
                             "/api/missions/UNMISS?month=2021-02&by=women",
                             "/api/months",
                             "/api/imports",
                             "/api/anomalies",
                             "/api/errata",
                             "/api/targets",
                             "/api/groups",
                             "/api/source?month=2021-02&country=VNM",
                             "/api/ewg/cycles?ewg=PKO",
                             "/api/ewg/participants?ewg=PKO",
                             "/api/register"}) {
    ExpectDownloadsEqualJson(target, viewer);
  }
  // A known figure: Viet Nam's UNMISS row of the scorecard's source, in the
  // workbook as a number and in the page as the JSON shows it.
  json row = VnmRow(viewer);
  auto zip = ExpectDownloadsEqualJson("/api/source?month=2021-02&country=VNM", viewer);
  auto cells = xlsx_test::SheetCells(zip, 1);
  bool found = false;
  for (size_t r = 3; cells.count(xlsx_test::CellName(r, 0)); ++r) {
    for (size_t c = 0; cells.count(xlsx_test::CellName(2, c)); ++c) {
      if (cells[xlsx_test::CellName(2, c)] == "Women" && cells[xlsx_test::CellName(r, c)] == row["Women"].dump()) {
        found = true;
      }
    }
  }
  EXPECT_TRUE(found) << "no row with " << row["Women"] << " women";
  // The file is named after the request.
  HttpResponse m = Call("GET", "/api/missions/UNMISS?month=2021-02&by=women&format=xlsx", viewer);
  EXPECT_EQ("attachment; filename=\"bluehelmet-missions-UNMISS-women-2021-02.xlsx\"", Disposition(m));
  // "json" is the JSON; anything else is refused in one line.
  EXPECT_EQ(Json(Call("GET", "/api/months", viewer)), Json(Call("GET", "/api/months?format=json", viewer)));
  HttpResponse bad = Call("GET", "/api/months?format=pdf", viewer);
  EXPECT_EQ(400, bad.status);
  EXPECT_EQ("format: 'pdf' is not one of json, xlsx, html", Json(bad)["error"]);
  // A route's own errors come before the download's.
  EXPECT_EQ(404, Call("GET", "/api/missions/MINUSKA?format=xlsx", viewer).status);
}

// A download is read as the JSON is: every role may, a stranger may not
// unless the server lets anonymous visitors read; the admin's audit log is
// the admin's only, in every format.
TEST_F(DashboardApiTest, DownloadsFollowTheRouteAccessForEveryRole) {
  for (const char* format : {"xlsx", "html"}) {
    for (std::string target : {"/api/scorecard?group=ASEAN&month=2021-02", "/api/missions?month=2021-02",
                               "/api/missions/UNMISS", "/api/series?countries=VNM", "/api/countries/VNM",
                               "/api/anomalies", "/api/errata", "/api/imports", "/api/ewg/participants?ewg=PKO"}) {
      target += (target.find('?') == std::string::npos ? "?format=" : "&format=") + std::string(format);
      ExpectEveryRoleReads(target);
    }
    const std::string audit = std::string("/api/audit?format=") + format;
    EXPECT_EQ(401, Call("GET", audit).status);
    for (const char* user : {"editor-vnm", "editor-jpn", "viewer"}) {
      EXPECT_EQ(403, Call("GET", audit, Login(user)).status) << user;
    }
    HttpResponse admin = Call("GET", audit, Login("admin"));
    EXPECT_EQ(200, admin.status) << admin.body;
    EXPECT_EQ(0u, admin.body.find(std::string(format) == "html" ? "<!doctype html>" : "PK")) << format;
  }
  // The anonymous-read switch: a stranger downloads what they may read.
  ApiOptions open;
  open.anonymous_read = true;
  MakeApi(open);
  ExpectDownloadsEqualJson("/api/missions?month=2021-02", "");
  EXPECT_EQ(401, Call("GET", "/api/audit?format=xlsx").status);
}

// The download's size limit: more cells than max_download_cells is refused
// with the count, in one line; the JSON answer is not limited by it.
TEST_F(DashboardApiTest, DownloadsBeyondTheCellLimitAreRefused) {
  json months = Json(Call("GET", "/api/months", Login("viewer")));
  const size_t cells = months["rows"].size() * (months["columns"].size() + months["machine_only"].size());
  ASSERT_GT(cells, 10u);
  ApiOptions exact;
  exact.max_download_cells = cells;
  MakeApi(exact);
  std::string viewer = Login("viewer");
  EXPECT_EQ(200, Call("GET", "/api/months?format=xlsx", viewer).status);
  ApiOptions small;
  small.max_download_cells = cells - 1;
  MakeApi(small);
  viewer = Login("viewer");
  EXPECT_EQ(200, Call("GET", "/api/months", viewer).status);
  for (const char* format : {"xlsx", "html"}) {
    HttpResponse r = Call("GET", std::string("/api/months?format=") + format, viewer);
    EXPECT_EQ(400, r.status);
    EXPECT_EQ(
        fmt::format("format={}: {} cells; a download holds at most {} (narrow the request, or use the JSON answer "
                    "or the CLI)",
                    format, cells, cells - 1),
        Json(r)["error"]);
  }
}

// The real 2021-04 report: the mission MINUSCA's figures as printed
// ("Total MINUSCA 12677 904 13581"; Rwanda 158 women of 1,855) are in the
// workbook and the page of the mission's download.
TEST_F(DashboardApiTest, RealMissionFiguresAreInTheDownloads) {
  const std::string pdf = std::string(BLUEHELMET_SHARED_DIR) +
                          "/data/raw/un_country_contributions_pdf/UN_country_contributions_2021_04.pdf";
  if (!std::filesystem::exists(pdf)) GTEST_SKIP() << "no ../shared data";
  {
    auto db = Db::Open(path_);
    ASSERT_TRUE(db.ok());
    auto ref = Reference::Load(db->get());
    auto out = ImportFiles(db->get(), *ref, {pdf}, {}, nullptr);
    ASSERT_EQ(FileOutcome::State::kImported, out[0].state) << out[0].status.message();
  }
  std::string viewer = Login("viewer");
  // The mission's strength, in the list of missions.
  const std::string list = "/api/missions?month=2021-04&mission=MINUSCA&category=all";
  auto cells = xlsx_test::SheetCells(ExpectDownloadsEqualJson(list, viewer), 1);
  std::map<std::string, size_t> col;
  for (size_t c = 0; cells.count(xlsx_test::CellName(2, c)); ++c) col[cells[xlsx_test::CellName(2, c)]] = c;
  ASSERT_TRUE(col.count("Women") && col.count("Total")) << "header";
  EXPECT_EQ("904", cells[xlsx_test::CellName(3, col["Women"])]);
  EXPECT_EQ("13581", cells[xlsx_test::CellName(3, col["Total"])]);
  // Its contributors: Rwanda first.
  const std::string target = "/api/missions/MINUSCA?month=2021-04";
  cells = xlsx_test::SheetCells(ExpectDownloadsEqualJson(target, viewer), 1);
  col.clear();
  for (size_t c = 0; cells.count(xlsx_test::CellName(2, c)); ++c) col[cells[xlsx_test::CellName(2, c)]] = c;
  ASSERT_TRUE(col.count("Country") && col.count("Women") && col.count("Total")) << "header";
  bool rwanda = false;
  for (size_t r = 3; cells.count(xlsx_test::CellName(r, 0)); ++r) {
    if (cells[xlsx_test::CellName(r, col["Country"])] == "Rwanda" &&
        cells[xlsx_test::CellName(r, col["Women"])] == "158" && cells[xlsx_test::CellName(r, col["Total"])] == "1855") {
      rwanda = true;
    }
  }
  EXPECT_TRUE(rwanda);
  HttpResponse html = Call("GET", target + "&format=html", viewer);
  EXPECT_NE(std::string::npos, html.body.find(">1,855</td>")) << html.body.substr(0, 3000);
  EXPECT_NE(std::string::npos, Call("GET", list + "&format=html", viewer).body.find(">13,581</td>"));
}

}  // namespace
}  // namespace bh
