// cli/: the figure filter options every data command shares (issue 13):
// --mission, --from, --to, --category, --type, --countries, --group, parsed by
// ParseFigureFilter (views/figure_filter_options.h), the parse the web API's
// query parameters of the same names go through.
//
// A command adds the options that have a meaning for it (FilterOption flags),
// may reword their help to say what each means there, and resolves them in
// its handler; a bad value is a usage error (exit 2) with one line.
#ifndef BLUEHELMET_CLI_FILTER_OPTIONS_H_
#define BLUEHELMET_CLI_FILTER_OPTIONS_H_

#include <CLI/CLI.hpp>
#include <map>
#include <string>
#include <string_view>

#include "store/database.h"
#include "store/reference.h"
#include "views/figure_filter_options.h"

namespace bh {

// Which filter options a command takes.
enum FilterOption : unsigned {
  kFilterMission = 1u << 0,
  kFilterFrom = 1u << 1,
  kFilterTo = 1u << 2,
  kFilterCategory = 1u << 3,
  kFilterType = 1u << 4,
  kFilterCountries = 1u << 5,
  kFilterGroup = 1u << 6,
  kFilterMonths = kFilterFrom | kFilterTo,
  kAllFilterOptions = 127u,
};

// The options added, by filter name ("mission", ...), so that a command can
// reword one's help (->description(...)) or tie them (->excludes(...)).
using FilterOptionMap = std::map<std::string_view, CLI::Option*>;

// Adds the options in `which` to `cmd`, writing into `*texts`, under the
// help group "Filters" with the generic help text.
FilterOptionMap AddFigureFilterOptions(CLI::App* cmd, FigureFilterTexts* texts, unsigned which = kAllFilterOptions);

// ParseFigureFilter with the command line's option names in its messages.
Result<ParsedFigureFilter> ParseFigureFilterOptions(Db* db, const Reference& ref, const FigureFilterTexts& texts);

}  // namespace bh

#endif  // BLUEHELMET_CLI_FILTER_OPTIONS_H_
