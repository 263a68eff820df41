// File: tests/conformance/store_backends.h
// The stores the orders conformance suite runs against with the same
// assertions (issue 6): the embedded engine in-process, ordertrack's own
// server over HTTP through the remote client, and on loopback through the
// same client dynalite (an independent DynamoDB implementation from npm) and
// DynamoDB Local (AWS's own emulator; issue 15).
#pragma once

#include <memory>
#include <string>

#include "api/dynamodb.h"

namespace ordertrack::conformance {

// DynamoDB features the suites use that some stores lack.
enum class Feature { kTransactions, kTimeToLive, kStreams };

class StoreBackend {
 public:
  virtual ~StoreBackend() = default;
  virtual api::DynamoDb& db() = 0;
  // False for a DynamoDB feature this store does not implement.
  virtual bool Supports(Feature feature) const = 0;
};

// "embedded", "ordertrack_server", "dynalite" or "dynamodb_local". Null,
// with `why_not` set, when the store cannot be started here (not installed).
std::unique_ptr<StoreBackend> MakeBackend(const std::string& name, std::string* why_not);

}  // namespace ordertrack::conformance
