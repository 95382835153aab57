#include "cli/filter_options.h"

namespace bh {

FilterOptionMap AddFigureFilterOptions(CLI::App* cmd, FigureFilterTexts* t, unsigned which) {
  struct Spec {
    unsigned flag;
    std::string_view name;
    std::string* field;
    const char* help;
  };
  const Spec specs[] = {
      {kFilterMission, "mission", &t->mission, "Only these missions: acronyms, comma-separated (e.g. UNMISS)"},
      {kFilterFrom, "from", &t->from, "First month, YYYY-MM"},
      {kFilterTo, "to", &t->to, "Last month, YYYY-MM"},
      {kFilterCategory, "category", &t->category,
       "UGPS categories, comma-separated: contingents, mo_so, fpu, ipo, jc; or all (every personnel type summed)"},
      {kFilterType, "type", &t->type, "Personnel types, comma-separated: TRP/Troops, SO, EOM, FPU, IPO"},
      {kFilterCountries, "countries", &t->countries, "Comma-separated ISO3 codes or names, e.g. VNM,JPN"},
      {kFilterGroup, "group", &t->group, "A country group, e.g. ASEAN (members as of each month; see 'groups')"},
  };
  FilterOptionMap out;
  for (const Spec& s : specs) {
    if (!(which & s.flag)) continue;
    out[s.name] = cmd->add_option(FilterName(FilterSyntax::kCommandLine, s.name), *s.field, s.help)->group("Filters");
  }
  return out;
}

Result<ParsedFigureFilter> ParseFigureFilterOptions(Db* db, const Reference& ref, const FigureFilterTexts& texts) {
  return ParseFigureFilter(db, ref, texts, FilterSyntax::kCommandLine);
}

}  // namespace bh
