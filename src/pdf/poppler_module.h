// The contract between the executable and the module bluehelmet-poppler
// (base/module.h): the functions of pdf_text.h and source_page.h that need
// poppler are compiled into the module (pdf_text.cc, poppler_render.cc,
// poppler_entry.cc), and the executable's definitions of the same functions
// (poppler_forward.cc) call them through this table, loading the module on
// first use. So a process that reads no PDF never maps poppler and the ~20
// libraries it pulls in.
//
// The table is built by the same compiler from the same headers as the
// executable; kPopplerModuleVersion changes whenever its layout does, and a
// module of another version is refused.
#ifndef BLUEHELMET_PDF_POPPLER_MODULE_H_
#define BLUEHELMET_PDF_POPPLER_MODULE_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pdf/pdf_text.h"
#include "pdf/source_page.h"

namespace bh::pdf {

inline constexpr int kPopplerModuleVersion = 1;
inline constexpr char kPopplerModuleName[] = "bluehelmet-poppler";
inline constexpr char kPopplerModuleEntry[] = "bh_poppler_module";

struct PopplerModule {
  int version = kPopplerModuleVersion;
  Result<std::vector<Page>> (*extract_pages)(std::string_view pdf_bytes, const std::string& name);
  Result<Page> (*extract_page)(std::string_view pdf_bytes, const std::string& name, int page_number);
  void (*init)();
  Result<Raster> (*render_page)(std::string_view pdf_bytes, const std::string& name, int page, double dpi);
  Status (*save_png)(const Raster& r, const std::string& path);
  Result<std::string> (*encode_png)(const Raster& r);
};

// The module's table, loaded on first call; Internal error when the module
// is missing, does not load, or has another version.
Result<const PopplerModule*> LoadPopplerModule();

}  // namespace bh::pdf

// The module's entry (exported by bluehelmet-poppler.so).
extern "C" const bh::pdf::PopplerModule* bh_poppler_module();

#endif  // BLUEHELMET_PDF_POPPLER_MODULE_H_
