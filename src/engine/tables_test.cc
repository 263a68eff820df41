#include <gtest/gtest.h>

#include "engine/engine_test_util.h"

namespace ordertrack::engine {
namespace {

using ::ordertrack::testing::StatusIs;
using ::testing::HasSubstr;

TEST_F(EngineTest, CreateDescribeListDelete) {
  auto created = db_->CreateTable(PurchaseTable());
  ASSERT_OK(created);
  EXPECT_EQ(created->table_status, model::TableStatus::kActive);
  ASSERT_EQ(created->global_secondary_indexes.size(), 2u);
  EXPECT_EQ(created->global_secondary_indexes[0].index_name, "for_user_id");

  auto described = db_->DescribeTable({"purchase"});
  ASSERT_OK(described);
  EXPECT_EQ(described->table_arn, "arn:aws:dynamodb:local:000000000000:table/purchase");
  EXPECT_EQ(described->item_count, 0);
  EXPECT_EQ(described->provisioned_throughput.read_capacity_units, 1);

  auto listed = db_->ListTables({});
  ASSERT_OK(listed);
  EXPECT_EQ(listed->table_names, std::vector<std::string>{"purchase"});

  ASSERT_OK(db_->DeleteTable({"purchase"}));
  EXPECT_THAT(db_->DescribeTable({"purchase"}),
              StatusIs(base::ErrorCode::kResourceNotFound,
                       "Requested resource not found: Table: purchase not found"));
}

TEST_F(EngineTest, DuplicateTableIsInUse) {
  CreatePurchaseTable();
  EXPECT_THAT(db_->CreateTable(PurchaseTable()),
              StatusIs(base::ErrorCode::kResourceInUse, "Table already exists: purchase"));
}

TEST_F(EngineTest, CatalogSurvivesReopen) {
  CreatePurchaseTable();
  Put(Order("o1", "u1", "p1", 101, "1"));
  Reopen();
  auto described = db_->DescribeTable({"purchase"});
  ASSERT_OK(described);
  EXPECT_EQ(described->item_count, 1);
  EXPECT_EQ(described->global_secondary_indexes.size(), 2u);
  EXPECT_EQ(described->global_secondary_indexes[1].item_count, 1);
  EXPECT_TRUE(Get("purchase", {{"order_id", S("o1")}}).has_value());
}

TEST_F(EngineTest, ListTablesPages) {
  for (const char* name : {"aaa", "bbb", "ccc"}) ASSERT_OK(db_->CreateTable(PurchaseTable(name)));
  api::ListTablesRequest r;
  r.limit = 2;
  auto first = db_->ListTables(r);
  ASSERT_OK(first);
  EXPECT_EQ(first->table_names, (std::vector<std::string>{"aaa", "bbb"}));
  ASSERT_TRUE(first->last_evaluated_table_name.has_value());
  r.exclusive_start_table_name = first->last_evaluated_table_name;
  auto second = db_->ListTables(r);
  ASSERT_OK(second);
  EXPECT_EQ(second->table_names, std::vector<std::string>{"ccc"});
  EXPECT_FALSE(second->last_evaluated_table_name.has_value());
  r.limit = 0;
  EXPECT_THAT(db_->ListTables(r), StatusIs(base::ErrorCode::kValidation, HasSubstr("'limit'")));
}

TEST_F(EngineTest, BadTableDefinitionsAreRefused) {
  auto expect_refused = [&](api::CreateTableRequest r, const std::string& message) {
    EXPECT_THAT(db_->CreateTable(r), StatusIs(base::ErrorCode::kValidation, HasSubstr(message)));
  };
  auto r = PurchaseTable("x");
  expect_refused(r, "Member must have length greater than or equal to 3");
  r = PurchaseTable("bad name!");
  expect_refused(r, "regular expression pattern");
  // The same words as the wire decoder, both constraints of an empty name.
  EXPECT_THAT(db_->CreateTable(PurchaseTable("")),
              StatusIs(base::ErrorCode::kValidation,
                       "2 validation errors detected: Value '' at 'tableName' failed to satisfy "
                       "constraint: Member must satisfy regular expression pattern: "
                       "[a-zA-Z0-9_.-]+; Value '' at 'tableName' failed to satisfy constraint: "
                       "Member must have length greater than or equal to 3"));
  r = PurchaseTable();
  r.attribute_definitions.pop_back();
  expect_refused(r, "Some index key attributes are not defined in AttributeDefinitions");
  r = PurchaseTable();
  r.attribute_definitions.push_back({"unused", model::Type::kS});
  expect_refused(r, "Number of attributes in KeySchema does not exactly match");
  r = PurchaseTable();
  while (r.global_secondary_indexes.size() <= 20) {
    auto gsi = r.global_secondary_indexes[0];
    gsi.index_name = "i" + std::to_string(r.global_secondary_indexes.size());
    r.global_secondary_indexes.push_back(gsi);
  }
  expect_refused(r, "GlobalSecondaryIndex count exceeds the per-table limit of 20");
  r = PurchaseTable();
  r.global_secondary_indexes[0].projection = {model::ProjectionType::kInclude, {}};
  expect_refused(r, "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  r = PurchaseTable();
  r.global_secondary_indexes[1].index_name = "for_user_id";
  expect_refused(r, "Duplicate index name: for_user_id");
  r = PurchaseTable();
  api::LocalSecondaryIndex lsi{"local", {{"order_id", model::KeyType::kHash}, {"user_id", model::KeyType::kRange}}, {}};
  r.local_secondary_indexes.push_back(lsi);
  expect_refused(r, "Table KeySchema does not have a range key");
  r = PurchaseTable();
  r.key_schema.push_back({"order_status_created", model::KeyType::kRange});
  r.local_secondary_indexes.push_back({"local", {{"order_id", model::KeyType::kHash}}, {}});
  expect_refused(r, "One or more parameter values were invalid: Index KeySchema does not have a "
                    "range key for index: local");
  r.local_secondary_indexes[0].key_schema = {{"user_id", model::KeyType::kHash},
                                             {"order_status_created", model::KeyType::kRange}};
  expect_refused(r, "Index KeySchema does not have the same leading hash key as table KeySchema "
                    "for index: local. index hash key: user_id, table hash key: order_id");
  r = PurchaseTable();
  r.provisioned_throughput.reset();
  expect_refused(r, "ReadCapacityUnits and WriteCapacityUnits must both be specified");
  r = PurchaseTable();
  r.key_schema = {{"order_id", model::KeyType::kRange}};
  expect_refused(r, "The first KeySchemaElement is not a HASH key type");
  // Nothing was created by any refused request.
  EXPECT_TRUE(db_->ListTables({})->table_names.empty());
}

TEST_F(EngineTest, UpdatesThatChangeNothingAreRefused) {
  auto create = PurchaseTable();
  ASSERT_OK(db_->CreateTable(create));
  const model::ProvisionedThroughput now = *create.provisioned_throughput;
  api::UpdateTableRequest same{"purchase", {}, std::nullopt, now, {}, {}, {}};
  const std::string r = std::to_string(now.read_capacity_units);
  const std::string w = std::to_string(now.write_capacity_units);
  EXPECT_THAT(db_->UpdateTable(same),
              StatusIs(base::ErrorCode::kValidation,
                       "The provisioned throughput for the table will not change. The requested "
                       "value equals the current value. Current ReadCapacityUnits provisioned for "
                       "the table: " + r + ". Requested ReadCapacityUnits: " + r + ". Current "
                       "WriteCapacityUnits provisioned for the table: " + w + ". Requested "
                       "WriteCapacityUnits: " + w + ". Refer to the Amazon DynamoDB Developer "
                       "Guide for current limits and how to request higher limits."));
  api::UpdateTableRequest nothing{"purchase", {}, std::nullopt, std::nullopt, {}, {}, {}};
  EXPECT_THAT(db_->UpdateTable(nothing),
              StatusIs(base::ErrorCode::kValidation,
                       "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                       "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is "
                       "required"));
  nothing.unenforced.deletion_protection_enabled = true;  // accepted and not acted on
  EXPECT_OK(db_->UpdateTable(nothing));
  api::UpdateTableRequest more = same;
  more.provisioned_throughput->read_capacity_units += 1;
  ASSERT_OK(db_->UpdateTable(more));
  EXPECT_EQ(db_->DescribeTable({"purchase"})->provisioned_throughput.read_capacity_units,
            now.read_capacity_units + 1);
}

TEST_F(EngineTest, OnDemandTablesReportTheirBillingMode) {
  auto r = PurchaseTable();
  r.billing_mode = model::BillingMode::kPayPerRequest;
  r.provisioned_throughput.reset();
  for (auto& gsi : r.global_secondary_indexes) gsi.provisioned_throughput.reset();
  auto created = db_->CreateTable(r);
  ASSERT_OK(created);
  EXPECT_EQ(created->billing_mode, model::BillingMode::kPayPerRequest);
}

TEST_F(EngineTest, SwitchingBillingModesReportsWhatDynamoDbReports) {
  ASSERT_OK(db_->CreateTable(PurchaseTable()));
  api::UpdateTableRequest to_on_demand;
  to_on_demand.table_name = "purchase";
  to_on_demand.billing_mode = model::BillingMode::kPayPerRequest;
  EXPECT_FALSE(db_->DescribeTable({"purchase"})->last_update_to_pay_per_request_date_time);
  ASSERT_OK(db_->UpdateTable(to_on_demand));
  auto d = db_->DescribeTable({"purchase"});
  ASSERT_OK(d);
  EXPECT_EQ(d->billing_mode, model::BillingMode::kPayPerRequest);
  ASSERT_TRUE(d->last_update_to_pay_per_request_date_time.has_value());
  const double switched_at = *d->last_update_to_pay_per_request_date_time;
  EXPECT_GE(switched_at, d->creation_date_time);
  EXPECT_EQ(d->provisioned_throughput, model::ProvisionedThroughput{});
  for (const auto& gsi : d->global_secondary_indexes) {
    EXPECT_EQ(gsi.provisioned_throughput.value_or(model::ProvisionedThroughput{}),
              model::ProvisionedThroughput{});
  }
  api::UpdateTableRequest back = to_on_demand;
  back.billing_mode = model::BillingMode::kProvisioned;
  EXPECT_THAT(db_->UpdateTable(back),
              StatusIs(base::ErrorCode::kValidation,
                       "One or more parameter values were invalid: ProvisionedThroughput must be "
                       "specified when BillingMode is PROVISIONED"));
  back.provisioned_throughput = model::ProvisionedThroughput{7, 3};
  EXPECT_THAT(db_->UpdateTable(back),
              StatusIs(base::ErrorCode::kValidation,
                       "One or more parameter values were invalid: ProvisionedThroughput must be "
                       "specified for index: for_user_id,for_product_id"));
  for (const char* index : {"for_user_id", "for_product_id"}) {
    api::GlobalSecondaryIndexUpdate update;
    update.update = api::GlobalSecondaryIndexUpdate::Update{index, {2, 1}};
    back.global_secondary_index_updates.push_back(update);
  }
  ASSERT_OK(db_->UpdateTable(back));
  d = db_->DescribeTable({"purchase"});
  ASSERT_OK(d);
  EXPECT_EQ(d->billing_mode, model::BillingMode::kProvisioned);
  EXPECT_EQ(d->provisioned_throughput, (model::ProvisionedThroughput{7, 3}));
  for (const auto& gsi : d->global_secondary_indexes) {
    EXPECT_EQ(gsi.provisioned_throughput, (model::ProvisionedThroughput{2, 1}));
  }
  // The time it last became on-demand stays, also across a reopen (kept in ms).
  Reopen();
  auto reopened = db_->DescribeTable({"purchase"});
  ASSERT_OK(reopened);
  ASSERT_TRUE(reopened->last_update_to_pay_per_request_date_time.has_value());
  EXPECT_NEAR(*reopened->last_update_to_pay_per_request_date_time, switched_at, 0.001);
  // One index named twice is still refused.
  back.global_secondary_index_updates[1].update->index_name = "for_user_id";
  back.provisioned_throughput = model::ProvisionedThroughput{8, 3};
  EXPECT_THAT(db_->UpdateTable(back),
              StatusIs(base::ErrorCode::kValidation, HasSubstr("Only one global secondary index update per index")));
}

TEST_F(EngineTest, AddedGlobalIndexIsBackfilledAndRemovable) {
  api::CreateTableRequest create = PurchaseTable();
  create.global_secondary_indexes.clear();
  create.attribute_definitions = {{"order_id", model::Type::kS}};
  ASSERT_OK(db_->CreateTable(create));
  for (int i = 0; i < 2000; ++i) {
    Put(Order("o" + std::to_string(i), "u" + std::to_string(i % 10), "p", 101, std::to_string(i)));
  }
  api::UpdateTableRequest update;
  update.table_name = "purchase";
  update.attribute_definitions = {{"user_id", model::Type::kS}, {"order_status_created", model::Type::kS}};
  api::GlobalSecondaryIndexUpdate add;
  add.create = PurchaseTable().global_secondary_indexes[0];
  update.global_secondary_index_updates = {add};
  auto updated = db_->UpdateTable(update);
  ASSERT_OK(updated);
  ASSERT_EQ(updated->global_secondary_indexes.size(), 1u);
  db_->WaitForBackfills();
  auto described = db_->DescribeTable({"purchase"});
  ASSERT_OK(described);
  EXPECT_EQ(described->global_secondary_indexes[0].index_status, model::IndexStatus::kActive);
  EXPECT_EQ(described->global_secondary_indexes[0].item_count, 2000);

  api::QueryRequest q;
  q.read.table_name = "purchase";
  q.read.index_name = "for_user_id";
  q.key_condition_expression = "user_id = :u";
  q.read.expression.expression_attribute_values = model::Map{{":u", S("u3")}};
  auto result = db_->Query(q);
  ASSERT_OK(result);
  EXPECT_EQ(result->count, 200);

  // An update that names no action is refused, and changes nothing.
  update.global_secondary_index_updates = {api::GlobalSecondaryIndexUpdate{}};
  EXPECT_THAT(db_->UpdateTable(update),
              StatusIs(base::ErrorCode::kValidation,
                       "One or more parameter values were invalid: One of "
                       "GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                       "GlobalSecondaryIndexUpdate.Delete must not be null"));
  EXPECT_EQ(db_->DescribeTable({"purchase"})->global_secondary_indexes.size(), 1u);

  api::GlobalSecondaryIndexUpdate drop;
  drop.delete_index_name = "for_user_id";
  update.global_secondary_index_updates = {drop};
  update.attribute_definitions.clear();
  ASSERT_OK(db_->UpdateTable(update));
  EXPECT_THAT(db_->Query(q), StatusIs(base::ErrorCode::kValidation,
                                      "The table does not have the specified index: for_user_id"));
}

TEST_F(EngineTest, TagsAreKeptPerTableAndSurviveReopen) {
  auto create = PurchaseTable();
  create.tags = {{"team", "toys"}};
  ASSERT_OK(db_->CreateTable(create));
  std::string arn = db_->DescribeTable({"purchase"})->table_arn;
  ASSERT_OK(db_->TagResource({arn, {{"env", "dev"}, {"team", "games"}}}));
  ASSERT_OK(db_->UntagResource({arn, {"env"}}));
  EXPECT_THAT(db_->TagResource({arn, {}}),
              StatusIs(base::ErrorCode::kValidation, "Atleast one Tag needs to be provided as Input."));
  EXPECT_THAT(db_->UntagResource({arn, {}}),
              StatusIs(base::ErrorCode::kValidation,
                       "Atleast one Tag Key needs to be provided as Input."));
  Reopen();
  auto tags = db_->ListTagsOfResource({arn, std::nullopt});
  ASSERT_OK(tags);
  ASSERT_EQ(tags->tags.size(), 1u);
  EXPECT_EQ(tags->tags[0].key, "team");
  EXPECT_EQ(tags->tags[0].value, "games");
  EXPECT_THAT(db_->ListTagsOfResource({arn + "x", std::nullopt}),
              StatusIs(base::ErrorCode::kResourceNotFound, HasSubstr("ResourcArn")));
  EXPECT_THAT(db_->TagResource({arn, {{"", "v"}}}), StatusIs(base::ErrorCode::kValidation, HasSubstr("tags.member.key")));
}

TEST_F(EngineTest, TagCallsTellAnArnThatIsNotATablesFromAMissingTable) {
  CreatePurchaseTable();
  std::string arn = db_->DescribeTable({"purchase"})->table_arn;
  // Any partition, region and account: clients build ARNs from their own settings.
  ASSERT_OK(db_->TagResource({"arn:aws:dynamodb:eu-west-1:123456789012:table/purchase", {{"k", "v"}}}));
  EXPECT_EQ(db_->ListTagsOfResource({arn, std::nullopt})->tags.size(), 1u);
  for (std::string bad : {arn + "/index/for_user_id", std::string("I_do_not_exist"),
                          std::string("arn:aws:s3:local:000000000000:table/purchase"),
                          std::string("arn:aws:dynamodb:local:000000000000:table/a")}) {
    EXPECT_THAT(db_->ListTagsOfResource({bad, std::nullopt}),
                StatusIs(base::ErrorCode::kValidation,
                         "Invalid TableArn: Invalid ResourceArn provided as input " + bad));
  }
  EXPECT_THAT(db_->TagResource({"", {{"k", "v"}}}),
              StatusIs(base::ErrorCode::kValidation, "Invalid TableArn"));
  EXPECT_THAT(db_->UntagResource({arn + "x", {"k"}}),
              StatusIs(base::ErrorCode::kResourceNotFound,
                       "Requested resource not found: ResourcArn: " + arn + "x not found"));
}

TEST_F(EngineTest, TimeToLiveSettingsRoundTrip) {
  CreatePurchaseTable();
  EXPECT_EQ(db_->DescribeTimeToLive({"purchase"})->time_to_live_status, "DISABLED");
  ASSERT_OK(db_->UpdateTimeToLive({"purchase", {true, "expires"}}));
  auto d = db_->DescribeTimeToLive({"purchase"});
  EXPECT_EQ(d->time_to_live_status, "ENABLED");
  EXPECT_EQ(d->attribute_name, "expires");
  EXPECT_THAT(db_->UpdateTimeToLive({"purchase", {true, "expires"}}),
              StatusIs(base::ErrorCode::kValidation, "TimeToLive is already enabled"));
  const std::string at = "' at 'timeToLiveSpecification.attributeName' failed to satisfy "
                         "constraint: Member must have length ";
  EXPECT_THAT(db_->UpdateTimeToLive({"purchase", {false, ""}}),
              StatusIs(base::ErrorCode::kValidation,
                       "1 validation error detected: Value '" + at + "greater than or equal to 1"));
  const std::string long_name(256, 'x');
  EXPECT_THAT(db_->UpdateTimeToLive({"no_such_table", {true, long_name}}),
              StatusIs(base::ErrorCode::kValidation, "1 validation error detected: Value '" +
                                                         long_name + at + "less than or equal to 255"));
  EXPECT_EQ(db_->DescribeTimeToLive({"purchase"})->attribute_name, "expires");
}

}  // namespace
}  // namespace ordertrack::engine
