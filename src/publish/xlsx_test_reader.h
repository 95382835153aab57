// For tests only: reads back what an .xlsx holds, so a test asserts the
// figures inside a workbook (publish/ and the web API's downloads), not only
// that it is a zip. A zip member is found by the central directory and
// inflated with zlib; a sheet's cells are read from its XML, shared strings
// resolved. Enough for libxlsxwriter's output; not a general reader.
//
// Header-only (no library's code depends on it). Thread-safe: pure.
#ifndef BLUEHELMET_PUBLISH_XLSX_TEST_READER_H_
#define BLUEHELMET_PUBLISH_XLSX_TEST_READER_H_

#include <zlib.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bh {
namespace xlsx_test {

inline uint32_t Le(std::string_view s, size_t at, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<size_t>(i)]);
  return v;
}

// Every member of the zip `zip`, name to content; empty when `zip` is not a
// zip this reader understands (stored or deflated members).
inline std::map<std::string, std::string> ZipMembers(std::string_view zip) {
  std::map<std::string, std::string> out;
  if (zip.size() < 22) return out;
  size_t end = zip.rfind(std::string_view("PK\x05\x06", 4));
  if (end == std::string_view::npos || end + 22 > zip.size()) return out;
  uint32_t count = Le(zip, end + 10, 2), at = Le(zip, end + 16, 4);
  for (uint32_t k = 0; k < count; ++k) {
    if (at + 46 > zip.size() || Le(zip, at, 4) != 0x02014b50) return {};
    uint32_t method = Le(zip, at + 10, 2), csize = Le(zip, at + 20, 4), usize = Le(zip, at + 24, 4);
    uint32_t nlen = Le(zip, at + 28, 2), elen = Le(zip, at + 30, 2), clen = Le(zip, at + 32, 2);
    uint32_t local = Le(zip, at + 42, 4);
    std::string name(zip.substr(at + 46, nlen));
    at += 46 + nlen + elen + clen;
    if (local + 30 > zip.size() || Le(zip, local, 4) != 0x04034b50) return {};
    size_t data = local + 30 + Le(zip, local + 26, 2) + Le(zip, local + 28, 2);
    if (data + csize > zip.size()) return {};
    std::string_view packed = zip.substr(data, csize);
    if (method == 0) {
      out[name] = std::string(packed);
      continue;
    }
    if (method != 8) return {};
    std::string plain(usize, '\0');
    z_stream zs{};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) return {};
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    zs.avail_in = csize;
    zs.next_out = reinterpret_cast<Bytef*>(plain.data());
    zs.avail_out = usize;
    int rc = inflate(&zs, Z_FINISH);
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) return {};
    out[name] = std::move(plain);
  }
  return out;
}

// Each element `<tag ...>...</tag>` (or `<tag .../>`) of `xml`, whole, in order.
inline std::vector<std::string> Elements(std::string_view xml, std::string_view tag) {
  std::vector<std::string> out;
  std::string open = "<" + std::string(tag), close = "</" + std::string(tag) + ">";
  for (size_t at = xml.find(open); at != std::string_view::npos; at = xml.find(open, at + 1)) {
    char next = at + open.size() < xml.size() ? xml[at + open.size()] : '\0';
    if (next != '>' && next != ' ') continue;  // <t> but not <tabColor>
    size_t gt = xml.find('>', at);
    if (gt == std::string_view::npos) break;
    if (xml[gt - 1] == '/') {  // <c r="A1"/>
      out.emplace_back(xml.substr(at, gt + 1 - at));
      continue;
    }
    size_t end = xml.find(close, gt);
    if (end == std::string_view::npos) break;
    out.emplace_back(xml.substr(at, end + close.size() - at));
  }
  return out;
}

inline std::string Attribute(std::string_view element, std::string_view name) {
  std::string key = " " + std::string(name) + "=\"";
  size_t at = element.find(key);
  if (at == std::string_view::npos || at > element.find('>')) return "";
  at += key.size();
  return std::string(element.substr(at, element.find('"', at) - at));
}

inline std::string Inner(std::string_view element) {
  size_t gt = element.find('>');
  size_t lt = element.rfind("</");
  if (gt == std::string_view::npos || lt == std::string_view::npos || lt < gt) return "";
  return std::string(element.substr(gt + 1, lt - gt - 1));
}

// XML's five entities back to characters.
inline std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    static const std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool done = false;
    for (const auto& [e, c] : kEntities) {
      if (s.substr(i, e.size()) == e) {
        out += c;
        i += e.size() - 1;
        done = true;
        break;
      }
    }
    if (!done) out += '&';
  }
  return out;
}

// The names of the workbook's sheets, in order.
inline std::vector<std::string> SheetNames(const std::map<std::string, std::string>& members) {
  std::vector<std::string> out;
  auto it = members.find("xl/workbook.xml");
  if (it == members.end()) return out;
  for (const std::string& e : Elements(it->second, "sheet")) out.push_back(Unescape(Attribute(e, "name")));
  return out;
}

// The cells of sheet `n` (1-based), "B4" to its text: a number as written
// ("904", "17.5"), a string resolved from the shared strings.
inline std::map<std::string, std::string> SheetCells(const std::map<std::string, std::string>& members, int n) {
  std::map<std::string, std::string> out;
  std::vector<std::string> shared;
  if (auto s = members.find("xl/sharedStrings.xml"); s != members.end()) {
    for (const std::string& si : Elements(s->second, "si")) {
      std::string text;
      for (const std::string& t : Elements(si, "t")) text += Unescape(Inner(t));
      shared.push_back(text);
    }
  }
  auto sheet = members.find("xl/worksheets/sheet" + std::to_string(n) + ".xml");
  if (sheet == members.end()) return out;
  for (const std::string& c : Elements(sheet->second, "c")) {
    std::vector<std::string> v = Elements(c, "v");
    if (v.empty()) continue;
    std::string value = Inner(v[0]);
    if (Attribute(c, "t") == "s") {
      size_t k = std::stoul(value);
      value = k < shared.size() ? shared[k] : "";
    }
    out[Attribute(c, "r")] = value;
  }
  return out;
}

// The cell name of 0-based row and column ("A1" for 0, 0).
inline std::string CellName(size_t row, size_t col) {
  std::string letters;
  for (size_t c = col + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

}  // namespace xlsx_test
}  // namespace bh

#endif  // BLUEHELMET_PUBLISH_XLSX_TEST_READER_H_
