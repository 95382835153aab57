#include "records/fields.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

constexpr ColumnSpec kColumns[] = {
    {"ref", true, true, "the key"},
    {"title", true, false, "required"},
    {"note", false, false, "optional"},
};
const KindSpec kKind = {"item", "items", "title", kColumns};

TEST(FieldsTest, GetTrimsAndReadsMissingAsEmpty) {
  Fields f{{"ref", "  A-1 "}};
  EXPECT_EQ("A-1", f.Get("ref"));
  EXPECT_EQ("", f.Get("note"));
  EXPECT_TRUE(f.Has("ref"));
  EXPECT_FALSE(f.Has("note"));
  EXPECT_EQ("column 'title': required", f.Required("title").status().message());
  EXPECT_EQ("column 'title': required", f.CheckRequired(kKind).message());
  f.Set("title", "x");
  EXPECT_TRUE(f.CheckRequired(kKind).ok());
}

TEST(FieldsTest, CheckTextNamesTheColumn) {
  Fields f{{"note", "two\nlines"}, {"ref", "A"}};
  EXPECT_EQ(Status::Code::kInvalidData, f.CheckText().code());
  EXPECT_EQ("column 'note': holds a control character (0x0a at byte 4)", f.CheckText().message());
}

TEST(FieldsTest, OptionNamesUseDashes) {
  EXPECT_EQ("--service-number", OptionName("service_number"));
  EXPECT_EQ("--ref", OptionName("ref"));
}

TEST(FieldsTest, KeyLabelNamesTheKeyColumns) {
  EXPECT_EQ("item A-1", KeyLabel(kKind, Fields{{"title", "T"}, {"ref", " A-1"}}));
}

TEST(FieldsTest, MergeForWriteByMode) {
  Fields stored{{"ref", "A"}, {"title", "Old"}, {"note", "kept"}};
  Fields given{{"ref", "A"}, {"title", "New"}};
  auto add = MergeForWrite(WriteMode::kAdd, stored, given, "item A", "x item edit");
  EXPECT_EQ(Status::Code::kAlreadyExists, add.status().code());
  EXPECT_EQ("item A already exists; use 'x item edit'", add.status().message());
  auto edit_missing = MergeForWrite(WriteMode::kEdit, std::nullopt, given, "item A", "x item edit");
  EXPECT_EQ(Status::Code::kNotFound, edit_missing.status().code());
  EXPECT_EQ("item A is not recorded", edit_missing.status().message());
  Fields edited = *MergeForWrite(WriteMode::kEdit, stored, given, "item A", "");
  EXPECT_EQ((Fields{{"ref", "A"}, {"title", "New"}, {"note", "kept"}}), edited);
  EXPECT_EQ(edited, *MergeForWrite(WriteMode::kSet, stored, given, "item A", ""));
  EXPECT_EQ(given, *MergeForWrite(WriteMode::kSet, std::nullopt, given, "item A", ""));
  EXPECT_EQ(given, *MergeForWrite(WriteMode::kAdd, std::nullopt, given, "item A", ""));
}

TEST(FieldsTest, ChangeCounts) {
  ChangeCounts c;
  for (Change x : {Change::kAdded, Change::kAdded, Change::kUpdated, Change::kUnchanged}) c.Count(x);
  EXPECT_EQ(2, c.added);
  EXPECT_EQ(1, c.updated);
  EXPECT_EQ(1, c.unchanged);
  EXPECT_EQ(3, c.changed());
  EXPECT_EQ("updated", ChangeName(Change::kUpdated));
}

}  // namespace
}  // namespace bh
