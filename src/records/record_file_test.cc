#include "records/record_file.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

constexpr ColumnSpec kCycleColumns[] = {
    {"ewg", true, true, ""}, {"cycle", true, true, ""}, {"co_chairs", true, false, ""}, {"note", false, false, ""}};
constexpr ColumnSpec kVenueColumns[] = {{"ref", true, true, ""}, {"venue", true, false, ""}};
constexpr KindSpec kKinds[] = {{"cycle", "cycles", "co_chairs", kCycleColumns},
                               {"activity", "activities", "venue", kVenueColumns}};
const RecordDomain kDomain = {"EWG", "docs/ewg.md", kKinds};

TEST(RecordFileTest, ReadsRowsWithLinesKindAndIllustrativeMark) {
  auto f = ReadRecordFile("# ILLUSTRATIVE demo\nref,VENUE\nA1,Hanoi\n\"A2\",'=x\n", "a.csv", kDomain);
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(1u, f->kind);
  EXPECT_TRUE(f->illustrative);
  ASSERT_EQ(2u, f->rows.size());
  EXPECT_EQ(3, f->rows[0].first);
  EXPECT_EQ("Hanoi", f->rows[0].second.Get("venue"));
  EXPECT_EQ(4, f->rows[1].first);
  EXPECT_EQ("=x", f->rows[1].second.Get("venue"));  // neutralised by export, read back
}

// A spec's names may carry case and spaces (the errata's "Printed women"):
// the header matches them in any case, and fields are keyed by the spec's.
TEST(RecordFileTest, HeaderMatchesTheSpecsNamesInAnyCase) {
  static constexpr ColumnSpec kFigures[] = {{"ISO3", true, true, ""}, {"Printed women", true, false, ""}};
  static constexpr KindSpec kFigureKinds[] = {{"figure", "figures", "Printed women", kFigures}};
  const RecordDomain domain = {"errata", "docs/checks.md", kFigureKinds};
  auto f = ReadRecordFile("printed WOMEN,iso3\n748,CMR\n", "e.csv", domain);
  ASSERT_TRUE(f.ok()) << f.status().message();
  ASSERT_EQ(1u, f->rows.size());
  EXPECT_EQ("748", f->rows[0].second.Get("Printed women"));
  EXPECT_EQ("CMR", f->rows[0].second.Get("ISO3"));
  EXPECT_FALSE(f->rows[0].second.Has("iso3"));
  EXPECT_EQ("e.csv:1: missing column 'ISO3' in a figures file",
            ReadRecordFile("Printed women\n748\n", "e.csv", domain).status().message());
  EXPECT_EQ(
      "e.csv:1: not an errata file: want a header with exactly one of Printed women (figures) (see "
      "docs/checks.md)",
      ReadRecordFile("ISO3\nCMR\n", "e.csv", domain).status().message());
}

TEST(RecordFileTest, Errors) {
  struct Case {
    const char* data;
    const char* error;
  } cases[] = {
      {"", "c.csv: empty file"},
      {"ewg,cycle\n",
       "c.csv:1: not an EWG file: want a header with exactly one of co_chairs (cycles), venue (activities) "
       "(see docs/ewg.md)"},
      {"co_chairs,venue\n",
       "c.csv:1: not an EWG file: want a header with exactly one of co_chairs (cycles), venue (activities) "
       "(see docs/ewg.md)"},
      {"ewg,cycle,co_chairs,colour\n",
       "c.csv:1: unknown column 'colour' in a cycles file (columns: ewg, cycle, co_chairs, note)"},
      {"ewg,co_chairs\n", "c.csv:1: missing column 'cycle' in a cycles file"},
      {"ewg,ewg,co_chairs\n", "c.csv:1: column 'ewg' appears twice"},
      {"ewg,cycle,co_chairs\nPKO,6\n", "c.csv:2: expected 3 fields, found 2"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.data);
    auto f = ReadRecordFile(c.data, "c.csv", kDomain);
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(Status::Code::kInvalidData, f.status().code());
    EXPECT_EQ(c.error, f.status().message());
  }
}

TEST(RecordFileTest, WriteReadsBack) {
  std::vector<Fields> rows = {Fields{{"ewg", "PKO"}, {"cycle", "4"}, {"co_chairs", "Viet Nam;Japan"}},
                              Fields{{"ewg", "PKO"}, {"cycle", "5"}, {"co_chairs", "A, B"}, {"note", "+1 risky"}}};
  std::string csv = WriteRecordFile(kKinds[0], rows, {"ILLUSTRATIVE: made up"});
  EXPECT_EQ(0u, csv.find("# ILLUSTRATIVE: made up\newg,cycle,co_chairs,note\nPKO,4,Viet Nam;Japan,\n")) << csv;
  auto back = ReadRecordFile(csv, "c.csv", kDomain);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_TRUE(back->illustrative);
  ASSERT_EQ(2u, back->rows.size());
  EXPECT_EQ("A, B", back->rows[1].second.Get("co_chairs"));
  EXPECT_EQ("+1 risky", back->rows[1].second.Get("note"));
  EXPECT_EQ("", back->rows[0].second.Get("note"));
}

}  // namespace
}  // namespace bh
