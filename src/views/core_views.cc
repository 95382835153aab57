#include "views/core_views.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "base/file_util.h"
#include "base/strings.h"
#include "query/figure_rows.h"
#include "query/queries.h"
#include "query/series.h"
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

Result<ScorecardQuery> ScorecardQueryFrom(const ParsedFigureFilter& p, const std::string& month, FilterSyntax syntax) {
  BH_RETURN_IF_ERROR(RefuseFilters(p, {"from", "to"}, syntax, "scorecard",
                                   "it scores one month (give the month; 'series' covers a range)"));
  if (!p.filter.countries.empty() && !p.filter.group.empty()) {
    return Status::InvalidArgument(fmt::format("scorecard: give either {} or {}, not both", FilterName(syntax, "group"),
                                               FilterName(syntax, "countries")));
  }
  ScorecardQuery q;
  q.month = month;
  q.countries = p.filter.countries;
  q.group = p.filter.group;
  q.missions = p.filter.missions;
  q.types = p.filter.types;
  q.categories = p.filter.categories;
  q.all_categories = p.all_categories;
  return q;
}

namespace {

// The month a command shows: the given one, else the latest month with
// reports, or (with `all`, which the rank files serve too) with either.
Result<Month> ResolveMonthFor(Db* db, const std::string& month, bool all) {
  if (!month.empty() || !all) return ResolveMonth(db, month);
  BH_ASSIGN_OR_RETURN(std::vector<MonthDataset> months, MonthDatasets(db));
  if (months.empty()) {
    return Status::NotFound("no contribution figures imported yet (run 'bluehelmet import FILE' or 'make demo')");
  }
  return months.back().month;
}

// The figures a filtered scorecard (or ranking) scores in `month`: with
// missions or types, each country's rows there, summed per category; with
// `all`, every category summed into one figure per country (filed under
// contingents, shown as "All uniformed personnel"), from the reports or,
// in a month they do not cover, the rank files' totals. Sets *source to
// "reports" or "rank files".
Result<std::vector<CategoryFigures>> FiguresToScore(Db* db, Month month, const std::vector<std::string>& missions,
                                                    const std::vector<PersonnelType>& types, bool all,
                                                    std::string* source) {
  *source = "reports";
  std::vector<CategoryFigures> figures;
  if (missions.empty() && types.empty()) {
    BH_ASSIGN_OR_RETURN(figures, CategoryFiguresForMonth(db, month));
  } else {
    FigureFilter f;
    f.from = f.to = month;
    f.missions = missions;
    f.types = types;
    BH_ASSIGN_OR_RETURN(std::vector<FigureRow> rows, FigureRows(db, f));
    std::map<std::pair<std::string, Category>, CategoryFigures> sums;
    for (const FigureRow& r : rows) {
      if (!r.category) continue;
      CategoryFigures& c = sums[{r.iso3, *r.category}];
      c.iso3 = r.iso3;
      c.category = *r.category;
      c.women += r.women.value_or(0);
      c.men += r.men.value_or(0);
      c.total += r.total;
      c.sex_known = c.sex_known && r.women.has_value();
    }
    for (auto& [key, c] : sums) figures.push_back(std::move(c));
  }
  if (!all) return figures;
  std::map<std::string, CategoryFigures> by_country;
  for (const CategoryFigures& c : figures) {
    CategoryFigures& a = by_country[c.iso3];
    a.iso3 = c.iso3;
    a.category = Category::kContingents;
    a.women += c.women;
    a.men += c.men;
    a.total += c.total;
    a.sex_known = a.sex_known && c.sex_known;
  }
  if (by_country.empty() && missions.empty() && types.empty()) {
    BH_ASSIGN_OR_RETURN(std::vector<CountryTotal> totals, CountryTotals(db, month, month));
    for (const CountryTotal& t : totals) by_country[t.iso3] = {t.iso3, Category::kContingents, t.women, t.men, t.total};
    *source = "rank files";
  }
  std::vector<CategoryFigures> out;
  for (auto& [iso3, c] : by_country) out.push_back(std::move(c));
  return out;
}

}  // namespace

Result<Table> ScorecardTable(Db* db, const Reference& ref, const ScorecardQuery& q) {
  BH_ASSIGN_OR_RETURN(Month month,
                      ResolveMonthFor(db, q.month, q.all_categories && q.missions.empty() && q.types.empty()));
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
  std::string source;
  BH_ASSIGN_OR_RETURN(std::vector<CategoryFigures> figures,
                      FiguresToScore(db, month, q.missions, q.types, q.all_categories, &source));
  if (figures.empty()) {
    if (!q.missions.empty() || !q.types.empty()) {
      return Status::NotFound(fmt::format("no contribution figures for {} in {} {} (see 'bluehelmet months')",
                                          month.ToString(), q.missions.empty() ? "the types" : "mission",
                                          Join(q.missions, ", ")));
    }
    return Status::NotFound(fmt::format("no contribution figures for {} (see 'bluehelmet months')", month.ToString()));
  }
  // All uniformed personnel has no UGPS target: score it against none.
  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  std::vector<ScoreRow> rows =
      ComputeScorecard(figures, q.all_categories ? TargetTable() : targets, month.year, countries, group_name);
  if (!q.categories.empty()) {
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [&](const ScoreRow& r) {
                                return std::find(q.categories.begin(), q.categories.end(), r.category) ==
                                       q.categories.end();
                              }),
               rows.end());
  }
  std::vector<std::string> narrowed;
  if (!q.missions.empty())
    narrowed.push_back((q.missions.size() == 1 ? "mission " : "missions ") + Join(q.missions, ", "));
  for (PersonnelType type : q.types) narrowed.emplace_back(PersonnelTypeLabel(type));
  if (q.all_categories) narrowed.push_back("all uniformed personnel");
  Table t;
  t.title = fmt::format("UGPS scorecard, {}{}{}", month.ToString(), group_name.empty() ? "" : ", " + group_name,
                        narrowed.empty() ? "" : ", " + Join(narrowed, ", "));
  t.name = "scorecard";
  t.columns = {"Country",    "ISO3",   "Category",     "Women",        "Total",        "Share",
               "Target",     "Status", "Women needed", "Rank (women)", "Rank (share)", "Ranked countries",
               "Target kind"};
  t.machine_only = {"Ranked countries", "Target kind"};
  for (const ScoreRow& r : rows) {
    std::string name = r.group_total ? r.iso3 + " total" : ref.CountryName(r.iso3);
    bool ranked = r.rank_women || r.rank_share;
    t.AddRow({name, r.group_total ? Cell::Null("") : Cell(r.iso3),
              q.all_categories ? std::string("All uniformed personnel") : std::string(CategoryLabel(r.category)),
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
  if (!q.missions.empty()) {
    t.notes.push_back(
        fmt::format("Within {}: each country's personnel there only; ranks among the countries with "
                    "personnel there.",
                    Join(q.missions, ", ")));
  }
  if (!q.types.empty()) {
    std::vector<std::string> labels;
    for (PersonnelType type : q.types) labels.emplace_back(PersonnelTypeLabel(type));
    t.notes.push_back(
        fmt::format("Personnel types {} only, scored against their category's target.", Join(labels, ", ")));
  }
  if (q.all_categories) {
    t.notes.push_back(fmt::format(
        "All uniformed personnel: every personnel type summed ({}); the UGPS sets no target for it, so there is "
        "no status against a target and no women needed.",
        source == "rank files" ? "from the rank files' country totals: the month has no reports" : "from the reports"));
  }
  std::set<std::string> interpolated;
  for (const ScoreRow& r : rows) {
    if (r.target && r.target->interpolated) {
      interpolated.insert(std::string(CategoryLabel(r.category)) + ": " + r.target->source);
    }
  }
  for (const std::string& s : interpolated) t.notes.push_back("Target " + s + " (not an official figure).");
  t.notes.push_back("Targets: " + targets.version() + " (see 'bluehelmet targets').");
  auto sources = SourcesForMonth(db, month, source == "rank files" ? "country_total" : "contribution");
  if (sources.ok()) {
    t.notes.push_back(DescribeSources(*sources));
    if (AnySynthetic(*sources)) t.title += " [SYNTHETIC sample data]";
  }
  BH_ASSIGN_OR_RETURN(MonthCorrections corrected, CorrectionsIn(db, month));
  if (corrected.cells > 0) t.notes.push_back(CorrectionsNote(month, corrected));
  return t;
}

// ---------------------------------------------------------------- country

namespace {

// One month of a country's series in one category (nullopt: all).
struct CountryPoint {
  Month month;
  std::optional<Category> category;
  int64_t women = 0, men = 0, total = 0;
  bool sex_known = true;
};

struct CountrySeriesData {
  std::string iso3, name;
  std::string narrowed;  // the filters given, for titles ("" when none)
  std::vector<CountryPoint> points;
  bool all_categories = false;
};

std::string CategoryName(const std::optional<Category>& c) {
  return c ? std::string(CategoryLabel(*c)) : std::string("All uniformed personnel");
}

// The country's points: CountrySeries when no filter is given, else the
// months SeriesFor finds with personnel (missing months and months with
// nobody in a category are left out, as in the unfiltered series).
Result<CountrySeriesData> ReadCountrySeries(Db* db, const Reference& ref, const std::string& country,
                                            const ParsedFigureFilter* filter, FilterSyntax syntax) {
  CountrySeriesData d;
  BH_ASSIGN_OR_RETURN(d.iso3, ref.ResolveCountry(country));
  d.name = ref.CountryName(d.iso3);
  if (filter == nullptr || filter->given.empty()) {
    BH_ASSIGN_OR_RETURN(std::vector<SeriesPoint> series, CountrySeries(db, d.iso3));
    for (const SeriesPoint& p : series) d.points.push_back({p.month, p.category, p.women, p.men, p.total, p.sex_known});
    if (d.points.empty()) {
      // The rank files know the country's totals: say where they are.
      BH_ASSIGN_OR_RETURN(std::vector<CountryTotal> totals, CountryTotals(db, std::nullopt, std::nullopt));
      bool in_rank_files =
          std::any_of(totals.begin(), totals.end(), [&](const CountryTotal& t) { return t.iso3 == d.iso3; });
      return Status::NotFound(fmt::format(
          "no contribution figures for {} ({}){}", d.name, d.iso3,
          in_rank_files ? fmt::format("; the rank files give its totals: add {} all", FilterName(syntax, "category"))
                        : ""));
    }
    return d;
  }
  BH_RETURN_IF_ERROR(RefuseFilters(*filter, {"countries", "group"}, syntax, "country",
                                   "the country is the argument ('series' sums several countries or a group)"));
  ParsedFigureFilter p = *filter;
  p.filter.countries = {d.iso3};
  d.all_categories = p.all_categories;
  ParsedFigureFilter shown = p;
  shown.filter.countries.clear();
  d.narrowed = DescribeFilter(ref, shown);
  SeriesOptions options;
  options.all_categories = p.all_categories;
  Result<Series> s = SeriesFor(db, p.filter, options);
  if (!s.ok()) {
    if (s.status().code() != Status::Code::kNotFound) return s.status();
    return Status::NotFound(fmt::format("no contribution figures for {} ({}), {}", d.name, d.iso3, d.narrowed));
  }
  for (const SeriesMonth& m : s->points) {
    if (m.missing || m.total == 0) continue;
    d.points.push_back({m.month, m.category, m.women, m.men, m.total, m.sex_known});
  }
  if (d.points.empty()) {
    return Status::NotFound(fmt::format("no contribution figures for {} ({}), {}", d.name, d.iso3, d.narrowed));
  }
  return d;
}

Result<std::vector<Table>> CountryTablesOf(Db* db, const CountrySeriesData& d) {
  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  const std::string what = d.narrowed.empty() ? "" : ", " + d.narrowed;
  Table monthly;
  monthly.name = "monthly";
  monthly.title = fmt::format("{} ({}): monthly series per category{}", d.name, d.iso3, what);
  monthly.columns = {"Month", "Category", "Women", "Men", "Total", "Share", "Target", "Status", "Target kind"};
  monthly.machine_only = {"Target kind"};
  struct Year {
    int64_t women = 0, total = 0;
    int months = 0;
  };
  // Key: category (-1: all), year.
  std::map<std::pair<int, int>, Year> years;
  for (const CountryPoint& p : d.points) {
    std::optional<Target> target;
    if (p.category) target = targets.Lookup(*p.category, p.month.year);
    std::optional<Fraction> share;
    if (p.sex_known && p.total > 0) share = Fraction::Of(p.women, p.total);
    std::string status = p.category || !p.sex_known
                             ? std::string(ParityStatusName(StatusFor(p.women, p.total, p.sex_known, target)))
                             : "no target";
    monthly.AddRow({p.month.ToString(), CategoryName(p.category), p.sex_known ? Cell(p.women) : Cell::Null("n/a"),
                    p.sex_known ? Cell(p.men) : Cell::Null("n/a"), p.total, ShareCell(share), TargetCellOf(target),
                    status, TargetKindCell(target)});
    if (p.sex_known) {
      Year& y = years[{p.category ? static_cast<int>(*p.category) : -1, p.month.year}];
      y.women += p.women;
      y.total += p.total;
      ++y.months;
    }
  }
  if (d.all_categories) {
    monthly.notes.push_back(
        "All uniformed personnel: every personnel type summed (the rank files' totals in months without reports); "
        "the UGPS sets no target for it.");
  }
  Table annual;
  annual.name = "annual";
  annual.title = fmt::format("{} ({}): annual means and change year on year{}", d.name, d.iso3, what);
  annual.columns = {"Year", "Category", "Months", "Mean women", "Mean total", "Share", "Change (points)"};
  std::map<int, std::optional<Fraction>> prev;
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
    annual.AddRow({YearCell(year), CategoryName(cat < 0 ? std::nullopt : std::optional<Category>(Category(cat))),
                   y.months, Cell::Decimal(mean_women, fmt::format("{:.1f}", mean_women)),
                   Cell::Decimal(mean_total, fmt::format("{:.1f}", mean_total)), ShareCell(share), change});
    prev[cat] = share;
  }
  annual.notes.push_back("Share = women / total summed over the year's months (a ratio of means).");
  // Provenance of the series' months.
  std::set<int64_t> ids;
  std::vector<SourceFile> files;
  std::set<Month> seen;
  for (const CountryPoint& p : d.points) {
    if (!seen.insert(p.month).second) continue;
    for (std::string_view dataset : {"contribution", "country_total"}) {
      if (dataset == "country_total" && !d.all_categories) continue;
      auto s = SourcesForMonth(db, p.month, dataset);
      if (!s.ok()) continue;
      for (const SourceFile& f : *s) {
        if (ids.insert(f.import_id).second) files.push_back(f);
      }
    }
  }
  annual.notes.push_back(DescribeSources(files));
  if (AnySynthetic(files)) {
    monthly.title += " [SYNTHETIC sample data]";
    annual.title += " [SYNTHETIC sample data]";
  }
  return std::vector<Table>{monthly, annual};
}

Result<CountryChart> CountryChartOf(Db* db, const CountrySeriesData& d) {
  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  CountryChart chart;
  chart.iso3 = d.iso3;
  chart.name = d.name;
  std::map<int, ChartSeries> by_cat;
  std::set<Month> months;
  for (const CountryPoint& p : d.points) {
    ChartSeries& s = by_cat[p.category ? static_cast<int>(*p.category) : -1];
    s.category = p.category.value_or(Category::kContingents);
    s.all_categories = !p.category.has_value();
    s.months.push_back(p.month.ToString());
    if (p.sex_known && p.total > 0) {
      s.share_pct.push_back(static_cast<double>(p.women) * 100.0 / static_cast<double>(p.total));
    } else {
      s.share_pct.push_back(std::nullopt);
    }
    std::optional<Target> target;
    if (p.category) target = targets.Lookup(*p.category, p.month.year);
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

}  // namespace

Result<std::vector<Table>> CountryTables(Db* db, const Reference& ref, const std::string& country) {
  BH_ASSIGN_OR_RETURN(CountrySeriesData d, ReadCountrySeries(db, ref, country, nullptr, FilterSyntax::kCommandLine));
  return CountryTablesOf(db, d);
}

Result<std::vector<Table>> CountryTables(Db* db, const Reference& ref, const std::string& country,
                                         const ParsedFigureFilter& filter, FilterSyntax syntax) {
  BH_ASSIGN_OR_RETURN(CountrySeriesData d, ReadCountrySeries(db, ref, country, &filter, syntax));
  return CountryTablesOf(db, d);
}

Result<CountryChart> CountryChartData(Db* db, const Reference& ref, const std::string& country) {
  BH_ASSIGN_OR_RETURN(CountrySeriesData d, ReadCountrySeries(db, ref, country, nullptr, FilterSyntax::kApi));
  return CountryChartOf(db, d);
}

Result<CountryChart> CountryChartData(Db* db, const Reference& ref, const std::string& country,
                                      const ParsedFigureFilter& filter, FilterSyntax syntax) {
  BH_ASSIGN_OR_RETURN(CountrySeriesData d, ReadCountrySeries(db, ref, country, &filter, syntax));
  return CountryChartOf(db, d);
}

Result<CountryPage> CountryPageData(Db* db, const Reference& ref, const std::string& country,
                                    const ParsedFigureFilter& filter, FilterSyntax syntax) {
  BH_ASSIGN_OR_RETURN(CountrySeriesData d, ReadCountrySeries(db, ref, country, &filter, syntax));
  CountryPage page;
  BH_ASSIGN_OR_RETURN(page.tables, CountryTablesOf(db, d));
  BH_ASSIGN_OR_RETURN(page.chart, CountryChartOf(db, d));
  return page;
}

// ---------------------------------------------------------------- rankings

namespace {

// The countries whose rows a command shows: the filter's countries, or its
// group's members in `month`; empty: everyone.
Result<std::vector<std::string>> ShownCountries(Db* db, const FigureFilter& f, Month month) {
  if (!f.group.empty()) {
    BH_ASSIGN_OR_RETURN(GroupInfo g, GetGroup(db, f.group));
    return g.MembersIn(month);
  }
  return f.countries;
}

}  // namespace

Result<Table> RankingsTable(Db* db, const Reference& ref, const std::string& month_text,
                            const std::string& category_code, const std::string& by, int limit) {
  ParsedFigureFilter filter;
  if (!category_code.empty()) {
    auto category = CategoryFromCode(category_code);
    if (!category) {
      return Status::InvalidArgument(
          fmt::format("unknown category '{}' (want contingents, mo_so, fpu or ipo)", category_code));
    }
    filter.filter.categories = {*category};
    filter.given = {"category"};
  }
  return RankingsTable(db, ref, month_text, filter, by, limit, FilterSyntax::kApi);
}

Result<Table> RankingsTable(Db* db, const Reference& ref, const std::string& month_text,
                            const ParsedFigureFilter& filter, const std::string& by, int limit, FilterSyntax syntax) {
  BH_RETURN_IF_ERROR(RefuseFilters(filter, {"from", "to"}, syntax, "rankings",
                                   "it ranks one month (give the month; 'series' covers a range)"));
  const FigureFilter& f = filter.filter;
  if (f.categories.size() > 1) {
    return Status::InvalidArgument(
        fmt::format("rankings: {} takes one category, got {}", FilterName(syntax, "category"), f.categories.size()));
  }
  if (!f.countries.empty() && !f.group.empty()) {
    return Status::InvalidArgument(fmt::format("rankings: give either {} or {}, not both", FilterName(syntax, "group"),
                                               FilterName(syntax, "countries")));
  }
  // The category: given, else the one of the types given, else contingents.
  Category category = Category::kContingents;
  if (!f.categories.empty()) {
    category = f.categories[0];
  } else if (!f.types.empty()) {
    category = CategoryOf(f.types[0]);
    for (PersonnelType t : f.types) {
      if (CategoryOf(t) != category) {
        return Status::InvalidArgument(fmt::format("rankings: {} {} and {} are in two categories; rank one at a time",
                                                   FilterName(syntax, "type"), PersonnelTypeCode(f.types[0]),
                                                   PersonnelTypeCode(t)));
      }
    }
  }
  const bool all = filter.all_categories;
  if (all) category = Category::kContingents;  // where FiguresToScore files the sums
  std::string order = by.empty() ? "women" : by;
  if (order != "women" && order != "share") {
    return Status::InvalidArgument(fmt::format("unknown ranking '{}' (want women or share)", by));
  }
  BH_ASSIGN_OR_RETURN(Month month, ResolveMonthFor(db, month_text, all));
  std::string source;
  BH_ASSIGN_OR_RETURN(std::vector<CategoryFigures> figures,
                      FiguresToScore(db, month, f.missions, f.types, all, &source));
  if (figures.empty()) {
    return Status::NotFound(fmt::format("no contribution figures for {}{} (see 'bluehelmet months')", month.ToString(),
                                        f.missions.empty() ? "" : " in " + Join(f.missions, ", ")));
  }
  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  std::vector<ScoreRow> rows = ComputeScorecard(figures, all ? TargetTable() : targets, month.year, {}, "");
  BH_ASSIGN_OR_RETURN(std::vector<std::string> shown_countries, ShownCountries(db, f, month));
  std::vector<const ScoreRow*> ranked;
  size_t ranked_all = 0;
  for (const ScoreRow& r : rows) {
    if (r.category != category || r.group_total) continue;
    if ((order == "women" ? r.rank_women : r.rank_share) == 0) continue;
    ++ranked_all;
    if (!shown_countries.empty() &&
        std::find(shown_countries.begin(), shown_countries.end(), r.iso3) == shown_countries.end()) {
      continue;
    }
    ranked.push_back(&r);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](const ScoreRow* a, const ScoreRow* b) {
    int ra = order == "women" ? a->rank_women : a->rank_share;
    int rb = order == "women" ? b->rank_women : b->rank_share;
    if (ra != rb) return ra < rb;
    return ref.CountryName(a->iso3) < ref.CountryName(b->iso3);
  });
  std::vector<std::string> narrowed;
  if (!f.missions.empty())
    narrowed.push_back((f.missions.size() == 1 ? "mission " : "missions ") + Join(f.missions, ", "));
  for (PersonnelType t : f.types) narrowed.emplace_back(PersonnelTypeLabel(t));
  if (!f.group.empty()) narrowed.push_back(f.group);
  if (!f.countries.empty()) narrowed.push_back("selected countries");
  Table t;
  t.title = fmt::format("Ranking by {}, {}, {}{}", order == "women" ? "number of women" : "share of women",
                        all ? std::string("All uniformed personnel") : std::string(CategoryLabel(category)),
                        month.ToString(), narrowed.empty() ? "" : ", " + Join(narrowed, ", "));
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
  t.notes.push_back(fmt::format("{} of {} countries with a sex split shown; ties share a rank.", shown, ranked_all));
  if (!f.missions.empty()) {
    t.notes.push_back(fmt::format("Within {}: each country's personnel there; ranks among the countries there.",
                                  Join(f.missions, ", ")));
  }
  if (!shown_countries.empty()) {
    t.notes.push_back(fmt::format("Only {}'s rows are shown; the ranks are among all {} countries ranked.",
                                  f.group.empty() ? "the selected countries" : f.group, ranked_all));
  }
  if (all) {
    t.notes.push_back(fmt::format(
        "All uniformed personnel: every personnel type summed ({}); the UGPS sets no target for it.",
        source == "rank files" ? "from the rank files' country totals: the month has no reports" : "from the reports"));
  }
  auto sources = SourcesForMonth(db, month, source == "rank files" ? "country_total" : "contribution");
  if (sources.ok()) {
    t.notes.push_back(DescribeSources(*sources));
    if (AnySynthetic(*sources)) t.title += " [SYNTHETIC sample data]";
  }
  return t;
}

// ---------------------------------------------------------------- months, targets, groups

Result<Table> MonthsTable(Db* db, MonthValuesCache* known) {
  BH_ASSIGN_OR_RETURN(std::vector<MonthSource> list, ListMonthSources(db, known));
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

Result<Table> ContributingCountriesTable(Db* db, const Reference& ref, MonthValuesCache* known) {
  BH_ASSIGN_OR_RETURN(std::vector<CountryMonths> countries, ContributingCountries(db, known));
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

Result<TopSpec> ResolveTop(Db* db, const TopQuery& q, const ParsedFigureFilter& filter, FilterSyntax syntax) {
  BH_RETURN_IF_ERROR(RefuseFilters(filter, {"from", "to"}, syntax, "top",
                                   "it ranks one month (give the month; 'series' covers a range)"));
  if (q.limit < 1) return Status::InvalidArgument(fmt::format("limit must be at least 1, got {}", q.limit));
  // Every type together is what top counts anyway: `all` allows the rank
  // files' months.
  const FigureFilter& f = filter.filter;
  bool totals_serve = f.missions.empty() && f.types.empty() && f.categories.empty();
  BH_ASSIGN_OR_RETURN(Month month, ResolveMonthFor(db, q.month, totals_serve));
  TopSpec spec{month, q.limit};
  spec.filter = filter;
  return spec;
}

Result<std::vector<CountryWomen>> ReadTop(Db* db, TopSpec* spec) {
  const FigureFilter& f = spec->filter.filter;
  std::vector<CountryWomen> top;
  if (!f.NarrowsRows()) {
    BH_ASSIGN_OR_RETURN(top, TopCountriesByWomen(db, spec->month, spec->limit));
  } else {
    FigureFilter rf = f;
    rf.from = rf.to = spec->month;
    BH_ASSIGN_OR_RETURN(std::vector<FigureRow> rows, FigureRows(db, rf));
    std::map<std::string, CountryWomen> by_country;
    for (const FigureRow& r : rows) {
      CountryWomen& c = by_country[r.iso3];
      if (c.iso3.empty()) {
        c.iso3 = r.iso3;
        c.sex_known = false;
      }
      c.women += r.women.value_or(0);
      c.total += r.total;
      c.sex_known = c.sex_known || r.women.has_value();
    }
    for (auto& [iso3, c] : by_country) top.push_back(std::move(c));
  }
  // A month of the rank files only (Rank.csv): their totals, every type
  // together, which is what top counts.
  spec->from_country_totals = false;
  if (top.empty() && f.missions.empty() && f.types.empty() && f.categories.empty()) {
    BH_ASSIGN_OR_RETURN(std::vector<CountryTotal> totals, CountryTotals(db, spec->month, spec->month));
    BH_ASSIGN_OR_RETURN(std::vector<std::string> shown, ShownCountries(db, f, spec->month));
    for (const CountryTotal& t : totals) {
      if (!shown.empty() && std::find(shown.begin(), shown.end(), t.iso3) == shown.end()) continue;
      top.push_back({t.iso3, t.women, t.total, true});
    }
    spec->from_country_totals = !top.empty();
  }
  std::sort(top.begin(), top.end(), [](const CountryWomen& a, const CountryWomen& b) {
    if (a.women != b.women) return a.women > b.women;
    return a.iso3 < b.iso3;
  });
  if (top.size() > static_cast<size_t>(spec->limit)) top.resize(static_cast<size_t>(spec->limit));
  return top;
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
  ParsedFigureFilter shown = spec.filter;
  shown.all_categories = false;  // top counts every type anyway
  std::string narrowed = DescribeFilter(ref, shown);
  t.title = fmt::format("Top {} countries by women deployed, {}{}", spec.limit, spec.month.ToString(),
                        narrowed.empty() ? "" : ", " + narrowed);
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
  const FigureFilter& f = spec.filter.filter;
  if (spec.from_country_totals) {
    t.notes.push_back(
        "All personnel types together, from the rank files' country totals: the month has no reports by mission "
        "and type.");
  } else if (f.types.empty() && f.categories.empty()) {
    t.notes.push_back("All personnel types together; rows without a sex split count no women.");
  } else {
    t.notes.push_back("The personnel types given only; rows without a sex split count no women.");
  }
  if (!f.missions.empty()) t.notes.push_back(fmt::format("Women deployed in {} only.", Join(f.missions, ", ")));
  if (!f.group.empty() || !f.countries.empty()) {
    t.notes.push_back(fmt::format("Ranked among {} only.", f.group.empty() ? "the selected countries" : f.group));
  }
  auto sources = SourcesForMonth(db, spec.month, spec.from_country_totals ? "country_total" : "contribution");
  if (sources.ok()) t.notes.push_back(DescribeSources(*sources));
  return t;
}

Result<Table> TopTable(Db* db, const Reference& ref, const TopQuery& q) {
  BH_ASSIGN_OR_RETURN(TopSpec spec, ResolveTop(db, q));
  BH_ASSIGN_OR_RETURN(std::vector<CountryWomen> top, TopCountriesByWomen(db, spec.month, spec.limit));
  return TopTable(db, ref, spec, top);
}

Result<Table> TopTable(Db* db, const Reference& ref, const TopQuery& q, const ParsedFigureFilter& filter,
                       FilterSyntax syntax) {
  BH_ASSIGN_OR_RETURN(TopSpec spec, ResolveTop(db, q, filter, syntax));
  BH_ASSIGN_OR_RETURN(std::vector<CountryWomen> top, ReadTop(db, &spec));
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

namespace {

// Each figure's share as a number, NaN without a sex split or personnel.
void ComputeShares(ShareFigures* out) {
  out->shares.clear();
  out->shares.reserve(out->figures.size());
  for (const MonthlyFigures& f : out->figures) {
    out->shares.push_back(f.sex_known && f.total > 0 ? static_cast<double>(f.women) / static_cast<double>(f.total)
                                                     : std::numeric_limits<double>::quiet_NaN());
  }
}

}  // namespace

Result<ShareFigures> ReadShares(Db* db, const Reference& ref, const ParsedFigureFilter& filter) {
  const FigureFilter& f = filter.filter;
  const bool all = filter.all_categories;
  if (!f.NarrowsRows() && !all) return ReadShares(db);
  ShareFigures out;
  out.all_categories = all;
  out.narrowed = DescribeFilter(ref, filter);
  // Sums by (month, ISO3, category; all: one category).
  std::map<std::tuple<Month, std::string, int>, MonthlyFigures> sums;
  auto add = [&](Month m, std::string_view iso3, Category c, std::optional<int64_t> women, std::optional<int64_t> men,
                 int64_t total) {
    MonthlyFigures& x = sums[{m, std::string(iso3), all ? 0 : static_cast<int>(c) + 1}];
    std::memcpy(x.iso3.data(), iso3.data(), 3);
    x.month = m;
    x.category = all ? Category::kContingents : c;
    if (women && men) {
      x.women += *women;
      x.men += *men;
    } else {
      x.sex_known = false;
    }
    x.total += total;
  };
  const bool row_filter = !f.missions.empty() || !f.types.empty();
  std::set<Month> with_reports;
  if (row_filter) {
    BH_ASSIGN_OR_RETURN(std::vector<FigureRow> rows, FigureRows(db, f));
    for (const FigureRow& r : rows) {
      if (r.category) add(r.month, r.iso3, *r.category, r.women, r.men, r.total);
    }
  } else {
    std::optional<GroupInfo> group;
    if (!f.group.empty()) {
      BH_ASSIGN_OR_RETURN(GroupInfo g, GetGroup(db, f.group));
      group = std::move(g);
    }
    std::optional<Month> members_month;
    std::vector<std::string> members;
    auto counts = [&](Month m, std::string_view iso3) {
      if (!f.countries.empty() && std::find(f.countries.begin(), f.countries.end(), iso3) == f.countries.end()) {
        return false;
      }
      if (group) {
        if (members_month != m) {
          members = group->MembersIn(m);
          members_month = m;
        }
        if (!std::binary_search(members.begin(), members.end(), iso3)) return false;
      }
      return (!f.from || *f.from <= m) && (!f.to || m <= *f.to);
    };
    BH_ASSIGN_OR_RETURN(std::vector<MonthlyFigures> figures, MonthlyFiguresAllCountries(db));
    for (const MonthlyFigures& m : figures) {
      with_reports.insert(m.month);
      if (!f.categories.empty() &&
          std::find(f.categories.begin(), f.categories.end(), m.category) == f.categories.end()) {
        continue;
      }
      if (!counts(m.month, m.Iso3())) continue;
      if (m.sex_known) {
        add(m.month, m.Iso3(), m.category, m.women, m.men, m.total);
      } else {
        add(m.month, m.Iso3(), m.category, std::nullopt, std::nullopt, m.total);
      }
    }
    if (all) {
      // Months without reports: the rank files' totals.
      BH_ASSIGN_OR_RETURN(std::vector<CountryTotal> totals, CountryTotals(db, f.from, f.to));
      for (const CountryTotal& t : totals) {
        if (with_reports.count(t.month) || !counts(t.month, t.iso3)) continue;
        add(t.month, t.iso3, Category::kContingents, t.women, t.men, t.total);
      }
    }
  }
  for (auto& [key, x] : sums) out.figures.push_back(x);
  ComputeShares(&out);
  return out;
}

Result<Table> SharesTable(Db* db, const ShareFigures& shares) {
  if (shares.figures.empty()) {
    if (!shares.narrowed.empty()) return Status::NotFound("no contribution figures for " + shares.narrowed);
    return Status::NotFound("no contribution figures imported yet (run 'bluehelmet import FILE' or 'make demo')");
  }
  Table t;
  t.title = "Share of women per country, month and category";
  if (!shares.narrowed.empty()) t.title += ", " + shares.narrowed;
  t.columns = {"ISO3", "Month", "Category", "Women", "Men", "Total", "Share"};
  std::set<Month> months;
  for (const MonthlyFigures& f : shares.figures) {
    std::optional<Fraction> share;
    if (f.sex_known && f.total > 0) share = Fraction::Of(f.women, f.total);
    t.AddRow({std::string(f.Iso3()), f.month.ToString(),
              shares.all_categories ? std::string("All uniformed personnel") : std::string(CategoryLabel(f.category)),
              f.sex_known ? Cell(f.women) : Cell::Null("n/a"), f.sex_known ? Cell(f.men) : Cell::Null("n/a"), f.total,
              ShareCell(share)});
    months.insert(f.month);
  }
  std::vector<SourceFile> files;
  std::set<int64_t> ids;
  for (const Month& m : months) {
    for (std::string_view dataset : {"contribution", "country_total"}) {
      if (dataset == "country_total" && !shares.all_categories) continue;
      auto s = SourcesForMonth(db, m, dataset);
      if (!s.ok()) continue;
      for (const SourceFile& f : *s) {
        if (ids.insert(f.import_id).second) files.push_back(f);
      }
    }
  }
  if (shares.all_categories) {
    t.notes.push_back(
        "All uniformed personnel: every personnel type summed, from the reports or, in months without them, the "
        "rank files' country totals; the UGPS sets no target for it.");
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
