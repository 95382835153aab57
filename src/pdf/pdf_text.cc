#include "pdf/pdf_text.h"

#include <fmt/format.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <cstdio>
#include <memory>
#include <mutex>

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
void InitPoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
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

// A word's text as UTF-8; false when empty. Report words are ASCII almost
// always: those are narrowed in place, the rest go through poppler's own
// conversion (issue 7: to_utf8 took 5 % of an import's instructions).
bool ToUtf8(const poppler::ustring& text, std::string* out) {
  out->clear();
  out->reserve(text.size());
  for (auto c : text) {
    if (c >= 0x80) {
      poppler::byte_array utf8 = text.to_utf8();
      out->assign(utf8.data(), utf8.size());
      return !out->empty();
    }
    out->push_back(static_cast<char>(c));
  }
  return !out->empty();
}

// Opens the document, or says why it cannot be read.
Result<std::unique_ptr<poppler::document>> OpenDocument(std::string_view pdf_bytes, const std::string& name) {
  if (!LooksLikePdf(pdf_bytes)) return Status::InvalidData(name + ": not a PDF file");
  if (pdf_bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status::InvalidData(name + ": PDF too large");
  }
  InitPoppler();
  // load_from_raw_data does not copy: the caller keeps pdf_bytes alive.
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf_bytes.data(), static_cast<int>(pdf_bytes.size())));
  if (doc == nullptr) return Status::InvalidData(name + ": damaged PDF: cannot be opened");
  if (doc->is_locked()) {
    return Status::InvalidData(name + ": encrypted PDF: cannot be read without a password");
  }
  if (doc->pages() <= 0) return Status::InvalidData(name + ": PDF has no pages");
  return doc;
}

// The words of page `i` (0-based) of an open document.
Result<Page> ReadPage(poppler::document& doc, int i, const std::string& name) {
  std::unique_ptr<poppler::page> p(doc.create_page(i));
  if (p == nullptr) {
    return Status::InvalidData(name + ": damaged PDF: page " + std::to_string(i + 1) + " cannot be read");
  }
  Page page;
  page.number = i + 1;
  poppler::rectf rect = p->page_rect();
  page.width = rect.width();
  page.height = rect.height();
  std::vector<poppler::text_box> boxes = p->text_list();
  page.words.reserve(boxes.size());
  for (const poppler::text_box& box : boxes) {
    Word w;
    if (!ToUtf8(box.text(), &w.text)) continue;
    poppler::rectf b = box.bbox();
    w.x0 = b.left();
    w.y0 = b.top();
    w.x1 = b.right();
    w.y1 = b.bottom();
    page.words.push_back(std::move(w));
  }
  return page;
}

}  // namespace

Result<std::vector<Page>> ExtractPages(std::string_view pdf_bytes, const std::string& name) {
  BH_ASSIGN_OR_RETURN(std::unique_ptr<poppler::document> doc, OpenDocument(pdf_bytes, name));
  const int n = doc->pages();
  std::vector<Page> pages;
  pages.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    BH_ASSIGN_OR_RETURN(Page page, ReadPage(*doc, i, name));
    pages.push_back(std::move(page));
  }
  return pages;
}

Result<Page> ExtractPage(std::string_view pdf_bytes, const std::string& name, int page_number) {
  BH_ASSIGN_OR_RETURN(std::unique_ptr<poppler::document> doc, OpenDocument(pdf_bytes, name));
  if (page_number < 1 || page_number > doc->pages()) {
    return Status::NotFound(fmt::format("{}: no page {} (the PDF has {} pages)", name, page_number, doc->pages()));
  }
  return ReadPage(*doc, page_number - 1, name);
}

}  // namespace bh::pdf
