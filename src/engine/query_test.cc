#include <gtest/gtest.h>

#include <set>

#include "engine/engine_test_util.h"

namespace ordertrack::engine {
namespace {

using ::ordertrack::testing::StatusIs;
using ::testing::HasSubstr;

class QueryTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    CreatePurchaseTable();
  }

  // The seed's get_user_orders: legacy KeyConditions with BETWEEN on the GSI.
  api::QueryRequest SeedUserOrders(const std::string& user, int64_t limit) {
    api::QueryRequest q;
    q.read.table_name = "purchase";
    q.read.index_name = "for_user_id";
    q.key_conditions = model::LegacyConditions{
        {"user_id", {model::ComparisonOperator::kEq, {S(user)}}},
        {"order_status_created", {model::ComparisonOperator::kBetween, {S("100_0"), S("202_0")}}}};
    q.read.limit = limit;
    return q;
  }

  // Runs `q` page by page; returns the order ids in order.
  std::vector<std::string> AllPages(api::QueryRequest q, int* pages = nullptr) {
    std::vector<std::string> ids;
    int n = 0;
    while (true) {
      auto page = db_->Query(q);
      EXPECT_OK(page);
      if (!page.ok()) break;
      ++n;
      for (const auto& item : page->items) ids.push_back(item.at("order_id").s());
      if (!page->last_evaluated_key) break;
      q.read.exclusive_start_key = page->last_evaluated_key;
    }
    if (pages) *pages = n;
    return ids;
  }
};

TEST_F(QueryTest, SeedQueryPagesExactlyAcrossRepeatedIndexKeys) {
  // 25 orders share one order_status_created value: the index key repeats.
  for (int i = 0; i < 25; ++i) Put(Order("o" + std::to_string(100 + i), "u1", "p", 101, "5"));
  for (int i = 0; i < 5; ++i) Put(Order("c" + std::to_string(i), "u1", "p", 201, "6"));
  for (int i = 0; i < 5; ++i) Put(Order("x" + std::to_string(i), "u1", "p", 301, "6"));
  Put(Order("other", "u2", "p", 101, "5"));
  int pages = 0;
  auto ids = AllPages(SeedUserOrders("u1", 10), &pages);
  EXPECT_EQ(ids.size(), 30u);  // in_progress and completed, not canceled
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 30u);
  EXPECT_EQ(pages, 3);
  // In progress (101_...) sort before completed (201_...).
  EXPECT_EQ(ids.front().substr(0, 1), "o");
  EXPECT_EQ(ids.back().substr(0, 1), "c");
}

// With INDEXES, a query of a global index is charged to that index.
TEST_F(QueryTest, IndexReadsAreChargedToTheIndex) {
  Put(Order("o1", "u1", "p", 101, "5"));
  api::QueryRequest q = SeedUserOrders("u1", 10);
  q.read.return_consumed_capacity = api::ReturnConsumedCapacity::kIndexes;
  auto page = db_->Query(q);
  ASSERT_OK(page);
  ASSERT_TRUE(page->consumed_capacity.has_value());
  const api::ConsumedCapacity& c = *page->consumed_capacity;
  EXPECT_EQ(c.total.capacity_units, 0.5);
  ASSERT_TRUE(c.table.has_value());
  EXPECT_EQ(c.table->capacity_units, 0);
  ASSERT_EQ(c.global_secondary_indexes.count("for_user_id"), 1u);
  EXPECT_EQ(c.global_secondary_indexes.at("for_user_id").capacity_units, 0.5);
  EXPECT_TRUE(c.local_secondary_indexes.empty());
}

TEST_F(QueryTest, BackwardQueriesReverseTheOrder) {
  for (int i = 0; i < 5; ++i) Put(Order("o" + std::to_string(i), "u1", "p", 101, std::to_string(10 + i)));
  auto q = SeedUserOrders("u1", 2);
  auto forward = AllPages(q);
  q.scan_index_forward = false;
  auto backward = AllPages(q);
  std::reverse(backward.begin(), backward.end());
  EXPECT_EQ(forward, backward);
  EXPECT_EQ(forward, (std::vector<std::string>{"o0", "o1", "o2", "o3", "o4"}));
}

TEST_F(QueryTest, SortKeyConditions) {
  for (int i = 0; i < 10; ++i) Put(Order("o" + std::to_string(i), "u1", "p", 101, std::to_string(i)));
  auto count = [&](const std::string& condition, model::Map values) {
    api::QueryRequest q;
    q.read.table_name = "purchase";
    q.read.index_name = "for_user_id";
    q.key_condition_expression = "user_id = :u AND " + condition;
    values[":u"] = S("u1");
    q.read.expression.expression_attribute_values = values;
    q.read.select = api::Select::kCount;
    auto r = db_->Query(q);
    EXPECT_OK(r);
    EXPECT_TRUE(r->items.empty());
    return r.ok() ? r->count : -1;
  };
  EXPECT_EQ(count("order_status_created = :v", {{":v", S("101_3")}}), 1);
  {
    // The sort key's equality may come first.
    api::QueryRequest q;
    q.read.table_name = "purchase";
    q.read.index_name = "for_user_id";
    q.key_condition_expression = "order_status_created = :v AND user_id = :u";
    q.read.expression.expression_attribute_values = model::Map{{":v", S("101_3")}, {":u", S("u1")}};
    auto r = db_->Query(q);
    ASSERT_OK(r);
    EXPECT_EQ(r->count, 1);
  }
  EXPECT_EQ(count("order_status_created < :v", {{":v", S("101_3")}}), 3);
  EXPECT_EQ(count("order_status_created <= :v", {{":v", S("101_3")}}), 4);
  EXPECT_EQ(count("order_status_created > :v", {{":v", S("101_3")}}), 6);
  EXPECT_EQ(count("order_status_created >= :v", {{":v", S("101_3")}}), 7);
  EXPECT_EQ(count("order_status_created BETWEEN :a AND :b", {{":a", S("101_2")}, {":b", S("101_4")}}), 3);
  EXPECT_EQ(count("begins_with(order_status_created, :v)", {{":v", S("101_")}}), 10);
}

TEST_F(QueryTest, FilterAndProjection) {
  for (int i = 0; i < 6; ++i) Put(Order("o" + std::to_string(i), "u1", "p" + std::to_string(i % 2), 101, std::to_string(i)));
  api::QueryRequest q = SeedUserOrders("u1", 4);
  q.key_conditions.reset();
  q.key_condition_expression = "user_id = :u";
  q.read.filter_expression = "product_id = :p";
  q.read.projection.projection_expression = "order_id, created";
  q.read.expression.expression_attribute_values = model::Map{{":u", S("u1")}, {":p", S("p0")}};
  auto page = db_->Query(q);
  ASSERT_OK(page);
  EXPECT_EQ(page->scanned_count, 4);  // Limit counts items read, before the filter
  EXPECT_EQ(page->count, 2);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].size(), 2u);
  EXPECT_TRUE(page->last_evaluated_key.has_value());
}

TEST_F(QueryTest, PagesStopAtOneMegabyte) {
  std::string big(100 * 1024, 'x');
  for (int i = 0; i < 25; ++i) {
    auto order = Order("o" + std::to_string(i), "u1", "p", 101, std::to_string(i));
    order["blob"] = S(big);
    Put(order);
  }
  api::QueryRequest q = SeedUserOrders("u1", 100);
  auto page = db_->Query(q);
  ASSERT_OK(page);
  EXPECT_LT(page->count, 25);
  EXPECT_GE(page->count, 9);
  EXPECT_TRUE(page->last_evaluated_key.has_value());
  EXPECT_EQ(AllPages(q).size(), 25u);
}

TEST_F(QueryTest, BadQueriesAreRefused) {
  auto q = SeedUserOrders("u1", 0);
  EXPECT_THAT(db_->Query(q), StatusIs(base::ErrorCode::kValidation, HasSubstr("Member must have value greater than or equal to 1")));
  q = SeedUserOrders("u1", 10);
  q.read.index_name = "nope";
  EXPECT_THAT(db_->Query(q), StatusIs(base::ErrorCode::kValidation, "The table does not have the specified index: nope"));
  q = SeedUserOrders("u1", 10);
  q.read.consistent_read = true;
  EXPECT_THAT(db_->Query(q), StatusIs(base::ErrorCode::kValidation, "Consistent reads are not supported on global secondary indexes"));
  q = SeedUserOrders("u1", 10);
  q.read.exclusive_start_key = model::Item{{"order_id", S("o1")}};
  EXPECT_THAT(db_->Query(q), StatusIs(base::ErrorCode::kValidation, HasSubstr("The provided starting key is invalid")));
  q = SeedUserOrders("u1", 10);
  q.read.exclusive_start_key = Order("o1", "u2", "p", 101, "5");
  q.read.exclusive_start_key->erase("created");
  q.read.exclusive_start_key->erase("order_status");
  q.read.exclusive_start_key->erase("product_id");
  EXPECT_THAT(db_->Query(q), StatusIs(base::ErrorCode::kValidation,
                                      "The provided starting key does not match the range key predicate"));
  q = SeedUserOrders("u1", 10);
  (*q.key_conditions)["user_id"].attribute_value_list = {N("1")};
  EXPECT_THAT(db_->Query(q), StatusIs(base::ErrorCode::kValidation, HasSubstr("Condition parameter type does not match schema type")));
  q = SeedUserOrders("u1", 10);
  q.key_conditions.reset();
  q.key_condition_expression = "user_id = :u";
  q.read.filter_expression = "order_status_created > :x";
  q.read.expression.expression_attribute_values = model::Map{{":u", S("u1")}, {":x", S("1")}};
  EXPECT_THAT(db_->Query(q), StatusIs(base::ErrorCode::kValidation,
                                      "Filter Expression can only contain non-primary key "
                                      "attributes: Primary key attribute: order_status_created"));
  // Legacy key conditions with an expression filter: the two forms do not mix.
  q = SeedUserOrders("u1", 10);
  q.read.filter_expression = "attribute_exists(x)";
  EXPECT_THAT(db_->Query(q), StatusIs(base::ErrorCode::kValidation,
                                      "Can not use both expression and non-expression parameters "
                                      "in the same request: Non-expression parameters: "
                                      "{KeyConditions} Expression parameters: {FilterExpression}"));
  api::QueryRequest wrong_key;
  wrong_key.read.table_name = "purchase";
  wrong_key.key_condition_expression = "user_id = :u";
  wrong_key.read.expression.expression_attribute_values = model::Map{{":u", S("u")}};
  EXPECT_THAT(db_->Query(wrong_key), StatusIs(base::ErrorCode::kValidation, "Query condition missed key schema element: order_id"));
}

TEST_F(QueryTest, ParallelScanSegmentsPartitionTheTable) {
  for (int i = 0; i < 300; ++i) Put(Order("o" + std::to_string(i), "u", "p", 101, "1"));
  std::multiset<std::string> seen;
  for (int segment = 0; segment < 4; ++segment) {
    api::ScanRequest s;
    s.read.table_name = "purchase";
    s.segment = segment;
    s.total_segments = 4;
    s.read.limit = 50;
    while (true) {
      auto page = db_->Scan(s);
      ASSERT_OK(page);
      for (const auto& item : page->items) seen.insert(item.at("order_id").s());
      if (!page->last_evaluated_key) break;
      s.read.exclusive_start_key = page->last_evaluated_key;
    }
  }
  EXPECT_EQ(seen.size(), 300u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 300u);
  api::ScanRequest bad;
  bad.read.table_name = "purchase";
  bad.segment = 4;
  bad.total_segments = 4;
  EXPECT_THAT(db_->Scan(bad), StatusIs(base::ErrorCode::kValidation, HasSubstr("Segment parameter is zero-based")));
}

}  // namespace
}  // namespace ordertrack::engine

namespace ordertrack::engine {
namespace {

// A local index that projects only keys still answers from the whole item
// when asked for ALL_ATTRIBUTES, a filter or a projection.
TEST_F(EngineTest, LocalIndexReadsUnprojectedAttributesFromTheTable) {
  ASSERT_OK(db_->CreateTable(LocalIndexTable("lsi", model::ProjectionType::kKeysOnly)));
  api::PutItemRequest put;
  put.table_name = "lsi";
  put.item = {{"pk", S("a")}, {"sk", N("1")}, {"l", S("l1")}, {"payload", S("x")}};
  ASSERT_OK(db_->PutItem(put));
  api::QueryRequest q;
  q.read.table_name = "lsi";
  q.read.index_name = "by_l";
  q.key_condition_expression = "pk = :p";
  q.read.expression.expression_attribute_values = model::Map{{":p", S("a")}};
  auto projected = db_->Query(q);
  ASSERT_OK(projected);
  ASSERT_EQ(projected->items.size(), 1u);
  EXPECT_EQ(projected->items[0].count("payload"), 0u);
  q.read.select = api::Select::kAllAttributes;
  auto all = db_->Query(q);
  ASSERT_OK(all);
  EXPECT_EQ(all->items[0].at("payload"), S("x"));
  q.read.select = api::Select::kDefault;
  q.read.filter_expression = "payload = :x";
  (*q.read.expression.expression_attribute_values)[":x"] = S("x");
  auto filtered = db_->Query(q);
  ASSERT_OK(filtered);
  EXPECT_EQ(filtered->count, 1);
}

}  // namespace
}  // namespace ordertrack::engine
