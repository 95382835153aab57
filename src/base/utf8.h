// UTF-8 checks for text at the boundaries where it enters the database:
// register and EWG records, groups, import file names, the text of imported
// files and command-line arguments that become stored text.
//
// Pure functions, thread-safe.
#ifndef BLUEHELMET_BASE_UTF8_H_
#define BLUEHELMET_BASE_UTF8_H_

#include <string>
#include <string_view>

namespace bh {

// True when `s` is well-formed UTF-8 (RFC 3629): no stray continuation
// bytes, no truncated sequences, no overlong forms, no UTF-16 surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF. The empty string is valid.
bool IsValidUtf8(std::string_view s);

// The offset of the first byte that begins no well-formed UTF-8 sequence, or
// std::string_view::npos when `s` is valid. Fast on ASCII (8 bytes a step),
// for whole files.
size_t FirstInvalidUtf8(std::string_view s);

// The length (1..4) of the well-formed UTF-8 sequence that begins at s[i],
// or 0 when none does. REQUIRES: i < s.size().
size_t Utf8SequenceLength(std::string_view s, size_t i);

// Why `s` may not be stored as a text field, or "" when it may: invalid
// UTF-8 ("not valid UTF-8 (byte 0xff at byte 4)"), or a control character:
// NUL, the other C0 controls (U+0001..U+001F) except tab, and DEL
// ("holds a control character (0x00 at byte 3)"). Line breaks are refused
// too: every stored field is one line in every output.
std::string TextProblem(std::string_view s);

// `s` with every byte that begins no well-formed sequence replaced by U+FFFD,
// for writers that need valid UTF-8 whatever the database holds.
std::string ToValidUtf8(std::string_view s);

// The longest prefix of `s` of at most `max_bytes` bytes that does not cut a
// UTF-8 sequence in two. REQUIRES: `s` is valid UTF-8.
std::string_view Utf8Prefix(std::string_view s, size_t max_bytes);

// The number of code points in valid UTF-8 `s`.
size_t Utf8Length(std::string_view s);

}  // namespace bh

#endif  // BLUEHELMET_BASE_UTF8_H_
