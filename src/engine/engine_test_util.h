// File: engine/engine_test_util.h
// Shared set-up for the engine's tests: an engine in a temporary directory,
// the seed's `purchase` table, and terse value builders.
#pragma once

#include <memory>
#include <string>

#include "engine/embedded_dynamodb.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace ordertrack::engine {

inline model::AttributeValue S(std::string s) { return model::AttributeValue::S(std::move(s)); }
inline model::AttributeValue N(std::string_view n) {
  return model::AttributeValue::NumberFromText(n);
}

// The seed's table: key order_id; global indexes for_user_id and
// for_product_id on (user_id | product_id, order_status_created), ALL.
api::CreateTableRequest PurchaseTable(std::string name = "purchase");

// An on-demand table keyed (pk S, sk N) with a local index by_l on (pk, l S)
// projecting `projection`.
api::CreateTableRequest LocalIndexTable(std::string name, model::ProjectionType projection);

// An order item in the seed's shape.
model::Item Order(const std::string& id, const std::string& user, const std::string& product,
                  int status, const std::string& created);

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  // Closes the engine (if open) and opens it again on the same directory.
  void Reopen(EngineOptions options = {});
  void CreatePurchaseTable();
  void Put(const model::Item& item);
  std::optional<model::Item> Get(const std::string& table, const model::Item& key);

  testing::TempDir dir_;
  std::unique_ptr<EmbeddedDynamoDb> db_;
};

}  // namespace ordertrack::engine
