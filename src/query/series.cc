#include "query/series.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "query/queries.h"
#include "store/reference.h"

namespace bh {

std::string_view SeriesSourceName(SeriesSource s) {
  switch (s) {
    case SeriesSource::kNone:
      return "";
    case SeriesSource::kReports:
      return "reports";
    case SeriesSource::kCountryTotals:
      return "rank files";
  }
  return "";
}

std::optional<Fraction> SeriesMonth::share() const {
  if (missing || !sex_known || total <= 0) return std::nullopt;
  return Fraction::Of(women, total);
}

Result<std::vector<CountryTotal>> CountryTotals(Db* db, std::optional<Month> from, std::optional<Month> to) {
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare("SELECT month, iso3, women, men, total FROM current_country_total"
                                           " WHERE month >= ? AND month <= ? ORDER BY month, iso3"));
  st.Bind(1, from ? from->ToString() : std::string("0000-00")).Bind(2, to ? to->ToString() : std::string("9999-99"));
  std::vector<CountryTotal> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, st.Step());
    if (!more) break;
    CountryTotal t;
    BH_ASSIGN_OR_RETURN(t.month, Month::Parse(st.Text(0)));
    t.iso3 = st.Text(1);
    t.women = st.Int(2);
    t.men = st.Int(3);
    t.total = st.Int(4);
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<MonthDataset>> MonthDatasets(Db* db) {
  BH_ASSIGN_OR_RETURN(Stmt st, db->Prepare("SELECT s.month, s.dataset, i.synthetic FROM month_source s"
                                           " JOIN import i ON i.id = s.import_id ORDER BY s.month, s.dataset"));
  std::vector<MonthDataset> out;
  for (;;) {
    BH_ASSIGN_OR_RETURN(bool more, st.Step());
    if (!more) break;
    BH_ASSIGN_OR_RETURN(Month m, Month::Parse(st.Text(0)));
    if (out.empty() || out.back().month != m) out.push_back({m});
    bool synthetic = st.Int(2) != 0;
    if (st.Text(1) == "contribution") {
      out.back().contribution = true;
      out.back().contribution_synthetic = synthetic;
    } else {
      out.back().country_total = true;
      out.back().country_total_synthetic = synthetic;
    }
  }
  return out;
}

namespace {

// The sums of one month and category (or all).
struct Sum {
  int64_t women = 0, men = 0, total = 0;
  bool sex_known = true;
  std::set<std::string> countries;
  void Add(std::string_view iso3, std::optional<int64_t> w, std::optional<int64_t> m, int64_t t) {
    if (w && m) {
      women += *w;
      men += *m;
    } else {
      sex_known = false;
    }
    total += t;
    if (t > 0) countries.emplace(iso3);
  }
};

// Key: month index, category index (-1: all).
using Sums = std::map<std::pair<int, int>, Sum>;

int CategoryKey(std::optional<Category> c) { return c ? static_cast<int>(*c) : -1; }

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

Result<Series> SeriesFor(Db* db, const FigureFilter& f, const SeriesOptions& options) {
  std::optional<GroupInfo> group;
  if (!f.group.empty()) {
    BH_ASSIGN_OR_RETURN(GroupInfo g, GetGroup(db, f.group));
    group = std::move(g);
  }
  // A mission or a type is a row of a report: only FigureRows knows it.
  const bool row_filter = !f.missions.empty() || !f.types.empty();
  const bool use_rows = row_filter || options.force_rows;
  const bool all = options.all_categories;

  // Which months have which data, and the range.
  BH_ASSIGN_OR_RETURN(std::vector<MonthDataset> datasets, MonthDatasets(db));
  std::map<Month, MonthDataset> by_month;
  for (const MonthDataset& d : datasets) {
    // Rank files give totals per country only: they serve `all` alone, and
    // not under a mission or type filter.
    if (d.contribution || (all && !row_filter && d.country_total)) by_month[d.month] = d;
  }
  if (by_month.empty()) {
    return Status::NotFound("no contribution figures imported yet (run 'bluehelmet import FILE' or 'make demo')");
  }
  Series s;
  s.first = f.from ? *f.from : by_month.begin()->first;
  s.last = f.to ? *f.to : by_month.rbegin()->first;
  if (s.last < s.first) return Status::InvalidArgument("the series' last month is before its first");
  // Which source a month uses, and whether it is synthetic.
  auto source_of = [&](Month m) -> std::pair<SeriesSource, bool> {
    auto it = by_month.find(m);
    if (it == by_month.end()) return {SeriesSource::kNone, false};
    if (it->second.contribution) return {SeriesSource::kReports, it->second.contribution_synthetic};
    return {SeriesSource::kCountryTotals, it->second.country_total_synthetic};
  };
  bool any_real = false, any_synthetic = false;
  for (Month m = s.first; m <= s.last; m = m.Next()) {
    auto [src, synthetic] = source_of(m);
    if (src == SeriesSource::kNone) continue;
    (synthetic ? any_synthetic : any_real) = true;
  }
  if (!any_real && !any_synthetic) {
    return Status::NotFound(
        fmt::format("no figures from {} to {} (see 'bluehelmet months')", s.first.ToString(), s.last.ToString()));
  }
  s.synthetic = !any_real;

  // The subject's countries in a month (empty vector = no restriction).
  std::optional<Month> members_month;
  std::vector<std::string> members;
  auto counts = [&](Month m, std::string_view iso3) {
    if (!f.countries.empty() && !Contains(f.countries, iso3)) return false;
    if (group) {
      if (members_month != m) {
        members = group->MembersIn(m);
        members_month = m;
      }
      if (!std::binary_search(members.begin(), members.end(), iso3)) return false;
    }
    return true;
  };
  auto category_ok = [&](Category c) {
    return f.categories.empty() || std::find(f.categories.begin(), f.categories.end(), c) != f.categories.end();
  };

  Sums sums;
  std::set<Category> seen;
  if (use_rows) {
    FigureFilter rf = f;
    rf.from = s.first;
    rf.to = s.last;
    BH_ASSIGN_OR_RETURN(std::vector<FigureRow> rows, FigureRows(db, rf));
    for (const FigureRow& r : rows) {
      if (!r.category) continue;  // a row with no type counts in no category
      seen.insert(*r.category);
      std::optional<Category> key = all ? std::nullopt : r.category;
      sums[{r.month.Index(), CategoryKey(key)}].Add(r.iso3, r.women, r.men, r.total);
    }
    s.used_rows = true;
  } else {
    // A group or a list of countries reads only their records.
    std::vector<std::string> wanted = !f.countries.empty() ? f.countries
                                      : group              ? group->AllMembers()
                                                           : std::vector<std::string>{};
    BH_ASSIGN_OR_RETURN(std::vector<MonthlyFigures> figures,
                        wanted.empty() ? MonthlyFiguresAllCountries(db) : MonthlyFiguresOf(db, wanted));
    for (const MonthlyFigures& m : figures) {
      if (m.month < s.first || s.last < m.month || !category_ok(m.category) || !counts(m.month, m.Iso3())) continue;
      seen.insert(m.category);
      std::optional<Category> key = all ? std::nullopt : std::optional<Category>(m.category);
      Sum& sum = sums[{m.month.Index(), CategoryKey(key)}];
      if (m.sex_known) {
        sum.Add(m.Iso3(), m.women, m.men, m.total);
      } else {
        sum.Add(m.Iso3(), std::nullopt, std::nullopt, m.total);
      }
    }
  }
  if (all && !row_filter) {
    // Months the reports do not cover take the rank files' totals.
    BH_ASSIGN_OR_RETURN(std::vector<CountryTotal> totals, CountryTotals(db, s.first, s.last));
    for (const CountryTotal& t : totals) {
      if (source_of(t.month).first != SeriesSource::kCountryTotals || !counts(t.month, t.iso3)) continue;
      sums[{t.month.Index(), -1}].Add(t.iso3, t.women, t.men, t.total);
    }
  }

  // The categories shown: all alone; else the ones asked for (by category
  // or by type); else those with figures in the range.
  std::vector<std::optional<Category>> cats;
  if (all) {
    cats.push_back(std::nullopt);
  } else {
    for (Category c : kAllCategories) {
      bool asked = !f.categories.empty() ? category_ok(c)
                   : !f.types.empty()    ? std::any_of(f.types.begin(), f.types.end(),
                                                       [&](PersonnelType t) { return CategoryOf(t) == c; })
                                         : seen.count(c) > 0;
      if (asked) cats.emplace_back(c);
    }
  }
  if (cats.empty()) {
    return Status::NotFound(
        fmt::format("no figures for this selection from {} to {}", s.first.ToString(), s.last.ToString()));
  }

  BH_ASSIGN_OR_RETURN(TargetTable targets, LoadTargetTable(db));
  s.target_version = targets.version();
  for (Month m = s.first; m <= s.last; m = m.Next()) {
    auto [src, synthetic] = source_of(m);
    bool excluded = synthetic && any_real;
    if (excluded) ++s.synthetic_excluded;
    for (const std::optional<Category>& c : cats) {
      SeriesMonth p;
      p.month = m;
      p.category = c;
      if (c) p.target = targets.Lookup(*c, m.year);
      if (src == SeriesSource::kNone || excluded) {
        p.missing = true;
        p.synthetic_excluded = excluded;
        s.points.push_back(std::move(p));
        continue;
      }
      p.source = src;
      p.synthetic = synthetic;
      auto it = sums.find({m.Index(), CategoryKey(c)});
      if (it != sums.end()) {
        p.women = it->second.women;
        p.men = it->second.men;
        p.total = it->second.total;
        p.sex_known = it->second.sex_known;
        p.countries = static_cast<int>(it->second.countries.size());
      }
      p.status = StatusFor(p.women, p.total, p.sex_known, p.target);
      s.points.push_back(std::move(p));
    }
  }
  return s;
}

}  // namespace bh
