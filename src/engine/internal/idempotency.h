// File: engine/internal/idempotency.h
// IdempotencyTokens: TransactWriteItems' ClientRequestToken. A token seen in
// the last 10 minutes with the same request makes a retry succeed without
// applying it again; with a different request it is refused. Thread-safe.
// Each token keeps the capacity units its transaction consumed per table,
// which DynamoDB reports again (as reads) when the transaction is retried.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "api/batches.h"
#include "base/mutex.h"
#include "base/status.h"

namespace ordertrack::engine {

// Capacity units consumed per table, in the order of the request's items.
using TableUnits = std::vector<std::pair<std::string, double>>;

class IdempotencyTokens {
 public:
  static constexpr double kWindowSeconds = 600;

  enum class Seen { kNew, kRepeat };
  // kRepeat when `token` committed the same request within the window, with
  // `*units` set to what it consumed then; IdempotentParameterMismatchException
  // when it committed another one.
  base::Result<Seen> Check(const std::string& token, const api::TransactWriteItemsRequest& request,
                           double now, TableUnits* units);
  // Records that `token` committed `request` at `now`, consuming `units`.
  void Remember(const std::string& token, const api::TransactWriteItemsRequest& request,
                double now, TableUnits units);

 private:
  struct Entry {
    std::string fingerprint;
    double at = 0;
    TableUnits units;
  };
  static std::string Fingerprint(const api::TransactWriteItemsRequest& request);

  base::Mutex mu_;
  std::map<std::string, Entry> entries_ OT_GUARDED_BY(mu_);
};

}  // namespace ordertrack::engine
