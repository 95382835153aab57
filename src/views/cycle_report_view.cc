#include "views/cycle_report_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "query/queries.h"
#include "views/core_views.h"

namespace bh {

namespace {

Cell ShareCell(int64_t women, int64_t total) {
  if (total <= 0) return Cell::Null("-");
  Fraction f = Fraction::Of(women, total);
  return Cell::Decimal(f.ToDouble() * 100.0, f.PercentText());
}

std::string Basis(bool reported, bool illustrative) {
  if (reported && illustrative) return "reported + ILLUSTRATIVE";
  return illustrative ? "ILLUSTRATIVE" : "reported";
}

Table SnapshotTable(const ScorecardSnapshot& s, const CycleReport& r, const Reference& ref, bool start) {
  Table t;
  t.name = start ? "at_start" : "at_end";
  std::string label = fmt::format("cycle {} {}", r.cycle.ewg, r.cycle.number);
  t.title = fmt::format("Members' UN contributions at the {} of {}: {} (ADMM-Plus)", start ? "start" : "end", label,
                        s.month ? s.month->ToString() : "month not known");
  t.columns = {"Country", "Category", "Women", "Total", "Share", "Target", "Status", "Target kind"};
  t.machine_only = {"Target kind"};
  for (const ScoreRow& row : s.rows) {
    std::optional<Fraction> share = row.share();
    t.AddRow({row.group_total ? row.iso3 + " total" : ref.CountryName(row.iso3),
              std::string(CategoryLabel(row.category)), row.sex_known ? Cell(row.women) : Cell::Null("n/a"), row.total,
              share ? Cell::Decimal(share->ToDouble() * 100.0, share->PercentText()) : Cell::Null("-"),
              TargetCellOf(row.target), std::string(ParityStatusName(row.status)), TargetKindCell(row.target)});
  }
  t.notes.push_back("Month " + s.basis + ".");
  if (!s.month) {
    t.notes.push_back(fmt::format("No scorecard: the {} month cannot be derived; give it with {}.",
                                  start ? "start" : "end", start ? "--at-start YYYY-MM" : "--at-end YYYY-MM"));
    return t;
  }
  if (!s.has_figures) {
    t.notes.push_back(fmt::format(
        "The store has no UN contribution figures for {}: no scorecard for the {} of the cycle. Import the UN file "
        "for that month ('bluehelmet import FILE'), or choose another month with {}.",
        s.month->ToString(), start ? "start" : "end", start ? "--at-start YYYY-MM" : "--at-end YYYY-MM"));
    return t;
  }
  if (!s.absent.empty()) {
    std::vector<std::string> names;
    for (const std::string& a : s.absent) names.push_back(ref.CountryName(a));
    t.notes.push_back("No personnel deployed: " + Join(names, ", ") + ".");
  }
  t.notes.push_back("Status: green meets the target, yellow has women below it, red has none.");
  std::set<std::string> interpolated;
  for (const ScoreRow& row : s.rows) {
    if (row.target && row.target->interpolated) {
      interpolated.insert(std::string(CategoryLabel(row.category)) + ": " + row.target->source);
    }
  }
  for (const std::string& x : interpolated) t.notes.push_back("Target " + x + " (not an official figure).");
  t.notes.push_back("Targets: " + r.target_version + " (see 'bluehelmet targets').");
  t.notes.push_back(DescribeSources(s.sources));
  for (const SourceFile& f : s.sources) {
    if (f.synthetic) {
      t.title += " [SYNTHETIC sample data]";
      break;
    }
  }
  return t;
}

}  // namespace

std::vector<Table> CycleReportTables(const CycleReport& r, const Reference& ref) {
  std::vector<Table> out;
  std::string label = fmt::format("cycle {} {}", r.cycle.ewg, r.cycle.number);
  const std::string ill_tag = r.any_illustrative ? " [ILLUSTRATIVE participant figures]" : "";

  // Overview.
  Table o;
  o.name = "cycle";
  o.title = fmt::format("ADMM-Plus EWG on {} ({}), cycle {}", r.ewg.name, r.ewg.code, r.cycle.number);
  o.columns = {"Field", "Value"};
  std::string dates = DateRangeText(r.cycle.start, r.cycle.end);
  bool year_only = r.cycle.start.precision == PartialDate::Precision::kYear ||
                   (r.cycle.end && r.cycle.end->precision == PartialDate::Precision::kYear);
  if (year_only) dates += " (known to the year only)";
  o.AddRow({"Dates", dates});
  std::string asean, plus;
  for (const std::string& c : r.cycle.co_chairs) {
    // Stored order is ASEAN then Plus.
    (asean.empty() ? asean : plus) = ref.CountryName(c);
  }
  o.AddRow({"ASEAN co-chair", asean});
  o.AddRow({"Plus co-chair", plus});
  o.AddRow({"Activities recorded", static_cast<int64_t>(r.activities.size())});
  std::vector<std::string> themes;
  std::set<std::string> seen;
  for (const Activity& a : r.activities) {
    for (const std::string& t : a.themes) {
      if (seen.insert(NameKey(t)).second) themes.push_back(t);
    }
  }
  o.AddRow({"Themes", themes.empty() ? Cell::Null("none recorded") : Cell(Join(themes, "; "))});
  // Each figure is a number (the machine-format rule); the terminal's text
  // says them together.
  Cell records(static_cast<int64_t>(r.records));
  records.display = fmt::format("{} delegation(s), {} with counts by sex", r.records, r.records_with_counts);
  o.AddRow({"Participant records", records});
  Cell women = Cell::Null("not known (no counts by sex recorded)");
  if (r.records_with_counts > 0) {
    women = Cell(static_cast<int64_t>(r.women));
    women.display = fmt::format("{} of {} ({}){}", r.women, r.women + r.men, ShareCell(r.women, r.women + r.men).Text(),
                                r.any_illustrative ? " ILLUSTRATIVE" : "");
  }
  o.AddRow({"Women among participants", women});
  o.AddRow({"Participant records with counts by sex", static_cast<int64_t>(r.records_with_counts)});
  if (r.records_with_counts > 0) {
    o.AddRow({"Participants counted by sex", static_cast<int64_t>(r.women + r.men)});
    o.AddRow({"Women's share of those counted", ShareCell(r.women, r.women + r.men)});
    o.AddRow({"Counts by sex", r.any_illustrative ? "ILLUSTRATIVE" : "reported"});
  }
  o.AddRow({"Source", r.cycle.source});
  if (!r.cycle.note.empty()) o.AddRow({"Note", r.cycle.note});
  out.push_back(std::move(o));

  // Activities.
  Table a;
  a.name = "activities";
  a.title = fmt::format("Activities of {}", label);
  a.columns = {"Date", "Ref", "Type", "No.", "Title", "Venue", "Host", "Themes", "Delegations"};
  for (size_t i = 0; i < r.activities.size(); ++i) {
    const Activity& x = r.activities[i];
    a.AddRow({DateRangeText(x.start, x.end), x.ref, std::string(ActivityTypeName(x.type)),
              x.number ? Cell(*x.number) : Cell::Null("-"), x.title, x.venue,
              x.host.empty() ? Cell::Null("not stated") : Cell(ref.CountryName(x.host)),
              x.themes.empty() ? Cell::Null("-") : Cell(Join(x.themes, "; ")), r.delegations[i]});
  }
  if (r.activities.empty()) a.notes.push_back("No activities recorded for this cycle.");
  for (const Activity& x : r.activities) {
    std::string line = x.ref + ": ";
    if (!x.chaired_by.empty()) line += "chaired by " + x.chaired_by + ". ";
    if (!x.agenda.empty()) line += "Agenda: " + x.agenda + ". ";
    if (!x.note.empty()) line += x.note + " ";
    line += "Source: " + x.source;
    a.notes.push_back(line);
  }
  out.push_back(std::move(a));

  // Participation.
  Table p;
  p.name = "participation";
  p.title = fmt::format("Participation by country, {}{}", label, ill_tag);
  p.columns = {"Country", "Side", "Activities", "With counts", "Women", "Men", "Total", "Women's share", "Basis"};
  for (const CountryParticipation& c : r.participation) {
    bool counts = c.with_counts > 0;
    p.AddRow({ref.CountryName(c.iso3), c.side, c.activities, c.with_counts,
              counts ? Cell(c.women) : Cell::Null("not found"), counts ? Cell(c.men) : Cell::Null("not found"),
              counts ? Cell(c.women + c.men) : Cell::Null("not found"),
              counts ? ShareCell(c.women, c.women + c.men) : Cell::Null("-"), Basis(c.reported, c.illustrative)});
  }
  if (!r.participation.empty()) {
    bool counts = r.records_with_counts > 0;
    p.AddRow({"All delegations", Cell::Null(""), r.records, r.records_with_counts,
              counts ? Cell(r.women) : Cell::Null("not found"), counts ? Cell(r.men) : Cell::Null("not found"),
              counts ? Cell(r.women + r.men) : Cell::Null("not found"),
              counts ? ShareCell(r.women, r.women + r.men) : Cell::Null("-"),
              Basis(r.records > 0 && std::any_of(r.participation.begin(), r.participation.end(),
                                                 [](const CountryParticipation& c) { return c.reported; }),
                    r.any_illustrative)});
    p.notes.push_back(
        "Activities: activities the country's delegation attended; With counts: of those, how many "
        "have participant counts by sex. Women's share is over the delegations with counts only.");
  } else {
    p.notes.push_back("No participants recorded for this cycle.");
  }
  if (r.records > r.records_with_counts) {
    p.notes.push_back(
        fmt::format("{} of {} delegation records have no counts by sex: real participant counts by sex "
                    "were not found in the sources consulted.",
                    r.records - r.records_with_counts, r.records));
  }
  if (r.any_illustrative) {
    p.notes.push_back(
        "ILLUSTRATIVE: figures so marked were invented for a demonstration; they are not real "
        "participant counts.");
  }
  out.push_back(std::move(p));

  // Work plan and outcomes.
  Table w;
  w.name = "workplan";
  w.title = fmt::format("Work plan of {}", label);
  w.columns = {"Ref", "Title", "Status", "Due", "Activity", "Source"};
  for (const WorkplanItem& x : r.workplan) {
    w.AddRow({x.ref, x.title, std::string(WorkplanStatusName(x.status)),
              x.due ? Cell(x.due->ToString()) : Cell::Null("-"),
              x.activity_ref.empty() ? Cell::Null("-") : Cell(x.activity_ref), x.source});
  }
  if (r.workplan.empty()) w.notes.push_back("No work-plan items recorded for this cycle.");
  out.push_back(std::move(w));
  Table oc;
  oc.name = "outcomes";
  oc.title = fmt::format("Outcomes and documents of {}", label);
  oc.columns = {"Date", "Ref", "Kind", "Title", "Activity", "Source"};
  for (const Outcome& x : r.outcomes) {
    oc.AddRow({x.date ? Cell(x.date->ToString()) : Cell::Null("-"), x.ref, std::string(OutcomeKindName(x.kind)),
               x.title, x.activity_ref.empty() ? Cell::Null("-") : Cell(x.activity_ref), x.source});
  }
  if (r.outcomes.empty()) oc.notes.push_back("No outcomes or documents recorded for this cycle.");
  out.push_back(std::move(oc));

  out.push_back(SnapshotTable(r.at_start, r, ref, true));
  out.push_back(SnapshotTable(r.at_end, r, ref, false));
  return out;
}

}  // namespace bh
