// `bluehelmet export`: the long (tidy) table of contribution figures, each
// with its source, as CSV (one header row, nothing else) or JSON Lines, to
// stdout or --out FILE. The rows are query/figure_rows' FigureRows (the
// months' current sources, corrections applied unless --as-printed); the
// writer is views/tidy_export; `import` reads the CSV back.
#include <fmt/format.h>

#include <set>

#include "base/file_util.h"
#include "cli/cli.h"
#include "cli/filter_options.h"
#include "query/figure_rows.h"
#include "views/tidy_export.h"

namespace bh {

namespace {

struct ExportArgs {
  std::string format = "csv", out;
  FigureFilterTexts filters;
};

Status RunExport(CliContext& ctx, Db* db, const Reference& ref, const ExportArgs& a) {
  BH_ASSIGN_OR_RETURN(TidyFormat format, ParseTidyFormat(a.format));
  // `--category all` (all uniformed personnel) narrows nothing here: every
  // row keeps its own type and category.
  BH_ASSIGN_OR_RETURN(ParsedFigureFilter filter, ParseFigureFilterOptions(db, ref, a.filters));
  BH_ASSIGN_OR_RETURN(std::vector<FigureRow> rows, FigureRows(db, filter.filter));
  std::string text = WriteTidy(rows, format);
  if (a.out.empty()) {
    ctx.out() << text;
    ctx.out().flush();
    return Status::Ok();
  }
  BH_RETURN_IF_ERROR(WriteFile(a.out, text));
  std::set<Month> months;
  std::set<std::string> files;
  for (const FigureRow& r : rows) {
    months.insert(r.month);
    files.insert(r.sha256);
  }
  ctx.Say(
      fmt::format("wrote {} rows ({} months, {} source files) to {}", rows.size(), months.size(), files.size(), a.out));
  return Status::Ok();
}

}  // namespace

void AddExportCommands(CLI::App& app, CliContext& ctx) {
  auto a = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "The figures as one long (tidy) table with each figure's source: month, ISO3, M49, country, mission, "
      "personnel type, UGPS category, women, men, total, report date, erratum and printed figures, source file, "
      "SHA-256, page, line, synthetic. 'import' reads the CSV back");
  cmd->add_option("--format", a->format, "csv (one header row, then the rows) or jsonl (one JSON object per row)")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](const std::string& value) {
            Result<TidyFormat> f = ParseTidyFormat(value);
            return f.ok() ? std::string() : f.status().message();
          },
          ""));
  cmd->add_option("--out", a->out, "Write to this file (default: stdout)");
  FilterOptionMap filters = AddFigureFilterOptions(cmd, &a->filters);
  filters["category"]->description(
      "UGPS categories, comma-separated: contingents, mo_so, fpu, ipo, jc; or all (every row, each with its own "
      "type and category)");
  cmd->callback([&ctx, a] {
    ctx.exit_code = ctx.RunAction([&ctx, a](Db* db, const Reference& ref) { return RunExport(ctx, db, ref, *a); });
  });
}

}  // namespace bh
