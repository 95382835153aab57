// Status: the outcome of an operation that can fail in an expected way
// (bad input row, unknown country, missing file, constraint violation).
//
// Modelled on leveldb::Status. Exceptions are reserved for programmer errors;
// every expected failure travels as a Status, and its message names where
// (file, line, column) and why, e.g.
//   "jan.csv:412: column 'Female_Personnel': not a whole number: 'n/a'".
//
// Thread safety: a Status is a value; const methods may be called from many
// threads without synchronisation.
#ifndef BLUEHELMET_BASE_STATUS_H_
#define BLUEHELMET_BASE_STATUS_H_

#include <string>
#include <string_view>

namespace bh {

class Status {
 public:
  // The kinds of failure. Each maps to one CLI exit code (see ExitCode) and
  // one HTTP status at the API edge; keep the two mappings in step.
  enum class Code {
    kOk = 0,
    kInvalidArgument,   // the caller asked for something malformed (bad flag value)
    kInvalidData,       // an input file's content is wrong (bad row, unknown layout)
    kNotFound,          // a named file, country, record does not exist
    kAlreadyExists,     // a unique record would be duplicated
    kIoError,           // the OS failed us (open, read, write)
    kMismatch,          // figures do not reconcile with printed totals
    kPermissionDenied,  // the caller may not do this
    kUnauthenticated,   // the caller has not said who they are (no or expired session, wrong password)
    kRateLimited,       // too many attempts; try again later (login throttling)
    kInternal,          // a bug or an unexpected library failure
  };

  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string_view msg) { return {Code::kInvalidArgument, msg}; }
  static Status InvalidData(std::string_view msg) { return {Code::kInvalidData, msg}; }
  static Status NotFound(std::string_view msg) { return {Code::kNotFound, msg}; }
  static Status AlreadyExists(std::string_view msg) { return {Code::kAlreadyExists, msg}; }
  static Status IoError(std::string_view msg) { return {Code::kIoError, msg}; }
  // An OS error on `path`: "path: strerror(errnum)".
  static Status IoError(std::string_view path, int errnum);
  static Status Mismatch(std::string_view msg) { return {Code::kMismatch, msg}; }
  static Status PermissionDenied(std::string_view msg) { return {Code::kPermissionDenied, msg}; }
  static Status Unauthenticated(std::string_view msg) { return {Code::kUnauthenticated, msg}; }
  static Status RateLimited(std::string_view msg) { return {Code::kRateLimited, msg}; }
  static Status Internal(std::string_view msg) { return {Code::kInternal, msg}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // One line, always: control characters a message quotes from its input
  // (a field holding a line break, say) are written as escapes ("\n",
  // "\x07"), so an error is one line on a terminal, in a log or in a table;
  // bytes that are not UTF-8 (a Latin-1 file name) are escaped the same
  // way ("bad\xff.csv"), so a message is always valid UTF-8.
  const std::string& message() const { return message_; }

  // "invalid data: <message>" style, for logs. Users see message() alone.
  std::string ToString() const;

  // Returns a copy whose message is "<prefix>: <message>"; OK stays OK.
  Status WithPrefix(std::string_view prefix) const;

  static std::string_view CodeName(Code code);

 private:
  Status(Code code, std::string_view msg);

  Code code_ = Code::kOk;
  std::string message_;
};

// The process exit code for a status, documented in `bluehelmet --help`:
// 0 ok, 1 invalid data/mismatch, 2 usage, 3 not found, 4 I/O, 5 permission
// (also unauthenticated and rate limited), 70 internal.
int ExitCode(const Status& s);

}  // namespace bh

// Propagates a non-OK Status to the caller.
#define BH_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::bh::Status _bh_status = (expr);        \
    if (!_bh_status.ok()) return _bh_status; \
  } while (0)

#endif  // BLUEHELMET_BASE_STATUS_H_
