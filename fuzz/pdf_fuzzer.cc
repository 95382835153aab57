// libFuzzer harness: any bytes through poppler's word extraction and the
// report parser must give a Status, never a crash. Seeds: small real-layout
// PDFs you copy into the corpus folder (the UN files are not committed).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pdf/contribution_report.h"
#include "pdf/pdf_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto pages = bh::pdf::ExtractPages(bytes, "fuzz.pdf");
  if (pages.ok()) {
    auto report = bh::pdf::ParseReport(*pages, "fuzz.pdf");
    if (report.ok()) (void)bh::pdf::Reconcile(*report);
  }
  return 0;
}
