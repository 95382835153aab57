// Geometry helpers shared by the report layouts: words grouped into text
// lines, numbers as the UN prints them, personnel-type labels.
//
// The UN reports are tables rendered by several generations of software
// (Excel exports, SSRS, bioPDF). None of them tags cells, so the parser
// rebuilds the table from word positions: words whose vertical extents
// overlap form a Line; a Line's words are read left to right.
//
// Pure functions over values; thread-safe.
#ifndef BLUEHELMET_PDF_LAYOUT_H_
#define BLUEHELMET_PDF_LAYOUT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/personnel.h"
#include "pdf/pdf_text.h"

namespace bh::pdf {

// One visual line of a page: words sharing a baseline band, sorted by x0.
// Words point into the Page they came from (the Page must outlive the Line).
struct Line {
  int page = 0;
  int index = 0;          // 1-based position of the line on its page, top to bottom
  double y0 = 0, y1 = 0;  // union of the words' vertical extents
  std::vector<const Word*> words;

  double Center() const { return (y0 + y1) / 2; }
  double Height() const { return y1 - y0; }
  // The words joined with single spaces.
  std::string Text() const;
};

// Groups the words of `page` into lines, top to bottom. A word joins the
// current line when its vertical centre lies within half a word height of
// the line's first word: this tolerates the 3-point baseline shift some
// exports put between a label and its numbers, yet keeps lines 10 points
// apart distinct.
std::vector<Line> GroupLines(const Page& page);

// Joins words with single spaces.
std::string JoinWords(const std::vector<const Word*>& words);

// True when `text` is a whole number as printed: digits with optional
// thousands commas ("6,394").
bool IsNumberWord(std::string_view text);

// The personnel type a report label stands for, or nullopt. Case and runs
// of spaces are ignored. Known labels: "Contingent Troop(s)", "Troops",
// "contingent", "Experts on Mission", "experts", "UNMEM", "Individual
// Police", "Ind Police", "police", "UNPOL", "Formed Police Unit(s)", "FPU", "Staff
// Officer(s)", "staff", "MSO".
std::optional<PersonnelType> TypeFromLabel(std::string_view label);

// The longest trailing run of `words` that is a personnel-type label, as a
// word count (0 when none): "Republic of Korea Experts on Mission" -> 3.
size_t TrailingTypeLabelLength(const std::vector<const Word*>& words);

}  // namespace bh::pdf

#endif  // BLUEHELMET_PDF_LAYOUT_H_
