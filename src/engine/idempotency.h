// File: engine/idempotency.h
// IdempotencyTokens: TransactWriteItems' ClientRequestToken. A token seen in
// the last 10 minutes with the same request makes a retry succeed without
// applying it again; with a different request it is refused. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "api/batches.h"
#include "base/status.h"

namespace ordertrack::engine {

class IdempotencyTokens {
 public:
  static constexpr double kWindowSeconds = 600;

  enum class Seen { kNew, kRepeat };
  // kRepeat when `token` committed the same request within the window;
  // IdempotentParameterMismatchException when it committed another one.
  base::Result<Seen> Check(const std::string& token, const api::TransactWriteItemsRequest& request,
                           double now);
  // Records that `token` committed `request` at `now`.
  void Remember(const std::string& token, const api::TransactWriteItemsRequest& request,
                double now);

 private:
  struct Entry {
    std::string fingerprint;
    double at = 0;
  };
  static std::string Fingerprint(const api::TransactWriteItemsRequest& request);

  std::mutex mu_;
  std::map<std::string, Entry> entries_;  // GUARDED_BY(mu_)
};

}  // namespace ordertrack::engine
