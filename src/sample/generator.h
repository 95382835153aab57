// Deterministic generator of SYNTHETIC UN-format contribution data.
//
// Writes a "contributions by gender" CSV with the UN's nine columns, for the
// bundled demo (the 18 ADMM-Plus members) and for benchmarks (any size).
// Every Contribution_ID starts with "SYNTHETIC-", which the importer
// recognises, so every output built on it is labelled synthetic. The same
// spec always yields the same bytes (its own PRNG, no clock, no locale).
//
// Sizes and shares are realistic, not real: each country gets deployments
// (mission x personnel type) with a base strength in the range the UN
// reports for contributors of its size, a share of women that drifts upward
// over time, and month-to-month rotation noise.
//
// Pure; thread-safe.
#ifndef BLUEHELMET_SAMPLE_GENERATOR_H_
#define BLUEHELMET_SAMPLE_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/date.h"

namespace bh {

struct SampleSpec {
  std::vector<std::string> countries;  // ISO3; empty = the 18 ADMM-Plus members
  Month first{2019, 1};
  Month last{2025, 6};
  // Deployments (mission x type) per country; 0 = a size-dependent default.
  int deployments_per_country = 0;
  // With deployments_per_country > 0: the first this many countries get one
  // deployment more (so a benchmark file hits its row count).
  size_t countries_with_one_more = 0;
  uint64_t seed = 20210406;  // the seed article's date
};

struct SampleStats {
  int64_t rows = 0;
  int months = 0;
  int countries = 0;
};

// Returns the CSV text. Country names are written as the UN prints them.
std::string GenerateSampleCsv(const SampleSpec& spec, SampleStats* stats = nullptr);

// A spec for benchmarks: `rows` rows (to within 0.4 %) over July 2002 .. December 2025
// (the real history's span), spread over up to 120 contributing countries.
SampleSpec BenchmarkSpec(int64_t rows);

}  // namespace bh

#endif  // BLUEHELMET_SAMPLE_GENERATOR_H_
