#include "views/ewg_views.h"

#include <fmt/format.h>

#include "base/strings.h"
#include "ewg/ewg_csv.h"
#include "ewg/ewg_model.h"

namespace bh {

Result<Table> EwgListTable(Db* db) {
  BH_ASSIGN_OR_RETURN(std::vector<EwgInfo> ewgs, ListEwgs(db));
  Table t;
  t.title = "ADMM-Plus Experts' Working Groups";
  t.columns = {"Code", "Name", "Founded", "Cycles recorded", "Source"};
  for (const EwgInfo& e : ewgs) {
    BH_ASSIGN_OR_RETURN(std::vector<Cycle> cycles, ListCycles(db, e.code));
    t.AddRow({e.code, e.name, e.founded.empty() ? Cell::Null("not found") : Cell(e.founded),
              static_cast<int64_t>(cycles.size()), e.source});
  }
  return t;
}

Result<Table> EwgMembersTable(Db* db, const Reference& ref) {
  BH_ASSIGN_OR_RETURN(std::vector<Member> members, ListMembers(db));
  BH_ASSIGN_OR_RETURN(std::vector<Observer> observers, ListObservers(db));
  Table t;
  t.title = "ADMM-Plus members and observers";
  t.columns = {"Name", "ISO3", "Role", "Source"};
  for (const Member& m : members) t.AddRow({ref.CountryName(m.iso3), m.iso3, std::string(SideName(m.side)), m.source});
  for (const Observer& o : observers) {
    t.AddRow({o.name, o.iso3.empty() ? Cell::Null("-") : Cell(o.iso3), "observer", o.source});
  }
  t.notes.push_back(fmt::format("{} members: ASEAN 10 and 8 Plus (dialogue partners); observers attend EWG meetings.",
                                members.size()));
  return t;
}

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
    t.notes.push_back(
        fmt::format("{} {}: {}{}Source: {}", c.ewg, c.number, c.note, c.note.empty() ? "" : " ", c.source));
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

Result<Table> EwgParticipantsTable(Db* db, const Reference& ref, const std::string& ewg, std::optional<int> cycle,
                                   const std::string& activity) {
  if (!activity.empty()) BH_RETURN_IF_ERROR(GetActivity(db, activity).status());
  BH_ASSIGN_OR_RETURN(std::vector<Participation> ps, ListParticipation(db, ewg, cycle, activity));
  Table t;
  t.title = "EWG participants";
  t.columns = {"Activity", "Country", "Women", "Men", "Total", "Basis", "Source"};
  bool ill = false;
  for (const Participation& p : ps) {
    ill = ill || p.illustrative;
    t.AddRow({p.activity_ref, ref.CountryName(p.iso3), p.women ? Cell(*p.women) : Cell::Null("not found"),
              p.men ? Cell(*p.men) : Cell::Null("not found"), p.total() ? Cell(*p.total()) : Cell::Null("not found"),
              p.illustrative ? "ILLUSTRATIVE" : "reported", p.source});
  }
  if (ill) {
    t.title += " [ILLUSTRATIVE figures]";
    t.notes.push_back("ILLUSTRATIVE: figures so marked were invented for a demonstration; they are not real counts.");
  }
  if (ps.empty()) t.notes.push_back("No participants recorded.");
  return t;
}

Result<Table> EwgWorkplanTable(Db* db, const std::string& ewg, std::optional<int> cycle) {
  BH_ASSIGN_OR_RETURN(std::vector<WorkplanItem> items, ListWorkplan(db, ewg, cycle));
  Table t;
  t.title = "EWG work-plan items";
  t.columns = {"Ref", "EWG", "Cycle", "Title", "Status", "Due", "Activity", "Source"};
  for (const WorkplanItem& w : items) {
    t.AddRow({w.ref, w.ewg, w.cycle, w.title, std::string(WorkplanStatusName(w.status)),
              w.due ? Cell(w.due->ToString()) : Cell::Null("-"),
              w.activity_ref.empty() ? Cell::Null("-") : Cell(w.activity_ref), w.source});
  }
  if (items.empty()) t.notes.push_back("No work-plan items recorded.");
  return t;
}

Result<Table> EwgOutcomesTable(Db* db, const std::string& ewg, std::optional<int> cycle) {
  BH_ASSIGN_OR_RETURN(std::vector<Outcome> items, ListOutcomes(db, ewg, cycle));
  Table t;
  t.title = "EWG outcomes and documents";
  t.columns = {"Ref", "EWG", "Cycle", "Kind", "Title", "Date", "Activity", "URL", "Source"};
  for (const Outcome& o : items) {
    t.AddRow({o.ref, o.ewg, o.cycle, std::string(OutcomeKindName(o.kind)), o.title,
              o.date ? Cell(o.date->ToString()) : Cell::Null("-"),
              o.activity_ref.empty() ? Cell::Null("-") : Cell(o.activity_ref),
              o.url.empty() ? Cell::Null("-") : Cell(o.url), o.source});
  }
  if (items.empty()) t.notes.push_back("No outcomes recorded.");
  return t;
}

std::string EwgSummaryText(const ApplySummary& s) {
  return fmt::format(
      "{} cycle(s), {} activit{}, {} participant record(s), {} work-plan item(s), {} outcome(s) "
      "written; {} unchanged",
      s.cycles, s.activities, s.activities == 1 ? "y" : "ies", s.participants, s.workplan, s.outcomes, s.unchanged);
}

Result<Table> ImportEwgFiles(Db* db, const Reference& ref,
                             const std::vector<std::pair<std::string, std::string>>& files, ApplySummary* summary) {
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
    BH_ASSIGN_OR_RETURN(EwgKind kind, ParseEwgCsv(data, name, ref, &batch));
    t.AddRow({name, std::string(SpecOf(kind).file), static_cast<int64_t>(count() - before)});
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
