#include "views/mission_views.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/strings.h"
#include "query/missions.h"
#include "query/queries.h"
#include "views/core_views.h"

namespace bh {
namespace {

// Women, men and total summed over rows; the sex split is known only when
// every row has it.
struct Sum {
  int64_t women = 0, men = 0, total = 0;
  bool sex_known = true;
  void Add(const FigureRow& r) {
    total += r.total;
    if (r.women && r.men) {
      women += *r.women;
      men += *r.men;
    } else {
      sex_known = false;
    }
  }
  Cell WomenCell() const { return sex_known ? Cell(women) : Cell::Null("-"); }
  Cell MenCell() const { return sex_known ? Cell(men) : Cell::Null("-"); }
  Cell Share() const {
    if (!sex_known || total == 0) return Cell::Null("-");
    return ShareCell(Fraction::Of(women, total));
  }
};

// The category key of a row: 0..4 in kAllCategories order, -1 for "All
// uniformed" (sorts first), 5 for rows the source gives no type.
int CategoryKey(const FigureRow& r) { return r.category ? static_cast<int>(*r.category) : 5; }
std::string CategoryName(int key) {
  if (key < 0) return std::string(kAllUniformedLabel);
  if (key >= static_cast<int>(kAllCategories.size())) return "(no type)";
  return std::string(CategoryLabel(kAllCategories[static_cast<size_t>(key)]));
}

Cell MonthCell(std::optional<Month> m) { return m ? Cell(m->ToString()) : Cell::Null("-"); }

// The provenance of the rows' months: the files, corrections, synthetic.
void AddProvenance(const std::vector<FigureRow>& rows, Table* t) {
  std::map<int64_t, SourceFile> files;
  std::set<std::string> errata;
  int64_t corrected = 0;
  for (const FigureRow& r : rows) {
    if (!files.count(r.import_id)) {
      SourceFile f;
      f.import_id = r.import_id;
      f.file_name = r.file_name;
      f.sha256 = r.sha256;
      f.synthetic = r.synthetic;
      files.emplace(r.import_id, f);
    }
    if (!r.erratum.empty()) {
      ++corrected;
      errata.insert(r.erratum);
    }
  }
  std::vector<SourceFile> list;
  bool synthetic = false;
  for (auto& [id, f] : files) {
    synthetic = synthetic || f.synthetic;
    list.push_back(f);
  }
  if (corrected > 0) {
    std::vector<std::string> shown(errata.begin(), errata.end());
    if (shown.size() > 3) shown.resize(3);
    t->notes.push_back(fmt::format(
        "{} figure(s) corrected (errata {}{}): see 'bluehelmet errata list'; --as-printed shows the UN's figures.",
        corrected, Join(shown, ", "), errata.size() > 3 ? ", ..." : ""));
  }
  t->notes.push_back(SourcesNote(list));
  if (synthetic) t->title += " [SYNTHETIC sample data]";
}

bool NarrowsCategories(const FigureFilter& f) { return !f.categories.empty() || !f.types.empty(); }

// "2021-04" or "2020-01 to 2021-04" (open ends: "from 2020-01", "to 2021-04").
std::string Span(const FigureFilter& f) {
  if (f.from && f.to) return f.from == f.to ? f.from->ToString() : f.from->ToString() + " to " + f.to->ToString();
  if (f.from) return "from " + f.from->ToString();
  if (f.to) return "to " + f.to->ToString();
  return "all months";
}

}  // namespace

Result<Table> MissionsTable(Db* db, const Reference& ref, const ParsedFigureFilter& parsed, std::optional<Month> month,
                            MonthValuesCache* known) {
  FigureFilter f = parsed.filter;
  if (f.from || f.to) {
    if (month) return Status::InvalidArgument("give either a month or from/to, not both");
  } else {
    if (!month) {
      BH_ASSIGN_OR_RETURN(month, LatestContributionMonth(db));
    }
    f.from = f.to = month;
  }
  BH_ASSIGN_OR_RETURN(std::vector<FigureRow> rows, FigureRows(db, f));
  BH_ASSIGN_OR_RETURN(std::vector<MissionInfoRow> infos, ListMissionInfo(db, known));
  std::map<std::string, const MissionInfoRow*> info;
  for (const MissionInfoRow& m : infos) info[m.acronym] = &m;

  bool with_all = !NarrowsCategories(f);
  bool only_all = parsed.all_categories;
  std::map<std::tuple<Month, std::string, int>, Sum> cells;
  int64_t without_mission = 0;
  for (const FigureRow& r : rows) {
    if (r.mission.empty()) {
      ++without_mission;
      continue;
    }
    if (!only_all) cells[{r.month, r.mission, CategoryKey(r)}].Add(r);
    if (with_all) cells[{r.month, r.mission, -1}].Add(r);
  }
  if (cells.empty()) {
    return Status::NotFound(fmt::format(
        "no mission figures for {}{}", Span(f),
        f.NarrowsRows() && (f.missions.size() || f.countries.size() || f.group.size()) ? " with these filters" : ""));
  }

  Table t;
  t.name = "missions";
  t.title = "Missions: strength and share of women per category, " + Span(f);
  ParsedFigureFilter rest = parsed;  // the months are in the title already
  rest.filter.from = rest.filter.to = std::nullopt;
  if (std::string d = DescribeFilter(ref, rest); !d.empty()) t.title += " (" + d + ")";
  t.columns = {"Month", "Mission", "Host ISO3", "Host",        "Category",   "Women",
               "Men",   "Total",   "Share",     "First month", "Last month", "Name"};
  std::set<std::string> missions;
  for (const auto& [key, sum] : cells) {
    const auto& [m, mission, cat] = key;
    missions.insert(mission);
    auto it = info.find(mission);
    const MissionInfoRow* mi = it == info.end() ? nullptr : it->second;
    std::string host_iso3 = mi ? mi->host_iso3 : "";
    t.AddRow({m.ToString(), mission, host_iso3.empty() ? Cell::Null("-") : Cell(host_iso3),
              host_iso3.empty() ? Cell::Null("-") : Cell(ref.CountryName(host_iso3)), CategoryName(cat),
              sum.WomenCell(), sum.MenCell(), sum.total, sum.Share(), MonthCell(mi ? mi->first_month : std::nullopt),
              MonthCell(mi ? mi->last_month : std::nullopt),
              mi && !mi->name.empty() ? Cell(mi->name) : Cell::Null("-")});
  }
  t.notes.push_back(fmt::format(
      "{} mission(s). Share = women / total, where every row summed has a sex split (else '-'). First and last "
      "month: the months the imported reports give figures for the mission.",
      missions.size()));
  if (without_mission > 0) {
    t.notes.push_back(fmt::format("{} row(s) whose source names no mission are not counted.", without_mission));
  }
  // A series says which months of its range no report covers (never
  // closed up in silence).
  if (f.from != f.to || !f.from) {
    BH_ASSIGN_OR_RETURN(auto sources, CurrentSourceFiles(db));
    std::set<Month> imported;
    for (const auto& [month_text, file] : sources) {
      if (auto m = Month::Parse(month_text); m.ok()) imported.insert(*m);
    }
    if (!imported.empty()) {
      Month lo = f.from ? std::max(*f.from, *imported.begin()) : *imported.begin();
      Month hi = f.to ? std::min(*f.to, *imported.rbegin()) : *imported.rbegin();
      std::vector<std::string> gaps;
      for (Month m = lo; m <= hi; m = m.Next()) {
        if (!imported.count(m)) gaps.push_back(m.ToString());
      }
      if (!gaps.empty()) {
        t.notes.push_back(
            fmt::format("No report imported for {} month(s) of the range: {}.", gaps.size(), Join(gaps, ", ")));
      }
    }
  }
  AddProvenance(rows, &t);
  return t;
}

std::string SourcesNote(const std::vector<SourceFile>& files) {
  if (files.size() <= 3) return DescribeSources(files);
  auto [first, last] = std::minmax_element(
      files.begin(), files.end(), [](const SourceFile& a, const SourceFile& b) { return a.file_name < b.file_name; });
  bool synthetic = std::any_of(files.begin(), files.end(), [](const SourceFile& f) { return f.synthetic; });
  return fmt::format("Source: {} imported files, from {} to {} (see 'bluehelmet months'){}", files.size(),
                     first->file_name, last->file_name,
                     synthetic ? ". SYNTHETIC sample data, generated by bluehelmet: not UN figures" : "");
}

Result<std::optional<Month>> ParseOptionalMonth(std::string_view text, std::string_view option) {
  if (Trim(text).empty()) return std::optional<Month>();
  auto m = Month::Parse(Trim(text));
  if (!m.ok()) return Status::InvalidArgument(fmt::format("{}: {}", option, m.status().message()));
  return std::optional<Month>(*m);
}

Result<ContributorOrder> ParseContributorOrder(std::string_view by, std::string_view option) {
  if (by == "total") return ContributorOrder::kTotal;
  if (by == "women") return ContributorOrder::kWomen;
  return Status::InvalidArgument(fmt::format("{}: '{}' is not one of total, women", option, by));
}

Result<Table> MissionContributorsTable(Db* db, const Reference& ref, std::string_view name,
                                       const ParsedFigureFilter& parsed, std::optional<Month> month,
                                       ContributorOrder order, MonthValuesCache* known) {
  BH_ASSIGN_OR_RETURN(MissionInfoRow mission, FindMission(db, name, known));
  if (!month) {
    BH_ASSIGN_OR_RETURN(month, LatestContributionMonth(db));
  }
  FigureFilter f = parsed.filter;
  f.from = f.to = month;
  f.missions = {mission.acronym};
  BH_ASSIGN_OR_RETURN(std::vector<FigureRow> rows, FigureRows(db, f));
  if (rows.empty()) {
    std::string when = mission.first_month
                           ? fmt::format(" (it has figures from {} to {})", mission.first_month->ToString(),
                                         mission.last_month->ToString())
                           : " (no imported report gives it figures)";
    return Status::NotFound(
        fmt::format("{}: no figures for {}{}{}", mission.acronym, month->ToString(),
                    f.NarrowsRows() && (f.countries.size() || f.group.size() || f.categories.size() || f.types.size())
                        ? " with these filters"
                        : "",
                    when));
  }
  bool with_all = !NarrowsCategories(f);
  bool only_all = parsed.all_categories;
  struct Contributor {
    std::string iso3, name;
    Sum all;
    std::map<int, Sum> by_category;
  };
  std::map<std::string, Contributor> by_country;
  Sum mission_sum;
  for (const FigureRow& r : rows) {
    Contributor& c = by_country[r.iso3];
    c.iso3 = r.iso3;
    c.name = ref.CountryName(r.iso3);
    c.all.Add(r);
    c.by_category[CategoryKey(r)].Add(r);
    mission_sum.Add(r);
  }
  if (order == ContributorOrder::kWomen && !mission_sum.sex_known) {
    return Status::InvalidArgument(fmt::format(
        "{} in {}: not every figure has a sex split, so contributors cannot be ranked by women (use --by total)",
        mission.acronym, month->ToString()));
  }
  std::vector<const Contributor*> ranked;
  for (const auto& [iso3, c] : by_country) ranked.push_back(&c);
  auto key = [order](const Contributor* c) { return order == ContributorOrder::kWomen ? c->all.women : c->all.total; };
  std::stable_sort(ranked.begin(), ranked.end(), [&](const Contributor* a, const Contributor* b) {
    if (key(a) != key(b)) return key(a) > key(b);
    return a->name < b->name;
  });

  Table t;
  std::string host = mission.host_iso3.empty() ? "host unknown" : ref.CountryName(mission.host_iso3);
  t.title = fmt::format("{} ({}): contributors by {}, {}", mission.acronym, host,
                        order == ContributorOrder::kWomen ? "women" : "total", month->ToString());
  ParsedFigureFilter rest = parsed;  // the mission and month are in the title already
  rest.filter.from = rest.filter.to = std::nullopt;
  rest.filter.missions.clear();
  if (std::string d = DescribeFilter(ref, rest); !d.empty()) t.title += " (" + d + ")";
  t.columns = {"Rank", "Country", "ISO3", "Category", "Women", "Men", "Total", "Share"};
  int rank = 0;
  int64_t previous = -1;
  for (size_t i = 0; i < ranked.size(); ++i) {
    const Contributor& c = *ranked[i];
    // Equal keys share a rank (1, 2, 2, 4).
    if (key(&c) != previous) rank = static_cast<int>(i) + 1;
    previous = key(&c);
    if (with_all) {
      t.AddRow({rank, c.name, c.iso3, std::string(kAllUniformedLabel), c.all.WomenCell(), c.all.MenCell(), c.all.total,
                c.all.Share()});
    }
    for (const auto& [cat, s] : c.by_category) {
      if (only_all) break;
      t.AddRow({rank, c.name, c.iso3, CategoryName(cat), s.WomenCell(), s.MenCell(), s.total, s.Share()});
    }
  }
  std::string share = mission_sum.sex_known && mission_sum.total > 0
                          ? fmt::format("{} women ({})", mission_sum.women,
                                        Fraction::Of(mission_sum.women, mission_sum.total).PercentText())
                          : "women unknown (no sex split)";
  t.notes.push_back(fmt::format("{}: {}{}; {} in {}: {} uniformed personnel, {}, from {} countries.", mission.acronym,
                                mission.name.empty() ? "name unknown" : mission.name,
                                mission.host_iso3.empty() ? "" : ", in " + host, mission.acronym, month->ToString(),
                                mission_sum.total, share, by_country.size()));
  t.notes.push_back(
      "Rank by each contributor's total (or women) over the rows shown; equal figures share a rank, then by name.");
  AddProvenance(rows, &t);
  return t;
}

}  // namespace bh
