// A workspace for the web tests: a temporary database file with three
// months of the SYNTHETIC sample, and one account per role (passwords
// "<name>-password"), hashed at the minimal cost to keep tests fast.
#ifndef BLUEHELMET_WEB_API_TEST_FIXTURE_H_
#define BLUEHELMET_WEB_API_TEST_FIXTURE_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/workspace.h"
#include "cli/cli.h"
#include "ingest/importer.h"
#include "sample/generator.h"
#include "web/api.h"

namespace bh {

class ApiTestBase : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("bh_web_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "web.db").string();
    auto db = OpenWorkspace(path_);
    ASSERT_TRUE(db.ok()) << db.status().message();
    auto ref = Reference::Load(db->get());
    SampleSpec spec;
    spec.first = {2021, 1};
    spec.last = {2021, 3};
    FileOutcome o = ImportBytes(db->get(), *ref, "SYNTHETIC_web.csv", GenerateSampleCsv(spec), {});
    ASSERT_EQ(FileOutcome::State::kImported, o.state) << o.status.message();
    Accounts accounts(db->get(), &clock_, HashCost::kMinimal);
    for (const NewUser& u :
         std::vector<NewUser>{{"admin", "admin-password", Role::kAdmin, {}, false, false},
                              {"viewer", "viewer-password", Role::kViewer, {}, false, false},
                              {"editor-vnm", "editor-vnm-password", Role::kEditor, {"VNM"}, false, false},
                              {"editor-jpn", "editor-jpn-password", Role::kEditor, {"JPN"}, true, true}}) {
      ASSERT_TRUE(accounts.CreateUser(u).ok());
    }
    pool_ = std::make_unique<DbPool>(path_);
    MakeApi({});
  }
  void MakeApi(ApiOptions options) {
    options.hash_cost = HashCost::kMinimal;
    api_ = std::make_unique<Api>(pool_.get(), &clock_, options);
  }

  HttpResponse Call(const std::string& method, const std::string& target, const std::string& cookie = "",
                    const std::string& body = "") {
    HttpRequest r;
    r.method = method;
    size_t q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) {
      std::string rest = target.substr(q + 1);
      size_t start = 0;
      while (start < rest.size()) {
        size_t amp = rest.find('&', start);
        if (amp == std::string::npos) amp = rest.size();
        std::string kv = rest.substr(start, amp - start);
        size_t eq = kv.find('=');
        r.query[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
        start = amp + 1;
      }
    }
    if (!cookie.empty()) r.headers["cookie"] = cookie;
    if (method != "GET") r.headers["x-requested-with"] = "bluehelmet";
    r.body = body;
    r.remote_addr = "127.0.0.1";
    return api_->Handle(r);
  }
  HttpResponse Upload(const std::string& target, const std::string& cookie, const std::string& filename,
                      const std::string& content) {
    HttpRequest r;
    r.method = "POST";
    r.path = target;
    r.headers["cookie"] = cookie;
    r.headers["x-requested-with"] = "bluehelmet";
    r.uploads.push_back({"file", filename, "text/csv", content});
    r.remote_addr = "127.0.0.1";
    return api_->Handle(r);
  }
  // Logs in; returns the Cookie header value ("bh_session=...").
  std::string Login(const std::string& user) {
    HttpResponse r =
        Call("POST", "/api/login", "", nlohmann::json{{"username", user}, {"password", user + "-password"}}.dump());
    EXPECT_EQ(200, r.status) << r.body;
    for (const auto& [k, v] : r.headers) {
      if (k == "Set-Cookie") return v.substr(0, v.find(';'));
    }
    ADD_FAILURE() << "no Set-Cookie";
    return "";
  }
  static nlohmann::json Json(const HttpResponse& r) { return nlohmann::json::parse(r.body); }
  // What `bluehelmet ARGS --format json` prints on the same database
  // (null when it fails, with the failure recorded).
  nlohmann::json CliJson(const std::vector<std::string>& cli_args) {
    std::vector<std::string> args = {"--db", path_};
    args.insert(args.end(), cli_args.begin(), cli_args.end());
    args.insert(args.end(), {"--format", "json"});
    std::ostringstream out, err;
    EXPECT_EQ(0, RunCliArgs(args, out, err)) << err.str();
    return nlohmann::json::parse(out.str(), nullptr, false);
  }
  // GET `target` as `cookie` answers the table `bluehelmet ARGS --format
  // json` prints on the same database: title, columns, rows and notes.
  void ExpectApiEqualsCli(const std::vector<std::string>& cli_args, const std::string& target,
                          const std::string& cookie) {
    SCOPED_TRACE(target);
    nlohmann::json all = CliJson(cli_args);
    ASSERT_EQ(1u, all["tables"].size()) << all.dump();
    nlohmann::json cli = all["tables"].begin().value();
    nlohmann::json web = Json(Call("GET", target, cookie));
    EXPECT_EQ(cli["title"], web["title"]);
    // The web's columns are the ones the terminal shows; the machine-only
    // ones are in its rows all the same.
    nlohmann::json shown = nlohmann::json::array();
    for (const auto& c : cli["columns"]) {
      if (std::find(web["machine_only"].begin(), web["machine_only"].end(), c) == web["machine_only"].end()) {
        shown.push_back(c);
      }
    }
    EXPECT_EQ(shown, web["columns"]);
    EXPECT_EQ(cli["rows"], web["rows"]);
    EXPECT_EQ(cli["notes"], web["notes"]);
  }

  // The same for a route that answers several tables ({"tables": [...]}):
  // each one equals the CLI's table of the same title (the CLI's JSON names
  // its tables; the API lists them in order). Returns the API's answer.
  nlohmann::json ExpectApiTablesEqualCli(const std::vector<std::string>& cli_args, const std::string& target,
                                         const std::string& cookie, size_t tables) {
    SCOPED_TRACE(target);
    nlohmann::json cli = CliJson(cli_args)["tables"];
    nlohmann::json web = Json(Call("GET", target, cookie));
    EXPECT_EQ(tables, cli.size()) << cli.dump();
    EXPECT_EQ(tables, web["tables"].size()) << web.dump();
    for (const nlohmann::json& w : web["tables"]) {
      auto same =
          std::find_if(cli.begin(), cli.end(), [&](const nlohmann::json& c) { return c["title"] == w["title"]; });
      if (same == cli.end()) {
        ADD_FAILURE() << "the CLI has no table titled " << w["title"];
        continue;
      }
      EXPECT_EQ((*same)["rows"], w["rows"]) << w["title"];
      EXPECT_EQ((*same)["notes"], w["notes"]) << w["title"];
    }
    return web;
  }

  FakeClock clock_;
  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<DbPool> pool_;
  std::unique_ptr<Api> api_;
};

}  // namespace bh

#endif  // BLUEHELMET_WEB_API_TEST_FIXTURE_H_
