#include "pdf/source_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

// The functions that need poppler (RenderPage, SavePng, EncodePng) are in
// poppler_render.cc, compiled into the module bluehelmet-poppler.
//
// Rendering a page whose fonts are not embedded (the UN reports' base-14
// fonts) makes poppler ask fontconfig for a system font, and fontconfig
// loads its configuration once per process and keeps it until exit
// (FcInitLoadConfigAndFonts). LeakSanitizer reports that as a leak at exit
// and fails the debug build's binaries; it is fontconfig's by design, so
// allocations made inside libfontconfig are suppressed (the fast unwinder
// sees only its unsymbolised frames, so the function name cannot be
// matched). Unused without sanitizers.
// The list of suppressions used is not printed at exit: stderr is the
// command's.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }

namespace bh::pdf {

Box LineBox(const Line& line) {
  Box b{line.words.front()->x0, line.y0, line.words.front()->x1, line.y1};
  for (const Word* w : line.words) {
    b.x0 = std::min(b.x0, w->x0);
    b.x1 = std::max(b.x1, w->x1);
  }
  return b;
}

Result<PrintedLine> FindPrintedLine(const Page& page, const std::string& name, int line) {
  std::vector<Line> lines = GroupLines(page);
  if (line < 1 || static_cast<size_t>(line) > lines.size()) {
    return Status::NotFound(fmt::format("{}: page {} has {} lines, no line {}", name, page.number, lines.size(), line));
  }
  const Line& l = lines[static_cast<size_t>(line - 1)];
  return PrintedLine{page.number, l.index, l.Text(), LineBox(l), page.width, page.height};
}

Result<PrintedLine> ReadPrintedLine(std::string_view pdf_bytes, const std::string& name, int page, int line) {
  BH_ASSIGN_OR_RETURN(Page p, ExtractPage(pdf_bytes, name, page));
  return FindPrintedLine(p, name, line);
}

PixelRect ToPixels(const Raster& r, const Box& box, double margin_pt) {
  const double scale = r.dpi / 72.0;
  auto clamp = [](double v, int hi) { return std::clamp(static_cast<int>(v), 0, std::max(hi, 0)); };
  return {clamp(std::floor((box.x0 - margin_pt) * scale), r.width - 1),
          clamp(std::floor((box.y0 - margin_pt) * scale), r.height - 1),
          clamp(std::ceil((box.x1 + margin_pt) * scale), r.width - 1),
          clamp(std::ceil((box.y1 + margin_pt) * scale), r.height - 1)};
}

void DrawRect(Raster* r, const PixelRect& rect, int thickness, uint32_t color) {
  auto fill = [&](int x0, int y0, int x1, int y1) {
    x0 = std::max(x0, 0);
    y0 = std::max(y0, 0);
    x1 = std::min(x1, r->width - 1);
    y1 = std::min(y1, r->height - 1);
    for (int y = y0; y <= y1; ++y) {
      for (int x = x0; x <= x1; ++x)
        r->pixels[static_cast<size_t>(y) * static_cast<size_t>(r->width) + static_cast<size_t>(x)] = color;
    }
  };
  const int t = std::max(thickness, 1) - 1;
  fill(rect.x0, rect.y0, rect.x1, rect.y0 + t);  // top
  fill(rect.x0, rect.y1 - t, rect.x1, rect.y1);  // bottom
  fill(rect.x0, rect.y0, rect.x0 + t, rect.y1);  // left
  fill(rect.x1 - t, rect.y0, rect.x1, rect.y1);  // right
}

}  // namespace bh::pdf
