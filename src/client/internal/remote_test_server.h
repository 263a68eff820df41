// File: client/internal/remote_test_server.h
// Test support for client/: ordertrack's own DynamoDB server (the embedded
// engine behind server::DynamoDbEndpoint) running in-process on a free
// loopback port, and a RemoteDynamoDb pointed at it. The endpoint is served
// without server::Router, which only puts /healthz, /metrics and the orders
// REST API beside it: this keeps the client's tests off the orders module.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "client/remote_dynamodb.h"
#include "engine/embedded_dynamodb.h"
#include "http/server.h"
#include "server/dynamodb_endpoint.h"
#include "server/metrics.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace ordertrack::client {

class RemoteTestServer {
 public:
  // With `credentials` (access key id -> secret), requests must be signed.
  explicit RemoteTestServer(
      std::optional<std::map<std::string, std::string, std::less<>>> credentials = std::nullopt) {
    auto db = engine::EmbeddedDynamoDb::Open(dir_.path());
    EXPECT_OK(db);
    db_ = std::move(db).value();
    server::EndpointOptions options;
    options.credentials = std::move(credentials);
    endpoint_ = std::make_unique<server::DynamoDbEndpoint>(*db_, options, metrics_);
    http::ServerOptions http_options;
    http_options.port = 0;
    http_options.threads = 4;
    auto started = http::Server::Start(
        http_options, [this](const http::Request& r) { return endpoint_->Handle(r); });
    EXPECT_OK(started);
    server_ = std::move(started).value();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }
  engine::EmbeddedDynamoDb& engine() { return *db_; }

  // A client of this server; fast retries so failing tests stay quick.
  std::unique_ptr<RemoteDynamoDb> Connect(std::optional<AwsCredentials> credentials = std::nullopt,
                                          std::string region = "us-east-1") {
    RemoteOptions options;
    options.endpoint = url();
    options.region = std::move(region);
    options.credentials = std::move(credentials);
    options.retry.sleep = [](std::chrono::milliseconds) {};
    auto remote = RemoteDynamoDb::Create(std::move(options));
    EXPECT_OK(remote);
    return remote.ok() ? std::move(remote).value() : nullptr;
  }

 private:
  testing::TempDir dir_;
  std::unique_ptr<engine::EmbeddedDynamoDb> db_;
  server::Metrics metrics_;
  std::unique_ptr<server::DynamoDbEndpoint> endpoint_;
  std::unique_ptr<http::Server> server_;  // last: stops before what it serves is destroyed
};

}  // namespace ordertrack::client
