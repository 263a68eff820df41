#include "server/metrics.h"

#include <fmt/format.h>

namespace ordertrack::server {

Metrics::Metrics(std::function<uint64_t()> store_bytes) : store_bytes_(std::move(store_bytes)) {}

void Metrics::Record(const std::string& operation, const std::string& outcome,
                     std::chrono::nanoseconds elapsed) {
  double seconds = std::chrono::duration<double>(elapsed).count();
  base::MutexLock lock(mu_);
  ++requests_[{operation, outcome}];
  Histogram& h = latency_[operation];
  for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    if (seconds <= kBucketsSeconds[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::RecordAuthFailure(std::string_view api, std::string_view reason) {
  base::MutexLock lock(mu_);
  ++auth_failures_[{std::string(api), std::string(reason)}];
}

std::string Metrics::RenderPrometheus() const {
  std::string out;
  out += "# HELP ordertrack_requests_total Requests by operation and outcome.\n";
  out += "# TYPE ordertrack_requests_total counter\n";
  base::MutexLock lock(mu_);
  for (const auto& [key, count] : requests_) {
    out += fmt::format("ordertrack_requests_total{{operation=\"{}\",outcome=\"{}\"}} {}\n",
                       key.first, key.second, count);
  }
  out += "# HELP ordertrack_request_duration_seconds Request latency by operation.\n";
  out += "# TYPE ordertrack_request_duration_seconds histogram\n";
  for (const auto& [operation, h] : latency_) {
    for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
      out += fmt::format("ordertrack_request_duration_seconds_bucket{{operation=\"{}\",le=\"{}\"}} {}\n",
                         operation, kBucketsSeconds[i], h.buckets[i]);
    }
    out += fmt::format("ordertrack_request_duration_seconds_bucket{{operation=\"{}\",le=\"+Inf\"}} {}\n",
                       operation, h.count);
    out += fmt::format("ordertrack_request_duration_seconds_sum{{operation=\"{}\"}} {}\n", operation, h.sum);
    out += fmt::format("ordertrack_request_duration_seconds_count{{operation=\"{}\"}} {}\n", operation, h.count);
  }
  out += "# HELP ordertrack_auth_failures_total Requests refused for their credentials.\n";
  out += "# TYPE ordertrack_auth_failures_total counter\n";
  for (const auto& [key, count] : auth_failures_) {
    out += fmt::format("ordertrack_auth_failures_total{{api=\"{}\",reason=\"{}\"}} {}\n",
                       key.first, key.second, count);
  }
  if (store_bytes_) {
    out += "# HELP ordertrack_store_bytes Approximate bytes of the store on disk.\n";
    out += "# TYPE ordertrack_store_bytes gauge\n";
    out += fmt::format("ordertrack_store_bytes {}\n", store_bytes_());
  }
  return out;
}

}  // namespace ordertrack::server
