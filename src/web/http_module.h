// The contract between the executable and the module bluehelmet-http
// (base/module.h): the web server (server.cc, cpp-httplib, OpenSSL) is
// compiled into the module, and WebServer (server.h) drives it through this
// table, loading the module on its first Bind(). The module calls back into
// the executable's Api (Api::Handle, Api::AdmitBody), which the executable
// exports for it (src/web/CMakeLists.txt); everything else the module uses
// is its own copy, hidden.
//
// kHttpModuleVersion changes whenever the table's layout does; a module of
// another version is refused.
#ifndef BLUEHELMET_WEB_HTTP_MODULE_H_
#define BLUEHELMET_WEB_HTTP_MODULE_H_

#include "base/result.h"
#include "web/server.h"

namespace bh {

inline constexpr int kHttpModuleVersion = 1;
inline constexpr char kHttpModuleName[] = "bluehelmet-http";
inline constexpr char kHttpModuleEntry[] = "bh_http_module";

struct HttpModule {
  int version = kHttpModuleVersion;
  HttplibServer* (*create)(Api* api, const ServeOptions& options);
  void (*destroy)(HttplibServer* server);
  Result<int> (*bind)(HttplibServer* server);
  Status (*run)(HttplibServer* server);
  bool (*running)(const HttplibServer* server);
  void (*stop)(HttplibServer* server);
};

// The module's table, loaded on first call; Internal error when the module
// is missing, does not load, or has another version.
Result<const HttpModule*> LoadHttpModule();

}  // namespace bh

// The module's entry (exported by bluehelmet-http.so).
extern "C" const bh::HttpModule* bh_http_module();

#endif  // BLUEHELMET_WEB_HTTP_MODULE_H_
