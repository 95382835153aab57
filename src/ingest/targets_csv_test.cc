#include "ingest/targets_csv.h"

#include <gtest/gtest.h>

#include "store/schema.h"

namespace bh {
namespace {

class TargetsCsvTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = std::move(*OpenCoreStore(":memory:")); }
  std::string ActiveVersion() {
    auto st = db_->Prepare("SELECT version FROM target_set WHERE active = 1");
    if (!st.ok()) return "";
    auto row = st->Step();
    if (!row.ok() || !*row) return "";
    return st->Text(0);
  }
  std::unique_ptr<Db> db_;
};

TEST_F(TargetsCsvTest, ErrorsNameTheLineAndChangeNothing) {
  struct {
    const char* csv;
    const char* error;
  } cases[] = {
      {"cat,year,percent,source\n", "t.csv:1: header must be: category,year,percent,source"},
      {"category,year,percent,source\nmilitary,2021,8,x\n",
       "t.csv:2: column 'category': unknown category 'military' (want contingents, mo_so, fpu, ipo or jc)"},
      {"category,year,percent,source\nfpu,21,8,x\n", "t.csv:2: column 'year': not a year: '21'"},
      {"category,year,percent,source\nfpu,2021,101,x\n",
       "t.csv:2: column 'percent': not a percentage between 0 and 100: '101'"},
      {"category,year,percent,source\nfpu,2021,8,\n", "t.csv:2: column 'source': every target needs its source"},
      {"category,year,percent,source\nfpu,2021,8,x\nfpu,2021,9,y\n", "t.csv:3: fpu 2021 appears twice"},
      {"category,year,percent,source\n", "t.csv: no target rows"},
      {"category,year,percent,source\nfpu,2021,8,UGPS\xe9\n",
       "t.csv:2: column 'source': not valid UTF-8 (byte 0xe9 at byte 5)"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.error, ImportTargets(db_.get(), c.csv, "t.csv", "v").message());
  }
  EXPECT_EQ("t.csv: version: holds a control character (0x00 at byte 2)",
            ImportTargets(db_.get(), "category,year,percent,source\nfpu,2021,8,x\n", "t.csv", std::string("v\0", 2))
                .message());
  // Nothing changed: the built-in set is still active.
  EXPECT_EQ("ugps-2018-sourced", ActiveVersion());
  ASSERT_TRUE(ImportTargets(db_.get(), "category,year,percent,source\nfpu,2021,12.5%,x\n", "t.csv", "v2").ok());
  EXPECT_EQ("v2", ActiveVersion());
  EXPECT_EQ(
      1250,
      *db_->QueryInt("SELECT basis_points FROM target_cell WHERE version = 'v2' AND category = 'fpu' AND year = 2021"));
}

}  // namespace
}  // namespace bh
