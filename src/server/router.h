// File: server/router.h
// Router: the one handler of `ordertrack serve`. DynamoDB traffic (POST /
// with X-Amz-Target) goes to the DynamoDbEndpoint; GET /healthz and GET
// /metrics are answered here; everything else is a problem+json 404.
#pragma once

#include "http/server.h"
#include "server/dynamodb_endpoint.h"
#include "server/metrics.h"

namespace ordertrack::server {

class Router {
 public:
  // `dynamodb` and `metrics` must outlive the router. With `log_requests`,
  // one JSON line per request goes to stderr.
  Router(DynamoDbEndpoint& dynamodb, Metrics& metrics, bool log_requests);

  // Thread-safe.
  http::Response Handle(const http::Request& request);

 private:
  http::Response Route(const http::Request& request);

  DynamoDbEndpoint& dynamodb_;
  Metrics& metrics_;
  bool log_requests_;
};

// An RFC 9457 problem+json answer.
http::Response Problem(int status, std::string_view title, std::string_view detail);

}  // namespace ordertrack::server
