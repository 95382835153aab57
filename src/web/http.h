// HttpRequest / HttpResponse: the server's requests and answers as plain
// values, independent of the HTTP library, so the API (api.h) is tested by
// calling it directly and the library glue (server.h) stays a thin adapter.
//
// Thread safety: values.
#ifndef BLUEHELMET_WEB_HTTP_H_
#define BLUEHELMET_WEB_HTTP_H_

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace bh {

struct HttpRequest {
  std::string method;  // "GET", "POST", "DELETE"
  std::string path;    // without the query string, e.g. "/api/scorecard"
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  struct Upload {
    std::string field, filename, content_type, content;
  };
  std::vector<Upload> uploads;  // multipart/form-data parts that carry a file
  std::string remote_addr;

  // The header's value, "" when absent. `name` in lower case.
  std::string Header(std::string_view name) const;
  // A cookie's value from the Cookie header, "" when absent.
  std::string Cookie(std::string_view name) const;
  // The query parameter's value, "" when absent.
  std::string Query(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static HttpResponse Json(const nlohmann::json& j, int status = 200);
};

// Whether an Accept-Encoding header's value takes gzip (RFC 9110 12.5.3):
// a "gzip" (or "x-gzip") coding whose q is not 0, or else a "*" whose q is
// not 0. "gzip, deflate, br" yes; "" no; "gzip;q=0, *" no.
bool AcceptsGzip(std::string_view accept_encoding);

// The one translation of a Status at the HTTP edge: its HTTP status
//   invalid_argument 400, unauthenticated 401, permission_denied 403,
//   not_found 404, already_exists 409, invalid_data 422, mismatch 422,
//   rate_limited 429, io_error 500, internal 500
// and the body {"error": message, "code": Status::CodeName}. For the 500s
// the message is kInternalErrorMessage, never the Status's own text (which
// may quote SQL, paths or a library's exception): log that server-side. A
// 4xx message that quotes the database ("database: ... (in: SQL)") keeps
// its prefix (file and line) and says "the database refused the data (a
// constraint failed)".
// HttpResponse::Json never throws: text that is not UTF-8 is written as
// U+FFFD.
// REQUIRES: !s.ok().
inline constexpr char kInternalErrorMessage[] = "internal error (logged on the server)";
int HttpStatusFor(Status::Code code);
HttpResponse ErrorResponse(const Status& s);

}  // namespace bh

#endif  // BLUEHELMET_WEB_HTTP_H_
