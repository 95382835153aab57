// SortWords (pdf_text.h): pure, so compiled into bh_pdf (tests, callers)
// and into the module bluehelmet-poppler (ExtractPages sorts with it).
#include <algorithm>
#include <tuple>
#include <vector>

#include "pdf/pdf_text.h"

namespace bh::pdf {

void SortWords(std::vector<Word>* words) {
  auto key = [](const Word& w) { return std::tie(w.x0, w.y0, w.x1, w.y1, w.text); };
  std::sort(words->begin(), words->end(), [&](const Word& a, const Word& b) {
    const double ca = (a.y0 + a.y1) / 2, cb = (b.y0 + b.y1) / 2;
    if (ca != cb) return ca < cb;
    return key(a) < key(b);
  });
}

}  // namespace bh::pdf
