// Builds Pages from word boxes for the parser tests, so the layout rules
// are tested without any PDF. Test-only.
#ifndef BLUEHELMET_PDF_TEST_PAGES_H_
#define BLUEHELMET_PDF_TEST_PAGES_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pdf/pdf_text.h"

namespace bh::pdf::testing {

class PageBuilder {
 public:
  explicit PageBuilder(int number) {
    page_.number = number;
    page_.width = 612;
    page_.height = 792;
  }

  // Adds one box per space-separated word of `text`, the first starting at
  // x, each 5 points per character wide, 8 points high from y0 = y.
  PageBuilder& Text(double x, double y, std::string_view text) {
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find(' ', pos);
      if (end == std::string_view::npos) end = text.size();
      if (end > pos) {
        std::string w(text.substr(pos, end - pos));
        double width = 5.0 * static_cast<double>(w.size());
        page_.words.push_back({x, y, x + width, y + 8, std::move(w)});
        x += width + 2.5;
      }
      pos = end + 1;
    }
    return *this;
  }

  // Several cells on one line: {{x, "text"}, ...}.
  PageBuilder& Row(double y, std::vector<std::pair<double, std::string_view>> cells) {
    for (const auto& [x, text] : cells) Text(x, y, text);
    return *this;
  }

  Page Build() const { return page_; }

 private:
  Page page_;
};

}  // namespace bh::pdf::testing

#endif  // BLUEHELMET_PDF_TEST_PAGES_H_
