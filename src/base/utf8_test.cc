#include "base/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace bh {
namespace {

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
