// File: client/retry.h
// RetryPolicy: which failures RemoteDynamoDb sends again and how long it
// waits, as the AWS SDKs do for DynamoDB: exponential backoff with full
// jitter on throttling, 5xx and transport failures; never on a validation,
// conditional or other client error.
#pragma once

#include <chrono>
#include <functional>

#include "base/result.h"

namespace ordertrack::client {

struct RetryOptions {
  // Attempts in all, the first included (the SDKs' default for DynamoDB is 10).
  int max_attempts = 10;
  // Backoff before retry n (n = 1, 2, ...) is uniform in
  // [0, min(max_backoff, base * 2^(n-1))]: "full jitter", which spreads
  // clients that failed together
  // (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
  std::chrono::milliseconds base_delay{25};
  // Throttling gets a longer base: retrying quickly only throttles again.
  std::chrono::milliseconds throttling_base_delay{50};
  std::chrono::milliseconds max_backoff{std::chrono::seconds(20)};
  // Injectable for tests. Defaults: std::this_thread::sleep_for, and a
  // thread-local generator uniform in [0, 1).
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<double()> random;
};

// True for the errors the SDKs retry: ProvisionedThroughputExceeded,
// Throttling, RequestLimitExceeded, LimitExceeded, InternalServerError,
// ServiceUnavailable, and kIOError (a broken connection or a timeout).
bool IsRetryable(const base::Status& error);
// True for the throttling subset of the above.
bool IsThrottling(const base::Status& error);

class RetryPolicy {
 public:
  explicit RetryPolicy(RetryOptions options);

  // Calls `attempt` until it succeeds, fails with an error that is not
  // retryable, or max_attempts calls were made. When the attempts run out,
  // the last error comes back with the same code and details and its message
  // followed by " (gave up after N attempts)"; an error that is not retryable
  // comes back unchanged. Thread-safe when the injected
  // functions are.
  template <typename T>
  base::Result<T> Run(const std::function<base::Result<T>()>& attempt) const {
    for (int n = 1;; ++n) {
      base::Result<T> result = attempt();
      if (result.ok()) return result;
      base::Status error = result.status();
      if (!ShouldRetry(error, n)) return Finish(error, n);
    }
  }
  base::Status Run(const std::function<base::Status()>& attempt) const;

  // The wait before retry `retry` (1 for the first retry) after `error`.
  std::chrono::milliseconds Backoff(const base::Status& error, int retry) const;

 private:
  // Sleeps and returns true when attempt `n`, failed with `error`, should be followed by another.
  bool ShouldRetry(const base::Status& error, int n) const;
  base::Status Finish(const base::Status& error, int attempts) const;

  RetryOptions options_;
};

}  // namespace ordertrack::client
