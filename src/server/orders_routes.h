// File: server/orders_routes.h
// OrdersRoutes: the toy store's REST API (/v1/...) over an orders::OrderStore,
// served by the Router next to the DynamoDB API. Requests are validated
// before the store is called, so a refused request stores nothing; errors
// are RFC 9457 problem+json. docs/openapi.json describes every route and is
// served as GET /v1/openapi.json.
//
//   POST  /v1/orders                      201 + Location (200 on an Idempotency-Key retry)
//   GET   /v1/orders/{id}                 the order with its history
//   PATCH /v1/orders/{id}                 {"status": "..."}: a legal transition or a no-op
//   GET   /v1/users/{id}/orders           ?status=a,b&limit=&cursor=&order=newest|oldest
//   GET   /v1/products/{id}/orders        (the same)
//   GET   /v1/users/{id}/stats            counts by status
//   GET   /v1/products/{id}/stats         (the same)
//   GET   /v1/events                      ?after=&limit=&types=: order events (server/events_routes.h)
//   GET   /v1/openapi.json                the OpenAPI 3 document (public)
//   /v1/keys, /v1/keys/{name}             key management (server/keys_routes.h)
//
// Every route but the document goes through RestAccess: GET routes need the
// reader role, the others writer, the keys routes admin.
#pragma once

#include <string_view>

#include "events/feed.h"
#include "http/server.h"
#include "orders/order_store.h"
#include "server/metrics.h"
#include "server/rest_access.h"

namespace ordertrack::server {

class OrdersRoutes {
 public:
  // All four must outlive the routes.
  OrdersRoutes(orders::OrderStore& store, events::EventFeed& feed, RestAccess& access,
               Metrics& metrics);

  // True for the paths this API owns: /v1 and everything under /v1/.
  static bool Accepts(const http::Request& request);

  // Answers one request: JSON on success; problem+json with 400 (malformed
  // JSON), 401 and 403 (RestAccess), 404 (unknown order or route), 405 (wrong method, with Allow),
  // 409 (a transition that is not allowed), 415 (a body that is not JSON),
  // 422 (an invalid field), 503 (the store is throttling) or 500. Each call
  // is counted in Metrics as "rest:METHOD /v1/pattern". Thread-safe.
  http::Response Handle(const http::Request& request);

 private:
  struct Call;
  http::Response Dispatch(const Call& call);
  http::Response CreateOrder(const Call& call);
  http::Response UpdateOrder(const Call& call);
  http::Response ListOrders(const Call& call, bool by_user);

  orders::OrderStore& store_;
  events::EventFeed& feed_;
  RestAccess& access_;
  Metrics& metrics_;
};

// docs/openapi.json, embedded at build time.
std::string_view OpenApiJson();

}  // namespace ordertrack::server
