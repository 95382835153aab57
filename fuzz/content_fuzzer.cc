// libFuzzer harness: any bytes as a page's decoded content stream through
// TextOnlyContent (pdf/content_stream.h) must give a copy or a refusal,
// never a crash; a copy is never longer than the stream, and copying the
// copy changes nothing (the liveness pass reaches its end in one call).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pdf/content_stream.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  bh::pdf::PageContext page;
  page.after = (data[0] & 1) ? bh::pdf::AfterContent::kAnnotations : bh::pdf::AfterContent::kNothing;
  page.plain_graphics_states = {"GS1", "G"};
  std::string once;
  if (!bh::pdf::TextOnlyContent(content, page, &once)) return 0;
  if (once.size() > content.size()) std::abort();
  std::string twice;
  if (!bh::pdf::TextOnlyContent(once, page, &twice) || twice != once) std::abort();
  return 0;
}
