// Writes a real PDF from text cells placed on pages, so that tests can run
// the whole reader (poppler's extraction, layout recognition, parsing, the
// import) on a layout known only from its description, such as the 2016-11
// report that SOURCES.md describes without the file. Test-only.
//
// The PDF uses the standard Helvetica font (not embedded; Courier too for
// MakePdfWithContents), one uncompressed content stream per page, and a cross-reference table with computed
// offsets, which poppler reads without repair. Text must be printable ASCII.
#ifndef BLUEHELMET_PDF_TEST_PDF_H_
#define BLUEHELMET_PDF_TEST_PDF_H_

#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bh::pdf::testing {

// One piece of text: its left edge and its baseline, in points from the
// top-left corner of a 612 x 792 page.
struct PdfCell {
  double x = 0;
  double baseline = 0;
  std::string text;
};

using PdfPage = std::vector<PdfCell>;

inline std::string PdfString(std::string_view text) {
  std::string out = "(";
  for (char c : text) {
    if (c < 0x20 || c > 0x7e) throw std::invalid_argument("MakePdf: text must be printable ASCII");
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

// A PDF whose pages have the given content streams (uncompressed), with
// two fonts, /F1 Helvetica and /F2 Courier, and a graphics state /GS1 that
// sets only line width and alpha.
inline std::string MakePdfWithContents(const std::vector<std::string>& contents) {
  // Objects: 1 catalog, 2 page tree, 3 and 4 the fonts, then a page and its
  // content stream for each page.
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", "",
                                      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                                      "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"};
  std::string kids;
  for (const std::string& content : contents) {
    const size_t page_obj = objects.size() + 1;
    kids += std::to_string(page_obj) + " 0 R ";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " + std::to_string(page_obj + 1) +
                      " 0 R /Resources << /Font << /F1 3 0 R /F2 4 0 R >>"
                      " /ExtGState << /GS1 << /Type /ExtGState /CA 0.5 /LW 2 >> >> >> >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream");
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(contents.size()) + " >>";
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    pdf += buf;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

inline std::string MakePdf(const std::vector<PdfPage>& pages, double font_size = 8) {
  std::vector<std::string> contents;
  for (const PdfPage& page : pages) {
    std::string content;
    for (const PdfCell& c : page) {
      char pos[64];
      std::snprintf(pos, sizeof pos, "%.2f %.2f", c.x, 792.0 - c.baseline);
      content += "BT /F1 " + std::to_string(font_size) + " Tf " + pos + " Td " + PdfString(c.text) + " Tj ET\n";
    }
    contents.push_back(std::move(content));
  }
  return MakePdfWithContents(contents);
}

}  // namespace bh::pdf::testing

#endif  // BLUEHELMET_PDF_TEST_PDF_H_
