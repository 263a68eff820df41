// File: client/remote_dynamodb.h
// RemoteDynamoDb: api::DynamoDb over DynamoDB's JSON protocol, for Amazon
// DynamoDB, ScyllaDB Alternator, DynamoDB Local, dynalite or `ordertrack
// serve`. Built on wire (the codec the server uses too), http_client,
// sigv4 and retry; errors arrive as the same typed base::Status values the
// embedded engine returns, details included, so callers cannot tell the two
// apart (issue 6). DynamoDB Streams' operations go to its own endpoint on
// AWS, signed for the same service name, "dynamodb", as the SDKs sign them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/dynamodb.h"
#include "client/credentials.h"
#include "client/http_client.h"
#include "client/retry.h"
#include "wire/operations.h"

namespace ordertrack::client {

struct RemoteOptions {
  // The service URL; empty means AWS's regional endpoints,
  // https://dynamodb.<region>.amazonaws.com and, for DynamoDB Streams,
  // https://streams.dynamodb.<region>.amazonaws.com. Set it for local
  // stores, which serve both on the one URL.
  std::string endpoint;
  // Signs requests (SigV4 scope) and picks the AWS endpoint. Required when
  // `endpoint` is empty; with an endpoint it defaults to "us-east-1", which
  // local stores accept whatever region they are told.
  std::string region;
  // nullopt: requests go unsigned (local stores without authentication).
  std::optional<AwsCredentials> credentials;
  HttpClientOptions http;
  RetryOptions retry;
  // Unix seconds for X-Amz-Date; tests pass a fixed clock.
  std::function<int64_t()> now;
  std::string user_agent = "ordertrack/1";
};

class RemoteDynamoDb final : public api::DynamoDb {
 public:
  // ValidationError for a malformed endpoint URL, or no endpoint and no region.
  // Connects lazily: an unreachable endpoint shows on the first call.
  static base::Result<std::unique_ptr<RemoteDynamoDb>> Create(RemoteOptions options);
  ~RemoteDynamoDb() override;
  RemoteDynamoDb(const RemoteDynamoDb&) = delete;
  RemoteDynamoDb& operator=(const RemoteDynamoDb&) = delete;

  // Every method: the service's error as the engine would give it; after
  // retries are spent, the last retryable error with " (gave up after N
  // attempts)" appended; kIOError for transport failures (cannot connect,
  // timed out, connection broken). Thread-safe.
  OT_DYNAMODB_OVERRIDES()

  const Endpoint& endpoint() const { return endpoint_; }
  // Where the Streams operations go: endpoint() unless it is AWS's.
  const Endpoint& streams_endpoint() const { return streams_endpoint_; }
  // The connection pool, for tests and metrics.
  const HttpClient& http_client() const { return *http_; }

 private:
  RemoteDynamoDb(RemoteOptions options, Endpoint endpoint, Endpoint streams_endpoint,
                 std::unique_ptr<HttpClient> http);

  // Sends `body` to `endpoint` with X-Amz-Target `target` ("DynamoDB_20120810.PutItem"),
  // with retries; the answer's body on success.
  base::Result<std::string> Call(const Endpoint& endpoint, std::string_view target,
                                 const std::string& body);
  // One attempt: sign, send, turn a non-200 answer into its typed error.
  base::Result<std::string> CallOnce(const Endpoint& endpoint, std::string_view target,
                                     const std::string& body);

  // Encodes the request, calls, decodes the answer: every operation's body.
  template <typename Request, typename Response>
  base::Result<Response> Invoke(const wire::Operation<Request, Response>& operation,
                                const Request& request);

  RemoteOptions options_;
  Endpoint endpoint_;
  Endpoint streams_endpoint_;
  std::unique_ptr<HttpClient> http_;
  RetryPolicy retry_;
};

}  // namespace ordertrack::client
