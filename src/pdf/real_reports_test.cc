// The 89 real monthly reports in ../shared (skipped when absent): every file
// parses, every printed total reconciles, exact spot checks per family, and
// the per-country sums of Jan 2021 and Jan 2022 equal the UN's ranking files.
//
// Each file is read and parsed once per test binary run (the cache below),
// because CI runs this suite under ASan on 2 cores.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "base/csv.h"
#include "base/file_util.h"
#include "base/strings.h"
#include "pdf/contribution_report.h"
#include "pdf/pdf_text.h"

namespace bh::pdf {
namespace {

namespace fs = std::filesystem;

std::string PdfDir() { return std::string(BLUEHELMET_SHARED_DIR) + "/data/raw/un_country_contributions_pdf"; }

struct Parsed {
  std::string name;
  Status status;  // of extraction or parsing
  ParsedReport report;
};

Parsed ParseFile(const fs::path& path) {
  Parsed p;
  p.name = path.filename().string();
  Result<std::string> bytes = ReadFile(path.string());
  if (!bytes.ok()) {
    p.status = bytes.status();
  } else if (Result<std::vector<Page>> pages = ExtractPages(*bytes, p.name); !pages.ok()) {
    p.status = pages.status();
  } else if (Result<ParsedReport> r = ParseReport(*pages, p.name); !r.ok()) {
    p.status = r.status();
  } else {
    p.report = std::move(*r);
  }
  return p;
}

// Each report is parsed at most once per process: ctest runs every TEST in
// a process of its own, so the checks that need one month parse only it,
// and the one test over all months parses them on two threads (which also
// exercises ExtractPages' thread-safety claim).
class Cache {
 public:
  static Cache& Get() {
    static Cache cache;
    return cache;
  }

  bool Available() const { return fs::exists(PdfDir()); }

  const Parsed& One(const std::string& name) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (auto it = parsed_.find(name); it != parsed_.end()) return it->second;
    }
    Parsed p = ParseFile(fs::path(PdfDir()) / name);
    std::lock_guard<std::mutex> lock(mu_);
    return parsed_.emplace(name, std::move(p)).first->second;
  }

  const std::map<std::string, Parsed>& All() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(PdfDir())) {
      if (entry.path().extension() == ".pdf") names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i; (i = next++) < names.size();) One(names[i]);
    };
    std::thread other(work);
    work();
    other.join();
    return parsed_;
  }

 private:
  std::mutex mu_;
  std::map<std::string, Parsed> parsed_;  // node-based: references stay valid
};

class RealReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Cache::Get().Available()) GTEST_SKIP() << "no shared reports in " << PdfDir();
  }

  static const ParsedReport& Report(const std::string& month) {  // "2021_04"
    const Parsed& p = Cache::Get().One("UN_country_contributions_" + month + ".pdf");
    EXPECT_TRUE(p.status.ok()) << p.status.message();
    return p.report;
  }

  static const ReportRow* Find(const ParsedReport& r, std::string_view country, std::string_view mission,
                               PersonnelType type) {
    const ReportRow* found = nullptr;
    for (const ReportRow& row : r.rows) {
      if (row.country == country && row.mission == mission && row.type == type) {
        EXPECT_EQ(nullptr, found) << "two rows for " << country << " " << mission;
        found = &row;
      }
    }
    return found;
  }

  static void ExpectRow(const std::string& month, std::string_view country, std::string_view mission,
                        PersonnelType type, std::optional<int64_t> men, std::optional<int64_t> women, int64_t total) {
    SCOPED_TRACE(month + " " + std::string(country) + " " + std::string(mission));
    const ReportRow* row = Find(Report(month), country, mission, type);
    ASSERT_NE(nullptr, row);
    EXPECT_EQ(men, row->men);
    EXPECT_EQ(women, row->women);
    EXPECT_EQ(total, row->total);
  }

  static void ExpectGrand(const std::string& month, std::optional<int64_t> men, std::optional<int64_t> women,
                          int64_t total) {
    SCOPED_TRACE(month);
    const ParsedReport& r = Report(month);
    int64_t m = 0, f = 0, t = 0;
    for (const ReportRow& row : r.rows) {
      m += row.men.value_or(0);
      f += row.women.value_or(0);
      t += row.total;
    }
    if (men) {
      EXPECT_EQ(*men, m);
    }
    if (women) {
      EXPECT_EQ(*women, f);
    }
    EXPECT_EQ(total, t);
  }
};

// One test over all months (parsing them is the slow part): every file
// parses, in the expected family, with its printed date, and every printed
// total reconciles.
TEST_F(RealReportsTest, EveryMonthParsesAndReconciles) {
  const std::map<std::string, Parsed>& all = Cache::Get().All();
  EXPECT_EQ(89u, all.size());
  std::map<char, int> families;
  int with_totals = 0, numbered = 0;
  for (const auto& [name, p] : all) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(p.status.ok()) << p.status.message();
    ++families[p.report.family];
    if (!p.report.totals.empty() || p.report.printed_row_count) ++with_totals;
    for (const Mismatch& m : CheckPrintedTotals(p.report)) ADD_FAILURE() << ToString(m);
    Status complete = CheckAllPages(p.report, name);
    EXPECT_TRUE(complete.ok()) << complete.message();
    Status identity = CheckIdentity(p.report, name);
    EXPECT_TRUE(identity.ok()) << identity.message();
    if (!p.report.page_numbers.empty()) ++numbered;
    // The file name is used here only to check the printed date.
    int year = std::stoi(name.substr(25, 4)), month = std::stoi(name.substr(30, 2));
    if (year == 2019 && month == 10) {
      EXPECT_FALSE(p.report.as_of.has_value());  // prints none
    } else {
      ASSERT_TRUE(p.report.as_of.has_value());
      EXPECT_EQ(Date::LastDayOf({year, month}), *p.report.as_of);
    }
  }
  std::map<char, int> want = {{'A', 4},  {'B', 8}, {'C', 16}, {'D', 1}, {'E', 1}, {'F', 1},
                              {'G', 10}, {'H', 1}, {'I', 45}, {'J', 1}, {'K', 1}};
  EXPECT_EQ(want, families);
  // Only D (2019-09) and K (2024-10) print no total at all.
  EXPECT_EQ(87, with_totals);
  // Families A, F, G, I and J number every page ("Page N of M").
  EXPECT_EQ(4 + 1 + 10 + 45 + 1, numbered);
}

// 2015-02 (SOURCES.md, "Defects a reader must survive"): family A with stub
// rows beside the real rows of the same key, and mission subtotals with no
// number. Read as printed, its real rows sum to M 100,867 / F 4,061 and all
// 717 numeric subtotals agree.
TEST_F(RealReportsTest, February2015StubRows) {
  const ParsedReport& r = Report("2015_02");
  EXPECT_EQ('A', r.family);
  ExpectGrand("2015_02", 100867, 4061, 104928);
  EXPECT_EQ(717u, r.totals.size());
  EXPECT_TRUE(CheckPrintedTotals(r).empty());
  std::map<SkippedLine::Why, int> skipped;
  for (const SkippedLine& s : r.skipped) ++skipped[s.why];
  EXPECT_EQ((std::map<SkippedLine::Why, int>{{SkippedLine::Why::kStubRow, 48}, {SkippedLine::Why::kEmptySubtotal, 5}}),
            skipped);
  // Argentina / MINURSO: the real row, then "Individual Police 0" twice.
  ExpectRow("2015_02", "Argentina", "MINURSO", PersonnelType::kIndividualPolice, 0, 1, 1);
  ExpectRow("2015_02", "Argentina", "MINURSO", PersonnelType::kExpertsOnMission, 3, 0, 3);
  ExpectRow("2015_02", "Bangladesh", "MINUSMA", PersonnelType::kTroops, 1580, 0, 1580);
}

// The pages of a real report as a file with some pages cut out or moved
// would give them: renumbered 1..n in file order.
std::vector<Page> Pages(const std::string& month) {
  Result<std::string> bytes = ReadFile(PdfDir() + "/UN_country_contributions_" + month + ".pdf");
  EXPECT_TRUE(bytes.ok()) << bytes.status().message();
  Result<std::vector<Page>> pages = ExtractPages(bytes.ok() ? *bytes : "", month);
  EXPECT_TRUE(pages.ok()) << pages.status().message();
  return pages.ok() ? std::move(*pages) : std::vector<Page>{};
}

void Renumber(std::vector<Page>& pages) {
  for (size_t i = 0; i < pages.size(); ++i) pages[i].number = static_cast<int>(i) + 1;
}

// Family A prints no grand total: with pages cut out, every subtotal it
// still prints agrees. The page footers are the evidence.
TEST_F(RealReportsTest, ACutReportIsRefusedNamingTheMissingPages) {
  std::vector<Page> pages = Pages("2015_02");
  ASSERT_EQ(46u, pages.size());
  pages.erase(pages.begin() + 9, pages.begin() + 12);  // pages 10, 11, 12
  Renumber(pages);
  Result<ParsedReport> r = ParseReport(pages, "cut.pdf");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ("cut.pdf: pages missing: 10-12 of 46 (the report numbers its pages 'Page N of 46')", r.status().message());
  // Cut where a country block starts (page 24), what is left would agree
  // with every subtotal it prints: only the footers show what is gone.
  pages = Pages("2015_02");
  pages.erase(pages.begin() + 23, pages.end());
  r = ParseReport(pages, "cut.pdf");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ("cut.pdf: pages missing: 24-46 of 46 (the report numbers its pages 'Page N of 46')", r.status().message());
}

TEST_F(RealReportsTest, PagesOutOfOrderAreRefused) {
  std::vector<Page> pages = Pages("2021_04");
  std::swap(pages[4], pages[5]);
  Renumber(pages);
  Result<ParsedReport> r = ParseReport(pages, "moved.pdf");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ("moved.pdf: pages out of order: page 5 of the file is 'Page 6 of 32'", r.status().message());
}

// A table of another series in the same layout: only the title says so.
TEST_F(RealReportsTest, AnotherSeriesIsRefusedByItsTitle) {
  std::vector<Page> pages = Pages("2021_04");
  int changed = 0;
  for (Word& w : pages[0].words) {
    if (w.text == "Uniformed") {
      w.text = "Civilian";
      ++changed;
    }
  }
  ASSERT_EQ(1, changed);
  Result<ParsedReport> r = ParseReport(pages, "civ.pdf");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(CheckPrintedTotals(*r).empty());
  Status st = CheckIdentity(*r, "civ.pdf");
  EXPECT_EQ(0u, st.message().find("civ.pdf: not the UN's uniformed-personnel contribution report: the title is "
                                  "'Contribution of Civilian Personnel to UN by Mission, Country, and Personnel Type"))
      << st.message();
  EXPECT_NE(std::string::npos, st.message().find("not one of the report's titles for layout family I"));
}

TEST_F(RealReportsTest, SpotChecksPerFamily) {
  using T = PersonnelType;
  // A: country blocks with subtotal lines.
  ExpectRow("2017_01", "Argentina", "MINUSTAH", T::kTroops, 47, 25, 72);
  // B: numbered countries, mission lines.
  ExpectRow("2017_05", "Argentina", "MINUSTAH", T::kTroops, 39, 27, 66);
  ExpectGrand("2017_05", 92520, 4097, 96617);
  // C: no mission.
  ExpectRow("2018_03", "Bangladesh", "", T::kTroops, 6036, 70, 6106);
  ExpectGrand("2018_03", 86723, 4335, 91058);
  // D: flat, names cut short as printed.
  ExpectRow("2019_09", "Canada", "MINUJUSTH", T::kIndividualPolice, 3, 5, 8);
  // E: wide pairs.
  ExpectRow("2019_10", "Argentina", "UNFICYP", T::kTroops, 211, 23, 234);
  ExpectRow("2019_10", "Argentina", "UNFICYP", T::kStaffOfficer, 6, 3, 9);
  ExpectGrand("2019_10", 1068 + 69109 + 1720 + 6034 + 1767, 216 + 3345 + 647 + 758 + 304,
              1068 + 69109 + 1720 + 6034 + 1767 + 216 + 3345 + 647 + 758 + 304);
  // F: type after the numbers.
  ExpectRow("2019_11", "Canada", "BINUH", T::kIndividualPolice, 0, 4, 4);
  // G: short labels.
  ExpectRow("2020_02", "Bangladesh", "MINURSO", T::kTroops, 16, 4, 20);
  ExpectGrand("2020_02", 77853, 5415, 83268);
  // H: subtotal lines before type lines.
  ExpectRow("2021_01", "Bangladesh", "MINURSO", T::kTroops, 13, 7, 20);
  ExpectGrand("2021_01", 76169, 5763, 81932);
  // I: centred country labels (issue 3's example).
  ExpectRow("2021_04", "Viet Nam", "UNMISS", T::kTroops, 49, 13, 62);
  ExpectRow("2021_04", "Bangladesh", "MINURSO", T::kTroops, 12, 8, 20);
  ExpectGrand("2021_04", 73371, 5617, 78988);
  // I, 2022-09: a country group cut by a page break.
  ExpectRow("2022_09", "Tunisia", "MINUSCA", T::kTroops, 305, 5, 310);
  ExpectRow("2022_09", "Luxembourg", "MINUSMA", T::kTroops, 2, 0, 2);
  // J: no sex split.
  ExpectRow("2023_09", "Bangladesh", "", T::kTroops, std::nullopt, std::nullopt, 6378);
  ExpectRow("2023_09", "United Republic of Tanzania", "", T::kTroops, std::nullopt, std::nullopt, 1464);
  ExpectGrand("2023_09", std::nullopt, std::nullopt, 72631);
  // K: flat, wrapped names centred around the row.
  ExpectRow("2024_10", "Bangladesh", "MINURSO", T::kTroops, 15, 5, 20);
  ExpectRow("2024_10", "United Republic of Tanzania", "MINUSCA", T::kTroops, 448, 62, 510);
}

// Per-country sums of the PDF against the UN's ranking file of the same
// date. Names are matched by NameKey; the four names the two sources spell
// differently are listed here (the ISO resolver of the core store will
// carry them as aliases).
void CrossCheck(const ParsedReport& r, const std::string& csv_name) {
  std::string path = std::string(BLUEHELMET_SHARED_DIR) + "/data/raw/" + csv_name;
  Result<std::string> data = ReadFile(path);
  ASSERT_TRUE(data.ok()) << data.status().message();
  const std::map<std::string, std::string> pdf_to_csv = {
      {"bolivia", "bolivia (plurinational state of)"},
      {"czech republic", "czechia"},
      {"iran", "iran (islamic republic of)"},
      {"united kingdom", "united kingdom of great britain and northern ireland"},
  };
  std::map<std::string, std::pair<int64_t, int64_t>> pdf;  // key -> (women, men)
  for (const ReportRow& row : r.rows) {
    std::string key = NameKey(row.country);
    if (auto it = pdf_to_csv.find(key); it != pdf_to_csv.end()) key = it->second;
    pdf[key].first += row.women.value_or(0);
    pdf[key].second += row.men.value_or(0);
  }
  CsvReader csv(*data, csv_name);
  std::vector<std::string_view> f;
  ASSERT_TRUE(csv.Next(&f));  // header
  ASSERT_EQ("Female_Personnel", f[4]);
  ASSERT_EQ("Male_Personnel", f[5]);
  int countries = 0;
  while (csv.Next(&f)) {
    ++countries;
    std::string key = NameKey(f[2]);
    auto it = pdf.find(key);
    if (it == pdf.end()) {
      ADD_FAILURE() << csv_name << ": " << f[2] << " not in the PDF";
      continue;
    }
    EXPECT_EQ(ParseWholeNumber(f[4]).value_or(-1), it->second.first) << f[2] << " women";
    EXPECT_EQ(ParseWholeNumber(f[5]).value_or(-1), it->second.second) << f[2] << " men";
    pdf.erase(it);
  }
  ASSERT_TRUE(csv.status().ok()) << csv.status().message();
  EXPECT_EQ(122, countries);
  for (const auto& [key, sums] : pdf) {
    EXPECT_EQ(0, sums.first + sums.second) << key << " in the PDF, not in " << csv_name;
  }
}

TEST_F(RealReportsTest, January2021MatchesRankCsv) { CrossCheck(Report("2021_01"), "Rank.csv"); }

TEST_F(RealReportsTest, January2022MatchesOdpContributionRanks) {
  CrossCheck(Report("2022_01"), "odp_contributionranks.csv");
}

}  // namespace
}  // namespace bh::pdf
