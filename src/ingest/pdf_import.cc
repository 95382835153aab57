#include "ingest/pdf_import.h"

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "pdf/contribution_report.h"
#include "pdf/pdf_text.h"

namespace bh {

namespace {

std::string_view ScopeName(pdf::PrintedTotal::Scope s) {
  switch (s) {
    case pdf::PrintedTotal::Scope::kMission:
      return "mission";
    case pdf::PrintedTotal::Scope::kCountry:
      return "country";
    case pdf::PrintedTotal::Scope::kMissionCountry:
      return "mission/country";
    case pdf::PrintedTotal::Scope::kGrand:
      return "grand";
  }
  return "?";
}

// Names a layout cuts so short that several countries start with them, and
// the country each stands for, with the evidence. Family D (the flat
// 2019-09 table) truncates names at its column width.
struct CutShortName {
  char family;
  std::string_view printed, iso3, why;
};
constexpr CutShortName kCutShortNames[] = {
    {'D', "Republic of", "KOR",
     "the same report prints the Republic of Moldova as 'Moldova,', so 'Republic of' is the Republic of Korea"},
    {'D', "North", "MKD",
     "North Macedonia: no other country whose name starts with 'North' contributes uniformed personnel"},
};

std::string SkippedNote(const std::vector<pdf::SkippedLine>& skipped) {
  std::map<pdf::SkippedLine::Why, std::pair<int64_t, const pdf::SkippedLine*>> by_why;
  for (const pdf::SkippedLine& s : skipped) {
    auto& [count, first] = by_why[s.why];
    if (count++ == 0) first = &s;
  }
  std::string note;
  for (const auto& [why, entry] : by_why) {
    note +=
        fmt::format("{}{} {}{} (first page {} line {})", note.empty() ? "kept out of the figures: " : ", ", entry.first,
                    pdf::SkippedLineName(why), entry.first == 1 ? "" : "s", entry.second->page, entry.second->line);
  }
  return note;
}

}  // namespace

Result<PreparedPdf> PreparePdf(std::string_view bytes, const std::string& name, const Reference& ref,
                               std::optional<Month> month, bool accept_mismatch) {
  BH_ASSIGN_OR_RETURN(std::vector<pdf::Page> pages, pdf::ExtractPages(bytes, name));
  BH_ASSIGN_OR_RETURN(pdf::ParsedReport report, pdf::ParseReport(pages, name));
  pages.clear();
  BH_RETURN_IF_ERROR(pdf::CheckIdentity(report, name));
  PreparedPdf out;
  out.family = report.family;
  out.layout = fmt::format("PDF family {}", report.family);

  // The month comes from the report itself; --month only fills a gap.
  if (report.as_of) {
    if (month && report.as_of->ToMonth() != *month) {
      return Status::InvalidData(fmt::format("{}: the report is as of {} but --month says {}", name,
                                             report.as_of->ToString(), month->ToString()));
    }
    out.report_date = *report.as_of;
  } else if (month) {
    out.report_date = Date::LastDayOf(*month);
  } else {
    return Status::InvalidData(
        fmt::format("{}: the report prints no 'as of' date; give its month with --month YYYY-MM (on the dashboard: the "
                    "upload's Month field)",
                    name));
  }

  std::vector<pdf::Mismatch> mismatches = pdf::CheckPrintedTotals(report);
  if (!mismatches.empty() && !accept_mismatch) {
    std::string first = pdf::ToString(mismatches[0]);
    std::string more = mismatches.size() > 1 ? fmt::format(" (and {} more)", mismatches.size() - 1) : "";
    return Status::Mismatch(fmt::format(
        "{}: printed totals do not reconcile: {}{}; nothing imported (use --accept-mismatch to import and record it)",
        name, first, more));
  }
  for (const pdf::Mismatch& m : mismatches) {
    out.mismatches.push_back({std::string(ScopeName(m.scope)), m.key, m.what, m.printed, m.computed});
  }
  out.printed_totals = static_cast<int64_t>(report.totals.size()) + (report.printed_row_count ? 1 : 0);
  out.skipped_note = SkippedNote(report.skipped);
  out.skipped_lines = static_cast<int64_t>(report.skipped.size());

  // One figure per (mission, country, type): a repeat means the layout was
  // misread, and is never summed silently.
  std::map<std::tuple<std::string, std::string, int>, const pdf::ReportRow*> seen;
  std::map<std::string, std::string> notes;  // printed name -> how it was resolved
  out.rows.reserve(report.rows.size());
  for (const pdf::ReportRow& r : report.rows) {
    Result<std::string> iso3 = ref.ResolveCountry(r.country);
    if (!iso3.ok()) {
      for (const CutShortName& c : kCutShortNames) {
        if (c.family == report.family && c.printed == r.country) {
          iso3 = std::string(c.iso3);
          notes.emplace(r.country, fmt::format("'{}' -> {} ({})", r.country, c.iso3, c.why));
        }
      }
    }
    if (!iso3.ok()) {
      Result<std::string> cut = ref.ResolveCutShortCountry(r.country);
      if (cut.ok()) {
        notes.emplace(r.country,
                      fmt::format("'{}' -> {} (cut short; the only country name that starts so)", r.country, *cut));
        iso3 = std::move(cut);
      } else if (cut.status().message().starts_with("ambiguous")) {
        iso3 = cut.status();
      }
    }
    if (!iso3.ok()) {
      return Status::InvalidData(fmt::format("{}: page {} line {}: {}", name, r.page, r.line, iso3.status().message()));
    }
    int type = r.type ? static_cast<int>(*r.type) : -1;
    auto [it, inserted] = seen.emplace(std::make_tuple(r.mission, *iso3, type), &r);
    if (!inserted) {
      return Status::InvalidData(fmt::format("{}: page {} line {}: {} {} {} already read on page {} line {}", name,
                                             r.page, r.line, r.mission.empty() ? "-" : r.mission, r.country,
                                             r.type ? PersonnelTypeLabel(*r.type) : "(all types)", it->second->page,
                                             it->second->line));
    }
    ContributionRow row;
    row.page = r.page;
    row.line = r.line;
    row.report_date = out.report_date;
    row.iso3 = std::move(*iso3);
    row.mission = r.mission;
    row.type = r.type;
    row.women = r.women;
    row.men = r.men;
    row.total = r.total;
    out.rows.push_back(std::move(row));
  }
  if (out.rows.empty()) return Status::InvalidData(fmt::format("{}: the report has no data rows", name));
  for (auto& [printed, note] : notes) out.name_notes.push_back(std::move(note));
  return out;
}

}  // namespace bh
