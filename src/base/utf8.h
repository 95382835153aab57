// UTF-8 validation for text that enters from outside (HTTP requests, files).
//
// Pure; thread-safe.
#ifndef BLUEHELMET_BASE_UTF8_H_
#define BLUEHELMET_BASE_UTF8_H_

#include <string_view>

namespace bh {

// True when `s` is well-formed UTF-8 (RFC 3629): no stray continuation
// bytes, no truncated sequences, no overlong forms, no UTF-16 surrogates
// (U+D800..U+DFFF) and nothing above U+10FFFF. The empty string is valid;
// NUL is a valid character here (callers that refuse it say so).
bool IsValidUtf8(std::string_view s);

}  // namespace bh

#endif  // BLUEHELMET_BASE_UTF8_H_
