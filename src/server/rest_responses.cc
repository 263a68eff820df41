#include "server/internal/rest_responses.h"

#include <fmt/format.h>

#include "base/strings.h"
#include "server/router.h"

namespace ordertrack::server {

http::Response Json(int status, std::string body) {
  return {status, {{"Content-Type", "application/json"}}, std::move(body)};
}

http::Response Unprocessable(std::string_view detail) {
  return Problem(422, "Unprocessable Content", detail);
}

std::string Quoted(std::string_view value) {
  constexpr size_t kMax = 64;
  if (value.size() <= kMax) return "'" + std::string(value) + "'";
  return "'" + std::string(value.substr(0, kMax)) + "...'";
}

std::optional<http::Response> CheckJsonBody(const http::Request& request,
                                            std::string_view accept_header) {
  std::string_view type = request.Header("Content-Type");
  if (type.empty()) return std::nullopt;
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  std::string lower = base::AsciiLower(type);
  if (lower == "application/json" || lower.ends_with("+json")) return std::nullopt;
  http::Response r =
      Problem(415, "Unsupported Media Type",
              fmt::format("the body must be application/json, not {}", Quoted(type)));
  r.headers.emplace_back(accept_header, "application/json");
  return r;
}

http::Response BodyProblem(const base::Status& status) {
  if (status.code() == base::ErrorCode::kSerialization) {
    return Problem(400, "Bad Request", status.message());
  }
  return Unprocessable(status.message());
}

http::Response StoreProblem(const base::Status& status) {
  std::string detail = status.message().empty() ? status.ToString() : status.message();
  switch (status.code()) {
    case base::ErrorCode::kValidation:
      return Unprocessable(detail);
    case base::ErrorCode::kResourceNotFound:
      return Problem(404, "Not Found", detail);
    case base::ErrorCode::kConditionalCheckFailed:
      return Problem(409, "Conflict", detail);
    case base::ErrorCode::kThrottling:
    case base::ErrorCode::kProvisionedThroughputExceeded:
    case base::ErrorCode::kRequestLimitExceeded:
    case base::ErrorCode::kTransactionConflict:
    case base::ErrorCode::kServiceUnavailable: {
      http::Response r = Problem(503, "Service Unavailable", detail);
      r.headers.emplace_back("Retry-After", "1");
      return r;
    }
    default:
      return Problem(500, "Internal Server Error", status.ToString());
  }
}

}  // namespace ordertrack::server
