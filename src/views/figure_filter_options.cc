#include "views/figure_filter_options.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "base/strings.h"

namespace bh {
namespace {

// The non-empty, trimmed parts of a comma-separated list.
std::vector<std::string> ListOf(std::string_view csv) {
  std::vector<std::string> out;
  for (std::string_view part : Split(csv, ',')) {
    std::string_view t = Trim(part);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The three acronyms nearest to `typed` (by edit distance, then name).
std::string NearestMissions(const std::vector<std::string>& known, const std::string& typed) {
  std::vector<std::pair<size_t, std::string>> by_distance;
  for (const std::string& k : known) by_distance.emplace_back(EditDistance(typed, k, 64), k);
  std::sort(by_distance.begin(), by_distance.end());
  std::vector<std::string> names;
  for (size_t i = 0; i < by_distance.size() && i < 3; ++i) names.push_back(by_distance[i].second);
  return Join(names, ", ");
}

Status Bad(FilterSyntax syntax, std::string_view name, std::string_view problem) {
  return Status::InvalidArgument(fmt::format("{}: {}", FilterName(syntax, name), problem));
}

}  // namespace

std::string* FigureFilterTexts::Field(std::string_view name) {
  return const_cast<std::string*>(static_cast<const FigureFilterTexts*>(this)->Field(name));
}

const std::string* FigureFilterTexts::Field(std::string_view name) const {
  if (name == "mission") return &mission;
  if (name == "from") return &from;
  if (name == "to") return &to;
  if (name == "category") return &category;
  if (name == "type") return &type;
  if (name == "countries") return &countries;
  if (name == "group") return &group;
  return nullptr;
}

std::vector<std::string_view> FigureFilterTexts::Given() const {
  std::vector<std::string_view> out;
  for (std::string_view name : kFigureFilterNames) {
    if (!Trim(*Field(name)).empty()) out.push_back(name);
  }
  return out;
}

FigureFilterTexts FigureFilterTextsFrom(const std::function<std::string(std::string_view name)>& get) {
  FigureFilterTexts t;
  for (std::string_view name : kFigureFilterNames) *t.Field(name) = get(name);
  return t;
}

std::string FilterName(FilterSyntax syntax, std::string_view name) {
  return syntax == FilterSyntax::kCommandLine ? fmt::format("--{}", name) : std::string(name);
}

Result<ParsedFigureFilter> ParseFigureFilter(Db* db, const Reference& ref, const FigureFilterTexts& t,
                                             FilterSyntax syntax) {
  ParsedFigureFilter p;
  p.given = t.Given();
  FigureFilter& f = p.filter;

  if (!Trim(t.mission).empty()) {
    BH_ASSIGN_OR_RETURN(std::vector<std::string> known, MissionAcronyms(db));
    for (const std::string& m : ListOf(t.mission)) {
      std::string up = Upper(m);
      if (!std::binary_search(known.begin(), known.end(), up)) {
        return Bad(syntax, "mission",
                   known.empty() ? fmt::format("unknown mission '{}' (no missions are known)", m)
                                 : fmt::format("unknown mission '{}' (nearest: {})", m, NearestMissions(known, up)));
      }
      if (std::find(f.missions.begin(), f.missions.end(), up) == f.missions.end()) f.missions.push_back(up);
    }
  }

  auto month = [&](std::string_view name, const std::string& text) -> Result<std::optional<Month>> {
    if (Trim(text).empty()) return std::optional<Month>();
    Result<Month> m = Month::Parse(text);
    if (!m.ok()) return Bad(syntax, name, fmt::format("'{}' is not a month (want YYYY-MM)", Trim(text)));
    return std::optional<Month>(*m);
  };
  BH_ASSIGN_OR_RETURN(f.from, month("from", t.from));
  BH_ASSIGN_OR_RETURN(f.to, month("to", t.to));
  if (f.from && f.to && *f.to < *f.from) {
    return Status::InvalidArgument(fmt::format("{} {} is after {} {}", FilterName(syntax, "from"), f.from->ToString(),
                                               FilterName(syntax, "to"), f.to->ToString()));
  }

  if (!Trim(t.category).empty()) {
    for (const std::string& c : ListOf(t.category)) {
      std::string low = ToLowerAscii(c);
      if (low == "all") {
        p.all_categories = true;
        continue;
      }
      std::optional<Category> cat = CategoryFromCode(low);
      if (!cat)
        return Bad(syntax, "category", fmt::format("'{}' is not one of contingents, mo_so, fpu, ipo, jc, all", c));
      if (std::find(f.categories.begin(), f.categories.end(), *cat) == f.categories.end()) f.categories.push_back(*cat);
    }
    if (p.all_categories && !f.categories.empty()) {
      return Bad(syntax, "category",
                 "'all' (every personnel type summed) stands alone; give it or categories, not both");
    }
  }

  if (!Trim(t.type).empty()) {
    if (p.all_categories) {
      return Status::InvalidArgument(fmt::format("{} cannot be combined with {} all (all sums every personnel type)",
                                                 FilterName(syntax, "type"), FilterName(syntax, "category")));
    }
    for (const std::string& s : ListOf(t.type)) {
      std::optional<PersonnelType> type = PersonnelTypeFromCodeOrLabel(s);
      if (!type) {
        return Bad(syntax, "type",
                   fmt::format("'{}' is not one of TRP (Troops), SO (Staff Officer), EOM (Experts on Mission), "
                               "FPU (Formed Police Units), IPO (Individual Police)",
                               s));
      }
      if (!f.categories.empty() &&
          std::find(f.categories.begin(), f.categories.end(), CategoryOf(*type)) == f.categories.end()) {
        return Status::InvalidArgument(fmt::format(
            "{} {} is in the category {}, not in {} {}", FilterName(syntax, "type"), PersonnelTypeCode(*type),
            CategoryCode(CategoryOf(*type)), FilterName(syntax, "category"), Trim(t.category)));
      }
      if (std::find(f.types.begin(), f.types.end(), *type) == f.types.end()) f.types.push_back(*type);
    }
  }

  if (!Trim(t.countries).empty()) {
    Result<std::vector<std::string>> list = ref.ResolveCountryList(t.countries);
    if (!list.ok()) return Bad(syntax, "countries", list.status().message());
    f.countries = std::move(*list);
  }

  if (!Trim(t.group).empty()) {
    Result<GroupInfo> g = GetGroup(db, t.group);
    if (!g.ok()) return Bad(syntax, "group", g.status().message());
    f.group = g->name;
  }
  return p;
}

Status RefuseFilters(const ParsedFigureFilter& parsed, std::vector<std::string_view> refused, FilterSyntax syntax,
                     std::string_view command, std::string_view why) {
  for (std::string_view name : parsed.given) {
    if (std::find(refused.begin(), refused.end(), name) != refused.end()) {
      return Status::InvalidArgument(
          fmt::format("{}: {} has no meaning here: {}", command, FilterName(syntax, name), why));
    }
  }
  return Status::Ok();
}

std::string DescribeFilter(const Reference& ref, const ParsedFigureFilter& parsed) {
  const FigureFilter& f = parsed.filter;
  std::vector<std::string> parts;
  if (!f.missions.empty())
    parts.push_back((f.missions.size() == 1 ? "mission " : "missions ") + Join(f.missions, ", "));
  if (f.from && f.to) {
    parts.push_back(f.from->ToString() + " to " + f.to->ToString());
  } else if (f.from) {
    parts.push_back("from " + f.from->ToString());
  } else if (f.to) {
    parts.push_back("to " + f.to->ToString());
  }
  if (parsed.all_categories) parts.push_back("all uniformed personnel");
  if (!f.categories.empty()) {
    std::vector<std::string> c;
    for (Category cat : f.categories) c.emplace_back(CategoryLabel(cat));
    parts.push_back(Join(c, ", "));
  }
  if (!f.types.empty()) {
    std::vector<std::string> c;
    for (PersonnelType t : f.types) c.emplace_back(PersonnelTypeLabel(t));
    parts.push_back(Join(c, ", "));
  }
  if (!f.countries.empty()) {
    std::vector<std::string> c;
    for (const std::string& iso3 : f.countries) c.push_back(ref.CountryName(iso3));
    parts.push_back(Join(c, ", "));
  }
  if (!f.group.empty()) parts.push_back(f.group);
  return Join(parts, ", ");
}

}  // namespace bh
