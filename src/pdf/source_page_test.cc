#include "pdf/source_page.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/file_util.h"
#include "pdf/test_pdf.h"
#include "pdf/test_png.h"

namespace bh::pdf {
namespace {

// A header line and one row, as separate cells the way the reports print
// them: line 1 "Mission Country Personnel Type Male Female Total", line 2
// "UNMISS Viet Nam Troops 49 13 62".
std::string TwoLinePdf() {
  return testing::MakePdf({{{72, 100, "Mission"},
                            {150, 100, "Country"},
                            {300, 100, "Personnel Type"},
                            {420, 100, "Male"},
                            {470, 100, "Female"},
                            {520, 100, "Total"},
                            {72, 130, "UNMISS"},
                            {150, 130, "Viet Nam"},
                            {300, 130, "Troops"},
                            {420, 130, "49"},
                            {470, 130, "13"},
                            {520, 130, "62"}}},
                          10);
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) / ("bh_source_page_" + name)).string();
}

TEST(SourcePageTest, ReadsALineByItsPageAndIndex) {
  Result<PrintedLine> line = ReadPrintedLine(TwoLinePdf(), "t.pdf", 1, 2);
  ASSERT_TRUE(line.ok()) << line.status().message();
  EXPECT_EQ("UNMISS Viet Nam Troops 49 13 62", line->text);
  EXPECT_EQ(1, line->page);
  EXPECT_EQ(2, line->line);
  EXPECT_NEAR(72, line->box.x0, 1);
  // The box spans every word: "62" starts at 520 and is two digits wide.
  EXPECT_GT(line->box.x1, 525);
  EXPECT_LT(line->box.x1, 540);
  EXPECT_GT(line->box.y0, 118);  // baseline 130, 10-point type
  EXPECT_LT(line->box.y1, 134);
  EXPECT_DOUBLE_EQ(612, line->page_width);
  Result<PrintedLine> header = ReadPrintedLine(TwoLinePdf(), "t.pdf", 1, 1);
  ASSERT_TRUE(header.ok());
  EXPECT_EQ("Mission Country Personnel Type Male Female Total", header->text);
}

TEST(SourcePageTest, MissingPageOrLineIsNamed) {
  Result<PrintedLine> page = ReadPrintedLine(TwoLinePdf(), "t.pdf", 2, 1);
  EXPECT_EQ(Status::Code::kNotFound, page.status().code());
  EXPECT_EQ("t.pdf: no page 2 (the PDF has 1 pages)", page.status().message());
  Result<PrintedLine> line = ReadPrintedLine(TwoLinePdf(), "t.pdf", 1, 3);
  EXPECT_EQ(Status::Code::kNotFound, line.status().code());
  EXPECT_EQ("t.pdf: page 1 has 2 lines, no line 3", line.status().message());
  EXPECT_EQ("x.pdf: not a PDF file", ReadPrintedLine("hello", "x.pdf", 1, 1).status().message());
}

TEST(SourcePageTest, RendersOnePointToOnePixelAt72Dpi) {
  Result<Raster> r72 = RenderPage(TwoLinePdf(), "t.pdf", 1, 72);
  ASSERT_TRUE(r72.ok()) << r72.status().message();
  EXPECT_EQ(612, r72->width);
  EXPECT_EQ(792, r72->height);
  EXPECT_EQ(0xFFFFFFFFu, r72->At(10, 10));  // white paper
  Result<Raster> r144 = RenderPage(TwoLinePdf(), "t.pdf", 1, 144);
  ASSERT_TRUE(r144.ok());
  EXPECT_EQ(1224, r144->width);
  EXPECT_EQ(1584, r144->height);
  // Some ink inside the row's box, at twice the point coordinates.
  Result<PrintedLine> line = ReadPrintedLine(TwoLinePdf(), "t.pdf", 1, 2);
  ASSERT_TRUE(line.ok());
  PixelRect px = ToPixels(*r144, line->box, 0);
  int dark = 0;
  for (int y = px.y0; y <= px.y1; ++y) {
    for (int x = px.x0; x <= px.x1; ++x) dark += (r144->At(x, y) & 0xFF) < 128;
  }
  EXPECT_GT(dark, 100);
}

TEST(SourcePageTest, ResolutionOutOfRangeIsRefused) {
  EXPECT_EQ(Status::Code::kInvalidArgument, RenderPage(TwoLinePdf(), "t.pdf", 1, 10).status().code());
  EXPECT_EQ("resolution 1000 dpi: want 36 to 600", RenderPage(TwoLinePdf(), "t.pdf", 1, 1000).status().message());
}

TEST(SourcePageTest, PointsBecomePixelsWithTheMarginAndClamped) {
  Raster r;
  r.width = 200;
  r.height = 100;
  r.dpi = 144;
  PixelRect p = ToPixels(r, {10, 20, 30, 25}, 2);
  EXPECT_EQ(16, p.x0);  // (10 - 2) * 2
  EXPECT_EQ(36, p.y0);  // (20 - 2) * 2
  EXPECT_EQ(64, p.x1);  // (30 + 2) * 2
  EXPECT_EQ(54, p.y1);  // (25 + 2) * 2
  PixelRect edge = ToPixels(r, {-5, 40, 500, 80}, 0);
  EXPECT_EQ(0, edge.x0);
  EXPECT_EQ(199, edge.x1);
  EXPECT_EQ(99, edge.y1);
}

TEST(SourcePageTest, DrawRectPaintsABorderOfTheGivenWidthOnly) {
  Raster r;
  r.width = 40;
  r.height = 30;
  r.dpi = 72;
  r.pixels.assign(40 * 30, 0xFFFFFFFF);
  DrawRect(&r, {5, 5, 34, 24}, 3, kBoxRed);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(kBoxRed, r.At(20, 5 + i));   // top
    EXPECT_EQ(kBoxRed, r.At(20, 24 - i));  // bottom
    EXPECT_EQ(kBoxRed, r.At(5 + i, 15));   // left
    EXPECT_EQ(kBoxRed, r.At(34 - i, 15));  // right
  }
  EXPECT_EQ(0xFFFFFFFFu, r.At(20, 8));   // inside, past the border
  EXPECT_EQ(0xFFFFFFFFu, r.At(20, 4));   // outside
  EXPECT_EQ(0xFFFFFFFFu, r.At(35, 15));  // outside
}

TEST(SourcePageTest, SavedPngDecodesToTheRaster) {
  Result<Raster> r = RenderPage(TwoLinePdf(), "t.pdf", 1, 72);
  ASSERT_TRUE(r.ok());
  DrawRect(&*r, {100, 200, 300, 260}, 3, kBoxRed);
  const std::string path = TempPath("saved.png");
  ASSERT_TRUE(SavePng(*r, path).ok());
  Result<std::string> bytes = ReadFile(path);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(std::string("\x89PNG\r\n\x1a\n", 8), bytes->substr(0, 8));
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  testing::DecodedPng png = testing::DecodePng(path);
  ASSERT_TRUE(png.ok) << png.error;
  EXPECT_EQ(612, png.width);
  EXPECT_EQ(792, png.height);
  EXPECT_EQ((std::vector<int>{255, 0, 0}), png.At(200, 201));
  EXPECT_EQ((std::vector<int>{255, 0, 0}), png.At(299, 230));
  EXPECT_EQ((std::vector<int>{255, 255, 255}), png.At(200, 230));
}

TEST(SourcePageTest, UnwritablePathIsAnIoError) {
  Result<Raster> r = RenderPage(TwoLinePdf(), "t.pdf", 1, 72);
  ASSERT_TRUE(r.ok());
  Status st = SavePng(*r, TempPath("no_such_dir/x.png"));
  EXPECT_EQ(Status::Code::kIoError, st.code());
  EXPECT_NE(std::string::npos, st.message().find("no_such_dir/x.png")) << st.message();
}

}  // namespace
}  // namespace bh::pdf
