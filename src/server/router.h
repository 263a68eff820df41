// File: server/router.h
// Router: the one handler of `ordertrack serve`. DynamoDB traffic (POST /
// with X-Amz-Target) goes to the DynamoDbEndpoint; /v1/... to the orders
// REST API (OrdersRoutes); GET /healthz and GET /metrics are answered here;
// everything else is a problem+json 404.
#pragma once

#include <optional>
#include <string>

#include "http/server.h"
#include "server/dynamodb_endpoint.h"
#include "server/metrics.h"
#include "server/orders_routes.h"

namespace ordertrack::server {

class Router {
 public:
  // `dynamodb`, `metrics` and `orders` must outlive the router. With
  // `log_requests`, one JSON line per request goes to stderr. Without
  // `orders` (may be null), /v1/... is a 404 like any unknown path.
  // `health_warning`, when set, is a line /healthz adds after "ok". With
  // `guard_loopback`, requests that a web page made a browser send (their
  // Host or Origin is not a loopback name: server/exposure.h) get a 403.
  Router(DynamoDbEndpoint& dynamodb, Metrics& metrics, bool log_requests,
         OrdersRoutes* orders = nullptr, std::optional<std::string> health_warning = std::nullopt,
         bool guard_loopback = false);

  // Thread-safe.
  http::Response Handle(const http::Request& request);

 private:
  http::Response Route(const http::Request& request);

  DynamoDbEndpoint& dynamodb_;
  Metrics& metrics_;
  bool log_requests_;
  OrdersRoutes* orders_;
  std::string health_body_;
  bool guard_loopback_;
};

// An RFC 9457 problem+json answer.
http::Response Problem(int status, std::string_view title, std::string_view detail);

// What is sent instead of `intended` when the writes behind it could not be
// stored (http::ServerOptions::unsaved_answer): DynamoDB's
// InternalServerError to a DynamoDB request, a problem+json 500 otherwise.
http::Response UnsavedAnswer(const http::Response& intended);

}  // namespace ordertrack::server
