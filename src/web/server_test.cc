// Real HTTP round-trips through cpp-httplib on an ephemeral loopback port:
// the adapter's conversions (cookies, query, JSON body, multipart upload,
// percent-decoding) that api_test.cc cannot see.
#include "web/server.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <thread>

#include "web/api_test_fixture.h"

namespace bh {
namespace {

class ServerTest : public ApiTestBase {
 protected:
  void SetUp() override {
    ApiTestBase::SetUp();
    ServeOptions so;
    so.port = 0;
    server_ = std::make_unique<WebServer>(api_.get(), so);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.status().message();
    port_ = *port;
    thread_ = std::thread([this] { (void)server_->Run(); });
    for (int i = 0; i < 500 && !server_->running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(server_->running());
  }
  void TearDown() override {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  std::unique_ptr<WebServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(ServerTest, LoginThenReadThenUploadOverHttp) {
  httplib::Client client("127.0.0.1", port_);
  httplib::Headers h = {{"X-Requested-With", "bluehelmet"}};
  auto login = client.Post("/api/login", h, R"({"username":"editor-jpn","password":"editor-jpn-password"})",
                           "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(200, login->status) << login->body;
  std::string cookie = login->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  h.emplace("Cookie", cookie);

  auto card = client.Get("/api/scorecard?group=ADMM-Plus&month=2021-02", h);
  ASSERT_TRUE(card);
  EXPECT_EQ(200, card->status);
  auto j = nlohmann::json::parse(card->body);
  EXPECT_EQ("UGPS scorecard, 2021-02, ADMM-Plus [SYNTHETIC sample data]", j["title"]);

  auto country = client.Get("/api/countries/Viet%20Nam", h);
  ASSERT_TRUE(country);
  EXPECT_EQ(200, country->status);
  EXPECT_EQ("VNM", nlohmann::json::parse(country->body)["iso3"]);

  SampleSpec spec;
  spec.first = spec.last = {2021, 5};
  httplib::MultipartFormDataItems items = {{"file", GenerateSampleCsv(spec), "SYNTHETIC_may.csv", "text/csv"}};
  auto up = client.Post("/api/imports", h, items);
  ASSERT_TRUE(up);
  EXPECT_EQ(201, up->status) << up->body;
  EXPECT_EQ("imported #2", nlohmann::json::parse(up->body)["rows"][0]["Result"]);

  auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(200, page->status);
  EXPECT_EQ("text/html; charset=utf-8", page->get_header_value("Content-Type"));
}

TEST_F(ServerTest, ARepeatedReadIsAnsweredByteForByteTheSame) {
  httplib::Client client("127.0.0.1", port_);
  auto login = client.Post("/api/login", {{"X-Requested-With", "bluehelmet"}},
                           R"({"username":"viewer","password":"viewer-password"})", "application/json");
  ASSERT_TRUE(login);
  std::string cookie = login->get_header_value("Set-Cookie");
  httplib::Headers h = {{"Cookie", cookie.substr(0, cookie.find(';'))}};
  auto first = client.Get("/api/scorecard?group=ADMM-Plus", h);
  auto second = client.Get("/api/scorecard?group=ADMM-Plus", h);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(200, first->status);
  EXPECT_EQ(first->status, second->status);
  EXPECT_EQ(first->body, second->body);
  EXPECT_EQ(first->headers, second->headers);
  EXPECT_EQ(1u, api_->cache_stats().hits);
}

TEST_F(ServerTest, ThreadCountOutsideItsRangeIsRefused) {
  for (int threads : {0, ServeOptions::kMaxThreads + 1}) {
    ServeOptions so;
    so.port = 0;
    so.threads = threads;
    WebServer other(api_.get(), so);
    auto r = other.Bind();
    EXPECT_EQ(Status::Code::kInvalidArgument, r.status().code());
    EXPECT_EQ(fmt::format("threads: want 1 to 1024, got {}", threads), r.status().message());
  }
}

TEST_F(ServerTest, SecondBindOnTheSamePortFailsWithItsAddress) {
  ServeOptions so;
  so.port = port_;
  WebServer other(api_.get(), so);
  auto r = other.Bind();
  EXPECT_EQ(Status::Code::kIoError, r.status().code());
  EXPECT_EQ(0u, r.status().message().find("cannot listen on 127.0.0.1:"));
}

}  // namespace
}  // namespace bh
