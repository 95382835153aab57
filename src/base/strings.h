// Small string helpers used by every importer. Pure functions, thread-safe.
#ifndef BLUEHELMET_BASE_STRINGS_H_
#define BLUEHELMET_BASE_STRINGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/sha256.h"

namespace bh {

// Strips ASCII whitespace and U+00A0 (no-break space, common in PDFs).
std::string_view Trim(std::string_view s);

// Splits on `sep`; empty fields are kept ("a,,b" -> {"a","","b"}).
std::vector<std::string_view> Split(std::string_view s, char sep);

std::string ToLowerAscii(std::string_view s);

// Parses a non-negative whole number as the UN prints it: "6394", "6,394",
// " 12 ". Rejects signs, decimals, empty text and values over 2^31-1.
std::optional<int64_t> ParseWholeNumber(std::string_view s);

// A key for matching names as printed against reference names: ASCII
// case-folded, Latin-1/Latin Extended-A letters stripped of diacritics
// ("Côte" -> "cote", "Türkiye" -> "turkiye"), curly quotes made straight,
// runs of whitespace, hyphens and line breaks collapsed to one space.
// Hand-written rather than ICU: the names are Latin script, and ICU would
// add a 30 MB dependency for a table of a few dozen letters.
std::string NameKey(std::string_view s);

// Levenshtein distance between a and b, or limit + 1 as soon as it is
// known to exceed `limit` (for "did you mean" suggestions over short names).
size_t EditDistance(std::string_view a, std::string_view b, size_t limit);

// Joins with `sep`.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

// "1,225" style thousands grouping for display.
std::string GroupThousands(int64_t n);

// Sha256Hex is in base/sha256.h (included above).

}  // namespace bh

#endif  // BLUEHELMET_BASE_STRINGS_H_
