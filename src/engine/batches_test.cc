#include <gtest/gtest.h>

#include "engine/engine_test_util.h"

namespace ordertrack::engine {
namespace {

using ::ordertrack::testing::StatusIs;
using ::testing::HasSubstr;

class BatchesTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    CreatePurchaseTable();
  }
  model::Item Key(const std::string& id) { return {{"order_id", S(id)}}; }
};

TEST_F(BatchesTest, BatchWriteThenBatchGet) {
  api::BatchWriteItemRequest w;
  for (int i = 0; i < 25; ++i) {
    w.request_items["purchase"].push_back({Order("o" + std::to_string(i), "u", "p", 101, "1"), std::nullopt});
  }
  auto written = db_->BatchWriteItem(w);
  ASSERT_OK(written);
  EXPECT_TRUE(written->unprocessed_items.empty());
  api::BatchGetItemRequest g;
  for (int i = 0; i < 30; ++i) g.request_items["purchase"].keys.push_back(Key("o" + std::to_string(i)));
  g.request_items["purchase"].projection.projection_expression = "order_id";
  auto got = db_->BatchGetItem(g);
  ASSERT_OK(got);
  EXPECT_EQ(got->responses["purchase"].size(), 25u);
  EXPECT_EQ(got->responses["purchase"][0].size(), 1u);
  EXPECT_TRUE(got->unprocessed_keys.empty());
}

TEST_F(BatchesTest, BatchWritesReportTheirIndexEntriesPerTable) {
  Put(Order("o0", "u", "p", 101, "1"));
  api::BatchWriteItemRequest w;
  w.request_items["purchase"] = {{Order("o1", "u", "p", 101, "1"), std::nullopt},
                                 {std::nullopt, Key("o0")}};
  w.return_consumed_capacity = api::ReturnConsumedCapacity::kIndexes;
  auto written = db_->BatchWriteItem(w);
  ASSERT_OK(written);
  ASSERT_EQ(written->consumed_capacity.size(), 1u);
  const api::ConsumedCapacity& c = written->consumed_capacity[0];
  // Each write: 1 unit for the row, 1 for each of the two index entries.
  EXPECT_EQ(c.total.capacity_units, 6.0);
  ASSERT_TRUE(c.table.has_value());
  EXPECT_EQ(c.table->capacity_units, 2.0);
  EXPECT_EQ(c.global_secondary_indexes.at("for_user_id").capacity_units, 2.0);
  EXPECT_EQ(c.global_secondary_indexes.at("for_product_id").capacity_units, 2.0);
}

TEST_F(BatchesTest, BadBatchesWriteNothing) {
  api::BatchWriteItemRequest w;
  for (int i = 0; i < 26; ++i) {
    w.request_items["purchase"].push_back({Order("o" + std::to_string(i), "u", "p", 101, "1"), std::nullopt});
  }
  EXPECT_THAT(db_->BatchWriteItem(w), StatusIs(base::ErrorCode::kValidation, HasSubstr("less than or equal to 25")));
  w.request_items["purchase"].resize(2);
  w.request_items["purchase"][1] = {std::nullopt, Key("o0")};
  EXPECT_THAT(db_->BatchWriteItem(w), StatusIs(base::ErrorCode::kValidation, "Provided list of item keys contains duplicates"));
  w.request_items["purchase"][1] = {model::Item{{"order_id", N("1")}}, std::nullopt};
  EXPECT_FALSE(db_->BatchWriteItem(w).ok());
  EXPECT_EQ(db_->DescribeTable({"purchase"})->item_count, 0);
}

// Empty requests are told the lower bound, with DynamoDB's echo of the value.
TEST_F(BatchesTest, EmptyBatchesAreRefused) {
  const std::string at_least_one = "' failed to satisfy constraint: Member must have length greater than or equal to 1";
  EXPECT_THAT(db_->BatchWriteItem({}),
              StatusIs(base::ErrorCode::kValidation,
                       "1 validation error detected: Value '{}' at 'requestItems" + at_least_one));
  api::BatchWriteItemRequest w;
  w.request_items["purchase"];
  EXPECT_THAT(db_->BatchWriteItem(w),
              StatusIs(base::ErrorCode::kValidation,
                       "1 validation error detected: Value '{purchase=[]}' at 'requestItems' failed "
                       "to satisfy constraint: Map value must satisfy constraint: [Member must have "
                       "length less than or equal to 25, Member must have length greater than or "
                       "equal to 1]"));
  EXPECT_THAT(db_->BatchGetItem({}),
              StatusIs(base::ErrorCode::kValidation,
                       "1 validation error detected: Value '{}' at 'requestItems" + at_least_one));
  api::BatchGetItemRequest g;
  g.request_items["purchase"];
  EXPECT_THAT(db_->BatchGetItem(g),
              StatusIs(base::ErrorCode::kValidation,
                       "1 validation error detected: Value '[]' at 'requestItems.purchase.member.keys" +
                           at_least_one));
  EXPECT_THAT(db_->TransactGetItems({}),
              StatusIs(base::ErrorCode::kValidation,
                       "1 validation error detected: Value '[]' at 'transactItems" + at_least_one));
  EXPECT_THAT(db_->TransactWriteItems({}),
              StatusIs(base::ErrorCode::kValidation,
                       "1 validation error detected: Value '[]' at 'transactItems" + at_least_one));
}

TEST_F(BatchesTest, TransactionCommitsAllOrNothing) {
  Put(Order("a", "u", "p", 101, "1"));
  api::TransactWriteItemsRequest t;
  api::TransactUpdate complete;
  complete.table_name = "purchase";
  complete.key = Key("a");
  complete.update_expression = "SET order_status = :done";
  complete.condition_expression = "order_status = :open";
  complete.expression.expression_attribute_values = model::Map{{":done", N("201")}, {":open", N("101")}};
  api::TransactPut create;
  create.table_name = "purchase";
  create.item = Order("b", "u", "p", 101, "2");
  create.condition_expression = "attribute_not_exists(order_id)";
  t.transact_items = {complete, create};
  ASSERT_OK(db_->TransactWriteItems(t));
  EXPECT_EQ(Get("purchase", Key("a"))->at("order_status"), N("201"));
  EXPECT_TRUE(Get("purchase", Key("b")).has_value());

  // Again: both conditions now fail; a third, valid put must not happen either.
  api::TransactPut third;
  third.table_name = "purchase";
  third.item = Order("c", "u", "p", 101, "3");
  t.transact_items.push_back(third);
  std::get<api::TransactPut>(t.transact_items[1]).return_values_on_condition_check_failure =
      api::ReturnValuesOnConditionCheckFailure::kAllOld;
  auto cancelled = db_->TransactWriteItems(t);
  EXPECT_THAT(cancelled, StatusIs(base::ErrorCode::kTransactionCanceled,
                                  "Transaction cancelled, please refer cancellation reasons for "
                                  "specific reasons [ConditionalCheckFailed, ConditionalCheckFailed, None]"));
  auto* reasons = dynamic_cast<const api::CancellationReasons*>(cancelled.status().details());
  ASSERT_NE(reasons, nullptr);
  ASSERT_EQ(reasons->reasons.size(), 3u);
  EXPECT_FALSE(reasons->reasons[0].item.has_value());
  ASSERT_TRUE(reasons->reasons[1].item.has_value());
  EXPECT_EQ(reasons->reasons[1].item->at("order_id"), S("b"));
  EXPECT_FALSE(Get("purchase", Key("c")).has_value());
}

TEST_F(BatchesTest, ClientRequestTokenMakesRetriesIdempotent) {
  api::TransactUpdate add;
  add.table_name = "purchase";
  add.key = Key("counter");
  add.update_expression = "ADD n :one";
  add.expression.expression_attribute_values = model::Map{{":one", N("1")}};
  api::TransactWriteItemsRequest t;
  t.transact_items = {add};
  t.client_request_token = "token-1";
  ASSERT_OK(db_->TransactWriteItems(t));
  ASSERT_OK(db_->TransactWriteItems(t));  // a retry: not applied twice
  EXPECT_EQ(Get("purchase", Key("counter"))->at("n"), N("1"));
  std::get<api::TransactUpdate>(t.transact_items[0]).expression.expression_attribute_values =
      model::Map{{":one", N("2")}};
  EXPECT_THAT(db_->TransactWriteItems(t), StatusIs(base::ErrorCode::kIdempotentParameterMismatch,
                                                   HasSubstr("same client token")));
  t.client_request_token = "token-2";
  ASSERT_OK(db_->TransactWriteItems(t));
  EXPECT_EQ(Get("purchase", Key("counter"))->at("n"), N("3"));
}

TEST_F(BatchesTest, TransactionRefusesTwoOperationsOnOneItem) {
  api::TransactPut a, b;
  a.table_name = b.table_name = "purchase";
  a.item = b.item = Order("a", "u", "p", 101, "1");
  api::TransactWriteItemsRequest t;
  t.transact_items = {a, b};
  EXPECT_THAT(db_->TransactWriteItems(t),
              StatusIs(base::ErrorCode::kValidation,
                       "Transaction request cannot include multiple operations on one item"));
}

TEST_F(BatchesTest, TransactGetReadsEveryItem) {
  Put(Order("a", "u", "p", 101, "1"));
  api::TransactGetItemsRequest g;
  g.transact_items = {{"purchase", Key("a"), std::nullopt, std::nullopt},
                      {"purchase", Key("missing"), std::nullopt, std::nullopt}};
  auto got = db_->TransactGetItems(g);
  ASSERT_OK(got);
  ASSERT_EQ(got->responses.size(), 2u);
  EXPECT_TRUE(got->responses[0].has_value());
  EXPECT_FALSE(got->responses[1].has_value());
}

// Transactions report one entry per table, every item at twice a plain
// operation's units (condition checks and misses included), split into writes
// or reads; a retried TransactWriteItems reports its units again as reads.
TEST_F(BatchesTest, TransactionsReportCapacityPerTable) {
  ASSERT_OK(db_->CreateTable(PurchaseTable("archive")));
  Put(Order("a", "u", "p", 101, "1"));
  api::TransactPut put;
  put.table_name = "purchase";
  put.item = Order("b", "u", "p", 101, "2");
  api::TransactConditionCheck check;
  check.table_name = "purchase";
  check.key = Key("a");
  check.condition_expression = "attribute_exists(order_id)";
  api::TransactDelete remove_missing;
  remove_missing.table_name = "archive";
  remove_missing.key = Key("nothing-here");
  api::TransactWriteItemsRequest t;
  t.transact_items = {put, remove_missing, check};
  t.return_consumed_capacity = api::ReturnConsumedCapacity::kIndexes;
  t.client_request_token = "capacity";
  auto written = db_->TransactWriteItems(t);
  ASSERT_OK(written);
  ASSERT_EQ(written->consumed_capacity.size(), 2u);
  // The put: 1 unit for the row and 1 for each of the two index entries; the
  // check: 1 for the row. Each twice.
  const api::ConsumedCapacity& purchase = written->consumed_capacity[0];
  EXPECT_EQ(purchase.table_name, "purchase");
  EXPECT_EQ(purchase.total.capacity_units, 8.0);
  EXPECT_EQ(purchase.total.write_capacity_units, 8.0);
  EXPECT_EQ(purchase.total.read_capacity_units, 0.0);
  ASSERT_TRUE(purchase.table.has_value());
  EXPECT_EQ(purchase.table->capacity_units, 4.0);
  EXPECT_EQ(purchase.table->write_capacity_units, 4.0);
  ASSERT_EQ(purchase.global_secondary_indexes.size(), 2u);
  EXPECT_EQ(purchase.global_secondary_indexes.at("for_user_id").capacity_units, 2.0);
  EXPECT_EQ(purchase.global_secondary_indexes.at("for_user_id").write_capacity_units, 2.0);
  EXPECT_EQ(written->consumed_capacity[1].table_name, "archive");
  EXPECT_EQ(written->consumed_capacity[1].total.capacity_units, 2.0);

  t.return_consumed_capacity = api::ReturnConsumedCapacity::kTotal;
  auto retried = db_->TransactWriteItems(t);
  ASSERT_OK(retried);
  ASSERT_EQ(retried->consumed_capacity.size(), 2u);
  EXPECT_EQ(retried->consumed_capacity[0].total.capacity_units, 8.0);
  EXPECT_EQ(retried->consumed_capacity[0].total.read_capacity_units, 8.0);
  EXPECT_EQ(retried->consumed_capacity[0].total.write_capacity_units, 0.0);
  EXPECT_FALSE(retried->consumed_capacity[0].table.has_value());

  // A 5 KB item costs two read units even when only its key is projected.
  model::Item big = Order("big", "u", "p", 101, "3");
  big["payload"] = S(std::string(5000, 'x'));
  Put(big);
  api::TransactGetItemsRequest g;
  g.transact_items = {{"purchase", Key("a"), "order_id", std::nullopt},
                      {"archive", Key("nothing-here"), std::nullopt, std::nullopt},
                      {"purchase", Key("missing"), std::nullopt, std::nullopt},
                      {"purchase", Key("big"), "order_id", std::nullopt}};
  g.return_consumed_capacity = api::ReturnConsumedCapacity::kIndexes;
  auto got = db_->TransactGetItems(g);
  ASSERT_OK(got);
  ASSERT_EQ(got->consumed_capacity.size(), 2u);
  EXPECT_EQ(got->consumed_capacity[0].table_name, "purchase");
  EXPECT_EQ(got->consumed_capacity[0].total.capacity_units, 8.0);
  EXPECT_EQ(got->consumed_capacity[0].total.read_capacity_units, 8.0);
  ASSERT_TRUE(got->consumed_capacity[0].table.has_value());
  EXPECT_EQ(got->consumed_capacity[0].table->read_capacity_units, 8.0);
  EXPECT_EQ(got->consumed_capacity[1].total.capacity_units, 2.0);
}

}  // namespace
}  // namespace ordertrack::engine
