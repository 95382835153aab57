#include "base/module.h"

#include <dlfcn.h>
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <system_error>

#include "base/strings.h"

#ifndef BLUEHELMET_MODULE_DIR
#define BLUEHELMET_MODULE_DIR ""
#endif

namespace bh {

std::vector<std::string> ModuleSearchPath() {
  static const std::vector<std::string> path = [] {
    std::vector<std::string> dirs;
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec && exe.has_parent_path()) dirs.push_back(exe.parent_path().string());
    const std::string built = BLUEHELMET_MODULE_DIR;
    if (!built.empty() && (dirs.empty() || dirs.front() != built)) dirs.push_back(built);
    return dirs;
  }();
  return path;
}

Result<void*> ModuleEntry(const std::string& name, const std::string& entry) {
  static std::mutex mu;
  static std::map<std::string, void*> loaded;  // never unloaded
  std::lock_guard<std::mutex> lock(mu);
  const std::string file = name + ".so";
  void* handle = nullptr;
  if (auto it = loaded.find(name); it != loaded.end()) {
    handle = it->second;
  } else {
    const std::vector<std::string> dirs = ModuleSearchPath();
    std::string reason = "not found";
    for (const std::string& dir : dirs) {
      const std::string path = (std::filesystem::path(dir) / file).string();
      std::error_code ec;
      if (!std::filesystem::exists(path, ec)) continue;
      handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (handle) break;
      const char* err = dlerror();
      reason = err ? err : "dlopen failed";
      break;  // a module that exists but does not load is an error, not a reason to look further
    }
    if (!handle) {
      return Status::Internal(
          fmt::format("cannot load the module {} (looked in {}): {}", file, Join(dirs, " and "), reason));
    }
    loaded.emplace(name, handle);
  }
  dlerror();
  void* sym = dlsym(handle, entry.c_str());
  if (!sym) {
    const char* err = dlerror();
    return Status::Internal(fmt::format("the module {} has no entry {}: {}", file, entry, err ? err : "not found"));
  }
  return sym;
}

}  // namespace bh
