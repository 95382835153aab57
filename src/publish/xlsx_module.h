// The contract between the executable and the module bluehelmet-xlsx
// (base/module.h): WriteXlsxTables (publication.h) is compiled into the
// module (xlsx_writer.cc, sheet_names.cc) with libxlsxwriter, and the
// executable's WriteXlsxTables (xlsx_forward.cc) calls it through this
// table, loading the module on first use.
//
// kXlsxModuleVersion changes whenever the table's layout does; a module of
// another version is refused.
#ifndef BLUEHELMET_PUBLISH_XLSX_MODULE_H_
#define BLUEHELMET_PUBLISH_XLSX_MODULE_H_

#include <string>
#include <vector>

#include "base/result.h"
#include "table/table.h"

namespace bh {

inline constexpr int kXlsxModuleVersion = 1;
inline constexpr char kXlsxModuleName[] = "bluehelmet-xlsx";
inline constexpr char kXlsxModuleEntry[] = "bh_xlsx_module";

struct XlsxModule {
  int version = kXlsxModuleVersion;
  Status (*write_tables)(const std::vector<Table>& tables, const std::string& path);
};

// The module's table, loaded on first call; Internal error when the module
// is missing, does not load, or has another version.
Result<const XlsxModule*> LoadXlsxModule();

}  // namespace bh

// The module's entry (exported by bluehelmet-xlsx.so).
extern "C" const bh::XlsxModule* bh_xlsx_module();

#endif  // BLUEHELMET_PUBLISH_XLSX_MODULE_H_
