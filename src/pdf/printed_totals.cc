#include <map>
#include <tuple>

#include "pdf/contribution_report.h"

namespace bh::pdf {

namespace {

struct Sums {
  int64_t men = 0, women = 0, total = 0;
};

// (scope, mission, country, type) -> sums; "-1" stands for "any type".
using SumKey = std::tuple<int, std::string, std::string, int>;

}  // namespace

std::vector<Mismatch> CheckPrintedTotals(const ParsedReport& report) {
  std::vector<Mismatch> out;
  std::map<SumKey, Sums> sums;
  auto add = [&](const SumKey& k, const ReportRow& r) {
    Sums& s = sums[k];
    s.men += r.men.value_or(0);
    s.women += r.women.value_or(0);
    s.total += r.total;
  };
  using Scope = PrintedTotal::Scope;
  for (const ReportRow& r : report.rows) {
    if (r.men && r.women && *r.men + *r.women != r.total) {
      out.push_back({Scope::kGrand,
                     "page " + std::to_string(r.page) + " line " + std::to_string(r.line) + ": " + r.country +
                         (r.mission.empty() ? "" : " in " + r.mission),
                     "men+women", r.total, *r.men + *r.women});
    }
    for (int type : {-1, r.type ? static_cast<int>(*r.type) : -2}) {
      if (type == -2) continue;
      add({static_cast<int>(Scope::kGrand), "", "", type}, r);
      add({static_cast<int>(Scope::kMission), r.mission, "", type}, r);
      add({static_cast<int>(Scope::kCountry), "", r.country, type}, r);
      add({static_cast<int>(Scope::kMissionCountry), r.mission, r.country, type}, r);
    }
  }
  for (const PrintedTotal& t : report.totals) {
    SumKey k{static_cast<int>(t.scope), "", "", t.type ? static_cast<int>(*t.type) : -1};
    if (t.scope == Scope::kMission || t.scope == Scope::kMissionCountry) std::get<1>(k) = t.mission;
    if (t.scope == Scope::kCountry || t.scope == Scope::kMissionCountry) std::get<2>(k) = t.country;
    auto it = sums.find(k);
    Sums s = it == sums.end() ? Sums{} : it->second;
    if (t.men && *t.men != s.men) out.push_back({t.scope, t.Key(), "men", *t.men, s.men});
    if (t.women && *t.women != s.women) {
      out.push_back({t.scope, t.Key(), "women", *t.women, s.women});
    }
    if (t.total != s.total) out.push_back({t.scope, t.Key(), "total", t.total, s.total});
  }
  if (report.printed_row_count && *report.printed_row_count != static_cast<int64_t>(report.rows.size())) {
    out.push_back(
        {Scope::kGrand, "row count", "rows", *report.printed_row_count, static_cast<int64_t>(report.rows.size())});
  }
  return out;
}

std::string ToString(const Mismatch& m) {
  return m.key + ": " + m.what + ": printed " + std::to_string(m.printed) + ", computed " + std::to_string(m.computed);
}

}  // namespace bh::pdf
