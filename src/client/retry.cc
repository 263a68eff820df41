#include "client/retry.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

namespace ordertrack::client {

using base::ErrorCode;

bool IsThrottling(const base::Status& error) {
  switch (error.code()) {
    case ErrorCode::kProvisionedThroughputExceeded:
    case ErrorCode::kThrottling:
    case ErrorCode::kRequestLimitExceeded:
    case ErrorCode::kLimitExceeded:
      return true;
    default:
      return false;
  }
}

bool IsRetryable(const base::Status& error) {
  if (IsThrottling(error)) return true;
  switch (error.code()) {
    case ErrorCode::kInternalServerError:
    case ErrorCode::kServiceUnavailable:
    case ErrorCode::kIOError:  // the client's transport failures
      return true;
    default:
      return false;
  }
}

RetryPolicy::RetryPolicy(RetryOptions options) : options_(std::move(options)) {
  if (!options_.sleep) {
    options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  }
  if (!options_.random) {
    options_.random = [] {
      thread_local std::mt19937_64 rng(std::random_device{}());
      return std::uniform_real_distribution<double>(0, 1)(rng);
    };
  }
  options_.max_attempts = std::max(options_.max_attempts, 1);
}

base::Status RetryPolicy::Run(const std::function<base::Status()>& attempt) const {
  for (int n = 1;; ++n) {
    base::Status error = attempt();
    if (error.ok()) return error;
    if (!ShouldRetry(error, n)) return Finish(error, n);
  }
}

std::chrono::milliseconds RetryPolicy::Backoff(const base::Status& error, int retry) const {
  std::chrono::milliseconds base =
      IsThrottling(error) ? options_.throttling_base_delay : options_.base_delay;
  // Double in floating point: 2^retry overflows an integer long before the cap.
  double ceiling = std::min(static_cast<double>(options_.max_backoff.count()),
                            static_cast<double>(base.count()) * std::pow(2.0, retry - 1));
  return std::chrono::milliseconds(static_cast<int64_t>(options_.random() * ceiling));
}

bool RetryPolicy::ShouldRetry(const base::Status& error, int n) const {
  if (!IsRetryable(error) || n >= options_.max_attempts) return false;
  options_.sleep(Backoff(error, n));
  return true;
}

base::Status RetryPolicy::Finish(const base::Status& error, int attempts) const {
  // Only a retryable error means the retries ran out; any other is the
  // service's answer and goes back exactly as the engine would give it.
  if (attempts == 1 || !IsRetryable(error)) return error;
  return base::Status(
      error.code(), error.message() + " (gave up after " + std::to_string(attempts) + " attempts)",
      error.shared_details());
}

}  // namespace ordertrack::client
