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
    res.set_content(std::move(out.body), out.content_type);
  };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->Delete(".*", handler);
  server_->set_payload_max_length(options_.max_body_bytes);
  // The library's default also sets SO_REUSEPORT, which would let a second
  // process listen on our port and take a share of the connections (and their
  // session cookies). SO_REUSEADDR alone allows a quick restart.
  server_->set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
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
