// WebServer (server.h): the executable's handle on the server of the module
// bluehelmet-http (http_module.h), loaded by the first Bind().
#include "base/module.h"
#include "web/http_module.h"
#include "web/server.h"

namespace bh {

Result<const HttpModule*> LoadHttpModule() {
  static const Result<const HttpModule*> module =
      LoadModuleTable<HttpModule>(kHttpModuleName, kHttpModuleEntry, kHttpModuleVersion);
  return module;
}

WebServer::WebServer(Api* api, ServeOptions options) : api_(api), options_(std::move(options)) {}

WebServer::~WebServer() {
  if (impl_) module_->destroy(impl_);
}

Result<int> WebServer::Bind() {
  if (!impl_) {
    BH_ASSIGN_OR_RETURN(module_, LoadHttpModule());
    impl_ = module_->create(api_, options_);
  }
  return module_->bind(impl_);
}

Status WebServer::Run() {
  if (!impl_) return Status::Internal("WebServer::Run before a successful Bind");
  return module_->run(impl_);
}

bool WebServer::running() const { return impl_ && module_->running(impl_); }

void WebServer::Stop() {
  if (impl_) module_->stop(impl_);
}

}  // namespace bh
