// Issue 12, the web server's attacks as regression tests against a real
// `bluehelmet serve` process on 127.0.0.1 (loopback only): each attack that
// once worked, its answer (status and message), that /api/health still
// answers within kHealthBound while it runs, and where it matters the serve
// process's peak memory (VmHWM, reset before each attack through
// /proc/PID/clear_refs). The attackers bind to other loopback addresses
// (127.0.0.2 ...), as strangers would come from other hosts.
//
// Bounds are generous (the goal is 100 ms for /api/health; the machine is
// shared and the build has ASan): they catch a server that stops
// answering, not a slow one. Measured figures: docs/security.md.
#include <arpa/inet.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "accounts/accounts.h"
#include "app/workspace.h"

namespace bh {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

constexpr milliseconds kHealthBound{1000};
constexpr int64_t kPeakMemoryBoundKb = 300 * 1024;

struct Reply {
  int status = 0;  // 0: no answer (connection reset or closed unanswered)
  std::string body;
  std::string error() const {
    auto j = nlohmann::json::parse(body, nullptr, false);
    return j.is_object() && j.contains("error") ? j["error"].get<std::string>() : "<no JSON error: " + body + ">";
  }
};

Reply ParseReply(const std::string& raw) {
  Reply r;
  if (raw.rfind("HTTP/1.1 ", 0) == 0 && raw.size() >= 12) r.status = std::atoi(raw.substr(9, 3).c_str());
  size_t head_end = raw.find("\r\n\r\n");
  if (head_end != std::string::npos) r.body = raw.substr(head_end + 4);
  return r;
}

// A TCP connection to the server from a chosen loopback address.
class RawClient {
 public:
  RawClient(const std::string& from, int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in src{};
    src.sin_family = AF_INET;
    inet_pton(AF_INET, from.c_str(), &src.sin_addr);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&src), sizeof src);
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&dst), sizeof dst) == 0;
    timeval tv{15, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  }
  ~RawClient() { ::close(fd_); }
  bool connected() const { return connected_; }
  // False once the server has closed (or reset) the connection.
  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent_ += static_cast<size_t>(n);
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }
  // Everything until the server closes (refusals say Connection: close).
  Reply Read() {
    std::string raw;
    char buf[8192];
    ssize_t n;
    while ((n = ::recv(fd_, buf, sizeof buf, 0)) > 0) raw.append(buf, static_cast<size_t>(n));
    return ParseReply(raw);
  }
  size_t sent() const { return sent_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  size_t sent_ = 0;
};

class SecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One folder per process: CTest runs each test in a process of its own,
    // two at a time.
    dir_ = new std::filesystem::path(std::filesystem::path(::testing::TempDir()) /
                                     fmt::format("bh_security_{}", getpid()));
    std::filesystem::remove_all(*dir_);
    std::filesystem::create_directories(*dir_);
    std::string db_path = (*dir_ / "web.db").string();
    {
      auto db = OpenWorkspace(db_path);
      ASSERT_TRUE(db.ok()) << db.status().message();
      FakeClock clock;
      Accounts accounts(db->get(), &clock, HashCost::kMinimal);
      for (const NewUser& u :
           std::vector<NewUser>{{"admin", "admin-password", Role::kAdmin, {}, false, false},
                                {"viewer", "viewer-password", Role::kViewer, {}, false, false},
                                {"editor-jpn", "editor-jpn-password", Role::kEditor, {"JPN"}, true, true}}) {
        ASSERT_TRUE(accounts.CreateUser(u).ok());
      }
    }
    int err[2];
    ASSERT_EQ(0, pipe(err));
    pid_ = fork();
    if (pid_ == 0) {
      dup2(err[1], 2);
      ::close(err[0]);
      // ASan keeps up to 256 MB of freed memory in quarantine by default,
      // which VmHWM would count against the server (64 MiB per password
      // hash freed): keep it small, the checks stay on.
      const char* asan = getenv("ASAN_OPTIONS");
      std::string options = std::string(asan && *asan ? std::string(asan) + ":" : "") + "quarantine_size_mb=16";
      setenv("ASAN_OPTIONS", options.c_str(), 1);
      execl(BLUEHELMET_BINARY, "bluehelmet", "--db", db_path.c_str(), "serve", "--port", "0", "--quiet",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    ::close(err[1]);
    // "Serving http://127.0.0.1:PORT/ on database ..."
    std::string line;
    char c;
    while (line.find('\n') == std::string::npos && ::read(err[0], &c, 1) == 1) line += c;
    stderr_fd_ = err[0];
    size_t at = line.find("127.0.0.1:");
    ASSERT_NE(std::string::npos, at) << line;
    port_ = std::atoi(line.c_str() + at + 10);
    ASSERT_GT(port_, 0) << line;
  }
  static void TearDownTestSuite() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    if (stderr_fd_ >= 0) ::close(stderr_fd_);
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  // The serve process's peak resident memory since the last reset, in kB.
  static int64_t PeakKb() {
    std::ifstream in(fmt::format("/proc/{}/status", pid_));
    std::string key;
    while (in >> key) {
      if (key == "VmHWM:") {
        int64_t kb = 0;
        in >> kb;
        return kb;
      }
      in.ignore(1 << 20, '\n');
    }
    return -1;
  }
  static void ResetPeak() { std::ofstream(fmt::format("/proc/{}/clear_refs", pid_)) << "5"; }

  // /api/health from 127.0.0.1 on a fresh connection: its latency, or
  // milliseconds::max() without an answer.
  static milliseconds Health() {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(10);
    client.set_read_timeout(10);
    auto start = SteadyClock::now();
    auto r = client.Get("/api/health");
    auto took = std::chrono::duration_cast<milliseconds>(SteadyClock::now() - start);
    return r && r->status == 200 ? took : milliseconds::max();
  }

  // Runs `attack` while probing /api/health every 100 ms; returns the worst
  // latency seen.
  static milliseconds WorstHealthDuring(const std::function<void()>& attack) {
    std::atomic<bool> done{false};
    milliseconds worst{0};
    std::thread probe([&] {
      while (!done) {
        worst = std::max(worst, Health());
        std::this_thread::sleep_for(milliseconds(100));
      }
    });
    attack();
    done = true;
    probe.join();
    worst = std::max(worst, Health());
    return worst;
  }

  // The figures behind the bounds, in the test's output (docs/security.md).
  static void Report(const char* attack, milliseconds worst_health) {
    std::printf("[ measured ] %s: /api/health worst %lld ms, serve peak %lld MB\n", attack,
                static_cast<long long>(worst_health.count()), static_cast<long long>(PeakKb() / 1024));
  }

  static std::string Cookie(const std::string& user) {
    httplib::Client client("127.0.0.1", port_);
    auto r =
        client.Post("/api/login", {{"X-Requested-With", "bluehelmet"}},
                    nlohmann::json{{"username", user}, {"password", user + "-password"}}.dump(), "application/json");
    if (!r || r->status != 200) return "";
    std::string c = r->get_header_value("Set-Cookie");
    return c.substr(0, c.find(';'));
  }

  static inline std::filesystem::path* dir_ = nullptr;
  static inline pid_t pid_ = -1;
  static inline int port_ = 0;
  static inline int stderr_fd_ = -1;
};

// Finding 3: a 1,000 MB chunked POST was read whole (2.3 GB) before the 401.
TEST_F(SecurityTest, ChunkedUploadWithoutSessionIsRefusedUnread) {
  ResetPeak();
  Reply reply;
  size_t sent = 0;
  milliseconds worst = WorstHealthDuring([&] {
    RawClient c("127.0.0.2", port_);
    ASSERT_TRUE(c.connected());
    c.Send(
        "POST /api/register/imports HTTP/1.1\r\nHost: x\r\nX-Requested-With: bluehelmet\r\n"
        "Content-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n");
    std::string chunk = fmt::format("{:x}\r\n{}\r\n", 1 << 20, std::string(1 << 20, 'a'));
    for (int i = 0; i < 1000 && c.Send(chunk); ++i) {
    }
    sent = c.sent();
    reply = c.Read();
  });
  EXPECT_EQ(401, reply.status);
  EXPECT_EQ("log in first", reply.error());
  EXPECT_LT(sent, 200u << 20) << "the server kept reading";
  Report("chunked upload without a session", worst);
  EXPECT_LT(worst, kHealthBound);
  EXPECT_LT(PeakKb(), kPeakMemoryBoundKb);
}

// curl sends large uploads with "Expect: 100-continue": the refusal comes
// instead of "100 Continue", before any body byte.
TEST_F(SecurityTest, ExpectContinueUploadWithoutSessionIsRefusedBeforeTheBody) {
  RawClient c("127.0.0.2", port_);
  c.Send(
      "POST /api/imports HTTP/1.1\r\nHost: x\r\nX-Requested-With: bluehelmet\r\nExpect: 100-continue\r\n"
      "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 500000000\r\n\r\n");
  Reply reply = c.Read();
  EXPECT_EQ(401, reply.status);
  EXPECT_EQ("log in first", reply.error());
}

TEST_F(SecurityTest, ChunkedBodyOverTheLimitIsRefusedWhateverTheEncoding) {
  ResetPeak();
  // A small-body endpoint (64 KiB) and chunks past it.
  RawClient c("127.0.0.2", port_);
  c.Send("POST /api/login HTTP/1.1\r\nHost: x\r\nX-Requested-With: bluehelmet\r\nTransfer-Encoding: chunked\r\n\r\n");
  std::string chunk = fmt::format("{:x}\r\n{}\r\n", 1 << 16, std::string(1 << 16, ' '));
  for (int i = 0; i < 1000 && c.Send(chunk); ++i) {
  }
  Reply reply = c.Read();
  EXPECT_EQ(413, reply.status);
  EXPECT_EQ("request body: over the limit of 65536 bytes for this endpoint", reply.error());
  EXPECT_LT(c.sent(), 32u << 20);

  // A declared length over the limit is refused before its body.
  RawClient d("127.0.0.2", port_);
  d.Send("POST /api/login HTTP/1.1\r\nHost: x\r\nX-Requested-With: bluehelmet\r\nContent-Length: 1000000000\r\n\r\n");
  reply = d.Read();
  EXPECT_EQ(413, reply.status);
  EXPECT_EQ("request body: over the limit of 65536 bytes for this endpoint", reply.error());

  // A compressed body would be inflated by the library without limit.
  RawClient e("127.0.0.2", port_);
  e.Send(
      "POST /api/login HTTP/1.1\r\nHost: x\r\nX-Requested-With: bluehelmet\r\nContent-Encoding: gzip\r\n"
      "Content-Length: 4\r\n\r\nxxxx");
  reply = e.Read();
  EXPECT_EQ(415, reply.status);
  EXPECT_EQ("request body: compressed bodies (Content-Encoding) are not accepted", reply.error());
  EXPECT_LT(PeakKb(), kPeakMemoryBoundKb);
  EXPECT_LT(Health(), kHealthBound);
}

// Finding 3: 200,000 headers of 1 KB got 200 OK (953 MB).
TEST_F(SecurityTest, ManyOrLongHeadersAreRefused) {
  ResetPeak();
  Reply reply;
  milliseconds worst = WorstHealthDuring([&] {
    RawClient c("127.0.0.2", port_);
    c.Send("GET /api/health HTTP/1.1\r\nHost: x\r\n");
    std::string header = "X-Pad: " + std::string(1000, 'p') + "\r\n";
    for (int i = 0; i < 200000 && c.Send(header); ++i) {
    }
    reply = c.Read();
  });
  EXPECT_EQ(431, reply.status);
  EXPECT_EQ("request head: over the limit of 32768 bytes", reply.error());
  EXPECT_LT(worst, kHealthBound);
  Report("200,000 headers of 1 KB", worst);

  RawClient d("127.0.0.2", port_);
  std::string many = "GET /api/health HTTP/1.1\r\n";
  for (int i = 0; i < 150; ++i) many += fmt::format("X-{}: 1\r\n", i);
  d.Send(many + "\r\n");
  reply = d.Read();
  EXPECT_EQ(431, reply.status);
  EXPECT_EQ("request head: over the limit of 100 header lines", reply.error());
  EXPECT_LT(PeakKb(), kPeakMemoryBoundKb);
}

// Finding 4: 70 connections sending a header line every 3 s starved
// /api/health for the whole test. Now one address holds at most 16
// connections, and a head must arrive within 5 s.
TEST_F(SecurityTest, SlowlorisCannotStarveOthers) {
  std::vector<std::unique_ptr<RawClient>> slow;
  int refused = 0, timed_out = 0;
  milliseconds worst = WorstHealthDuring([&] {
    for (int i = 0; i < 70; ++i) {
      slow.push_back(std::make_unique<RawClient>("127.0.0.3", port_));
      slow.back()->Send("GET /api/health HTTP/1.1\r\n");
    }
    for (int round = 0; round < 3; ++round) {  // a line every 3 s, past the 5 s deadline
      std::this_thread::sleep_for(milliseconds(3000));
      for (auto& c : slow) c->Send(fmt::format("X-Slow-{}: 1\r\n", round));
    }
    for (auto& c : slow) {
      Reply r = c->Read();
      if (r.status == 429) {
        ++refused;
        EXPECT_EQ("too many connections from 127.0.0.3 (at most 16 at once)", r.error());
      } else if (r.status == 408) {
        ++timed_out;
        EXPECT_EQ("request head: not received within 5 seconds", r.error());
      } else {
        ADD_FAILURE() << "status " << r.status << ": " << r.body;
      }
    }
  });
  Report("slowloris, 70 connections", worst);
  EXPECT_EQ(54, refused);
  EXPECT_EQ(16, timed_out);
  EXPECT_LT(worst, kHealthBound);
}

// Finding 5: 64 parallel wrong logins peaked at 2 GB (64 MiB of Argon2id
// each) and /api/health took 22 s. Unknown users are checked against a
// dummy hash of full cost, so this costs what a real guess costs.
TEST_F(SecurityTest, LoginFloodIsBoundedInMemoryAndDoesNotStarveOthers) {
  ResetPeak();
  std::atomic<int> unauthorized{0}, busy{0}, other{0};
  milliseconds worst = WorstHealthDuring([&] {
    std::vector<std::thread> threads;
    for (int i = 0; i < 64; ++i) {
      threads.emplace_back([&, i] {
        RawClient c(fmt::format("127.0.4.{}", i % 8 + 1), port_);
        std::string body = nlohmann::json{{"username", fmt::format("nobody{}", i)}, {"password", "guess-guess"}}.dump();
        c.Send(
            fmt::format("POST /api/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Requested-With: bluehelmet\r\n"
                        "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
                        body.size(), body));
        Reply r = c.Read();
        if (r.status == 401) {
          ++unauthorized;
        } else if (r.status == 429 && r.error() == "too many logins at once; try again in a moment") {
          ++busy;
        } else {
          ++other;
        }
      });
    }
    for (auto& t : threads) t.join();
  });
  Report("64 parallel wrong logins", worst);
  std::printf("[ measured ] logins: %d checked (401), %d refused busy (429)\n", unauthorized.load(), busy.load());
  EXPECT_EQ(0, other);
  EXPECT_EQ(64, unauthorized + busy);
  EXPECT_GT(busy, 0) << "64 hashes at once were admitted";
  EXPECT_LT(worst, kHealthBound);
  EXPECT_LT(PeakKb(), kPeakMemoryBoundKb);
}

// Finding 5: five wrong passwords from anyone locked the real user out; 40
// tries from 40 addresses were all checked.
TEST_F(SecurityTest, LockoutIsPerAccountAndAddress) {
  auto login = [&](const std::string& from, const std::string& password) {
    RawClient c(from, port_);
    std::string body = nlohmann::json{{"username", "viewer"}, {"password", password}}.dump();
    c.Send(
        fmt::format("POST /api/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Requested-With: bluehelmet\r\n"
                    "Content-Length: {}\r\n\r\n{}",
                    body.size(), body));
    return c.Read();
  };
  EXPECT_EQ(200, login("127.0.0.1", "viewer-password").status);  // the user's own address
  for (int i = 0; i < 5; ++i) EXPECT_EQ(401, login("127.0.5.1", "guess-guess").status);
  Reply locked = login("127.0.5.1", "viewer-password");
  EXPECT_EQ(429, locked.status);
  EXPECT_EQ("too many failed logins; try again in 15 minutes", locked.error());
  EXPECT_EQ(200, login("127.0.0.1", "viewer-password").status);
  int refused = 0;
  for (int i = 1; i <= 40; ++i) refused += login(fmt::format("127.0.6.{}", i), "guess-guess").status == 429;
  EXPECT_EQ(25, refused);  // 5 + 15 failures reach the account's 20; the rest are refused unchecked
  EXPECT_EQ(200, login("127.0.0.1", "viewer-password").status);
}

// Finding 1 over HTTP: `#,"` hid the rows from the scope check.
TEST_F(SecurityTest, RegisterUploadScopeBypassIsRefused) {
  for (const char* user : {"editor-jpn", "viewer"}) {
    SCOPED_TRACE(user);
    httplib::Client client("127.0.0.1", port_);
    httplib::Headers h = {{"X-Requested-With", "bluehelmet"}, {"Cookie", Cookie(user)}};
    httplib::MultipartFormDataItems items = {
        {"file", "#,\"\ncountry,service_number,sex,rank,service\nVNM,X1,F,Maj,Army\n", "persons.csv", "text/csv"}};
    auto r = client.Post("/api/register/imports", h, items);
    ASSERT_TRUE(r);
    EXPECT_EQ(403, r->status) << r->body;
  }
  httplib::Client client("127.0.0.1", port_);
  auto list = client.Get("/api/register", {{"Cookie", Cookie("admin")}});
  ASSERT_TRUE(list);
  EXPECT_EQ(std::string::npos, list->body.find("VNM")) << list->body;
}

// Finding 2: one non-UTF-8 byte in an upload's name made every later read
// answer 500; a query parameter's gave 500.
TEST_F(SecurityTest, TextThatIsNotUtf8IsRefusedAndReadsKeepWorking) {
  std::string admin = Cookie("admin");
  httplib::Client client("127.0.0.1", port_);
  httplib::Headers h = {{"X-Requested-With", "bluehelmet"}, {"Cookie", admin}};
  httplib::MultipartFormDataItems items = {{"file", "not,a,report\n", "bad\xff.csv", "text/csv"}};
  auto up = client.Post("/api/imports", h, items);
  ASSERT_TRUE(up);
  EXPECT_EQ(400, up->status);
  EXPECT_EQ("request: an upload's file name is not valid UTF-8", nlohmann::json::parse(up->body)["error"]);
  auto q = client.Get("/api/scorecard?month=%FF", {{"Cookie", admin}});
  ASSERT_TRUE(q);
  EXPECT_EQ(400, q->status);
  EXPECT_EQ("request: query parameter 'month' is not valid UTF-8", nlohmann::json::parse(q->body)["error"]);
  for (const char* target : {"/api/months", "/api/imports", "/api/ewg/activities", "/api/months"}) {
    auto r = client.Get(target, {{"Cookie", admin}});
    ASSERT_TRUE(r);
    EXPECT_EQ(200, r->status) << target << ": " << r->body;
  }
}

// Finding 6: --port 70000 listened on 4464.
TEST_F(SecurityTest, PortOutsideItsRangeExitsWithOneLine) {
  int err[2];
  ASSERT_EQ(0, pipe(err));
  pid_t pid = fork();
  if (pid == 0) {
    dup2(err[1], 2);
    ::close(err[0]);
    std::string db = (*dir_ / "web.db").string();
    execl(BLUEHELMET_BINARY, "bluehelmet", "--db", db.c_str(), "serve", "--port", "70000", static_cast<char*>(nullptr));
    _exit(127);
  }
  ::close(err[1]);
  std::string out;
  char buf[256];
  ssize_t n;
  while ((n = ::read(err[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(err[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_EQ(2, WEXITSTATUS(status));
  EXPECT_EQ("bluehelmet: --port: want 1 to 65535 (0: any free port), got 70000\n", out);
}

}  // namespace
}  // namespace bh
