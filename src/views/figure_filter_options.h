// views/: the one parse of the figure filter (issue 13) that the command
// line and the web API share, so that `--mission UNMISS` and `?mission=UNMISS`
// mean the same and fail with the same message.
//
// The seven filter names, the same in both front ends (CLI options take a
// leading "--"):
//   mission    mission acronyms, comma-separated (UNMISS,MINUSCA)
//   from, to   months YYYY-MM, inclusive, from <= to
//   category   UGPS category codes, comma-separated: contingents, mo_so,
//              fpu, ipo, jc; or `all` alone (all uniformed personnel: every
//              personnel type summed, no UGPS target)
//   type       personnel types by code or UN label, comma-separated:
//              TRP/Troops, SO/Staff Officer, EOM/Experts on Mission,
//              FPU/Formed Police Units, IPO/Individual Police
//   countries  ISO3 codes or names, comma-separated (Reference rules)
//   group      a country group (members as of each month)
//
// Every failure is InvalidArgument (a usage error: exit 2 on the command
// line, 400 from the API) with one line that names the filter, e.g.
// "--mission: unknown mission 'UNMIS' (nearest: UNMISS, UNMIK, UNMIL)".
//
// Thread safety: not thread-safe (uses a Db*).
#ifndef BLUEHELMET_VIEWS_FIGURE_FILTER_OPTIONS_H_
#define BLUEHELMET_VIEWS_FIGURE_FILTER_OPTIONS_H_

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "query/figure_rows.h"
#include "store/database.h"
#include "store/reference.h"

namespace bh {

// The filter as typed: each field "" when not given.
struct FigureFilterTexts {
  std::string mission, from, to, category, type, countries, group;

  // The field of a filter name (one of kFigureFilterNames); nullptr for
  // another name.
  std::string* Field(std::string_view name);
  const std::string* Field(std::string_view name) const;
  // The names of the filters given (non-empty), in kFigureFilterNames order.
  std::vector<std::string_view> Given() const;
};

// The texts read by name through `get` (the API: a request's query
// parameter, "" when absent).
FigureFilterTexts FigureFilterTextsFrom(const std::function<std::string(std::string_view name)>& get);

inline constexpr std::array<std::string_view, 7> kFigureFilterNames = {"mission", "from",      "to",   "category",
                                                                       "type",    "countries", "group"};

// How messages name a filter: "--mission" (command line) or "mission" (API).
enum class FilterSyntax { kCommandLine, kApi };
std::string FilterName(FilterSyntax syntax, std::string_view name);

// The parsed filter. `filter` narrows rows; `all_categories` (category=all)
// narrows nothing but asks for every personnel type summed, which a
// command shows as the category "all".
struct ParsedFigureFilter {
  FigureFilter filter;
  bool all_categories = false;
  // The given filter names (FigureFilterTexts::Given), for a command that
  // refuses some (RefuseFilters).
  std::vector<std::string_view> given;
};

// Parses and checks every given filter: missions against the mission table
// (unknown: the nearest acronyms), countries through
// Reference::ResolveCountryList (its "unknown"/"ambiguous"/"did you mean"),
// the group against the stored groups, months with from <= to, a type that
// lies outside a given category, `all` with another category or a type.
Result<ParsedFigureFilter> ParseFigureFilter(Db* db, const Reference& ref, const FigureFilterTexts& texts,
                                             FilterSyntax syntax);

// InvalidArgument when any of `refused` was given: "<command>: --group has no
// meaning here: <why>". For a command that takes a filter only in some of
// its forms; `why` says what to use instead.
Status RefuseFilters(const ParsedFigureFilter& parsed, std::vector<std::string_view> refused, FilterSyntax syntax,
                     std::string_view command, std::string_view why);

// "mission UNMISS, 2020-01 to 2020-12, contingents, ASEAN": the given filters
// for a table title ("" when none).
std::string DescribeFilter(const Reference& ref, const ParsedFigureFilter& parsed);

}  // namespace bh

#endif  // BLUEHELMET_VIEWS_FIGURE_FILTER_OPTIONS_H_
