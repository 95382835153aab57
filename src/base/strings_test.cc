#include "base/strings.h"

#include <gtest/gtest.h>

namespace bh {
namespace {

TEST(StringsTest, TrimStripsAsciiAndNoBreakSpace) {
  EXPECT_EQ("UNMISS", Trim("UNMISS   "));
  EXPECT_EQ("a b", Trim("\t a b \r\n"));
  EXPECT_EQ("x", Trim("\xC2\xA0x\xC2\xA0"));
  EXPECT_EQ("", Trim("   "));
}

TEST(StringsTest, ParseWholeNumberAcceptsThousandsSeparators) {
  struct Case {
    const char* text;
    std::optional<int64_t> want;
  } cases[] = {
      {"0", 0},
      {"6394", 6394},
      {"6,394", 6394},
      {" 73,371 ", 73371},
      {"1,234,567", 1234567},
      {"", std::nullopt},
      {"n/a", std::nullopt},
      {"-1", std::nullopt},
      {"1.5", std::nullopt},
      {"12,34", std::nullopt},
      {",123", std::nullopt},
      {"1234,567", std::nullopt},
      {"99999999999", std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.want, ParseWholeNumber(c.text)) << c.text;
  }
}

TEST(StringsTest, NameKeyFoldsDiacriticsQuotesAndSpaces) {
  EXPECT_EQ("cote d'ivoire", NameKey("Côte d'Ivoire"));
  EXPECT_EQ("cote d'ivoire", NameKey("C\xC3\xB4te d\xE2\x80\x99Ivoire"));
  EXPECT_EQ("turkiye", NameKey("Türkiye"));
  EXPECT_EQ("united states of america", NameKey("United States\n of  America"));
  EXPECT_EQ("guinea bissau", NameKey("Guinea-Bissau"));
  EXPECT_EQ("iran (islamic republic of)", NameKey("Iran (Islamic Republic of)"));
}

TEST(StringsTest, GroupThousands) {
  EXPECT_EQ("0", GroupThousands(0));
  EXPECT_EQ("999", GroupThousands(999));
  EXPECT_EQ("1,225", GroupThousands(1225));
  EXPECT_EQ("73,371", GroupThousands(73371));
  EXPECT_EQ("-1,000,000", GroupThousands(-1000000));
}

TEST(StringsTest, Sha256OfKnownInput) {
  EXPECT_EQ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256Hex("abc"));
}

}  // namespace
}  // namespace bh
