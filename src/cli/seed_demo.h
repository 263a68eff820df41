// File: cli/seed_demo.h
// The seed's __main__ (../shared/seed/toys-store-orders.md) run against any
// api::DynamoDb: create the purchase table, 20 orders for 10 users and 10
// products with random statuses, then read back the first user's orders and
// the first product's in-progress orders with the seed's own queries.
#pragma once

#include <ostream>
#include <vector>

#include "api/dynamodb.h"

namespace ordertrack::cli {

struct SeedDemoResult {
  std::vector<model::Item> user_orders;
  std::vector<model::Item> product_orders_in_progress;
};

base::Result<SeedDemoResult> RunSeedDemo(api::DynamoDb& db, unsigned seed);

// Prints the orders as an aligned table, or as one JSON object when `json`.
void PrintOrders(const SeedDemoResult& result, bool json, std::ostream& out);

}  // namespace ordertrack::cli
