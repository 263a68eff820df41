// File: server/dynamodb_endpoint.h
// DynamoDbEndpoint: DynamoDB's JSON protocol (POST / with X-Amz-Target) in
// front of any api::DynamoDb: the embedded engine, a remote table, a fake.
// DynamoDB (DynamoDB_20120810.*) and DynamoDB Streams
// (DynamoDBStreams_20120810.*) are served side by side, on the same port.
// It checks SigV4 signatures when given credentials, decodes the request with
// the wire codec, calls the api, and answers in DynamoDB's shape with
// x-amzn-RequestId and x-amz-crc32 headers.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "api/dynamodb.h"
#include "http/server.h"
#include "server/metrics.h"

namespace ordertrack::server {

struct EndpointOptions {
  // Access key id -> secret. When set, every request must be signed.
  std::optional<std::map<std::string, std::string, std::less<>>> credentials;
  // The address DescribeEndpoints reports when the request has no Host
  // header, e.g. "127.0.0.1:8010".
  std::string address;
  // Unix seconds; tests pass a fixed clock.
  std::function<int64_t()> now;
};

class DynamoDbEndpoint {
 public:
  // `db` and `metrics` must outlive the endpoint.
  DynamoDbEndpoint(api::DynamoDb& db, EndpointOptions options, Metrics& metrics);

  // True when `request` is DynamoDB traffic: POST / with an X-Amz-Target header.
  static bool Accepts(const http::Request& request);
  // Thread-safe.
  http::Response Handle(const http::Request& request);

 private:
  using Handler = std::function<base::Result<std::string>(const http::Request& request)>;
  struct Route {
    std::string name;  // "GetRecords": what metrics record
    Handler handler;
  };
  base::Status Authenticate(const http::Request& request) const;

  api::DynamoDb& db_;
  EndpointOptions options_;
  Metrics& metrics_;
  // By the whole X-Amz-Target, e.g. "DynamoDBStreams_20120810.GetRecords".
  std::map<std::string, Route, std::less<>> operations_;
};

// An error answer in DynamoDB's shape; also used for bodies over the limit.
http::Response ErrorResponse(const base::Status& error);

}  // namespace ordertrack::server
