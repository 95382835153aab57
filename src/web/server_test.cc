// Real HTTP round-trips through cpp-httplib on an ephemeral loopback port:
// the adapter's conversions (cookies, query, JSON body, multipart upload,
// percent-decoding) that api_test.cc cannot see.
#include "web/server.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <chrono>
#include <thread>

#include "base/file_util.h"
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
  auto login =
      client.Post("/api/login", h, R"({"username":"editor-jpn","password":"editor-jpn-password"})", "application/json");
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

// Compressed once, by the Api: a text/csv answer kept and asked for again
// was gzipped a second time by the library (two Content-Encoding headers, a
// body a browser cannot read).
TEST_F(ServerTest, AKeptAnswerIsCompressedOnceOverHttp) {
  httplib::Client client("127.0.0.1", port_);
  client.set_decompress(false);
  auto login = client.Post("/api/login", {{"X-Requested-With", "bluehelmet"}},
                           R"({"username":"viewer","password":"viewer-password"})", "application/json");
  ASSERT_TRUE(login);
  std::string cookie = login->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  for (const char* target : {"/api/export?from=2021-01&to=2021-01", "/api/countries", "/api/report?format=html"}) {
    SCOPED_TRACE(target);
    auto plain = client.Get(target, {{"Cookie", cookie}, {"Accept-Encoding", "identity"}});
    ASSERT_TRUE(plain);
    ASSERT_EQ(200, plain->status) << plain->body;
    ASSERT_GE(plain->body.size(), Api::kGzipFrom);
    EXPECT_FALSE(plain->has_header("Content-Encoding"));
    for (int i = 0; i < 2; ++i) {
      auto gz = client.Get(target, {{"Cookie", cookie}, {"Accept-Encoding", "gzip, deflate, br"}});
      ASSERT_TRUE(gz);
      ASSERT_EQ(200, gz->status);
      EXPECT_EQ(1u, gz->get_header_value_count("Content-Encoding"));
      EXPECT_EQ("gzip", gz->get_header_value("Content-Encoding"));
      Result<std::string> body = Gunzip(gz->body, target);
      ASSERT_TRUE(body.ok()) << body.status().message();
      EXPECT_EQ(plain->body, *body);
    }
  }
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

// A throwaway self-signed certificate (P-256) as PEM files.
void WriteSelfSigned(const std::string& cert_path, const std::string& key_path) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* x = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  X509_gmtime_adj(X509_getm_notBefore(x), 0);
  X509_gmtime_adj(X509_getm_notAfter(x), 3600);
  X509_set_pubkey(x, key);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(x, name);
  X509_sign(x, key, EVP_sha256());
  FILE* f = fopen(cert_path.c_str(), "w");
  PEM_write_X509(f, x);
  fclose(f);
  f = fopen(key_path.c_str(), "w");
  PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
  fclose(f);
  X509_free(x);
  EVP_PKEY_free(key);
}

// With TLS the server decrypts through the same limited stream (issue 12):
// the head limits hold, and plain requests still work.
TEST_F(ServerTest, TlsConnectionsHaveTheSameLimits) {
  std::string cert = (dir_ / "cert.pem").string(), key = (dir_ / "key.pem").string();
  WriteSelfSigned(cert, key);
  ServeOptions so;
  so.port = 0;
  so.tls_cert = cert;
  so.tls_key = key;
  WebServer tls(api_.get(), so);
  auto port = tls.Bind();
  ASSERT_TRUE(port.ok()) << port.status().message();
  std::thread t([&] { (void)tls.Run(); });
  for (int i = 0; i < 500 && !tls.running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  httplib::SSLClient client("127.0.0.1", *port);
  client.enable_server_certificate_verification(false);
  auto health = client.Get("/api/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(200, health->status);
  httplib::Headers many;
  for (int i = 0; i < 150; ++i) many.emplace(fmt::format("X-{}", i), "1");
  auto refused = client.Get("/api/health", many);
  ASSERT_TRUE(refused);
  EXPECT_EQ(431, refused->status);
  EXPECT_EQ("request head: over the limit of 100 header lines", nlohmann::json::parse(refused->body)["error"]);
  httplib::SSLClient chunked("127.0.0.1", *port);
  chunked.enable_server_certificate_verification(false);
  auto big = chunked.Post(
      "/api/login", {{"X-Requested-With", "bluehelmet"}},
      [](size_t offset, httplib::DataSink& sink) {
        std::string part(1 << 16, ' ');
        if (offset < (8u << 20)) {
          sink.write(part.data(), part.size());
        } else {
          sink.done();
        }
        return true;
      },
      "application/json");
  if (big) {  // the refusal can be cut short by the connection's end
    EXPECT_EQ(413, big->status);
  }
  httplib::SSLClient after("127.0.0.1", *port);
  after.enable_server_certificate_verification(false);
  auto still = after.Get("/api/health");
  ASSERT_TRUE(still);
  EXPECT_EQ(200, still->status);
  tls.Stop();
  t.join();
}

}  // namespace
}  // namespace bh
