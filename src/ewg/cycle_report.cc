#include "ewg/cycle_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "ewg/ewg_store.h"

namespace bh {

namespace {

constexpr char kAdmmGroup[] = "ADMM-Plus";

Month StartMonth(const PartialDate& d) { return d.First().ToMonth(); }
Month EndMonth(const PartialDate& d) { return d.Last().ToMonth(); }

std::string PrecisionBasis(const PartialDate& d, bool start) {
  Month m = start ? StartMonth(d) : EndMonth(d);
  switch (d.precision) {
    case PartialDate::Precision::kYear:
      return fmt::format("{}: the cycle's {} is known to the year only ({}); {} is an assumption", m.ToString(),
                         start ? "start" : "end", d.ToString(), start ? "January" : "December");
    case PartialDate::Precision::kMonth:
      return fmt::format("{}: the month of the cycle's {} ({})", m.ToString(), start ? "start" : "end", d.ToString());
    case PartialDate::Precision::kDay:
      break;
  }
  return fmt::format("{}: the month of the cycle's {} ({})", m.ToString(), start ? "start" : "end", d.ToString());
}

Result<ScorecardSnapshot> Snapshot(Db* db, const Reference& ref, const TargetTable& targets, std::optional<Month> month,
                                   std::string basis) {
  ScorecardSnapshot s;
  s.month = month;
  s.basis = std::move(basis);
  if (!month) return s;
  BH_ASSIGN_OR_RETURN(std::vector<CategoryFigures> figures, CategoryFiguresForMonth(db, *month));
  s.has_figures = !figures.empty();
  if (!s.has_figures) return s;
  BH_ASSIGN_OR_RETURN(GroupInfo group, GetGroup(db, kAdmmGroup));
  std::vector<std::string> members = group.MembersIn(*month);  // the month's members
  std::sort(members.begin(), members.end(),
            [&](const std::string& a, const std::string& b) { return ref.CountryName(a) < ref.CountryName(b); });
  s.rows = ComputeScorecard(figures, targets, month->year, members, group.name);
  std::set<std::string> shown;
  for (const ScoreRow& r : s.rows) shown.insert(r.iso3);
  for (const std::string& m : members) {
    if (!shown.count(m)) s.absent.push_back(m);
  }
  BH_ASSIGN_OR_RETURN(s.sources, SourcesForMonth(db, *month));
  return s;
}

}  // namespace

Result<CycleReport> BuildCycleReport(Db* db, const Reference& ref, std::string_view ewg, int cycle,
                                     const CycleReportOptions& options) {
  CycleReport r;
  BH_ASSIGN_OR_RETURN(r.ewg, GetEwg(db, ewg));
  BH_ASSIGN_OR_RETURN(r.cycle, GetCycle(db, r.ewg.code, cycle));
  BH_ASSIGN_OR_RETURN(r.activities, ListActivities(db, r.ewg.code, cycle));
  BH_ASSIGN_OR_RETURN(std::vector<Participation> parts, ListParticipation(db, r.ewg.code, cycle));
  BH_ASSIGN_OR_RETURN(r.workplan, ListWorkplan(db, r.ewg.code, cycle));
  BH_ASSIGN_OR_RETURN(r.outcomes, ListOutcomes(db, r.ewg.code, cycle));

  std::map<std::string, int> per_activity;
  std::map<std::string, CountryParticipation> by_country;
  for (const Participation& p : parts) {
    ++per_activity[p.activity_ref];
    CountryParticipation& c = by_country[p.iso3];
    c.iso3 = p.iso3;
    ++c.activities;
    ++r.records;
    (p.illustrative ? c.illustrative : c.reported) = true;
    r.any_illustrative = r.any_illustrative || p.illustrative;
    if (p.women) {
      ++c.with_counts;
      ++r.records_with_counts;
      c.women += *p.women;
      c.men += *p.men;
      r.women += *p.women;
      r.men += *p.men;
    }
  }
  for (const Activity& a : r.activities) r.delegations.push_back(per_activity[a.ref]);

  BH_ASSIGN_OR_RETURN(std::vector<Member> members, ListMembers(db));
  BH_ASSIGN_OR_RETURN(std::vector<Observer> observers, ListObservers(db));
  std::map<std::string, std::string> side;
  for (const Member& m : members) side[m.iso3] = std::string(SideName(m.side));
  for (const Observer& o : observers) {
    if (!o.iso3.empty()) side[o.iso3] = "observer";
  }
  auto rank = [](const std::string& s) { return s == "ASEAN" ? 0 : s == "Plus" ? 1 : s == "observer" ? 2 : 3; };
  for (auto& [iso3, c] : by_country) {
    auto it = side.find(iso3);
    c.side = it == side.end() ? "other" : it->second;
    r.participation.push_back(c);
  }
  std::sort(r.participation.begin(), r.participation.end(),
            [&](const CountryParticipation& a, const CountryParticipation& b) {
              if (rank(a.side) != rank(b.side)) return rank(a.side) < rank(b.side);
              return ref.CountryName(a.iso3) < ref.CountryName(b.iso3);
            });

  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  r.target_version = targets.version();
  std::optional<Month> start_month = options.at_start ? options.at_start : StartMonth(r.cycle.start);
  std::string start_basis =
      options.at_start ? options.at_start->ToString() + ": given with --at-start" : PrecisionBasis(r.cycle.start, true);
  std::optional<Month> end_month = options.at_end;
  std::string end_basis = options.at_end ? options.at_end->ToString() + ": given with --at-end" : "";
  if (!options.at_end) {
    if (r.cycle.end) {
      end_month = EndMonth(*r.cycle.end);
      end_basis = PrecisionBasis(*r.cycle.end, false);
    } else {
      end_basis = "not known: the cycle's end date is not recorded";
    }
  }
  BH_ASSIGN_OR_RETURN(r.at_start, Snapshot(db, ref, targets, start_month, start_basis));
  BH_ASSIGN_OR_RETURN(r.at_end, Snapshot(db, ref, targets, end_month, end_basis));
  return r;
}

}  // namespace bh
