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

std::optional<http::Response> ForEachQueryParameter(std::string_view query,
                                                    const QueryTaker& take) {
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name, value;
    if (!base::PercentDecode(pair.substr(0, eq), &name) ||
        !base::PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), &value)) {
      return Problem(400, "Bad Request", "malformed percent-encoding in the query");
    }
    if (auto answer = take(name, value)) return answer;
  }
  return std::nullopt;
}

std::optional<http::Response> ForEachListItem(
    std::string_view list,
    const std::function<std::optional<http::Response>(std::string_view)>& take) {
  while (true) {
    const size_t comma = list.find(',');
    if (auto answer = take(list.substr(0, comma))) return answer;
    if (comma == std::string_view::npos) return std::nullopt;
    list.remove_prefix(comma + 1);
  }
}

std::optional<http::Response> Once(const std::string& name, bool* seen) {
  if (*seen) return Unprocessable("query parameter '" + name + "' is given more than once");
  *seen = true;
  return std::nullopt;
}

std::optional<http::Response> ParseCount(const std::string& name, const std::string& value,
                                         int max, int* out) {
  bool digits = !value.empty() && value.size() <= 3;
  for (char c : value) digits = digits && c >= '0' && c <= '9';
  const int n = digits ? std::stoi(value) : 0;
  if (n < 1 || n > max) {
    return Unprocessable("'" + name + "' must be a whole number from 1 to " +
                         std::to_string(max) + ", not " + Quoted(value));
  }
  *out = n;
  return std::nullopt;
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
    case base::ErrorCode::kTrimmedDataAccess:
      return Problem(410, "Gone", detail);
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
