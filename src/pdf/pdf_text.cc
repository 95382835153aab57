#include "pdf/pdf_text.h"

#include <Annot.h>
#include <Gfx.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <fmt/format.h>
#include <goo/GooString.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <tuple>

#include "base/utf8.h"
#include "pdf/content_stream.h"

namespace bh::pdf {

namespace {

// A one-page PDF showing one word, to warm poppler up.
std::string WarmUpPdf() {
  const std::string content = "BT /F1 12 Tf 72 700 Td (x) Tj ET";
  const std::string objects[] = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  std::string pdf = "%PDF-1.4\n";
  std::string xref = "xref\n0 6\n0000000000 65535 f \n";
  int n = 0;
  for (const std::string& o : objects) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", pdf.size());
    xref += entry;
    pdf += std::to_string(++n) + " 0 obj\n" + o + "\nendobj\n";
  }
  const size_t start = pdf.size();
  return pdf + xref + "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + std::to_string(start) + "\n%%EOF\n";
}

}  // namespace

// Runs once per process, before any document is read:
// - Poppler prints its complaints about damaged files to stderr; the caller
//   gets a Status instead. The hook is process-global.
// - Poppler 22.12 creates its colour-management statics (GfxState's sRGB and
//   XYZ profiles) lazily and without a lock in the first GfxState it builds.
//   Two threads reading their first pages at once would race on them, so
//   one tiny page is read here first. After that, documents may be read
//   from several threads (GlobalParams and poppler-cpp's init have locks).
// - ExtractPages drives poppler's own TextOutputDev (the private API of
//   libpoppler-private-dev), which needs poppler's GlobalParams. Poppler
//   counts its users and destroys GlobalParams whenever the count falls to
//   zero, so that each document would build them again; one user held for
//   the life of the process keeps them (and their font and CMap caches).
void InitPoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    static GlobalParamsIniter* const params = new GlobalParamsIniter([](ErrorCategory, Goffset, const char*) {});
    (void)params;
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    const std::string pdf = WarmUpPdf();
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
    if (doc == nullptr) return;
    std::unique_ptr<poppler::page> page(doc->create_page(0));
    if (page != nullptr) (void)page->text_list();
  });
}

namespace {

bool LooksLikePdf(std::string_view bytes) {
  // The header may follow up to 1024 bytes of junk (PDF 32000-1 annex H).
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

// A word's text as UTF-8; false when empty. Poppler writes the word in
// UTF-8 (GlobalParams' text encoding); poppler-cpp's text_list, which this
// replaces, passed that through iconv to UTF-16 and back, which keeps the
// bytes up to the first NUL or the first byte that begins no well-formed
// sequence: the same prefix is kept here, without the two conversions.
bool WordText(const TextWord& word, std::string* out) {
  const std::unique_ptr<GooString> text(word.getText());
  std::string_view bytes(text->c_str(), std::strlen(text->c_str()));
  const size_t bad = FirstInvalidUtf8(bytes);
  if (bad != std::string_view::npos) bytes = bytes.substr(0, bad);
  out->assign(bytes);
  return !out->empty();
}

// Opens the document, or says why it cannot be read.
Result<std::unique_ptr<PDFDoc>> OpenDocument(std::string_view pdf_bytes, const std::string& name) {
  if (!LooksLikePdf(pdf_bytes)) return Status::InvalidData(name + ": not a PDF file");
  if (pdf_bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status::InvalidData(name + ": PDF too large");
  }
  // Shorter than any PDF poppler opens (poppler-cpp refused it unread).
  if (pdf_bytes.size() < 10) return Status::InvalidData(name + ": damaged PDF: cannot be opened");
  InitPoppler();
  // MemStream does not copy: the caller keeps pdf_bytes alive.
  auto doc = std::make_unique<PDFDoc>(
      new MemStream(pdf_bytes.data(), 0, static_cast<Goffset>(pdf_bytes.size()), Object(objNull)), GooString(""),
      GooString(""));
  if (!doc->isOk()) {
    if (doc->getErrorCode() == errEncrypted) {
      return Status::InvalidData(name + ": encrypted PDF: cannot be read without a password");
    }
    return Status::InvalidData(name + ": damaged PDF: cannot be opened");
  }
  if (doc->getNumPages() <= 0) return Status::InvalidData(name + ": PDF has no pages");
  return doc;
}

// A word as content-stream order gives it, with what poppler's reading-order
// pass would look at.
struct RawWord {
  Word word;
  double font_size = 0, base = 0;
  int length = 0, char_pos = 0, char_len = 0, rotation = 0;  // length in characters
  bool kept = false;                                         // its text is not empty (WordText)
};

// Whether poppler's reading-order pass (TextPage::coalesce) could change the
// words of a page read in content-stream order. That pass drops a word that
// repeats another at nearly the same place (fake bold, drop shadows: same
// text, boxes within 0.1 and 0.2 font sizes) and joins two words that follow
// each other in the stream (no character between them) on one line (baselines
// within half the line's font size) closer than 0.4 font sizes. The test here
// is wider than both, with the page's largest font size for every word, so a
// "no" is certain; a "yes" only costs reading the page again.
bool ReadingOrderMayChangeWords(const std::vector<RawWord>& raw) {
  double font = 0;
  for (const RawWord& r : raw) {
    if (r.rotation != 0) return true;  // the ordering below assumes upright text
    font = std::max(font, r.font_size);
  }
  for (size_t k = 1; k < raw.size(); ++k) {
    const RawWord& a = raw[k - 1];
    const RawWord& b = raw[k];
    if (b.char_pos != a.char_pos + a.char_len || std::fabs(b.base - a.base) > font) continue;
    // Overlapping words are never joined; words are joined closer than 0.03
    // font sizes, or 0.4 where every word of the line is one character.
    const double gap = b.word.x0 - a.word.x1;
    const double space = (a.length == 1 && b.length == 1) ? 0.4 * font : 0.03 * font;
    if (gap >= -0.5 * font && gap < space) return true;
  }
  std::vector<const Word*> by_x;
  by_x.reserve(raw.size());
  for (const RawWord& r : raw) {
    if (r.kept) by_x.push_back(&r.word);
  }
  std::sort(by_x.begin(), by_x.end(), [](const Word* a, const Word* b) { return a->x0 < b->x0; });
  for (size_t i = 0; i < by_x.size(); ++i) {
    for (size_t j = i + 1; j < by_x.size() && by_x[j]->x0 - by_x[i]->x0 < 0.1 * font; ++j) {
      if (by_x[i]->text == by_x[j]->text && std::fabs(by_x[i]->x1 - by_x[j]->x1) < 0.1 * font &&
          std::fabs(by_x[i]->y0 - by_x[j]->y0) < 0.2 * font && std::fabs(by_x[i]->y1 - by_x[j]->y1) < 0.2 * font) {
        return true;
      }
    }
  }
  return false;
}

// A page's content beyond which it is shown as it is, unfiltered (poppler
// reads a stream as it goes; the copy below holds all of it at once).
constexpr size_t kMaxFilteredContent = size_t{32} << 20;

// Appends all of `stream`, read from its start, to *out through poppler's
// filters; false (and *out cut back) past `limit` bytes in all.
bool AppendThroughPoppler(Stream* stream, size_t limit, std::string* out) {
  const size_t start = out->size();
  unsigned char buffer[16384];
  stream->reset();
  int got;
  bool fits = true;
  while (fits && (got = stream->doGetChars(sizeof buffer, buffer)) > 0) {
    fits = out->size() + static_cast<size_t>(got) <= limit;
    if (fits) out->append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(got));
  }
  stream->close();
  if (!fits) out->resize(start);
  return fits;
}

// Appends the decoded bytes of `stream` to *out; false past `limit` bytes in
// all. A stream whose only filter is FlateDecode, without parameters (every
// content stream of the UN's reports), is inflated by zlib: poppler's own
// Flate decoder took ~11 % of an import's time, zlib about half of that. The
// two give the same bytes for a whole stream; where zlib finds the data
// damaged or cut short, poppler decodes it, so that a damaged stream gives
// what poppler makes of it, as before.
bool AppendDecoded(Stream* stream, size_t limit, std::string* out) {
  Stream* raw = stream->getUndecodedStream();
  Dict* dict = stream->getDict();
  if (stream->getKind() != strFlate || stream->getNextStream() != raw || dict == nullptr ||
      !dict->lookupNF("DecodeParms").isNull() || !dict->lookupNF("DP").isNull()) {
    return AppendThroughPoppler(stream, limit, out);
  }
  std::string compressed;
  if (!AppendThroughPoppler(raw, limit, &compressed)) return false;
  const size_t start = out->size();
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return AppendThroughPoppler(stream, limit, out);
  z.next_in = reinterpret_cast<Bytef*>(compressed.data());
  z.avail_in = static_cast<uInt>(compressed.size());
  unsigned char buffer[65536];
  int status = Z_OK;
  while (status == Z_OK) {
    z.next_out = buffer;
    z.avail_out = sizeof buffer;
    status = inflate(&z, Z_NO_FLUSH);
    const size_t got = sizeof buffer - z.avail_out;
    if (out->size() + got > limit) {
      status = Z_BUF_ERROR;  // past the limit, where AppendThroughPoppler below stops too
      break;
    }
    out->append(reinterpret_cast<const char*>(buffer), got);
    // Z_BUF_ERROR with the buffer full asks for more room; with room left,
    // the input ended before the stream did.
    if (status == Z_BUF_ERROR && z.avail_out == 0) status = Z_OK;
  }
  inflateEnd(&z);
  if (status == Z_STREAM_END) return true;
  out->resize(start);
  return AppendThroughPoppler(stream, limit, out);
}

// Whether the graphics state dictionary `state` sets nothing text depends on
// (content_stream.h, PageContext).
bool IsPlainGraphicsState(Dict& state) {
  static constexpr std::string_view kPlain[] = {"Type", "LW", "LC", "LJ", "ML", "D",  "RI", "OP",  "op",
                                                "OPM",  "FL", "SM", "SA", "BM", "CA", "ca", "AIS", "TK"};
  for (int k = 0; k < state.getLength(); ++k) {
    const std::string_view key = state.getKey(k);
    if (key == "SMask" && state.getValNF(k).isName("None")) continue;
    if (std::find(std::begin(kPlain), std::end(kPlain), key) == std::end(kPlain)) return false;
  }
  return true;
}

// The names of the page's plain graphics state dictionaries, as the
// interpreter finds them (the first entry of a name).
std::vector<std::string> PlainGraphicsStates(::Page& page) {
  std::vector<std::string> names;
  Dict* resources = page.getResourceDict();
  if (resources == nullptr) return names;
  Object states = resources->lookup("ExtGState");
  if (!states.isDict()) return names;
  for (int k = 0; k < states.dictGetLength(); ++k) {
    const char* name = states.dictGetKey(k);
    Object state = states.dictLookup(name);
    if (state.isDict() && IsPlainGraphicsState(*state.getDict())) names.emplace_back(name);
  }
  return names;
}

// The page's content (a stream, or an array of streams read one after the
// other, as poppler's lexer reads them), decoded and without the operators
// its words do not depend on (content_stream.h); false where the page is to
// be shown as it is.
bool TextOnlyPageContent(::Page& page, const PageContext& context, std::string* text_only) {
  Object contents = page.getContents();
  std::vector<Object> streams;
  if (contents.isStream()) {
    streams.push_back(std::move(contents));
  } else if (contents.isArray()) {
    for (int k = 0; k < contents.arrayGetLength(); ++k) {
      Object part = contents.arrayGet(k);
      if (!part.isStream()) return false;  // poppler says "weird page contents"
      streams.push_back(std::move(part));
    }
  } else {
    return false;
  }
  std::string decoded;
  for (Object& part : streams) {
    if (!AppendDecoded(part.getStream(), kMaxFilteredContent, &decoded)) return false;
  }
  return TextOnlyContent(decoded, context, text_only);
}

// A page's content as it is shown: the copy TextOnlyContent makes of it, or,
// where there is none, the content as it is. Made once per page, whichever
// order (or both) the page is then read in.
struct ShownContent {
  Annots* annots = nullptr;  // the page's, drawn after the content
  bool copied = false;
  std::string text_only;  // the copy, when `copied`
};

ShownContent PrepareContent(::Page& page) {
  ShownContent shown;
  shown.annots = page.getAnnots();
  if (shown.annots != nullptr && shown.annots->getAnnots().empty()) shown.annots = nullptr;
  PageContext context;
  context.after = shown.annots != nullptr ? AfterContent::kAnnotations : AfterContent::kNothing;
  context.plain_graphics_states = PlainGraphicsStates(page);
  shown.copied = TextOnlyPageContent(page, context, &shown.text_only);
  return shown;
}

// Shows page `i` (0-based) on `out` as PDFDoc::displayPageSlice does at 72
// dpi, without rotation, media box or crop (poppler-cpp's page::text_list
// settings), but from the copy of its content where `shown` has one: the
// copy, then the annotations, through one Gfx.
void DisplayPageText(PDFDoc& doc, ::Page& page, int i, const ShownContent& shown, TextOutputDev* out) {
  if (!shown.copied) {
    // One thread reads a document, so the page needs no copy of the XRef.
    doc.displayPageSlice(out, i + 1, 72, 72, 0, /*useMediaBox=*/false, /*crop=*/false, /*printing=*/false, -1, -1, -1,
                         -1, nullptr, nullptr, nullptr, nullptr, /*copyXRef=*/false);
    return;
  }
  // The steps of Page::displaySlice (poppler 22.12), the content replaced.
  if (!out->checkPageSlice(&page, 72, 72, 0, false, false, -1, -1, -1, -1, false, nullptr, nullptr, nullptr, nullptr)) {
    return;
  }
  const std::unique_ptr<Gfx> gfx(page.createGfx(out, 72, 72, 0, /*useMediaBox=*/false, /*crop=*/false, -1, -1, -1, -1,
                                                /*printing=*/false, nullptr, nullptr, doc.getXRef()));
  // MemStream does not copy: `shown` outlives the display.
  Object stream(static_cast<Stream*>(
      new MemStream(shown.text_only.data(), 0, static_cast<Goffset>(shown.text_only.size()), Object(objNull))));
  gfx->saveState();
  gfx->display(&stream);
  gfx->restoreState();
  if (shown.annots != nullptr) {
    for (Annot* annot : shown.annots->getAnnots()) annot->draw(gfx.get(), /*printing=*/false);
    out->dump();
  }
}

// Displays page `i` (0-based) through a TextOutputDev (DisplayPageText), in
// content-stream order (`raw_order`) or in poppler's reading order, and
// appends its words, those whose text is empty too (marked not kept: the test
// above needs them).
void DisplayWords(PDFDoc& doc, ::Page& page, int i, const ShownContent& shown, bool raw_order,
                  std::vector<RawWord>* words) {
  TextOutputDev out(nullptr, /*physLayoutA=*/false, /*fixedPitchA=*/0, raw_order, /*append=*/false);
  if (!out.isOk()) return;
  DisplayPageText(doc, page, i, shown, &out);
  const std::unique_ptr<TextWordList> list = out.makeWordList();
  if (list == nullptr) return;
  const int n = list->getLength();
  words->reserve(static_cast<size_t>(n));
  for (int k = 0; k < n; ++k) {
    const TextWord* word = list->get(k);
    RawWord r;
    r.kept = WordText(*word, &r.word.text);
    double x1 = 0, y1 = 0;
    word->getBBox(&r.word.x0, &r.word.y0, &x1, &y1);
    // As poppler-cpp's rectf did (origin plus size), so that every box
    // stays the same to the last bit: x0 + (x1 - x0) is not always x1.
    r.word.x1 = r.word.x0 + (x1 - r.word.x0);
    r.word.y1 = r.word.y0 + (y1 - r.word.y0);
    r.font_size = word->getFontSize();
    r.base = word->getBaseline();
    r.length = word->getLength();
    r.char_pos = word->getCharPos();
    r.char_len = word->getCharLen();
    r.rotation = word->getRotation();
    words->push_back(std::move(r));
  }
}

// The words of page `i` (0-based) of an open document: poppler's words (the
// ones its reading-order pass keeps, see pdf_text.h), sorted.
//
// Issue 16: the reading-order pass (TextPage::coalesce: blocks, columns,
// flows) took 17 % of an import's instructions, and the parser never used
// its order (GroupLines sorts by position). So the page is read in content-
// stream order, where the words are the same unless ReadingOrderMayChangeWords
// says they may not be; only then is it read again in reading order.
Result<Page> ReadPage(PDFDoc& doc, int i, const std::string& name) {
  ::Page* p = doc.getCatalog()->getPage(i + 1);
  if (p == nullptr) {
    return Status::InvalidData(name + ": damaged PDF: page " + std::to_string(i + 1) + " cannot be read");
  }
  Page page;
  page.number = i + 1;
  const PDFRectangle* crop = p->getCropBox();
  page.width = crop->x2 - crop->x1;
  page.height = crop->y2 - crop->y1;
  const ShownContent shown = PrepareContent(*p);
  std::vector<RawWord> raw;
  DisplayWords(doc, *p, i, shown, /*raw_order=*/true, &raw);
  if (ReadingOrderMayChangeWords(raw)) {
    raw.clear();
    DisplayWords(doc, *p, i, shown, /*raw_order=*/false, &raw);
  }
  page.words.reserve(raw.size());
  for (RawWord& r : raw) {
    if (r.kept) page.words.push_back(std::move(r.word));
  }
  SortWords(&page.words);
  return page;
}

}  // namespace

Result<std::vector<Page>> ExtractPages(std::string_view pdf_bytes, const std::string& name) {
  BH_ASSIGN_OR_RETURN(std::unique_ptr<PDFDoc> doc, OpenDocument(pdf_bytes, name));
  const int n = doc->getNumPages();
  std::vector<Page> pages;
  pages.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    BH_ASSIGN_OR_RETURN(Page page, ReadPage(*doc, i, name));
    pages.push_back(std::move(page));
  }
  return pages;
}

Result<Page> ExtractPage(std::string_view pdf_bytes, const std::string& name, int page_number) {
  BH_ASSIGN_OR_RETURN(std::unique_ptr<PDFDoc> doc, OpenDocument(pdf_bytes, name));
  if (page_number < 1 || page_number > doc->getNumPages()) {
    return Status::NotFound(
        fmt::format("{}: no page {} (the PDF has {} pages)", name, page_number, doc->getNumPages()));
  }
  return ReadPage(*doc, page_number - 1, name);
}

}  // namespace bh::pdf
