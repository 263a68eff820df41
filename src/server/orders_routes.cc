#include "server/orders_routes.h"

#include <fmt/format.h>

#include <chrono>
#include <optional>
#include <string>

#include "base/strings.h"
#include "server/rest_json.h"
#include "server/internal/rest_responses.h"
#include "server/events_routes.h"
#include "server/keys_routes.h"
#include "server/router.h"

namespace ordertrack::server {
namespace {

enum class Route {
  kNone,
  kOrders,
  kOrder,
  kUserOrders,
  kProductOrders,
  kUserStats,
  kProductStats,
  kKeys,
  kKey,
  kOpenApi,
  kEvents,
};

// The pattern counted in Metrics, the methods the route takes and the
// role each needs: `read_role` for GET, `write_role` for the others. The
// OpenAPI document is public, as documentation is.
struct RouteInfo {
  std::string_view pattern;
  std::string_view allow;
  std::optional<access::Role> read_role = access::Role::kReader;
  access::Role write_role = access::Role::kWriter;
};

RouteInfo Info(Route route) {
  switch (route) {
    case Route::kOrders:
      return {"/v1/orders", "POST"};
    case Route::kOrder:
      return {"/v1/orders/{id}", "GET, PATCH"};
    case Route::kUserOrders:
      return {"/v1/users/{id}/orders", "GET"};
    case Route::kProductOrders:
      return {"/v1/products/{id}/orders", "GET"};
    case Route::kUserStats:
      return {"/v1/users/{id}/stats", "GET"};
    case Route::kProductStats:
      return {"/v1/products/{id}/stats", "GET"};
    case Route::kKeys:
      return {"/v1/keys", "GET, POST", access::Role::kAdmin, access::Role::kAdmin};
    case Route::kKey:
      return {"/v1/keys/{name}", "GET, DELETE", access::Role::kAdmin, access::Role::kAdmin};
    case Route::kOpenApi:
      return {"/v1/openapi.json", "GET", std::nullopt};
    case Route::kEvents:
      return {"/v1/events", "GET"};
    case Route::kNone:
      break;
  }
  return {"unmatched", ""};
}

bool Allows(std::string_view allow, std::string_view method) {
  while (!allow.empty()) {
    size_t comma = allow.find(", ");
    if (allow.substr(0, comma) == method) return true;
    if (comma == std::string_view::npos) break;
    allow.remove_prefix(comma + 2);
  }
  return false;
}

// Splits the path under /v1/ into a route and its raw {id} segment.
Route MatchPath(std::string_view path, std::string_view* id) {
  if (path == "/v1/orders") return Route::kOrders;
  if (path == "/v1/openapi.json") return Route::kOpenApi;
  if (path == "/v1/events") return Route::kEvents;
  if (path == "/v1/keys") return Route::kKeys;
  constexpr std::string_view kPrefix = "/v1/";
  if (!path.starts_with(kPrefix)) return Route::kNone;
  path.remove_prefix(kPrefix.size());
  std::string_view segments[4];
  size_t count = 0;
  while (count < 4) {
    size_t slash = path.find('/');
    segments[count++] = path.substr(0, slash);
    if (segments[count - 1].empty()) return Route::kNone;
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
    if (count == 4) return Route::kNone;  // more segments than any route has
  }
  *id = segments[1];
  if (count == 2 && segments[0] == "orders") return Route::kOrder;
  if (count == 2 && segments[0] == "keys") return Route::kKey;
  if (count != 3) return Route::kNone;
  bool users = segments[0] == "users";
  bool products = segments[0] == "products";
  if (segments[2] == "orders") {
    if (users) return Route::kUserOrders;
    if (products) return Route::kProductOrders;
  } else if (segments[2] == "stats") {
    if (users) return Route::kUserStats;
    if (products) return Route::kProductStats;
  }
  return Route::kNone;
}

std::optional<http::Response> CheckUuid(std::string_view what, std::string_view id) {
  if (orders::IsUuid(id)) return std::nullopt;
  return Unprocessable(
      fmt::format("{} {} is not a UUID (8-4-4-4-12 lower-case hex digits)", what, Quoted(id)));
}

// ?status=a,b&limit=&cursor=&order=newest|oldest; other parameters are ignored.
std::optional<http::Response> ParseListQuery(std::string_view query, orders::ListOptions* out) {
  bool seen_limit = false, seen_cursor = false, seen_order = false;
  return ForEachQueryParameter(query, [&](const std::string& name, const std::string& value)
                                          -> std::optional<http::Response> {
    if (name == "status") {
      return ForEachListItem(value, [&](std::string_view word) -> std::optional<http::Response> {
        auto status = orders::StatusFromWord(word);
        if (!status) {
          return Unprocessable(fmt::format(
              "unknown status {} in 'status': expected in_progress, completed or canceled",
              Quoted(word)));
        }
        out->statuses.insert(*status);
        return std::nullopt;
      });
    } else if (name == "limit") {
      if (auto r = Once(name, &seen_limit)) return r;
      return ParseCount(name, value, 100, &out->limit);
    } else if (name == "cursor") {
      if (auto r = Once(name, &seen_cursor)) return r;
      out->cursor = value;
    } else if (name == "order") {
      if (auto r = Once(name, &seen_order)) return r;
      if (value != "newest" && value != "oldest") {
        return Unprocessable("'order' must be newest or oldest, not " + Quoted(value));
      }
      out->newest_first = value == "newest";
    }
    return std::nullopt;
  });
}

// Metric labels stay few: unknown methods are counted together.
std::string_view MethodLabel(std::string_view method) {
  for (std::string_view m : {"GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"}) {
    if (method == m) return m;
  }
  return "OTHER";
}

}  // namespace

struct OrdersRoutes::Call {
  const http::Request& request;
  Route route;
  std::string id;  // the decoded {id} or {name} segment
  std::string_view query;
  std::string by;  // who the call's changes are recorded as made by
};

OrdersRoutes::OrdersRoutes(orders::OrderStore& store, events::EventFeed& feed, RestAccess& access,
                           Metrics& metrics)
    : store_(store), feed_(feed), access_(access), metrics_(metrics) {}

bool OrdersRoutes::Accepts(const http::Request& request) {
  std::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  return path == "/v1" || path.starts_with("/v1/");
}

http::Response OrdersRoutes::Handle(const http::Request& request) {
  auto start = std::chrono::steady_clock::now();
  std::string_view target = request.target;
  size_t question = target.find('?');
  std::string_view path = target.substr(0, question);
  std::string_view raw_id;
  Route route = MatchPath(path, &raw_id);
  RouteInfo info = Info(route);
  http::Response response;
  if (route == Route::kNone) {
    response = Problem(404, "Not Found", fmt::format("no route for {} {}", request.method, path));
  } else if (!Allows(info.allow, request.method)) {
    response =
        Problem(405, "Method Not Allowed",
                fmt::format("{} takes {}, not {}", info.pattern, info.allow, request.method));
    response.headers.emplace_back("Allow", info.allow);
  } else {
    // An id with a malformed escape is kept as sent; it then fails the UUID check.
    std::string id;
    if (!base::PercentDecode(raw_id, &id)) id = raw_id;
    Call call{request, route, std::move(id),
              question == std::string_view::npos ? "" : target.substr(question + 1), ""};
    std::optional<access::Role> needed =
        request.method == "GET" ? info.read_role : info.write_role;
    std::optional<http::Response> refused;
    if (needed) refused = access_.Admit(request, *needed, &call.by);
    response = refused ? std::move(*refused) : Dispatch(call);
  }
  metrics_.Record(fmt::format("rest:{} {}", MethodLabel(request.method), info.pattern),
                  response.status < 400 ? "ok" : std::to_string(response.status),
                  std::chrono::steady_clock::now() - start);
  return response;
}

http::Response OrdersRoutes::Dispatch(const Call& call) {
  switch (call.route) {
    case Route::kOpenApi:
      return Json(200, std::string(OpenApiJson()));
    case Route::kOrders:
      return CreateOrder(call);
    case Route::kOrder: {
      if (auto bad = CheckUuid("order id", call.id)) return *bad;
      if (call.request.method == "PATCH") return UpdateOrder(call);
      auto order = store_.Get(call.id);
      if (!order.ok()) return StoreProblem(order.status());
      return Json(200, OrderJson(*order));
    }
    case Route::kUserOrders:
    case Route::kProductOrders:
      return ListOrders(call, call.route == Route::kUserOrders);
    case Route::kUserStats:
    case Route::kProductStats: {
      bool by_user = call.route == Route::kUserStats;
      if (auto bad = CheckUuid(by_user ? "user id" : "product id", call.id)) return *bad;
      auto counts = by_user ? store_.CountByUser(call.id) : store_.CountByProduct(call.id);
      if (!counts.ok()) return StoreProblem(counts.status());
      return Json(200, StatusCountsJson(*counts));
    }
    case Route::kEvents:
      return ListEvents(feed_, call.query);
    case Route::kKeys:
      if (call.request.method == "POST") return CreateKey(access_.authenticator(), call.request);
      return ListKeys(access_.authenticator());
    case Route::kKey:
      if (call.request.method == "DELETE") return RevokeKey(access_.authenticator(), call.id);
      return GetKey(access_.authenticator(), call.id);
    case Route::kNone:
      break;
  }
  return Problem(404, "Not Found", "no such route");
}

http::Response OrdersRoutes::CreateOrder(const Call& call) {
  if (auto bad = CheckJsonBody(call.request, "Accept-Post")) return *bad;
  auto body = ParseCreateOrderBody(call.request.body);
  if (!body.ok()) return BodyProblem(body.status());
  if (auto bad = CheckUuid("user_id", body->user_id)) return *bad;
  if (auto bad = CheckUuid("product_id", body->product_id)) return *bad;
  std::optional<std::string> key;
  if (std::string_view k = call.request.Header("Idempotency-Key"); !k.empty()) {
    bool printable = k.size() <= 255;
    for (char c : k) printable = printable && c >= 0x20 && c <= 0x7e;
    if (!printable) {
      return Unprocessable(
          "the Idempotency-Key header must be 1 to 255 printable ASCII characters");
    }
    key = std::string(k);
  }
  bool created_now = true;
  auto order = store_.Create(body->user_id, body->product_id, call.by, key, &created_now);
  if (!order.ok()) return StoreProblem(order.status());
  http::Response r = Json(created_now ? 201 : 200, OrderJson(*order));
  r.headers.emplace_back("Location", "/v1/orders/" + order->order_id);
  if (!created_now) r.headers.emplace_back("Idempotent-Replayed", "true");
  return r;
}

http::Response OrdersRoutes::UpdateOrder(const Call& call) {
  if (auto bad = CheckJsonBody(call.request, "Accept-Patch")) return *bad;
  auto status = ParseStatusChangeBody(call.request.body);
  if (!status.ok()) return BodyProblem(status.status());
  auto order = store_.SetStatus(call.id, *status, call.by);
  if (!order.ok()) return StoreProblem(order.status());
  return Json(200, OrderJson(*order));
}

http::Response OrdersRoutes::ListOrders(const Call& call, bool by_user) {
  if (auto bad = CheckUuid(by_user ? "user id" : "product id", call.id)) return *bad;
  orders::ListOptions options;
  if (auto bad = ParseListQuery(call.query, &options)) return *bad;
  auto page =
      by_user ? store_.ListByUser(call.id, options) : store_.ListByProduct(call.id, options);
  if (!page.ok()) return StoreProblem(page.status());
  return Json(200, PageJson(*page));
}

}  // namespace ordertrack::server
