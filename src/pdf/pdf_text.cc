#include "pdf/pdf_text.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>

namespace bh::pdf {

namespace {

// Poppler prints its complaints about damaged files to stderr; the caller
// gets a Status instead. The hook is process-global, so install it once.
void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  });
}

bool LooksLikePdf(std::string_view bytes) {
  // The header may follow up to 1024 bytes of junk (PDF 32000-1 annex H).
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

}  // namespace

Result<std::vector<Page>> ExtractPages(std::string_view pdf_bytes, const std::string& name) {
  if (!LooksLikePdf(pdf_bytes)) return Status::InvalidData(name + ": not a PDF file");
  if (pdf_bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status::InvalidData(name + ": PDF too large");
  }
  SilencePoppler();
  // load_from_raw_data does not copy: pdf_bytes outlives `doc` here.
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      pdf_bytes.data(), static_cast<int>(pdf_bytes.size())));
  if (doc == nullptr) return Status::InvalidData(name + ": damaged PDF: cannot be opened");
  if (doc->is_locked()) {
    return Status::InvalidData(name + ": encrypted PDF: cannot be read without a password");
  }
  const int n = doc->pages();
  if (n <= 0) return Status::InvalidData(name + ": PDF has no pages");

  std::vector<Page> pages;
  pages.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    std::unique_ptr<poppler::page> p(doc->create_page(i));
    if (p == nullptr) {
      return Status::InvalidData(name + ": damaged PDF: page " + std::to_string(i + 1) +
                                 " cannot be read");
    }
    Page page;
    page.number = i + 1;
    poppler::rectf rect = p->page_rect();
    page.width = rect.width();
    page.height = rect.height();
    std::vector<poppler::text_box> boxes = p->text_list();
    page.words.reserve(boxes.size());
    for (const poppler::text_box& box : boxes) {
      poppler::byte_array utf8 = box.text().to_utf8();
      if (utf8.empty()) continue;
      poppler::rectf b = box.bbox();
      Word w;
      w.x0 = b.left();
      w.y0 = b.top();
      w.x1 = b.right();
      w.y1 = b.bottom();
      w.text.assign(utf8.data(), utf8.size());
      page.words.push_back(std::move(w));
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

}  // namespace bh::pdf
