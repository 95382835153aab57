#include "web/http.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "base/strings.h"

namespace bh {

std::string HttpRequest::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string() : it->second;
}

std::string HttpRequest::Cookie(std::string_view name) const {
  std::string all = Header("cookie");
  std::string_view rest(all);
  while (!rest.empty()) {
    size_t semi = rest.find(';');
    std::string_view part = Trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    if (Trim(part.substr(0, eq)) == name) return std::string(Trim(part.substr(eq + 1)));
  }
  return "";
}

std::string HttpRequest::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  return it == query.end() ? std::string() : it->second;
}

HttpResponse HttpResponse::Json(const nlohmann::json& j, int status) {
  HttpResponse r;
  r.status = status;
  // Stored text that is not UTF-8 (written before the server checked its
  // input, or by another program) becomes U+FFFD instead of throwing.
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

bool AcceptsGzip(std::string_view header) {
  std::optional<bool> gzip, any;
  for (std::string_view item : Split(header, ',')) {
    std::vector<std::string_view> parts = Split(item, ';');
    std::string coding = ToLowerAscii(Trim(parts[0]));
    bool zero = false;
    for (size_t i = 1; i < parts.size(); ++i) {
      std::string param = ToLowerAscii(Trim(parts[i]));
      if (param.rfind("q=", 0) == 0) {
        std::string_view q = Trim(std::string_view(param).substr(2));
        zero = !q.empty() && q.find_first_not_of("0.") == std::string_view::npos;
      }
    }
    if (coding == "gzip" || coding == "x-gzip") gzip = !zero;
    if (coding == "*") any = !zero;
  }
  return gzip ? *gzip : any.value_or(false);
}

int HttpStatusFor(Status::Code code) {
  switch (code) {
    case Status::Code::kOk:
      return 200;
    case Status::Code::kInvalidArgument:
      return 400;
    case Status::Code::kUnauthenticated:
      return 401;
    case Status::Code::kPermissionDenied:
      return 403;
    case Status::Code::kNotFound:
      return 404;
    case Status::Code::kAlreadyExists:
      return 409;
    case Status::Code::kInvalidData:
    case Status::Code::kMismatch:
      return 422;
    case Status::Code::kRateLimited:
      return 429;
    case Status::Code::kIoError:
    case Status::Code::kInternal:
      return 500;
  }
  return 500;
}

namespace {

// A constraint the database enforced names its statement
// ("f.csv:9: database: FOREIGN KEY constraint failed (in: INSERT INTO ...)"):
// the client gets where and that it was refused, not the SQL.
std::string WithoutSql(const std::string& message) {
  size_t at = message.find("database: ");
  if (at == std::string::npos) return message;
  return message.substr(0, at) + "the database refused the data (a constraint failed)";
}

}  // namespace

HttpResponse ErrorResponse(const Status& s) {
  int status = HttpStatusFor(s.code());
  // A server-side failure's message may quote SQL or a library's exception:
  // the client gets a fixed text; the caller logs the real one.
  std::string message = status >= 500 ? std::string(kInternalErrorMessage) : WithoutSql(s.message());
  nlohmann::json j = {{"error", message}, {"code", std::string(Status::CodeName(s.code()))}};
  return HttpResponse::Json(j, status);
}

}  // namespace bh
