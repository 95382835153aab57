// Bluehelmet's own plugin modules: shared objects built with the binary
// that hold the code needing a heavy third-party library (poppler for PDF
// reading and page pictures, cpp-httplib with OpenSSL for the web server),
// loaded the first time a command needs them. A query process never maps
// those libraries: loading them cost more than the query itself (issue 16,
// goal 5; docs/performance.md).
//
// A module named "bluehelmet-poppler" is the file "bluehelmet-poppler.so",
// looked for in the directory of the running executable, then in the build
// directory the executable was compiled in (so tests, benchmarks and
// fuzzers built in sub-directories find it). Each module exports one C
// function, its entry, that returns a table of functions; the table's
// layout is the contract between the executable and the module, both built
// from the same sources by the same compiler.
//
// Thread safety: thread-safe; a module is loaded at most once per process and
// never unloaded.
#ifndef BLUEHELMET_BASE_MODULE_H_
#define BLUEHELMET_BASE_MODULE_H_

#include <string>
#include <vector>

#include "base/result.h"

namespace bh {

// The address of `entry` in module `name`, loading the module on first use.
// Internal error (the binary is incomplete, not the user's input): "cannot
// load the module bluehelmet-poppler.so (looked in DIR1 and DIR2): REASON".
Result<void*> ModuleEntry(const std::string& name, const std::string& entry);

// The directories searched, in order. Pure after the first call.
std::vector<std::string> ModuleSearchPath();

// The table of functions a module's entry returns (`const Table* entry()`),
// checked to be of `version` (Table has an int `version` first). Internal
// error when the module cannot be loaded or is of another version.
template <typename Table>
Result<const Table*> LoadModuleTable(const std::string& name, const std::string& entry, int version) {
  BH_ASSIGN_OR_RETURN(void* fn, ModuleEntry(name, entry));
  const Table* table = reinterpret_cast<const Table* (*)()>(fn)();
  if (table == nullptr || table->version != version) {
    return Status::Internal("the module " + name + ".so is of another version (" +
                            std::to_string(table ? table->version : 0) + ", want " + std::to_string(version) +
                            "): rebuild it");
  }
  return table;
}

}  // namespace bh

#endif  // BLUEHELMET_BASE_MODULE_H_
