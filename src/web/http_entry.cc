// The entry of the module bluehelmet-http (http_module.h): the only symbol
// the module exports.
#include "web/http_module.h"
#include "web/httplib_server.h"

namespace {

bh::HttplibServer* Create(bh::Api* api, const bh::ServeOptions& options) { return new bh::HttplibServer(api, options); }
void Destroy(bh::HttplibServer* s) { delete s; }
bh::Result<int> Bind(bh::HttplibServer* s) { return s->Bind(); }
bh::Status Run(bh::HttplibServer* s) { return s->Run(); }
bool Running(const bh::HttplibServer* s) { return s->running(); }
void Stop(bh::HttplibServer* s) { s->Stop(); }

}  // namespace

extern "C" __attribute__((visibility("default"))) const bh::HttpModule* bh_http_module() {
  static const bh::HttpModule table = {bh::kHttpModuleVersion, &Create, &Destroy, &Bind, &Run, &Running, &Stop};
  return &table;
}
