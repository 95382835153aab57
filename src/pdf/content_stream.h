// Page content streams for a device that reads only text.
//
// A page of a UN contribution report draws each table cell as a clipped
// rectangle, a filled background, ruled borders and one text object, each in
// its own q ... Q: about 110,000 operators a report, most of which (`re`,
// `W`, `n`, `rg`, `RG`, `w`, `d`, `m`, `l`, `S`, `f`, and the cell's `q`,
// `Q`, `TL`, `T*`) change nothing poppler's TextOutputDev, which gives
// ExtractPages its words, ever reads. Poppler's interpreter (Gfx) lexes and
// runs every one of them, ~3,000 instructions each (issue 16).
//
// TextOnlyContent copies a decoded content stream without such operators and
// their operands. Every operator kept is copied byte for byte with its
// operands, in order; so is everything between tokens. What goes:
// - line style, rendering intent, flatness and clipping (w J j M d ri i W
//   W*), which no text depends on, and `gs` with such state only;
// - an operator that only sets state (a path's construction or painting, a
//   colour, cm, the leading, a spacing, a text position or matrix) when nothing
//   reads what it sets before it is set again (a backward liveness pass over
//   poppler 22.12's interpreter state: the font, the text matrix, the line
//   position, the current point that text shares with paths, the text
//   parameters, the path, the colours, the transformation matrix (cm), and
//   whether the device's font is current);
// - a q ... Q pair that holds only such operators and text operators, when
//   nothing that Q would restore and the pair sets is read before being set
//   again (Q restores everything but the path, the current point and the
//   line position, and makes the device update its font).
// Gfx clears the operands at every operator, so a dropped operator's
// operands reach no other one. A word's colour, which TextOutputDev records,
// is not part of Word. PdfTextTest compares the words ExtractPages gives
// with poppler-cpp's own (whole-content) text_list on real reports and on
// random content, to the last bit.
//
// Operators the copy does not model (other gs, Do, sh, marked content, Type 3
// glyph operators, unknown ones, and a q or Q without its partner) are taken
// to read and set anything. The copy is made only where the stream's tokens
// split as poppler's lexer and parser split them beyond doubt: it returns
// false (leaving *out unspecified) for a stream with an inline image (`BI`),
// a reference (`1 0 R`, one operand to poppler's parser), a string, hex
// string, array or dictionary cut short, a lone `)`, `]`, `>`, `{` or `}`, a
// number running into a letter (`12re`), a keyword longer than 32 bytes or
// arrays nested deeper than 64: the caller then shows the stream unchanged,
// as poppler always did.
//
// Pure and thread-safe; compiled into bh_pdf (tests, the fuzzer) and into the
// module bluehelmet-poppler (pdf_text.cc uses it).
#ifndef BLUEHELMET_PDF_CONTENT_STREAM_H_
#define BLUEHELMET_PDF_CONTENT_STREAM_H_

#include <string>
#include <string_view>
#include <vector>

namespace bh::pdf {

// What reads the interpreter's state after the stream: nothing, or (on a page
// with annotations, which poppler draws next with the same state) anything.
enum class AfterContent { kNothing, kAnnotations };

// What the copy knows of the page beside its content.
struct PageContext {
  AfterContent after = AfterContent::kNothing;
  // The names (without the slash) of the page's graphics state dictionaries
  // (ExtGState) that set nothing text depends on: only line style, rendering
  // intent, flatness, smoothness, overprint, stroke adjustment, blending,
  // alpha and knockout, and no soft mask. `/GS1 gs` naming one of them is
  // dropped like `w`; any other `gs` may read and set anything.
  std::vector<std::string> plain_graphics_states;
};

// Writes to *out the stream `content` without the operators above; false
// when the stream holds anything listed above that it leaves to poppler.
// *out never grows longer than `content`.
bool TextOnlyContent(std::string_view content, const PageContext& page, std::string* out);

}  // namespace bh::pdf

#endif  // BLUEHELMET_PDF_CONTENT_STREAM_H_
