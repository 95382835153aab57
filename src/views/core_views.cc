#include "views/core_views.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "base/file_util.h"
#include "base/strings.h"
#include "query/queries.h"
#include "scorecard/scorecard.h"
#include "store/errata.h"

namespace bh {

Cell ShareCell(const std::optional<Fraction>& f) {
  if (!f) return Cell::Null("-");
  return Cell::Decimal(static_cast<double>(f->num) * 100.0 / static_cast<double>(f->den), f->PercentText());
}

namespace {

Cell YearCell(int year) {
  Cell c(static_cast<int64_t>(year));
  c.display = std::to_string(year);
  return c;
}

}  // namespace

Cell TargetCellOf(const std::optional<Target>& t) {
  if (!t) return Cell::Null("none");
  return Cell::Decimal(t->share.ToDouble() * 100.0, t->Label());
}

Cell TargetKindCell(const std::optional<Target>& t) {
  if (!t) return Cell::Null();
  return Cell(t->interpolated ? "interpolated" : "sourced");
}

Cell RankCell(int rank, int of) {
  if (!rank) return Cell::Null("-");
  Cell c(static_cast<int64_t>(rank));
  c.display = fmt::format("{} of {}", rank, of);
  return c;
}

namespace {

bool AnySynthetic(const std::vector<SourceFile>& sources) {
  return std::any_of(sources.begin(), sources.end(), [](const SourceFile& s) { return s.synthetic; });
}

}  // namespace

Result<Month> ResolveMonth(Db* db, const std::string& month) {
  return month.empty() ? LatestContributionMonth(db) : Month::Parse(month);
}

// ---------------------------------------------------------------- scorecard

std::string CorrectionsNote(Month month, const MonthCorrections& corrected) {
  std::vector<std::string> shown(
      corrected.ids.begin(),
      corrected.ids.begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(3, corrected.ids.size())));
  return fmt::format(
      "{}: {} cell(s) corrected (errata {}{}): see 'bluehelmet errata list --month {}'; --as-printed "
      "shows the UN's figures.",
      month.ToString(), corrected.cells, Join(shown, ", "), corrected.ids.size() > 3 ? ", ..." : "", month.ToString());
}

namespace {
// "ASEAN in 2025-11: 11 members (Timor-Leste from 2025-10-26)." for a group
// whose membership changed; empty otherwise.
std::string MembershipNote(const GroupInfo& g, Month month, const Reference& ref) {
  if (!g.HasDatedMembers()) return "";
  Date as_of = Date::LastDayOf(month);
  std::vector<std::string> changes;
  for (const GroupMember& m : g.members) {
    if (m.joined_on) {
      changes.push_back(fmt::format("{} from {}", ref.CountryName(m.iso3), m.joined_on->ToString()));
    }
    if (m.left_on) changes.push_back(fmt::format("{} until {}", ref.CountryName(m.iso3), m.left_on->ToString()));
  }
  return fmt::format("{} in {}: {} members on {} ({}).", g.name, month.ToString(), g.MembersOn(as_of).size(),
                     as_of.ToString(), Join(changes, "; "));
}
}  // namespace

Result<Table> ScorecardTable(Db* db, const Reference& ref, const ScorecardQuery& q) {
  BH_ASSIGN_OR_RETURN(Month month, ResolveMonth(db, q.month));
  std::vector<std::string> countries;
  std::string group_name, membership_note;
  if (!q.countries.empty()) {
    countries = q.countries;
    group_name = "Selected countries";
  } else if (!q.group.empty()) {
    BH_ASSIGN_OR_RETURN(GroupInfo g, GetGroup(db, q.group));
    // The month's members (Timor-Leste in ASEAN from 2025-10-26).
    countries = g.MembersIn(month);
    group_name = g.name;
    membership_note = MembershipNote(g, month, ref);
    // Members by name, as a reader looks them up.
    std::sort(countries.begin(), countries.end(),
              [&](const std::string& x, const std::string& y) { return ref.CountryName(x) < ref.CountryName(y); });
  }
  BH_ASSIGN_OR_RETURN(std::vector<CategoryFigures> figures, CategoryFiguresForMonth(db, month));
  if (figures.empty()) {
    return Status::NotFound(fmt::format("no contribution figures for {} (see 'bluehelmet months')", month.ToString()));
  }
  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  std::vector<ScoreRow> rows = ComputeScorecard(figures, targets, month.year, countries, group_name);
  Table t;
  t.title = fmt::format("UGPS scorecard, {}{}", month.ToString(), group_name.empty() ? "" : ", " + group_name);
  t.name = "scorecard";
  t.columns = {"Country",    "ISO3",   "Category",     "Women",        "Total",        "Share",
               "Target",     "Status", "Women needed", "Rank (women)", "Rank (share)", "Ranked countries",
               "Target kind"};
  t.machine_only = {"Ranked countries", "Target kind"};
  for (const ScoreRow& r : rows) {
    std::string name = r.group_total ? r.iso3 + " total" : ref.CountryName(r.iso3);
    bool ranked = r.rank_women || r.rank_share;
    t.AddRow({name, r.group_total ? Cell::Null("") : Cell(r.iso3), std::string(CategoryLabel(r.category)),
              r.sex_known ? Cell(r.women) : Cell::Null("n/a"), r.total, ShareCell(r.share()), TargetCellOf(r.target),
              std::string(ParityStatusName(r.status)), r.women_needed ? Cell(*r.women_needed) : Cell::Null("-"),
              RankCell(r.rank_women, r.ranked_countries), RankCell(r.rank_share, r.ranked_countries),
              ranked ? Cell(static_cast<int64_t>(r.ranked_countries)) : Cell::Null(), TargetKindCell(r.target)});
  }
  if (!countries.empty()) {
    std::set<std::string> shown;
    for (const ScoreRow& r : rows) shown.insert(r.iso3);
    std::vector<std::string> absent;
    for (const std::string& c : countries) {
      if (!shown.count(c)) absent.push_back(ref.CountryName(c));
    }
    if (!absent.empty()) t.notes.push_back("No personnel deployed: " + Join(absent, ", ") + ".");
  }
  if (!membership_note.empty()) t.notes.push_back(membership_note);
  // A group's "women needed" pools its members' strength; say so, with the
  // sum of the members' own shortfalls beside it (issue 13: 819 pooled
  // against 878 summed for the ADMM-Plus contingents).
  for (const ScoreRow& g : rows) {
    if (!g.group_total || !g.women_needed) continue;
    int64_t summed = 0;
    for (const ScoreRow& r : rows) {
      if (!r.group_total && r.category == g.category && r.women_needed) summed += *r.women_needed;
    }
    t.notes.push_back(fmt::format(
        "{} total, {}: {} women needed for the group's strength as one pool (its total times the target, less its "
        "women); the members' own shortfalls add up to {}.",
        g.iso3, CategoryLabel(g.category), *g.women_needed, summed));
  }
  t.notes.push_back(
      "Status: green meets the target, yellow has women below it, red has none. Women needed: more women the same "
      "strength needs to reach the target. Ranks among all contributing countries that month.");
  std::set<std::string> interpolated;
  for (const ScoreRow& r : rows) {
    if (r.target && r.target->interpolated) {
      interpolated.insert(std::string(CategoryLabel(r.category)) + ": " + r.target->source);
    }
  }
  for (const std::string& s : interpolated) t.notes.push_back("Target " + s + " (not an official figure).");
  t.notes.push_back("Targets: " + targets.version() + " (see 'bluehelmet targets').");
  auto sources = SourcesForMonth(db, month);
  if (sources.ok()) {
    t.notes.push_back(DescribeSources(*sources));
    if (AnySynthetic(*sources)) t.title += " [SYNTHETIC sample data]";
  }
  BH_ASSIGN_OR_RETURN(MonthCorrections corrected, CorrectionsIn(db, month));
  if (corrected.cells > 0) t.notes.push_back(CorrectionsNote(month, corrected));
  return t;
}

// ---------------------------------------------------------------- country

Result<std::vector<Table>> CountryTables(Db* db, const Reference& ref, const std::string& country) {
  BH_ASSIGN_OR_RETURN(std::string iso3, ref.ResolveCountry(country));
  BH_ASSIGN_OR_RETURN(std::vector<SeriesPoint> series, CountrySeries(db, iso3));
  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  const std::string& cname = ref.CountryName(iso3);
  if (series.empty()) return Status::NotFound(fmt::format("no contribution figures for {} ({})", cname, iso3));
  Table monthly;
  monthly.name = "monthly";
  monthly.title = fmt::format("{} ({}): monthly series per category", cname, iso3);
  monthly.columns = {"Month", "Category", "Women", "Men", "Total", "Share", "Target", "Status", "Target kind"};
  monthly.machine_only = {"Target kind"};
  struct Year {
    int64_t women = 0, total = 0;
    int months = 0;
  };
  std::map<std::pair<Category, int>, Year> years;
  for (const SeriesPoint& p : series) {
    auto target = targets.Lookup(p.category, p.month.year);
    std::optional<Fraction> share;
    if (p.sex_known && p.total > 0) share = Fraction::Of(p.women, p.total);
    monthly.AddRow(
        {p.month.ToString(), std::string(CategoryLabel(p.category)), p.sex_known ? Cell(p.women) : Cell::Null("n/a"),
         p.sex_known ? Cell(p.men) : Cell::Null("n/a"), p.total, ShareCell(share), TargetCellOf(target),
         std::string(ParityStatusName(StatusFor(p.women, p.total, p.sex_known, target))), TargetKindCell(target)});
    if (p.sex_known) {
      Year& y = years[{p.category, p.month.year}];
      y.women += p.women;
      y.total += p.total;
      ++y.months;
    }
  }
  Table annual;
  annual.name = "annual";
  annual.title = fmt::format("{} ({}): annual means and change year on year", cname, iso3);
  annual.columns = {"Year", "Category", "Months", "Mean women", "Mean total", "Share", "Change (points)"};
  std::map<Category, std::optional<Fraction>> prev;
  for (const auto& [key, y] : years) {
    auto [cat, year] = key;
    std::optional<Fraction> share;
    if (y.total > 0) share = Fraction::Of(y.women, y.total);
    Cell change = Cell::Null("-");
    auto it = prev.find(cat);
    if (it != prev.end() && it->second && share) {
      const Fraction& was = *it->second;
      double pts = static_cast<double>(share->num * was.den - was.num * share->den) * 100.0 /
                   static_cast<double>(share->den * was.den);
      change = Cell::Decimal(pts, fmt::format("{:+.1f}", pts));
    }
    double mean_women = static_cast<double>(y.women) / y.months;
    double mean_total = static_cast<double>(y.total) / y.months;
    annual.AddRow({YearCell(year), std::string(CategoryLabel(cat)), y.months,
                   Cell::Decimal(mean_women, fmt::format("{:.1f}", mean_women)),
                   Cell::Decimal(mean_total, fmt::format("{:.1f}", mean_total)), ShareCell(share), change});
    prev[cat] = share;
  }
  annual.notes.push_back("Share = women / total summed over the year's months (a ratio of means).");
  // Provenance of the series' months.
  std::set<int64_t> ids;
  std::vector<SourceFile> files;
  std::set<Month> seen;
  for (const SeriesPoint& p : series) {
    if (!seen.insert(p.month).second) continue;
    auto s = SourcesForMonth(db, p.month);
    if (!s.ok()) continue;
    for (const SourceFile& f : *s) {
      if (ids.insert(f.import_id).second) files.push_back(f);
    }
  }
  annual.notes.push_back(DescribeSources(files));
  if (AnySynthetic(files)) {
    monthly.title += " [SYNTHETIC sample data]";
    annual.title += " [SYNTHETIC sample data]";
  }
  return std::vector<Table>{monthly, annual};
}

Result<CountryChart> CountryChartData(Db* db, const Reference& ref, const std::string& country) {
  BH_ASSIGN_OR_RETURN(std::string iso3, ref.ResolveCountry(country));
  BH_ASSIGN_OR_RETURN(std::vector<SeriesPoint> series, CountrySeries(db, iso3));
  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  if (series.empty()) {
    return Status::NotFound(fmt::format("no contribution figures for {} ({})", ref.CountryName(iso3), iso3));
  }
  CountryChart chart;
  chart.iso3 = iso3;
  chart.name = ref.CountryName(iso3);
  std::map<Category, ChartSeries> by_cat;
  std::set<Month> months;
  for (const SeriesPoint& p : series) {
    ChartSeries& s = by_cat[p.category];
    s.category = p.category;
    s.months.push_back(p.month.ToString());
    if (p.sex_known && p.total > 0) {
      s.share_pct.push_back(static_cast<double>(p.women) * 100.0 / static_cast<double>(p.total));
    } else {
      s.share_pct.push_back(std::nullopt);
    }
    auto target = targets.Lookup(p.category, p.month.year);
    s.target_pct.push_back(target ? std::optional<double>(target->share.ToDouble() * 100.0) : std::nullopt);
    s.women.push_back(p.sex_known ? p.women : 0);
    s.total.push_back(p.total);
    months.insert(p.month);
  }
  for (const Month& m : months) {
    auto s = SourcesForMonth(db, m);
    if (s.ok() && AnySynthetic(*s)) {
      chart.synthetic = true;
      break;
    }
  }
  for (auto& [cat, s] : by_cat) chart.series.push_back(std::move(s));
  return chart;
}

// ---------------------------------------------------------------- rankings

Result<Table> RankingsTable(Db* db, const Reference& ref, const std::string& month_text,
                            const std::string& category_code, const std::string& by, int limit) {
  auto category = CategoryFromCode(category_code.empty() ? "contingents" : category_code);
  if (!category) {
    return Status::InvalidArgument(
        fmt::format("unknown category '{}' (want contingents, mo_so, fpu or ipo)", category_code));
  }
  std::string order = by.empty() ? "women" : by;
  if (order != "women" && order != "share") {
    return Status::InvalidArgument(fmt::format("unknown ranking '{}' (want women or share)", by));
  }
  BH_ASSIGN_OR_RETURN(Month month, ResolveMonth(db, month_text));
  BH_ASSIGN_OR_RETURN(std::vector<CategoryFigures> figures, CategoryFiguresForMonth(db, month));
  if (figures.empty()) {
    return Status::NotFound(fmt::format("no contribution figures for {} (see 'bluehelmet months')", month.ToString()));
  }
  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  std::vector<ScoreRow> rows = ComputeScorecard(figures, targets, month.year, {}, "");
  std::vector<const ScoreRow*> ranked;
  for (const ScoreRow& r : rows) {
    if (r.category != *category || r.group_total) continue;
    if ((order == "women" ? r.rank_women : r.rank_share) == 0) continue;
    ranked.push_back(&r);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](const ScoreRow* a, const ScoreRow* b) {
    int ra = order == "women" ? a->rank_women : a->rank_share;
    int rb = order == "women" ? b->rank_women : b->rank_share;
    if (ra != rb) return ra < rb;
    return ref.CountryName(a->iso3) < ref.CountryName(b->iso3);
  });
  Table t;
  t.title = fmt::format("Ranking by {}, {}, {}", order == "women" ? "number of women" : "share of women",
                        CategoryLabel(*category), month.ToString());
  t.name = "rankings";
  t.columns = {"Rank", "Country", "ISO3", "Women", "Total", "Share", "Target", "Status", "Target kind"};
  t.machine_only = {"Target kind"};
  int shown = 0;
  for (const ScoreRow* r : ranked) {
    if (limit > 0 && shown >= limit) break;
    ++shown;
    t.AddRow({order == "women" ? r->rank_women : r->rank_share, ref.CountryName(r->iso3), r->iso3, r->women, r->total,
              ShareCell(r->share()), TargetCellOf(r->target), std::string(ParityStatusName(r->status)),
              TargetKindCell(r->target)});
  }
  t.notes.push_back(fmt::format("{} of {} countries with a sex split shown; ties share a rank.", shown, ranked.size()));
  auto sources = SourcesForMonth(db, month);
  if (sources.ok()) {
    t.notes.push_back(DescribeSources(*sources));
    if (AnySynthetic(*sources)) t.title += " [SYNTHETIC sample data]";
  }
  return t;
}

// ---------------------------------------------------------------- months, targets, groups

Result<Table> MonthsTable(Db* db) {
  BH_ASSIGN_OR_RETURN(std::vector<MonthSource> list, ListMonthSources(db));
  Table t;
  t.title = "Imported months";
  t.columns = {"Month", "Dataset", "File", "Import", "Rows", "Reconciliation", "Mismatches", "Superseded"};
  for (const MonthSource& m : list) {
    std::string file = m.current.file_name + (m.current.synthetic ? " (SYNTHETIC)" : "");
    t.AddRow({m.month, m.dataset, file, m.current.import_id, m.rows,
              m.current.reconciliation.empty() ? Cell::Null("-") : Cell(m.current.reconciliation), m.mismatches,
              m.superseded.empty() ? Cell::Null("-") : Cell(Join(m.superseded, "; "))});
  }
  if (list.empty()) t.notes.push_back("Nothing imported yet: run 'bluehelmet import FILE' or 'make demo'.");
  return t;
}

Result<Table> TargetsTable(Db* db, int from, int to) {
  if (from < kMinTableYear || to > kMaxTableYear || to < from) {
    return Status::InvalidArgument(
        fmt::format("targets: years {} to {}: want {} <= from <= to <= {}", from, to, kMinTableYear, kMaxTableYear));
  }
  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  Table t;
  t.title = "UGPS targets, version " + targets.version();
  t.columns = {"Year", "Category", "Target", "Kind", "Source"};
  for (int y = from; y <= to; ++y) {
    for (Category c : kAllCategories) {
      auto target = targets.Lookup(c, y);
      if (!target) {
        t.AddRow({YearCell(y), std::string(CategoryLabel(c)), Cell::Null("none"), "no sourced value", Cell::Null("-")});
        continue;
      }
      t.AddRow({YearCell(y), std::string(CategoryLabel(c)),
                Cell::Decimal(target->share.ToDouble() * 100.0, target->share.PercentText()),
                target->interpolated ? "interpolated" : "sourced", target->source});
    }
  }
  t.notes.push_back("Interpolated values lie on a straight line between two sourced cells; they are not official.");
  return t;
}

Result<Table> GroupsTable(Db* db, const Reference& ref, std::optional<Date> as_of) {
  BH_ASSIGN_OR_RETURN(std::vector<GroupInfo> groups, ListGroups(db));
  Table t;
  t.title = as_of ? fmt::format("Country groups on {}", as_of->ToString()) : "Country groups";
  t.columns = {"Group", "Kind", "Members", "Countries", "Description"};
  for (const GroupInfo& g : groups) {
    std::vector<std::string> names;
    for (const GroupMember& m : g.members) {
      if (as_of && !m.MemberOn(*as_of)) continue;
      std::string name = ref.CountryName(m.iso3);
      if (!as_of && m.joined_on) name += " (from " + m.joined_on->ToString() + ")";
      if (!as_of && m.left_on) name += " (until " + m.left_on->ToString() + ")";
      names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
    t.AddRow({g.name, g.builtin ? "built-in" : "user", static_cast<int64_t>(names.size()), Join(names, ", "),
              g.description});
  }
  t.notes.push_back(as_of ? "Members on that day."
                          : "Every member, with the day a later member joined; a month's group figures use the "
                            "members on its last day.");
  return t;
}

Result<Table> GroupTable(Db* db, const Reference& ref, std::string_view name, std::optional<Date> as_of) {
  BH_ASSIGN_OR_RETURN(GroupInfo g, GetGroup(db, name));
  Table t;
  t.title = as_of ? fmt::format("{} on {}", g.name, as_of->ToString()) : g.name;
  t.columns = {"Country", "ISO3", "M49", "Member from", "Member until", "Source"};
  std::vector<const GroupMember*> rows;
  for (const GroupMember& m : g.members) {
    if (!as_of || m.MemberOn(*as_of)) rows.push_back(&m);
  }
  std::sort(rows.begin(), rows.end(), [&](const GroupMember* a, const GroupMember* b) {
    return ref.CountryName(a->iso3) < ref.CountryName(b->iso3);
  });
  for (const GroupMember* m : rows) {
    t.AddRow({ref.CountryName(m->iso3), m->iso3, static_cast<int64_t>(ref.M49(m->iso3)),
              m->joined_on ? Cell(m->joined_on->ToString()) : Cell::Null("start"),
              m->left_on ? Cell(m->left_on->ToString()) : Cell::Null("-"), m->source});
  }
  t.notes.push_back(
      fmt::format("{} members{}. {}", rows.size(), as_of ? " on " + as_of->ToString() : " in all", g.description));
  return t;
}

Result<Table> ImportsTable(Db* db) {
  BH_ASSIGN_OR_RETURN(std::vector<ImportInfo> imports, ListImports(db));
  Table t;
  t.title = "Imports";
  t.columns = {"Import", "File",   "SHA-256",     "Kind",           "Imported at",
               "Rows",   "Months", "Current for", "Reconciliation", "Mismatches"};
  bool synthetic = false;
  for (const ImportInfo& i : imports) {
    std::string span = i.first_month.empty()           ? "-"
                       : i.first_month == i.last_month ? i.first_month
                                                       : i.first_month + ".." + i.last_month;
    synthetic = synthetic || i.synthetic;
    Cell current(static_cast<int64_t>(i.current_months));
    current.display = fmt::format("{} month(s)", i.current_months);
    t.AddRow({i.id, i.file_name + (i.synthetic ? " (SYNTHETIC)" : ""), i.sha256, i.kind, i.imported_at, i.rows,
              span == "-" ? Cell::Null("-") : Cell(span), current,
              i.reconciliation.empty() ? Cell::Null("-") : Cell(i.reconciliation), i.mismatches});
  }
  if (t.rows.empty()) t.notes.push_back("Nothing imported yet: run 'bluehelmet import FILE' or 'make demo'.");
  t.notes.push_back(
      "A month's current source is its newest import that covers it at least as fully as the one before (or one "
      "imported with --replace); older imports stay as history.");
  if (synthetic) t.notes.push_back("SYNTHETIC sample data, generated by bluehelmet: not UN figures.");
  return t;
}

Result<Table> ContributingCountriesTable(Db* db, const Reference& ref) {
  BH_ASSIGN_OR_RETURN(std::vector<CountryMonths> countries, ContributingCountries(db));
  std::stable_sort(countries.begin(), countries.end(), [&](const CountryMonths& a, const CountryMonths& b) {
    return ref.CountryName(a.iso3) < ref.CountryName(b.iso3);
  });
  Table t;
  t.title = "Contributing countries";
  t.columns = {"ISO3", "Country", "First month", "Last month"};
  for (const CountryMonths& c : countries) t.AddRow({c.iso3, ref.CountryName(c.iso3), c.first_month, c.last_month});
  return t;
}

// ---------------------------------------------------------------- top, shares

Result<TopSpec> ResolveTop(Db* db, const TopQuery& q) {
  if (q.limit < 1) return Status::InvalidArgument(fmt::format("limit must be at least 1, got {}", q.limit));
  BH_ASSIGN_OR_RETURN(Month month, ResolveMonth(db, q.month));
  return TopSpec{month, q.limit};
}

Result<Table> TopTable(Db* db, const Reference& ref, const TopSpec& spec, const std::vector<CountryWomen>& top) {
  if (top.empty()) {
    return Status::NotFound(
        fmt::format("no contribution figures for {} (see 'bluehelmet months')", spec.month.ToString()));
  }
  // A month whose figures carry no split by sex cannot rank anyone by women
  // (issue 13: "1 Angola 0 2 0 %" was a ranking of nothing).
  if (std::none_of(top.begin(), top.end(), [](const CountryWomen& c) { return c.sex_known; })) {
    return Status::NotFound(
        fmt::format("{} has no figures by sex (its source gives totals only): no ranking by women deployed",
                    spec.month.ToString()));
  }
  Table t;
  t.title = fmt::format("Top {} countries by women deployed, {}", spec.limit, spec.month.ToString());
  t.columns = {"Rank", "Country", "ISO3", "Women", "Total", "Share"};
  int unknown = 0;
  for (size_t i = 0; i < top.size(); ++i) {
    const CountryWomen& c = top[i];
    if (!c.sex_known) {
      ++unknown;
      t.AddRow({Cell::Null("-"), ref.CountryName(c.iso3), c.iso3, Cell::Null("n/a"), c.total, Cell::Null("-")});
      continue;
    }
    std::optional<Fraction> share;
    if (c.total > 0) share = Fraction::Of(c.women, c.total);
    t.AddRow({static_cast<int64_t>(i + 1), ref.CountryName(c.iso3), c.iso3, c.women, c.total, ShareCell(share)});
  }
  if (unknown > 0) {
    t.notes.push_back(fmt::format("{} {} no split by sex this month: not ranked.", unknown,
                                  unknown == 1 ? "country has" : "countries have"));
  }
  t.notes.push_back("All personnel types together; rows without a sex split count no women.");
  auto sources = SourcesForMonth(db, spec.month);
  if (sources.ok()) t.notes.push_back(DescribeSources(*sources));
  return t;
}

Result<Table> TopTable(Db* db, const Reference& ref, const TopQuery& q) {
  BH_ASSIGN_OR_RETURN(TopSpec spec, ResolveTop(db, q));
  BH_ASSIGN_OR_RETURN(std::vector<CountryWomen> top, TopCountriesByWomen(db, spec.month, spec.limit));
  return TopTable(db, ref, spec, top);
}

Result<ShareFigures> ReadShares(Db* db) {
  ShareFigures out;
  BH_ASSIGN_OR_RETURN(out.figures, MonthlyFiguresAllCountries(db));
  out.shares.reserve(out.figures.size());
  for (const MonthlyFigures& f : out.figures) {
    out.shares.push_back(f.sex_known && f.total > 0 ? static_cast<double>(f.women) / static_cast<double>(f.total)
                                                    : std::numeric_limits<double>::quiet_NaN());
  }
  return out;
}

Result<Table> SharesTable(Db* db, const ShareFigures& shares) {
  if (shares.figures.empty()) {
    return Status::NotFound("no contribution figures imported yet (run 'bluehelmet import FILE' or 'make demo')");
  }
  Table t;
  t.title = "Share of women per country, month and category";
  t.columns = {"ISO3", "Month", "Category", "Women", "Men", "Total", "Share"};
  std::set<Month> months;
  for (const MonthlyFigures& f : shares.figures) {
    std::optional<Fraction> share;
    if (f.sex_known && f.total > 0) share = Fraction::Of(f.women, f.total);
    t.AddRow({std::string(f.Iso3()), f.month.ToString(), std::string(CategoryLabel(f.category)),
              f.sex_known ? Cell(f.women) : Cell::Null("n/a"), f.sex_known ? Cell(f.men) : Cell::Null("n/a"), f.total,
              ShareCell(share)});
    months.insert(f.month);
  }
  std::vector<SourceFile> files;
  std::set<int64_t> ids;
  for (const Month& m : months) {
    auto s = SourcesForMonth(db, m);
    if (!s.ok()) continue;
    for (const SourceFile& f : *s) {
      if (ids.insert(f.import_id).second) files.push_back(f);
    }
  }
  t.notes.push_back(DescribeSources(files));
  return t;
}

Result<Table> SharesTable(Db* db) {
  BH_ASSIGN_OR_RETURN(ShareFigures shares, ReadShares(db));
  return SharesTable(db, shares);
}

// ---------------------------------------------------------------- import summary

Table ImportSummaryTable(const std::vector<FileOutcome>& outcomes) {
  Table t;
  t.title = "Import summary";
  t.columns = {"File", "Result", "Kind", "Months", "Rows", "Reconciliation"};
  int failed = 0;
  int64_t rows = 0;
  std::set<Month> months;
  for (const FileOutcome& o : outcomes) {
    std::string result = o.state == FileOutcome::State::kImported ? fmt::format("imported #{}", o.import_id)
                         : o.state == FileOutcome::State::kAlreadyImported
                             ? fmt::format("already imported #{}", o.import_id)
                             : "FAILED";
    std::string span = o.months.empty()       ? "-"
                       : o.months.size() == 1 ? o.months.begin()->ToString()
                                              : fmt::format("{}..{} ({})", o.months.begin()->ToString(),
                                                            o.months.rbegin()->ToString(), o.months.size());
    std::string recon = o.state == FileOutcome::State::kFailed ? o.status.message() : o.reconciliation;
    if (o.rejected) recon += fmt::format("; {} rows rejected -> {}", o.rejected, o.rejects_path);
    if (o.synthetic) recon += "; SYNTHETIC";
    t.AddRow({BaseName(o.path), result, o.kind.empty() ? Cell::Null("-") : Cell(o.kind),
              span == "-" ? Cell::Null("-") : Cell(span), o.rows, recon});
    if (o.state == FileOutcome::State::kFailed) ++failed;
    rows += o.rows;
    months.insert(o.months.begin(), o.months.end());
  }
  t.notes.push_back(fmt::format("{} file(s): {} imported or already present, {} failed; {} rows, {} month(s).",
                                outcomes.size(), outcomes.size() - static_cast<size_t>(failed), failed, rows,
                                months.size()));
  return t;
}

}  // namespace bh
