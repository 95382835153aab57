#include "pdf/pdf_text.h"

#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <fmt/format.h>
#include <goo/GooString.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>

#include "base/utf8.h"

namespace bh::pdf {

namespace {

// A one-page PDF showing one word, to warm poppler up.
std::string WarmUpPdf() {
  const std::string content = "BT /F1 12 Tf 72 700 Td (x) Tj ET";
  const std::string objects[] = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  std::string pdf = "%PDF-1.4\n";
  std::string xref = "xref\n0 6\n0000000000 65535 f \n";
  int n = 0;
  for (const std::string& o : objects) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", pdf.size());
    xref += entry;
    pdf += std::to_string(++n) + " 0 obj\n" + o + "\nendobj\n";
  }
  const size_t start = pdf.size();
  return pdf + xref + "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + std::to_string(start) + "\n%%EOF\n";
}

}  // namespace

// Runs once per process, before any document is read:
// - Poppler prints its complaints about damaged files to stderr; the caller
//   gets a Status instead. The hook is process-global.
// - Poppler 22.12 creates its colour-management statics (GfxState's sRGB and
//   XYZ profiles) lazily and without a lock in the first GfxState it builds.
//   Two threads reading their first pages at once would race on them, so
//   one tiny page is read here first. After that, documents may be read
//   from several threads (GlobalParams and poppler-cpp's init have locks).
// - ExtractPages drives poppler's own TextOutputDev (the private API of
//   libpoppler-private-dev), which needs poppler's GlobalParams. Poppler
//   counts its users and destroys GlobalParams whenever the count falls to
//   zero, so that each document would build them again; one user held for
//   the life of the process keeps them (and their font and CMap caches).
void InitPoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    static GlobalParamsIniter* const params = new GlobalParamsIniter([](ErrorCategory, Goffset, const char*) {});
    (void)params;
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    const std::string pdf = WarmUpPdf();
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
    if (doc == nullptr) return;
    std::unique_ptr<poppler::page> page(doc->create_page(0));
    if (page != nullptr) (void)page->text_list();
  });
}

namespace {

bool LooksLikePdf(std::string_view bytes) {
  // The header may follow up to 1024 bytes of junk (PDF 32000-1 annex H).
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

// A word's text as UTF-8; false when empty. Poppler writes the word in
// UTF-8 (GlobalParams' text encoding); poppler-cpp's text_list, which this
// replaces, passed that through iconv to UTF-16 and back, which keeps the
// bytes up to the first NUL or the first byte that begins no well-formed
// sequence: the same prefix is kept here, without the two conversions.
bool WordText(const TextWord& word, std::string* out) {
  const std::unique_ptr<GooString> text(word.getText());
  std::string_view bytes(text->c_str(), std::strlen(text->c_str()));
  const size_t bad = FirstInvalidUtf8(bytes);
  if (bad != std::string_view::npos) bytes = bytes.substr(0, bad);
  out->assign(bytes);
  return !out->empty();
}

// Opens the document, or says why it cannot be read.
Result<std::unique_ptr<PDFDoc>> OpenDocument(std::string_view pdf_bytes, const std::string& name) {
  if (!LooksLikePdf(pdf_bytes)) return Status::InvalidData(name + ": not a PDF file");
  if (pdf_bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status::InvalidData(name + ": PDF too large");
  }
  // Shorter than any PDF poppler opens (poppler-cpp refused it unread).
  if (pdf_bytes.size() < 10) return Status::InvalidData(name + ": damaged PDF: cannot be opened");
  InitPoppler();
  // MemStream does not copy: the caller keeps pdf_bytes alive.
  auto doc = std::make_unique<PDFDoc>(
      new MemStream(pdf_bytes.data(), 0, static_cast<Goffset>(pdf_bytes.size()), Object(objNull)), GooString(""),
      GooString(""));
  if (!doc->isOk()) {
    if (doc->getErrorCode() == errEncrypted) {
      return Status::InvalidData(name + ": encrypted PDF: cannot be read without a password");
    }
    return Status::InvalidData(name + ": damaged PDF: cannot be opened");
  }
  if (doc->getNumPages() <= 0) return Status::InvalidData(name + ": PDF has no pages");
  return doc;
}

// The words of page `i` (0-based) of an open document, in the order and with
// the boxes poppler-cpp's page::text_list gave (the same TextOutputDev with
// the same settings: no physical layout, reading order, 72 dpi, rotation 0).
Result<Page> ReadPage(PDFDoc& doc, int i, const std::string& name) {
  ::Page* p = doc.getCatalog()->getPage(i + 1);
  if (p == nullptr) {
    return Status::InvalidData(name + ": damaged PDF: page " + std::to_string(i + 1) + " cannot be read");
  }
  Page page;
  page.number = i + 1;
  const PDFRectangle* crop = p->getCropBox();
  page.width = crop->x2 - crop->x1;
  page.height = crop->y2 - crop->y1;
  TextOutputDev out(nullptr, /*physLayoutA=*/false, /*fixedPitchA=*/0, /*rawOrderA=*/false, /*append=*/false);
  if (!out.isOk()) return Status::Internal(name + ": poppler's text output could not start");
  // One thread reads a document, so the page needs no copy of the XRef.
  doc.displayPageSlice(&out, i + 1, 72, 72, 0, /*useMediaBox=*/false, /*crop=*/false, /*printing=*/false, -1, -1, -1,
                       -1, nullptr, nullptr, nullptr, nullptr, /*copyXRef=*/false);
  const std::unique_ptr<TextWordList> list = out.makeWordList();
  if (list == nullptr) return page;
  const int n = list->getLength();
  page.words.reserve(static_cast<size_t>(n));
  for (int k = 0; k < n; ++k) {
    const TextWord* word = list->get(k);
    Word w;
    if (!WordText(*word, &w.text)) continue;
    double x1 = 0, y1 = 0;
    word->getBBox(&w.x0, &w.y0, &x1, &y1);
    // As poppler-cpp's rectf did (origin plus size), so that every box
    // stays the same to the last bit: x0 + (x1 - x0) is not always x1.
    w.x1 = w.x0 + (x1 - w.x0);
    w.y1 = w.y0 + (y1 - w.y0);
    page.words.push_back(std::move(w));
  }
  return page;
}

}  // namespace

Result<std::vector<Page>> ExtractPages(std::string_view pdf_bytes, const std::string& name) {
  BH_ASSIGN_OR_RETURN(std::unique_ptr<PDFDoc> doc, OpenDocument(pdf_bytes, name));
  const int n = doc->getNumPages();
  std::vector<Page> pages;
  pages.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    BH_ASSIGN_OR_RETURN(Page page, ReadPage(*doc, i, name));
    pages.push_back(std::move(page));
  }
  return pages;
}

Result<Page> ExtractPage(std::string_view pdf_bytes, const std::string& name, int page_number) {
  BH_ASSIGN_OR_RETURN(std::unique_ptr<PDFDoc> doc, OpenDocument(pdf_bytes, name));
  if (page_number < 1 || page_number > doc->getNumPages()) {
    return Status::NotFound(
        fmt::format("{}: no page {} (the PDF has {} pages)", name, page_number, doc->getNumPages()));
  }
  return ReadPage(*doc, page_number - 1, name);
}

}  // namespace bh::pdf
