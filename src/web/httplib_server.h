// HttplibServer: the web server of server.h as the module bluehelmet-http
// builds it (server.cc, with cpp-httplib and OpenSSL). WebServer (server.h)
// is its handle in the executable and documents the behaviour; this class
// has the same methods and contracts.
//
// Only the module includes this header.
#ifndef BLUEHELMET_WEB_HTTPLIB_SERVER_H_
#define BLUEHELMET_WEB_HTTPLIB_SERVER_H_

#include <memory>

#include "web/server.h"

namespace httplib {
class Server;
}

namespace bh {

class HttplibServer {
 public:
  // REQUIRES: api outlives the server.
  HttplibServer(Api* api, ServeOptions options);
  ~HttplibServer();
  HttplibServer(const HttplibServer&) = delete;
  HttplibServer& operator=(const HttplibServer&) = delete;

  Result<int> Bind();    // as WebServer::Bind
  Status Run();          // as WebServer::Run
  bool running() const;  // as WebServer::running
  void Stop();           // as WebServer::Stop

 private:
  Api* api_;
  ServeOptions options_;
  std::unique_ptr<httplib::Server> server_;
  int listen_fd_ = -1;  // the listening socket, owned by server_
};

}  // namespace bh

#endif  // BLUEHELMET_WEB_HTTPLIB_SERVER_H_
