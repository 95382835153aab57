// Word boxes from PDF pages, the input of the report parser.
//
// ExtractPages opens a PDF held in memory with poppler and returns, for
// every page, the words poppler finds with their bounding boxes. Nothing
// else of the PDF is kept: the parser works from positions alone, so tests
// can build Pages by hand without any PDF.
//
// The words come from poppler's own TextOutputDev (libpoppler-private-dev,
// Debian's poppler; no stable ABI, so built against the poppler it runs
// with), with the settings of poppler-cpp's page::text_list, which gave them
// before: the same words and boxes, to the last bit (PdfTextTest). A page is
// read in content-stream order, which skips poppler's reading-order pass
// (blocks, columns, flows: 17 % of an import's instructions, and the parser
// sorts by position anyway); where that pass could have dropped or joined a
// word (fake bold, a word drawn in pieces), the page is read again in
// reading order, so the words are always the ones that pass keeps. The words
// are then sorted by SortWords, whatever order poppler gave them in.
//
// Poppler is shown a copy of each page's content without the operators its
// words cannot depend on (content_stream.h: painting, clipping, colours,
// unread state and q ... Q pairs), decoded by zlib where the stream is plain
// FlateDecode; the words are the same to the last bit (PdfTextTest), at
// about half poppler's work. A page whose content the copy cannot be sure
// of, or over 32 MiB decoded, is shown as it is.
//
// Coordinates are PDF points with the origin at the top-left corner of the
// page; y grows downward (poppler's text_list convention).
//
// ExtractPages, ExtractPage and InitPoppler run in the module
// bluehelmet-poppler, loaded on the first call (poppler_module.h); a module
// that cannot be loaded is an Internal error naming where it was looked for.
//
// Thread safety: ExtractPages may be called from several threads at once on
// different inputs. Poppler shares little between documents, and what it
// initialises lazily without a lock (colour profiles) ExtractPages
// initialises once, under std::call_once, before the first document.
#ifndef BLUEHELMET_PDF_PDF_TEXT_H_
#define BLUEHELMET_PDF_PDF_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace bh::pdf {

struct Word {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // x0 < x1, y0 < y1
  std::string text;                       // UTF-8, never empty
};

struct Page {
  int number = 0;  // 1-based
  double width = 0, height = 0;
  std::vector<Word> words;  // in SortWords' order
};

// Sorts words top to bottom by the vertical centre of their box, then by x0,
// then by y0, x1, y1 and text: a total order, so the result does not depend
// on the order given. Lines (layout.h) are built from this order.
void SortWords(std::vector<Word>* words);

// Extracts the words of every page of `pdf_bytes`. `name` (usually the file's
// base name) prefixes every error message.
//
// Fails with InvalidData "<name>: not a PDF file" when the bytes do not start
// like a PDF, "<name>: damaged PDF: cannot be opened" when poppler cannot
// open it, "<name>: encrypted PDF: cannot be read without a password" when
// it is locked, and "<name>: PDF has no pages" for an empty document.
Result<std::vector<Page>> ExtractPages(std::string_view pdf_bytes, const std::string& name);

// The words of one page (1-based `page_number`), as ExtractPages gives them,
// without reading the other pages. Fails as ExtractPages does, and with
// NotFound "<name>: no page 40 (the PDF has 32 pages)".
Result<Page> ExtractPage(std::string_view pdf_bytes, const std::string& name, int page_number);

// Once per process: silences poppler's complaints on stderr and builds the
// statics poppler initialises lazily without a lock (see pdf_text.cc).
// Called by every function of src/pdf that opens a document; idempotent.
void InitPoppler();

}  // namespace bh::pdf

#endif  // BLUEHELMET_PDF_PDF_TEXT_H_
