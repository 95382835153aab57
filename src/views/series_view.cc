#include "views/series_view.h"

#include <fmt/format.h>

#include <map>

#include "base/strings.h"
#include "views/core_views.h"

namespace bh {
namespace {

std::string CategoryText(const std::optional<Category>& c) {
  return c ? std::string(CategoryLabel(*c)) : std::string("All uniformed personnel");
}

// The target as a number (percent), and its kind in its own column.
Cell TargetNumber(const std::optional<Target>& t) {
  if (!t) return Cell::Null("");
  return Cell::Decimal(t->share.ToDouble() * 100.0, t->share.PercentText());
}
Cell TargetKind(const std::optional<Category>& c, const std::optional<Target>& t) {
  if (!c) return Cell::Null("none for all");
  if (!t) return Cell::Null("none");
  return Cell(t->interpolated ? "interpolated" : "official");
}

std::string StatusText(const SeriesMonth& p) {
  if (p.synthetic_excluded) return "missing (synthetic sample left out)";
  if (p.missing) return "missing";
  if (p.total == 0) return "none deployed";
  if (!p.category && p.sex_known) return "no target";
  return std::string(ParityStatusName(p.status));
}

// What the series is of: "Viet Nam", "ASEAN", "mission UNMISS", "the world".
std::string Subject(const Reference& ref, ParsedFigureFilter p) {
  p.filter.from.reset();  // the title gives the range itself
  p.filter.to.reset();
  std::string d = DescribeFilter(ref, p);
  return d.empty() ? "the world (every contributing country)" : d;
}

}  // namespace

Result<std::vector<Table>> SeriesTables(Db* db, const Reference& ref, const ParsedFigureFilter& filter, bool annual) {
  SeriesOptions options;
  options.all_categories = filter.all_categories;
  const std::string subject = Subject(ref, filter);
  Result<Series> series = SeriesFor(db, filter.filter, options);
  if (!series.ok() && series.status().code() == Status::Code::kNotFound) {
    return Status::NotFound(fmt::format("{}: {}", subject, series.status().message()));
  }
  BH_ASSIGN_OR_RETURN(Series s, std::move(series));
  const std::string flag = s.synthetic ? " [SYNTHETIC sample data]" : "";

  Table monthly;
  monthly.name = "series";
  monthly.title = fmt::format("Monthly series, {}, {} to {}{}", subject, s.first.ToString(), s.last.ToString(), flag);
  monthly.columns = {"Month",  "Category",    "Women",  "Men",       "Total", "Share",
                     "Target", "Target kind", "Status", "Countries", "Source"};
  int missing_months = 0;
  std::optional<Month> last_missing;
  bool any_country_totals = false;
  for (const SeriesMonth& p : s.points) {
    if (p.missing) {
      if (last_missing != p.month) ++missing_months;
      last_missing = p.month;
      monthly.AddRow({p.month.ToString(), CategoryText(p.category), Cell::Null("-"), Cell::Null("-"), Cell::Null("-"),
                      Cell::Null("-"), TargetNumber(p.target), TargetKind(p.category, p.target), StatusText(p),
                      Cell::Null("-"), Cell::Null("-")});
      continue;
    }
    any_country_totals |= p.source == SeriesSource::kCountryTotals;
    bool sex = p.sex_known;
    std::string source(SeriesSourceName(p.source));
    if (p.synthetic) source += " (SYNTHETIC)";
    monthly.AddRow({p.month.ToString(), CategoryText(p.category), sex ? Cell(p.women) : Cell::Null("n/a"),
                    sex ? Cell(p.men) : Cell::Null("n/a"), p.total, ShareCell(p.share()), TargetNumber(p.target),
                    TargetKind(p.category, p.target), StatusText(p), p.countries, source});
  }
  if (missing_months > 0) {
    monthly.notes.push_back(fmt::format(
        "{} month(s) of the range have no figures: they are rows marked missing, not closed up (and not zeros).",
        missing_months));
  }
  if (s.synthetic_excluded > 0) {
    monthly.notes.push_back(fmt::format(
        "{} month(s) come only from the SYNTHETIC sample: shown as missing, because a series never blends real and "
        "synthetic figures (import the real reports for them, or give --from/--to around them).",
        s.synthetic_excluded));
  }
  if (filter.all_categories) {
    monthly.notes.push_back(
        "All uniformed personnel: every personnel type summed. The UGPS sets no target for it, so the target column "
        "is empty.");
    if (any_country_totals) {
      monthly.notes.push_back(
          "Months without reports take the rank files' country totals (Source: rank files); they carry no mission or "
          "type.");
    }
  }
  if (!filter.filter.group.empty()) {
    monthly.notes.push_back(
        fmt::format("{}: the members as of each month's last day count in that month.", filter.filter.group));
  }
  monthly.notes.push_back(
      "Status: green meets the target, yellow has women below it, red has none; none deployed: nobody in the "
      "category that month. Countries: how many have personnel in the row.");
  if (!s.target_version.empty())
    monthly.notes.push_back("Targets: " + s.target_version + " (see 'bluehelmet targets').");
  std::vector<Table> out{monthly};
  if (!annual) return out;

  Table yearly;
  yearly.name = "annual";
  yearly.title = fmt::format("Annual means and change year on year, {}{}", subject, flag);
  yearly.columns = {"Year",       "Category", "Months",          "Mean women", "Mean men",
                    "Mean total", "Share",    "Change (points)", "Target"};
  struct Year {
    int64_t women = 0, men = 0, total = 0;
    int months = 0;
    std::optional<Target> target;
  };
  // Key: category (-1 for all), year.
  std::map<std::pair<int, int>, Year> years;
  std::map<int, std::optional<Category>> cats;
  for (const SeriesMonth& p : s.points) {
    int key = p.category ? static_cast<int>(*p.category) : -1;
    cats[key] = p.category;
    Year& y = years[{key, p.month.year}];
    y.target = p.target;
    if (p.missing || !p.sex_known) continue;
    y.women += p.women;
    y.men += p.men;
    y.total += p.total;
    ++y.months;
  }
  // Year by year, category by category (UGPS order, all alone).
  std::map<std::pair<int, int>, const Year*> by_year;
  for (const auto& [key, y] : years) by_year[{key.second, key.first}] = &y;
  for (const auto& [key, y] : by_year) {
    auto [year, cat] = key;
    std::optional<Fraction> share;
    if (y->total > 0) share = Fraction::Of(y->women, y->total);
    Cell change = Cell::Null("-");
    auto prev = years.find({cat, year - 1});
    if (prev != years.end() && prev->second.total > 0 && share) {
      Fraction was = Fraction::Of(prev->second.women, prev->second.total);
      double pts = (share->ToDouble() - was.ToDouble()) * 100.0;
      change = Cell::Decimal(pts, fmt::format("{:+.2f}", pts));
    }
    const Year* in_year = y;  // a lambda may not capture a structured binding (clang 14)
    auto mean = [in_year](int64_t v) {
      if (in_year->months == 0) return Cell::Null("-");
      double m = static_cast<double>(v) / in_year->months;
      return Cell::Decimal(m, fmt::format("{:.1f}", m));
    };
    yearly.AddRow({static_cast<int64_t>(year), CategoryText(cats[cat]), y->months, mean(y->women), mean(y->men),
                   mean(y->total), ShareCell(share), change, TargetNumber(y->target)});
  }
  yearly.notes.push_back(
      "Months: those with figures and a split by sex; missing months are left out of the means, not counted as "
      "zero. Share: the year's women over its total (a ratio of the means). Change: against the year before, in "
      "percentage points.");
  out.push_back(std::move(yearly));
  return out;
}

}  // namespace bh
