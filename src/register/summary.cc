#include "register/summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"

namespace bh {

namespace {

constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};

// How the UGPS names each category in running text.
std::string_view CategoryPhrase(Category c) {
  switch (c) {
    case Category::kContingents:
      return "troop contingents";
    case Category::kObserversStaff:
      return "military observers and staff officers";
    case Category::kFormedPolice:
      return "formed police units";
    case Category::kIndividualPolice:
      return "individual police";
    case Category::kJusticeCorrections:
      return "justice and corrections";
  }
  return "?";
}

// "A", "A and B", "A, B and C".
std::string JoinAnd(const std::vector<std::string>& items) {
  if (items.empty()) return "";
  if (items.size() == 1) return items[0];
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return Join(head, ", ") + " and " + items.back();
}

std::string MissionName(const std::string& m) { return m == kUnHeadquarters ? "UN Headquarters" : m; }

// Missions sorted, UN Headquarters last.
void SortMissions(std::vector<std::string>* v) {
  std::sort(v->begin(), v->end(), [](const std::string& a, const std::string& b) {
    bool ha = a == kUnHeadquarters, hb = b == kUnHeadquarters;
    return ha != hb ? hb : a < b;
  });
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

// Sex by service number. Every member and posting names a stored person
// (the store's foreign keys), so a miss is a bug; it counts as a man rather
// than silently adding a woman.
class SexOf {
 public:
  explicit SexOf(const RegisterData& r) {
    for (const Person& p : r.persons) sex_[p.service_number] = p.sex;
  }
  Sex operator[](const std::string& sn) const {
    auto it = sex_.find(sn);
    return it == sex_.end() ? Sex::kMale : it->second;
  }

 private:
  std::map<std::string, Sex> sex_;
};

bool Meets(int64_t women, int64_t total, const Target& t) { return MeetsTarget(women, total, t.share); }

// ", above the 8–10 % the UN requested".
std::string RequestedClause(const GroupSummary& g) {
  if (!g.requested) return "";
  return fmt::format("{} the {} the UN requested", RangeComparisonName(CompareToRange(g.women, g.sent, *g.requested)),
                     g.requested->Text());
}

// "meeting the 2021 UGPS target of 8 % for troop contingents" / "below ...".
std::string TargetClause(const GroupSummary& g) {
  if (!g.target) return fmt::format("with no UGPS target for {} in {}", CategoryPhrase(g.category), g.target_year);
  return fmt::format("{} the {} UGPS target of {} for {}", Meets(g.women, g.sent, *g.target) ? "meeting" : "below",
                     g.target_year, g.target->Label(), CategoryPhrase(g.category));
}

}  // namespace

std::string OneDecimalShare(int64_t women, int64_t total) {
  if (total <= 0) return "-";
  // tenths of a percent, rounded half up: (women * 1000 * 2 + total) / (2 *
  // total)
  int64_t tenths = (women * 2000 + total) / (2 * total);
  return fmt::format("{}.{} %", tenths / 10, tenths % 10);
}

RangeComparison CompareToRange(int64_t women, int64_t total, const ShareRange& r) {
  if (women * 10000 < static_cast<int64_t>(r.min_bp) * total) return RangeComparison::kBelow;
  if (women * 10000 > static_cast<int64_t>(r.max_bp) * total) return RangeComparison::kAbove;
  return RangeComparison::kWithin;
}

std::string_view RangeComparisonName(RangeComparison c) {
  switch (c) {
    case RangeComparison::kBelow:
      return "below";
    case RangeComparison::kWithin:
      return "within";
    case RangeComparison::kAbove:
      return "above";
  }
  return "?";
}

std::string LongDate(const Date& d) { return fmt::format("{} {} {}", d.day, kMonthNames[d.month - 1], d.year); }

RegisterSummary Summarize(const RegisterData& r, const TargetTable& targets, Date as_of) {
  RegisterSummary s;
  s.country = r.country;
  s.as_of = as_of;
  s.illustrative = r.Illustrative();
  SexOf sex(r);

  // Units: sent once the first out batch set off.
  std::map<std::string, GroupSummary> by_type;
  for (const Unit& u : r.units) {
    std::optional<Date> began;
    for (const Leg& l : r.legs) {
      if (l.unit == u.code && l.direction == LegDirection::kOut && (!began || l.SetOff() < *began)) began = l.SetOff();
    }
    if (!began || as_of < *began) continue;
    UnitSummary us;
    us.code = u.code;
    us.unit_type = u.unit_type;
    us.mission = u.mission;
    us.location = u.location;
    us.rotation = u.rotation;
    us.began = *began;
    us.authorised = u.authorised;
    us.requested = u.requested;
    us.target = targets.Lookup(CategoryOf(u.ptype), began->year);
    for (const UnitMember& m : r.members) {
      if (m.unit != u.code) continue;
      ++us.sent;
      if (sex[m.service_number] == Sex::kFemale) ++us.women;
      if (as_of < r.FindLeg(m.unit, LegDirection::kOut, m.out_batch)->SetOff()) ++us.not_yet_departed;
    }
    GroupSummary& g = by_type[u.unit_type];
    if (g.units == 0) {
      g.label = u.unit_type;
      g.category = CategoryOf(u.ptype);
      g.requested = u.requested;
      g.first_start = *began;
    } else if (g.requested != u.requested) {
      g.requested.reset();
      g.requested_varies = true;
    }
    ++g.units;
    g.sent += us.sent;
    g.women += us.women;
    g.missions.push_back(u.mission);
    if (!u.location.empty()) g.locations.push_back(u.location);
    if (us.not_yet_departed > 0) {
      g.counted_ahead.push_back(fmt::format("{} of the {} personnel of {}", us.not_yet_departed, us.sent, u.code));
    }
    s.units.push_back(std::move(us));
  }
  std::sort(s.units.begin(), s.units.end(), [](const UnitSummary& a, const UnitSummary& b) {
    return a.began != b.began ? a.began < b.began : a.code < b.code;
  });
  for (auto& [type, g] : by_type) {
    SortMissions(&g.missions);
    std::sort(g.locations.begin(), g.locations.end());
    g.locations.erase(std::unique(g.locations.begin(), g.locations.end()), g.locations.end());
    g.target_year = as_of.year;
    g.target = targets.Lookup(g.category, as_of.year);
    s.groups.push_back(g);
  }

  // Individual postings, by UGPS category.
  std::map<Category, GroupSummary> by_category;
  for (const Posting& p : r.postings) {
    if (as_of < p.starts) continue;
    Category c = CategoryOf(PersonnelTypeOf(p.role));
    GroupSummary& g = by_category[c];
    g.individual = true;
    g.category = c;
    ++g.sent;
    if (sex[p.service_number] == Sex::kFemale) ++g.women;
    g.missions.push_back(p.mission);
    if (!g.first_start || p.starts < *g.first_start) g.first_start = p.starts;
  }
  for (auto& [c, g] : by_category) {
    g.label = by_category.size() == 1 ? "Individual postings" : "Individual postings: " + std::string(CategoryLabel(c));
    SortMissions(&g.missions);
    g.target_year = as_of.year;
    g.target = targets.Lookup(c, as_of.year);
    s.groups.push_back(g);
  }
  return s;
}

std::string Briefing(const RegisterSummary& s, const std::string& country_name) {
  std::vector<std::string> sentences;
  if (s.illustrative) {
    sentences.push_back(
        "ILLUSTRATIVE register: the records are invented "
        "placeholders consistent with published "
        "figures, not real personnel data.");
  }
  bool first = true;
  std::vector<std::string> ahead;
  for (const GroupSummary& g : s.groups) {
    std::string subject =
        first ? fmt::format("As of {}, {} has sent", LongDate(s.as_of), country_name) : std::string("It has also sent");
    std::vector<std::string> where;
    for (const std::string& m : g.missions) where.push_back(MissionName(m));
    std::string what;
    if (!g.individual) {
      std::string place = JoinAnd(where);
      if (!g.locations.empty()) place += " (" + JoinAnd(g.locations) + ")";
      what = fmt::format("{} {} {} {} with {} personnel to {}", subject, g.units, ToLowerAscii(g.label),
                         g.units == 1 ? "team" : "teams", g.sent, place);
    } else {
      std::string kind = g.category == Category::kIndividualPolice ? "police officers" : "officers";
      what = fmt::format("{} {} {} on individual postings to {}", subject, g.sent, kind, JoinAnd(where));
      if (g.first_start)
        what += fmt::format(" since {} {}", kMonthNames[g.first_start->month - 1], g.first_start->year);
    }
    std::string women = fmt::format("{} of them women ({})", g.women, OneDecimalShare(g.women, g.sent));
    std::vector<std::string> clauses;
    if (g.requested) clauses.push_back(RequestedClause(g));
    if (g.requested_varies) clauses.push_back("against requested shares that differ from unit to unit");
    clauses.push_back(TargetClause(g));
    sentences.push_back(fmt::format("{}, {}: {}.", what, women, JoinAnd(clauses)));
    ahead.insert(ahead.end(), g.counted_ahead.begin(), g.counted_ahead.end());
    first = false;
  }
  if (s.groups.empty()) {
    sentences.push_back(fmt::format("As of {}, the register holds no unit or posting of {} that had begun.",
                                    LongDate(s.as_of), country_name));
  } else {
    std::string rule =
        "A team counts as sent once its first batch has left, "
        "with its full deployed strength; each rotation and "
        "each posting counts once.";
    if (!ahead.empty()) {
      rule +=
          fmt::format(" Counted in full although their batch left after {}: {}.", LongDate(s.as_of), JoinAnd(ahead));
    }
    sentences.push_back(rule);
  }
  return Join(sentences, " ");
}

Headcount HeadcountOn(const RegisterData& r, const Date& d) {
  Headcount h;
  h.date = d;
  SexOf sex(r);
  std::map<std::pair<std::string, int>, HeadcountCell> cells;
  auto add = [&](const std::string& mission, PersonnelType t, Sex s) {
    HeadcountCell& c = cells[{mission, static_cast<int>(t)}];
    c.mission = mission;
    c.type = t;
    (s == Sex::kFemale ? c.women : c.men)++;
  };
  for (const UnitMember& m : r.members) {
    if (!MemberInterval(r, m).Contains(d)) continue;
    const Unit* u = r.FindUnit(m.unit);
    add(u->mission, u->ptype, sex[m.service_number]);
  }
  for (const Posting& p : r.postings) {
    if (!PostingInterval(p).Contains(d)) continue;
    if (p.AtHeadquarters()) {
      (sex[p.service_number] == Sex::kFemale ? h.hq_women : h.hq_men)++;
    } else {
      add(p.mission, PersonnelTypeOf(p.role), sex[p.service_number]);
    }
  }
  for (auto& [k, c] : cells) h.cells.push_back(c);
  return h;
}

std::optional<MonthSpan> DatedMonths(const RegisterData& r) {
  std::optional<MonthSpan> span;
  auto see = [&](const std::optional<Date>& d) {
    if (!d) return;
    Month m = d->ToMonth();
    if (!span) {
      span = MonthSpan{m, m};
    } else if (m < span->from) {
      span->from = m;
    } else if (span->to < m) {
      span->to = m;
    }
  };
  for (const Leg& g : r.legs) see(g.StrengthDate());
  for (const UnitMember& m : r.members) see(m.ends);
  for (const Posting& p : r.postings) {
    see(p.starts);
    see(p.ends);
  }
  return span;
}

Result<RotationPlan> PlanNextRotation(const RegisterData& r, const TargetTable& targets, const std::string& unit,
                                      int year) {
  const Unit* u = r.FindUnit(unit);
  if (!u) return Status::NotFound(fmt::format("unknown unit '{}' of {}", unit, r.country));
  RotationPlan p;
  p.unit = u->code;
  p.unit_type = u->unit_type;
  p.mission = u->mission;
  p.strength = u->authorised;
  p.year = year;
  p.category = CategoryOf(u->ptype);
  p.target = targets.Lookup(p.category, year);
  if (p.target) p.women_for_target = WomenForTarget(p.strength, p.target->share);
  p.requested = u->requested;
  if (u->requested) {
    p.women_for_requested_min = WomenForTarget(p.strength, Fraction::Of(u->requested->min_bp, 10000));
    p.women_for_requested_max = WomenForTarget(p.strength, Fraction::Of(u->requested->max_bp, 10000));
  }
  SexOf sex(r);
  for (const UnitMember& m : r.members) {
    if (m.unit != u->code) continue;
    ++p.current_sent;
    if (sex[m.service_number] == Sex::kFemale) ++p.current_women;
  }
  return p;
}

}  // namespace bh
