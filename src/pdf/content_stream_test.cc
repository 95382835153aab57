#include "pdf/content_stream.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace bh::pdf {
namespace {

std::string Filtered(std::string_view content, AfterContent after = AfterContent::kNothing,
                     std::vector<std::string> plain_states = {}) {
  std::string out = "not written";
  EXPECT_TRUE(TextOnlyContent(content, PageContext{after, std::move(plain_states)}, &out)) << content;
  return out;
}

bool Refused(std::string_view content) {
  std::string out;
  return !TextOnlyContent(content, PageContext{}, &out);
}

// One cell of a real report (2023-06, page 1), as its content stream draws it.
const char kCell[] =
    "0.961 0.961 0.961 rg 236.912 182.231 80.283 21.564 re f\n"
    "q 238.912 184.231 76.283 17.564 re W n\n"
    "BT /F6 7.999 Tf 0.2 0.2 0.2 rg 362.174 TL 238.947 190.277 Td (Experts on Mission) Tj T* ET\n"
    "Q\n";

TEST(ContentStreamTest, ACellKeepsItsTextObjectAndNothingElse) {
  // Nothing reads the background's path or colour, the clip, the leading
  // (only T* read it), the line T* moves to, or what Q restores.
  EXPECT_EQ("\nBT /F6 7.999 Tf 238.947 190.277 Td (Experts on Mission) Tj ET\n", Filtered(kCell));
}

// On a page with annotations, everything the stream leaves may be read: the
// leading, the line position and the path the cell leaves stay, and so does
// the pair that restores the colour the first `rg` set.
TEST(ContentStreamTest, WhatAnnotationsMightReadStays) {
  EXPECT_EQ(
      "0.961 0.961 0.961 rg\nq n\nBT /F6 7.999 Tf 362.174 TL 238.947 190.277 Td (Experts on Mission) Tj T* ET\nQ\n",
      Filtered(kCell, AfterContent::kAnnotations));
  EXPECT_EQ("BT /F1 8 Tf 12 TL 1 2 Td (a) Tj T* ET 0 0 m 5 5 l S",
            Filtered("BT /F1 8 Tf 12 TL 1 2 Td (a) Tj T* ET 0 0 m 5 5 l S", AfterContent::kAnnotations));
  EXPECT_EQ("BT /F1 8 Tf 1 2 Td (a) Tj ET", Filtered("BT /F1 8 Tf 12 TL 1 2 Td (a) Tj T* ET 0 0 m 5 5 l S"));
}

// Each cell's q ... Q goes: what a cell sets (its font, its position) the next
// cell sets again before showing; so does the page's own pair around them.
TEST(ContentStreamTest, CellsLoseTheirSaveAndRestore) {
  const std::string cell = "q 1 2 3 4 re W n\nBT /F6 7.999 Tf 0.2 0.2 0.2 rg 362.174 TL 10 20 Td (a) Tj T* ET\nQ\n";
  EXPECT_EQ("\nBT /F6 7.999 Tf 10 20 Td (a) Tj ET\nBT /F6 7.999 Tf 10 20 Td (a) Tj ET",
            Filtered("q\n" + cell + cell + "Q"));
  // Where annotations follow, the page's pair stays, and the last cell keeps
  // what the stream leaves (its leading, its T*, the path n ends).
  EXPECT_EQ("q\nBT /F6 7.999 Tf 10 20 Td (a) Tj ET n\nBT /F6 7.999 Tf 362.174 TL 10 20 Td (a) Tj T* ET\nQ",
            Filtered("q\n" + cell + cell + "Q", AfterContent::kAnnotations));
}

// A graphics state the page says is plain goes like `w`, and with it the
// colour nothing else reads; any other gs may read anything.
TEST(ContentStreamTest, PlainGraphicsStatesGo) {
  const std::string content = "/Cs8 cs 1 scn /GS1 gs 1 2 3 4 re f BT /F1 8 Tf (a) Tj ET";
  EXPECT_EQ(" BT /F1 8 Tf (a) Tj ET", Filtered(content, AfterContent::kNothing, {"GS0", "GS1"}));
  EXPECT_EQ("/Cs8 cs 1 scn /GS1 gs BT /F1 8 Tf (a) Tj ET", Filtered(content, AfterContent::kNothing, {"GS2"}));
  // Only `gs` with one name operand, written without #xx escapes.
  EXPECT_EQ("1 g /GS#31 gs", Filtered("1 g /GS#31 gs", AfterContent::kNothing, {"GS1", "GS#31"}));
  EXPECT_EQ("1 g /GS1 /GS1 gs", Filtered("1 g /GS1 /GS1 gs", AfterContent::kNothing, {"GS1"}));
}

TEST(ContentStreamTest, WhatIsReadLaterStays) {
  // The font set in the pair is not set again before the next show: the
  // pair restores it, so it stays.
  EXPECT_EQ("q BT /F1 8 Tf (a) Tj ET Q BT (b) Tj ET", Filtered("q BT /F1 8 Tf (a) Tj ET Q BT (b) Tj ET"));
  // The leading is read by the T* between two shows, and by '.
  EXPECT_EQ("BT 12 TL /F1 8 Tf (a) Tj T* (b) Tj ET", Filtered("BT 12 TL /F1 8 Tf (a) Tj T* (b) Tj ET"));
  EXPECT_EQ("BT 12 TL /F1 8 Tf (a) Tj (b) ' ET", Filtered("BT 12 TL /F1 8 Tf (a) Tj (b) ' ET"));
  // Q restores the matrix cm changed, and the next show reads it: the pair
  // stays. A cm nothing reads goes, and then its pair.
  EXPECT_EQ("q 1 0 0 1 5 5 cm BT /F1 8 Tf (x) Tj ET Q BT /F1 8 Tf (y) Tj ET",
            Filtered("q 1 0 0 1 5 5 cm BT /F1 8 Tf (x) Tj ET Q BT /F1 8 Tf (y) Tj ET"));
  EXPECT_EQ(" BT /F1 8 Tf (y) Tj ET", Filtered("q 1 0 0 1 5 5 cm Q BT /F1 8 Tf (y) Tj ET"));
  // A pair with an operator the copy does not model (Do) stays.
  EXPECT_EQ("q /Im1 Do BT /F1 8 Tf (x) Tj ET Q BT /F1 8 Tf (y) Tj ET",
            Filtered("q /Im1 Do BT /F1 8 Tf (x) Tj ET Q BT /F1 8 Tf (y) Tj ET"));
  // A show after a Q with no BT or Tf between uses the device's font, which
  // Q updated from the font it restored: the Tf before the pair stays.
  EXPECT_EQ("BT /F1 8 Tf (a) Tj q /F2 9 Tf Q (b) Tj ET", Filtered("BT /F1 8 Tf (a) Tj q /F2 9 Tf Q (b) Tj ET"));
  // A show outside a text object starts at the current point, which paths
  // set too: the path stays, and its painting (a pattern fill would update
  // the device's font).
  EXPECT_EQ("BT /F1 8 Tf ET 10 10 m 20 20 l S (a) Tj", Filtered("BT /F1 8 Tf ET 10 10 m 20 20 l S (a) Tj"));
  // Q does not restore the current point: a path in a pair moves the next
  // show, so the path stays; the pair, which restores nothing read, goes.
  EXPECT_EQ("BT /F1 8 Tf ET 100 100 m /F1 8 Tf (a) Tj", Filtered("BT /F1 8 Tf ET q 100 100 m Q /F1 8 Tf (a) Tj"));
  // A Tf whose operands poppler refuses sets nothing: the pair's font is
  // still the one shown.
  EXPECT_EQ("q BT /F1 8 Tf ET Q BT 8 Tf (b) Tj ET", Filtered("q BT /F1 8 Tf ET Q BT 8 Tf (b) Tj ET"));
  EXPECT_EQ("q BT /F1 8 Tf ET Q BT 8 /F2 Tf (b) Tj ET", Filtered("q BT /F1 8 Tf ET Q BT 8 /F2 Tf (b) Tj ET"));
  // With its operands in order it sets the font: the pair goes.
  EXPECT_EQ(" BT /F1 8 Tf ET BT /F2 8 Tf (b) Tj ET", Filtered("q BT /F1 8 Tf ET Q BT /F2 8 Tf (b) Tj ET"));
  // A q without its Q, or a Q without its q, may read anything.
  EXPECT_EQ("q BT /F1 8 Tf (a) Tj ET", Filtered("q BT /F1 8 Tf 12 TL (a) Tj T* ET"));
  EXPECT_EQ("BT 12 TL ET Q q", Filtered("BT 12 TL ET Q q"));
}

TEST(ContentStreamTest, EveryPaintingOperatorIsDroppedWithItsOperands) {
  for (const char* op :
       {"m",  "l",  "c",  "v",   "y",  "h",   "re", "S", "s",  "f",  "F", "f*", "B", "B*", "b", "b*", "n", "W",  "W*",
        "CS", "cs", "SC", "SCN", "sc", "scn", "G",  "g", "RG", "rg", "K", "k",  "w", "J",  "j", "M",  "d", "ri", "i"}) {
    SCOPED_TRACE(op);
    EXPECT_EQ("BT ET", Filtered(std::string("BT 1 [2 3] /N <0A> (s) << /K 4 >> true ") + op + " ET"));
  }
}

TEST(ContentStreamTest, EveryOtherOperatorIsKeptByteForByte) {
  for (const char* op : {"q",   "Q",   "cm", "gs", "BT", "ET", "Tc", "Tw", "Tz",      "TL",  "Tf", "Tr",
                         "Ts",  "Td",  "TD", "Tm", "T*", "Tj", "TJ", "'",  "\"",      "Do",  "sh", "BMC",
                         "BDC", "EMC", "MP", "DP", "BX", "EX", "d0", "d1", "unknown", "re2", "ff"}) {
    SCOPED_TRACE(op);
    const std::string content = std::string("1  -2.5 /Name (a (nested) \\) string)\t") + op + "\r\n";
    EXPECT_EQ(content, Filtered(content, AfterContent::kAnnotations));
  }
}

TEST(ContentStreamTest, TokensEndWhereOperatorsDoNotNeedSpaces) {
  // Delimiters end a keyword: "rg(" is the operator rg, then a string.
  EXPECT_EQ("BT(x)Tj/F1 9 Tf[(a)2(b)]TJ ET", Filtered("BT 1 0 0 rg(x)Tj 0 g/F1 9 Tf 1 w[(a)2(b)]TJ ET"));
  // Comments are kept where they stand between kept operators, dropped with
  // a dropped operator's operands.
  EXPECT_EQ("BT %c\nET", Filtered("BT %c\nET % gone\n 1 w"));
  // Parentheses and operators inside strings are text, not tokens.
  EXPECT_EQ("BT (1 0 0 rg \\( re) Tj ET", Filtered("BT (1 0 0 rg \\( re) Tj ET"));
  // A hex string and a dictionary as operands.
  EXPECT_EQ("BT <414243> Tj ET /Span << /ActualText (x) >> BDC EMC",
            Filtered("BT <414243> Tj ET /Span << /ActualText (x) >> BDC EMC"));
  // Inside an array or a dictionary a keyword is an element, not an operator.
  EXPECT_EQ("BT [(a) re (b) 2 g] TJ ET /P << /K re >> BDC EMC",
            Filtered("BT [(a) re (b) 2 g] TJ ET /P << /K re >> BDC EMC"));
  EXPECT_EQ("", Filtered(""));
  EXPECT_EQ("", Filtered("1 0 0 RG 0 0 m 10 10 l S"));
}

TEST(ContentStreamTest, WhatPopplerMightLexOtherwiseIsLeftToPoppler) {
  EXPECT_TRUE(Refused("BI /W 1 /H 1 ID \xff EI"));                            // inline image data
  EXPECT_TRUE(Refused("1 0 R 0.5 g /F1 8 Tf"));                               // a reference: one operand to poppler
  EXPECT_TRUE(Refused("BT (unterminated Tj ET"));                             // string cut short
  EXPECT_TRUE(Refused("BT (ends in an escape\\"));                            // escape cut short
  EXPECT_TRUE(Refused("BT <4142 Tj ET"));                                     // hex string cut short
  EXPECT_TRUE(Refused("BT ) Tj ET"));                                         // a lone ')'
  EXPECT_TRUE(Refused("BT > Tj ET"));                                         // a lone '>'
  EXPECT_TRUE(Refused("{ 1 g }"));                                            // braces
  EXPECT_TRUE(Refused("BT [(a) Tj ET"));                                      // an array cut short
  EXPECT_TRUE(Refused("BT (a)] Tj ET"));                                      // a ']' that closes nothing
  EXPECT_TRUE(Refused("/P << /K 1 BDC"));                                     // a dictionary cut short
  EXPECT_TRUE(Refused("/P << /K [1 >> ] BDC"));                               // brackets that do not nest
  EXPECT_TRUE(Refused(std::string(65, '[') + std::string(65, ']') + " TJ"));  // nested too deep
  EXPECT_TRUE(Refused("0 0 10 10re f"));                                      // a number running into a letter
  EXPECT_TRUE(Refused("1.5e3 w"));                                            // an exponent poppler does not read
  EXPECT_TRUE(Refused(std::string(33, 'x') + " 1 g"));                        // a keyword longer than 32 bytes
  EXPECT_FALSE(Refused(std::string(32, 'x') + " 1 g"));
}

TEST(ContentStreamTest, NumbersAsPopplerReadsThem) {
  // A sign, digits, a point, digits and minus signs: each one token.
  EXPECT_EQ("BT ET", Filtered("BT +1 -.5 .25 3. 4.5-6 - + . g ET"));
  // A number may run into a delimiter.
  EXPECT_EQ("BT ET", Filtered("BT 1(x)2[3]4/N 5<41>6 g ET"));
}

// Any bytes: never a crash or a read past the end, never longer than the
// input, and filtering what was filtered changes nothing.
TEST(ContentStreamTest, RandomStreamsFilterOnceAndForAll) {
  std::mt19937 random(16);
  const std::string alphabet = "()<>[]{}/%\\ \n\r\t0123456789.+-reWngGqQBTETjfSmlcvyhd*'\"IXs";
  size_t filtered = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string content(random() % 64, ' ');
    for (char& c : content) c = alphabet[random() % alphabet.size()];
    const PageContext page{round % 2 ? AfterContent::kNothing : AfterContent::kAnnotations, {"G", "GS1"}};
    std::string once;
    if (!TextOnlyContent(content, page, &once)) continue;
    ++filtered;
    ASSERT_LE(once.size(), content.size()) << content;
    std::string twice;
    ASSERT_TRUE(TextOnlyContent(once, page, &twice)) << content;
    ASSERT_EQ(once, twice) << content;
  }
  EXPECT_GT(filtered, 1000u);
}

}  // namespace
}  // namespace bh::pdf
