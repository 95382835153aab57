#include "scorecard/scorecard.h"

#include <algorithm>
#include <map>

#include "base/int128.h"

namespace bh {

std::string_view ParityStatusName(ParityStatus s) {
  switch (s) {
    case ParityStatus::kGreen:
      return "green";
    case ParityStatus::kYellow:
      return "yellow";
    case ParityStatus::kRed:
      return "red";
    case ParityStatus::kNoTarget:
      return "no target";
    case ParityStatus::kNoSexSplit:
      return "no sex split";
  }
  return "?";
}

std::optional<Fraction> ScoreRow::share() const {
  if (!sex_known || total <= 0) return std::nullopt;
  return Fraction::Of(women, total);
}

ParityStatus StatusFor(int64_t women, int64_t total, bool sex_known, const std::optional<Target>& target) {
  if (!sex_known) return ParityStatus::kNoSexSplit;
  if (women == 0) return ParityStatus::kRed;
  if (!target) return ParityStatus::kNoTarget;
  return MeetsTarget(women, total, target->share) ? ParityStatus::kGreen : ParityStatus::kYellow;
}

namespace {

ScoreRow Score(const std::string& key, bool group, Category c, int64_t women, int64_t total, bool sex_known,
               const std::optional<Target>& target) {
  ScoreRow r;
  r.iso3 = key;
  r.group_total = group;
  r.category = c;
  r.women = women;
  r.total = total;
  r.sex_known = sex_known;
  r.target = target;
  r.status = StatusFor(women, total, sex_known, target);
  if (target && sex_known) r.women_needed = WomenNeeded(women, total, target->share);
  return r;
}

// Competition ranking ("1224") over rows of one category, by `better`.
template <typename Better>
void Rank(std::vector<ScoreRow*>& rows, Better better, int ScoreRow::*field) {
  std::sort(rows.begin(), rows.end(), [&](const ScoreRow* a, const ScoreRow* b) {
    if (better(*a, *b)) return true;
    if (better(*b, *a)) return false;
    return a->iso3 < b->iso3;
  });
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && !better(*rows[i - 1], *rows[i])) {
      rows[i]->*field = rows[i - 1]->*field;
    } else {
      rows[i]->*field = static_cast<int>(i + 1);
    }
  }
}

}  // namespace

std::vector<ScoreRow> ComputeScorecard(const std::vector<CategoryFigures>& all, const TargetTable& targets, int year,
                                       const std::vector<std::string>& countries, const std::string& group_name) {
  std::map<std::pair<Category, std::string>, ScoreRow> scored;
  for (const CategoryFigures& f : all) {
    if (f.total <= 0) continue;
    scored.emplace(std::make_pair(f.category, f.iso3),
                   Score(f.iso3, false, f.category, f.women, f.total, f.sex_known, targets.Lookup(f.category, year)));
  }
  // World ranks per category, among countries whose sex split is known.
  std::map<Category, std::vector<ScoreRow*>> by_cat;
  for (auto& [key, row] : scored) {
    if (row.sex_known) by_cat[key.first].push_back(&row);
  }
  for (auto& [cat, rows] : by_cat) {
    Rank(
        rows, [](const ScoreRow& a, const ScoreRow& b) { return a.women > b.women; }, &ScoreRow::rank_women);
    Rank(
        rows,
        [](const ScoreRow& a, const ScoreRow& b) {
          return static_cast<Int128>(a.women) * b.total > static_cast<Int128>(b.women) * a.total;
        },
        &ScoreRow::rank_share);
    for (ScoreRow* r : rows) r->ranked_countries = static_cast<int>(rows.size());
  }

  std::vector<ScoreRow> out;
  for (Category c : kAllCategories) {
    int64_t gw = 0, gt = 0;
    bool gknown = true, any = false;
    auto take = [&](const ScoreRow& r) {
      out.push_back(r);
      gw += r.women;
      gt += r.total;
      gknown = gknown && r.sex_known;
      any = true;
    };
    if (countries.empty()) {
      for (auto& [key, row] : scored) {
        if (key.first == c) take(row);
      }
    } else {
      for (const std::string& iso3 : countries) {
        auto it = scored.find({c, iso3});
        if (it != scored.end()) take(it->second);
      }
    }
    if (!group_name.empty() && any) {
      out.push_back(Score(group_name, true, c, gw, gt, gknown, targets.Lookup(c, year)));
    }
  }
  return out;
}

}  // namespace bh
