// SheetNames (publication.h): compiled into bh_publish and into the module
// bluehelmet-xlsx, which names the sheets it writes.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "base/utf8.h"
#include "publish/publication.h"

namespace bh {

namespace {

constexpr size_t kMaxSheetUnits = 31;

// The longest prefix of valid UTF-8 `s` of at most `units` UTF-16 units (as
// Excel counts: a character beyond U+FFFF is two), cut between characters.
std::string CutToUnits(std::string_view s, size_t units) {
  std::string out;
  size_t used = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len = Utf8SequenceLength(s, i);
    size_t u = len == 4 ? 2 : 1;
    if (used + u > units) break;
    out.append(s.substr(i, len));
    used += u;
    i += len;
  }
  return out;
}

std::string_view TrimApostrophesAndSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == '\'' || s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '\'' || s.back() == ' ')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<std::string> SheetNames(const std::vector<std::string>& titles) {
  std::vector<std::string> out;
  std::set<std::string> used;  // lower-cased (ASCII), as Excel compares them
  used.insert("history");
  for (const std::string& title : titles) {
    std::string_view t = title;
    t = t.substr(0, t.find(" [SYNTHETIC"));
    // Only whole, printable characters outside []:*?/\.
    std::string clean;
    for (size_t i = 0; i < t.size();) {
      size_t len = Utf8SequenceLength(t, i);
      if (len == 0) {
        ++i;
        continue;
      }
      unsigned char c = static_cast<unsigned char>(t[i]);
      bool drop =
          len == 1 && (c < 0x20 || c == 0x7F || std::string_view("[]:*?/\\").find(t[i]) != std::string_view::npos);
      if (!drop) clean.append(t.substr(i, len));
      i += len;
    }
    std::string base(TrimApostrophesAndSpaces(CutToUnits(TrimApostrophesAndSpaces(clean), kMaxSheetUnits)));
    if (base.empty()) base = "Sheet";
    std::string name = base;
    for (int n = 2; used.count(ToLowerAscii(name)); ++n) {
      std::string suffix = fmt::format(" ({})", n);
      name = std::string(TrimApostrophesAndSpaces(CutToUnits(base, kMaxSheetUnits - suffix.size()))) + suffix;
    }
    used.insert(ToLowerAscii(name));
    out.push_back(std::move(name));
  }
  return out;
}

}  // namespace bh
