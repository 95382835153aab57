// month_figures: the monthly aggregate of each import, kept at import time.
//
// For every import and month it covers, one row holds the sums per country
// and UGPS category (women, men, total, and how many rows had no sex split),
// packed in a BLOB, so that a query over the whole history reads 282 rows
// instead of every contribution row (issue 7: the "every country's monthly
// share" query went from ~1 s to a few ms at 300,000 rows).
//
// It is derived data: ImportSession writes it in the same transaction as
// the contribution rows it sums, and EnsureMonthFigures() rebuilds it from
// the contribution table for databases written before it existed.
//
// BLOB format: consecutive 32-byte records, sorted by ISO3 then category:
//   bytes 0-2   ISO3 (ASCII)         byte 3      category (Category's value)
//   bytes 4-7   rows without a sex split (int32, little-endian)
//   bytes 8-31  women, men, total (int64, little-endian)
//
// Thread safety: pure functions, and functions over one Db.
#ifndef BLUEHELMET_STORE_MONTH_FIGURES_H_
#define BLUEHELMET_STORE_MONTH_FIGURES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/personnel.h"
#include "store/database.h"

namespace bh {

struct PackedFigure {
  char iso3[3] = {0, 0, 0};
  Category category = Category::kContingents;
  int32_t rows_without_sex = 0;
  int64_t women = 0, men = 0, total = 0;
};

inline constexpr size_t kPackedFigureBytes = 32;

// The records' order: by ISO3, then category.
bool FigureOrder(const PackedFigure& a, const PackedFigure& b);
// REQUIRES: `figures` sorted by FigureOrder.
std::string PackMonthFigures(const std::vector<PackedFigure>& figures);
// InvalidData when the size is not a multiple of 32, a category is unknown,
// or the records are not strictly in FigureOrder (readers bisect on it).
Result<std::vector<PackedFigure>> UnpackMonthFigures(std::string_view blob);

// Calls fn(const PackedFigure&) for each record, in order, without building
// a vector. InvalidData as UnpackMonthFigures (nothing is called then).
template <typename F>
Status ForEachMonthFigure(std::string_view blob, F fn);

// Packs grouped sums into month_figures rows: `sums` yields (import_id,
// month, iso3, category code or NULL, women, men, total, rows without a sex
// split) ordered by import_id and month; `ins` takes (import_id, month,
// figures). Every (import, month) gets its row, empty when no row has a
// personnel type.
Status PackGroupedSums(Stmt& sums, Stmt& ins);

// Adds the month_figures rows of every import that has contribution rows
// but none there, computed from those rows. One index probe per import when
// nothing is missing.
Status EnsureMonthFigures(Db* db);

// Implementation details below.
Status CheckMonthFigures(std::string_view blob);

namespace internal {
template <int kBytes>
inline uint64_t GetLe(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < kBytes; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}
}  // namespace internal

inline PackedFigure DecodeMonthFigure(const char* p) {
  PackedFigure f;
  f.iso3[0] = p[0];
  f.iso3[1] = p[1];
  f.iso3[2] = p[2];
  f.category = static_cast<Category>(static_cast<unsigned char>(p[3]));
  f.rows_without_sex = static_cast<int32_t>(internal::GetLe<4>(p + 4));
  f.women = static_cast<int64_t>(internal::GetLe<8>(p + 8));
  f.men = static_cast<int64_t>(internal::GetLe<8>(p + 16));
  f.total = static_cast<int64_t>(internal::GetLe<8>(p + 24));
  return f;
}

template <typename F>
Status ForEachMonthFigure(std::string_view blob, F fn) {
  Status st = CheckMonthFigures(blob);
  if (!st.ok()) return st;
  for (size_t off = 0; off < blob.size(); off += kPackedFigureBytes) fn(DecodeMonthFigure(blob.data() + off));
  return st;
}

}  // namespace bh

#endif  // BLUEHELMET_STORE_MONTH_FIGURES_H_
