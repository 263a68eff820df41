#include "server/router.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "server/exposure.h"

namespace ordertrack::server {
namespace {

std::string JsonEscaped(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

http::Response Problem(int status, std::string_view title, std::string_view detail) {
  http::Response response;
  response.status = status;
  response.headers = {{"Content-Type", "application/problem+json"}};
  response.body = fmt::format(R"({{"type":"about:blank","title":"{}","status":{},"detail":"{}"}})",
                              JsonEscaped(title), status, JsonEscaped(detail));
  return response;
}

http::Response UnsavedAnswer(const http::Response& intended) {
  constexpr std::string_view kWhy = "the store could not save this request's writes";
  for (const auto& [name, value] : intended.headers) {
    if (name == "Content-Type" && value.starts_with("application/x-amz-json")) {
      http::Response r = ErrorResponse(base::InternalError(std::string(kWhy)));
      r.headers[0].second = value;
      return r;
    }
  }
  return Problem(500, "Internal Server Error", kWhy);
}

Router::Router(DynamoDbEndpoint& dynamodb, Metrics& metrics, bool log_requests,
               OrdersRoutes* orders, std::optional<std::string> health_warning,
               bool guard_loopback)
    : dynamodb_(dynamodb),
      metrics_(metrics),
      log_requests_(log_requests),
      orders_(orders),
      health_body_(health_warning ? "ok\nwarning: " + *health_warning + "\n" : "ok\n"),
      guard_loopback_(guard_loopback) {}

http::Response Router::Route(const http::Request& request) {
  if (guard_loopback_ && !ComesFromThisMachine(request.Header("Host"), request.Header("Origin"))) {
    return Problem(403, "Forbidden",
                   "this server is open to this machine only; the request names another site in "
                   "its Host or Origin");
  }
  if (DynamoDbEndpoint::Accepts(request)) return dynamodb_.Handle(request);
  if (orders_ != nullptr && OrdersRoutes::Accepts(request)) return orders_->Handle(request);
  std::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  if (path == "/healthz" || path == "/metrics") {
    if (request.method != "GET") {
      http::Response r = Problem(405, "Method Not Allowed", "only GET is allowed here");
      r.headers.emplace_back("Allow", "GET");
      return r;
    }
    if (path == "/healthz") return {200, {{"Content-Type", "text/plain"}}, health_body_};
    return {200, {{"Content-Type", "text/plain; version=0.0.4"}}, metrics_.RenderPrometheus()};
  }
  if (request.method == "POST" && path == "/") {
    // DynamoDB's answer to a request without X-Amz-Target.
    return ErrorResponse(base::Status(base::ErrorCode::kUnknownOperation, ""));
  }
  return Problem(404, "Not Found", fmt::format("no route for {} {}", request.method, path));
}

http::Response Router::Handle(const http::Request& request) {
  auto start = std::chrono::steady_clock::now();
  http::Response response = Route(request);
  if (log_requests_) {
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
    std::string line = fmt::format(
        R"({{"method":"{}","target":"{}","operation":"{}","status":{},"micros":{},"remote":"{}"}})"
        "\n",
        JsonEscaped(request.method), JsonEscaped(request.target),
        JsonEscaped(request.Header("x-amz-target")), response.status, micros,
        JsonEscaped(request.remote_address));
    std::fputs(line.c_str(), stderr);
  }
  return response;
}

}  // namespace ordertrack::server
