// WebServer: `bluehelmet serve`, cpp-httplib (Debian's libcpp-httplib)
// around the transport-free Api.
//
// Every request, whatever its path and method, is converted to an
// HttpRequest and answered by Api::Handle, so routing, access and error
// translation live in one place (api.cc). The library contributes sockets,
// HTTP parsing, multipart uploads, TLS (with a certificate and key) and its
// thread pool; Api is thread-safe (see api.h).
//
// Thread safety: Bind/Run from one thread; Stop() from any thread.
#ifndef BLUEHELMET_WEB_SERVER_H_
#define BLUEHELMET_WEB_SERVER_H_

#include <functional>
#include <memory>
#include <string>

#include "base/result.h"
#include "web/api.h"

namespace httplib {
class Server;
}

namespace bh {

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;            // 0: any free port (tests)
  std::string tls_cert, tls_key;  // both set: HTTPS
  size_t max_body_bytes = 80u << 20;
  // One line per request ("GET /api/scorecard 200"); null: quiet.
  std::function<void(const std::string&)> log;
};

class WebServer {
 public:
  // REQUIRES: api outlives the server.
  WebServer(Api* api, ServeOptions options);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds the address; returns the port. IoError "cannot listen on
  // 127.0.0.1:8080 (in use?)"; InvalidArgument for an unreadable
  // certificate or key.
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
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace bh

#endif  // BLUEHELMET_WEB_SERVER_H_
