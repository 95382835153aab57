#include "store/month_figures.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace bh {

namespace {
void PutLe(char* p, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xff);
}
}  // namespace

bool FigureOrder(const PackedFigure& a, const PackedFigure& b) {
  int c = std::memcmp(a.iso3, b.iso3, 3);
  return c != 0 ? c < 0 : a.category < b.category;
}

std::string PackMonthFigures(const std::vector<PackedFigure>& figures) {
  std::string out(figures.size() * kPackedFigureBytes, '\0');
  char* p = out.data();
  for (const PackedFigure& f : figures) {
    std::memcpy(p, f.iso3, 3);
    p[3] = static_cast<char>(f.category);
    PutLe(p + 4, static_cast<uint32_t>(f.rows_without_sex), 4);
    PutLe(p + 8, static_cast<uint64_t>(f.women), 8);
    PutLe(p + 16, static_cast<uint64_t>(f.men), 8);
    PutLe(p + 24, static_cast<uint64_t>(f.total), 8);
    p += kPackedFigureBytes;
  }
  return out;
}

Status CheckMonthFigures(std::string_view blob) {
  if (blob.size() % kPackedFigureBytes != 0) {
    return Status::InvalidData(fmt::format("month_figures: a record set of {} bytes is not whole", blob.size()));
  }
  for (size_t off = 0; off < blob.size(); off += kPackedFigureBytes) {
    auto cat = static_cast<unsigned char>(blob[off + 3]);
    if (cat >= kAllCategories.size())
      return Status::InvalidData(fmt::format("month_figures: unknown category {}", cat));
    // Strictly by ISO3, then category (readers bisect on it).
    if (off > 0 && std::memcmp(blob.data() + off - kPackedFigureBytes, blob.data() + off, 4) >= 0) {
      return Status::InvalidData("month_figures: records not in ISO3 and category order");
    }
  }
  return Status::Ok();
}

Result<std::vector<PackedFigure>> UnpackMonthFigures(std::string_view blob) {
  std::vector<PackedFigure> out;
  out.reserve(blob.size() / kPackedFigureBytes);
  BH_RETURN_IF_ERROR(ForEachMonthFigure(blob, [&](const PackedFigure& f) { out.push_back(f); }));
  return out;
}

Status PackGroupedSums(Stmt& sums, Stmt& ins) {
  int64_t import_id = -1;
  std::string month;
  std::vector<PackedFigure> figures;
  auto flush = [&]() -> Status {
    if (import_id < 0) return Status::Ok();
    std::sort(figures.begin(), figures.end(), FigureOrder);
    std::string blob = PackMonthFigures(figures);
    figures.clear();
    return ins.Bind(1, import_id).Bind(2, month).BindBlob(3, blob).Run();
  };
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool row, sums.Step());
    if (!row) break;
    if (sums.Int(0) != import_id || sums.Text(1) != month) {
      BH_RETURN_IF_ERROR(flush());
      import_id = sums.Int(0);
      month = sums.Text(1);
    }
    if (sums.IsNull(3)) continue;
    auto cat = CategoryFromCode(sums.Text(3));
    std::string iso3 = sums.Text(2);
    if (!cat || iso3.size() != 3) continue;
    PackedFigure f;
    std::memcpy(f.iso3, iso3.data(), 3);
    f.category = *cat;
    f.women = sums.Int(4);
    f.men = sums.Int(5);
    f.total = sums.Int(6);
    f.rows_without_sex = static_cast<int32_t>(sums.Int(7));
    figures.push_back(f);
  }
  return flush();
}

Status EnsureMonthFigures(Db* db) {
  // An import writes all its months' rows at once, so one probe per import
  // tells whether any is missing.
  BH_ASSIGN_OR_RETURN(
      int64_t missing,
      db->QueryInt(
          "SELECT EXISTS (SELECT 1 FROM import i WHERE EXISTS (SELECT 1 FROM contribution c WHERE c.import_id = i.id)"
          " AND NOT EXISTS (SELECT 1 FROM month_figures f WHERE f.import_id = i.id))"));
  if (!missing) return Status::Ok();
  BH_ASSIGN_OR_RETURN(
      Stmt sums,
      db->Prepare(
          "SELECT c.import_id, c.month, c.iso3, p.category, COALESCE(SUM(c.women), 0), COALESCE(SUM(c.men), 0),"
          " SUM(c.total), SUM(c.women IS NULL) FROM contribution c LEFT JOIN personnel_type p ON p.code = c.ptype"
          " WHERE c.import_id IN (SELECT id FROM import i WHERE NOT EXISTS"
          "   (SELECT 1 FROM month_figures f WHERE f.import_id = i.id))"
          " GROUP BY c.import_id, c.month, c.iso3, p.category ORDER BY c.import_id, c.month"));
  BH_ASSIGN_OR_RETURN(Stmt ins, db->Prepare("INSERT INTO month_figures (import_id, month, figures) VALUES (?, ?, ?)"));
  Transaction tx(db);
  BH_RETURN_IF_ERROR(tx.status());
  // Another process may have filled them in while this one waited for the lock.
  BH_ASSIGN_OR_RETURN(
      missing,
      db->QueryInt(
          "SELECT EXISTS (SELECT 1 FROM import i WHERE EXISTS (SELECT 1 FROM contribution c WHERE c.import_id = i.id)"
          " AND NOT EXISTS (SELECT 1 FROM month_figures f WHERE f.import_id = i.id))"));
  if (!missing) return Status::Ok();
  // Every (import, month) gets its row, empty when no row has a personnel
  // type, so the check above finds nothing missing next time.
  BH_RETURN_IF_ERROR(PackGroupedSums(sums, ins));
  return tx.Commit();
}

}  // namespace bh
