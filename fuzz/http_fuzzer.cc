// libFuzzer harness for the HTTP request path: any bytes a client can send
// go through the real server (web/server.h: the limited stream, cpp-httplib's
// parser, the pre-routing checks, Api::Handle) on a loopback port, and must
// get an answer or a closed connection, never a crash, a hang or a leak.
// Each input is one connection: the bytes, then end of input (so a partial
// request ends at once instead of waiting out the head deadline).
// Build and run with `make fuzz`.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <thread>

#include "accounts/accounts.h"
#include "app/workspace.h"
#include "base/clock.h"
#include "web/api.h"
#include "web/db_pool.h"
#include "web/server.h"

namespace {

struct Server {
  Server() {
    auto dir = std::filesystem::temp_directory_path() / ("bh_http_fuzzer_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    std::string path = (dir / "fuzz.db").string();
    {
      auto db = bh::OpenWorkspace(path);
      bh::Accounts accounts(db->get(), bh::SystemClock::Default(), bh::HashCost::kMinimal);
      (void)accounts.CreateUser({"admin", "admin-password", bh::Role::kAdmin, {}, false, false});
    }
    pool = std::make_unique<bh::DbPool>(path);
    bh::ApiOptions options;
    options.hash_cost = bh::HashCost::kMinimal;
    options.error_log = [](const std::string&) {};
    api = std::make_unique<bh::Api>(pool.get(), bh::SystemClock::Default(), options);
    bh::ServeOptions so;
    so.port = 0;
    so.threads = 4;
    so.max_connections_per_address = 1024;
    server = std::make_unique<bh::WebServer>(api.get(), so);
    port = *server->Bind();
    thread = std::thread([this] { (void)server->Run(); });
    while (!server->running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::unique_ptr<bh::DbPool> pool;
  std::unique_ptr<bh::Api> api;
  std::unique_ptr<bh::WebServer> server;
  std::thread thread;
  int port = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Server* s = new Server();  // lives for the process
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(static_cast<uint16_t>(s->port));
  inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) abort();
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  size_t off = 0;
  while (off < size) {
    ssize_t n = send(fd, data + off, size - off, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server refused and closed: fine
    off += static_cast<size_t>(n);
  }
  shutdown(fd, SHUT_WR);
  char buf[4096];
  auto start = std::chrono::steady_clock::now();
  while (recv(fd, buf, sizeof buf, 0) > 0) {
  }
  // The server must close within its deadlines, whatever it was sent.
  if (std::chrono::steady_clock::now() - start > std::chrono::seconds(9)) abort();
  close(fd);
  return 0;
}
