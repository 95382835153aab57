// The executable's side of poppler_module.h: pdf_text.h's and
// source_page.h's functions that need poppler, forwarded to the module
// bluehelmet-poppler, loaded on the first call.
#include "base/module.h"
#include "pdf/poppler_module.h"

namespace bh::pdf {

Result<const PopplerModule*> LoadPopplerModule() {
  static const Result<const PopplerModule*> module =
      LoadModuleTable<PopplerModule>(kPopplerModuleName, kPopplerModuleEntry, kPopplerModuleVersion);
  return module;
}

Result<std::vector<Page>> ExtractPages(std::string_view pdf_bytes, const std::string& name) {
  BH_ASSIGN_OR_RETURN(const PopplerModule* m, LoadPopplerModule());
  return m->extract_pages(pdf_bytes, name);
}

Result<Page> ExtractPage(std::string_view pdf_bytes, const std::string& name, int page_number) {
  BH_ASSIGN_OR_RETURN(const PopplerModule* m, LoadPopplerModule());
  return m->extract_page(pdf_bytes, name, page_number);
}

void InitPoppler() {
  // Errors surface at the first extraction, with their message.
  if (auto m = LoadPopplerModule(); m.ok()) (*m)->init();
}

Result<Raster> RenderPage(std::string_view pdf_bytes, const std::string& name, int page, double dpi) {
  BH_ASSIGN_OR_RETURN(const PopplerModule* m, LoadPopplerModule());
  return m->render_page(pdf_bytes, name, page, dpi);
}

Status SavePng(const Raster& r, const std::string& path) {
  BH_ASSIGN_OR_RETURN(const PopplerModule* m, LoadPopplerModule());
  return m->save_png(r, path);
}

Result<std::string> EncodePng(const Raster& r) {
  BH_ASSIGN_OR_RETURN(const PopplerModule* m, LoadPopplerModule());
  return m->encode_png(r);
}

}  // namespace bh::pdf
