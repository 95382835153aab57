#include "base/status.h"

#include <cstring>
#include <string>

#include "base/utf8.h"

namespace bh {

Status::Status(Code code, std::string_view msg) : code_(code) {
  message_.reserve(msg.size());
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < msg.size(); ++i) {
    char c = msg[i];
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      // Well-formed UTF-8 stays; any other byte is escaped, so a message is
      // valid UTF-8 even when it quotes a file name that is not.
      size_t len = Utf8SequenceLength(msg, i);
      if (len > 0) {
        message_.append(msg.substr(i, len));
        i += len - 1;
        continue;
      }
      message_ += "\\x";
      message_.push_back(kHex[u >> 4]);
      message_.push_back(kHex[u & 15]);
    } else if (u >= 0x20 && u != 0x7f) {
      message_.push_back(c);
    } else if (c == '\n') {
      message_ += "\\n";
    } else if (c == '\r') {
      message_ += "\\r";
    } else if (c == '\t') {
      message_ += "\\t";
    } else {
      message_ += "\\x";
      message_.push_back(kHex[u >> 4]);
      message_.push_back(kHex[u & 15]);
    }
  }
}

Status Status::IoError(std::string_view path, int errnum) {
  std::string msg(path);
  msg += ": ";
  msg += std::strerror(errnum);
  return {Code::kIoError, msg};
}

std::string_view Status::CodeName(Code code) {
  switch (code) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      return "invalid_argument";
    case Code::kInvalidData:
      return "invalid_data";
    case Code::kNotFound:
      return "not_found";
    case Code::kAlreadyExists:
      return "already_exists";
    case Code::kIoError:
      return "io_error";
    case Code::kMismatch:
      return "mismatch";
    case Code::kPermissionDenied:
      return "permission_denied";
    case Code::kUnauthenticated:
      return "unauthenticated";
    case Code::kRateLimited:
      return "rate_limited";
    case Code::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string s(CodeName(code_));
  s += ": ";
  s += message_;
  return s;
}

Status Status::WithPrefix(std::string_view prefix) const {
  if (ok()) return *this;
  std::string msg(prefix);
  msg += ": ";
  msg += message_;
  return Status(code_, msg);
}

int ExitCode(const Status& s) {
  switch (s.code()) {
    case Status::Code::kOk:
      return 0;
    case Status::Code::kInvalidData:
    case Status::Code::kMismatch:
    case Status::Code::kAlreadyExists:
      return 1;
    case Status::Code::kInvalidArgument:
      return 2;
    case Status::Code::kNotFound:
      return 3;
    case Status::Code::kIoError:
      return 4;
    case Status::Code::kPermissionDenied:
    case Status::Code::kUnauthenticated:
    case Status::Code::kRateLimited:
      return 5;
    case Status::Code::kInternal:
      return 70;
  }
  return 70;
}

}  // namespace bh
