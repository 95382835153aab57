#include "pdf/poppler_module.h"

#include <gtest/gtest.h>

#include "base/module.h"
#include "pdf/test_pdf.h"

namespace bh::pdf {
namespace {

TEST(PopplerModuleTest, LoadsOnceWithItsVersion) {
  auto m = LoadPopplerModule();
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(kPopplerModuleVersion, (*m)->version);
  auto again = LoadPopplerModule();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*m, *again);
}

TEST(PopplerModuleTest, AModuleOfAnotherVersionIsRefused) {
  auto m = LoadModuleTable<PopplerModule>(kPopplerModuleName, kPopplerModuleEntry, kPopplerModuleVersion + 1);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(Status::Code::kInternal, m.status().code());
  EXPECT_EQ("the module bluehelmet-poppler.so is of another version (1, want 2): rebuild it", m.status().message());
}

TEST(PopplerModuleTest, TheExecutablesFunctionsAreTheModules) {
  // The same answer through the forwarders and through the table.
  const std::string pdf = testing::MakePdf({{{72, 92, "Hello"}, {200, 92, "World"}}}, 12);
  auto direct = (*LoadPopplerModule())->extract_pages(pdf, "t.pdf");
  auto forwarded = ExtractPages(pdf, "t.pdf");
  ASSERT_TRUE(direct.ok() && forwarded.ok());
  ASSERT_EQ(1u, forwarded->size());
  ASSERT_EQ(direct->front().words.size(), forwarded->front().words.size());
  EXPECT_EQ("Hello", forwarded->front().words.front().text);
}

}  // namespace
}  // namespace bh::pdf
