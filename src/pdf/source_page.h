// A report page shown back to the reader: the text and box of the lines a
// figure was read from, and the page drawn with those lines boxed
// (`bluehelmet source --png`).
//
// Lines are addressed as the importer stores them: a 1-based page and the
// 1-based index GroupLines gives the line on that page (ReportRow::line), so
// re-reading a stored (page, line) finds the very words the row was read
// from. No database here: callers pass the PDF's bytes.
//
// Rendering uses poppler-cpp's Splash renderer (page_renderer); the PNG is
// written by poppler::image::save, which Debian's poppler-cpp 22.12 builds
// with libpng (it lists "png" in image::supported_image_formats()), so no
// image library of our own is needed.
//
// Thread safety: as ExtractPages (pdf_text.h): calls on different inputs may
// run on several threads. A Raster is a plain value.
#ifndef BLUEHELMET_PDF_SOURCE_PAGE_H_
#define BLUEHELMET_PDF_SOURCE_PAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pdf/layout.h"
#include "pdf/pdf_text.h"

namespace bh::pdf {

// A rectangle in PDF points, origin top-left, y downward (as Word).
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// The union of a line's word boxes.
Box LineBox(const Line& line);

// One line of a page as printed.
struct PrintedLine {
  int page = 0;                            // 1-based
  int line = 0;                            // 1-based, GroupLines order
  std::string text;                        // the words joined with single spaces (Line::Text)
  Box box;                                 // union of its words
  double page_width = 0, page_height = 0;  // points
};

// Reads line `line` of page `page`. `name` prefixes errors: NotFound
// "<name>: no page 40 (the PDF has 32 pages)" or "<name>: page 29 has 38
// lines, no line 45", and the errors of ExtractPage.
Result<PrintedLine> ReadPrintedLine(std::string_view pdf_bytes, const std::string& name, int page, int line);

// The same line found on an already extracted page.
Result<PrintedLine> FindPrintedLine(const Page& page, const std::string& name, int line);

// An ARGB image, row-major, one uint32_t 0xAARRGGBB per pixel.
struct Raster {
  int width = 0, height = 0;
  double dpi = 0;  // pixels per inch the page was rendered at
  std::vector<uint32_t> pixels;

  uint32_t At(int x, int y) const {
    return pixels[static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)];
  }
};

// How a row is boxed: a red border this many pixels wide, drawn this far
// (in points) outside the union of the line's words.
inline constexpr uint32_t kBoxRed = 0xFFFF0000;
inline constexpr int kBoxBorderPx = 3;
inline constexpr double kBoxMarginPt = 2;

// RenderPage, SavePng and EncodePng run in the module bluehelmet-poppler
// (poppler_module.h), loaded on the first call.

// Renders page `page` (1-based) at `dpi` on white paper, antialiased.
// Errors as ExtractPage; InvalidArgument when dpi is outside [36, 600];
// Internal when poppler cannot render.
Result<Raster> RenderPage(std::string_view pdf_bytes, const std::string& name, int page, double dpi);

// The pixel rectangle a box in points covers at the raster's dpi, grown by
// `margin_pt` on every side so a border drawn on it clears the glyphs:
// [x0, x1] x [y0, y1], inclusive, clamped to the raster.
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
PixelRect ToPixels(const Raster& r, const Box& box, double margin_pt);

// Draws the outline of `rect`, `thickness` pixels wide, inward from its
// edges, in `color`.
void DrawRect(Raster* r, const PixelRect& rect, int thickness, uint32_t color);

// Writes the raster as PNG to `path` (via a temporary file and rename, so a
// reader never sees half a file). IoError names the path.
Status SavePng(const Raster& r, const std::string& path);

// The raster as PNG bytes (SavePng to a private temporary file, read back
// and removed: poppler writes PNG only to files). IoError when the
// temporary directory cannot be written.
Result<std::string> EncodePng(const Raster& r);

}  // namespace bh::pdf

#endif  // BLUEHELMET_PDF_SOURCE_PAGE_H_
