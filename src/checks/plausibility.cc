#include "checks/plausibility.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <tuple>

namespace bh {

namespace {

// A swapped row needs this many personnel: a handful of officers changing
// from men to women between two months is an ordinary rotation.
constexpr int64_t kMinSwapRow = 10;
// "Mostly men": the neighbours' share of women below this (and the reverse
// for "mostly women"). Sweden's MINUSMA troops (34 women of 89 in 2020-07)
// printed as 98 women and no men in 2020-08 are "mostly men" too.
constexpr double kMostly = 0.5;
// "The same strength": the row's total within this factor of a neighbour's.
constexpr double kStrengthFactor = 2.0;
// A country-category's share of women is compared when it has this many
// personnel in the month and in both neighbours.
constexpr int64_t kMinShareTotal = 50;
// ... and fires when it is this far (in share points) from both neighbours,
// which agree with each other within kNeighboursAgree.
constexpr double kShareJump = 0.15;
constexpr double kNeighboursAgree = 0.05;
// The whole month's share of women: smaller jumps matter.
constexpr double kMonthShareJump = 0.03;
constexpr double kMonthNeighboursAgree = 0.015;
// A gap: the same strength (within this fraction) before and after, at least
// kMinGapTotal personnel.
constexpr double kGapSameStrength = 0.10;
constexpr int64_t kMinGapTotal = 10;

// iso3, mission, type: views of a row's text, valid while its month is.
using RowKey = std::tuple<std::string_view, std::string_view, int>;

RowKey KeyOf(const SeriesRow& r) { return {r.iso3, r.mission, r.type ? static_cast<int>(*r.type) : -1}; }

// The first row of `m` for each key of `wanted` that `m` has.
std::map<RowKey, const SeriesRow*> Index(const MonthRows& m, const std::map<RowKey, const SeriesRow*>& wanted) {
  std::map<RowKey, const SeriesRow*> out;
  for (const SeriesRow& r : m.rows) {
    const RowKey key = KeyOf(r);
    if (wanted.count(key)) out.emplace(key, &r);
  }
  return out;
}

// A row with a sex split, of one sex only, large enough to tell.
bool IsSwapCandidate(const SeriesRow& r) {
  if (!r.women || !r.men || r.total < kMinSwapRow) return false;
  return (*r.men == 0 && *r.women > 0) || (*r.women == 0 && *r.men > 0);
}

struct Sums {
  int64_t women = 0, men = 0, total = 0;
  bool sex_known = true;
  std::optional<double> Share() const {
    if (!sex_known || total <= 0) return std::nullopt;
    return static_cast<double>(women) / static_cast<double>(total);
  }
};

void Add(Sums& s, const SeriesRow& r) {
  s.total += r.total;
  if (r.women) {
    s.women += *r.women;
    s.men += r.men.value_or(0);
  } else {
    s.sex_known = false;
  }
}

std::string Percent(double share) { return fmt::format("{:.1f} %", share * 100.0); }

std::string Describe(const NeighbourFigure& n) {
  if (!n.women) return fmt::format("{}: {} (no sex split)", n.month.ToString(), n.total);
  return fmt::format("{}: {} men, {} women", n.month.ToString(), n.men.value_or(0), *n.women);
}

std::string Where(const Anomaly& a) {
  std::string s = a.iso3;
  if (!a.mission.empty()) s += " " + a.mission;
  if (a.type) s += " " + std::string(PersonnelTypeLabel(*a.type));
  return s;
}

NeighbourFigure Neighbour(Month m, const SeriesRow& r) { return {m, r.women, r.men, r.total}; }

// A row with a sex split that counts only women or only men: the shape of
// a swapped row.
bool OneSexOnly(const SeriesRow& r) { return r.women && (*r.women == 0 || r.men.value_or(0) == 0); }
NeighbourFigure Neighbour(Month m, const Sums& s) {
  if (!s.sex_known) return {m, std::nullopt, std::nullopt, s.total};
  return {m, s.women, s.men, s.total};
}

// Row level: 0 men and N women where the same cell had mostly men in the
// neighbouring months, at about the same strength (or the reverse). The
// evidence is two months that agree against the row: the nearest on each
// side, or, where only one side has the cell, the two nearest on that side.
// A lone neighbour whose cell holds one sex only could itself be the
// swapped one: with only 2020-07, 2020-08 and 2020-09 stored, 2020-07's
// ordinary rows of men looked swapped against 2020-08's rows printed as
// women, and only 2020-09 shows that 2020-08 is the odd one. A lone
// neighbour with both sexes cannot be a swapped row, and is enough (Kenya's
// UNMISS police: 10 women and 8 men in 2020-07, 0 and 18 in 2020-08, no
// row in 2020-09).
void DetectSwaps(const MonthRows& month, const Around& around, std::vector<Anomaly>* out) {
  // Only rows of one sex can look swapped: the neighbours are searched for
  // those rows' cells alone, and not at all in a month without such a row
  // (issue 16: indexing every neighbour's every row took most of the
  // checks' time on a 3,000,000-row import).
  std::map<RowKey, const SeriesRow*> wanted;
  for (const SeriesRow& r : month.rows) {
    if (IsSwapCandidate(r)) wanted.emplace(KeyOf(r), nullptr);
  }
  if (wanted.empty()) return;
  std::map<const MonthRows*, std::map<RowKey, const SeriesRow*>> indexes;
  for (const MonthRows* m : {around.before, around.after, around.before_before, around.after_after}) {
    if (m && !indexes.count(m)) indexes.emplace(m, Index(*m, wanted));
  }
  // The cell in month m, when m has it with a sex split.
  auto cell = [&](const MonthRows* m, const RowKey& key) -> const SeriesRow* {
    if (!m) return nullptr;
    const auto& index = indexes.at(m);
    auto it = index.find(key);
    if (it == index.end() || !it->second->women || it->second->total <= 0) return nullptr;
    return it->second;
  };
  for (const SeriesRow& r : month.rows) {
    if (!IsSwapCandidate(r)) continue;
    const bool all_women = *r.men == 0;  // else all men (IsSwapCandidate)
    const RowKey key = KeyOf(r);
    // The months that speak for the cell, oldest first.
    std::vector<std::pair<Month, const SeriesRow*>> witnesses;
    const SeriesRow* before = cell(around.before, key);
    const SeriesRow* after = cell(around.after, key);
    if (before && after) {
      witnesses = {{around.before->month, before}, {around.after->month, after}};
    } else if (before) {
      if (const SeriesRow* further = cell(around.before_before, key)) {
        witnesses = {{around.before_before->month, further}, {around.before->month, before}};
      } else if (OneSexOnly(*before)) {
        continue;
      } else {
        witnesses = {{around.before->month, before}};
      }
    } else if (after) {
      if (const SeriesRow* further = cell(around.after_after, key)) {
        witnesses = {{around.after->month, after}, {around.after_after->month, further}};
      } else if (OneSexOnly(*after)) {
        continue;
      } else {
        witnesses = {{around.after->month, after}};
      }
    } else {
      continue;
    }
    bool contradicts = true, same_strength = false;
    std::vector<NeighbourFigure> evidence;
    for (const auto& [m, n] : witnesses) {
      double share = static_cast<double>(*n->women) / static_cast<double>(n->total);
      if (all_women ? share >= kMostly : share <= 1.0 - kMostly) contradicts = false;
      double ratio = static_cast<double>(r.total) / static_cast<double>(n->total);
      if (ratio <= kStrengthFactor && ratio >= 1.0 / kStrengthFactor) same_strength = true;
      evidence.push_back(Neighbour(m, *n));
    }
    if (!contradicts || !same_strength) continue;
    Anomaly a;
    a.kind = Anomaly::Kind::kSexSwapped;
    a.severity = r.total >= 100 ? Anomaly::Severity::kHigh : Anomaly::Severity::kMedium;
    a.month = month.month;
    a.iso3 = r.iso3;
    a.mission = r.mission;
    a.type = r.type;
    a.women = r.women;
    a.men = r.men;
    a.total = r.total;
    a.import_id = r.import_id;
    a.page = r.page;
    a.line = r.line;
    a.neighbours = evidence;
    std::vector<std::string> seen;
    for (const NeighbourFigure& n : evidence) seen.push_back(Describe(n));
    a.summary = fmt::format("{}: {} men, {} women printed; {} (the sexes look swapped)", Where(a), *r.men, *r.women,
                            fmt::join(seen, "; "));
    out->push_back(std::move(a));
  }
}

// `key` in the sorted map `m`, searched from `from` on, for keys asked in
// ascending order: one merge over the map instead of a search per key.
template <class Map>
typename Map::const_iterator FindFrom(const Map& m, typename Map::const_iterator& from,
                                      const typename Map::key_type& key) {
  while (from != m.end() && m.key_comp()(from->first, key)) ++from;
  if (from != m.end() && !m.key_comp()(key, from->first)) return from;
  return m.end();
}

// A share that leaves both neighbours, which agree with each other.
bool Jumps(double share, double before, double after, double jump, double agree) {
  return std::abs(before - after) <= agree && std::abs(share - before) >= jump && std::abs(share - after) >= jump;
}

using CountryCategorySums = std::map<std::pair<std::string, Category>, Sums>;

CountryCategorySums ByCountryCategory(const MonthRows& m) {
  CountryCategorySums out;
  // A country's rows mostly follow each other: its categories' entries are
  // looked up once per run of its rows, not once per row (issue 16).
  std::array<CountryCategorySums::iterator, kAllCategories.size()> entry;
  const std::string* country = nullptr;
  for (const SeriesRow& r : m.rows) {
    if (!r.type) continue;
    if (country == nullptr || r.iso3 != *country) {
      entry.fill(out.end());
      country = &r.iso3;
    }
    const Category c = CategoryOf(*r.type);
    auto& it = entry[static_cast<size_t>(c)];
    // The hint: rows in order of country add at the end at no search.
    if (it == out.end()) it = out.try_emplace(out.end(), {r.iso3, c});
    Add(it->second, r);
  }
  return out;
}

}  // namespace

struct MonthSums {
  CountryCategorySums by_country_category;
  // Per country ({iso3, ""}) and per country and mission: DetectGaps.
  std::map<std::pair<std::string, std::string>, Sums> by_country, by_country_mission;
  bool has_missions = false;  // rows, and a mission on each
  Sums all;
};

std::shared_ptr<const MonthSums> SumMonth(const MonthRows& m) {
  auto out = std::make_shared<MonthSums>();
  out->by_country_category = ByCountryCategory(m);
  out->has_missions = !m.rows.empty();
  // Consecutive rows mostly share the key: looked up once per run.
  auto country = out->by_country.end(), mission = out->by_country_mission.end();
  for (const SeriesRow& r : m.rows) {
    if (r.mission.empty()) out->has_missions = false;
    // The hints: rows in order of country and mission add at the end.
    if (country == out->by_country.end() || country->first.first != r.iso3) {
      country = out->by_country.try_emplace(out->by_country.end(), std::pair<std::string, std::string>{r.iso3, ""});
    }
    Add(country->second, r);
    if (mission == out->by_country_mission.end() || mission->first.first != r.iso3 ||
        mission->first.second != r.mission) {
      mission = out->by_country_mission.try_emplace(out->by_country_mission.end(),
                                                    std::pair<std::string, std::string>{r.iso3, r.mission});
    }
    Add(mission->second, r);
    Add(out->all, r);
  }
  return out;
}

namespace {

void DetectShareJumps(const MonthRows& month, const MonthRows& before, const MonthRows& after,
                      const MonthSums& now_sums, const MonthSums& before_sums, const MonthSums& after_sums,
                      const std::vector<Anomaly>& swaps, std::vector<Anomaly>* out) {
  const CountryCategorySums &now = now_sums.by_country_category, &b = before_sums.by_country_category,
                            &a = after_sums.by_country_category;
  auto from_b = b.begin(), from_a = a.begin();
  for (const auto& [key, s] : now) {
    auto ib = FindFrom(b, from_b, key), ia = FindFrom(a, from_a, key);
    if (ib == b.end() || ia == a.end()) continue;
    std::optional<double> share = s.Share(), sb = ib->second.Share(), sa = ia->second.Share();
    if (!share || !sb || !sa) continue;
    if (s.total < kMinShareTotal || ib->second.total < kMinShareTotal || ia->second.total < kMinShareTotal) continue;
    if (!Jumps(*share, *sb, *sa, kShareJump, kNeighboursAgree)) continue;
    // Explained by a swapped row of the same country and category: one
    // finding, the row's.
    // (A copy: clang 14 does not let a lambda capture a structured binding.)
    const auto& cell = key;
    bool explained = std::any_of(swaps.begin(), swaps.end(), [&](const Anomaly& w) {
      return w.iso3 == cell.first && w.type && CategoryOf(*w.type) == cell.second;
    });
    if (explained) continue;
    Anomaly x;
    x.kind = Anomaly::Kind::kShareJump;
    x.severity = Anomaly::Severity::kMedium;
    x.month = month.month;
    x.iso3 = key.first;
    x.category = key.second;
    x.women = s.women;
    x.men = s.men;
    x.total = s.total;
    x.neighbours = {Neighbour(before.month, ib->second), Neighbour(after.month, ia->second)};
    x.summary = fmt::format("{} {}: {} women of {} ({}), against {} in {} and {} in {}", key.first,
                            CategoryLabel(key.second), s.women, s.total, Percent(*share), Percent(*sb),
                            before.month.ToString(), Percent(*sa), after.month.ToString());
    out->push_back(std::move(x));
  }
  const Sums &all = now_sums.all, &all_b = before_sums.all, &all_a = after_sums.all;
  std::optional<double> share = all.Share(), sb = all_b.Share(), sa = all_a.Share();
  if (share && sb && sa && Jumps(*share, *sb, *sa, kMonthShareJump, kMonthNeighboursAgree)) {
    Anomaly x;
    x.kind = Anomaly::Kind::kMonthShareJump;
    x.severity = Anomaly::Severity::kHigh;
    x.month = month.month;
    x.women = all.women;
    x.men = all.men;
    x.total = all.total;
    x.neighbours = {Neighbour(before.month, all_b), Neighbour(after.month, all_a)};
    x.summary =
        fmt::format("the whole month: {} women of {} ({}), against {} in {} and {} in {}", all.women, all.total,
                    Percent(*share), Percent(*sb), before.month.ToString(), Percent(*sa), after.month.ToString());
    out->push_back(std::move(x));
  }
}

// A country, or a country in a mission, absent for one month and back at
// the same strength. Mission level only where all three months give
// missions.
void DetectGaps(const MonthRows& month, const MonthRows& before, const MonthRows& after, const MonthSums& now_sums,
                const MonthSums& before_sums, const MonthSums& after_sums, std::vector<Anomaly>* out) {
  for (bool by_mission : {false, true}) {
    if (by_mission && !(now_sums.has_missions && before_sums.has_missions && after_sums.has_missions)) {
      continue;
    }
    const auto& now = by_mission ? now_sums.by_country_mission : now_sums.by_country;
    const auto& b = by_mission ? before_sums.by_country_mission : before_sums.by_country;
    const auto& a = by_mission ? after_sums.by_country_mission : after_sums.by_country;
    auto from_now = now.begin(), from_a = a.begin();
    for (const auto& [key, sb] : b) {
      if (FindFrom(now, from_now, key) != now.end()) continue;
      auto ia = FindFrom(a, from_a, key);
      if (ia == a.end()) continue;
      const Sums& sa = ia->second;
      int64_t hi = std::max(sb.total, sa.total), lo = std::min(sb.total, sa.total);
      if (lo < kMinGapTotal || static_cast<double>(hi - lo) > kGapSameStrength * static_cast<double>(hi)) continue;
      // A whole country's gap says everything about its missions.
      const std::string& iso3 = key.first;  // a lambda may not capture a structured binding (clang 14)
      if (by_mission && !now.count({iso3, ""}) && std::any_of(out->begin(), out->end(), [&](const Anomaly& g) {
            return g.kind == Anomaly::Kind::kGap && g.iso3 == iso3 && g.mission.empty();
          })) {
        continue;
      }
      Anomaly x;
      x.kind = Anomaly::Kind::kGap;
      x.severity = Anomaly::Severity::kMedium;
      x.month = month.month;
      x.iso3 = key.first;
      x.mission = key.second;
      x.neighbours = {Neighbour(before.month, sb), Neighbour(after.month, sa)};
      x.summary = fmt::format("{}{}: absent, with {} in {} and {} in {}", key.first,
                              key.second.empty() ? "" : " in " + key.second, sb.total, before.month.ToString(),
                              sa.total, after.month.ToString());
      out->push_back(std::move(x));
    }
  }
}

}  // namespace

std::string_view KindName(Anomaly::Kind k) {
  switch (k) {
    case Anomaly::Kind::kSexSwapped:
      return "sex swapped";
    case Anomaly::Kind::kShareJump:
      return "share jump";
    case Anomaly::Kind::kMonthShareJump:
      return "month share jump";
    case Anomaly::Kind::kGap:
      return "gap";
  }
  return "?";
}

std::string_view KindCode(Anomaly::Kind k) {
  switch (k) {
    case Anomaly::Kind::kSexSwapped:
      return "sex_swapped";
    case Anomaly::Kind::kShareJump:
      return "share_jump";
    case Anomaly::Kind::kMonthShareJump:
      return "month_share_jump";
    case Anomaly::Kind::kGap:
      return "gap";
  }
  return "?";
}

std::optional<Anomaly::Kind> KindFromCode(std::string_view code) {
  for (Anomaly::Kind k :
       {Anomaly::Kind::kSexSwapped, Anomaly::Kind::kShareJump, Anomaly::Kind::kMonthShareJump, Anomaly::Kind::kGap}) {
    if (KindCode(k) == code) return k;
  }
  return std::nullopt;
}

std::string_view SeverityName(Anomaly::Severity s) {
  switch (s) {
    case Anomaly::Severity::kLow:
      return "low";
    case Anomaly::Severity::kMedium:
      return "medium";
    case Anomaly::Severity::kHigh:
      return "high";
  }
  return "?";
}

AroundMonths AroundOf(const std::vector<Month>& stored, size_t i) {
  // The nearest stored month before and after index k, within reach.
  auto before = [&](size_t k) -> std::optional<Month> {
    if (k == 0 || stored[k].Index() - stored[k - 1].Index() > kMaxNeighbourGapMonths) return std::nullopt;
    return stored[k - 1];
  };
  auto after = [&](size_t k) -> std::optional<Month> {
    if (k + 1 >= stored.size() || stored[k + 1].Index() - stored[k].Index() > kMaxNeighbourGapMonths) {
      return std::nullopt;
    }
    return stored[k + 1];
  };
  AroundMonths out;
  out.before = before(i);
  if (out.before) out.before_before = before(i - 1);
  out.after = after(i);
  if (out.after) out.after_after = after(i + 1);
  return out;
}

std::vector<Anomaly> Detect(const MonthRows& month, const Around& around) {
  std::vector<Anomaly> out;
  DetectSwaps(month, around, &out);
  if (around.before && around.after) {
    // The sums of each month, computed here where the caller gave none.
    auto sums = [](const MonthRows& m) { return m.sums ? m.sums : SumMonth(m); };
    const std::shared_ptr<const MonthSums> now = sums(month), before = sums(*around.before),
                                           after = sums(*around.after);
    std::vector<Anomaly> swaps = out;
    DetectShareJumps(month, *around.before, *around.after, *now, *before, *after, swaps, &out);
    DetectGaps(month, *around.before, *around.after, *now, *before, *after, &out);
  }
  return out;
}

std::vector<Anomaly> Detect(const MonthRows& month, const std::optional<MonthRows>& before,
                            const std::optional<MonthRows>& after) {
  Around around;
  if (before) around.before = &*before;
  if (after) around.after = &*after;
  return Detect(month, around);
}

std::string DescribeFindings(const std::vector<Anomaly>& found) {
  std::map<Month, std::map<Anomaly::Kind, int>> by_month;
  for (const Anomaly& a : found) ++by_month[a.month][a.kind];
  std::vector<std::string> parts;
  for (const auto& [month, kinds] : by_month) {
    std::vector<std::string> k;
    for (const auto& [kind, n] : kinds) k.push_back(fmt::format("{} {}", n, KindName(kind)));
    parts.push_back(fmt::format("{}: {}", month.ToString(), fmt::join(k, ", ")));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace bh
