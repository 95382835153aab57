// The executable's WriteXlsxTables (publication.h): forwarded to the module
// bluehelmet-xlsx (xlsx_module.h), loaded on the first call.
#include <fmt/format.h>

#include "base/module.h"
#include "publish/publication.h"
#include "publish/xlsx_module.h"

namespace bh {

Result<const XlsxModule*> LoadXlsxModule() {
  static const Result<const XlsxModule*> module = []() -> Result<const XlsxModule*> {
    BH_ASSIGN_OR_RETURN(void* entry, ModuleEntry(kXlsxModuleName, kXlsxModuleEntry));
    const XlsxModule* table = reinterpret_cast<const XlsxModule* (*)()>(entry)();
    if (table == nullptr || table->version != kXlsxModuleVersion) {
      return Status::Internal(fmt::format("the module {}.so is of another version ({}, want {}): rebuild it",
                                          kXlsxModuleName, table ? table->version : 0, kXlsxModuleVersion));
    }
    return table;
  }();
  return module;
}

Status WriteXlsxTables(const std::vector<Table>& tables, const std::string& path) {
  BH_ASSIGN_OR_RETURN(const XlsxModule* m, LoadXlsxModule());
  return m->write_tables(tables, path);
}

}  // namespace bh
