#include "sample/generator.h"

#include <gtest/gtest.h>

#include "ingest/un_csv.h"
#include "store/schema.h"

namespace bh {
namespace {

TEST(GeneratorTest, DeterministicAndImportableAndSynthetic) {
  SampleSpec spec;
  spec.first = {2021, 1};
  spec.last = {2021, 3};
  SampleStats stats;
  std::string a = GenerateSampleCsv(spec, &stats);
  EXPECT_EQ(a, GenerateSampleCsv(spec));
  EXPECT_EQ(3, stats.months);
  EXPECT_EQ(18, stats.countries);
  auto db = OpenCoreStore(":memory:");
  auto ref = Reference::Load(db->get());
  auto parsed = ParseUnCsv(a, "sample.csv", *ref, false);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_TRUE(parsed->synthetic);
  EXPECT_EQ(static_cast<size_t>(stats.rows), parsed->contributions.size());
  int64_t women = 0, total = 0;
  for (const auto& r : parsed->contributions) {
    women += *r.women;
    total += r.total;
  }
  // Realistic: thousands of personnel, a share of women between 3 % and 20 %.
  EXPECT_GT(total / 3, 5000);
  EXPECT_GT(women * 100, total * 3);
  EXPECT_LT(women * 100, total * 20);
}

TEST(GeneratorTest, BenchmarkSpecHitsTheRequestedSize) {
  SampleStats stats;
  GenerateSampleCsv(BenchmarkSpec(300000), &stats);
  EXPECT_GT(stats.rows, 299000);
  EXPECT_LE(stats.rows, 300000);
}

// Plans of more than 36 deployments (the 10x benchmark) must not repeat a
// mission x personnel type pair, or the import would reject the duplicates.
TEST(GeneratorTest, LargePlansImportWithoutDuplicates) {
  SampleSpec spec;
  spec.countries = {"FJI", "NPL"};
  spec.first = {2024, 1};
  spec.last = {2024, 1};
  spec.deployments_per_country = 95;
  SampleStats stats;
  std::string csv = GenerateSampleCsv(spec, &stats);
  EXPECT_EQ(190, stats.rows);
  auto db = OpenCoreStore(":memory:");
  auto ref = Reference::Load(db->get());
  auto parsed = ParseUnCsv(csv, "large.csv", *ref, false);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(190u, parsed->contributions.size());
}

}  // namespace
}  // namespace bh
