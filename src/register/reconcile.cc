#include "register/reconcile.h"

#include <map>
#include <tuple>

namespace bh {

Reconciliation Reconcile(const Headcount& reg, const std::vector<UnCell>& un, Month m) {
  Reconciliation r;
  r.month = m;
  r.date = reg.date;
  r.hq_excluded = reg.hq_women + reg.hq_men;
  // Key: mission, type order (-1 = no type), type label.
  using Key = std::tuple<std::string, int, std::string>;
  struct Pair {
    std::optional<HeadcountCell> reg;
    std::optional<UnCell> un;
  };
  std::map<Key, Pair> cells;
  auto order = [](PersonnelType t) {
    for (size_t i = 0; i < kAllPersonnelTypes.size(); ++i) {
      if (kAllPersonnelTypes[i] == t) return static_cast<int>(i);
    }
    return -1;
  };
  for (const HeadcountCell& c : reg.cells) {
    cells[{c.mission, order(c.type), std::string(PersonnelTypeLabel(c.type))}].reg = c;
  }
  for (const UnCell& c : un) {
    Key k{c.mission, c.type ? order(*c.type) : -1, c.type ? std::string(PersonnelTypeLabel(*c.type)) : "(none)"};
    cells[k].un = c;
  }
  for (const auto& [k, p] : cells) {
    const std::string& mission = std::get<0>(k);
    const std::string& type = std::get<2>(k);
    int64_t reg_w = p.reg ? p.reg->women : 0, reg_m = p.reg ? p.reg->men : 0;
    auto compare = [&](const std::string& sex, int64_t a, int64_t b) {
      if (a == b) {
        ++r.agreeing;
      } else {
        r.differences.push_back({mission, type, sex, a, b});
      }
    };
    if (p.un && !p.un->women) {
      compare("total", reg_w + reg_m, p.un->total);
      continue;
    }
    compare("F", reg_w, p.un ? *p.un->women : 0);
    compare("M", reg_m, p.un ? *p.un->men : 0);
  }
  return r;
}

}  // namespace bh
