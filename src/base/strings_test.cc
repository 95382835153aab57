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

TEST(StringsTest, Sha256EnginesAgree) {
  ASSERT_TRUE(Sha256HardwareAvailable());  // Debian 12's libcrypto.so.3
  std::string big(kSha256OpenSslFrom + 17, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 131 + (i >> 9));
  for (const std::string& in : {std::string(), std::string("abc"), big}) {
    EXPECT_EQ(Sha256Hex(in, Sha256Engine::kSodium), Sha256Hex(in, Sha256Engine::kOpenSsl));
    EXPECT_EQ(Sha256Hex(in, Sha256Engine::kSodium), Sha256Hex(in));
    // Incrementally, in uneven pieces, with either engine.
    for (Sha256Engine e : {Sha256Engine::kSodium, Sha256Engine::kOpenSsl}) {
      Sha256Hasher h(in.size(), e);
      EXPECT_EQ(e, h.engine());
      for (size_t off = 0; off < in.size(); off += 65537) h.Update(std::string_view(in).substr(off, 65537));
      EXPECT_EQ(Sha256Hex(in, Sha256Engine::kSodium), h.FinalHex());
    }
  }
  EXPECT_EQ(Sha256Engine::kOpenSsl, Sha256Hasher(kSha256OpenSslFrom).engine());
  // Once libcrypto is loaded, kAuto uses it for small inputs too.
  EXPECT_EQ(Sha256Engine::kOpenSsl, Sha256Hasher(1).engine());
  EXPECT_EQ(Sha256Engine::kSodium, Sha256Hasher(1, Sha256Engine::kSodium).engine());
  EXPECT_EQ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            Sha256Hex("abc", Sha256Engine::kOpenSsl));
  EXPECT_EQ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256Hex(""));
}

TEST(StringsTest, Sha256OfKnownInput) {
  EXPECT_EQ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256Hex("abc"));
}

}  // namespace
}  // namespace bh
