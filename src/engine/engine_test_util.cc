#include "engine/engine_test_util.h"

namespace ordertrack::engine {

api::CreateTableRequest PurchaseTable(std::string name) {
  api::CreateTableRequest r;
  r.table_name = std::move(name);
  r.attribute_definitions = {{"order_id", model::Type::kS},
                             {"user_id", model::Type::kS},
                             {"product_id", model::Type::kS},
                             {"order_status_created", model::Type::kS}};
  r.key_schema = {{"order_id", model::KeyType::kHash}};
  r.provisioned_throughput = model::ProvisionedThroughput{1, 1};
  for (const char* index : {"user_id", "product_id"}) {
    api::GlobalSecondaryIndex gsi;
    gsi.index_name = std::string("for_") + index;
    gsi.key_schema = {{index, model::KeyType::kHash},
                      {"order_status_created", model::KeyType::kRange}};
    gsi.projection.projection_type = model::ProjectionType::kAll;
    gsi.provisioned_throughput = model::ProvisionedThroughput{1, 1};
    r.global_secondary_indexes.push_back(gsi);
  }
  return r;
}

api::CreateTableRequest LocalIndexTable(std::string name, model::ProjectionType projection) {
  api::CreateTableRequest r;
  r.table_name = std::move(name);
  r.billing_mode = model::BillingMode::kPayPerRequest;
  r.attribute_definitions = {{"pk", model::Type::kS}, {"sk", model::Type::kN}, {"l", model::Type::kS}};
  r.key_schema = {{"pk", model::KeyType::kHash}, {"sk", model::KeyType::kRange}};
  r.local_secondary_indexes = {
      {"by_l", {{"pk", model::KeyType::kHash}, {"l", model::KeyType::kRange}}, {projection, {}}}};
  return r;
}

model::Item Order(const std::string& id, const std::string& user, const std::string& product,
                  int status, const std::string& created) {
  return {{"order_id", S(id)},
          {"user_id", S(user)},
          {"product_id", S(product)},
          {"created", N(created)},
          {"order_status", N(std::to_string(status))},
          {"order_status_created", S(std::to_string(status) + "_" + created)}};
}

void EngineTest::Reopen(EngineOptions options) {
  db_.reset();
  auto db = EmbeddedDynamoDb::Open(dir_.path(), std::move(options));
  ASSERT_OK(db);
  db_ = std::move(db).value();
}

void EngineTest::CreatePurchaseTable() { ASSERT_OK(db_->CreateTable(PurchaseTable())); }

void EngineTest::Put(const model::Item& item) {
  api::PutItemRequest r;
  r.table_name = "purchase";
  r.item = item;
  ASSERT_OK(db_->PutItem(r));
}

std::optional<model::Item> EngineTest::Get(const std::string& table, const model::Item& key) {
  api::GetItemRequest r;
  r.table_name = table;
  r.key = key;
  r.consistent_read = true;
  auto got = db_->GetItem(r);
  EXPECT_OK(got);
  return got.ok() ? got->item : std::nullopt;
}

}  // namespace ordertrack::engine
