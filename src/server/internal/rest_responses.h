// File: server/internal/rest_responses.h
// The answers the REST routes (orders and keys) share: JSON bodies, and
// problem+json for a body of the wrong type or shape and for a store error.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "http/server.h"

namespace ordertrack::server {

http::Response Json(int status, std::string body);
// 422 Unprocessable Content.
http::Response Unprocessable(std::string_view detail);
// Echoes a client's value in a detail message, quoted and cut short.
std::string Quoted(std::string_view value);
// 415 unless the body is declared JSON; a missing Content-Type is taken as
// JSON. `accept_header` ("Accept-Post", "Accept-Patch") names the type wanted.
std::optional<http::Response> CheckJsonBody(const http::Request& request,
                                            std::string_view accept_header);
// A body that failed to decode: 400 when it is not JSON, 422 when its shape is wrong.
http::Response BodyProblem(const base::Status& status);
// Calls `take(name, value)` for each pair of the query string, percent-
// decoded ('+' stays '+': cursors may contain it, and none of our values
// contains a space); stops at the first answer `take` returns. 400 for
// malformed percent-encoding.
using QueryTaker =
    std::function<std::optional<http::Response>(const std::string& name, const std::string& value)>;
std::optional<http::Response> ForEachQueryParameter(std::string_view query,
                                                    const QueryTaker& take);
// Calls `take(item)` for each item of a comma-separated value; stops at
// the first answer `take` returns.
std::optional<http::Response> ForEachListItem(
    std::string_view list, const std::function<std::optional<http::Response>(std::string_view)>& take);
// 422 when `*seen` is already set (a parameter given twice); sets it.
std::optional<http::Response> Once(const std::string& name, bool* seen);
// 1..`max` in decimal, or 422 naming `name`.
std::optional<http::Response> ParseCount(const std::string& name, const std::string& value,
                                         int max, int* out);

// The HTTP answer to an error from the store: 422, 404, 409, 503 with
// Retry-After, 410 for data past the stream's retention, or 500.
http::Response StoreProblem(const base::Status& status);

}  // namespace ordertrack::server
