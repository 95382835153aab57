// Google Benchmark suite for the hot paths (issue 7): parsing UN CSV rows,
// rebuilding a report's tables from PDF word boxes, and aggregating a
// scorecard. Built as bluehelmet_bench when
// BLUEHELMET_BUILD_BENCH is ON; run `build/release/bluehelmet_bench`.
// Times are reported, never asserted.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "base/csv.h"
#include "base/file_util.h"
#include "ingest/un_csv.h"
#include "pdf/contribution_report.h"
#include "pdf/pdf_text.h"
#include "sample/generator.h"
#include "scorecard/scorecard.h"
#include "store/contribution_store.h"
#include "store/reference.h"
#include "store/schema.h"

#ifndef BLUEHELMET_SHARED_DIR
#define BLUEHELMET_SHARED_DIR "../shared"  // set by bench/CMakeLists.txt
#endif

namespace bh {
namespace {

// A SYNTHETIC file of about `approx_rows` rows, and the reference data to parse it.
struct CsvFixture {
  explicit CsvFixture(int64_t approx_rows) {
    SampleStats stats;
    csv = GenerateSampleCsv(BenchmarkSpec(approx_rows), &stats);
    this->rows = stats.rows;
    db = std::move(*OpenCoreStore(":memory:"));
    ref = std::make_unique<Reference>(std::move(*Reference::Load(db.get())));
  }
  std::string csv;
  int64_t rows = 0;
  std::unique_ptr<Db> db;
  std::unique_ptr<Reference> ref;
};

const CsvFixture& Fixture() {
  static const CsvFixture f(100000);
  return f;
}

// Splitting records into fields only (base/csv).
void BM_CsvReaderRow(benchmark::State& state) {
  const CsvFixture& f = Fixture();
  for (auto _ : state) {
    CsvReader r(f.csv, "bench.csv");
    std::vector<std::string_view> fields;
    int64_t n = 0;
    while (r.Next(&fields)) ++n;
    benchmark::DoNotOptimize(n);
  }
  state.SetItemsProcessed(state.iterations() * f.rows);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(f.csv.size()));
}
BENCHMARK(BM_CsvReaderRow)->Unit(benchmark::kMillisecond);

// A whole row: fields, country, counts, date, mission, type, duplicate check.
void BM_ParseUnCsvRow(benchmark::State& state) {
  const CsvFixture& f = Fixture();
  for (auto _ : state) {
    auto parsed = ParseUnCsv(f.csv, "bench.csv", *f.ref, false);
    if (!parsed.ok()) state.SkipWithError(parsed.status().message().c_str());
    benchmark::DoNotOptimize(parsed);
  }
  state.SetItemsProcessed(state.iterations() * f.rows);
}
BENCHMARK(BM_ParseUnCsvRow)->Unit(benchmark::kMillisecond);

// Writing parsed rows with their provenance: ImportSession's 64-row
// INSERTs into a fresh in-memory store, month sums and COMMIT (the import's
// writer thread; the parse runs beside it).
void BM_ImportSessionRow(benchmark::State& state) {
  const CsvFixture& f = Fixture();
  auto parsed = ParseUnCsv(f.csv, "bench.csv", *f.ref, false);
  if (!parsed.ok()) {
    state.SkipWithError(parsed.status().message().c_str());
    return;
  }
  int64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<Db> db = std::move(*OpenCoreStore(":memory:"));
    state.ResumeTiming();
    ImportSession s(db.get(), {"bench.csv", "bench.csv", std::to_string(n++), "un_gender_csv", "", true});
    Status st = s.status();
    for (const ContributionRow& r : parsed->contributions) {
      if (!st.ok()) break;
      st = s.AddContribution(r);
    }
    if (st.ok()) st = s.Commit("no totals printed");
    if (!st.ok()) state.SkipWithError(st.message().c_str());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(parsed->contributions.size()));
}
BENCHMARK(BM_ImportSessionRow)->Unit(benchmark::kMillisecond);

// Rebuilding the tables of one real monthly report (2025-07, the newest
// layout) from its word boxes, per page; the boxes are extracted once.
void BM_ParseReportFromWordBoxes(benchmark::State& state) {
  std::string path = std::string(BLUEHELMET_SHARED_DIR) +
                     "/data/raw/un_country_contributions_pdf/UN_country_contributions_2025_07.pdf";
  auto bytes = ReadFile(path);
  if (!bytes.ok()) {
    state.SkipWithError("the real reports in ../shared are absent");
    return;
  }
  auto pages = pdf::ExtractPages(*bytes, "2025_07.pdf");
  if (!pages.ok()) {
    state.SkipWithError(pages.status().message().c_str());
    return;
  }
  for (auto _ : state) {
    auto report = pdf::ParseReport(*pages, "2025_07.pdf");
    benchmark::DoNotOptimize(report);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(pages->size()));
  state.SetLabel("items = pages");
}
BENCHMARK(BM_ParseReportFromWordBoxes)->Unit(benchmark::kMicrosecond);

// One month's scorecard over `n` contributing countries, ADMM-Plus shown.
void BM_ComputeScorecard(benchmark::State& state) {
  const CsvFixture& f = Fixture();
  std::vector<CategoryFigures> all;
  std::vector<std::string> countries;
  int n = static_cast<int>(state.range(0));
  int i = 0;
  for (const std::string& iso3 : BenchmarkSpec(1000).countries) {
    if (i++ >= n) break;
    for (Category c :
         {Category::kContingents, Category::kObserversStaff, Category::kFormedPolice, Category::kIndividualPolice}) {
      int64_t total = 50 + (i * 37 + static_cast<int>(c) * 11) % 900;
      int64_t women = total * ((i + static_cast<int>(c)) % 17) / 100;
      all.push_back({iso3, c, women, total - women, total, true});
    }
  }
  auto group = GetGroup(f.db.get(), "ADMM-Plus");
  if (!group.ok()) state.SkipWithError(group.status().message().c_str());
  TargetTable targets("bench", {{Category::kContingents, 2021, 800, "s"},
                                {Category::kContingents, 2028, 1500, "s"},
                                {Category::kObserversStaff, 2021, 1800, "s"},
                                {Category::kObserversStaff, 2028, 2500, "s"},
                                {Category::kFormedPolice, 2022, 1200, "s"},
                                {Category::kFormedPolice, 2028, 2000, "s"}});
  for (auto _ : state) {
    auto rows = ComputeScorecard(all, targets, 2025, group->MembersIn({2025, 6}), "ADMM-Plus");
    benchmark::DoNotOptimize(rows);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(all.size()));
}
BENCHMARK(BM_ComputeScorecard)->Arg(60)->Arg(120);  // BenchmarkSpec has 120 countries

}  // namespace
}  // namespace bh

BENCHMARK_MAIN();
