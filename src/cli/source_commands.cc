// `bluehelmet source`: where each figure behind one cell came from, and
// with --png the PDF page with the rows boxed. The handler parses nothing
// itself (CLI11 did): in the one shape (CliContext::RunTables), it asks
// views/ for the table and the picture.
#include <fmt/format.h>

#include "base/strings.h"
#include "cli/cli.h"
#include "views/source_view.h"

namespace bh {

namespace {

struct SourceArgs {
  SourceRequest req;
  std::string png;
  double dpi = 144;
};

Result<std::vector<Table>> RunSource(CliContext& ctx, Db* db, const Reference& ref, const SourceArgs& a) {
  BH_ASSIGN_OR_RETURN(Table t, SourceTable(db, ref, a.req));
  if (!a.png.empty()) {
    BH_ASSIGN_OR_RETURN(SourcePicture pic, SourcePagePng(db, ref, a.req, a.png, a.dpi));
    ctx.Say(fmt::format("wrote {}: page {} of {} at {} dpi ({} x {} px), boxed {}", a.png, pic.page, pic.file_name,
                        pic.dpi, pic.width, pic.height, Join(pic.boxed, "; ")));
  }
  return std::vector<Table>{t};
}

}  // namespace

void AddSourceCommands(CLI::App& app, CliContext& ctx) {
  auto a = std::make_shared<SourceArgs>();
  CLI::App* cmd = app.add_subcommand("source",
                                     "Where each figure came from: file, SHA-256, page, line, the row as "
                                     "printed; --png draws the PDF page with the rows boxed");
  cmd->add_option("--month", a->req.month, "YYYY-MM")->required();
  cmd->add_option("--country", a->req.country, "ISO3 code or name, e.g. VNM or 'Viet Nam'")->required();
  cmd->add_option("--mission", a->req.mission, "Mission acronym, e.g. UNMISS (default: every mission)");
  cmd->add_option("--type", a->req.type,
                  "Personnel type: TRP, SO, EOM, FPU, IPO or a label, e.g. Troops (default: every type)");
  cmd->add_option("--png", a->png, "Also draw the PDF page of the rows, each boxed in red, to this PNG file");
  cmd->add_option("--dpi", a->dpi, "Resolution of --png")->capture_default_str()->check(CLI::Range(36.0, 600.0));
  AddFormatOption(cmd, ctx);
  cmd->callback([&ctx, a] {
    ctx.exit_code = ctx.RunTables([&ctx, a](Db* db, const Reference& ref) { return RunSource(ctx, db, ref, *a); });
  });
}

}  // namespace bh
