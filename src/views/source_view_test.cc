#include "views/source_view.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>

#include "base/file_util.h"
#include "base/strings.h"
#include "ingest/importer.h"
#include "pdf/layout.h"
#include "pdf/source_page.h"
#include "pdf/test_png.h"
#include "store/schema.h"

namespace bh {
namespace {

namespace fs = std::filesystem;

std::string Text(const Table& t, size_t row, const std::string& col) {
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i] == col) return t.rows.at(row).at(i).Text();
  }
  ADD_FAILURE() << "no column " << col;
  return "";
}

const Cell& At(const Table& t, size_t row, const std::string& col) {
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i] == col) return t.rows.at(row).at(i);
  }
  throw std::runtime_error("no column " + col);
}

fs::path TempDir(const std::string& name) {
  fs::path dir = fs::path(::testing::TempDir()) / ("bh_source_view_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// ---------------------------------------------------------------- CSV sources

constexpr char kHeader[] =
    "Contribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_Acronym,Personnel_Type,Female_Personnel,"
    "Male_Personnel,Last_Reporting_Date\n";

class SourceViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    db_ = std::move(*OpenCoreStore(":memory:"));
    ref_ = std::make_unique<Reference>(std::move(*Reference::Load(db_.get())));
    csv_ = (dir_ / "apr.csv").string();
    std::ofstream(csv_) << kHeader << "1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021\n"
                        << "2,VNM,704,Viet Nam,UNMISS,Staff Officer,0,1,30/04/2021\n"
                        << "3,JPN,392,Japan,UNMISS,Staff Officer,0,4,30/04/2021\n";
    auto out = ImportFiles(db_.get(), *ref_, {csv_}, {}, nullptr);
    ASSERT_EQ(FileOutcome::State::kImported, out[0].state) << out[0].status.message();
  }
  fs::path dir_;
  std::string csv_;
  std::unique_ptr<Db> db_;
  std::unique_ptr<Reference> ref_;
};

TEST_F(SourceViewTest, CsvRowAsPrintedIsTheRecordAtItsLine) {
  auto t = SourceTable(db_.get(), *ref_, {"2021-04", "Viet Nam", "unmiss", "troops"});
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ("Where the figures came from: Viet Nam (VNM), 2021-04, UNMISS, Troops", t->title);
  ASSERT_EQ(1u, t->rows.size());
  EXPECT_EQ("13", Text(*t, 0, "Women"));
  EXPECT_EQ("49", Text(*t, 0, "Men"));
  EXPECT_EQ("62", Text(*t, 0, "Total"));
  EXPECT_EQ("apr.csv", Text(*t, 0, "File"));
  EXPECT_EQ("-", Text(*t, 0, "Page"));
  EXPECT_EQ("2", Text(*t, 0, "Line"));
  EXPECT_EQ("1,VNM,704,Viet Nam,UNMISS,Troops,13,49,30/04/2021", Text(*t, 0, "As printed"));
  EXPECT_EQ("none", Text(*t, 0, "Correction"));
  std::string sha = Sha256Hex(*ReadFile(csv_));
  EXPECT_EQ(sha, std::get<std::string>(At(*t, 0, "SHA-256").value));  // in full for csv/json
  EXPECT_EQ(sha.substr(0, 12) + "…", Text(*t, 0, "SHA-256"));         // a prefix on the terminal
  EXPECT_EQ("Import #1 apr.csv: re-read from " + csv_ + ", SHA-256 " + sha +
                " verified; 'As printed' is the CSV record that begins on the line.",
            t->notes.at(0));
}

TEST_F(SourceViewTest, WithoutMissionAndTypeEveryRowOfTheCountry) {
  auto t = SourceTable(db_.get(), *ref_, {"2021-04", "VNM", "", ""});
  ASSERT_TRUE(t.ok()) << t.status().message();
  ASSERT_EQ(2u, t->rows.size());
  EXPECT_EQ("Troops", Text(*t, 0, "Type"));
  EXPECT_EQ("Staff Officer", Text(*t, 1, "Type"));
  EXPECT_EQ("3", Text(*t, 1, "Line"));
  EXPECT_EQ(3, std::get<int64_t>(At(*t, 1, "Line").value));
  EXPECT_EQ("2,VNM,704,Viet Nam,UNMISS,Staff Officer,0,1,30/04/2021", Text(*t, 1, "As printed"));
}

TEST_F(SourceViewTest, ChangedOrMissingFileIsSaidNeverGuessed) {
  std::ofstream(csv_, std::ios::app) << "4,GHA,288,Ghana,UNMISS,Troops,1,1,30/04/2021\n";
  auto t = SourceTable(db_.get(), *ref_, {"2021-04", "VNM", "UNMISS", "TRP"});
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_TRUE(std::holds_alternative<std::monostate>(At(*t, 0, "As printed").value));
  EXPECT_EQ("not available", Text(*t, 0, "As printed"));
  EXPECT_NE(std::string::npos, t->notes.at(0).find(": file not available: " + csv_ + ": changed since import"))
      << t->notes.at(0);
  fs::remove(csv_);
  t = SourceTable(db_.get(), *ref_, {"2021-04", "VNM", "UNMISS", "TRP"});
  ASSERT_TRUE(t.ok());
  EXPECT_NE(std::string::npos, t->notes.at(0).find("file not available: " + csv_ + ": no such file")) << t->notes.at(0);
  EXPECT_EQ("62", Text(*t, 0, "Total"));  // the figures are still shown
}

TEST_F(SourceViewTest, ErrorsAreOneLineNamingWhatIsMissing) {
  struct Case {
    SourceRequest req;
    Status::Code code;
    std::string message;
  } cases[] = {
      {{"April", "VNM", "", ""}, Status::Code::kInvalidArgument, "not a month (want YYYY-MM): 'April'"},
      {{"2021-04", "Xanadu", "", ""}, Status::Code::kNotFound, "unknown country: 'Xanadu'"},
      {{"2021-05", "VNM", "", ""},
       Status::Code::kNotFound,
       "no contribution figures for 2021-05 (see 'bluehelmet months')"},
      {{"2021-04", "VNM", "UNIFIL", "Troops"},
       Status::Code::kNotFound,
       "no current row for Viet Nam (VNM) in 2021-04 with mission UNIFIL and type Troops "
       "(that month: UNMISS Troops; UNMISS Staff Officer)"},
      {{"2021-04", "VNM", "", "FPU"},
       Status::Code::kNotFound,
       "no current row for Viet Nam (VNM) in 2021-04 with type Formed Police Units "
       "(that month: UNMISS Troops; UNMISS Staff Officer)"},
      {{"2021-04", "GHA", "", ""},
       Status::Code::kNotFound,
       "no current row for Ghana (GHA) in 2021-04: it has no personnel in that month's source"},
      {{"2021-04", "VNM", "", "sailors"},
       Status::Code::kInvalidArgument,
       "unknown personnel type 'sailors' (want TRP, SO, EOM, FPU, IPO or a label such as Troops, Staff Officer, "
       "Experts on Mission, Formed Police Units, Individual Police)"},
  };
  for (const Case& c : cases) {
    auto t = SourceTable(db_.get(), *ref_, c.req);
    ASSERT_FALSE(t.ok()) << c.message;
    EXPECT_EQ(c.code, t.status().code()) << c.message;
    EXPECT_EQ(c.message, t.status().message());
  }
}

TEST_F(SourceViewTest, PngOfACsvSourceIsRefused) {
  std::string png = (dir_ / "x.png").string();
  auto pic = SourcePagePng(db_.get(), *ref_, {"2021-04", "VNM", "UNMISS", "Troops"}, png, 144);
  ASSERT_FALSE(pic.ok());
  EXPECT_EQ(Status::Code::kInvalidArgument, pic.status().code());
  EXPECT_EQ(
      "--png: Viet Nam (VNM), 2021-04, UNMISS, Troops comes from apr.csv, a CSV file (un_gender_csv): only a "
      "PDF report has a page to draw",
      pic.status().message());
  EXPECT_FALSE(fs::exists(png));
}

// ---------------------------------------------------------------- the real 2021-04 report

std::string AprilPdf() {
  return std::string(BLUEHELMET_SHARED_DIR) +
         "/data/raw/un_country_contributions_pdf/UN_country_contributions_2021_04.pdf";
}

class SourceViewPdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(AprilPdf())) GTEST_SKIP() << "no ../shared data";
    dir_ = TempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    pdf_ = (dir_ / "UN_country_contributions_2021_04.pdf").string();
    fs::copy_file(AprilPdf(), pdf_);
    db_ = std::move(*OpenCoreStore(":memory:"));
    ref_ = std::make_unique<Reference>(std::move(*Reference::Load(db_.get())));
    auto out = ImportFiles(db_.get(), *ref_, {pdf_}, {}, nullptr);
    ASSERT_EQ(FileOutcome::State::kImported, out[0].state) << out[0].status.message();
  }
  fs::path dir_;
  std::string pdf_;
  std::unique_ptr<Db> db_;
  std::unique_ptr<Reference> ref_;
};

// The row the brief names: page 29, "Troops 49 13 62" under Viet Nam in
// UNMISS. The stored line is the 1-based index GroupLines gives the line.
constexpr int kVnmLine = 12;

TEST_F(SourceViewPdfTest, VietNamUnmissTroopsApril2021) {
  auto t = SourceTable(db_.get(), *ref_, {"2021-04", "VNM", "UNMISS", "Troops"});
  ASSERT_TRUE(t.ok()) << t.status().message();
  ASSERT_EQ(1u, t->rows.size());
  EXPECT_EQ("2021-04", Text(*t, 0, "Month"));
  EXPECT_EQ("VNM", Text(*t, 0, "ISO3"));
  EXPECT_EQ("UNMISS", Text(*t, 0, "Mission"));
  EXPECT_EQ("Troops", Text(*t, 0, "Type"));
  EXPECT_EQ("13", Text(*t, 0, "Women"));
  EXPECT_EQ("49", Text(*t, 0, "Men"));
  EXPECT_EQ("62", Text(*t, 0, "Total"));
  EXPECT_EQ("UN_country_contributions_2021_04.pdf", Text(*t, 0, "File"));
  EXPECT_EQ("2bee0bfc45ef8f587ea1128664cbc3f54c9c3fdecccb5686318978e9902c78f5",
            std::get<std::string>(At(*t, 0, "SHA-256").value));
  EXPECT_EQ(Sha256Hex(*ReadFile(AprilPdf())), std::get<std::string>(At(*t, 0, "SHA-256").value));
  EXPECT_EQ("29", Text(*t, 0, "Page"));
  EXPECT_EQ(std::to_string(kVnmLine), Text(*t, 0, "Line"));
  EXPECT_EQ("Troops 49 13 62", Text(*t, 0, "As printed"));
  EXPECT_EQ("none", Text(*t, 0, "Correction"));
  // No warning: the re-read line shows the row's total.
  for (const std::string& n : t->notes) EXPECT_EQ(std::string::npos, n.find("Warning")) << n;
}

// The stored line, checked independently of the view: every page extracted,
// page 29's words grouped into lines, line kVnmLine is the row.
TEST_F(SourceViewPdfTest, StoredLineIsTheGroupedLineOfPage29) {
  auto pages = pdf::ExtractPages(*ReadFile(AprilPdf()), "apr.pdf");
  ASSERT_TRUE(pages.ok());
  std::vector<pdf::Line> lines = pdf::GroupLines((*pages)[28]);
  ASSERT_GE(lines.size(), static_cast<size_t>(kVnmLine));
  EXPECT_EQ(kVnmLine, lines[kVnmLine - 1].index);
  EXPECT_EQ("Troops 49 13 62", lines[kVnmLine - 1].Text());
  EXPECT_EQ("Viet Nam Staff Officer 1 0 1", lines[kVnmLine - 2].Text());
  auto stored = db_->QueryInt(
      "SELECT line FROM current_contribution WHERE month = '2021-04' AND iso3 = 'VNM' AND mission = 'UNMISS'"
      " AND ptype = 'TRP'");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(kVnmLine, *stored);
}

// A stored line that no longer shows the row (as if line numbering had
// changed since the import) is flagged, and one past the page is said.
TEST_F(SourceViewPdfTest, ALineThatDoesNotShowTheRowIsFlagged) {
  const std::string where = " WHERE month = '2021-04' AND iso3 = 'VNM' AND mission = 'UNMISS' AND ptype = 'TRP'";
  ASSERT_TRUE(db_->Exec("UPDATE contribution SET line = 11" + where).ok());
  auto t = SourceTable(db_.get(), *ref_, {"2021-04", "VNM", "UNMISS", "Troops"});
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ("Viet Nam Staff Officer 1 0 1", Text(*t, 0, "As printed"));
  EXPECT_EQ(
      "Warning: page 29 line 11 as read today does not show the total 62; the line may not be the one the import "
      "read.",
      t->notes.at(1));
  ASSERT_TRUE(db_->Exec("UPDATE contribution SET line = 99" + where).ok());
  t = SourceTable(db_.get(), *ref_, {"2021-04", "VNM", "UNMISS", "Troops"});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ("not found in file", Text(*t, 0, "As printed"));
  EXPECT_EQ(0u, t->notes.at(1).find("Line 99 of page 29 not found: UN_country_contributions_2021_04.pdf: page 29 has "))
      << t->notes.at(1);
}

TEST_F(SourceViewPdfTest, PngBoxesTheRowInRed) {
  std::string png = (dir_ / "vnm.png").string();
  auto pic = SourcePagePng(db_.get(), *ref_, {"2021-04", "VNM", "UNMISS", "Troops"}, png, 144);
  ASSERT_TRUE(pic.ok()) << pic.status().message();
  EXPECT_EQ(29, pic->page);
  EXPECT_EQ(std::vector<std::string>{"page 29 line 12: Troops 49 13 62"}, pic->boxed);
  auto bytes = ReadFile(png);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(std::string("\x89PNG\r\n\x1a\n", 8), bytes->substr(0, 8));
  pdf::testing::DecodedPng img = pdf::testing::DecodePng(png);
  ASSERT_TRUE(img.ok) << img.error;
  // 595.276 x 850.394 points at 144 dpi (2 pixels a point).
  EXPECT_EQ(1191, img.width);
  EXPECT_EQ(1701, img.height);
  EXPECT_EQ(img.width, pic->width);
  EXPECT_EQ(img.height, pic->height);
  // The border, from the line's word box, 2 pt out, 3 px wide: red on all
  // four sides; inside it the row's ink, outside it the white page.
  auto line = pdf::ReadPrintedLine(*ReadFile(pdf_), "apr.pdf", 29, kVnmLine);
  ASSERT_TRUE(line.ok());
  pdf::Raster frame;
  frame.width = img.width;
  frame.height = img.height;
  frame.dpi = 144;
  pdf::PixelRect r = pdf::ToPixels(frame, line->box, pdf::kBoxMarginPt);
  const std::vector<int> red = {255, 0, 0};
  const int mx = (r.x0 + r.x1) / 2, my = (r.y0 + r.y1) / 2;
  for (int i = 0; i < pdf::kBoxBorderPx; ++i) {
    EXPECT_EQ(red, img.At(mx, r.y0 + i));
    EXPECT_EQ(red, img.At(mx, r.y1 - i));
    EXPECT_EQ(red, img.At(r.x0 + i, my));
    EXPECT_EQ(red, img.At(r.x1 - i, my));
    EXPECT_EQ(red, img.At(r.x0 + i, r.y0 + i));
  }
  EXPECT_EQ((std::vector<int>{255, 255, 255}), img.At(mx, r.y0 - 2));
  EXPECT_NE(red, img.At(mx, r.y0 + pdf::kBoxBorderPx));
  int ink = 0;
  for (int y = r.y0 + pdf::kBoxBorderPx; y <= r.y1 - pdf::kBoxBorderPx; ++y) {
    for (int x = r.x0 + pdf::kBoxBorderPx; x <= r.x1 - pdf::kBoxBorderPx; ++x) ink += img.At(x, y)[0] < 128;
  }
  EXPECT_GT(ink, 200);
}

TEST_F(SourceViewPdfTest, PngOverSeveralPagesIsRefused) {
  // UNMISS's Viet Nam rows are all on page 29; the country's whole month is not.
  auto rows = FindSourceRows(db_.get(), *ref_, {"2021-04", "VNM", "", ""});
  ASSERT_TRUE(rows.ok());
  std::set<int> pages;
  for (const FigureSource& f : rows->rows) pages.insert(f.page);
  ASSERT_GT(pages.size(), 1u);
  std::string png = (dir_ / "all.png").string();
  auto pic = SourcePagePng(db_.get(), *ref_, {"2021-04", "VNM", "", ""}, png, 144);
  ASSERT_FALSE(pic.ok());
  EXPECT_EQ(Status::Code::kInvalidArgument, pic.status().code());
  EXPECT_NE(std::string::npos, pic.status().message().find(": narrow with --mission or --type to rows on one page"))
      << pic.status().message();
  EXPECT_FALSE(fs::exists(png));
  // One mission's rows on one page are all boxed.
  auto unmiss = SourcePagePng(db_.get(), *ref_, {"2021-04", "VNM", "UNMISS", ""}, png, 144);
  ASSERT_TRUE(unmiss.ok()) << unmiss.status().message();
  EXPECT_EQ(3u, unmiss->boxed.size());
}

TEST_F(SourceViewPdfTest, PngOfAChangedOrMissingFileIsRefused) {
  std::ofstream(pdf_, std::ios::app | std::ios::binary) << "\n% appended\n";
  std::string png = (dir_ / "x.png").string();
  auto changed = SourcePagePng(db_.get(), *ref_, {"2021-04", "VNM", "UNMISS", "Troops"}, png, 144);
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(Status::Code::kInvalidData, changed.status().code());
  EXPECT_EQ(0u, changed.status().message().find("--png: UN_country_contributions_2021_04.pdf (import #1) not "
                                                "available: " +
                                                pdf_ + ": changed since import (SHA-256 now "))
      << changed.status().message();
  fs::remove(pdf_);
  auto missing = SourcePagePng(db_.get(), *ref_, {"2021-04", "VNM", "UNMISS", "Troops"}, png, 144);
  EXPECT_EQ(Status::Code::kNotFound, missing.status().code());
  EXPECT_EQ("--png: UN_country_contributions_2021_04.pdf (import #1) not available: " + pdf_ + ": no such file",
            missing.status().message());
  EXPECT_FALSE(fs::exists(png));
}

}  // namespace
}  // namespace bh
