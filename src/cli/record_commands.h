// The record-editing commands of every domain in one shape and one word
// order, `bluehelmet DOMAIN NOUN VERB --column value ...` (`ewg cycle add`,
// `register person edit`): one option per column of the kind's spec
// (records/fields.h; --service-number for service_number), the key options
// always required and, to add, the required columns too. The write runs in
// the one handler shape (CliContext::RunTables) and says on stderr what it
// did: "cycle PKO 6: added".
#ifndef BLUEHELMET_CLI_RECORD_COMMANDS_H_
#define BLUEHELMET_CLI_RECORD_COMMANDS_H_

#include <functional>
#include <string>

#include "cli/cli.h"
#include "records/fields.h"

namespace bh {

// Writes the record the options give (only the options given are set).
using RecordWrite = std::function<Result<Change>(Db* db, const Reference& ref, const Fields& given)>;

// Adds `verb` (add, edit, set) under `noun_cmd` for `kind`.
void AddRecordWriteCommand(CLI::App* noun_cmd, CliContext& ctx, const KindSpec& kind, WriteMode mode,
                           const std::string& help, const RecordWrite& write);

// "add", "edit", "set".
const char* WriteModeVerb(WriteMode mode);

}  // namespace bh

#endif  // BLUEHELMET_CLI_RECORD_COMMANDS_H_
