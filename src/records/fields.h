// The record-editing vocabulary shared by every domain whose records people
// add, edit and import as CSV (the EWG's cycles and activities, the
// deployment register's persons and units, and later the errata and the
// analysts' groups): a kind's column spec, one record's fields as text, and
// the one rule for writing a record from the command line (add, edit, set).
//
// A domain declares each kind once as a KindSpec (its CLI noun, its file
// name, the header column that tells its files apart, its columns); the
// CSV reader (record_file.h), the CLI (one option per column) and the docs
// follow from it. Parsing fields into the domain's typed records, and the
// checks that need the database, stay in the domain.
//
// Errors about one field are FieldErrors: InvalidData "column 'sex': want F
// or M, got 'X'", which the caller prefixes with the place ("persons.csv:7:
// ", "command line: ").
//
// Thread safety: values and pure functions.
#ifndef BLUEHELMET_RECORDS_FIELDS_H_
#define BLUEHELMET_RECORDS_FIELDS_H_

#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "base/result.h"

namespace bh {

// One column of a record kind.
struct ColumnSpec {
  const char* name;  // CSV column; the CLI option is OptionName(name)
  bool required;     // must be in a file's header and non-empty
  bool key;          // part of the record's natural key
  const char* help;
};

// One kind of record of a domain.
struct KindSpec {
  const char* noun;       // the CLI word and messages: "cycle", "person", "workplan-item"
  const char* file;       // its files and `export`: "cycles", "persons", "workplan"
  const char* signature;  // the header column that tells its files apart
  std::span<const ColumnSpec> columns;
};

// "--service-number" for column "service_number".
std::string OptionName(std::string_view column);

// InvalidData "column '<column>': <reason>".
Status FieldError(std::string_view column, std::string_view reason);

// One record's fields, column name -> text, as read from a CSV row or from
// command-line options. A missing column reads as "".
class Fields {
 public:
  Fields() = default;
  Fields(std::initializer_list<std::pair<const std::string, std::string>> init) : values_(init) {}

  // The text of `column`, trimmed; "" when absent.
  std::string Get(std::string_view column) const;
  bool Has(std::string_view column) const { return values_.find(column) != values_.end(); }
  void Set(const std::string& column, std::string value) { values_[column] = std::move(value); }
  // Sets every column `over` holds (an edit: the options given over the
  // stored record).
  void Overlay(const Fields& over);

  // Get, or FieldError "column 'x': required" when empty.
  Result<std::string> Required(std::string_view column) const;
  // Every value is text Bluehelmet stores (valid UTF-8 on one line, no NUL:
  // base/utf8.h); FieldError naming the first column that is not.
  Status CheckText() const;
  // Every required column of `kind` is non-empty ("column 'x': required").
  Status CheckRequired(const KindSpec& kind) const;

  const std::map<std::string, std::string, std::less<>>& values() const { return values_; }
  bool operator==(const Fields&) const = default;

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

// "cycle PKO 6", "person VNM P-1": the kind's noun and its key columns'
// values, for messages.
std::string KeyLabel(const KindSpec& kind, const Fields& f);

// What a write did to one record.
enum class Change { kAdded, kUpdated, kUnchanged };
std::string_view ChangeName(Change c);  // "added", "updated", "unchanged"

// Per kind: how many records a write or an import added, updated, left.
struct ChangeCounts {
  int added = 0, updated = 0, unchanged = 0;
  void Count(Change c);
  int changed() const { return added + updated; }
};

// How a record written from the command line meets the stored one with its
// key: kAdd refuses an existing record, kEdit a missing one (and changes
// only the columns given), kSet adds or replaces.
enum class WriteMode { kAdd, kEdit, kSet };

// The fields to write for `given` under `mode`, `stored` being the record
// with the same key (if any). `label` names the record ("cycle PKO 6") and
// `edit_command` how to change it ("ewg cycle edit"):
//   kAdd: AlreadyExists "cycle PKO 6 already exists; use 'ewg cycle edit'";
//   kEdit: NotFound "cycle PKO 6 is not recorded"; else `given` over `stored`;
//   kSet: `given` over `stored`, or `given` alone.
Result<Fields> MergeForWrite(WriteMode mode, const std::optional<Fields>& stored, const Fields& given,
                             std::string_view label, std::string_view edit_command);

}  // namespace bh

#endif  // BLUEHELMET_RECORDS_FIELDS_H_
