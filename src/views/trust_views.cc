#include "views/trust_views.h"

#include <fmt/format.h>

#include <map>
#include <string>

#include "base/strings.h"
#include "query/queries.h"

namespace bh {

Result<std::vector<Table>> ImportDetailTables(Db* db, int64_t import_id) {
  BH_ASSIGN_OR_RETURN(ImportDetail d, GetImport(db, import_id));
  auto or_dash = [](const std::string& s) { return s.empty() ? Cell::Null("-") : Cell(s); };
  Table about;
  about.name = "import";
  about.title = fmt::format("Import #{}{}", import_id, d.synthetic ? " [SYNTHETIC sample data]" : "");
  about.columns = {"Field", "Value"};
  about.AddRow({"File", d.file_name});
  about.AddRow({"Path", or_dash(d.path)});
  about.AddRow({"SHA-256", d.sha256});
  about.AddRow({"Kind", d.kind});
  about.AddRow({"Layout", or_dash(d.layout)});
  about.AddRow({"Imported at", d.imported_at});
  about.AddRow({"Rows", d.rows});
  about.AddRow({"Reconciliation", or_dash(d.reconciliation)});
  about.AddRow({"Note", or_dash(d.note)});

  Table months;
  months.name = "months";
  months.title = fmt::format("Months of import #{}", import_id);
  months.columns = {"Month", "Dataset", "Rows", "Countries", "Missions", "Current source"};
  BH_ASSIGN_OR_RETURN(std::vector<ImportMonth> list, MonthsOfImport(db, import_id));
  for (const ImportMonth& m : list) {
    std::string current = m.current_import == 0 ? "none"
                          : m.current_import == import_id
                              ? "this import"
                              : fmt::format("import #{} {}", m.current_import, m.current_file);
    months.AddRow({m.month, m.dataset, m.rows, m.countries, m.missions, current});
  }
  months.notes.push_back(
      "'bluehelmet imports remove N' deletes an import; each month it is the current source of goes back to the "
      "import it had replaced.");
  return std::vector<Table>{about, months};
}

Table RemovedImportTable(const RemovedImport& r) {
  Table t;
  t.title =
      fmt::format("Removed import #{} {}{} ({} rows)", r.id, r.file_name, r.synthetic ? " (SYNTHETIC)" : "", r.rows);
  t.columns = {"Month", "Dataset", "Now from"};
  for (const RemovedImport::MonthChange& c : r.months) {
    t.AddRow({c.month.ToString(), c.dataset,
              c.source ? fmt::format("import #{} {}", c.source, c.source_file) : std::string("no source left")});
  }
  if (r.months.empty()) t.notes.push_back("It was the current source of no month.");
  return t;
}

Result<AnomalyFilter> ParseAnomalyFilter(const Reference& ref, std::string_view month, std::string_view country,
                                         std::string_view kind, std::string_view kind_option) {
  AnomalyFilter f;
  if (!month.empty()) {
    BH_ASSIGN_OR_RETURN(f.month, Month::Parse(month));
  }
  if (!country.empty()) {
    BH_ASSIGN_OR_RETURN(f.iso3, ref.ResolveCountry(country));
  }
  if (!kind.empty()) {
    f.kind = KindFromCode(kind);
    if (!f.kind) {
      return Status::InvalidArgument(
          fmt::format("{}: '{}' is not one of sex_swapped, share_jump, month_share_jump, gap", kind_option, kind));
    }
  }
  return f;
}

Result<Table> AnomaliesTable(Db* db, const Reference& ref, const AnomalyFilter& filter) {
  BH_ASSIGN_OR_RETURN(std::vector<Anomaly> found, ListAnomalies(db, filter));
  using FileNames = std::map<int64_t, std::string>;
  BH_ASSIGN_OR_RETURN(FileNames files, ImportFileNames(db));
  Table t;
  t.title = "Plausibility findings";
  if (filter.month) t.title += ", " + filter.month->ToString();
  if (!filter.iso3.empty()) t.title += ", " + ref.CountryName(filter.iso3);
  t.columns = {"Month", "Country", "ISO3",  "Mission", "Type", "Kind", "Severity",
               "Women", "Men",     "Total", "Source",  "Page", "Line", "Evidence"};
  std::map<Anomaly::Kind, int> kinds;
  for (const Anomaly& a : found) {
    ++kinds[a.kind];
    Cell type = a.type       ? Cell(std::string(PersonnelTypeLabel(*a.type)))
                : a.category ? Cell(std::string(CategoryLabel(*a.category)))
                             : Cell::Null("-");
    std::vector<std::string> evidence;
    for (const NeighbourFigure& n : a.neighbours) {
      evidence.push_back(n.women ? fmt::format("{}: {} men, {} women", n.month.ToString(), n.men.value_or(0), *n.women)
                                 : fmt::format("{}: {} (no sex split)", n.month.ToString(), n.total));
    }
    auto file = files.find(a.import_id);
    t.AddRow({a.month.ToString(), a.iso3.empty() ? "(whole month)" : ref.CountryName(a.iso3),
              a.iso3.empty() ? Cell::Null("-") : Cell(a.iso3), a.mission.empty() ? Cell::Null("-") : Cell(a.mission),
              type, std::string(KindName(a.kind)), std::string(SeverityName(a.severity)),
              a.women ? Cell(*a.women) : Cell::Null("n/a"), a.men ? Cell(*a.men) : Cell::Null("n/a"), a.total,
              file == files.end() ? Cell::Null("-") : Cell(file->second), a.page ? Cell(a.page) : Cell::Null("-"),
              a.line ? Cell(a.line) : Cell::Null("-"), Join(evidence, "; ")});
  }
  if (found.empty()) {
    t.notes.push_back("No findings: every checked month agrees with its neighbours by the rules in docs/checks.md.");
  } else {
    std::vector<std::string> k;
    for (const auto& [kind, n] : kinds) k.push_back(fmt::format("{} {}", n, KindName(kind)));
    t.notes.push_back(fmt::format("{} finding(s): {}. The figures are shown as printed; a finding changes none.",
                                  found.size(), Join(k, ", ")));
  }
  t.notes.push_back(
      "Rules: a row of 0 men and 10+ women where the neighbouring months had mostly men (or the reverse); a share "
      "of women 15 points from both neighbours (3 points for the whole month); a country absent for one month and "
      "back at the same strength. See docs/checks.md.");
  return t;
}

Result<Table> ErrataTable(Db* db, std::optional<Month> month) {
  BH_ASSIGN_OR_RETURN(std::vector<Erratum> list, ListErrata(db, month));
  Table t;
  t.title = month ? "Corrections (errata), " + month->ToString() : "Corrections (errata)";
  t.columns = {"Id",  "Month",  "ISO3",     "Mission", "Type",    "Printed women", "Printed men", "Women",
               "Men", "Reason", "Evidence", "Author",  "Created", "Applied",       "Source"};
  int64_t shipped = 0, waiting = 0;
  for (const Erratum& e : list) {
    std::string applied = e.applied          ? "yes"
                          : e.month_imported ? "no (the source prints other figures)"
                                             : fmt::format("no ({} is not imported)", e.month.ToString());
    shipped += !e.source.empty();
    waiting += !e.applied;
    t.AddRow({e.id, e.month.ToString(), e.iso3, e.mission.empty() ? Cell::Null("-") : Cell(e.mission),
              std::string(PersonnelTypeCode(e.type)), e.printed_women, e.printed_men, e.women, e.men, e.reason,
              e.evidence, e.author, e.created_at, applied,
              e.source.empty() ? "made in this database" : "shipped: " + e.source});
  }
  t.notes.push_back(
      "A correction replaces the women and men of one cell; the figures as printed stay in the store and "
      "'--as-printed' shows them. It applies while the month's source prints the figures it names.");
  if (shipped > 0) {
    t.notes.push_back(
        fmt::format("{} correction(s) shipped with Bluehelmet (data/errata/), loaded by themselves; one removed with "
                    "'errata remove' is not loaded again.",
                    shipped));
  }
  if (waiting > 0) t.notes.push_back(fmt::format("{} correction(s) not applied (see Applied).", waiting));
  return t;
}

Result<int64_t> ImportErrataCsv(Db* db, std::string_view csv, const std::string& name) {
  BH_ASSIGN_OR_RETURN(std::vector<ErrataCsvRow> rows, ParseErrataCsv(csv, name));
  int64_t added = 0;
  for (const ErrataCsvRow& row : rows) {
    const Erratum& e = row.erratum;
    Status st = AddErratum(db, e);
    if (st.code() == Status::Code::kAlreadyExists && st.message().find(e.id) != std::string::npos) continue;
    if (!st.ok()) return st.WithPrefix(fmt::format("{}:{}", name, row.line));
    ++added;
  }
  return added;
}

}  // namespace bh
