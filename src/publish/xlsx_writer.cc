// WriteXlsxTables (publication.h) with libxlsxwriter: compiled into the
// module bluehelmet-xlsx (xlsx_module.h), not into the executable, so a
// process that writes no workbook never maps libxlsxwriter (and the
// libcrypto it pulls in).
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "base/utf8.h"
#include "publish/publication.h"
#include "publish/xlsx_module.h"

namespace bh {

namespace {

// Excel's limits: characters in a cell, rows in a sheet.
constexpr size_t kMaxCellChars = 32767;
constexpr size_t kMaxSheetRows = 1048576;

// `s` as valid UTF-8 that a cell holds: at most kMaxCellChars code points
// (libxlsxwriter counts them so), cut between characters and ending in "…".
std::string CellText(std::string_view s) {
  std::string text = ToValidUtf8(s);
  size_t chars = 0, i = 0;
  for (; i < text.size(); ++chars) {
    if (chars == kMaxCellChars) break;
    size_t len = Utf8SequenceLength(text, i);
    i += len == 0 ? 1 : len;
  }
  if (i >= text.size()) return text;
  // Room for the ellipsis: drop one more character.
  size_t cut = i;
  do {
    --cut;
  } while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80);
  return text.substr(0, cut) + "…";
}

}  // namespace

Status WriteXlsxTables(const std::vector<Table>& tables, const std::string& path) {
  for (const Table& t : tables) {
    // Title, blank, header, the rows, blank, the notes.
    if (3 + t.rows.size() + 1 + t.notes.size() > kMaxSheetRows) {
      return Status::InvalidArgument(fmt::format("xlsx: the table '{}' has {} rows; a sheet holds at most {}",
                                                 ToValidUtf8(t.title), t.rows.size(), kMaxSheetRows - 4));
    }
  }
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Status::IoError(fmt::format("{}: cannot create the workbook", path));
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 13);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xEEF2F7);
  format_set_bottom(header, LXW_BORDER_THIN);
  lxw_format* decimal = workbook_add_format(wb);
  format_set_num_format(decimal, "0.00");
  lxw_format* note = workbook_add_format(wb);
  format_set_italic(note);
  format_set_font_color(note, 0x5B6470);
  std::vector<std::string> titles;
  for (const Table& t : tables) titles.push_back(t.title);
  std::vector<std::string> names = SheetNames(titles);
  for (size_t i = 0; i < tables.size(); ++i) {
    const Table& t = tables[i];
    lxw_worksheet* ws = workbook_add_worksheet(wb, names[i].c_str());
    if (!ws) {  // SheetNames makes valid names: a bug if libxlsxwriter disagrees
      (void)workbook_close(wb);
      std::remove(path.c_str());
      return Status::Internal(fmt::format("{}: libxlsxwriter refused the sheet name '{}'", path, names[i]));
    }
    worksheet_write_string(ws, 0, 0, CellText(t.title).c_str(), title);
    for (size_t c = 0; c < t.columns.size(); ++c) {
      worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c), CellText(t.columns[c]).c_str(), header);
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 0 ? 26 : 14, nullptr);
    }
    lxw_row_t row = 3;
    for (const auto& cells : t.rows) {
      for (size_t c = 0; c < t.columns.size() && c < cells.size(); ++c) {
        const Cell& cell = cells[c];
        auto col = static_cast<lxw_col_t>(c);
        if (std::holds_alternative<int64_t>(cell.value)) {
          worksheet_write_number(ws, row, col, static_cast<double>(std::get<int64_t>(cell.value)), nullptr);
        } else if (std::holds_alternative<double>(cell.value)) {
          worksheet_write_number(ws, row, col, std::get<double>(cell.value), decimal);
        } else if (std::holds_alternative<std::string>(cell.value)) {
          worksheet_write_string(ws, row, col, CellText(std::get<std::string>(cell.value)).c_str(), nullptr);
        } else if (!cell.display.empty()) {  // null: its display text ("n/a", "-"), or nothing
          worksheet_write_string(ws, row, col, CellText(cell.display).c_str(), nullptr);
        }
      }
      ++row;
    }
    ++row;
    for (const std::string& n : t.notes) worksheet_write_string(ws, row++, 0, CellText(n).c_str(), note);
    worksheet_freeze_panes(ws, 3, 0);
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return Status::IoError(fmt::format("{}: {}", path, lxw_strerror(err)));
  return Status::Ok();
}

}  // namespace bh

// The module's entry: the only symbol it exports.
extern "C" __attribute__((visibility("default"))) const bh::XlsxModule* bh_xlsx_module() {
  static const bh::XlsxModule table = {bh::kXlsxModuleVersion, &bh::WriteXlsxTables};
  return &table;
}
