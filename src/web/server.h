// WebServer: `bluehelmet serve`, cpp-httplib (Debian's libcpp-httplib)
// around the transport-free Api.
//
// Every request, whatever its path and method, is converted to an
// HttpRequest and answered by Api::Handle, so routing, access and error
// translation live in one place (api.cc). The library contributes sockets,
// HTTP parsing, multipart uploads, TLS (with a certificate and key) and its
// thread pool; Api is thread-safe (see api.h).
//
// Threads: cpp-httplib gives each connection a pool thread for as long as it
// stays open (keep-alive: up to kKeepAliveRequests requests, or 5 s idle),
// and connections beyond the pool's size wait in its queue. So `threads`
// should be at least the number of connections expected at once; its
// default (kDefaultThreads) covers a browser's six connections for ten
// users, or a load test with 64. Threads are cheap while idle, and each
// request in flight leases one SQLite connection (db_pool.h).
//
// Limits (issue 12; docs/security.md): the library (0.11.4, Debian's
// compiled .so) bounds neither the number of headers nor a chunked body, and
// its read timeout restarts with every byte. So the server takes over each
// accepted connection (its own keep-alive loop around the library's request
// parser) and reads it through a stream that enforces, per request: a
// deadline for the whole head, its size and line count, and a body limit
// that the route decides from the head before any body byte is read
// (uploads need a signed-in user who may upload; Api::AdmitBody), whatever
// the transfer encoding; compressed request bodies are refused (the
// library would inflate them without limit). Per client address, at most
// max_connections_per_address connections are served at once. With TLS the
// handshake (within the head's deadline) and the decryption are done here
// too, so the same limits hold.
//
// Thread safety: Bind/Run from one thread; Stop() from any thread.
#ifndef BLUEHELMET_WEB_SERVER_H_
#define BLUEHELMET_WEB_SERVER_H_

#include <functional>
#include <memory>
#include <string>

#include "base/result.h"
#include "web/api.h"

namespace bh {

class HttplibServer;  // web/httplib_server.h, in the module bluehelmet-http
struct HttpModule;    // web/http_module.h

struct ServeOptions {
  static constexpr int kDefaultThreads = 64;
  static constexpr int kMaxThreads = 1024;
  // Requests on one keep-alive connection before the server closes it (the
  // client reconnects), so a queued connection waits for a bounded time
  // when there are more connections than threads. The library's default, 5,
  // makes a busy client reconnect every fifth request.
  static constexpr int kKeepAliveRequests = 100;

  std::string bind = "127.0.0.1";
  int port = 8080;                // 0: any free port (tests); else 1..65535
  int threads = kDefaultThreads;  // worker threads, 1..kMaxThreads
  std::string tls_cert, tls_key;  // both set: HTTPS
  // A request body, whatever its transfer encoding (Content-Length,
  // chunked, or none until the connection closes), for the upload routes;
  // every other route takes Api::kMaxSmallBodyBytes. Over it: 413.
  size_t max_body_bytes = 80u << 20;
  // The request line and headers: at most this many bytes and lines (431),
  // all received within head_timeout_seconds of the request's first byte
  // being awaited (408).
  size_t max_head_bytes = 32u << 10;
  int max_header_lines = 100;
  int head_timeout_seconds = 5;
  // Keep-alive: a connection idle this long between requests is closed.
  int idle_timeout_seconds = 5;
  // Any one read of a body or write of an answer; and the whole body.
  int io_timeout_seconds = 5;
  int body_timeout_seconds = 120;
  // Connections open at once from one client address; more: 429 and close.
  int max_connections_per_address = 16;
  // One line per request ("GET /api/scorecard 200"); null: quiet.
  std::function<void(const std::string&)> log;
};

// The server itself lives in the module bluehelmet-http (web/http_module.h):
// cpp-httplib and OpenSSL are loaded by Bind(), so a process that serves
// nothing never maps them.
class WebServer {
 public:
  // REQUIRES: api outlives the server.
  WebServer(Api* api, ServeOptions options);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Loads the module and binds the address; returns the port. Internal when
  // the module cannot be loaded; IoError "cannot listen on
  // 127.0.0.1:8080 (in use?)"; InvalidArgument for an unreadable
  // certificate or key, a port outside 0..65535, or threads outside
  // 1..kMaxThreads.
  Result<int> Bind();
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  Status Run();
  // True once Run() accepts connections.
  bool running() const;
  // Stops a running server. A Stop() before Run() has started accepting is
  // lost (the library's rule): wait for running() first.
  void Stop();

 private:
  Api* api_;
  ServeOptions options_;
  const HttpModule* module_ = nullptr;
  HttplibServer* impl_ = nullptr;  // created by Bind(); owned
};

}  // namespace bh

#endif  // BLUEHELMET_WEB_SERVER_H_
