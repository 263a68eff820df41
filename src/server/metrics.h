// File: server/metrics.h
// Metrics: request counts by operation and outcome and latency histograms,
// rendered in Prometheus' text format for GET /metrics. Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "base/mutex.h"

namespace ordertrack::server {

class Metrics {
 public:
  // `store_bytes` reports the store's size for the ordertrack_store_bytes gauge.
  explicit Metrics(std::function<uint64_t()> store_bytes = nullptr);

  // Records one request of `operation` ("PutItem", "rest:GET /v1/orders/{id}")
  // that ended with `outcome` ("ok" or an error type) after `elapsed`.
  void Record(const std::string& operation, const std::string& outcome,
              std::chrono::nanoseconds elapsed);

  // Counts a request refused for its credentials: `api` is "rest" or
  // "dynamodb", `reason` a fixed word (access::VerdictWord, "forbidden", or
  // the DynamoDB error type). Never a key's name or anything of its secret.
  void RecordAuthFailure(std::string_view api, std::string_view reason);

  std::string RenderPrometheus() const;

 private:
  static constexpr std::array<double, 12> kBucketsSeconds = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1};
  struct Histogram {
    std::array<uint64_t, kBucketsSeconds.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };

  std::function<uint64_t()> store_bytes_;
  mutable base::Mutex mu_;
  std::map<std::pair<std::string, std::string>, uint64_t> requests_ OT_GUARDED_BY(mu_);
  std::map<std::string, Histogram> latency_ OT_GUARDED_BY(mu_);
  std::map<std::pair<std::string, std::string>, uint64_t, std::less<>> auth_failures_
      OT_GUARDED_BY(mu_);
};

}  // namespace ordertrack::server
