// TextOnlyContent (content_stream.h): pure, so compiled into bh_pdf (tests,
// the fuzzer) and into the module bluehelmet-poppler (pdf_text.cc).
#include "pdf/content_stream.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace bh::pdf {

namespace {

// Poppler's Lexer classes (Lexer.cc, specialChars): 1 white space, 2 a
// delimiter, 0 a regular character. NUL is white space there too.
enum : uint8_t { kRegular = 0, kWhite = 1, kDelimiter = 2 };

constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> c{};
  for (unsigned char w : {'\0', '\t', '\n', '\f', '\r', ' '}) c[w] = kWhite;
  for (unsigned char d : {'(', ')', '<', '>', '[', ']', '{', '}', '/', '%'}) c[d] = kDelimiter;
  return c;
}
constexpr std::array<uint8_t, 256> kClass = MakeClasses();

uint8_t ClassOf(char c) { return kClass[static_cast<unsigned char>(c)]; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The operators the copy knows; kOther is every other one.
enum class Op : uint8_t {
  kPure,            // w J j M d ri i W W*: set only what no text depends on; always dropped
  kPathBuild,       // m l c v y h re
  kPaintPath,       // S s f F f* B B* b b*
  kEndPath,         // n
  kColour,          // CS cs SC SCN sc scn G g RG rg K k
  kSave,            // q
  kRestore,         // Q
  kBeginText,       // BT
  kEndText,         // ET
  kFont,            // Tf
  kLeading,         // TL
  kCharSpace,       // Tc
  kWordSpace,       // Tw
  kHorizScale,      // Tz
  kRise,            // Ts
  kRender,          // Tr
  kMove,            // Td
  kMoveSetLeading,  // TD
  kMatrix,          // Tm
  kNextLine,        // T*
  kShow,            // Tj TJ
  kNextLineShow,    // '
  kSpacedShow,      // "
  kGraphicsState,   // gs: like kOther, or kPure when it names a plain state
  kConcat,          // cm
  kOther,
};

// What a keyword is: an operator, an operand (true, false, null), or a
// token left to poppler (an inline image's BI).
enum class Token : uint8_t { kOperator, kOperand, kRefused };

// The keyword's first three bytes, the first in the low byte.
constexpr uint32_t Pack(std::string_view k) {
  uint32_t v = 0;
  for (size_t i = 0; i < k.size() && i < 3; ++i)
    v |= static_cast<uint32_t>(static_cast<unsigned char>(k[i])) << (8 * i);
  return v;
}

Token Classify(std::string_view k, Op* op) {
  *op = Op::kOther;
  if (k.size() > 3) return (k == "true" || k == "false" || k == "null") ? Token::kOperand : Token::kOperator;
  switch (Pack(k)) {
    case Pack("m"):
    case Pack("l"):
    case Pack("c"):
    case Pack("v"):
    case Pack("y"):
    case Pack("h"):
    case Pack("re"):
      *op = Op::kPathBuild;
      break;
    case Pack("S"):
    case Pack("s"):
    case Pack("f"):
    case Pack("F"):
    case Pack("f*"):
    case Pack("B"):
    case Pack("B*"):
    case Pack("b"):
    case Pack("b*"):
      *op = Op::kPaintPath;
      break;
    case Pack("n"):
      *op = Op::kEndPath;
      break;
    case Pack("CS"):
    case Pack("cs"):
    case Pack("SC"):
    case Pack("SCN"):
    case Pack("sc"):
    case Pack("scn"):
    case Pack("G"):
    case Pack("g"):
    case Pack("RG"):
    case Pack("rg"):
    case Pack("K"):
    case Pack("k"):
      *op = Op::kColour;
      break;
    case Pack("w"):
    case Pack("J"):
    case Pack("j"):
    case Pack("M"):
    case Pack("d"):
    case Pack("ri"):
    case Pack("i"):
    case Pack("W"):
    case Pack("W*"):
      *op = Op::kPure;
      break;
    case Pack("q"):
      *op = Op::kSave;
      break;
    case Pack("Q"):
      *op = Op::kRestore;
      break;
    case Pack("BT"):
      *op = Op::kBeginText;
      break;
    case Pack("ET"):
      *op = Op::kEndText;
      break;
    case Pack("Tf"):
      *op = Op::kFont;
      break;
    case Pack("TL"):
      *op = Op::kLeading;
      break;
    case Pack("Tc"):
      *op = Op::kCharSpace;
      break;
    case Pack("Tw"):
      *op = Op::kWordSpace;
      break;
    case Pack("Tz"):
      *op = Op::kHorizScale;
      break;
    case Pack("Ts"):
      *op = Op::kRise;
      break;
    case Pack("Tr"):
      *op = Op::kRender;
      break;
    case Pack("Td"):
      *op = Op::kMove;
      break;
    case Pack("TD"):
      *op = Op::kMoveSetLeading;
      break;
    case Pack("Tm"):
      *op = Op::kMatrix;
      break;
    case Pack("T*"):
      *op = Op::kNextLine;
      break;
    case Pack("Tj"):
    case Pack("TJ"):
      *op = Op::kShow;
      break;
    case Pack("'"):
      *op = Op::kNextLineShow;
      break;
    case Pack("\""):
      *op = Op::kSpacedShow;
      break;
    case Pack("gs"):
      *op = Op::kGraphicsState;
      break;
    case Pack("cm"):
      *op = Op::kConcat;
      break;
    case Pack("R"):   // poppler's parser reads `1 0 R` as one operand, a reference
    case Pack("BI"):  // an inline image: its data is not tokens
      return Token::kRefused;
    default:
      break;
  }
  return Token::kOperator;
}

// An operand at the top level of an operator's operands.
enum class Operand : uint8_t { kNumber, kName, kOther };

constexpr size_t kMaxKeyword = 32;
constexpr size_t kMaxNesting = 64;

// One operator of the stream: `begin` is where its operands begin (the end
// of the operator before it), `end` the end of its keyword. The shape of
// its operands says whether poppler runs it (Gfx checks their number and
// types and skips an operator whose operands do not fit).
struct Operator {
  size_t begin = 0, end = 0;
  Op op = Op::kOther;
  uint8_t numbers = 0;  // top-level operands that are numbers
  uint8_t names = 0;    // ... names
  uint8_t others = 0;   // ... anything else
  bool dropped = false;
  bool name_first = false;  // its first operand is a name
  // Exactly `count` operands: `name_count` names (0 or 1, first), then numbers.
  bool HasOperands(int count, int name_count) const {
    return numbers + names + others == count && names == name_count && others == 0 && (name_count == 0 || name_first);
  }
};

// Splits the stream into operators as poppler's lexer and parser would;
// false where it cannot be sure of that (content_stream.h).
bool Split(std::string_view s, const std::vector<std::string>& plain_states, std::vector<Operator>* ops) {
  const size_t n = s.size();
  size_t i = 0;
  size_t begin = 0;  // where the next operator's operands begin
  // Its top-level operands so far (counted up to 255 each).
  unsigned numbers = 0, names = 0, others = 0;
  std::string_view name;      // its last name operand, without the slash
  std::vector<char> nesting;  // '[' or '<' for each open array or dictionary
  bool name_first = false;
  auto operand = [&](Operand kind) {
    if (!nesting.empty()) return;
    if (numbers + names + others == 0) name_first = kind == Operand::kName;
    unsigned& count = kind == Operand::kNumber ? numbers : kind == Operand::kName ? names : others;
    count += count < 255;
  };
  ops->reserve(n / 24);
  while (i < n) {
    const char c = s[i];
    switch (c) {
      case '\0':
      case '\t':
      case '\n':
      case '\f':
      case '\r':
      case ' ':
        ++i;
        continue;
      case '%':  // a comment, to the end of the line
        while (i < n && s[i] != '\r' && s[i] != '\n') ++i;
        continue;
      case '(': {  // a string: balanced parentheses, a backslash escapes one byte
        int depth = 1;
        ++i;
        while (depth > 0) {
          if (i >= n) return false;
          const char d = s[i++];
          if (d == '\\') {
            if (i >= n) return false;
            ++i;
          } else if (d == '(') {
            ++depth;
          } else if (d == ')') {
            --depth;
          }
        }
        operand(Operand::kOther);
        continue;
      }
      case '<':
        if (i + 1 < n && s[i + 1] == '<') {
          if (nesting.size() == kMaxNesting) return false;
          operand(Operand::kOther);
          nesting.push_back('<');
          i += 2;
        } else {  // a hex string
          const size_t end = s.find('>', i + 1);
          if (end == std::string_view::npos) return false;
          operand(Operand::kOther);
          i = end + 1;
        }
        continue;
      case '>':
        if (i + 1 < n && s[i + 1] == '>' && !nesting.empty() && nesting.back() == '<') {
          nesting.pop_back();
          i += 2;
          continue;
        }
        return false;
      case '[':
        if (nesting.size() == kMaxNesting) return false;
        operand(Operand::kOther);
        nesting.push_back('[');
        ++i;
        continue;
      case ']':
        if (nesting.empty() || nesting.back() != '[') return false;
        nesting.pop_back();
        ++i;
        continue;
      case ')':
      case '{':
      case '}':
        return false;
      case '/': {  // a name
        const size_t start = ++i;
        while (i < n && ClassOf(s[i]) == kRegular) ++i;
        if (nesting.empty()) name = s.substr(start, i - start);
        operand(Operand::kName);
        continue;
      }
      default:
        break;
    }
    if (IsDigit(c) || c == '+' || c == '-' || c == '.') {
      // A number as poppler reads it: a sign, digits, then after a point
      // digits and minus signs (which it ignores). It must end where a
      // token may: a number running into a letter is left to poppler.
      size_t j = i;
      if (s[j] == '+' || s[j] == '-') ++j;
      while (j < n && IsDigit(s[j])) ++j;
      if (j < n && s[j] == '.') {
        ++j;
        while (j < n && (IsDigit(s[j]) || s[j] == '-')) ++j;
      }
      if (j < n && ClassOf(s[j]) == kRegular) return false;
      operand(Operand::kNumber);
      i = j;
      continue;
    }
    size_t j = i + 1;
    while (j < n && ClassOf(s[j]) == kRegular) ++j;
    if (j - i > kMaxKeyword) return false;
    Op op;
    const Token token = Classify(s.substr(i, j - i), &op);
    i = j;
    if (token == Token::kRefused) return false;
    // Inside an array or a dictionary, poppler's parser keeps a keyword as
    // an element; at the top level it is an operator.
    if (token == Token::kOperand || !nesting.empty()) {
      operand(Operand::kOther);
      continue;
    }
    // A name with a #xx escape is not compared with the resources' names.
    if (op == Op::kGraphicsState && numbers == 0 && names == 1 && others == 0 &&
        name.find('#') == std::string_view::npos &&
        std::find(plain_states.begin(), plain_states.end(), name) != plain_states.end()) {
      op = Op::kPure;
    }
    ops->push_back(Operator{begin, j, op, static_cast<uint8_t>(numbers), static_cast<uint8_t>(names),
                            static_cast<uint8_t>(others), op == Op::kPure, name_first});
    begin = j;
    numbers = names = others = 0;
    name_first = false;
    name = {};
  }
  return nesting.empty();
}

// What the text device sees of poppler 22.12's interpreter state, as bits.
// Q restores the font, the text matrix, the leading and the other text
// parameters, and the colours; it does not restore the path, the current
// point (which the text position shares) and the line position (GfxState::
// restore). kTextPageFont: whether the device's own idea of the current font
// matters to the next show (poppler calls the device's updateFont at a show
// only when BT or Tf came since the last show, and at every Q).
enum : uint16_t {
  kFontState = 1 << 0,
  kTextPageFont = 1 << 1,
  kTextMatrix = 1 << 2,
  kLinePosition = 1 << 3,
  kCurrentPoint = 1 << 4,
  kLeadingState = 1 << 5,
  kCharSpaceState = 1 << 6,
  kWordSpaceState = 1 << 7,
  kHorizScaleState = 1 << 8,
  kRiseState = 1 << 9,
  kRenderState = 1 << 10,
  kPath = 1 << 11,
  kColourState = 1 << 12,
  kMatrixState = 1 << 13,  // the current transformation matrix
  kEverything = (1 << 14) - 1,
};
constexpr uint16_t kNotRestored = kLinePosition | kCurrentPoint | kPath;
constexpr uint16_t kRestored = kEverything & ~kNotRestored & ~kTextPageFont;
constexpr uint16_t kShowReads = kFontState | kTextPageFont | kTextMatrix | kCurrentPoint | kCharSpaceState |
                                kWordSpaceState | kHorizScaleState | kRiseState | kRenderState | kMatrixState;

// An operator's effect on that state: what it reads, what it surely sets
// (poppler runs it: its operands fit), and what it may set. A setter has no
// other effect, so it may go where what it sets is read by nobody.
struct Effect {
  uint16_t reads = 0, kills = 0, writes = 0;
  bool setter = false;
  bool in_pair = true;  // may stand in a q ... Q pair that is dropped
};

Effect Setter(uint16_t reads, uint16_t writes, uint16_t kills = 0) { return {reads, kills, writes, true, true}; }
Effect Other(uint16_t reads, uint16_t writes, uint16_t kills) { return {reads, kills, writes, false, true}; }

Effect EffectOf(const Operator& o) {
  auto fits = [&](int numbers, int names, uint16_t what) -> uint16_t {
    return o.HasOperands(numbers + names, names) ? what : 0;
  };
  switch (o.op) {
    case Op::kPathBuild:
      return Setter(kCurrentPoint | kPath | kMatrixState, kCurrentPoint | kPath);
    // cm also makes the next show update the device's font (its size
    // depends on the matrix).
    case Op::kConcat:
      return Setter(kMatrixState, kMatrixState | kTextPageFont);
    // A pattern fill saves and restores the state, which updates the
    // device's font from the state.
    // Painting, and n, end the path.
    case Op::kPaintPath:
      return Setter(kPath | kColourState | kFontState | kTextMatrix | kMatrixState, kPath | kTextPageFont, kPath);
    case Op::kEndPath:
      return Setter(0, kPath, kPath);
    case Op::kColour:
      return Setter(kColourState, kColourState);
    case Op::kBeginText: {
      const uint16_t sets = kTextMatrix | kLinePosition | kCurrentPoint | kTextPageFont;
      return Other(0, sets, sets);
    }
    case Op::kEndText:
      return Other(0, 0, 0);
    // An unknown font name sets no font: the font is still set (to none).
    case Op::kFont:
      return Other(0, kFontState | kTextPageFont, fits(1, 1, kFontState | kTextPageFont));
    case Op::kLeading:
      return Setter(0, kLeadingState, fits(1, 0, kLeadingState));
    case Op::kCharSpace:
      return Setter(0, kCharSpaceState, fits(1, 0, kCharSpaceState));
    case Op::kWordSpace:
      return Setter(0, kWordSpaceState, fits(1, 0, kWordSpaceState));
    case Op::kHorizScale:
      return Setter(0, kHorizScaleState, fits(1, 0, kHorizScaleState));
    case Op::kRise:
      return Setter(0, kRiseState, fits(1, 0, kRiseState));
    case Op::kRender:
      return Setter(0, kRenderState);  // wants an integer, which this does not tell
    case Op::kMove:
      return Setter(kLinePosition | kTextMatrix, kLinePosition | kCurrentPoint, fits(2, 0, kCurrentPoint));
    case Op::kMoveSetLeading:
      return Setter(kLinePosition | kTextMatrix, kLinePosition | kCurrentPoint | kLeadingState,
                    fits(2, 0, kCurrentPoint | kLeadingState));
    case Op::kMatrix:
      return Setter(0, kTextMatrix | kLinePosition | kCurrentPoint | kTextPageFont,
                    fits(6, 0, kTextMatrix | kLinePosition | kCurrentPoint));
    case Op::kNextLine:
      return Setter(kLinePosition | kTextMatrix | kLeadingState, kLinePosition | kCurrentPoint,
                    fits(0, 0, kCurrentPoint));
    case Op::kShow:
      return Other(kShowReads, kCurrentPoint | kTextPageFont, 0);
    case Op::kNextLineShow:
      return Other(kShowReads | kLinePosition | kLeadingState, kLinePosition | kCurrentPoint | kTextPageFont, 0);
    case Op::kSpacedShow:
      return Other(kShowReads | kLinePosition | kLeadingState,
                   kLinePosition | kCurrentPoint | kTextPageFont | kCharSpaceState | kWordSpaceState, 0);
    default:  // gs, Do, sh, marked content, unknown operators, unpaired q and Q: anything
      return {kEverything, 0, kEverything, false, false};
  }
}

// Makes every q without its Q, and every Q without its q, an operator like
// any unknown one (it may read and set anything).
void PairSaves(std::vector<Operator>* ops) {
  std::vector<size_t> open;
  for (size_t k = 0; k < ops->size(); ++k) {
    Operator& o = (*ops)[k];
    if (o.op == Op::kSave) {
      open.push_back(k);
    } else if (o.op == Op::kRestore) {
      if (open.empty()) {
        o.op = Op::kOther;
      } else {
        open.pop_back();
      }
    }
  }
  for (size_t k : open) (*ops)[k].op = Op::kOther;
}

// One backward pass over the operators kept so far, `read_at_end` read after
// the end of the stream. Drops a setter whose state nobody reads
// before it is set again, and a q ... Q pair holding only operators that may
// stand in one (no other pair) when nothing Q would restore that the pair
// sets, nor the device's font, is read after the Q before being set again.
// A pair is judged on the program with every pair still there: dropping one
// that passes leaves what is read after every other pair as it was. True
// when anything was dropped.
bool DropUnread(std::vector<Operator>* ops, uint16_t read_at_end) {
  struct Pair {
    uint16_t read_after = 0;  // read after the Q
    uint16_t writes = 0;      // may be set between q and Q
    size_t restore = 0;       // the Q
    bool droppable = true;
  };
  std::vector<Pair> pairs;
  uint16_t live = read_at_end;
  bool dropped = false;
  for (size_t k = ops->size(); k-- > 0;) {
    Operator& o = (*ops)[k];
    if (o.dropped) continue;
    if (o.op == Op::kRestore) {
      pairs.push_back({live, 0, k, o.HasOperands(0, 0)});
      live &= kNotRestored;  // Q sets everything else again
      continue;
    }
    if (o.op == Op::kSave) {
      const Pair p = pairs.back();
      pairs.pop_back();
      const uint16_t differs = (p.writes & kRestored) | kTextPageFont;
      if (p.droppable && o.HasOperands(0, 0) && (differs & p.read_after) == 0) {
        o.dropped = (*ops)[p.restore].dropped = dropped = true;
        if (!pairs.empty()) pairs.back().writes |= p.writes;
      } else if (!pairs.empty()) {
        pairs.back().droppable = false;  // holds a pair that stays
        pairs.back().writes |= p.writes & kNotRestored;
      }
      live |= p.read_after & kRestored;
      // Q updates the device's font from the state it restores.
      if (p.read_after & kTextPageFont) live |= kFontState | kTextMatrix | kMatrixState;
      continue;
    }
    const Effect e = EffectOf(o);
    if (e.setter && (e.writes & live) == 0) {
      o.dropped = dropped = true;
      continue;
    }
    live = static_cast<uint16_t>((live & ~e.kills) | e.reads);
    if (!pairs.empty()) {
      pairs.back().writes |= e.writes;
      pairs.back().droppable = pairs.back().droppable && e.in_pair;
    }
  }
  return dropped;
}

}  // namespace

bool TextOnlyContent(std::string_view s, const PageContext& page, std::string* out) {
  out->clear();
  std::vector<Operator> ops;
  if (!Split(s, page.plain_graphics_states, &ops)) return false;
  PairSaves(&ops);
  // Each pass drops at least one operator, or ends the loop.
  const uint16_t read_at_end = page.after == AfterContent::kNothing ? 0 : kEverything;
  while (DropUnread(&ops, read_at_end)) {
  }
  out->reserve(s.size());
  size_t copied = 0;  // s[0, copied) is in *out, less what was dropped
  for (const Operator& o : ops) {
    if (!o.dropped) continue;
    out->append(s, copied, o.begin - copied);
    copied = o.end;
  }
  out->append(s, copied, s.size() - copied);
  return true;
}

}  // namespace bh::pdf
