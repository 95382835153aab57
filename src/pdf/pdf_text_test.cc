#include "pdf/pdf_text.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "base/file_util.h"
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

}  // namespace
}  // namespace bh::pdf
