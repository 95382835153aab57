#include "sample/generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "model/personnel.h"
#include "store/reference.h"
#include "store/reference_data.h"

namespace bh {

namespace {

// splitmix64: tiny, fast and identical on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  int64_t Below(int64_t n) { return n <= 0 ? 0 : static_cast<int64_t>(Next() % static_cast<uint64_t>(n)); }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }

 private:
  uint64_t s_;
};

uint64_t Hash(std::string_view s, uint64_t seed) {
  uint64_t h = seed ^ 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

// Contributor scale for the ADMM-Plus members (rough order of magnitude of
// their UN uniformed contributions; synthetic data is drawn around it).
struct Scale {
  std::string_view iso3;
  int strength;
};
constexpr Scale kScales[] = {
    {"IND", 5500}, {"IDN", 2700}, {"CHN", 2300}, {"KHM", 800}, {"MYS", 850}, {"KOR", 550},
    {"THA", 280},  {"VNM", 75},   {"MMR", 15},   {"PHL", 15},  {"RUS", 70},  {"USA", 30},
    {"AUS", 30},   {"JPN", 6},    {"NZL", 12},   {"BRN", 30},  {"SGP", 4},   {"LAO", 4},
};

// The first 12 serve every plan of up to 36 deployments (the demo's, and the
// 1x benchmark's); larger plans (the 10x benchmark) draw on all 24, one
// mission per personnel-type cycle, so no deployment repeats.
constexpr std::string_view kMissions[] = {"UNMISS",  "MINUSCA", "UNIFIL",   "MONUSCO", "UNISFA",    "MINURSO",
                                          "UNFICYP", "UNDOF",   "UNTSO",    "UNMOGIP", "MINUSMA",   "UNAMID",
                                          "UNMIL",   "UNOCI",   "MINUSTAH", "MONUC",   "UNMIS",     "UNMIT",
                                          "UNMEE",   "UNOMIG",  "MINURCAT", "UNMIK",   "MINUJUSTH", "UNSMIS"};
constexpr size_t kSmallPlanMissions = 12;

std::string UnName(std::string_view iso3) {
  for (const IsoCountry& c : IsoCountries()) {
    if (c.alpha3 == iso3) {
      return UnDisplayName(c.name);
    }
  }
  return std::string(iso3);
}

struct Deployment {
  std::string_view mission;
  PersonnelType type;
  int base;             // typical strength
  double share0;        // share of women at the start
  double share_growth;  // per year
};

std::vector<Deployment> PlanFor(std::string_view iso3, int strength, int count, Rng& rng) {
  std::vector<Deployment> out;
  // Contingents carry most of the strength; individual posts are small.
  std::array<PersonnelType, 5> types = {PersonnelType::kTroops, PersonnelType::kStaffOfficer,
                                        PersonnelType::kExpertsOnMission, PersonnelType::kIndividualPolice,
                                        PersonnelType::kFormedPoliceUnits};
  size_t m0 = static_cast<size_t>(Hash(iso3, 7) % kSmallPlanMissions);
  size_t ntypes = strength >= 500 ? 5 : 4;
  for (int i = 0; i < count; ++i) {
    Deployment d;
    size_t k = static_cast<size_t>(i);
    d.mission = count <= 36 ? kMissions[(m0 + k / 3) % kSmallPlanMissions]
                            : kMissions[(m0 + k / ntypes) % std::size(kMissions)];
    d.type = types[k % ntypes];
    bool unit = d.type == PersonnelType::kTroops || d.type == PersonnelType::kFormedPoliceUnits;
    int share_of_strength = unit ? std::max(1, strength / std::max(1, count / 2)) : std::max(1, strength / 60 + 2);
    d.base = std::max(1, static_cast<int>(share_of_strength * (0.6 + 0.8 * rng.Unit())));
    double typical = d.type == PersonnelType::kTroops              ? 0.05
                     : d.type == PersonnelType::kFormedPoliceUnits ? 0.10
                     : d.type == PersonnelType::kIndividualPolice  ? 0.18
                                                                   : 0.12;
    d.share0 = typical * (0.3 + 1.4 * rng.Unit());
    d.share_growth = 0.004 + 0.008 * rng.Unit();
    out.push_back(d);
  }
  return out;
}

}  // namespace

std::string GenerateSampleCsv(const SampleSpec& spec, SampleStats* stats) {
  std::vector<std::string> countries = spec.countries;
  if (countries.empty()) {
    for (const Scale& s : kScales) countries.emplace_back(s.iso3);
  }
  std::string out =
      "Contribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_Acronym,Personnel_Type,Female_Personnel,"
      "Male_Personnel,Last_Reporting_Date\r\n";
  int64_t id = 0;
  int months = spec.last.Index() - spec.first.Index() + 1;
  for (Month m = spec.first; m <= spec.last; m = m.Next()) {
    Date last_day = Date::LastDayOf(m);
    std::string date = fmt::format("{:02d}/{:02d}/{:04d}", last_day.day, last_day.month, last_day.year);
    double years = (m.Index() - spec.first.Index()) / 12.0;
    for (size_t ci = 0; ci < countries.size(); ++ci) {
      const std::string& iso3 = countries[ci];
      int strength = 40;
      for (const Scale& s : kScales) {
        if (s.iso3 == iso3) strength = s.strength;
      }
      if (spec.countries.size() > std::size(kScales)) strength = 20 + static_cast<int>(Hash(iso3, 3) % 3000);
      int count =
          spec.deployments_per_country > 0 ? spec.deployments_per_country : std::clamp(strength / 150 + 3, 3, 12);
      if (spec.deployments_per_country > 0 && ci < spec.countries_with_one_more) ++count;
      Rng plan_rng(Hash(iso3, spec.seed));
      std::vector<Deployment> plan = PlanFor(iso3, strength, count, plan_rng);
      Rng month_rng(Hash(iso3, spec.seed ^ static_cast<uint64_t>(m.Index()) * 0x9E37ull));
      int m49 = 0;
      for (const IsoCountry& c : IsoCountries()) {
        if (c.alpha3 == iso3) m49 = c.numeric;
      }
      std::string name = UnName(iso3);
      std::string quoted = name.find(',') != std::string::npos ? "\"" + name + "\"" : name;
      for (const Deployment& d : plan) {
        // Rotation noise: +-15 % around the base strength.
        int total = std::max(0, static_cast<int>(d.base * (0.85 + 0.3 * month_rng.Unit())));
        double share = std::min(0.45, d.share0 + d.share_growth * years);
        int women = static_cast<int>(total * share + month_rng.Unit());
        women = std::clamp(women, 0, total);
        out += fmt::format("SYNTHETIC-{},{},{},{},{},{},{},{},{}\r\n", ++id, iso3, m49, quoted, d.mission,
                           PersonnelTypeLabel(d.type), women, total - women, date);
      }
    }
  }
  if (stats) {
    stats->rows = id;
    stats->months = months;
    stats->countries = static_cast<int>(countries.size());
  }
  return out;
}

SampleSpec BenchmarkSpec(int64_t rows) {
  SampleSpec spec;
  spec.first = {2002, 7};
  spec.last = {2025, 12};
  int months = spec.last.Index() - spec.first.Index() + 1;
  // Up to 120 real countries (skipping tiny territories is not needed: any
  // ISO code imports), with as many deployments each as the size asks.
  int n = 0;
  for (const IsoCountry& c : IsoCountries()) {
    if (n++ >= 120) break;
    spec.countries.emplace_back(c.alpha3);
  }
  // Every country gets `per` deployments and the first few one more, so the
  // file has `rows` rows to within one month's worth (rows / 282 < 0.4 %).
  int64_t countries = static_cast<int64_t>(spec.countries.size());
  int64_t per_month = std::max<int64_t>(countries, rows / months);
  spec.deployments_per_country = static_cast<int>(per_month / countries);
  spec.countries_with_one_more = static_cast<size_t>(per_month % countries);
  return spec;
}

}  // namespace bh
