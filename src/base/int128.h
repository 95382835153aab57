// A 128-bit integer for exact products of counts and fractions (GCC/Clang
// extension; __extension__ keeps -pedantic quiet).
#ifndef BLUEHELMET_BASE_INT128_H_
#define BLUEHELMET_BASE_INT128_H_

namespace bh {
__extension__ typedef __int128 Int128;
}  // namespace bh

#endif  // BLUEHELMET_BASE_INT128_H_
