// The tidy export: the long table of contribution figures (query/
// figure_rows.h) written in the tidy form (ingest/tidy_csv.h, whose
// columns it uses), as CSV (one header row, then the rows; nothing else) or
// as JSON Lines (one object per row, the same columns: numbers as numbers,
// null for an empty field, `synthetic` a boolean). `bluehelmet export`
// writes it; `bluehelmet import` reads the CSV back.
//
// Thread safety: pure functions.
#ifndef BLUEHELMET_VIEWS_TIDY_EXPORT_H_
#define BLUEHELMET_VIEWS_TIDY_EXPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "query/figure_rows.h"

namespace bh {

enum class TidyFormat { kCsv, kJsonLines };
// "csv" or "jsonl"; InvalidArgument "unknown export format 'x' (want csv or
// jsonl)" otherwise.
Result<TidyFormat> ParseTidyFormat(std::string_view s);

// The rows in the tidy form, header (CSV) included.
std::string WriteTidy(const std::vector<FigureRow>& rows, TidyFormat f);

}  // namespace bh

#endif  // BLUEHELMET_VIEWS_TIDY_EXPORT_H_
