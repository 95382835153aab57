// The executable's WriteXlsxTables (publication.h): forwarded to the module
// bluehelmet-xlsx (xlsx_module.h), loaded on the first call.
#include "base/module.h"
#include "publish/publication.h"
#include "publish/xlsx_module.h"

namespace bh {

Result<const XlsxModule*> LoadXlsxModule() {
  static const Result<const XlsxModule*> module =
      LoadModuleTable<XlsxModule>(kXlsxModuleName, kXlsxModuleEntry, kXlsxModuleVersion);
  return module;
}

Status WriteXlsxTables(const std::vector<Table>& tables, const std::string& path) {
  BH_ASSIGN_OR_RETURN(const XlsxModule* m, LoadXlsxModule());
  return m->write_tables(tables, path);
}

}  // namespace bh
