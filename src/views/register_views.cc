#include "views/register_views.h"

#include <fmt/format.h>

#include "base/strings.h"
#include "query/queries.h"
#include "register/reconcile.h"
#include "register/summary.h"
#include "views/core_views.h"

namespace bh {

namespace {

constexpr char kIllustrativeTag[] = " [ILLUSTRATIVE register]";
constexpr char kIllustrativeNote[] =
    "ILLUSTRATIVE: built on illustrative register records (invented "
    "placeholders consistent with published "
    "figures; synthetic service numbers), not real personnel data.";

Cell ShareCell(int64_t women, int64_t total) {
  if (total <= 0) return Cell::Null("-");
  return Cell::Decimal(static_cast<double>(women) * 100.0 / static_cast<double>(total), OneDecimalShare(women, total));
}

Cell OptCell(const std::optional<int64_t>& v) { return v ? Cell(*v) : Cell::Null("-"); }

// A requested share: its lower bound as a number (percent), "8–10 %" as its
// display text; its upper bound in the machine-only "Requested max" column.
Cell RequestedCell(const std::optional<ShareRange>& r, bool varies) {
  if (!r) return Cell::Null(varies ? "varies" : "-");
  return Cell::Decimal(r->min_bp / 100.0, r->Text());
}
Cell RequestedMaxCell(const std::optional<ShareRange>& r) {
  if (!r) return Cell::Null();
  return Cell::Decimal(r->max_bp / 100.0, "");
}

// Wraps a paragraph at `width` columns for the terminal.
std::string Wrap(const std::string& text, size_t width) {
  std::string out, line;
  for (std::string_view word : Split(text, ' ')) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  }
  return out + line;
}

void MarkIllustrative(Table* t, bool illustrative) {
  if (!illustrative) return;
  t->title += kIllustrativeTag;
  t->notes.insert(t->notes.begin(), kIllustrativeNote);
}

// The register of the country named by `country`, with its display name.
struct Loaded {
  std::string iso3, name;
  RegisterData data;
};

Result<Loaded> LoadCountry(Db* db, const Reference& ref, const std::string& country) {
  Loaded l;
  BH_ASSIGN_OR_RETURN(l.data, LoadCountryRegister(db, ref, country));
  l.iso3 = l.data.country;
  l.name = ref.CountryName(l.iso3);
  return l;
}

Table GroupsTable(const Loaded& l, const RegisterSummary& s) {
  Table groups;
  groups.title = fmt::format("{} ({}): deployment register as of {}", l.name, l.iso3, s.as_of.ToString());
  groups.name = "groups";
  groups.columns = {"Group",     "Teams",         "Sent",         "Women",
                    "Share",     "Requested",     "Vs requested", fmt::format("UGPS target {}", s.as_of.year),
                    "Vs target", "Requested max", "Target kind"};
  groups.machine_only = {"Requested max", "Target kind"};
  for (const GroupSummary& g : s.groups) {
    Cell vs_req = g.requested ? Cell(std::string(RangeComparisonName(CompareToRange(g.women, g.sent, *g.requested))))
                  : g.requested_varies ? Cell("varies")
                                       : Cell::Null("-");
    std::string vs_target = !g.target ? "no target" : MeetsTarget(g.women, g.sent, g.target->share) ? "meets" : "below";
    groups.AddRow({g.label, g.individual ? Cell::Null("-") : Cell(g.units), g.sent, g.women, ShareCell(g.women, g.sent),
                   RequestedCell(g.requested, g.requested_varies), vs_req, TargetCellOf(g.target), vs_target,
                   RequestedMaxCell(g.requested), TargetKindCell(g.target)});
  }
  return groups;
}

Table UnitsTable(const Loaded& l, const RegisterSummary& s) {
  Table units;
  units.title = fmt::format("{} ({}): units sent as of {}", l.name, l.iso3, s.as_of.ToString());
  units.name = "units";
  units.columns = {"Unit",
                   "Type",
                   "Mission",
                   "Location",
                   "Rotation",
                   "Began",
                   "Sent",
                   "Women",
                   "Share",
                   "Authorised",
                   "Requested",
                   "Vs requested",
                   "Target (year began)",
                   "Not yet departed",
                   "Requested max",
                   "Target kind"};
  units.machine_only = {"Requested max", "Target kind"};
  for (const UnitSummary& u : s.units) {
    units.AddRow({u.code, u.unit_type, u.mission, u.location.empty() ? Cell::Null("-") : Cell(u.location),
                  u.rotation ? Cell(*u.rotation) : Cell::Null("-"), u.began.ToString(), u.sent, u.women,
                  ShareCell(u.women, u.sent), u.authorised, RequestedCell(u.requested, false),
                  u.requested ? Cell(std::string(RangeComparisonName(CompareToRange(u.women, u.sent, *u.requested))))
                              : Cell::Null("-"),
                  u.target ? Cell::Decimal(u.target->share.ToDouble() * 100.0,
                                           fmt::format("{} ({})", u.target->Label(), u.began.year))
                           : Cell::Null(fmt::format("none ({})", u.began.year)),
                  u.not_yet_departed, RequestedMaxCell(u.requested), TargetKindCell(u.target)});
  }
  units.notes.push_back(
      "A unit counts as sent once its first batch has left, "
      "with its full deployed strength; "
      "'Not yet departed' counts members whose batch left "
      "after the as-of date.");
  MarkIllustrative(&units, s.illustrative);
  return units;
}

}  // namespace

Result<Table> RegisterCountriesTable(Db* db, const Reference& ref) {
  BH_ASSIGN_OR_RETURN(std::vector<std::string> countries, ListRegisterCountries(db));
  Table t;
  t.title = "Deployment registers";
  t.columns = {"ISO3", "Country"};
  for (const std::string& c : countries) t.AddRow({c, ref.CountryName(c)});
  if (countries.empty()) t.notes.push_back("No register loaded: 'bluehelmet register import' or an upload.");
  return t;
}

std::vector<Table> RegisterSummaryView::Tables(BriefingAs as) const {
  Table g = groups;
  if (as == BriefingAs::kNote) {
    // After the ILLUSTRATIVE note, which comes first.
    g.notes.insert(g.notes.begin() + (illustrative ? 1 : 0), Wrap(briefing, 100));
    return {g, units};
  }
  Table b;
  b.name = "briefing";
  b.title = "Briefing" + std::string(illustrative ? kIllustrativeTag : "");
  b.columns = {"Briefing"};
  b.AddRow({briefing});
  return {g, units, b};
}

Result<RegisterSummaryView> RegisterSummaryTables(Db* db, const Reference& ref, const std::string& country,
                                                  Date as_of) {
  BH_ASSIGN_OR_RETURN(Loaded l, LoadCountry(db, ref, country));
  BH_RETURN_IF_ERROR(CheckRegister(l.data));
  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  RegisterSummary s = Summarize(l.data, targets, as_of);
  RegisterSummaryView v;
  v.iso3 = l.iso3;
  v.name = l.name;
  v.as_of = as_of;
  v.illustrative = s.illustrative;
  v.briefing = Briefing(s, l.name);
  v.groups = GroupsTable(l, s);
  MarkIllustrative(&v.groups, s.illustrative);
  v.units = UnitsTable(l, s);
  return v;
}

Result<Table> RegisterHeadcountTable(Db* db, const Reference& ref, const std::string& country,
                                     std::optional<Month> from, std::optional<Month> to) {
  BH_ASSIGN_OR_RETURN(Loaded l, LoadCountry(db, ref, country));
  BH_RETURN_IF_ERROR(CheckRegister(l.data));
  std::optional<MonthSpan> dated = DatedMonths(l.data);
  if (!from && dated) from = dated->from;
  if (!to && dated) to = dated->to;
  if (!from || !to) return Status::NotFound(fmt::format("no dated records for {}", l.iso3));
  Table t;
  t.title = fmt::format("{} ({}): register headcount on the last day of each month", l.name, l.iso3);
  t.columns = {"Month", "Mission", "Personnel type", "Women", "Men", "Total"};
  int hq_months = 0;
  for (Month m = *from; m <= *to; m = m.Next()) {
    Headcount h = HeadcountOn(l.data, Date::LastDayOf(m));
    for (const HeadcountCell& c : h.cells) {
      t.AddRow({m.ToString(), c.mission, std::string(PersonnelTypeLabel(c.type)), c.women, c.men, c.total()});
    }
    if (h.hq_women + h.hq_men > 0) {
      t.AddRow({m.ToString(), "UN Headquarters", "(not in UN mission reports)", h.hq_women, h.hq_men,
                h.hq_women + h.hq_men});
      ++hq_months;
    }
  }
  t.notes.push_back(
      "On strength from arrival to departure (docs/register.md); "
      "months with nobody deployed are omitted.");
  if (hq_months) {
    t.notes.push_back(
        "UN Headquarters postings are listed apart: the UN's "
        "mission reports do not count them.");
  }
  MarkIllustrative(&t, l.data.Illustrative());
  return t;
}

Result<Table> RegisterReconcileTable(Db* db, const Reference& ref, const std::string& country, Month month) {
  BH_ASSIGN_OR_RETURN(Loaded l, LoadCountry(db, ref, country));
  BH_RETURN_IF_ERROR(CheckRegister(l.data));
  BH_ASSIGN_OR_RETURN(std::vector<UnCell> un, MissionTypeFiguresFor(db, l.iso3, month));
  if (un.empty()) {
    return Status::NotFound(
        fmt::format("no UN figures for {} ({}) in {}; import the month's UN "
                    "report first (see 'bluehelmet months')",
                    l.name, l.iso3, month.ToString()));
  }
  Headcount h = HeadcountOn(l.data, Date::LastDayOf(month));
  Reconciliation r = Reconcile(h, un, month);
  Table t;
  t.title = fmt::format("{} ({}): register against UN figures, {} (headcount on {})", l.name, l.iso3, month.ToString(),
                        r.date.ToString());
  t.columns = {"Mission", "Personnel type", "Sex", "Register", "UN", "Register - UN"};
  for (const Difference& d : r.differences) {
    t.AddRow({d.mission.empty() ? Cell::Null("(none)") : Cell(d.mission), d.type, d.sex, d.register_count, d.un_count,
              d.register_count - d.un_count});
  }
  t.notes.push_back(
      fmt::format("{} difference(s); {} cell(s) (mission x type x sex) agree.", r.differences.size(), r.agreeing));
  if (r.hq_excluded) {
    t.notes.push_back(
        fmt::format("{} posting(s) at UN Headquarters left out: "
                    "the UN's mission reports do not count "
                    "them.",
                    r.hq_excluded));
  }
  auto sources = SourcesForMonth(db, month);
  if (sources.ok()) t.notes.push_back("UN figures: " + DescribeSources(*sources));
  MarkIllustrative(&t, l.data.Illustrative());
  return t;
}

Result<Table> RegisterPlanTable(Db* db, const Reference& ref, const std::string& country, const std::string& unit,
                                int year) {
  BH_ASSIGN_OR_RETURN(Loaded l, LoadCountry(db, ref, country));
  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  BH_ASSIGN_OR_RETURN(RotationPlan p, PlanNextRotation(l.data, targets, unit, year));
  Table t;
  t.title = fmt::format(
      "{} ({}): next rotation of {} ({}, {}) at its "
      "authorised strength of {}, {}",
      l.name, l.iso3, p.unit, p.unit_type, p.mission, p.strength, year);
  t.columns = {"Basis", "Share", "Women needed", "Of", "This rotation's women", "Change", "Target kind"};
  t.machine_only = {"Target kind"};
  auto row = [&](const std::string& basis, Cell share, const std::optional<int64_t>& need, Cell kind) {
    t.AddRow({basis, std::move(share), OptCell(need), p.strength, p.current_women,
              need ? Cell(*need - p.current_women) : Cell::Null("-"), std::move(kind)});
  };
  row(fmt::format("UGPS target {} ({})", year, CategoryLabel(p.category)), TargetCellOf(p.target), p.women_for_target,
      TargetKindCell(p.target));
  if (p.requested) {
    auto percent = [](int bp) { return Cell::Decimal(bp / 100.0, ShareRange{bp, bp}.Text()); };
    row("Requested share (bottom)", percent(p.requested->min_bp), p.women_for_requested_min, Cell::Null());
    row("Requested share (top)", percent(p.requested->max_bp), p.women_for_requested_max, Cell::Null());
  }
  t.notes.push_back(
      fmt::format("Women needed: the smallest number whose share "
                  "of {} meets the percentage (exact). "
                  "{} sent {} with {} women.",
                  p.strength, p.unit, p.current_sent, p.current_women));
  if (p.target && p.target->interpolated)
    t.notes.push_back("Target " + p.target->source + " (not an official figure).");
  MarkIllustrative(&t, l.data.Illustrative());
  return t;
}

Table RegisterImportTable(const RegisterImportSummary& s) {
  Table t;
  t.title = "Register import";
  t.columns = {"Records", "Added", "Updated", "Unchanged"};
  for (RegisterKind k : kAllRegisterKinds) {
    auto it = s.counts.find(k);
    ChangeCounts c = it == s.counts.end() ? ChangeCounts{} : it->second;
    t.AddRow({std::string(SpecOf(k).file) + ".csv", c.added, c.updated, c.unchanged});
  }
  t.notes.push_back(fmt::format("Countries: {}. All files imported in one transaction.",
                                s.countries.empty() ? std::string("none") : Join(s.countries, ", ")));
  MarkIllustrative(&t, s.illustrative);
  return t;
}

std::string RegisterImportText(const RegisterImportSummary& s) {
  std::vector<std::string> counts;
  for (const auto& [kind, n] : s.counts) {
    counts.push_back(
        fmt::format("{} {}: +{} ~{}", n.added + n.updated + n.unchanged, SpecOf(kind).noun, n.added, n.updated));
  }
  return Join(counts, "; ");
}

}  // namespace bh
