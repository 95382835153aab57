#include "base/utf8.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

TEST(Utf8Test, IsValidUtf8) {
  static const struct {
    std::string_view text;
    bool valid;
  } kCases[] = {
      {"", true},
      {"Viet Nam", true},
      {"C\xC3\xB4te d'Ivoire", true},  // ô
      {"8\xE2\x80\x93"
       "10",
       true},                               // en dash
      {"\xF0\x9F\x98\x80", true},           // U+1F600
      {"\xF4\x8F\xBF\xBF", true},           // U+10FFFF
      {std::string_view("a\0b", 3), true},  // NUL is UTF-8; TextProblem refuses it
      {"caf\xE9", false},                   // Latin-1 é
      {"bad\xFF.csv", false},
      {"\x80", false},              // stray continuation
      {"\xC3", false},              // truncated
      {"\xE2\x80", false},          // truncated
      {"\xC0\xAF", false},          // overlong '/'
      {"\xE0\x80\xAF", false},      // overlong
      {"\xF0\x80\x80\xAF", false},  // overlong
      {"\xED\xA0\x80", false},      // surrogate U+D800
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
      {"\xF5\x80\x80\x80", false},
  };
  for (const auto& c : kCases) EXPECT_EQ(c.valid, IsValidUtf8(c.text)) << testing::PrintToString(std::string(c.text));
}

TEST(Utf8Test, TextProblemNamesTheByte) {
  EXPECT_EQ("", TextProblem("Level-2 field hospital\twith tab"));
  EXPECT_EQ("not valid UTF-8 (byte 0xe9 at byte 4)", TextProblem("caf\xE9"));
  EXPECT_EQ("holds a control character (0x00 at byte 4)", TextProblem(std::string_view("U-3\0evil", 8)));
  EXPECT_EQ("holds a control character (0x0a at byte 2)", TextProblem("a\nb"));
  EXPECT_EQ("holds a control character (0x7f at byte 1)", TextProblem("\x7f"));
}

TEST(Utf8Test, PrefixNeverCutsACharacter) {
  std::string e4 = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";  // éééé
  EXPECT_EQ("\xC3\xA9", Utf8Prefix(e4, 3));
  EXPECT_EQ("\xC3\xA9\xC3\xA9", Utf8Prefix(e4, 4));
  EXPECT_EQ(e4, Utf8Prefix(e4, 100));
  EXPECT_EQ("", Utf8Prefix(e4, 1));
  EXPECT_EQ(4u, Utf8Length(e4));
}

TEST(Utf8Test, ToValidUtf8ReplacesBadBytes) {
  EXPECT_EQ("bad\xEF\xBF\xBD.csv", ToValidUtf8("bad\xff.csv"));
  EXPECT_EQ("caf\xC3\xA9", ToValidUtf8("caf\xC3\xA9"));
}

TEST(Utf8Test, AcceptsWellFormedText) {
  for (std::string s : {std::string(""), std::string("plain ASCII"), std::string("C\xC3\xB4te d'Ivoire"),
                        std::string("\xE2\x80\x99"), std::string("\xF0\x9F\x98\x80"), std::string("\xEF\xBB\xBF"),
                        std::string("\xED\x9F\xBF"), std::string("\xF4\x8F\xBF\xBF"), std::string("a\0b", 3)}) {
    EXPECT_TRUE(IsValidUtf8(s)) << s;
  }
}

TEST(Utf8Test, RefusesMalformedSequences) {
  struct {
    const char* what;
    std::string bytes;
  } cases[] = {
      {"Latin-1 byte", "bad\xff.csv"},         {"Latin-1 e-acute", "caf\xe9"},
      {"stray continuation", "\x80"},          {"truncated two-byte", "\xC3"},
      {"truncated three-byte", "\xE2\x80"},    {"truncated four-byte at end", "x\xF0\x9F\x98"},
      {"overlong slash", "\xC0\xAF"},          {"overlong C1 lead", "\xC1\xBF"},
      {"overlong three-byte", "\xE0\x80\xAF"}, {"overlong four-byte", "\xF0\x80\x80\xAF"},
      {"surrogate", "\xED\xA0\x80"},           {"above U+10FFFF", "\xF4\x90\x80\x80"},
      {"F5 lead", "\xF5\x80\x80\x80"},         {"continuation not continuing", "\xC3\x28"},
  };
  for (const auto& c : cases) EXPECT_FALSE(IsValidUtf8(c.bytes)) << c.what;
}

}  // namespace
}  // namespace bh
