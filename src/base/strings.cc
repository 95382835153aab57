#include "base/strings.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace bh {

namespace {
bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    *len = 2;
    return true;
  }
  return false;
}
}  // namespace

std::string_view Trim(std::string_view s) {
  size_t len = 0;
  while (!s.empty() && IsSpaceAt(s, 0, &len)) s.remove_prefix(len);
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      s.remove_suffix(1);
    } else if (c == 0xA0 && s.size() >= 2 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<int64_t> ParseWholeNumber(std::string_view s) {
  s = Trim(s);
  if (s.empty()) return std::nullopt;
  int64_t v = 0;
  int digits_since_sep = -1;  // -1: no separator seen yet
  int leading_digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      v = v * 10 + (c - '0');
      if (v > 2147483647) return std::nullopt;
      if (digits_since_sep >= 0) {
        ++digits_since_sep;
      } else {
        ++leading_digits;
      }
    } else if (c == ',') {
      // Thousands separator: 1-3 digits before the first, exactly 3 between.
      if (digits_since_sep < 0) {
        if (leading_digits < 1 || leading_digits > 3) return std::nullopt;
      } else if (digits_since_sep != 3) {
        return std::nullopt;
      }
      digits_since_sep = 0;
    } else {
      return std::nullopt;
    }
  }
  if (digits_since_sep >= 0 && digits_since_sep != 3) return std::nullopt;
  return v;
}

namespace {
// Two-byte UTF-8 sequences (U+00C0..U+017F) folded to ASCII. Index = code
// point - 0xC0. '\0' means "drop"; anything not listed is kept as-is.
constexpr std::string_view kFold0xC0 =
    "aaaaaaaceeeeiiii"   // C0-CF  À..Ï
    "dnooooo*ouuuuyts"   // D0-DF  Ð..ß (× -> '*', Þ -> t, ß -> s)
    "aaaaaaaceeeeiiii"   // E0-EF
    "dnooooo/ouuuuyty"   // F0-FF
    "aaaaaaccccccccdd"   // 100-10F
    "ddeeeeeeeeeegggg"   // 110-11F
    "gggghhhhiiiiiiii"   // 120-12F
    "iiiijjkkklllllll"   // 130-13F
    "lllnnnnnnnnnoooo"   // 140-14F
    "oooorrrrrrssssss"   // 150-15F
    "ssttttttuuuuuuuu"   // 160-16F
    "uuuuwwyyyzzzzzzs";  // 170-17F
}  // namespace

std::string NameKey(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  auto emit = [&](char c) {
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  };
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-' || c == '_') {
        pending_space = true;
      } else if (c >= 'A' && c <= 'Z') {
        emit(static_cast<char>(c - 'A' + 'a'));
      } else if (c == '`') {
        emit('\'');
      } else {
        emit(static_cast<char>(c));
      }
      continue;
    }
    // Multi-byte sequence.
    if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
      unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      i += 1;
      if (cp == 0xA0) {
        pending_space = true;
      } else if (cp >= 0xC0 && cp < 0xC0 + kFold0xC0.size()) {
        emit(kFold0xC0[cp - 0xC0]);
      } else {
        out.append(s.substr(i - 1, 2));
      }
      continue;
    }
    if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {
      unsigned cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                    (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      i += 2;
      if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC) {
        emit('\'');
      } else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2014) {
        pending_space = true;
      } else {
        out.append(s.substr(i - 2, 3));
      }
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out.append(sep);
    out.append(parts[i]);
  }
  return out;
}

std::string GroupThousands(int64_t n) {
  bool neg = n < 0;
  std::string digits = std::to_string(neg ? -n : n);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count && count % 3 == 0) out.push_back(',');
    out.push_back(*it);
    ++count;
  }
  if (neg) out.push_back('-');
  return std::string(out.rbegin(), out.rend());
}

// Stops early once every entry of a row exceeds `limit`.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace bh
