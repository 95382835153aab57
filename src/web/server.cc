#include "web/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include "base/strings.h"

namespace bh {

namespace {

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

}  // namespace

WebServer::WebServer(Api* api, ServeOptions options) : api_(api), options_(std::move(options)) {}

WebServer::~WebServer() = default;

Result<int> WebServer::Bind() {
  if (options_.threads < 1 || options_.threads > ServeOptions::kMaxThreads) {
    return Status::InvalidArgument(
        fmt::format("threads: want 1 to {}, got {}", ServeOptions::kMaxThreads, options_.threads));
  }
  if (!options_.tls_cert.empty() || !options_.tls_key.empty()) {
    auto ssl = std::make_unique<httplib::SSLServer>(options_.tls_cert.c_str(), options_.tls_key.c_str());
    if (!ssl->is_valid()) {
      return Status::InvalidArgument(
          fmt::format("cannot use TLS certificate '{}' with key '{}'", options_.tls_cert, options_.tls_key));
    }
    server_ = std::move(ssl);
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    HttpResponse out = api_->Handle(FromHttplib(req));
    res.status = out.status;
    for (const auto& [k, v] : out.headers) res.set_header(k, v);
    // set_content() would copy the body; this is what it does, moving it.
    res.body = std::move(out.body);
    res.set_header("Content-Type", out.content_type);
  };
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
    return Status::IoError(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine?)",
                                       options_.bind, port));
  }
  // This library version listens with a backlog of 5: a burst of new
  // connections (a page's parallel requests, clients reconnecting) overflows
  // it, and the dropped SYNs are retried a second later. Calling listen()
  // again on the listening socket raises the backlog (Linux, BSD).
  if (listen_fd_ >= 0) ::listen(listen_fd_, SOMAXCONN);
  return port;
}

Status WebServer::Run() {
  if (!server_->listen_after_bind()) return Status::IoError("the server stopped with a socket error");
  return Status::Ok();
}

bool WebServer::running() const { return server_ && server_->is_running(); }

void WebServer::Stop() {
  if (server_) server_->stop();
}

}  // namespace bh
