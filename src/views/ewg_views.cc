#include "views/ewg_views.h"

#include <fmt/format.h>

#include "base/strings.h"
#include "ewg/ewg_csv.h"
#include "ewg/ewg_model.h"

namespace bh {

Result<Table> EwgCyclesTable(Db* db, const Reference& ref, const std::string& ewg) {
  std::string code;
  if (!ewg.empty()) {
    BH_ASSIGN_OR_RETURN(EwgInfo e, GetEwg(db, ewg));
    code = e.code;
  }
  BH_ASSIGN_OR_RETURN(std::vector<Cycle> cycles, ListCycles(db, code));
  Table t;
  t.title = code.empty() ? "EWG cycles" : fmt::format("EWG on {} cycles", code);
  t.columns = {"EWG", "Cycle", "Start", "End", "ASEAN co-chair", "Plus co-chair", "Activities", "Origin"};
  for (const Cycle& c : cycles) {
    BH_ASSIGN_OR_RETURN(std::vector<Activity> acts, ListActivities(db, c.ewg, c.number));
    t.AddRow({c.ewg, c.number, c.start.ToString(), c.end ? Cell(c.end->ToString()) : Cell::Null("not known"),
              ref.CountryName(c.co_chairs[0]), ref.CountryName(c.co_chairs[1]), static_cast<int64_t>(acts.size()),
              c.origin});
  }
  if (cycles.empty()) t.notes.push_back("No cycles recorded.");
  t.notes.push_back("Dates given as a year or a month are known only to that precision (not widened to days).");
  for (const Cycle& c : cycles) {
    t.notes.push_back(fmt::format("{} {}: {}{}Source: {}", c.ewg, c.number, c.note, c.note.empty() ? "" : " ",
                                  c.source));
  }
  return t;
}

Result<Table> EwgActivitiesTable(Db* db, const Reference& ref, const std::string& ewg, std::optional<int> cycle) {
  BH_ASSIGN_OR_RETURN(std::vector<Activity> acts, ListActivities(db, ewg, cycle));
  Table t;
  t.title = "EWG activities";
  t.columns = {"Date", "Ref", "EWG", "Cycle", "Type", "No.", "Title", "Venue", "Host", "Themes"};
  for (const Activity& a : acts) {
    t.AddRow({DateRangeText(a.start, a.end), a.ref, a.ewg, a.cycle, std::string(ActivityTypeName(a.type)),
              a.number ? Cell(*a.number) : Cell::Null("-"), a.title, a.venue,
              a.host.empty() ? Cell::Null("not stated") : Cell(ref.CountryName(a.host)),
              a.themes.empty() ? Cell::Null("-") : Cell(Join(a.themes, "; "))});
  }
  if (acts.empty()) t.notes.push_back("No activities recorded.");
  for (const Activity& a : acts) t.notes.push_back(a.ref + ": Source: " + a.source);
  return t;
}

std::string EwgSummaryText(const ApplySummary& s) {
  return fmt::format("{} cycle(s), {} activit{}, {} participant record(s), {} work-plan item(s), {} outcome(s) "
                     "written; {} unchanged",
                     s.cycles, s.activities, s.activities == 1 ? "y" : "ies", s.participants, s.workplan, s.outcomes,
                     s.unchanged);
}

Result<Table> ImportEwgFiles(Db* db, const Reference& ref, const std::vector<std::pair<std::string, std::string>>& files,
                             ApplySummary* summary) {
  Batch batch;
  Table t;
  t.title = "EWG import";
  t.columns = {"File", "Kind", "Records"};
  auto count = [&] {
    return batch.cycles.size() + batch.activities.size() + batch.participants.size() + batch.workplan.size() +
           batch.outcomes.size();
  };
  for (const auto& [name, data] : files) {
    size_t before = count();
    BH_ASSIGN_OR_RETURN(RecordKind kind, ParseEwgCsv(data, name, ref, &batch));
    t.AddRow({name, std::string(RecordKindName(kind)), static_cast<int64_t>(count() - before)});
  }
  BH_ASSIGN_OR_RETURN(ApplySummary sum, ApplyBatch(db, ref, batch));
  t.notes.push_back(EwgSummaryText(sum) + " (all files in one transaction).");
  for (const auto& p : batch.participants) {
    if (p.record.illustrative) {
      t.notes.push_back("Some participant figures are marked ILLUSTRATIVE: invented for a demonstration.");
      break;
    }
  }
  if (summary) *summary = sum;
  return t;
}

}  // namespace bh
