#include <fcntl.h>
#include <fmt/format.h>
#include <httplib.h>
#include <netdb.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "base/strings.h"
#include "web/httplib_server.h"

namespace bh {

namespace {

using SteadyClock = std::chrono::steady_clock;

HttpRequest FromHttplib(const httplib::Request& in) {
  HttpRequest r;
  r.method = in.method;
  r.path = in.path;
  for (const auto& [k, v] : in.params) r.query.emplace(k, v);
  for (const auto& [k, v] : in.headers) r.headers[ToLowerAscii(k)] = v;
  r.remote_addr = in.remote_addr;
  if (in.is_multipart_form_data()) {
    for (const auto& [field, part] : in.files) {
      r.uploads.push_back({field, part.filename, part.content_type, part.content});
    }
  } else {
    r.body = in.body;
  }
  return r;
}

// A complete HTTP/1.1 answer with a JSON error body, for refusals the
// stream makes itself (the library's parser never sees those requests).
std::string RawErrorResponse(int status, const char* reason, const char* code, const std::string& message) {
  std::string body =
      nlohmann::json{{"error", message}, {"code", code}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n"
      "Connection: close\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n\r\n{}",
      status, reason, body.size(), body);
}

std::string AddressOf(const sockaddr_storage& addr, socklen_t len, int* port) {
  char host[NI_MAXHOST] = "", serv[NI_MAXSERV] = "";
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, host, sizeof host, serv, sizeof serv,
                  NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    return "";
  }
  if (port) *port = atoi(serv);
  std::string h = host;
  if (h.starts_with("::ffff:") && h.find('.') != std::string::npos) h = h.substr(7);  // IPv4-mapped
  return h;
}

// The limited view of one accepted socket that the library's request parser
// reads and writes through (see server.h). One request at a time:
// BeginRequest() starts the head's clock and counters; the head ends at its
// blank line, and what follows counts against the body limit until the next
// BeginRequest(). A limit that is hit answers the client itself (408, 413,
// 431) and ends the connection: every later read and write fails. With TLS
// (`ssl` set, socket non-blocking) the same limits apply to the decrypted
// bytes, and no read waits past a deadline for the rest of a TLS record.
class LimitedStream : public httplib::Stream {
 public:
  LimitedStream(int sock, const ServeOptions& o, SSL* ssl = nullptr) : sock_(sock), o_(o), ssl_(ssl) {}

  // Waits up to the idle timeout for the next request's first byte. False
  // when the client closed, stayed idle, or the stream is dead.
  bool WaitForRequest() {
    if (dead_) return false;
    if (begin_ < end_ || (ssl_ && SSL_pending(ssl_) > 0)) return true;
    pollfd p{sock_, POLLIN, 0};
    if (::poll(&p, 1, o_.idle_timeout_seconds * 1000) <= 0) return false;
    char c;
    return ::recv(sock_, &c, 1, MSG_PEEK) > 0;
  }
  void BeginRequest() {
    in_head_ = true;
    head_bytes_ = 0;
    lines_ = 0;
    line_len_ = 0;
    body_bytes_ = 0;
    body_limit_ = Api::kMaxSmallBodyBytes;
    head_deadline_ = SteadyClock::now() + std::chrono::seconds(o_.head_timeout_seconds);
    body_deadline_ = SteadyClock::time_point::max();
  }
  // The route's body limit, decided from the head (before any body byte).
  void set_body_limit(size_t n) { body_limit_ = n; }
  // The answer to this request is the last on the connection (a refusal
  // that leaves an unread body behind).
  void CloseAfterResponse() { close_after_ = true; }
  bool must_close() const { return dead_ || close_after_; }

  bool is_readable() const override {
    if (begin_ < end_) return true;
    pollfd p{sock_, POLLIN, 0};
    return !dead_ && ::poll(&p, 1, o_.io_timeout_seconds * 1000) > 0;
  }
  bool is_writable() const override {
    pollfd p{sock_, POLLOUT, 0};
    return !dead_ && ::poll(&p, 1, o_.io_timeout_seconds * 1000) > 0;
  }

  ssize_t read(char* ptr, size_t size) override {
    if (dead_) return -1;
    if (begin_ == end_) {
      ssize_t n = Fill();
      if (n <= 0) return n;
    }
    size_t give = std::min(size, end_ - begin_);
    if (in_head_) {
      // The library reads the head a byte at a time; give it no more than
      // the head, so the body's bytes are counted as body.
      size_t i = 0;
      while (i < give && in_head_) Scan(buf_[begin_ + i++]);
      give = i;
      if (dead_) return -1;
    } else {
      body_bytes_ += give;
      if (body_bytes_ > body_limit_) {
        Refuse(413, "Payload Too Large", "invalid_argument",
               fmt::format("request body: over the limit of {} bytes for this endpoint", body_limit_));
        return -1;
      }
    }
    std::copy(buf_ + begin_, buf_ + begin_ + give, ptr);
    begin_ += give;
    return static_cast<ssize_t>(give);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (dead_) return -1;
    return Send(ptr, size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    port = 0;
    if (getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) ip = AddressOf(addr, len, &port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    port = 0;
    if (getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) ip = AddressOf(addr, len, &port);
  }
  socket_t socket() const override { return sock_; }

  // Answers the client directly and ends the connection.
  void Refuse(int status, const char* reason, const char* code, const std::string& message) {
    if (dead_) return;
    std::string raw = RawErrorResponse(status, reason, code, message);
    Send(raw.data(), raw.size());
    dead_ = true;
  }

 private:
  // Reads what the socket has, waiting no longer than the current
  // deadline (the head's, or the body's) and the per-read timeout.
  ssize_t Fill() {
    begin_ = end_ = 0;
    for (;;) {
      auto now = SteadyClock::now();
      auto deadline = in_head_ ? head_deadline_ : body_deadline_;
      if (!in_head_ && body_deadline_ == SteadyClock::time_point::max()) {
        deadline = body_deadline_ = now + std::chrono::seconds(o_.body_timeout_seconds);
      }
      auto io = std::chrono::milliseconds(o_.io_timeout_seconds * 1000);
      // Rounded up, so the wait never ends just short of the deadline.
      auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
      bool deadline_first = left <= io;
      int wait_ms = static_cast<int>(std::max<int64_t>(0, std::min(io, left).count()));
      pollfd p{sock_, POLLIN, 0};
      int ready = ssl_ && SSL_pending(ssl_) > 0 ? 1 : ::poll(&p, 1, wait_ms);
      if (ready <= 0) {
        // Too slow: the whole head (or body) missed its deadline, or nothing
        // came for the per-read timeout.
        if (in_head_ && head_bytes_ > 0) {
          Refuse(408, "Request Timeout", "invalid_argument",
                 deadline_first ? fmt::format("request head: not received within {} seconds", o_.head_timeout_seconds)
                                : fmt::format("request head: nothing received for {} seconds", o_.io_timeout_seconds));
        } else if (!in_head_) {
          Refuse(408, "Request Timeout", "invalid_argument",
                 deadline_first ? fmt::format("request body: not received within {} seconds", o_.body_timeout_seconds)
                                : fmt::format("request body: nothing received for {} seconds", o_.io_timeout_seconds));
        }
        dead_ = true;
        return -1;
      }
      ssize_t n;
      if (ssl_) {
        int r = SSL_read(ssl_, buf_, sizeof buf_);
        if (r <= 0) {
          int e = SSL_get_error(ssl_, r);
          // Part of a record came: wait for the rest, within the same deadline.
          if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) continue;
          return e == SSL_ERROR_ZERO_RETURN ? 0 : -1;
        }
        n = r;
      } else {
        n = ::recv(sock_, buf_, sizeof buf_, 0);
        if (n <= 0) return n;
      }
      end_ = static_cast<size_t>(n);
      return n;
    }
  }

  // Follows the head byte by byte: its size, its lines, its blank last line.
  void Scan(char c) {
    if (++head_bytes_ > o_.max_head_bytes) {
      Refuse(431, "Request Header Fields Too Large", "invalid_argument",
             fmt::format("request head: over the limit of {} bytes", o_.max_head_bytes));
      return;
    }
    if (c == '\r') return;
    if (c != '\n') {
      ++line_len_;
      return;
    }
    if (line_len_ == 0 && lines_ > 0) {
      in_head_ = false;  // the blank line: the body (if any) follows
      return;
    }
    line_len_ = 0;
    if (++lines_ > o_.max_header_lines + 1) {  // + the request line
      Refuse(431, "Request Header Fields Too Large", "invalid_argument",
             fmt::format("request head: over the limit of {} header lines", o_.max_header_lines));
    }
  }

  ssize_t Send(const char* ptr, size_t size) {
    if (!ssl_) {
      pollfd p{sock_, POLLOUT, 0};
      if (::poll(&p, 1, o_.io_timeout_seconds * 1000) <= 0) return -1;
      // Never blocks: what fits now (the library writes the rest in its loop).
      return ::send(sock_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    auto until = SteadyClock::now() + std::chrono::seconds(o_.io_timeout_seconds);
    for (;;) {
      int r = SSL_write(ssl_, ptr, static_cast<int>(std::min<size_t>(size, 1 << 30)));
      if (r > 0) return r;
      int e = SSL_get_error(ssl_, r);
      if (e != SSL_ERROR_WANT_WRITE && e != SSL_ERROR_WANT_READ) return -1;
      auto left = std::chrono::ceil<std::chrono::milliseconds>(until - SteadyClock::now()).count();
      pollfd p{sock_, static_cast<short>(e == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN), 0};
      if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) return -1;
    }
  }

  const int sock_;
  const ServeOptions& o_;
  SSL* const ssl_;
  char buf_[16 * 1024];
  size_t begin_ = 0, end_ = 0;
  bool dead_ = false;
  bool close_after_ = false;
  bool in_head_ = true;
  size_t head_bytes_ = 0;
  int lines_ = 0;
  size_t line_len_ = 0;
  size_t body_bytes_ = 0;
  size_t body_limit_ = Api::kMaxSmallBodyBytes;
  SteadyClock::time_point head_deadline_, body_deadline_;
};

// The stream of the request this thread is serving, for the pre-routing
// handler (which the library gives only the request and the response).
thread_local LimitedStream* current_stream = nullptr;

// TLS handshake on a non-blocking socket within `seconds`; null on failure.
SSL* AcceptTls(SSL_CTX* ctx, int sock, int seconds) {
  SSL* ssl = SSL_new(ctx);
  if (!ssl) return nullptr;
  fcntl(sock, F_SETFL, fcntl(sock, F_GETFL) | O_NONBLOCK);
  SSL_set_fd(ssl, sock);
  auto until = SteadyClock::now() + std::chrono::seconds(seconds);
  for (;;) {
    int r = SSL_accept(ssl);
    if (r == 1) return ssl;
    int e = SSL_get_error(ssl, r);
    auto left = std::chrono::ceil<std::chrono::milliseconds>(until - SteadyClock::now()).count();
    pollfd p{sock, static_cast<short>(e == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN), 0};
    if ((e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) || left <= 0 ||
        ::poll(&p, 1, static_cast<int>(left)) <= 0) {
      SSL_free(ssl);
      return nullptr;
    }
  }
}

// cpp-httplib's server (Base: Server, or SSLServer for TLS) with its
// connection loop replaced: the library accepts and parses; this class
// decides how long and how much it may read.
template <class Base>
class LimitedServer : public Base {
 public:
  template <class... Args>
  explicit LimitedServer(const ServeOptions* o, Args&&... args) : Base(std::forward<Args>(args)...), o_(o) {}

 private:
  static constexpr bool kTls = std::is_base_of_v<httplib::SSLServer, Base>;

  bool process_and_close_socket(socket_t sock) override {
    std::string addr;
    {
      sockaddr_storage ss{};
      socklen_t len = sizeof ss;
      if (getpeername(sock, reinterpret_cast<sockaddr*>(&ss), &len) == 0) addr = AddressOf(ss, len, nullptr);
    }
    bool admitted = Enter(addr);
    SSL* ssl = nullptr;
    if constexpr (kTls) {
      // The handshake counts against the head's deadline; a refused
      // address gets no handshake at all (no answer it could read).
      if (admitted) ssl = AcceptTls(this->ssl_context(), sock, o_->head_timeout_seconds);
      if (!ssl) {
        if (admitted) Leave(addr);
        ::close(sock);
        return true;
      }
    }
    {
      LimitedStream strm(sock, *o_, ssl);
      if (admitted) {
        current_stream = &strm;
        for (int i = 0; i < ServeOptions::kKeepAliveRequests && this->is_running(); ++i) {
          if (!strm.WaitForRequest()) break;
          strm.BeginRequest();
          bool close = i + 1 == ServeOptions::kKeepAliveRequests;
          bool connection_closed = false;
          bool ok = this->process_request(strm, close, connection_closed, nullptr);
          if (!ok || close || connection_closed || strm.must_close()) break;
        }
        current_stream = nullptr;
        Leave(addr);
      } else {
        strm.Refuse(
            429, "Too Many Requests", "rate_limited",
            fmt::format("too many connections from {} (at most {} at once)", addr, o_->max_connections_per_address));
      }
    }
    if (ssl) {
      SSL_shutdown(ssl);  // close_notify, best effort (non-blocking)
      SSL_free(ssl);
    }
    // Lingering close: stop sending, then drain briefly what the client is
    // still sending, so a refusal is not lost to a reset.
    ::shutdown(sock, SHUT_WR);
    char sink[4096];
    auto until = SteadyClock::now() + std::chrono::milliseconds(200);
    for (int n = 0; n < 64 && SteadyClock::now() < until; ++n) {
      pollfd p{sock, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0 || ::recv(sock, sink, sizeof sink, 0) <= 0) break;
    }
    ::close(sock);
    return true;
  }

  bool Enter(const std::string& addr) {
    std::lock_guard<std::mutex> lock(mu_);
    int& n = open_[addr];
    if (n >= o_->max_connections_per_address) return false;
    ++n;
    return true;
  }
  void Leave(const std::string& addr) {
    std::lock_guard<std::mutex> lock(mu_);
    if (--open_[addr] <= 0) open_.erase(addr);
  }

  const ServeOptions* o_;
  std::mutex mu_;
  std::map<std::string, int> open_;  // connections per client address
};

}  // namespace

HttplibServer::HttplibServer(Api* api, ServeOptions options) : api_(api), options_(std::move(options)) {}

HttplibServer::~HttplibServer() = default;

Result<int> HttplibServer::Bind() {
  if (options_.threads < 1 || options_.threads > ServeOptions::kMaxThreads) {
    return Status::InvalidArgument(
        fmt::format("threads: want 1 to {}, got {}", ServeOptions::kMaxThreads, options_.threads));
  }
  if (options_.port < 0 || options_.port > 65535) {
    return Status::InvalidArgument(fmt::format("port: want 1 to 65535, got {}", options_.port));
  }
  if (!options_.tls_cert.empty() || !options_.tls_key.empty()) {
    auto ssl = std::make_unique<LimitedServer<httplib::SSLServer>>(&options_, options_.tls_cert.c_str(),
                                                                   options_.tls_key.c_str());
    if (!ssl->is_valid()) {
      return Status::InvalidArgument(
          fmt::format("cannot use TLS certificate '{}' with key '{}'", options_.tls_cert, options_.tls_key));
    }
    server_ = std::move(ssl);
  } else {
    server_ = std::make_unique<LimitedServer<httplib::Server>>(&options_);
  }
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    HttpResponse out = api_->Handle(FromHttplib(req));
    // The Api alone decides what goes compressed (Api::kGzipFrom: kept
    // answers, compressed once). Debian's library also gzips text/* answers
    // by itself, after this handler, whatever Content-Encoding they already
    // have: once the Api has read the request, the library must not see
    // that the client takes gzip. (The library's Request is not const; only
    // the handler's view of it is.)
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    res.status = out.status;
    for (const auto& [k, v] : out.headers) res.set_header(k, v);
    // set_content() would copy the body; this is what it does, moving it.
    res.body = std::move(out.body);
    res.set_header("Content-Type", out.content_type);
  };
  // Before the library reads a body: refuse compressed bodies (it would
  // inflate them without limit) and let the route decide how much body it
  // takes, so a stranger's upload is refused unread. Returns 0 when the
  // body may be read, else the status of the refusal written into `res`.
  auto admit = [this](const httplib::Request& req, httplib::Response& res) -> int {
    auto refuse = [&](int status, const Status& s) {
      HttpResponse out = ErrorResponse(s);
      res.status = status;
      res.body = std::move(out.body);
      res.set_header("Content-Type", out.content_type);
      res.set_header("Connection", "close");
      if (current_stream) current_stream->CloseAfterResponse();
      return status;
    };
    std::string encoding = ToLowerAscii(req.get_header_value("Content-Encoding"));
    if (!encoding.empty() && encoding != "identity") {
      return refuse(415,
                    Status::InvalidArgument("request body: compressed bodies (Content-Encoding) are not accepted"));
    }
    auto limit = api_->AdmitBody(FromHttplib(req), options_.max_body_bytes);
    if (!limit.ok()) return refuse(HttpStatusFor(limit.status().code()), limit.status());
    size_t n = std::min(*limit, options_.max_body_bytes);
    std::string length = req.get_header_value("Content-Length");
    bool too_long = length.size() > 19 || (!length.empty() && std::strtoull(length.c_str(), nullptr, 10) > n);
    if (too_long) {
      return refuse(
          413, Status::InvalidArgument(fmt::format("request body: over the limit of {} bytes for this endpoint", n)));
    }
    if (current_stream) current_stream->set_body_limit(n);
    return 0;
  };
  server_->set_pre_routing_handler([admit](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "GET" || req.method == "HEAD") return httplib::Server::HandlerResponse::Unhandled;
    return admit(req, res) == 0 ? httplib::Server::HandlerResponse::Unhandled
                                : httplib::Server::HandlerResponse::Handled;
  });
  // "Expect: 100-continue" (curl's large uploads): the same decision before
  // the client sends the body; a refusal is answered instead of 100.
  server_->set_expect_100_continue_handler([admit](const httplib::Request& req, httplib::Response& res) {
    int refused = admit(req, res);
    return refused == 0 ? 100 : refused;
  });
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->Delete(".*", handler);
  server_->set_payload_max_length(options_.max_body_bytes);
  server_->new_task_queue = [n = static_cast<size_t>(options_.threads)] { return new httplib::ThreadPool(n); };
  server_->set_keep_alive_max_count(ServeOptions::kKeepAliveRequests);
  // The library writes the headers and the body separately; with Nagle's
  // algorithm the body then waits for the client's delayed ACK (~40 ms on
  // Linux) on every keep-alive response. Accepted sockets inherit it.
  server_->set_tcp_nodelay(true);
  // The library's default also sets SO_REUSEPORT, which would let a second
  // process listen on our port and take a share of the connections (and their
  // session cookies). SO_REUSEADDR alone allows a quick restart.
  server_->set_socket_options([this](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd_ = sock;  // the last socket tried is the one that binds
  });
  if (options_.log) {
    server_->set_logger([log = options_.log](const httplib::Request& req, const httplib::Response& res) {
      log(fmt::format("{} {} {}", req.method, req.path, res.status));
    });
  }
  int port = options_.port;
  if (port == 0) {
    port = server_->bind_to_any_port(options_.bind);
    if (port < 0) return Status::IoError(fmt::format("cannot listen on {} (any port)", options_.bind));
  } else if (!server_->bind_to_port(options_.bind, port)) {
    return Status::IoError(
        fmt::format("cannot listen on {}:{} (in use, or not an address of this machine?)", options_.bind, port));
  }
  // This library version listens with a backlog of 5: a burst of new
  // connections (a page's parallel requests, clients reconnecting) overflows
  // it, and the dropped SYNs are retried a second later. Calling listen()
  // again on the listening socket raises the backlog (Linux, BSD).
  if (listen_fd_ >= 0) ::listen(listen_fd_, SOMAXCONN);
  return port;
}

Status HttplibServer::Run() {
  if (!server_->listen_after_bind()) return Status::IoError("the server stopped with a socket error");
  return Status::Ok();
}

bool HttplibServer::running() const { return server_ && server_->is_running(); }

void HttplibServer::Stop() {
  if (server_) server_->stop();
}

}  // namespace bh
