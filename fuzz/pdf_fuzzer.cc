// libFuzzer harness: any bytes through poppler's word extraction, the report
// parser and the check of printed totals must give a Status or a value,
// never a crash. Seeds: small real-layout PDFs you copy into the corpus
// folder (the UN files are not committed).
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
    if (report.ok()) (void)bh::pdf::CheckPrintedTotals(*report);
  }
  return 0;
}
