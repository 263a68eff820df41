#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "engine/engine_test_util.h"
#include "engine/internal/write_checks.h"
#include "expr/ast.h"

namespace ordertrack::engine {
namespace {

using ::ordertrack::testing::StatusIs;
using ::testing::HasSubstr;

class ItemsTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    CreatePurchaseTable();
  }
  model::Item Key(const std::string& id) { return {{"order_id", S(id)}}; }
};

TEST_F(ItemsTest, PutGetDelete) {
  Put(Order("o1", "u1", "p1", 101, "1.5"));
  auto got = Get("purchase", Key("o1"));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->at("created"), N("1.50"));
  api::DeleteItemRequest del;
  del.table_name = "purchase";
  del.key = Key("o1");
  del.options.return_values = api::ReturnValue::kAllOld;
  auto deleted = db_->DeleteItem(del);
  ASSERT_OK(deleted);
  ASSERT_TRUE(deleted->attributes.has_value());
  EXPECT_EQ(deleted->attributes->at("user_id"), S("u1"));
  EXPECT_FALSE(Get("purchase", Key("o1")).has_value());
  EXPECT_EQ(db_->DescribeTable({"purchase"})->item_count, 0);
}

TEST_F(ItemsTest, ConditionalPutRefusesExistingItem) {
  api::PutItemRequest r;
  r.table_name = "purchase";
  r.item = Order("o1", "u1", "p1", 101, "1");
  r.condition.condition_expression = "attribute_not_exists(order_id)";
  ASSERT_OK(db_->PutItem(r));
  r.item["user_id"] = S("u2");
  r.options.return_values_on_condition_check_failure = api::ReturnValuesOnConditionCheckFailure::kAllOld;
  auto second = db_->PutItem(r);
  EXPECT_THAT(second, StatusIs(base::ErrorCode::kConditionalCheckFailed, "The conditional request failed"));
  auto* failed = dynamic_cast<const api::ConditionFailedItem*>(second.status().details());
  ASSERT_NE(failed, nullptr);
  EXPECT_EQ(failed->item.at("user_id"), S("u1"));
  EXPECT_EQ(Get("purchase", Key("o1"))->at("user_id"), S("u1"));
}

TEST_F(ItemsTest, ConditionTreesBuiltInCodeDecideWrites) {
  using expr::Condition;
  using expr::Operand;
  using expr::Path;
  auto status_is = [](const char* n) {
    return Condition::Compare(expr::CompareOp::kEq, Operand::FromPath(Path("order_status")),
                              Operand::Value(N(n)));
  };
  auto item = std::optional<model::Item>(Order("o1", "u1", "p1", 101, "1"));
  EXPECT_OK(CheckCondition(nullptr, item, {}));
  Condition in_progress = status_is("101");
  EXPECT_OK(CheckCondition(&in_progress, item, {}));
  Condition completed = status_is("201");
  EXPECT_THAT(CheckCondition(&completed, item, {}),
              StatusIs(base::ErrorCode::kConditionalCheckFailed, "The conditional request failed"));
  // No item: comparisons with a missing attribute are false.
  EXPECT_FALSE(CheckCondition(&in_progress, std::nullopt, {}).ok());
}

TEST_F(ItemsTest, UpdateMovesTheItemInBothIndexesAndReturnsValues) {
  Put(Order("o1", "u1", "p1", 101, "7"));
  api::UpdateItemRequest r;
  r.table_name = "purchase";
  r.key = Key("o1");
  r.update_expression = "SET order_status = :s, order_status_created = :sc";
  r.condition.condition_expression = "order_status = :old";
  r.expression.expression_attribute_values =
      model::Map{{":s", N("201")}, {":sc", S("201_7")}, {":old", N("101")}};
  r.options.return_values = api::ReturnValue::kUpdatedOld;
  auto updated = db_->UpdateItem(r);
  ASSERT_OK(updated);
  EXPECT_EQ(*updated->attributes,
            (model::Item{{"order_status", N("101")}, {"order_status_created", S("101_7")}}));
  // The same conditional update again fails: the status is no longer 101.
  EXPECT_THAT(db_->UpdateItem(r), StatusIs(base::ErrorCode::kConditionalCheckFailed, HasSubstr("conditional")));

  api::QueryRequest q;
  q.read.table_name = "purchase";
  q.read.index_name = "for_product_id";
  q.key_condition_expression = "product_id = :p AND begins_with(order_status_created, :st)";
  q.read.expression.expression_attribute_values = model::Map{{":p", S("p1")}, {":st", S("101_")}};
  EXPECT_EQ(db_->Query(q)->count, 0);
  (*q.read.expression.expression_attribute_values)[":st"] = S("201_");
  EXPECT_EQ(db_->Query(q)->count, 1);
}

// UPDATED_OLD and UPDATED_NEW return what the update's paths name, nested
// ones as fragments of their attribute, as DynamoDB does.
TEST_F(ItemsTest, UpdatedValuesAreTheFragmentsTheUpdateWrote) {
  model::Item order = Order("o1", "u1", "p1", 101, "7");
  order["m"] = model::AttributeValue::M({{"a", N("1")}, {"b", S("keep")}});
  order["l"] = model::AttributeValue::L({N("0"), N("1"), N("2")});
  Put(order);
  auto update = [&](const std::string& expression, api::ReturnValue returned) {
    api::UpdateItemRequest r;
    r.table_name = "purchase";
    r.key = Key("o1");
    r.update_expression = expression;
    if (expression.find(":v") != std::string::npos) {
      r.expression.expression_attribute_values = model::Map{{":v", N("5")}};
    }
    r.options.return_values = returned;
    auto response = db_->UpdateItem(r);
    EXPECT_OK(response);
    return response.ok() ? response->attributes : std::nullopt;
  };
  EXPECT_EQ(update("SET m.a = :v", api::ReturnValue::kUpdatedNew),
            (model::Item{{"m", model::AttributeValue::M({{"a", N("5")}})}}));
  EXPECT_EQ(update("SET m.a = :v, l[1] = :v", api::ReturnValue::kUpdatedOld),
            (model::Item{{"m", model::AttributeValue::M({{"a", N("5")}})},
                         {"l", model::AttributeValue::L({N("1")})}}));
  // Removing answers UPDATED_OLD with what was removed, and UPDATED_NEW with
  // nothing: not with the element that moved into the removed one's place.
  EXPECT_EQ(update("REMOVE l[0]", api::ReturnValue::kUpdatedOld),
            (model::Item{{"l", model::AttributeValue::L({N("0")})}}));
  EXPECT_EQ(update("REMOVE m.a", api::ReturnValue::kUpdatedNew), std::nullopt);
  EXPECT_EQ(update("REMOVE l[0]", api::ReturnValue::kUpdatedNew), std::nullopt);
}

TEST_F(ItemsTest, SeedUpdateWithReservedWordIsRefused) {
  Put(Order("o1", "u1", "p1", 101, "7"));
  api::UpdateItemRequest r;
  r.table_name = "purchase";
  r.key = Key("o1");
  r.update_expression = "SET status = :s";
  r.expression.expression_attribute_values = model::Map{{":s", N("201")}};
  EXPECT_THAT(db_->UpdateItem(r),
              StatusIs(base::ErrorCode::kValidation,
                       "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved "
                       "keyword: status"));
  r.update_expression = "SET #s = :s";
  r.expression.expression_attribute_names = model::ExpressionAttributeNames{{"#s", "status"}};
  ASSERT_OK(db_->UpdateItem(r));
  EXPECT_EQ(Get("purchase", Key("o1"))->at("status"), N("201"));
}

TEST_F(ItemsTest, UpdatingAKeyAttributeIsRefused) {
  api::UpdateItemRequest r;
  r.table_name = "purchase";
  r.key = Key("o1");
  r.update_expression = "SET order_id = :v";
  r.expression.expression_attribute_values = model::Map{{":v", S("o2")}};
  EXPECT_THAT(db_->UpdateItem(r),
              StatusIs(base::ErrorCode::kValidation,
                       HasSubstr("Cannot update attribute order_id. This attribute is part of the key")));
}

TEST_F(ItemsTest, BadItemsAreRefusedAndChangeNothing) {
  auto expect_refused = [&](model::Item item, const std::string& message) {
    api::PutItemRequest r;
    r.table_name = "purchase";
    r.item = std::move(item);
    EXPECT_THAT(db_->PutItem(r), StatusIs(base::ErrorCode::kValidation, HasSubstr(message)));
  };
  expect_refused({{"user_id", S("u")}}, "Missing the key order_id in the item");
  expect_refused({{"order_id", N("1")}}, "Type mismatch for key order_id expected: S actual: N");
  expect_refused({{"order_id", S("")}}, "cannot contain an empty string value. Key: order_id");
  expect_refused({{"order_id", S(std::string(2049, 'k'))}}, "Size of hashkey has exceeded");
  expect_refused({{"order_id", S("o")}, {"user_id", N("3")}},
                 "Type mismatch for Index Key user_id Expected: S Actual: N IndexName: for_user_id");
  expect_refused({{"order_id", S("o")}, {"big", S(std::string(400 * 1024, 'x'))}},
                 "Item size has exceeded the maximum allowed size");
  expect_refused({{"order_id", S("o")}, {"set", model::AttributeValue::SS({})}}, "may not be empty");
  api::PutItemRequest missing_table;
  missing_table.table_name = "nope";
  missing_table.item = {{"order_id", S("o")}};
  EXPECT_THAT(db_->PutItem(missing_table),
              StatusIs(base::ErrorCode::kResourceNotFound, "Requested resource not found"));
  api::GetItemRequest bad_key;
  bad_key.table_name = "purchase";
  bad_key.key = {{"order_id", S("o")}, {"extra", S("x")}};
  EXPECT_THAT(db_->GetItem(bad_key), StatusIs(base::ErrorCode::kValidation,
                                              "The provided key element does not match the schema"));
  EXPECT_EQ(db_->DescribeTable({"purchase"})->item_count, 0);
}

TEST_F(ItemsTest, EmptyStringsAreAllowedOutsideKeys) {
  Put({{"order_id", S("o")}, {"note", S("")}, {"blob", model::AttributeValue::B("")}});
  EXPECT_EQ(Get("purchase", Key("o"))->at("note"), S(""));
}

// Conditional writes to one item are serialized: of many concurrent
// "increment if version = v" writes, exactly as many succeed as the final version.
TEST_F(ItemsTest, ConcurrentConditionalWritesNeverBothSucceed) {
  Put({{"order_id", S("counter")}, {"version", N("0")}});
  std::atomic<int> successes{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto current = Get("purchase", Key("counter"));
        api::UpdateItemRequest r;
        r.table_name = "purchase";
        r.key = Key("counter");
        r.update_expression = "SET version = version + :one";
        r.condition.condition_expression = "version = :seen";
        r.expression.expression_attribute_values =
            model::Map{{":one", N("1")}, {":seen", current->at("version")}};
        if (db_->UpdateItem(r).ok()) ++successes;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(Get("purchase", Key("counter"))->at("version"), N(std::to_string(successes.load())));
  EXPECT_GT(successes.load(), 0);
}

// A write to an indexed table is also charged for the index entries it puts,
// deletes or rewrites, by DynamoDB's rules for index writes.
TEST_F(ItemsTest, WritesAreChargedForTheirIndexEntries) {
  api::PutItemRequest put;
  put.table_name = "purchase";
  put.item = Order("o1", "u1", "p1", 101, "1");
  put.options.return_consumed_capacity = api::ReturnConsumedCapacity::kIndexes;
  auto created = db_->PutItem(put);
  ASSERT_OK(created);
  ASSERT_TRUE(created->consumed_capacity.has_value());
  const api::ConsumedCapacity& c = *created->consumed_capacity;
  EXPECT_EQ(c.total.capacity_units, 3.0);
  ASSERT_TRUE(c.table.has_value());
  EXPECT_EQ(c.table->capacity_units, 1.0);
  ASSERT_EQ(c.global_secondary_indexes.size(), 2u);
  EXPECT_EQ(c.global_secondary_indexes.at("for_user_id").capacity_units, 1.0);
  EXPECT_EQ(c.global_secondary_indexes.at("for_product_id").capacity_units, 1.0);

  auto units_of_update = [&](const std::string& expression, model::Map values) {
    api::UpdateItemRequest u;
    u.table_name = "purchase";
    u.key = Key("o1");
    u.update_expression = expression;
    if (!values.empty()) u.expression.expression_attribute_values = std::move(values);
    u.options.return_consumed_capacity = api::ReturnConsumedCapacity::kTotal;
    auto updated = db_->UpdateItem(u);
    EXPECT_OK(updated);
    return updated.ok() && updated->consumed_capacity ? updated->consumed_capacity->total.capacity_units
                                                      : -1.0;
  };
  // Both indexes' sort key changes: each deletes an entry and puts another.
  EXPECT_EQ(units_of_update("SET order_status_created = :s", {{":s", S("201_1")}}), 5.0);
  // An attribute both indexes project changes: each rewrites its entry.
  EXPECT_EQ(units_of_update("SET note = :n", {{":n", S("gift")}}), 3.0);
  // Nothing changes: no entry is written.
  EXPECT_EQ(units_of_update("SET note = :n", {{":n", S("gift")}}), 1.0);
  // The item leaves the user index (a deletion), and the product index,
  // which projects user_id, rewrites its entry.
  EXPECT_EQ(units_of_update("REMOVE user_id", {}), 3.0);

  api::DeleteItemRequest del;
  del.table_name = "purchase";
  del.key = Key("o1");
  del.options.return_consumed_capacity = api::ReturnConsumedCapacity::kTotal;
  auto deleted = db_->DeleteItem(del);
  ASSERT_OK(deleted);
  EXPECT_EQ(deleted->consumed_capacity->total.capacity_units, 2.0);
}

// ItemCollectionMetrics come only with SIZE and only for tables with a local index.
TEST_F(ItemsTest, ItemCollectionMetricsOnlyForTablesWithALocalIndex) {
  ASSERT_OK(db_->CreateTable(LocalIndexTable("with_lsi", model::ProjectionType::kAll)));
  api::PutItemRequest put;
  put.table_name = "with_lsi";
  put.item = {{"pk", S("a")}, {"sk", N("1")}, {"l", S("l1")}};
  auto plain = db_->PutItem(put);
  ASSERT_OK(plain);
  EXPECT_FALSE(plain->item_collection_metrics.has_value());
  put.options.return_item_collection_metrics = api::ReturnItemCollectionMetrics::kSize;
  auto sized = db_->PutItem(put);
  ASSERT_OK(sized);
  ASSERT_TRUE(sized->item_collection_metrics.has_value());
  EXPECT_EQ(sized->item_collection_metrics->item_collection_key, (model::Item{{"pk", S("a")}}));
  EXPECT_EQ(sized->item_collection_metrics->size_estimate_range_gb, (std::vector<double>{0.0, 1.0}));
  api::DeleteItemRequest del;
  del.table_name = "with_lsi";
  del.key = {{"pk", S("a")}, {"sk", N("1")}};
  del.options.return_item_collection_metrics = api::ReturnItemCollectionMetrics::kSize;
  auto deleted = db_->DeleteItem(del);
  ASSERT_OK(deleted);
  EXPECT_TRUE(deleted->item_collection_metrics.has_value());
  api::PutItemRequest no_lsi;
  no_lsi.table_name = "purchase";
  no_lsi.item = Order("o1", "u1", "p1", 101, "1");
  no_lsi.options.return_item_collection_metrics = api::ReturnItemCollectionMetrics::kSize;
  auto without = db_->PutItem(no_lsi);
  ASSERT_OK(without);
  EXPECT_FALSE(without->item_collection_metrics.has_value());
}

}  // namespace
}  // namespace ordertrack::engine
