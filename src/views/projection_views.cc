#include "views/projection_views.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "base/strings.h"
#include "query/figure_rows.h"
#include "query/queries.h"
#include "query/series.h"
#include "scorecard/targets.h"
#include "views/core_views.h"
#include "views/mission_views.h"

namespace bh {
namespace {

// The last month a crossing is searched for.
constexpr Month kSearchUntil{2050, 12};

// The categories a projection looks at: those with UGPS targets' types.
constexpr Category kProjected[] = {Category::kContingents, Category::kObserversStaff, Category::kFormedPolice,
                                   Category::kIndividualPolice};

// One month of one category, summed over the rows.
struct MonthSum {
  int64_t women = 0, total = 0;
  bool sex_known = true;
};
struct CategorySeries {
  std::map<Category, std::map<Month, MonthSum>> by_category;
  std::map<int64_t, SourceFile> files;  // the imports the rows come from
  auto find(Category c) const { return by_category.find(c); }
  auto end() const { return by_category.end(); }
  // "Source: import #1 ..." and whether any file is synthetic.
  std::string Sources(bool* synthetic) const {
    std::vector<SourceFile> list;
    *synthetic = false;
    for (const auto& [id, f] : files) {
      list.push_back(f);
      *synthetic = *synthetic || f.synthetic;
    }
    return SourcesNote(list);
  }
};

// Each month's current contribution source (for provenance notes).
using MonthFiles = std::map<Month, SourceFile>;
Result<MonthFiles> CurrentSources(Db* db) {
  BH_ASSIGN_OR_RETURN(auto sources, CurrentSourceFiles(db));
  MonthFiles out;
  for (auto& [text, file] : sources) {
    BH_ASSIGN_OR_RETURN(Month month, Month::Parse(text));
    out[month] = std::move(file);
  }
  return out;
}

// The monthly series per category of what `f` selects (query/series.h: a
// group counts its members of each month; missing months and synthetic
// months beside real ones carry no figures and are left out here).
Result<CategorySeries> SeriesOf(Db* db, const FigureFilter& f, const MonthFiles& files) {
  BH_ASSIGN_OR_RETURN(Series series, SeriesFor(db, f));
  CategorySeries out;
  for (const SeriesMonth& p : series.points) {
    if (p.missing || !p.category) continue;
    out.by_category[*p.category][p.month] = MonthSum{p.women, p.total, p.sex_known};
    if (p.total > 0) {
      if (auto it = files.find(p.month); it != files.end()) out.files[it->second.import_id] = it->second;
    }
  }
  return out;
}

// The fit's points: the months in [first, last] with a sex split and
// personnel.
std::vector<SharePoint> PointsIn(const std::map<Month, MonthSum>& months, Month first, Month last) {
  std::vector<SharePoint> points;
  for (auto it = months.lower_bound(first); it != months.end() && it->first <= last; ++it) {
    if (!it->second.sex_known || it->second.total == 0) continue;
    points.push_back({it->first, 100.0 * static_cast<double>(it->second.women) / it->second.total});
  }
  return points;
}

Cell Pct(double v) { return Cell::Decimal(v, fmt::format("{:.2f} %", v)); }
Cell Points(double v) { return Cell::Decimal(v, fmt::format("{:+.2f}", v)); }
Cell MonthOr(const std::optional<Month>& m, const std::string& none) {
  return m ? Cell(m->ToString()) : Cell::Null(none);
}
Cell Year(int year) {
  Cell c(year);
  c.display = std::to_string(year);
  return c;
}
double TargetPct(const Target& t) { return t.share.ToDouble() * 100.0; }

std::string MethodNote(int months) {
  return fmt::format(
      "Method: Theil–Sen line (median of pairwise slopes) through the monthly shares of the {} months up to the "
      "last month used, months without a sex split left out (at least {} needed). Interval: 90 %, the slope's "
      "rank interval (Sen 1968) pivoted at the median month, widened by the residuals' 5th and 95th percentiles; "
      "see docs/projection.md. A projection carries the past forward; it is not a forecast.",
      months, kMinProjectionPoints);
}

Result<int> CheckedMonths(int months) {
  if (months < kMinProjectionPoints || months > 120) {
    return Status::InvalidArgument(
        fmt::format("--months {}: want {} to 120 months to fit the trend over", months, kMinProjectionPoints));
  }
  return months;
}

}  // namespace

Result<std::vector<Table>> ProjectionTables(Db* db, const Reference& ref, const ProjectionQuery& q) {
  if (q.country.empty() == q.group.empty()) {
    return Status::InvalidArgument("project: give --country or --group (one of them)");
  }
  BH_ASSIGN_OR_RETURN(int window, CheckedMonths(q.months));
  FigureFilter f;
  std::string who;
  if (!q.country.empty()) {
    BH_ASSIGN_OR_RETURN(std::string iso3, ref.ResolveCountry(q.country));
    f.countries = {iso3};
    who = ref.CountryName(iso3);
  } else {
    BH_ASSIGN_OR_RETURN(GroupInfo g, GetGroup(db, q.group));
    f.group = g.name;
    who = g.name + " (members as of each month)";
  }
  Month last = q.to ? *q.to : Month{};
  if (!q.to) {
    BH_ASSIGN_OR_RETURN(last, LatestContributionMonth(db));
  }
  Month first = Month::FromIndex(last.Index() - window + 1);
  f.from = first;
  f.to = last;
  BH_ASSIGN_OR_RETURN(MonthFiles files, CurrentSources(db));
  Result<CategorySeries> read = SeriesOf(db, f, files);
  if (!read.ok() && read.status().code() == Status::Code::kNotFound) {
    return Status::NotFound(
        fmt::format("projection for {}: no figures from {} to {}", who, first.ToString(), last.ToString()));
  }
  BH_ASSIGN_OR_RETURN(CategorySeries series, std::move(read));
  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  std::string span = first.ToString() + " to " + last.ToString();

  Table trend, cross, needed, path;
  path.name = "path";
  path.title =
      fmt::format("Projection: {}, the central line and its 90 % band per month, from the trend of {}", who, span);
  path.columns = {"Category", "Month", "Projected", "Low", "High"};
  trend.name = "projection";
  cross.name = "crossings";
  needed.name = "women_needed";
  trend.title = fmt::format("Projection: {}, share of women per category, trend of {}", who, span);
  trend.columns = {"Category",
                   "Months used",
                   "First month",
                   "Last month",
                   "Share then",
                   "Trend (pp/year)",
                   "Trend low",
                   "Trend high",
                   "Projected 2028-12",
                   "Low 2028-12",
                   "High 2028-12",
                   "Target 2028",
                   "Gap to 2028 target (pp)"};
  cross.title = fmt::format("Projection: {}, the month the trend of {} reaches each year's target", who, span);
  cross.columns = {"Category",       "Year",     "Target", "Projected December",
                   "Reaches target", "Earliest", "Latest", "In time"};
  needed.title =
      fmt::format("Projection: {}, women needed for each year's target at the strength of {}", who, last.ToString());
  needed.columns = {"Category",      "Year",
                    "Target",        "Strength",
                    "Women",         "Women at target",
                    "More than now", "More than the year before"};
  std::vector<std::string> refused;
  size_t most_points = 0;
  for (Category c : kProjected) {
    auto it = series.find(c);
    if (it == series.end()) continue;
    std::vector<SharePoint> points = PointsIn(it->second, first, last);
    most_points = std::max(most_points, points.size());
    Result<TrendFit> fit = FitTrend(points);
    if (!fit.ok()) {
      refused.push_back(fmt::format("{}: {}", CategoryLabel(c), fit.status().message()));
      continue;
    }
    const MonthSum& now = it->second.at(fit->last);
    double share_then = 100.0 * static_cast<double>(now.women) / now.total;
    Month end{kProjectionEndYear, 12};
    std::optional<Target> t2028 = targets.Lookup(c, kProjectionEndYear);
    Cell gap = Cell::Null("no target");
    if (t2028) {
      double g = fit->Central(end) - TargetPct(*t2028);
      gap = Cell::Decimal(g, fmt::format("{:+.2f} ({})", g, g >= -1e-9 ? "meets it" : "misses it"));
    }
    trend.AddRow({std::string(CategoryLabel(c)), fit->points, fit->first.ToString(), fit->last.ToString(),
                  Pct(share_then), Points(12 * fit->slope), Points(12 * fit->slope_lo), Points(12 * fit->slope_hi),
                  Pct(fit->Central(end)), Pct(fit->Lower(end)), Pct(fit->Upper(end)),
                  t2028 ? Cell::Decimal(TargetPct(*t2028), t2028->Label()) : Cell::Null("none"), gap});

    if (q.monthly) {
      for (Month m = fit->last; m <= end; m = m.Next()) {
        path.AddRow({std::string(CategoryLabel(c)), m.ToString(), Pct(fit->Central(m)), Pct(fit->Lower(m)),
                     Pct(fit->Upper(m))});
      }
    }
    std::optional<int64_t> before;
    for (int year = fit->last.year; year <= kProjectionEndYear; ++year) {
      std::optional<Target> t = targets.Lookup(c, year);
      if (!t) continue;
      double pct = TargetPct(*t);
      Month from = fit->last.Next();
      auto central = FirstMonthReaching([&](Month m) { return fit->Central(m); }, pct, from, kSearchUntil);
      auto earliest = FirstMonthReaching([&](Month m) { return fit->Upper(m); }, pct, from, kSearchUntil);
      auto latest = FirstMonthReaching([&](Month m) { return fit->Lower(m); }, pct, from, kSearchUntil);
      bool in_time = central && central->year <= year;
      cross.AddRow({std::string(CategoryLabel(c)), Year(year), Cell::Decimal(pct, t->Label()),
                    Pct(fit->Central({year, 12})), MonthOr(central, "not by 2050"), MonthOr(earliest, "not by 2050"),
                    MonthOr(latest, "not by 2050"), in_time ? "yes" : "no"});
      int64_t at_target = WomenForTarget(now.total, t->share);
      needed.AddRow({std::string(CategoryLabel(c)), Year(year), Cell::Decimal(pct, t->Label()), now.total, now.women,
                     at_target, std::max<int64_t>(0, at_target - now.women),
                     before ? Cell(at_target - *before) : Cell::Null("-")});
      before = at_target;
    }
  }
  if (trend.rows.empty()) {
    return Status::InvalidData(fmt::format(
        "projection for {}: needs at least {} months with a sex split in {}; the most any category has is {}", who,
        kMinProjectionPoints, span, most_points));
  }
  trend.notes.push_back(MethodNote(window));
  trend.notes.push_back(
      "Trend in percentage points of share per year. Gap: projected December 2028 share minus the 2028 target.");
  for (const std::string& r : refused) trend.notes.push_back("Not projected: " + r + ".");
  cross.notes.push_back(
      "Reaches target: the first month after the last month used in which the central line reaches the year's "
      "target; earliest and latest: the same for the band's upper and lower edges. In time: reached by December "
      "of that year.");
  needed.notes.push_back(
      "At the last month's strength (total) of each category: the women that year's target needs (ceil(total x "
      "target)), how many more than the women then, and the rise from the year before.");
  std::string tv = "Targets: " + targets.version() + " (see 'bluehelmet targets').";
  bool synthetic = false;
  std::string sources = series.Sources(&synthetic);
  path.notes.push_back(
      "Projected: the central line; Low and High: the 90 % band, from the last month used to 2028-12, as the fit "
      "gives them (docs/projection.md).");
  for (Table* t : {&trend, &cross, &needed, &path}) {
    t->notes.push_back(tv);
    t->notes.push_back(sources);
    if (synthetic) t->title += " [SYNTHETIC sample data]";
  }
  if (q.monthly) return std::vector<Table>{trend, cross, needed, path};
  return std::vector<Table>{trend, cross, needed};
}

Result<std::vector<Table>> ProjectionBacktestTables(Db* db, const Reference& ref, Month origin, int months,
                                                    const std::vector<int>& horizons) {
  BH_ASSIGN_OR_RETURN(int window, CheckedMonths(months));
  BH_ASSIGN_OR_RETURN(GroupInfo admm, GetGroup(db, "ADMM-Plus"));
  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  BH_ASSIGN_OR_RETURN(MonthFiles files, CurrentSources(db));
  struct Subject {
    std::string name;
    FigureFilter filter;
    bool group = false;
  };
  std::vector<Subject> subjects;
  for (const std::string& iso3 : admm.AllMembers()) {
    FigureFilter f;
    f.countries = {iso3};
    subjects.push_back({ref.CountryName(iso3), f});
  }
  for (const char* g : {"ASEAN", "ADMM-Plus"}) {
    FigureFilter f;
    f.group = g;
    subjects.push_back({std::string(g) + " (group)", f, true});
  }
  Month first = Month::FromIndex(origin.Index() - window + 1);
  struct Error {
    double error = 0, naive = 0;
    bool inside = false;
  };
  // By kind (0 members, 1 groups) and horizon.
  std::map<std::pair<int, int>, std::vector<Error>> by_horizon;
  Table cases;
  cases.name = "backtest";
  cases.title = fmt::format("Projection back-test: fit on {} to {}, compared with the reports", first.ToString(),
                            origin.ToString());
  cases.columns = {"Series",    "Category", "Months used", "Share at origin", "Trend (pp/year)", "Horizon",    "Month",
                   "Projected", "Low",      "High",        "Actual",          "Error (pp)",      "Inside band"};
  int skipped = 0;
  CategorySeries all;  // only its files: the provenance of every case
  for (const Subject& s : subjects) {
    Result<CategorySeries> read = SeriesOf(db, s.filter, files);
    if (!read.ok() && read.status().code() == Status::Code::kNotFound) continue;  // never contributed
    BH_ASSIGN_OR_RETURN(CategorySeries series, std::move(read));
    all.files.insert(series.files.begin(), series.files.end());
    for (Category c : kProjected) {
      if (!targets.Lookup(c, kProjectionEndYear)) continue;
      auto it = series.find(c);
      if (it == series.end()) continue;
      Result<TrendFit> fit = FitTrend(PointsIn(it->second, first, origin));
      if (!fit.ok()) {
        ++skipped;
        continue;
      }
      const MonthSum& at_origin = it->second.at(fit->last);
      double origin_share = 100.0 * static_cast<double>(at_origin.women) / at_origin.total;
      for (int h : horizons) {
        Month m = Month::FromIndex(origin.Index() + h);
        auto a = it->second.find(m);
        if (a == it->second.end() || !a->second.sex_known || a->second.total == 0) continue;
        double actual = 100.0 * static_cast<double>(a->second.women) / a->second.total;
        double projected = fit->Central(m), lo = fit->Lower(m), hi = fit->Upper(m);
        Error e{projected - actual, origin_share - actual, lo - 1e-9 <= actual && actual <= hi + 1e-9};
        by_horizon[{s.group ? 1 : 0, h}].push_back(e);
        cases.AddRow({s.name, std::string(CategoryLabel(c)), fit->points, Pct(origin_share), Points(12 * fit->slope), h,
                      m.ToString(), Pct(projected), Pct(lo), Pct(hi), Pct(actual), Points(e.error),
                      e.inside ? "yes" : "no"});
      }
    }
  }
  Table summary;
  summary.name = "backtest_summary";
  summary.title = fmt::format(
      "Projection back-test: error of a {}-month Theil–Sen trend fitted up to {}, per horizon (percentage points)",
      window, origin.ToString());
  summary.columns = {"Series",     "Horizon (months)",    "Month",
                     "Cases",      "Mean absolute error", "Median absolute error",
                     "Mean error", "Inside 90 % band",    "No-change mean absolute error"};
  for (int kind : {0, 1, 2}) {
    for (int h : horizons) {
      std::vector<Error> es;
      for (int k : {0, 1}) {
        if (kind == 2 || kind == k) {
          const std::vector<Error>& part = by_horizon[{k, h}];
          es.insert(es.end(), part.begin(), part.end());
        }
      }
      std::string label = kind == 0 ? "members" : kind == 1 ? "groups" : "all";
      Month m = Month::FromIndex(origin.Index() + h);
      if (es.empty()) {
        summary.AddRow({label, h, m.ToString(), 0, Cell::Null("-"), Cell::Null("-"), Cell::Null("-"), Cell::Null("-"),
                        Cell::Null("-")});
        continue;
      }
      std::vector<double> abs;
      double sum_abs = 0, sum = 0, sum_naive = 0;
      int inside = 0;
      for (const Error& e : es) {
        abs.push_back(std::fabs(e.error));
        sum_abs += std::fabs(e.error);
        sum += e.error;
        sum_naive += std::fabs(e.naive);
        inside += e.inside ? 1 : 0;
      }
      double n = static_cast<double>(es.size());
      double mae = sum_abs / n, med = Quantile(abs, 0.5), bias = sum / n, naive = sum_naive / n;
      double cover = 100.0 * inside / n;
      summary.AddRow({label, h, m.ToString(), static_cast<int64_t>(es.size()),
                      Cell::Decimal(mae, fmt::format("{:.2f}", mae)), Cell::Decimal(med, fmt::format("{:.2f}", med)),
                      Cell::Decimal(bias, fmt::format("{:+.2f}", bias)),
                      Cell::Decimal(cover, fmt::format("{:.0f} % ({} of {})", cover, inside, es.size())),
                      Cell::Decimal(naive, fmt::format("{:.2f}", naive))});
    }
  }
  summary.notes.push_back(MethodNote(window));
  summary.notes.push_back(fmt::format(
      "Cases: each ADMM-Plus member (every country ever a member), ASEAN and ADMM-Plus (members as of each month), "
      "per category with a 2028 target, whose fit had at least {} months; {} such series had too few and are left "
      "out. A horizon counts only where the report of that month gives the category a sex split.",
      kMinProjectionPoints, skipped));
  summary.notes.push_back(
      "Error: projected minus actual share. No change: the share of the last month used, carried forward.");
  bool synthetic = false;
  std::string sources = all.Sources(&synthetic);
  for (Table* t : {&summary, &cases}) {
    t->notes.push_back(sources);
    if (synthetic) t->title += " [SYNTHETIC sample data]";
  }
  return std::vector<Table>{summary, cases};
}

}  // namespace bh
