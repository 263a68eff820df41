// File: orders/order_store.h
// OrderStore: the seed's DDBOrder made safe, on any api::DynamoDb (the
// embedded engine or a remote DynamoDB): idempotent creation, status changes
// by conditional write along the legal transitions with history, a user's
// and a product's orders by status merged by time with exact cursors, counts
// and export. It never sees JSON, HTTP or the engine.
//
// Errors: ValidationException for invalid arguments (not a UUID, a limit out
// of range, a cursor that is not ours, an idempotency key reused for another
// request), ResourceNotFoundException for an unknown order,
// ConditionalCheckFailedException for a transition that is not allowed; other
// codes come from the store. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/dynamodb.h"
#include "orders/order.h"

namespace ordertrack::orders {

struct OrderStoreOptions {
  std::string table = "purchase";
  // Creation times and history; tests pass a fake clock.
  std::function<Micros()> now;
  // New order ids (random UUIDs by default).
  std::function<std::string()> new_id;
  // Conflicting concurrent status changes are retried this often.
  int max_attempts = 20;
  // Called when EnsureTables has the tables, before any order is written
  // (the server gives the orders table its stream here); its error is
  // EnsureTables'.
  std::function<base::Status()> on_tables_ready;
};

struct ListOptions {
  std::set<OrderStatus> statuses;  // empty: the listing's default
  int limit = 10;                  // 1..100
  std::string cursor;              // from a previous page; empty: the first page
  bool newest_first = true;
};

struct Page {
  std::vector<Order> orders;
  std::optional<std::string> next_cursor;  // absent on the last page
};

struct StatusCounts {
  int64_t in_progress = 0;
  int64_t completed = 0;
  int64_t canceled = 0;
};

class OrderStore {
 public:
  // `db` must outlive the store.
  OrderStore(api::DynamoDb& db, OrderStoreOptions options = {});

  // Creates the table (and the idempotency table) with the seed's indexes
  // when missing; leaves existing ones alone. Every operation below does this
  // once by itself, after checking its arguments; call it early to fail fast.
  base::Status EnsureTables();

  // A new in_progress order, its creation made `by` (StatusChange::by). With
  // an idempotency key, a retry of the same request returns the order the
  // first one made; `created_now` tells which.
  base::Result<Order> Create(const std::string& user_id, const std::string& product_id,
                             const std::string& by,
                             const std::optional<std::string>& idempotency_key = std::nullopt,
                             bool* created_now = nullptr);
  base::Result<Order> Get(const std::string& order_id);
  // Moves the order to `status` with one conditional write on the status it
  // read, retried on conflict; asking for the current status is a no-op.
  // The change is recorded as made `by`.
  base::Result<Order> SetStatus(const std::string& order_id, OrderStatus status,
                                const std::string& by);

  // Default statuses: a user's in_progress and completed (the seed's
  // get_user_orders); a product's in_progress (the seed's get_product_orders).
  base::Result<Page> ListByUser(const std::string& user_id, const ListOptions& options);
  base::Result<Page> ListByProduct(const std::string& product_id, const ListOptions& options);

  base::Result<StatusCounts> CountByUser(const std::string& user_id);
  base::Result<StatusCounts> CountByProduct(const std::string& product_id);

  // Calls `sink` with every order, in no particular order; stops at the
  // first error `sink` returns. `progress` (may be null) gets the running
  // count and the table's approximate item count.
  base::Status ExportAll(const std::function<base::Status(const Order&)>& sink,
                         const std::function<void(int64_t done, int64_t total)>& progress);

 private:
  struct IndexSpec;
  base::Result<Page> List(const IndexSpec& index, const std::string& owner_id,
                          const ListOptions& options);
  base::Result<StatusCounts> Count(const IndexSpec& index, const std::string& owner_id);

  // EnsureTables once. Until an operation needs the table, it is not created,
  // so the seed's own program can still create `purchase` on a fresh store.
  base::Status Ready();

  api::DynamoDb& db_;
  OrderStoreOptions options_;
  std::mutex ready_mu_;
  std::atomic<bool> ready_{false};
  std::string idempotency_table_;
};

}  // namespace ordertrack::orders
