#include "pdf/pdf_text.h"

#include <gtest/gtest.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <random>

#include "base/file_util.h"
#include "pdf/content_stream.h"
#include "pdf/contribution_report.h"
#include "pdf/test_pdf.h"

namespace bh::pdf {
namespace {

// A one-page PDF with the text "Mission Total", its baseline 700 points
// above the bottom of the page.
std::string TinyPdf() { return testing::MakePdf({{{72, 92, "Mission Total"}}}, 12); }

TEST(PdfTextTest, ExtractsWordsWithTopLeftOrigin) {
  Result<std::vector<Page>> pages = ExtractPages(TinyPdf(), "tiny.pdf");
  ASSERT_TRUE(pages.ok()) << pages.status().message();
  ASSERT_EQ(1u, pages->size());
  const Page& p = (*pages)[0];
  EXPECT_EQ(1, p.number);
  EXPECT_DOUBLE_EQ(612, p.width);
  EXPECT_DOUBLE_EQ(792, p.height);
  ASSERT_EQ(2u, p.words.size());
  EXPECT_EQ("Mission", p.words[0].text);
  EXPECT_EQ("Total", p.words[1].text);
  EXPECT_NEAR(72, p.words[0].x0, 1);
  // Baseline 700 points above the bottom = about 92 below the top.
  EXPECT_GT(p.words[0].y0, 75);
  EXPECT_LT(p.words[0].y1, 95);
  EXPECT_LT(p.words[0].x1, p.words[1].x0);
}

// testdata/encrypted_tiny.pdf is TinyPdf() encrypted by qpdf 11
// (`qpdf --encrypt secret-user secret-owner 256`, AES-256): it opens only
// with a password, and is refused with the reason, never read as empty.
TEST(PdfTextTest, EncryptedPdfIsRefusedWithTheReason) {
  Result<std::string> bytes = ReadFile(std::string(BLUEHELMET_SOURCE_DIR) + "/src/pdf/testdata/encrypted_tiny.pdf");
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  Result<std::vector<Page>> pages = ExtractPages(*bytes, "locked.pdf");
  ASSERT_FALSE(pages.ok());
  EXPECT_EQ(Status::Code::kInvalidData, pages.status().code());
  EXPECT_EQ("locked.pdf: encrypted PDF: cannot be read without a password", pages.status().message());
}

TEST(PdfTextTest, NotAPdf) {
  Result<std::vector<Page>> pages = ExtractPages("Country,Mission\nGhana,UNMISS\n", "x.csv");
  ASSERT_FALSE(pages.ok());
  EXPECT_EQ("x.csv: not a PDF file", pages.status().message());
  EXPECT_EQ(Status::Code::kInvalidData, pages.status().code());
}

TEST(PdfTextTest, EmptyInput) {
  Result<std::vector<Page>> pages = ExtractPages("", "empty.pdf");
  ASSERT_FALSE(pages.ok());
  EXPECT_EQ("empty.pdf: not a PDF file", pages.status().message());
}

TEST(PdfTextTest, HeaderOnlyIsDamaged) {
  Result<std::vector<Page>> pages = ExtractPages("%PDF-1.4\n", "cut.pdf");
  ASSERT_FALSE(pages.ok());
  EXPECT_EQ("cut.pdf: damaged PDF: cannot be opened", pages.status().message());
}

// Extraction then parsing must end in a value or a Status, never a crash.
void MustNotCrash(std::string_view bytes) {
  Result<std::vector<Page>> pages = ExtractPages(bytes, "fuzz.pdf");
  if (!pages.ok()) {
    EXPECT_FALSE(pages.status().message().empty());
    return;
  }
  Result<ParsedReport> r = ParseReport(*pages, "fuzz.pdf");
  if (r.ok()) (void)CheckPrintedTotals(*r);
}

TEST(PdfTextTest, RandomBytesNeverCrash) {
  std::mt19937 rng(42);
  for (int i = 0; i < 50; ++i) {
    std::string bytes(static_cast<size_t>(rng() % 4096), '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    if (i % 2 == 0) bytes.insert(0, "%PDF-1.5\n");
    MustNotCrash(bytes);
  }
}

TEST(PdfTextTest, TruncatedAndCorruptedRealReportNeverCrash) {
  std::string path = std::string(BLUEHELMET_SHARED_DIR) +
                     "/data/raw/un_country_contributions_pdf/UN_country_contributions_2023_09.pdf";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no shared data at " << path;
  Result<std::string> bytes = ReadFile(path);
  ASSERT_TRUE(bytes.ok());
  const std::string& pdf = *bytes;
  std::mt19937 rng(7);
  for (int i = 1; i <= 12; ++i) {  // truncations
    MustNotCrash(std::string_view(pdf).substr(0, pdf.size() * static_cast<size_t>(i) / 13));
  }
  for (int i = 0; i < 12; ++i) {  // byte corruption
    std::string bad = pdf;
    for (int k = 0; k < 64; ++k) bad[rng() % bad.size()] = static_cast<char>(rng());
    MustNotCrash(bad);
  }
}

// The words poppler-cpp's page::text_list gives for a page, converted as
// ExtractPages did before it drove poppler's TextOutputDev itself: ASCII
// narrowed, other text through poppler's to_utf8, empty words dropped, the
// box from poppler-cpp's rectf (origin plus size).
std::vector<Word> PopplerCppWords(poppler::page& page) {
  std::vector<Word> words;
  for (const poppler::text_box& box : page.text_list()) {
    Word w;
    const poppler::ustring text = box.text();
    bool ascii = true;
    for (auto c : text) ascii = ascii && c < 0x80;
    if (ascii) {
      for (auto c : text) w.text.push_back(static_cast<char>(c));
    } else {
      const poppler::byte_array utf8 = text.to_utf8();
      w.text.assign(utf8.data(), utf8.size());
    }
    if (w.text.empty()) continue;
    const poppler::rectf b = box.bbox();
    w.x0 = b.left();
    w.y0 = b.top();
    w.x1 = b.right();
    w.y1 = b.bottom();
    words.push_back(std::move(w));
  }
  return words;
}

// Checks that `got` holds the words poppler-cpp's text_list gives for `page`
// (in SortWords' order), to the last bit; how many words were compared.
size_t ExpectPopplerCppWords(poppler::page& page, const std::vector<Word>& got) {
  std::vector<Word> want = PopplerCppWords(page);
  SortWords(&want);
  EXPECT_EQ(want.size(), got.size());
  if (want.size() != got.size()) return 0;
  for (size_t k = 0; k < want.size(); ++k) {
    const Word& a = want[k];
    const Word& b = got[k];
    // Exact comparisons: the same bits, not nearly the same numbers.
    if (a.text == b.text && a.x0 == b.x0 && a.y0 == b.y0 && a.x1 == b.x1 && a.y1 == b.y1) continue;
    ADD_FAILURE() << "word " << k << ": want '" << a.text << "' " << a.x0 << "," << a.y0 << "," << a.x1 << "," << a.y1
                  << "; got '" << b.text << "' " << b.x0 << "," << b.y0 << "," << b.x1 << "," << b.y1;
    return 0;
  }
  return want.size();
}

// ExtractPages reads the words through poppler's TextOutputDev in content-
// stream order, no longer through poppler-cpp's text_list (reading order):
// on real reports of several layout families (A, D, the undated 2019-10, I,
// K, and 2025-07, whose boxes differ in the last bit unless computed as
// poppler-cpp did), every page has the same words with the same boxes to the
// last bit, in SortWords' order. (All 89 reports were compared so by hand.)
TEST(PdfTextTest, WordsEqualPopplerCppTextListOnRealReports) {
  const std::string dir = std::string(BLUEHELMET_SHARED_DIR) + "/data/raw/un_country_contributions_pdf/";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no shared data at " << dir;
  size_t compared = 0;
  for (const char* month : {"2015_02", "2019_09", "2019_10", "2021_04", "2024_10", "2025_07"}) {
    const std::string name = std::string("UN_country_contributions_") + month + ".pdf";
    SCOPED_TRACE(name);
    Result<std::string> bytes = ReadFile(dir + name);
    ASSERT_TRUE(bytes.ok()) << bytes.status().message();
    Result<std::vector<Page>> pages = ExtractPages(*bytes, name);
    ASSERT_TRUE(pages.ok()) << pages.status().message();
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes->data(), static_cast<int>(bytes->size())));
    ASSERT_NE(nullptr, doc);
    ASSERT_EQ(static_cast<size_t>(doc->pages()), pages->size());
    for (int i = 0; i < doc->pages(); ++i) {
      SCOPED_TRACE("page " + std::to_string(i + 1));
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      ASSERT_NE(nullptr, page);
      const Page& got = (*pages)[static_cast<size_t>(i)];
      EXPECT_EQ(i + 1, got.number);
      EXPECT_EQ(page->page_rect().width(), got.width);
      EXPECT_EQ(page->page_rect().height(), got.height);
      compared += ExpectPopplerCppWords(*page, got.words);
      ASSERT_FALSE(HasFailure());
    }
  }
  // 2021-04 alone has thousands of words; a vacuous pass would show here.
  EXPECT_GT(compared, 30000u);
}

// Pages whose content sets and restores text state in every way the copy of
// content_stream.h reasons about (fonts, leading, spacing and positions set
// in and out of q ... Q pairs, shows outside text objects, cm, q and Q that
// do not pair up, painting between): ExtractPages, which shows the copy,
// gives the words poppler-cpp's text_list gives from the whole content, to
// the last bit.
TEST(PdfTextTest, TextOnlyContentGivesTheWordsOfTheWholeContent) {
  std::mt19937 random(20261130);
  auto num = [&](int lo, int hi) { return std::to_string(lo + static_cast<int>(random() % (hi - lo + 1))); };
  const char* const words[] = {"Mission", "Total", "UNMISS", "Viet", "Nam", "189", "33", "Experts", "(x)"};
  auto word = [&] { return testing::PdfString(words[random() % std::size(words)]); };
  std::vector<std::string> contents;
  for (int page = 0; page < 40; ++page) {
    std::string c = "q\n";
    for (int cell = 0; cell < 30; ++cell) {
      const std::string font = " /F" + num(1, 2) + " " + num(6, 12) + " Tf";
      const std::string at = " " + num(20, 500) + " " + num(40, 740) + " Td ";
      switch (random() % 13) {
        case 0:
        case 1:
        case 2:  // a report's cell
          c += "q " + num(1, 500) + " 2 3 4 re W n 0.9 0.9 0.9 rg 1 2 3 4 re f BT" + font + " 0 0 0 rg " + num(8, 14) +
               " TL" + at + word() + " Tj T* ET Q\n";
          break;
        case 3:  // the same without its pair
          c += "BT" + font + " " + num(8, 14) + " TL" + at + word() + " Tj T* ET\n";
          break;
        case 4:  // two lines: T* and ' read the leading
          c += "q BT" + font + " " + num(8, 14) + " TL" + at + word() + " Tj T* " + word() + " Tj " + word() +
               " ' ET Q\n";
          break;
        case 5:  // no font of its own: shows whatever the state holds
          c += "BT" + at + word() + " Tj ET\n";
          break;
        case 6:  // a show outside a text object
          c += word() + " Tj\n";
          break;
        case 7:  // state set inside a pair, restored by its Q
          c += "q" + font + " " + num(0, 3) + " Tc " + num(0, 4) + " Tw Q\n";
          break;
        case 8:  // state set outside any cell's pair
          c += num(0, 2) + " Tc " + num(80, 120) + " Tz " + num(0, 3) + " Ts " + num(8, 14) + " TL 1 0 0 1 " +
               num(-3, 3) + " " + num(-3, 3) + " cm\n";
          break;
        case 9:  // a translated pair
          c += "q 1 0 0 1 " + num(0, 50) + " " + num(0, 50) + " cm BT" + font + at + word() + " Tj ET Q\n";
          break;
        case 10:  // a matrix, then a relative move and a spaced show
          c += "BT" + font + " 1 0 0 1 " + num(20, 500) + " " + num(40, 740) + " Tm 0 -" + num(8, 14) + " TD " +
               word() + " Tj 1 2 " + word() + " \" ET\n";
          break;
        case 11:  // painting only
          c += "q 1 0 0 RG 2 w 10 10 m 100 100 l S Q 0 g 5 5 50 50 re f\n";
          break;
        default:  // a colour and a plain graphics state, in a cell or not
          c += random() % 2 ? "0.5 g /GS1 gs\n" : "q /GS1 gs 0 0 1 rg BT" + font + at + word() + " Tj ET Q\n";
          break;
      }
    }
    c += "Q\n";
    if (page % 10 == 9) c += "q\n";  // a q without its Q
    contents.push_back(std::move(c));
  }
  const std::string pdf = testing::MakePdfWithContents(contents);
  Result<std::vector<Page>> pages = ExtractPages(pdf, "random.pdf");
  ASSERT_TRUE(pages.ok()) << pages.status().message();
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  ASSERT_NE(nullptr, doc);
  ASSERT_EQ(contents.size(), pages->size());
  size_t compared = 0;
  for (int i = 0; i < doc->pages(); ++i) {
    SCOPED_TRACE("page " + std::to_string(i + 1) + ": " + contents[static_cast<size_t>(i)]);
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    compared += ExpectPopplerCppWords(*page, (*pages)[static_cast<size_t>(i)].words);
    ASSERT_FALSE(HasFailure());
  }
  EXPECT_GT(compared, 1000u);
  // And the copy was shown: every page's content is copied, shorter.
  for (const std::string& content : contents) {
    std::string copy;
    EXPECT_TRUE(TextOnlyContent(content, PageContext{}, &copy));
    EXPECT_LT(copy.size(), content.size());
  }
}

// A word drawn twice at nearly the same place (fake bold) is one word, as
// poppler's reading-order pass makes it: content-stream order would give it
// twice, so ExtractPages reads such a page again in reading order.
TEST(PdfTextTest, FakeBoldIsOneWord) {
  Result<std::vector<Page>> pages =
      ExtractPages(testing::MakePdf({{{72, 92, "Total"}, {72.3, 92, "Total"}, {200, 92, "5"}}}, 12), "bold.pdf");
  ASSERT_TRUE(pages.ok()) << pages.status().message();
  ASSERT_EQ(1u, pages->size());
  const std::vector<Word>& words = (*pages)[0].words;
  ASSERT_EQ(2u, words.size());
  EXPECT_EQ("Total", words[0].text);
  EXPECT_EQ("5", words[1].text);
}

TEST(PdfTextTest, SortWordsIsTopToBottomThenLeftToRightWhateverTheOrderGiven) {
  const std::vector<Word> sorted = {
      {100, 10, 120, 20, "b"},  // centre 15
      {10, 12, 30, 18, "a"},    // centre 15, left of b
      {10, 30, 30, 40, "c"},    // centre 35
      {50, 30, 70, 40, "d"},    // centre 35, right of c
  };
  std::vector<Word> want = {sorted[1], sorted[0], sorted[2], sorted[3]};
  std::vector<Word> words = {sorted[3], sorted[2], sorted[0], sorted[1]};
  std::mt19937 rng(3);
  for (int i = 0; i < 6; ++i) {
    std::shuffle(words.begin(), words.end(), rng);
    std::vector<Word> got = words;
    SortWords(&got);
    ASSERT_EQ(want.size(), got.size());
    for (size_t k = 0; k < want.size(); ++k) EXPECT_EQ(want[k].text, got[k].text) << "position " << k;
  }
}

}  // namespace
}  // namespace bh::pdf
