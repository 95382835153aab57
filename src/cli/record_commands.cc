#include "cli/record_commands.h"

#include <fmt/format.h>

#include <map>
#include <memory>

namespace bh {

const char* WriteModeVerb(WriteMode mode) {
  switch (mode) {
    case WriteMode::kAdd:
      return "add";
    case WriteMode::kEdit:
      return "edit";
    case WriteMode::kSet:
      return "set";
  }
  return "?";
}

void AddRecordWriteCommand(CLI::App* noun_cmd, CliContext& ctx, const KindSpec& kind, WriteMode mode,
                           const std::string& help, const RecordWrite& write) {
  auto values = std::make_shared<std::map<std::string, std::string>>();
  CLI::App* cmd = noun_cmd->add_subcommand(WriteModeVerb(mode), help);
  for (const ColumnSpec& c : kind.columns) {
    std::string column = c.name;
    if (column == "illustrative") {  // a yes/no column is a flag
      cmd->add_flag_function(
          OptionName(column), [values](int64_t n) { (*values)["illustrative"] = n ? "yes" : "no"; }, c.help);
      continue;
    }
    CLI::Option* opt = cmd->add_option(OptionName(column), (*values)[column], c.help);
    if (c.key || (mode == WriteMode::kAdd && c.required)) opt->required();
  }
  const KindSpec* spec = &kind;
  cmd->callback([&ctx, cmd, values, spec, write] {
    ctx.exit_code = ctx.RunTables([&](Db* db, const Reference& ref) -> Result<std::vector<Table>> {
      Fields given;
      for (const ColumnSpec& c : spec->columns) {
        if (cmd->count(OptionName(c.name)) > 0) given.Set(c.name, (*values)[c.name]);
      }
      BH_ASSIGN_OR_RETURN(Change change, write(db, ref, given));
      ctx.Say(fmt::format("{}: {}", KeyLabel(*spec, given), ChangeName(change)));
      return std::vector<Table>{};
    });
  });
}

}  // namespace bh
